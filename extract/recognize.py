"""Find the names in a spaCy Doc: places from the gazetteer, and people, demonyms, titles from the lexicon.

`scan` is the matcher: for each token that may start a name it extends the span token by
token while the gazetteer's key trie says a longer name could still match, keeps the longest
match, and does the same against the language lexicon. `select` keeps the longest of
overlapping matches; `filters` drop false friends (common words, person names, tone-less
matches of accented text). All pure functions of the Doc's tokens and the data passed in.

Speed: a news article has a thousand tokens but a few hundred distinct words, and most words
recur from article to article, so everything the scanner asks of a token (its keys, whether it
can start a name, whether the trie has names beginning with it) is computed once per distinct
word by `Vocabulary` and read from the token ids of the Doc.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import marisa_trie
from spacy.attrs import IDX, ORTH
from spacy.tokens import Doc

from extract.lexicon import Lexicon
from extract.morph import nominatives
from extract.names import NAME_LANGS, could_be_surname, given_names, surnames
from geo.normalize import arabic_proclitic_variants, fold_key, has_arabic, is_latin, name_key

MAX_NAME_TOKENS = 8
CASED_LANGS = frozenset({"en", "ru", "uk", "fr", "de", "es", "tr", "vi"})
# Languages whose names of several words begin and end with a capitalised word ("New York",
# "Rio de Janeiro"): "It is", "We are", "As a" are not names, though "Itis" may be a village.
# Not Vietnamese, where transliterated names go on in lower case ("Ả rập Xê út").
STRICT_CASE_LANGS = frozenset({"en", "ru", "uk", "fr", "de", "es", "tr"})
TONAL_LANGS = frozenset({"vi"})  # a name read without its tones is another name
# Languages whose place names end in a lower-case generic word ("область", "море"), of at least
# MIN_GENERIC_LETTERS letters
LOWERCASE_TAIL_LANGS, MIN_GENERIC_LETTERS = frozenset({"ru", "uk"}), 4
# Tokens that may sit inside a name ("Mát-xcơ-va", "Homyel'", "St. Louis"); any other
# punctuation ends it.
_JOINERS = frozenset({"-", "‐", "–", "'", "’", ".", "·"})
_HYPHENS = frozenset({"-", "‐", "–"})
# Clitics that end a name: "Canada's" is Canada, not "Cañadas"; "We're" is not "Were".
_POSSESSIVES = frozenset(q + c for q in "'’" for c in ("s", "re", "ve", "d", "ll", "m", "t")) | {"n't", "n’t"}
PRIORITY = {"capital": 4, "person": 3, "demonym": 2, "title": 1, "place": 0}
_CACHE_LIMIT = 500_000


@dataclass(slots=True)  # not frozen: built by the thousand per article, never changed after
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
    doubtful: bool = False  # where a small place is unlikely: "Wal-Mart", "Andrew Trapani" (not "Atlanta-area")

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Reading:
    """A way a word can begin a name: itself, or (Arabic) without its proclitics."""

    text: str
    offset: int  # characters of proclitics skipped
    key: str
    fold: str
    in_trie: bool  # the reading alone is a gazetteer key (exact or folded)
    prefix: bool  # some gazetteer key begins with the reading: a name can start here
    exact: bool  # ... as an exact key
    phrase: bool  # the reading's key begins the key of a lexicon phrase
    hit: tuple[str, object] | None  # the lexicon phrase the reading is by itself, if any
    capitalised: bool  # written as a name would be, read alone (see `_capitalised`)
    clean_start: bool  # begins with neither punctuation nor a symbol (nothing to trim)


@dataclass(frozen=True, slots=True)
class Word:
    """What the scanner needs to know of one distinct token text."""

    text: str
    key: str
    fold: str
    alpha: bool
    punct: bool
    inner: bool  # may sit inside a name: not a space, not punctuation other than a joiner, not a possessive
    starts: bool  # may start a name: not punctuation, space or a number
    upper: bool  # begins with a capital letter
    lower: bool  # written in lower case in a cased script (no capital letter at all)
    cased: bool  # written in a script with letter case
    latin: bool
    place_word: bool  # introduces a place name ("منطقة"): a rare word after it may be transliterated
    clean_end: bool  # ends with neither punctuation nor a symbol
    possessive: bool  # "'s": inside a name only where the name goes on ("Democratic People's Republic of Korea")
    readings: tuple[Reading, ...]
    # may start a match: not a Latin-script word that begins no gazetteer key and no lexicon phrase
    scans: bool
    # the word's nominatives, read where it continues a name ("Саудовской Аравии": Саудовская Аравия)
    alts: tuple[Reading, ...] = ()
    facility: bool = False  # a facility word or noun of the lexicon ("Street", "roundabout"): see extract.facilities


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokens of a Doc as the scanner reads them: words, character offsets, the text."""

    words: list[Word]
    starts: list[int]
    text: str
    sentences: list[int]  # sentence number of each token

    def end(self, i: int) -> int:
        """Character offset after token i."""
        return self.starts[i] + len(self.words[i].text)


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
    """The token as it starts a name: itself, and for Arabic without its proclitics (text, char offset)."""
    if not has_arabic(token_text):
        return [(token_text, 0)]
    # Each removed proclitic is one written letter, also in "للرياض" (ل + الرياض, alef elided).
    return [(variant, _skip_letters(token_text, removed)) for variant, removed in arabic_proclitic_variants(token_text)]


