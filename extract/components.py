"""The `diplomap_places` spaCy component: places as `doc.ents`, resolved, with reasons.

`match()` finds names (gazetteer trie, lexicon, "capital of X" phrases) in the article body
and drops false friends; `set_annotations()` resolves each to a place with the article as
context and writes `doc.ents` (GPE/LOC/FAC, `kb_id_` = gazetteer id) plus the resolved
mentions and country references in `doc.user_data`.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from itertools import compress
from operator import ne

from spacy.language import Language
from spacy.tokens import Doc
from wordfreq import zipf_frequency

from extract.facilities import find_facilities, find_roads, named_after, place_facilities
from extract.lexicon import Lexicon, Person, lexicon
from extract.names import NAME_LANGS, is_personal_name
from extract.pipeline import doc_text, registered_gazetteer, sentence_ids
from extract.recognize import CASED_LANGS, TONAL_LANGS, Found, Tokens, Vocabulary, filter_places, scan, select
from extract.types import CountryRef, Mention
from geo.errors import NotFound
from geo.gazetteer import Gazetteer
from geo.normalize import fold_key, is_latin, name_key
from geo.rank import UNPOPULATED, haversine_km
from geo.resolve import MAX_CANDIDATES, Toponym, resolve, within
from geo.translit import skeleton
from geo.types import Candidate, Place

BODY_KEY, PUBLISHED_KEY = "diplomap_body", "diplomap_published"
MENTIONS_KEY, COUNTRIES_KEY = "diplomap_mentions", "diplomap_countries"
_TOKENS_KEY = "diplomap_tokens"  # the scanner's view of the tokens, between match() and set_annotations()
_CACHE_LIMIT = 200_000  # entries of each per-word memo
CUE_WINDOW = 200  # characters around a capital phrase's cue word searched for the phrase
# A tone-less match of accented text ("Tổng" read as the village "Tong") counts only for
# places that matter: countries, regions, seas, venues, capitals and big cities.
FOLDED_MIN_POPULATION = 100_000
# A single word this frequent in the language (Zipf scale) is read as a place only if the
# place is one that news talks about: "Mobile", "هام" (Hamm), "Tổng" are words first.
COMMON_ZIPF, COMMON_MIN_POPULATION = 4.0, 1_000_000
# ... or, written as a name inside a sentence, a city of a hundred thousand ("Columbus").
PROPER_MIN_POPULATION = 100_000
_DATELINE_DASHES = frozenset({" —", " –", " -"})
_DATELINE_AGENCY = re.compile(r" \((?:[A-Z][A-Za-z]{1,11}|dpa)\)")  # "BOSTON (Reuters) -", "ATLANTA (AP)"
_OPENERS = frozenset('"“”‘’\'«»:;—–-([{|•*#')  # after these a word is capitalised as a sentence start
# A word this rare that the gazetteer lacks may be a foreign name in this script.
RARE_ZIPF, MIN_SKELETON_FOR_SCAN = 0.5, 5
# Languages written with every tone mark: a match that ignores them is another word.
# An untagged alternate name that reads as a person's name or a word names a place only if it is
# a city this big (Bombay, Peking, Kiev).
ALTERNATE_MIN_POPULATION, ALTERNATE_MAX_ZIPF = 1_000_000, 3.0
ALTERNATE_SMALL_POPULATION, SPELLED_ALIKE = 15_000, 0.8
# A personal name read as a town smaller than this needs another place of the article near it.
LONELY_MAX_POPULATION, LONELY_NEAR_KM = 25_000, 250.0
# A surname inside a facility's name is what it is named after when it can only be a town this small.
NAMED_AFTER_MAX_POPULATION = 50_000
# What matters wherever a name is doubtful: a country, a capital, and every place that is no town.
_IMPORTANT = UNPOPULATED | {"country", "capital"}


@Language.factory("diplomap_places", default_config={"gazetteer": ""})
def make_places(nlp: Language, name: str, gazetteer: str) -> PlaceComponent:
    """Factory: the place component for `nlp`'s language, on a registered gazetteer."""
    return PlaceComponent(nlp, name, gazetteer=registered_gazetteer(gazetteer), lexicon=lexicon(nlp.lang))


def _occurrences(folded: str, cue: str, a: int, b: int) -> list[int]:
    out, i = [], folded.find(cue, a, b)
    while i >= 0:
        out.append(i)
        i = folded.find(cue, i + 1, b)
    return out


