"""Consonant skeletons: find a Latin-script place from its Arabic or Cyrillic spelling.

Arabic writes few vowels and renders foreign sounds with the nearest letter (v → ف, p → ب,
g → غ/ج); Cyrillic and Latin spellings of one name differ in vowels and digraphs. Reducing
every spelling to the consonants it shares, in sound classes, makes `أرنافوتكوي`,
`Арнавуткёй` and `Arnavutköy` meet on `rnftk` without anyone writing an alias.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from geo.normalize import has_arabic, name_key

MIN_SKELETON = 3

# Order matters: longer spellings of one sound first.
_DIGRAPHS = (
    ("tch", "c"), ("tsh", "c"), ("sch", "s"), ("ch", "c"), ("sh", "s"), ("zh", "j"),
    ("kh", "k"), ("gh", "g"), ("th", "t"), ("dh", "d"), ("ph", "f"), ("ck", "k"),
    ("qu", "k"), ("dj", "j"), ("dzh", "j"), ("ng", "n"), ("x", "ks"),
)
_CLASSES = str.maketrans({"q": "k", "c": "k", "v": "f", "p": "b", "z": "s"})
_DROP = re.compile(r"[^bdfgjklmnrst]")
_REPEAT = re.compile(r"(.)\1+")


def romanize(text: str) -> str:
    """Lower-case ASCII transliteration of a name in any script (Arabic without its article)."""
    if has_arabic(text):
        text = name_key(text)
    return anyascii(text).lower()


def skeleton(text: str) -> str:
    """The consonant skeleton of a name; empty when too short to be telling."""
    s = romanize(text)
    for spelled, sound in _DIGRAPHS:
        s = s.replace(spelled, sound)
    s = _DROP.sub("", s.translate(_CLASSES))
    s = _REPEAT.sub(r"\1", s)
    return s if len(s) >= MIN_SKELETON else ""