def _cased(word: str) -> bool:
    return word[:1].lower() != word[:1].upper()


class Vocabulary:
    """Per-word facts and trie answers, computed once per distinct word for one trie and lexicon."""

    def __init__(self, trie: marisa_trie.Trie, lexicon: Lexicon) -> None:
        self.trie = trie
        self.lexicon = lexicon
        self._by_orth: dict[int, Word] = {}
        self._prefix: dict[str, bool] = {}
        self.known_prefixes = self._prefix  # read directly by the scanner's inner loop

    def has_prefix(self, key: str) -> bool:
        """Whether some gazetteer key starts with `key` (memoised: words recur)."""
        known = self._prefix.get(key)
        if known is None:
            if len(self._prefix) >= _CACHE_LIMIT:
                self._prefix.clear()
            known = False
            for _ in self.trie.iterkeys(key):
                known = True
                break
            self._prefix[key] = known
        return known

    def word(self, doc: Doc, orth: int) -> Word:
        """The facts of the word with this id."""
        w = self._by_orth.get(orth)
        if w is None:
            if len(self._by_orth) >= _CACHE_LIMIT:
                self._by_orth.clear()
            w = self._by_orth[orth] = self._make(doc, orth)
        return w

    def _make(self, doc: Doc, orth: int) -> Word:
        lex = doc.vocab[orth]
        text = lex.orth_
        key = name_key(text)
        starts = bool(key) and not (lex.is_punct or lex.is_space or lex.like_num)
        readings = []
        if starts:
            # (Russian, Ukrainian: an inflected name is also read as its nominative, "Стамбуле" as "Стамбул")
            # (German: a genitive "Russlands" read as "Russland"; only a word that is no name itself)
            variants = _readings(text)
            forms = nominatives(text, self.lexicon.lang)
            if forms and not (key in self.trie or fold_key(key) in self.trie):
                variants += [(form, 0) for form in forms]
            for reading, offset in variants:
                k = name_key(reading)
                if not k:
                    continue
                f = fold_key(k)
                exact = k in self.trie
                capitalised = not lex.is_alpha or not (_cased(reading) or _cased(text)) or (
                    reading[:1].isupper() or text[:1].isupper())
                readings.append(Reading(reading, offset, k, f, exact or f in self.trie,
                                        self.has_prefix(k) or self.has_prefix(f), exact,
                                        k in self.lexicon.key_prefixes, self.lexicon.phrase(k), capitalised,
                                        not _trimmable(text[offset:offset + 1])))
        folded = fold_key(key)
        return Word(text=text, key=key, fold=folded, alpha=lex.is_alpha, punct=lex.is_punct,
                    inner=not lex.is_space and (not lex.is_punct or text in _JOINERS) and text.casefold() not in _POSSESSIVES,
                    starts=starts,
                    upper=text[:1].isupper(), lower=_cased(text) and text.islower(), cased=_cased(text),
                    latin=is_latin(text),
                    place_word=key in self.lexicon.place_words, clean_end=not _trimmable(text[-1:]),
                    possessive=text.casefold() in _POSSESSIVES,
                    readings=tuple(readings),
                    scans=bool(readings) and (not is_latin(text) or any(r.prefix or r.phrase for r in readings)),
                    alts=tuple(r for r in readings if r.offset == 0 and r.text != text),
                    facility=folded in self.lexicon.facility_words or folded in self.lexicon.facility_nouns)

    def tokens(self, doc: Doc, text: str, sentences: list[int]) -> Tokens:
        """The Doc's tokens as words and offsets."""
        word = self.word
        known = self._by_orth
        words = [known.get(o) or word(doc, o) for o in doc.to_array(ORTH).tolist()]
        return Tokens(words, doc.to_array(IDX).tolist(), text, sentences)


