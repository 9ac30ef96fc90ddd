"""Script-aware normalisation of place names into lookup keys.

Two keys per name: `name_key` keeps diacritics and tone marks (so `Huế` and `Huê` stay apart
when both are known), `fold_key` drops them as the fallback. Both remove case, spacing,
hyphens and apostrophes (`Mát-xcơ-va` and `Matxcơva` differ only in a tone mark) and apply the
Arabic letter unification that Arabic news spelling varies on.
"""

from __future__ import annotations

import re
import unicodedata

from geo.errors import InvalidInput

MAX_NAME_LENGTH = 200

# Arabic letters written interchangeably in news copy, unified to one form.
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
        "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي",
        "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه",
        "ؤ": "و", "ۆ": "و", "ۇ": "و", "ۋ": "و",
        "ئ": "ي",
        "ڤ": "ف", "ڨ": "ق",
        "پ": "ب",
        "گ": "ك", "ک": "ك", "ڭ": "ك",
        "چ": "ج", "ژ": "ز",
    }
)
# Tashkeel (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# Everything that separates or decorates a name without changing it.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_'’‘ʼʻ`´\".,·()\[\]/\\:;!?«»“”„]+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_LATIN_EXTRA = str.maketrans(
    {"đ": "d", "ø": "o", "ł": "l", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th",
     "ð": "d", "ħ": "h", "ŀ": "l", "ʹ": "", "ʺ": ""}
)
_ARTICLE = "ال"


def clean(text: str) -> str:
    """Validate a raw name and return it NFKC-normalised, trimmed, without control characters."""
    if not isinstance(text, str):
        raise InvalidInput(f"a place name must be text, not {type(text).__name__}")
    if len(text) > MAX_NAME_LENGTH * 4:
        raise InvalidInput(f"name too long ({len(text)} characters; at most {MAX_NAME_LENGTH})")
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    text = _INVISIBLE.sub("", text)
    text = " ".join(text.split())
    if not text:
        raise InvalidInput("empty place name")
    if len(text) > MAX_NAME_LENGTH:
        raise InvalidInput(f"name too long ({len(text)} characters; at most {MAX_NAME_LENGTH})")
    return text


def has_arabic(text: str) -> bool:
    """Whether the text contains Arabic-script letters."""
    return _ARABIC_LETTER.search(text) is not None


def is_latin(text: str) -> bool:
    """Whether every letter of the text is Latin (Vietnamese and Turkish included)."""
    return all(ord(ch) < 0x250 or "\u1e00" <= ch <= "\u1eff" or not ch.isalpha() for ch in text)


def normalize_arabic(text: str) -> str:
    """Unify Arabic letter variants and drop tashkeel and tatweel."""
    return _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)


def _strip_article(token: str) -> str:
    # The definite article is spelled into Arabic place names inconsistently
    # (الدوحة / دوحة), so keys never carry it.
    if token.startswith(_ARTICLE) and len(token) > len(_ARTICLE) + 1:
        return token[len(_ARTICLE):]
    return token


def _casefold(text: str) -> str:
    # Turkish dotted capital I folds to i + combining dot; the dot carries no meaning here.
    return unicodedata.normalize("NFC", text.casefold().replace("i\u0307", "i"))


def name_key(text: str) -> str:
    """Exact lookup key: case, spacing, punctuation and Arabic spelling variants removed."""
    text = _casefold(unicodedata.normalize("NFKC", text))
    text = _INVISIBLE.sub("", text)
    if has_arabic(text):
        # The article is ال without hamza; أل begins names such as ألمانيا and ألما, so the
        # article is taken off before the alef forms are unified.
        text = _ARABIC_MARKS.sub("", text)
        text = " ".join(_strip_article(t) for t in text.split()).translate(_ARABIC_LETTERS)
    return _SEPARATORS.sub("", text)


def fold_key(key: str) -> str:
    """Fallback key of an exact key: diacritics and tone marks dropped."""
    decomposed = unicodedata.normalize("NFD", key)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped.translate(_LATIN_EXTRA))


def keys(text: str) -> tuple[str, str]:
    """The exact and the folded key of a name."""
    exact = name_key(text)
    return exact, fold_key(exact)


_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")


def arabic_proclitic_variants(text: str) -> list[tuple[str, int]]:
    """Readings of an Arabic name with its attached proclitics (و ف ب ل ك) removed.

    Returns `(text, number_of_clitics_removed)`, the unstripped reading first; `للرياض`
    reads as `ل + الرياض`.
    """
    text = _ARABIC_MARKS.sub("", text)
    first, _, rest = text.partition(" ")
    tail = f" {rest}" if rest else ""
    readings: list[tuple[str, int]] = [(first, 0)]
    seen = {first}

    def add(word: str, removed: int) -> None:
        if len(word) >= 2 and word not in seen:
            seen.add(word)
            readings.append((word, removed))

    conj_stripped = [(first, 0)]
    if first[:1] in _CONJUNCTIONS:
        conj_stripped.append((first[1:], 1))
        add(first[1:], 1)
    for word, removed in conj_stripped:
        if word.startswith("لل") and len(word) > 3:
            add(_ARTICLE + word[2:], removed + 1)
        elif word[:1] in _PREPOSITIONS:
            add(word[1:], removed + 1)
    return [(word + tail, removed) for word, removed in readings]
