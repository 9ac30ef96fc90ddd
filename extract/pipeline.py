"""spaCy pipelines, one per language, built from a blank language and diplomap's own components.

No model is downloaded: tokenisation comes from spaCy's language data (Vietnamese split on
spaces and punctuation, syllable by syllable; Chinese character by character), sentences from
a punctuation rule (the sentencizer's), and places from the `diplomap_places` component, fed by
the cached gazetteer and the language lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import compress

import numpy
import spacy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from spacy.vocab import Vocab

from extract.lexicon import lexicon
from geo.gazetteer import Gazetteer

TEXT_KEY = "diplomap_text"  # the Doc's text, kept by the tokenizer: Doc.text rebuilds it token by token
_GAZETTEERS: dict[str, Gazetteer] = {}
_CHUNKS = re.compile(r"\S+ ?|\s+")


def register_gazetteer(gazetteer: Gazetteer) -> str:
    """Make a gazetteer available to pipeline components by name (spaCy configs hold only data)."""
    name = str(gazetteer.path)
    _GAZETTEERS[name] = gazetteer
    return name


def registered_gazetteer(name: str) -> Gazetteer:
    """The gazetteer registered under a name."""
    return _GAZETTEERS[name]


def doc_text(doc: Doc) -> str:
    """The text of a Doc, without rebuilding it when the tokenizer kept it."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


class ChunkCachingTokenizer:
    """A spaCy tokenizer run once per distinct whitespace-separated chunk of text; keeps the text.

    spaCy's own cache stops caching for the rest of a Doc once a special case (`don't`,
    `St.`) has been met, so English text was tokenised by regular expressions word after word.
    Splitting on whitespace is what spaCy does first; each chunk's tokens are then the same
    as spaCy's (special cases containing spaces aside, which no language we use has). A
    tokenizer without special cases caches well by itself and is only called (`chunked=False`).

    The cache holds two generations of at most `max_chunks` chunks: when the newer one is
    full it becomes the older one and the chunks still met are copied forward, so memory
    stays bounded over any number of articles while the words that recur stay cached (on the
    English corpora, 20,000 a generation misses 15.0% of chunks where an unbounded cache
    misses 14.2%, the chunks never seen before).

    A chunk's tokens are kept as their ids in the vocabulary, which the Doc takes without hashing
    each token's text again.
    """

    def __init__(self, tokenizer: Callable[[str], Doc], vocab: Vocab, *, chunked: bool = True,
                 max_chunks: int = 20_000) -> None:
        self.tokenizer = tokenizer
        self.vocab = vocab
        self.chunked = chunked
        self.max_chunks = max_chunks
        self._chunks: dict[str, tuple[tuple[int, ...], tuple[bool, ...]]] = {}
        self._older: dict[str, tuple[tuple[int, ...], tuple[bool, ...]]] = {}

    def _learn(self, chunks: list[str]) -> dict[str, tuple[tuple[int, ...], tuple[bool, ...]]]:
        # The splits of chunks the newer generation lacks, remembered there: from the older
        # generation, else tokenised all in one call (a Doc per word costs more than the word's
        # tokenisation), the words joined by a space and cut again after each token a space follows.
        learned = {}
        new = []
        for chunk in dict.fromkeys(chunks):
            split = self._older.get(chunk)
            if split is None and chunk[0].isspace():
                # A chunk is a word with the one space that may follow it ("Riyadh "), or a run
                # of other whitespace, which is a token of its own.
                split = ((self.vocab[chunk].orth,), (False,))
            if split is None:
                new.append(chunk)
            else:
                learned[chunk] = split
        if new:
            words = [chunk[:-1] if chunk[-1] == " " else chunk for chunk in new]
            doc = self.tokenizer(" ".join(words))
            ids, spaced = doc.to_array([ORTH, SPACY]).T.tolist()
            cuts = [i + 1 for i in compress(range(len(ids)), spaced)]
            cuts.append(len(ids))
            for chunk, word, start, end in zip(new, words, [0, *cuts], cuts):
                learned[chunk] = (tuple(ids[start:end]), (False,) * (end - start - 1) + (word is not chunk,))
        for chunk, split in learned.items():
            if len(self._chunks) >= self.max_chunks:
                self._older, self._chunks = self._chunks, {}
            self._chunks[chunk] = split
        return learned

    def __call__(self, text: str) -> Doc:
        if not self.chunked:
            doc = self.tokenizer(text)
            doc.user_data[TEXT_KEY] = text
            return doc
        words: list[int] = []
        spaces: list[bool] = []
        chunks = _CHUNKS.findall(text)
        known = self._chunks  # after a change of generation, the older one: still right
        missing = [chunk for chunk in chunks if chunk not in known]
        learned = self._learn(missing) if missing else {}
        for chunk in chunks:
            split = known.get(chunk) or learned[chunk]
            words += split[0]
            spaces += split[1]
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text
        return doc