def _token_ranges(tokens: Tokens, body: Sequence[tuple[int, int]]) -> list[range]:
    # Tokens that lie wholly inside each body span.
    starts = tokens.starts
    out = []
    for a, b in body:
        i = bisect.bisect_left(starts, a)
        j = bisect.bisect_right(starts, b)
        while j > i and tokens.end(j - 1) > b:
            j -= 1
        if j > i:
            out.append(range(i, j))
    return out


def scan(tokens: Tokens, *, vocabulary: Vocabulary, body: Sequence[tuple[int, int]],
         transliterable: Callable[[str, str], bool] | None = None) -> list[Found]:
    """Every place, person, demonym and title match in the body of the Doc (overlapping).

    `transliterable(word, previous_key)` says whether a word the trie does not know is a
    foreign place name written in this script (`منطقة أرنافوتكوي`); asked only of non-Latin words.
    """
    trie = vocabulary.trie
    has_prefix = vocabulary.has_prefix
    known_prefix = vocabulary.known_prefixes.get
    lexicon = vocabulary.lexicon
    phrase_prefixes = lexicon.key_prefixes
    max_phrase = lexicon.max_phrase_tokens
    phrase = lexicon.phrase
    phrase_words = lexicon.phrase_words
    strict = lexicon.lang in STRICT_CASE_LANGS
    lowercase_tail = lexicon.lang in LOWERCASE_TAIL_LANGS
    tonal = lexicon.lang in TONAL_LANGS
    words, offsets, text = tokens.words, tokens.starts, tokens.text
    found: list[Found] = []
    n = len(words)
    for span in _token_ranges(tokens, body):
        for i in span:
            w = words[i]
            if not w.scans:
                continue
            tok_start = offsets[i]
            tok_end = tok_start + len(w.text)
            # In a strict-case language no place name starts with a lower-case word ("it is").
            skip_places = strict and w.lower and (i + 1 >= n or offsets[i + 1] != tok_end)
            for r in w.readings:
                start = tok_start + r.offset
                if not skip_places and (r.prefix or not w.latin):
                    # Extend while the trie has longer keys that begin with the span so far.
                    key, fold = r.key, r.fold
                    ends = [(i, r.exact, None)] if r.in_trie else []
                    j = i
                    said = None  # the name as looked up, where a later word was read as its nominative
                    while r.prefix and j + 1 < n and j + 1 - i < MAX_NAME_TOKENS:
                        nxt = words[j + 1]
                        if not (nxt.inner or nxt.possessive):
                            break
                        k2 = key + nxt.key
                        p = known_prefix(k2)
                        used = None
                        if not (p or (p is None and has_prefix(k2))):
                            f2 = fold + nxt.fold
                            if f2 == k2 or not has_prefix(f2):
                                used = _continuing_alt(nxt, key, fold, has_prefix)
                                if used is None:
                                    break
                                k2, f2 = key + used.key, fold + used.fold
                        else:
                            f2 = fold + nxt.fold
                        if used is not None or said is not None:
                            gap_start = offsets[j] + len(words[j].text)
                            said = (said if said is not None else r.text + text[tok_end:gap_start]) + \
                                text[gap_start:offsets[j + 1]] + (used.text if used is not None else nxt.text)
                        j += 1
                        key, fold = k2, f2
                        if not (nxt.punct or nxt.possessive):  # ("China's" is China, not a town Chinas)
                            exact = key in trie
                            if exact or fold in trie:
                                ends.append((j, exact, said))
                    # The longest name written as a name: "U.S." in "The U.S. is", though "usis" is a key too;
                    # where tones tell names apart, the next shorter one too, for when the longest is a
                    # name only without its tones ("Mỹ ký", "US signs", is no "My Ky", Miki, but Mỹ).
                    longer = None if tonal else i
                    for j, exact, said in reversed(ends):
                        if r.capitalised if j == i else (
                                _capitalised(words, i, j, r.text)
                                and (not strict or _every_end_word_capitalised(words, offsets, i, j, r.text,
                                                                                 lowercase_tail))):
                            last = words[j]
                            end = offsets[j] + len(last.text)
                            lookup = said if said is not None else r.text + text[tok_end:end]
                            s, e = (start, end) if r.clean_start and last.clean_end else _trim(text, start, end)
                            if e > s:
                                found.append(Found(s, e, "place", exact, i, j, lookup, clitics=r.offset > 0))
                            if longer is not None:
                                break
                            longer = j
                    if (not ends and transliterable is not None and i > 0 and words[i - 1].place_word and not w.latin
                            and transliterable(r.text, words[i - 1].key)):
                        s, e = _trim(text, start, tok_end)
                        if e > s:
                            found.append(Found(s, e, "place", False, i, i, r.text, clitics=r.offset > 0))
                # Lexicon phrases: people, demonyms, titles, while the words so far begin one.
                if not r.phrase:
                    continue
                key, hit, j, spaced = r.key, r.hit, i, 1
                while True:
                    # "Azerbaijan is" is not the demonym "Azerbaijanis": no more words than the phrase has
                    if hit is not None and spaced <= phrase_words.get(key, spaced):
                        kind, value = hit
                        if not (kind == "person" and _cased(r.text) and not r.text[:1].isupper()):
                            # (a lowercase "rubio" is blond, "price" a price: surnames are capitalised)
                            s, e = _trim(text, start, offsets[j] + len(words[j].text))
                            if e > s:
                                found.append(Found(s, e, kind, value, i, j))
                    j += 1
                    if j >= n or j - i >= max_phrase or not words[j].inner:
                        break
                    spaced += offsets[j] != offsets[j - 1] + len(words[j - 1].text)
                    key += words[j].key
                    if key not in phrase_prefixes:
                        break
                    hit = phrase(key)
    return found


