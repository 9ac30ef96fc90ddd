"""Find the names in a spaCy Doc: places from the gazetteer, and people, demonyms, titles from the lexicon.

`scan` is the matcher: for each token that may start a name it extends the span token by
token while the gazetteer's key trie says a longer name could still match, keeps the longest
match, and does the same against the language lexicon. `select` keeps the longest of
overlapping matches; `filters` drop false friends (common words, person names, tone-less
matches of accented text). All pure functions of the Doc and the data passed in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import marisa_trie
from spacy.tokens import Doc

from extract.body import in_spans
from extract.lexicon import Lexicon
from geo.normalize import arabic_proclitic_variants, fold_key, has_arabic, is_latin, name_key

MAX_NAME_TOKENS = 8
CASED_LANGS = frozenset({"en", "ru", "uk", "fr", "de", "es", "tr", "vi"})
# Tokens that may sit inside a name ("Mát-xcơ-va", "Homyel'", "St. Louis"); any other
# punctuation ends it.
_JOINERS = frozenset({"-", "‐", "–", "'", "’", ".", "·"})
PRIORITY = {"capital": 4, "person": 3, "demonym": 2, "title": 1, "place": 0}


@dataclass(frozen=True, slots=True)
class Found:
    """A span of text matched against the gazetteer or the lexicon."""

    start: int  # character offsets in the Doc's text
    end: int
    kind: str  # place | person | demonym | title | capital
    value: object = None  # place: (exact?) ; person: people ; demonym/capital: country code
    first_token: int = 0
    last_token: int = 0
    lookup: str = ""  # the name to look up: the span without proclitics, "للرياض" read as "الرياض"
    person_like: bool = False  # placed like a person's name: after a title, before a capitalised word
    clitics: bool = False  # read without Arabic proclitics ("وزيرا" as "زيرا")

    @property
    def length(self) -> int:
        return self.end - self.start


def _token_keys(doc: Doc) -> list[tuple[str, str]]:
    keys = []
    for t in doc:
        k = name_key(t.text)
        keys.append((k, fold_key(k)))
    return keys


def _skip_letters(text: str, n: int) -> int:
    # Character offset after the first n letters (tashkeel marks do not count).
    seen = 0
    for i, ch in enumerate(text):
        if seen == n:
            return i
        if unicodedata.category(ch) != "Mn":
            seen += 1
    return len(text)


def _readings(token_text: str) -> list[tuple[str, int]]:
    """The token as it starts a name: itself, and for Arabic without its proclitics (key, char offset)."""
    if not has_arabic(token_text):
        return [(token_text, 0)]
    # Each removed proclitic is one written letter, also in "للرياض" (ل + الرياض, alef elided).
    return [(variant, _skip_letters(token_text, removed)) for variant, removed in arabic_proclitic_variants(token_text)]


def _has_prefix(trie: marisa_trie.Trie, prefix: str) -> bool:
    for _ in trie.iterkeys(prefix):
        return True
    return False


def _can_extend(doc: Doc, j: int) -> bool:
    t = doc[j]
    return not t.is_space and (not t.is_punct or t.text in _JOINERS) and "\n" not in t.whitespace_


def scan(doc: Doc, *, trie: marisa_trie.Trie, lexicon: Lexicon, body: Sequence[tuple[int, int]],
         transliterable: Callable[[str, str], bool] | None = None) -> list[Found]:
    """Every place, person, demonym and title match in the body of the Doc (overlapping).

    `transliterable(word, previous_word)` says whether a word the trie does not know is a
    foreign place name written in this script (`منطقة أرنافوتكوي`); asked only of non-Latin words.
    """
    keys = _token_keys(doc)
    text = doc.text  # Doc.text joins every token on each call
    found: list[Found] = []
    n = len(doc)
    for i, tok in enumerate(doc):
        if tok.is_punct or tok.is_space or tok.like_num or not in_spans(tok.idx, tok.idx + len(tok.text), body):
            continue
        for reading, offset in _readings(tok.text):
            start = tok.idx + offset
            first_key = name_key(reading)
            if not first_key:
                continue
            first_fold = fold_key(first_key)
            # Places: extend while the trie has longer keys with this prefix.
            key, fold = first_key, first_fold
            best = None
            j = i
            while True:
                exact = key in trie
                if (exact or fold in trie) and not doc[j].is_punct:
                    best = (j, exact)
                if j + 1 >= n or j + 1 - i >= MAX_NAME_TOKENS or not _can_extend(doc, j + 1) or not (
                        _has_prefix(trie, key) or _has_prefix(trie, fold)):
                    break
                j += 1
                key += keys[j][0]
                fold += keys[j][1]
            if best is not None:
                j, exact = best
                end = doc[j].idx + len(doc[j].text)
                if _capitalised(doc, i, j, reading):
                    lookup = reading + text[tok.idx + len(tok.text):end]
                    s, e = _trim(text, start, end)
                    if e > s:
                        found.append(Found(s, e, "place", exact, i, j, lookup, clitics=offset > 0))
            elif (transliterable is not None and i > 0 and not is_latin(reading)
                  and transliterable(reading, doc[i - 1].text)):
                s, e = _trim(text, start, tok.idx + len(tok.text))
                if e > s:
                    found.append(Found(s, e, "place", False, i, i, reading, clitics=offset > 0))
            # Lexicon phrases: people, demonyms, titles (short lists: plain dict lookups).
            key = first_key
            if key not in lexicon.first_keys:
                continue
            for j in range(i, min(n, i + lexicon.max_phrase_tokens)):
                if j > i:
                    if not _can_extend(doc, j):
                        break
                    key += keys[j][0]
                hit = lexicon.phrase(key)
                if hit is not None:
                    kind, value = hit
                    if kind == "person" and _cased(reading) and not reading[:1].isupper():
                        continue  # "rubio" (blond), "price": surnames are capitalised
                    s, e = _trim(text, start, doc[j].idx + len(doc[j].text))
                    if e > s:
                        found.append(Found(s, e, kind, value, i, j))
    return found


def _cased(word: str) -> bool:
    return word[:1].lower() != word[:1].upper()


def _capitalised(doc: Doc, i: int, j: int, reading: str) -> bool:
    # In cased scripts (Latin, Cyrillic, Greek, whatever the article's language) a name starts
    # or ends with a capital: "Biển Đen", "vùng Gomel", "Mát-xcơ-va"; "page" in a banner is no place.
    words = [doc[k].text for k in range(i, j + 1) if doc[k].is_alpha]
    if not words or not (_cased(reading) or _cased(words[-1])):
        return True
    return reading[:1].isupper() or words[-1][:1].isupper()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    # A token can carry punctuation the tokenizer left on it ("الرياض»."): not part of the name.
    while end > start and unicodedata.category(text[end - 1])[0] in "PS":
        end -= 1
    while start < end and unicodedata.category(text[start])[0] in "PS":
        start += 1
    return start, end


def select(found: Sequence[Found]) -> list[Found]:
    """Non-overlapping matches: the longest wins, then the more specific kind."""
    ordered = sorted(found, key=lambda f: (-f.length, -PRIORITY[f.kind], f.start))
    taken: list[Found] = []
    occupied: list[tuple[int, int]] = []
    for f in ordered:
        if any(f.start < b and a < f.end for a, b in occupied):
            continue
        taken.append(f)
        occupied.append((f.start, f.end))
    return sorted(taken, key=lambda f: f.start)


MIN_KEY_CHARS = 3
_CJK_LANGS = frozenset({"zh", "ja"})


def _too_short_or_function_word(text: str, lookup: str, lang: str, stop_words: frozenset[str]) -> bool:
    if lang in _CJK_LANGS:
        return len(text) < 2
    if text.isupper() and len(text) >= 2:
        return False  # "US", "UAE", "РФ": abbreviations are written in capitals
    if len(name_key(lookup or text)) < MIN_KEY_CHARS:
        return True
    return text.casefold() in stop_words or (lookup or text).casefold() in stop_words


def filter_places(doc: Doc, found: Sequence[Found], *, lexicon: Lexicon,
                  stop_words: frozenset[str] = frozenset(), sentence_starts: frozenset[int] = frozenset()) -> list[Found]:
    """Drop place matches that are function words, common words, or parts of a person's name."""
    by_last_token = {f.last_token: f for f in found}
    by_first_token = {f.first_token: f for f in found}
    out = []
    doc_text = doc.text
    for f in found:
        if f.kind != "place":
            out.append(f)
            continue
        text = doc_text[f.start:f.end]
        single = f.first_token == f.last_token
        if single and text.casefold() in lexicon.common_words and not text.isupper():
            continue
        if single and _too_short_or_function_word(text, f.lookup, lexicon.lang, stop_words):
            continue
        before = by_last_token.get(f.first_token - 1)
        after = by_first_token.get(f.last_token + 1)
        if after is not None and after.kind == "person" and single:
            continue  # "Vladimir Putin", "فلاديمير بوتين"
        after_title = before is not None and before.kind == "title"
        before_name = (lexicon.lang in CASED_LANGS and after is None and f.last_token + 1 < len(doc)
                       and doc[f.last_token + 1].is_alpha and doc[f.last_token + 1].text[:1].isupper()
                       and f.last_token + 1 not in sentence_starts)
        if single and (after_title or before_name):
            f = replace(f, person_like=True)  # "President Vladimir", "Anton Herashchenko"
        out.append(f)
    return out
