"""The nominative of an inflected name in Russian and Ukrainian, with pymorphy3's dictionaries.

Russian and Ukrainian decline place names: "в Стамбуле" (in Istanbul), "из Москвы" (from Moscow),
"у Києві" (in Kyiv), while the gazetteer holds the nominative ("Стамбул", "Москва", "Київ"). The
scanner reads a capitalised Cyrillic word as written and, where the analyser knows other forms of
it, as each nominative it may stand for; the mention keeps the inflected word's offsets. The
analyser is loaded once per language, on first use (about 0.15 s). German needs less: a name's
genitive adds -s ("Russlands", "Frankreichs"), which is taken off a word that is no name itself.
"""

from __future__ import annotations

from functools import lru_cache

MORPH_LANGS = frozenset({"ru", "uk"})
_GENITIVE_S_LANGS = frozenset({"de"})
MAX_PARSES = 4  # the analyser's likeliest readings of a word; later ones are rare senses
_CACHE_WORDS = 50_000
# The lower-case generic words that end place names, by their first letters: "області" (oblast),
# "море" (sea), "районі" (district), "острові" (island), "заливе" (gulf), "проливе" (strait)…
_GENERIC_STEMS = ("облас", "район", "море", "моря", "морі", "морю", "морем", "озер", "залив", "затоц", "заток",
                  "край", "краю", "крае", "краї", "краєм", "краем", "пролив", "протоц", "остров", "острів",
                  "полуостр", "півостр", "губерн", "округ", "провинц", "провінц")
# (ending, nominative ending) of the oblique cases of place names, for words the dictionary lacks
_ENDINGS = {
    "ru": (("е", "а"), ("е", ""), ("ы", "а"), ("и", "а"), ("и", "я"), ("у", "а"), ("а", ""), ("ом", ""), ("ой", "а")),
    "uk": (("і", "а"), ("і", "я"), ("і", ""), ("и", "а"), ("у", "а"), ("а", ""), ("ом", ""), ("ою", "а")),
}


@lru_cache(maxsize=len(MORPH_LANGS))
def _analyzer(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def _cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _as_written(form: str, word: str) -> str:
    # The analyser answers in lower case: give each hyphenated part the original's capital.
    if word.isupper():
        return form.upper()
    parts, originals = form.split("-"), word.split("-")
    if len(parts) != len(originals):
        return form[:1].upper() + form[1:]
    return "-".join(p[:1].upper() + p[1:] if o[:1].isupper() else p for p, o in zip(parts, originals))


@lru_cache(maxsize=_CACHE_WORDS)
def nominatives(word: str, lang: str) -> tuple[str, ...]:
    if lang in _GENITIVE_S_LANGS:
        return _without_genitive_s(word)
    return _nominatives(word, lang)


def _without_genitive_s(word: str) -> tuple[str, ...]:
    # German writes a country's or city's genitive with -s: "Russlands", "Chinas", "Berlins"
    if not word[:1].isupper() or not word.endswith("s") or len(word) < 5 or word.isupper():
        return ()
    return (word[:-1],)


def _nominatives(word: str, lang: str) -> tuple[str, ...]:
    """The nominative forms a capitalised Cyrillic word may be an inflection of, other than itself
    ("Стамбуле" → ("Стамбул",), "Саудовской" → ("Саудовская",)); () for other words."""
    if lang not in MORPH_LANGS or not _cyrillic(word) or not (
            word[:1].isupper() or word.startswith(_GENERIC_STEMS)):
        return ()
    out = []
    parses = _analyzer(lang).parse(word.lower())
    if not any(p.is_known for p in parses[:MAX_PARSES]):
        # A name the dictionary lacks ("Джидді"): the usual case endings of its kind, undone.
        lower = word.lower()
        out += [_as_written(lower[:-len(end)] + base, word) for end, base in _ENDINGS.get(lang, ())
                if lower.endswith(end) and len(lower) - len(end) >= 3]
    for parse in parses[:MAX_PARSES]:
        if "nomn" in parse.tag and "sing" in parse.tag:
            continue  # already a nominative: the word itself is looked up
        form = parse.inflect({"nomn", "sing"}) or parse.inflect({"nomn"})
        text = form.word if form is not None else parse.normal_form
        out.append(_as_written(text, word))
    return tuple(dict.fromkeys(f for f in out if f and f != word))