def _continuing_alt(nxt: Word, key: str, fold: str, has_prefix: Callable[[str], bool]) -> Reading | None:
    # The nominative of the next word that continues a gazetteer key ("Саудовская" + "Аравия").
    for a in nxt.alts:
        if has_prefix(key + a.key) or has_prefix(fold + a.fold):
            return a
    return None


def _capitalised(words: Sequence[Word], i: int, j: int, reading: str) -> bool:
    # In cased scripts (Latin, Cyrillic, Greek, whatever the article's language) a name starts
    # or ends with a capital: "Biển Đen", "vùng Gomel", "Mát-xcơ-va"; "page" in a banner is no place.
    last = None
    for k in range(j, i - 1, -1):
        if words[k].alpha:
            last = words[k]
            break
    if last is None or not (_cased(reading) or last.cased):
        return True
    return reading[:1].isupper() or last.upper


def _every_end_word_capitalised(words: Sequence[Word], offsets: Sequence[int], i: int, j: int, reading: str,
                                lowercase_tail: bool = False) -> bool:
    # The first and the last space-separated word of tokens i..j each have a capitalised part
    # ("Stoke-on-Trent" is one word, "d'Ivoire" has one); where the language writes a name's
    # generic word in lower case ("Гомельская область", "Чёрное море"), the first one only.
    first_end = i
    while first_end < j and offsets[first_end + 1] == offsets[first_end] + len(words[first_end].text):
        first_end += 1
    last_start = j
    while last_start > i and offsets[last_start] == offsets[last_start - 1] + len(words[last_start - 1].text):
        last_start -= 1

    def capitalised(a: int, b: int, first: str) -> bool:
        return first[:1].isupper() or any(words[k].upper for k in range(a, b + 1) if words[k].alpha)
    if last_start == j and len(words[j].text) == 1:
        return False  # no name ends in a one-letter word: "And I" is no place
    if lowercase_tail and last_start > first_end and len(words[j].text) >= MIN_GENERIC_LETTERS:
        return capitalised(i, first_end, reading)
    return capitalised(i, first_end, reading) and capitalised(last_start, j, words[last_start].text)


def _trimmable(ch: str) -> bool:
    return bool(ch) and unicodedata.category(ch)[0] in "PS"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    # A token can carry punctuation the tokenizer left on it ("الرياض»."): not part of the name.
    while end > start and unicodedata.category(text[end - 1])[0] in "PS":
        end -= 1
    while start < end and unicodedata.category(text[start])[0] in "PS":
        start += 1
    return start, end