@Language.factory("diplomap_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    """Factory: sentence boundaries after sentence-final punctuation (the sentencizer's rule)."""
    return SentenceSplitter(name)


class SentenceSplitter:
    """spaCy's sentencizer rule, read from the token ids and punctuation flags as arrays.

    A sentence starts at the first token after sentence-final punctuation that is not itself
    punctuation.
    """

    def __init__(self, name: str = "diplomap_sentences") -> None:
        self.name = name
        # Ids of the sentence-final marks, sorted for searchsorted: string ids are hashes, the
        # same in every vocabulary, so no per-word memo is needed (and none grows).
        self.final = numpy.array(sorted({get_string_id(c) for c in Sentencizer.default_punct_chars}), dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        ids = doc.to_array([ORTH, IS_PUNCT])
        at = numpy.minimum(numpy.searchsorted(self.final, ids[:, 0]), len(self.final) - 1)
        # 2 sentence-final, 1 other punctuation, 0 word
        kinds = numpy.where(self.final[at] == ids[:, 0], 2, ids[:, 1].astype("int64"))
        # A sentence starts at the first word after each sentence-final mark.
        words = numpy.flatnonzero(kinds == 0)
        after = numpy.searchsorted(words, numpy.flatnonzero(kinds == 2), side="right")
        starts = numpy.full(len(doc), -1, dtype="int64")
        starts[0] = 1
        starts[words[after[after < len(words)]]] = 1
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
        return doc


def sentence_ids(doc: Doc) -> list[int]:
    """The sentence number of every token of a Doc with sentence boundaries."""
    starts = doc.to_array(SENT_START).astype("int64")
    starts[0] = 1
    return (numpy.cumsum(starts == 1) - 1).tolist()


_APOSTROPHE_SUFFIX_LANGS = frozenset({"tr"})
_APOSTROPHE_SUFFIX = r"(?<=\w)['’][a-zçğıöşüâîû]{1,6}"


def _punctuation_tokenizer(nlp: Language) -> Tokenizer:
    # spaCy's Vietnamese tokenizer without pyvi splits on spaces only, leaving "Arabia." whole.
    from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES

    return Tokenizer(nlp.vocab, prefix_search=compile_prefix_regex(TOKENIZER_PREFIXES).search,
                     suffix_search=compile_suffix_regex(TOKENIZER_SUFFIXES).search,
                     infix_finditer=compile_infix_regex(TOKENIZER_INFIXES).finditer)


def build_pipeline(lang: str, gazetteer: Gazetteer) -> Language:
    """A blank pipeline for a language with sentence boundaries and the place component."""
    import extract.components  # noqa: F401  (registers the factories)

    if lang == "vi":
        nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
        nlp.tokenizer = _punctuation_tokenizer(nlp)
    else:
        nlp = spacy.blank(lang)
    if lang in _APOSTROPHE_SUFFIX_LANGS and isinstance(nlp.tokenizer, Tokenizer):
        # Turkish writes a proper noun's case ending after an apostrophe: "Ankara'da" (in Ankara),
        # "Moskova'ya" (to Moscow); the name is the part before it.
        nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, _APOSTROPHE_SUFFIX]).search
    if isinstance(nlp.tokenizer, Tokenizer):
        nlp.tokenizer = ChunkCachingTokenizer(nlp.tokenizer, nlp.vocab, chunked=bool(nlp.tokenizer.rules))
    lexicon(lang)  # load (and validate) the language data now, not mid-article
    nlp.add_pipe("diplomap_sentences")
    nlp.add_pipe("diplomap_places", config={"gazetteer": register_gazetteer(gazetteer)})
    return nlp
