"""Article in, places, dates and meetings out: the extractor that `diplomap extract` runs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from spacy.language import Language

from extract.body import body_spans
from extract.dates import find_dates
from extract.meetings import find_meetings
from extract.sentences import split_sentences
from extract.components import BODY_KEY, COUNTRIES_KEY, MENTIONS_KEY, PUBLISHED_KEY
from extract.language import detect_language
from extract.lexicon import lexicon
from extract.pipeline import build_pipeline
from extract.types import Article, CountryRef, Extraction, Mention
from geo.errors import InvalidInput
from geo.gazetteer import Gazetteer

MAX_TEXT_CHARS = 1_000_000


class Geoparser:
    """Finds and resolves the places of articles in any supported language."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._pipelines: dict[str, Language] = {}

    @classmethod
    def open(cls, path: Path | None = None, *, progress: bool = False) -> Geoparser:
        """A geoparser on the cached gazetteer (built first if needed)."""
        return cls(Gazetteer.open(path, progress=progress))

    def pipeline(self, lang: str) -> Language:
        """The spaCy pipeline of a language, built on first use."""
        if lang not in self._pipelines:
            self._pipelines[lang] = build_pipeline(lang, self.gazetteer)
        return self._pipelines[lang]

    def parse(self, article: Article) -> Extraction:
        """The places, country references, dates and meetings of one article."""
        article, body, places, countries = self._places(article)
        lang = article.lang
        sentences = tuple(split_sentences(article.text, body))
        dates = tuple(find_dates(article.text, lang=lang, published=article.published, spans=body))
        meetings = find_meetings(article.text, lang=lang, published=article.published, sentences=sentences,
                                 places=places, countries=countries, dates=dates)
        return Extraction(article=article, places=places, countries=countries, meetings=meetings,
                          sentences=sentences, dates=dates)

    def places(self, article: Article) -> tuple[tuple[Mention, ...], tuple[CountryRef, ...]]:
        """The places and country references of one article alone (what `parse` finds first)."""
        _, _, places, countries = self._places(article)
        return places, countries

    def _places(self, article: Article) -> tuple[Article, list[tuple[int, int]], tuple[Mention, ...],
                                                   tuple[CountryRef, ...]]:
        # The article with its language, its body spans, its places and country references.
        if len(article.text) > MAX_TEXT_CHARS:
            raise InvalidInput(f"article {article.id}: text too long ({len(article.text):,} characters; "
                               f"at most {MAX_TEXT_CHARS:,})")
        lang = article.lang or detect_language(article.text)
        if lang != article.lang:
            article = replace(article, lang=lang)
        nlp = self.pipeline(lang)
        lex = lexicon(lang)
        doc = nlp.make_doc(article.text)
        doc.user_data[BODY_KEY] = body_spans(article.text, end_markers=lex.body_end, junk_markers=lex.junk_lines)
        doc.user_data[PUBLISHED_KEY] = article.published
        for _, component in nlp.pipeline:
            doc = component(doc)
        return (article, doc.user_data[BODY_KEY], tuple(doc.user_data[MENTIONS_KEY]),
                tuple(doc.user_data[COUNTRIES_KEY]))