def select(found: Sequence[Found]) -> list[Found]:
    """Non-overlapping matches: the longest wins, then the more specific kind.

    A place never begins with a person's title: "Rev. Al Meredith" holds no "Reval" (Tallinn).
    """
    titles = {f.first_token: f.last_token for f in found if f.kind == "title"}
    if titles:
        found = [f for f in found if f.kind != "place" or titles.get(f.first_token, f.last_token) >= f.last_token]
    # Most matches overlap no other: only the groups of overlapping ones need choosing in.
    taken: list[Found] = []
    group: list[Found] = []
    group_end = -1
    for f in sorted(found, key=_by_start):
        if f.start >= group_end and group:
            taken += group if len(group) == 1 else _choose(group)
            group = []
        group.append(f)
        group_end = max(group_end, f.end) if len(group) > 1 else f.end
    if group:
        taken += group if len(group) == 1 else _choose(group)
    return taken


def _by_start(f: Found) -> int:
    return f.start


def _choose(group: list[Found]) -> list[Found]:
    ordered = sorted(group, key=lambda f: (f.start - f.end, -PRIORITY[f.kind], f.start))
    taken: list[Found] = []
    for f in ordered:
        if all(f.end <= t.start or t.end <= f.start for t in taken):
            taken.append(f)
    return sorted(taken, key=_by_start)


MIN_KEY_CHARS = 3
_KEYS: dict[str, str] = {}


def _key(text: str) -> str:
    # name_key, memoised: the same short names recur in every article.
    key = _KEYS.get(text)
    if key is None:
        if len(_KEYS) >= _CACHE_LIMIT:
            _KEYS.clear()
        key = _KEYS[text] = name_key(text)
    return key


_SHORT_COUNTRY_LANGS = frozenset({"vi"})
_CJK_LANGS = frozenset({"zh", "ja"})


def _too_short_or_function_word(text: str, lookup: str, lang: str, stop_words: frozenset[str], *,
                                abbreviation: bool = False, mid_sentence: bool = False) -> bool:
    if lang in _CJK_LANGS:
        return len(text) < 2
    if text.isupper() and len(text) >= 2:
        return False  # "US", "UAE", "РФ": abbreviations are written in capitals
    if len(_key(lookup or text)) < MIN_KEY_CHARS and not abbreviation and not (
            lang in _SHORT_COUNTRY_LANGS and text[:1].isupper()):
        return True  # ("Mỹ", "Úc", "Ý" are countries in Vietnamese; capitalised, they go on to the other filters)
    if lang in _SHORT_COUNTRY_LANGS and mid_sentence and text[:1].isupper():
        return False  # "đồng ý với Ý": a function word ("ý", idea) written with a capital inside a sentence is a name
    return text.casefold() in stop_words or (lookup or text).casefold() in stop_words


def _adjacent(tokens: Tokens, a: int, b: int) -> bool:
    # Token b follows token a with nothing between them.
    return tokens.starts[b] == tokens.starts[a] + len(tokens.words[a].text)


def _one_space_apart(tokens: Tokens, a: int, b: int) -> bool:
    end = tokens.starts[a] + len(tokens.words[a].text)
    return tokens.starts[b] == end + 1 and tokens.text[end] == " "


def _first_name_before(tokens: Tokens, i: int, lexicon: Lexicon, stop_words: frozenset[str],
                       places_ending: dict[int, Found]) -> int:
    """"Andrew Trapani", "Mitch Lewis": a capitalised word, not a known place, just before: 1, and
    2 when that word is a common given name (then the name is a surname, not a doubt)."""
    k = i - 1
    if k < 0 or lexicon.lang not in CASED_LANGS or not _one_space_apart(tokens, k, i):
        return 0
    start = tokens.starts[i]
    if lexicon.lang in NAME_LANGS:
        # "Mark Zuckerberg", "Amy B Wang", "Matthew D. Flores", "Mike de Kock"
        given = _given_name_before(tokens.text, start)
        if given and given not in stop_words:
            return 2  # ("Paris Hilton" too: a given name that is also a place is read as one before a surname)
    w = tokens.words[k]
    if not (w.alpha and w.upper) or w.text.isupper() or len(w.text) < 2:
        return 0
    folded = w.text.casefold()
    if folded in lexicon.common_words or folded in stop_words:
        return 0  # "Lake Ripley", "In Columbus", "West Lewis"
    before = places_ending.get(k)
    if before is not None and before.first_token != before.last_token:
        return 0
    return 1


