"""spaCy pipelines, one per language, built from a blank language and diplomap's own components.

No model is downloaded: tokenisation comes from spaCy's language data (Vietnamese split on
spaces and punctuation, syllable by syllable; Chinese character by character), sentences from
the rule-based sentencizer, and places from the `diplomap_places` component, fed by the cached
gazetteer and the language lexicon.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from extract.lexicon import lexicon
from geo.gazetteer import Gazetteer

_GAZETTEERS: dict[str, Gazetteer] = {}


def register_gazetteer(gazetteer: Gazetteer) -> str:
    """Make a gazetteer available to pipeline components by name (spaCy configs hold only data)."""
    name = str(gazetteer.path)
    _GAZETTEERS[name] = gazetteer
    return name


def registered_gazetteer(name: str) -> Gazetteer:
    """The gazetteer registered under a name."""
    return _GAZETTEERS[name]


def _punctuation_tokenizer(nlp: Language) -> Tokenizer:
    # spaCy's Vietnamese tokenizer without pyvi splits on spaces only, leaving "Arabia." whole.
    from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES

    return Tokenizer(nlp.vocab, prefix_search=compile_prefix_regex(TOKENIZER_PREFIXES).search,
                     suffix_search=compile_suffix_regex(TOKENIZER_SUFFIXES).search,
                     infix_finditer=compile_infix_regex(TOKENIZER_INFIXES).finditer)


def build_pipeline(lang: str, gazetteer: Gazetteer) -> Language:
    """A blank pipeline for a language with the sentencizer and the place component."""
    import extract.components  # noqa: F401  (registers the factories)

    if lang == "vi":
        nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
        nlp.tokenizer = _punctuation_tokenizer(nlp)
    else:
        nlp = spacy.blank(lang)
    lexicon(lang)  # load (and validate) the language data now, not mid-article
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("diplomap_places", config={"gazetteer": register_gazetteer(gazetteer)})
    return nlp