def _near(rx: re.Pattern, text: str, a: int, b: int, cues: list[int]) -> Iterator[re.Match]:
    """What `rx.finditer(text, a, b)` finds, searching only around the places where its cue word is.

    Every match contains the cue, so a window of text around each occurrence holds it; a
    match that touches the window's edge is searched again in the whole span.
    """
    last, k = a, 0
    while k < len(cues):
        pos = cues[k]
        lo = max(last, pos - CUE_WINDOW)
        if lo > last:
            lo = max(lo, text.find(" ", lo, pos) + 1)  # start at a word, as a full scan would
        hi = min(b, pos + CUE_WINDOW)
        m = rx.search(text, lo, hi)
        if m is not None and ((m.start() == lo and lo > last) or (m.end() == hi and hi < b)):
            m = rx.search(text, last, b)
        if m is None or m.start() > pos:
            k += 1
            continue
        yield m
        last = m.end()
        while k < len(cues) and cues[k] < last:
            k += 1


def _with_regions_after(toponyms: list[Toponym], spans: list[tuple[Found, str]], text: str) -> list[Toponym]:
    """Read "<place>, <region or country>" ("Paris, Tenn.", "Atlanta, Georgia") as one inside the other.

    The pair of candidates, one inside the other, with the best scores is chosen: the place
    carries the region (`within`), the region the place (`around`).
    """
    out = list(toponyms)
    for n in range(len(spans) - 1):
        (f, _), (g, _) = spans[n], spans[n + 1]
        if text[f.end:g.start] not in (", ", ","):
            continue
        pairs = [(x.score + y.score, x.place, y.place) for y in toponyms[n + 1].candidates
                 if y.place.precision in ("region", "country") for x in toponyms[n].candidates
                 if x.place.precision not in ("country", "water") and x.place.id != y.place.id and within(x.place, y.place)]
        if pairs:
            _, inner, outer = max(pairs, key=lambda t: t[0])
            out[n] = replace(out[n], within=outer)
            out[n + 1] = replace(out[n + 1], around=inner)
    return out


def _without_lonely_namesakes(mentions: list[Mention]) -> list[Mention]:
    """Drop the small towns read from a lone personal name that nothing else in the article places
    near: "Martha", "Chapman", "McDonald" said alone in a story are people, while "Lincoln" and
    "Chapman" among the towns around them, or in the state the article names, are towns. A
    division read from a personal name needs another place of its country in the article."""
    lonely = set()
    # one sense per discourse: each name with its place is judged once, against each other one
    distinct = list({(m.text, m.place.id): m for m in mentions}.values())
    for m in distinct:
        p = m.place
        if " " in m.text or not is_personal_name(m.text):
            continue
        if p.feature == "division":
            # "Flores" (a Guatemalan department) needs another place of its country in the story;
            # "Fife" among Kent and Croft is the Scottish council area.
            if not any(o.text != m.text and o.place.country == p.country
                       and (" " in o.text or not is_personal_name(o.text)) for o in distinct):
                lonely.add(m.text)  # ("Senators Flores and Artigas": a name is no support for another)
            continue
        if p.precision != "city" or p.feature == "capital" or p.population >= LONELY_MAX_POPULATION:
            continue
        if not any(o.text != m.text and o.place.id != p.id and _places_near(o.place, p) for o in distinct):
            lonely.add(m.text)
    return [m for m in mentions if m.text not in lonely] if lonely else mentions


def _places_near(context: Place, p: Place) -> bool:
    # another place of the article near a town, or a region (a state, a county) around it
    if context.precision == "country":
        return False
    if context.precision == "region" and within(p, context):
        return True
    return haversine_km(context.lat, context.lon, p.lat, p.lon) <= LONELY_NEAR_KM


def _spelled_alike(key: str, name: str) -> bool:
    """Whether a name key and a place's name are spellings of one name ("Varzaqan", Varzeqan;
    "St. Paris", Saint Paris), not two names ("Tri-State", Laughlin)."""
    if _words(key) & _words(name):
        return True
    a, b = fold_key(key), fold_key(name_key(name))
    return difflib.SequenceMatcher(None, a, b).ratio() >= SPELLED_ALIKE