# A given name, then initials or name particles, right before a word.
_GIVEN_NAME_BEFORE = re.compile(
    r"(?<![\w.])([A-Z][a-z]+) (?:(?:[A-Z]\.? )|(?:(?:de|van|von|der|den|da|di|du|del|la|le|bin|ibn|al|el) ))*\Z")



# A middle initial and a surname after a word: "Carey L. Biron", "Wanda Y. Martin".
_INITIAL_AFTER = re.compile(r" [A-Z]\. [A-Z][a-z]")


def filter_places(tokens: Tokens, found: Sequence[Found], *, lexicon: Lexicon,
                  stop_words: frozenset[str] = frozenset(), sentence_starts: frozenset[int] = frozenset()) -> list[Found]:
    """Drop place matches that are function words, common words, or parts of a person's name.

    A one-word place read as a surname once (after a title, the last word of a known person's
    name) is a surname everywhere in the article; after a capitalised word ("Andrew Trapani",
    but also "South Arlington") or in a hyphenated word ("Wal-Mart", "Atlanta-area") it is
    doubtful: only a big place is read there, and everywhere else in the article.
    """
    by_last_token = {f.last_token: f for f in found}
    by_first_token = {f.first_token: f for f in found}
    places_ending = {f.last_token: f for f in found if f.kind == "place"}
    words, doc_text = tokens.words, tokens.text
    kept: list[tuple[Found, str, bool, bool]] = []
    weak_surnames: set[str] = set()
    surnames = {doc_text[tokens.starts[f.last_token]:tokens.starts[f.last_token] + len(words[f.last_token].text)]
                for f in found if f.kind == "person" and f.last_token > f.first_token}
    # "Janet Cooper ... Cooper said": the surname is hers throughout the article
    others = {doc_text[f.start:f.end] for f in found if f.kind == "person" and _someone_else(tokens, f, lexicon)}
    for f in found:
        if f.kind == "person" and others and doc_text[f.start:f.end] in others:
            continue
        if f.kind != "place":
            kept.append((f, "", False, False))
            continue
        text = doc_text[f.start:f.end]
        single = f.first_token == f.last_token
        if single and text.casefold() in lexicon.common_words and not text.isupper():
            continue
        abbreviation = text[:1].isupper() and doc_text[f.end:f.end + 1] == "."  # "Ky.", "Pa.", "N.Y."
        if single and _too_short_or_function_word(text, f.lookup, lexicon.lang, stop_words, abbreviation=abbreviation,
                                                  mid_sentence=f.first_token not in sentence_starts):
            continue
        before = by_last_token.get(f.first_token - 1)
        after = by_first_token.get(f.last_token + 1)
        if after is not None and after.kind == "person" and single and after.first_token == after.last_token:
            continue  # "Vladimir Putin", "فلاديمير بوتين" (not "President of Ukraine Petro Poroshenko")
        if (single and lexicon.lang in NAME_LANGS and _INITIAL_AFTER.match(doc_text, f.end)
                and text.casefold() in given_names()):
            continue  # "By Carey L. Biron": a given name before a middle initial and a surname
        if single and lexicon.lang in _SYLLABLE_NAME_LANGS and after is None and _before_name_syllable(tokens, f.last_token):
            continue  # "ca sĩ Mỹ Linh": a syllable of a person's name, not the US ("Mỹ Donald Trump" is)
        if lexicon.seat_locatives and text.casefold() in lexicon.seats and not _after_locative(tokens, f.first_token, lexicon):
            continue  # "the White House said" is the government; "talks at the White House" a place
        after_title = before is not None and before.kind == "title"
        nxt = f.last_token + 1
        # Before a capitalised word, a name is a person's first name ("Paris Hilton", "Mary
        # Wheeler") where the language's name lists know the pair as given name and surname;
        # otherwise the pair is an organisation or building named after the place ("Huntsville
        # Fire Department", "Columbus Metropolitan Library", "Lincoln Park").
        before_name = (lexicon.lang in CASED_LANGS and nxt < len(words) and words[nxt].alpha and words[nxt].upper
                       and nxt not in sentence_starts)
        if before_name and lexicon.lang in NAME_LANGS:
            before_name = (single and words[f.first_token].latin and text.casefold() in given_names()
                           and could_be_surname(words[nxt].text, lexicon.lang, lexicon.common_words)
                           and _one_space_apart(tokens, f.last_token, nxt))
        elif before_name:
            before_name = after is None
        named = single and _first_name_before(tokens, f.first_token, lexicon, stop_words, places_ending)
        strong = single and (after_title or before_name or named == 2)
        weak = single and not strong and (named == 1 or _speaks(tokens, f.last_token, text, lexicon))
        if after_title or named == 2:
            surnames.add(text)  # "Robert Douglas said ...; Douglas said": Douglas is a surname throughout
        elif weak:
            weak_surnames.add(text)
        kept.append((f, text, strong, weak))
    out = []
    for f, text, strong, weak in kept:
        if f.kind == "place":
            single = f.first_token == f.last_token
            person_like = strong or (single and text in surnames)
            doubtful = single and (weak or text in weak_surnames or _in_compound(tokens, f.first_token))
            if person_like or doubtful:
                # built directly: dataclasses.replace is slow
                f = Found(f.start, f.end, f.kind, f.value, f.first_token, f.last_token, f.lookup, person_like,
                          f.clitics, doubtful)
        out.append(f)
    return out


