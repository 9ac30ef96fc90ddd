"""Which language an article is in, when nobody said (lingua, loaded on first use)."""

from __future__ import annotations

from functools import lru_cache

from geo.errors import InvalidInput
from extract.types import LANGUAGES

SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _detector():
    from lingua import LanguageDetectorBuilder

    # All languages, so that a Polish or Japanese article is named as such and refused,
    # instead of being forced into the nearest supported language.
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; `InvalidInput` if undetectable or unsupported."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        raise InvalidInput("no words to detect a language from")
    found = _detector().detect_language_of(sample)
    if found is None:
        raise InvalidInput("language could not be detected; give it with --lang")
    code = found.iso_code_639_1.name.lower()
    if code not in LANGUAGES:
        raise InvalidInput(f"language {found.name.title()} ({code}) is not supported "
                           f"(supported: {', '.join(LANGUAGES)})")
    return code
