"""People's given names and surnames, so that "Mary", "Flores" or "Wilkinson" are read as people.

The lists are the US Census Bureau's (1990: 5,494 given names, 88,799 surnames with their
frequency), as the `names` package ships them. They are used only for Latin-script text, where a
personal name and a place's obscure alternate name ("Wilkinson" for Putnam, Connecticut) collide.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

from wordfreq import zipf_frequency

# Languages whose news writes people's names the Western way, for which the lists are read.
# (Vietnamese names are in the lists too, but Vietnamese writes "Nga", "Anh" for countries.)
NAME_LANGS = frozenset({"en", "fr", "de", "es", "tr", "ru", "uk"})
# Surnames rarer than this rank are too rare to outweigh a place name that happens to match them.
SURNAME_RANK = 20_000
# A word rarer than this in the language, not in the lists, may still be a surname.
RARE_ZIPF = 3.0


def _read(filename: str, limit: int | None = None) -> frozenset[str]:
    path = resources.files("names") / filename
    out = set()
    with path.open(encoding="ascii") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            name = line.split(maxsplit=1)[0] if line.strip() else ""
            if name:
                out.add(name.casefold())
    return frozenset(out)


@cache
def given_names() -> frozenset[str]:
    """Casefolded given names (male and female)."""
    return _read("dist.male.first") | _read("dist.female.first")


@cache
def surnames() -> frozenset[str]:
    """Casefolded surnames, the `SURNAME_RANK` most frequent."""
    return _read("dist.all.last", SURNAME_RANK)


@lru_cache(maxsize=65536)
def word_frequency(word: str, lang: str) -> float:
    """Zipf frequency of a word in a language (wordfreq; 0 when unknown)."""
    try:
        return zipf_frequency(word, lang)
    except (ImportError, LookupError, ValueError):
        return 0.0


def could_be_surname(word: str, lang: str, common_words: frozenset[str] = frozenset()) -> bool:
    """Whether a capitalised word after a given name reads as a surname ("Wheeler", "Okonkwo")
    rather than the head of an organisation's name ("Park", "Fire", "Metropolitan")."""
    folded = word.casefold()
    if folded in common_words:
        return False
    return folded in surnames() or word_frequency(folded, lang) < RARE_ZIPF


def is_personal_name(word: str) -> bool:
    """Whether a word is a common given name or surname."""
    folded = word.casefold()
    return folded in given_names() or folded in surnames()