_SYLLABLE_NAME_LANGS = frozenset({"vi"})  # a person's name is a run of capitalised syllables


def _before_name_syllable(tokens: Tokens, i: int) -> bool:
    """Whether token i is followed, one space on, by a capitalised word that no name begins."""
    w = _next_word(tokens, i)
    return w is not None and w.alpha and w.upper and not w.text.isupper()


def _next_word(tokens: Tokens, i: int) -> Word | None:
    """The word right after token i, one space on, if there is one."""
    nxt = i + 1
    return tokens.words[nxt] if nxt < len(tokens.words) and _one_space_apart(tokens, i, nxt) else None


def _given_name_before(text: str, start: int) -> str:
    """The common given name, casefolded, written right before `start` (initials and name
    particles between them allowed: "Amy B Wang", "Mike de Kock"), or ""."""
    m = _GIVEN_NAME_BEFORE.search(text, max(0, start - 40), start)
    given = m.group(1).casefold() if m else ""
    return given if given in given_names() else ""


def _after_locative(tokens: Tokens, i: int, lexicon: Lexicon) -> bool:
    """Whether token i follows a word that places what comes next ("at", "in the", "outside the")."""
    k = i - 1
    if k >= 0 and tokens.words[k].text.casefold() in ("the", "a"):
        k -= 1
    return k >= 0 and tokens.words[k].text.casefold() in lexicon.seat_locatives


def _speaks(tokens: Tokens, i: int, text: str, lexicon: Lexicon) -> bool:
    """"Robertson said", "Welch told": a surname right before a verb of speech is someone speaking
    (a doubt, not a verdict: "Washington said" is still the capital)."""
    if not lexicon.speech_verbs or lexicon.lang not in NAME_LANGS:
        return False
    w = _next_word(tokens, i)
    return w is not None and w.text.casefold() in lexicon.speech_verbs and text.casefold() in surnames()


def _someone_else(tokens: Tokens, f: Found, lexicon: Lexicon) -> bool:
    """Whether a surname found alone is another person's: "Janet Cooper" is not Yvette Cooper, the
    Foreign Secretary (a given name right before it that none of the office holder's names has),
    and "Abe Oudshoorn" is not Shinzo Abe (a surname right after it)."""
    if lexicon.lang not in NAME_LANGS or " " in tokens.text[f.start:f.end]:
        return False
    w = _next_word(tokens, f.last_token)
    if (w is not None and w.alpha and w.upper and w.latin
            and could_be_surname(w.text, lexicon.lang, lexicon.common_words)):
        return True
    given = _given_name_before(tokens.text, f.start)
    return bool(given) and not any(given in lexicon.given.get(p.id, ()) for p in f.value)


def _in_compound(tokens: Tokens, i: int) -> bool:
    """Whether token i is joined by a hyphen to a word ("Wal-Mart", "Atlanta-area")."""
    words = tokens.words
    for a, b, c in ((i, i + 1, i + 2), (i - 2, i - 1, i)):
        if a >= 0 and c < len(words) and words[b].text in _HYPHENS and words[a if c == i else c].alpha \
                and _adjacent(tokens, a, b) and _adjacent(tokens, b, c):
            return True
    return False