def _words(name: str) -> set[str]:
    # the words of a name, folded, that can tell two names apart ("st", "of" cannot)
    return {w for w in (fold_key(name_key(x)) for x in re.split(r"[\s\-–.,']+", name)) if len(w) >= 3}


def _body(doc: Doc, text: str) -> list[tuple[int, int]]:
    # the article body's spans (the whole text when no body was marked)
    return doc.user_data.get(BODY_KEY) or [(0, len(text))]


def label_of(place: Place) -> str:
    """spaCy entity label of a place: GPE for countries, admin regions and towns; LOC; FAC."""
    if place.precision == "venue":
        return "FAC"
    if place.precision == "water" or (place.precision == "region" and place.country is None):
        return "LOC"
    return "GPE"


def active(people: tuple[Person, ...], when: date | None) -> set[str]:
    """Countries that the people of a name spoke for at a date (all, when the date is unknown)."""
    def on(p: Person) -> bool:
        return when is None or ((p.start is None or p.start <= when) and (p.end is None or when <= p.end))
    current = {p.country for p in people if on(p)}
    return current or {p.country for p in people}


class PlaceComponent:
    """Recognise and resolve the places of a Doc."""

    def __init__(self, nlp: Language, name: str, *, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.name = name
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.trie = gazetteer.name_trie()
        self.vocabulary = Vocabulary(self.trie, lexicon)
        self.stop_words = frozenset(w.casefold() for w in nlp.Defaults.stop_words)
        self.lang = nlp.lang
        self._zipf: dict[str, float] = {}
        self._memo: dict[tuple, tuple[Candidate, ...]] = {}
        self._keys: dict[str, str] = {}
        self._transliterable: dict[str, bool] = {}

    def zipf(self, text: str) -> float:
        """How common a word is in the component's language (0 when unknown)."""
        z = self._zipf.get(text)
        if z is None:
            try:
                z = zipf_frequency(text, self.lang)
            except (ImportError, LookupError, ValueError):
                z = 0.0  # no frequency data for this language or script
            if len(self._zipf) >= _CACHE_LIMIT:
                self._zipf.clear()
            self._zipf[text] = z
        return z

    def _key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            if len(self._keys) >= _CACHE_LIMIT:
                self._keys.clear()
            key = self._keys[name] = name_key(name)
        return key

    def transliterable(self, word: str, previous_key: str) -> bool:
        """Whether a rare word the trie lacks, after a word with key `previous_key`, is the transliteration of a known place.

        Only after a word that introduces places ("منطقة", "في"): rare inflected verbs have
        consonant skeletons too.
        """
        if previous_key not in self.lexicon.place_words:
            return False
        # The same rare words come back article after article: skeleton and lookup once per word.
        known = self._transliterable.get(word)
        if known is None:
            if len(self._transliterable) >= _CACHE_LIMIT:
                self._transliterable.clear()
            known = self._transliterable[word] = (len(skeleton(word)) >= MIN_SKELETON_FOR_SCAN
                                                  and self.zipf(word) < RARE_ZIPF and self.gazetteer.has_skeleton(word))
        return known

    def __call__(self, doc: Doc) -> Doc:
        found = self.match(doc)
        return self.set_annotations(doc, found)

    def _tokens(self, doc: Doc) -> Tokens:
        tokens = doc.user_data.get(_TOKENS_KEY)
        if tokens is None:
            sentences = sentence_ids(doc) if len(doc) else []
            tokens = doc.user_data[_TOKENS_KEY] = self.vocabulary.tokens(doc, doc_text(doc), sentences)
        return tokens

    def match(self, doc: Doc) -> list[Found]:
        """Names in the body of the Doc, non-overlapping, false friends removed."""
        tokens = self._tokens(doc)
        body = _body(doc, tokens.text)
        found = scan(tokens, vocabulary=self.vocabulary, body=body, transliterable=self.transliterable)
        found += self._capital_phrases(doc, tokens.text, body)
        sentences = tokens.sentences
        starts = frozenset(compress(range(1, len(sentences)), map(ne, sentences[1:], sentences)))
        chosen = select(found)
        # Words run together that name nothing ("A US serviceman" holds no Aus) give way to the
        # shorter names inside them ("US").
        dead = {id(f) for f in chosen if f.kind == "place" and f.first_token < f.last_token
                and not self._candidates(tokens, f, tokens.text[f.start:f.end], set())}
        if dead:
            chosen = select([f for f in found if id(f) not in dead])
        return filter_places(tokens, chosen, lexicon=self.lexicon, stop_words=self.stop_words,
                             sentence_starts=starts | {0})

    def _capital_phrases(self, doc: Doc, text: str, body: list[tuple[int, int]]) -> list[Found]:
        out = []
        folded = text.casefold()
        cues = [(rx, cue) for rx, cue in zip(self.lexicon.capital_patterns, self.lexicon.capital_cues)
                if cue in folded]
        if not cues:
            return out
        aligned = len(folded) == len(text)  # casefolding kept every offset ("ß" → "ss" does not)
        starts = [a for a, _ in body]
        for rx, cue in cues:
            if aligned and cue:
                # Only the body spans where the cue word is need searching.
                by_span: dict[int, list[int]] = {}
                for pos in _occurrences(folded, cue, 0, len(text)):
                    k = bisect.bisect_right(starts, pos) - 1
                    if k >= 0 and pos + len(cue) <= body[k][1]:
                        by_span.setdefault(k, []).append(pos)
                groups = [_near(rx, text, *body[k], occ) for k, occ in sorted(by_span.items())]
            else:
                groups = [rx.finditer(text, a, b) for a, b in body]
            for matches in groups:
                for m in matches:
                    slot = "demonym" if m.groupdict().get("demonym") else "country"
                    hit = self._country_prefix(m.group(slot), slot)
                    if hit is None:
                        continue
                    code, consumed = hit
                    if m.end(slot) < m.end():  # "the Saudi capital": the phrase goes on after the slot
                        if consumed < m.end(slot) - m.start(slot):
                            continue
                        end = m.end()
                    else:  # "capital of Russia and ...": the slot ends where the country does
                        end = m.start(slot) + consumed
                    span = doc.char_span(m.start(), end, alignment_mode="expand")
                    if span is not None:
                        out.append(Found(span.start_char, span.end_char, "capital", code, span.start, span.end - 1))
        return out

    def _country_prefix(self, words: str, slot: str) -> tuple[str, int] | None:
        # The slot captured a few words; the longest prefix naming a country is the one meant.
        parts = words.split()
        for n in range(len(parts), 0, -1):
            text = " ".join(parts[:n])
            consumed = len(text)
            if slot == "demonym":
                code = self.lexicon.demonyms.get(name_key(text))
                if code and len(code) == 2:
                    return code, consumed
                continue
            try:
                best = self.gazetteer.best(text)
            except (NotFound, ValueError):
                continue
            if best.place.feature == "country" and best.place.country:
                return best.place.country, consumed
        return None

    def _candidates(self, tokens: Tokens, f: Found, text: str, lowercase: set[str]) -> tuple[Candidate, ...]:
        i = f.first_token
        token = tokens.words[i].text  # with its proclitics: "كبيرة" (big), not "بيرة"
        single = i == f.last_token
        # A capitalised word inside a sentence of a cased language is a name, unless the article
        # also uses it as a word: "Columbus", "Richmond" are frequent words only as names.
        proper = single and self.lang in CASED_LANGS and (
            (tokens.words[i].upper and not text.isupper() and i > 0 and tokens.sentences[i] == tokens.sentences[i - 1]
             and tokens.words[i - 1].text not in _OPENERS and text.casefold() not in lowercase)
            # a dateline opening a line or a sentence: "COLUMBUS, Ohio (AP) —", "ATLANTA —"
            or (text.isupper() and len(text) > 3
                and (tokens.text[f.end:f.end + 1] == "," or tokens.text[f.end:f.end + 2] in _DATELINE_DASHES
                     or _DATELINE_AGENCY.match(tokens.text, f.end))
                and (i == 0 or "\n" in tokens.words[i - 1].text or tokens.sentences[i] != tokens.sentences[i - 1])))
        memo = (text, f.lookup, bool(f.value), f.person_like, f.clitics, f.doubtful, token, single, proper)
        found = self._memo.get(memo)
        if found is None:
            if len(self._memo) >= _CACHE_LIMIT:
                self._memo.clear()
            found = self._memo[memo] = self._find_candidates(f, text, token, proper)
        return found

    def _find_candidates(self, f: Found, text: str, token: str, proper: bool) -> tuple[Candidate, ...]:
        # The same name, read the same way, has the same candidates in every article.
        found = self.gazetteer.lookup(f.lookup or text, limit=MAX_CANDIDATES)
        key = name_key(text)
        if not f.value and key != fold_key(key):
            if self.lang in TONAL_LANGS:
                return ()  # "Ảnh" (photo) is not "Anh" (Britain)
            found = [c for c in found if c.place.feature in _IMPORTANT or c.place.population >= FOLDED_MIN_POPULATION]
        if f.clitics:
            found = [c for c in found if c.place.feature in _IMPORTANT or c.place.population >= FOLDED_MIN_POPULATION]
        if f.first_token != f.last_token:
            # Words run together are not a small place's one-word name: "A US serviceman" holds no
            # "Aus"; a big city's may be ("Hà Nội" is Hanoi, "Đà Nẵng" Da Nang).
            words = len(text.split())
            found = [c for c in found if len(c.place.name.split()) >= words
                     or fold_key(name_key(c.place.name)) != fold_key(key)
                     or c.place.feature in _IMPORTANT or c.place.population >= PROPER_MIN_POPULATION]
        if len(text) <= 2:
            # A letter or two ("Wanda Y. Martin") names a country only in a language that writes it so
            # ("Ý" is Italy in Vietnamese), not through another language's spelling.
            found = [c for c in found if not (c.place.feature == "country" and c.langs and self.lang not in c.langs)]
        if any(c.place.feature == "country" and c.langs and self.lang not in c.langs for c in found) and any(
                not self._alternate_only(c, key) and c.place.feature != "country" for c in found):
            # A country known by this name only in other languages is not what a place of this very
            # name means here: "Tunis" in English is the city, though Croatian calls Tunisia so.
            found = [c for c in found if not (c.place.feature == "country" and c.langs and self.lang not in c.langs)]
        if found and f.first_token == f.last_token and self.lang in CASED_LANGS and is_latin(text) \
                and self._name_like(text):
            # A person's name, an acronym or a word that only an untagged GeoNames alternate name
            # makes a place ("Flores" for Timon, "Lewis" for Saint George's, "IRS" for Eruh) is
            # not that place; a place of that very name, or a big city known by it, still is.
            own = [c for c in found if not self._alternate_only(c, key)]
            big = [c for c in found if c not in own and c.place.precision != "country"
                   and c.place.population >= ALTERNATE_MIN_POPULATION]
            # A personal name that is some place's own name is that place (Victoria is not Hong
            # Kong's old name); a word may still be a big city's old name (Bombay).
            found = own if own and self.lang in NAME_LANGS and is_personal_name(text) else own + big
            if text.isupper() and len(text) <= 5 and not proper:
                # An acronym is no small town written in capitals: "APC" is not Apc, "TASS" not Tass.
                found = [c for c in found if c.langs or c.place.feature in _IMPORTANT
                         or c.place.population >= PROPER_MIN_POPULATION]
        # Where a word is doubtful as a name (placed like a person's, part of a hyphenated word,
        # a frequent word of the language), it is a place only if it can be an important one;
        # then every place of that name stays a candidate ("Paris" may be Paris, Texas).
        if found and self.lang in CASED_LANGS and is_latin(text):
            # A small place known by this name only through an untagged GeoNames alternate is not
            # what the name means: "Tri-State" (a racetrack) is not Laughlin, "The City" not Oakville.
            found = [c for c in found if not self._alternate_only(c, key) or c.place.feature in _IMPORTANT
                     or c.place.population >= ALTERNATE_SMALL_POPULATION or _spelled_alike(key, c.place.name)]
        least = 0
        if f.person_like:
            least = COMMON_MIN_POPULATION
        elif f.doubtful:  # "Wal-Mart", "Andrew Trapani" are no villages; "Atlanta-area" is Atlanta
            least = PROPER_MIN_POPULATION
        if f.first_token == f.last_token and max(self.zipf(text), self.zipf(f.lookup or text),
                                                 self.zipf(token)) >= COMMON_ZIPF:
            least = max(least, PROPER_MIN_POPULATION if proper else COMMON_MIN_POPULATION)
        # A person's name can be a country or region ("Jordan", "Georgia") but no small capital
        # ("Douglas", Isle of Man, in "Robert Douglas said").
        important = _IMPORTANT - {"capital"} if f.person_like else _IMPORTANT
        if least and not any(c.place.feature in important or c.place.population >= least for c in found):
            return ()
        return tuple(found)

    def _name_like(self, text: str) -> bool:
        # Written like a personal name, an acronym or a word of the language.
        if not text.isalpha():
            return False  # "D.C.", "St-Denis": abbreviations and compounds are written as names
        return ((self.lang in NAME_LANGS and is_personal_name(text)) or (text.isupper() and len(text) <= 5)
                or self.zipf(text) >= ALTERNATE_MAX_ZIPF)

    @staticmethod
    def _alternate_only(c: Candidate, key: str) -> bool:
        # Matched through a name recorded for no language that is not the place's own name.
        return not c.langs and fold_key(name_key(c.place.name)) != fold_key(key)

    def set_annotations(self, doc: Doc, found: list[Found]) -> Doc:
        """Resolve places in context; write `doc.ents`, mentions and country references."""
        published = doc.user_data.get(PUBLISHED_KEY)
        tokens = self._tokens(doc)
        sentence_of = tokens.sentences
        refs: list[CountryRef] = []
        spans, toponyms, capitals = [], [], []
        lowercase: set[str] | None = None  # the words the article writes in lower case
        doc_text = tokens.text
        body = _body(doc, doc_text)
        facilities = find_facilities(tokens, body, self.lexicon, stop_words=self.stop_words) \
            if self.lexicon.facility_words or self.lexicon.facility_nouns else []
        for f in found:
            text = doc_text[f.start:f.end]
            if f.kind == "demonym":
                refs.append(CountryRef(text, f.start, f.end, f.value, "demonym"))
            elif f.kind == "person":
                codes = active(f.value, published)
                if len(codes) == 1:
                    refs.append(CountryRef(text, f.start, f.end, codes.pop(), "person"))
            elif f.kind == "capital":
                try:
                    capital = self.gazetteer.capital(f.value)
                except NotFound:
                    continue
                capitals.append((f, text, capital))
            elif f.kind == "place":
                if lowercase is None:
                    lowercase = {w.text for w in tokens.words if w.cased and not w.upper}
                cands = self._candidates(tokens, f, text, lowercase)
                if cands and facilities and named_after(facilities, f.start, f.end, text) and not any(
                        c.place.feature in _IMPORTANT or c.place.population >= NAMED_AFTER_MAX_POPULATION
                        for c in cands):
                    continue  # "Carnegie" in "Carnegie Library": no town, and none to draw others near it
                if cands:
                    spans.append((f, text))
                    toponyms.append(Toponym(self._key(f.lookup or text), sentence_of[f.first_token], cands))
        toponyms = _with_regions_after(toponyms, spans, doc_text)
        counts = Counter(r.country for r in refs)
        resolved = resolve(toponyms, countries=counts) if toponyms else []
        mentions = [Mention(text, f.start, f.end, r.place, label_of(r.place), r.confidence, r.reason)
                    for (f, text), r in zip(spans, resolved)]
        if self.lang in NAME_LANGS:
            mentions = _without_lonely_namesakes(mentions)
        mentions += [Mention(text, f.start, f.end, place, "GPE", 0.9, f"capital of {f.value} (phrase)")
                     for f, text, place in capitals]
        mentions.sort(key=lambda m: m.start)
        if self.lexicon.roads:
            countries = {m.place.country for m in mentions if m.place.precision == "city" and m.place.country}
            facilities = sorted([*facilities, *find_roads(doc_text, body, self.lexicon, countries)],
                                key=lambda f: f.start)
        mentions = place_facilities(tokens, mentions, facilities)
        refs += [CountryRef(m.text, m.start, m.end, m.place.country, "country")
                 for m in mentions if m.place.precision == "country" and m.place.country]
        ents = []
        for m in mentions:  # in text order: a span can only overlap the one before it
            span = doc.char_span(m.start, m.end, label=m.label, kb_id=m.place.id, alignment_mode="expand")
            if span is not None and (not ents or span.start >= ents[-1].end):
                ents.append(span)
        # The Doc is fresh: other tokens have no entity annotation to overwrite, and leaving
        # them as they are is much faster than marking each one "outside".
        doc.set_ents(ents, default="unmodified")
        doc.user_data.pop(_TOKENS_KEY, None)
        doc.user_data[MENTIONS_KEY] = mentions
        doc.user_data[COUNTRIES_KEY] = sorted(refs, key=lambda r: r.start)
        return doc
