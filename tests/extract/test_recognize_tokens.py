"""The fast tokenizer and sentence splitter give what spaCy's own would, so places are found the same."""

import pytest
import spacy

from extract.pipeline import ChunkCachingTokenizer, SentenceSplitter, doc_text, sentence_ids
from tests.conftest import SAMPLES

TEXTS = [
    "The U.S. and Russia met in St. Louis, Mo., on Tuesday; they didn't agree.  Mr. Smith left.\n\nNext line",
    "  leading spaces,\ttabs\t\tand a trailing space ",
    "Gov. Brown (D-Calif.) said: \"We're in Washington's hands\"... and left at 5 p.m. \n",
    "وصل الوفد الروسي إلى الرياض، والتقى بالأمريكيين في قصر الدرعية.\nثم غادر.",
    "Cuộc gặp tại Ả rập Xê út. Mát-xcơ-va và Oa-sinh-tơn (Mỹ) đã đồng ý!",
    "See https://example.com/a-b?c=d, e-mail me :) at 10:30am for $5.00 (100km) -- O'Neill's U.K.-based co.",
    "",
    "\n",
]


def _tokens(doc):
    return [(t.text, t.whitespace_) for t in doc]


@pytest.mark.parametrize("lang", ["en", "ar", "ru", "fr", "de", "es", "tr"])
@pytest.mark.parametrize("text", TEXTS)
def test_the_chunk_cache_tokenizes_like_spacy(lang, text):
    nlp = spacy.blank(lang)
    fast = ChunkCachingTokenizer(nlp.tokenizer, nlp.vocab)
    for _ in range(2):  # the second time from the cache
        doc = fast(text)
        assert _tokens(doc) == _tokens(nlp.tokenizer(text))
        assert doc.text == text and doc_text(doc) == text


def test_the_chunk_cache_on_the_seed_articles():
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for lang in ("ar", "en"):
            nlp = spacy.blank(lang)
            assert _tokens(ChunkCachingTokenizer(nlp.tokenizer, nlp.vocab)(text)) == _tokens(nlp.tokenizer(text))


def test_the_chunk_cache_is_bounded_and_still_tokenizes_like_spacy():
    nlp = spacy.blank("en")
    fast = ChunkCachingTokenizer(nlp.tokenizer, nlp.vocab, max_chunks=10)
    doc = fast(" ".join(f"w{i}" for i in range(100)))
    assert len(doc) == 100 and len(fast._chunks) <= 10 and len(fast._older) <= 10
    text = " ".join(f"U.S. w{i} don't," for i in range(40))  # recurring chunks across generations
    for _ in range(3):
        assert _tokens(fast(text)) == _tokens(nlp.tokenizer(text))
        assert len(fast._chunks) <= 10 and len(fast._older) <= 10


@pytest.mark.parametrize("text", TEXTS + ["Wait... what?! Yes. (Really.) No", "One sentence without a stop"])
def test_sentences_split_like_the_sentencizer(text):
    nlp = spacy.blank("en")
    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    doc = SentenceSplitter()(nlp.make_doc(text))
    expected = reference(text)
    assert [s.start for s in doc.sents] == [s.start for s in expected.sents]
    if len(doc):
        ids = sentence_ids(doc)
        assert ids[0] == 0 and len(set(ids)) == len(list(expected.sents))
