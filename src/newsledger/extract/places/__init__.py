"""Toponym recognition: every place mention of an article, typed literal or associative.

Candidates come from spaCy's GPE/LOC/FAC entities and from the gazetteer over capitalised token n-grams, so a
town the small model misses or types as a person ("fighting in Khan Younis" -> PERSON) is still found, and so is
a place inside a longer name ("the Gaza health ministry", "the Syrian Observatory for Human Rights"). Each mention
gets a type in the spirit of GeoWebNews (Gritta et al. 2020):

- literal: the place itself ("killed near Tulkarem");
- modifier: a place or its adjective modifying a noun ("the Syrian Kurdish enclave", "a Gaza City hospital");
- demonym: its people ("two Americans", "Israelis");
- metonymic: its government or people acting ("Washington said", "Israel struck");
- embedded: inside an organisation's name ("the Syrian Observatory for Human Rights").

Resolution to coordinates is the resolve stage's (resolve/places.py); this module only reads the text.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_STOP, LENGTH, LOWER, ORTH, PREFIX
from spacy.strings import hash_string
from spacy.tokens import Doc, Span as SpacySpan

from ... import gazetteer
from ...model import Span
from ...layout import layout
from ...lexicon import data_lines, load_table

_PACKAGE = "newsledger.extract.places"
FEATURE_CUES = load_table("feature_cues.tsv", _PACKAGE)
CONTAINMENT_WORDS = frozenset(data_lines("containment_words.txt", _PACKAGE))
PLACE_PREPOSITIONS = frozenset(data_lines("place_prepositions.txt", _PACKAGE))
NAME_CONNECTORS = frozenset(data_lines("name_connectors.txt", _PACKAGE))
NOT_PLACES = frozenset(data_lines("not_places.txt", _PACKAGE))
METONYMY_VERBS = frozenset(data_lines("metonymy_verbs.txt", _PACKAGE))
SITE_HEADS = frozenset(data_lines("site_heads.txt", _PACKAGE))
MAX_NAME_TOKENS = 5
# A town found only by the gazetteer (no spaCy place entity, no place preposition) must be this big: a capitalised
# word that is also the name of a village is usually not that village ("Mission", "Reading", "Sale").
MIN_BARE_POPULATION = 100_000
# A PERSON entity in the article's country is read as a town only if the town is this big ("troops raided Jenin").
MIN_FOCUS_POPULATION = 20_000
LITERAL_LABELS = {"GPE", "LOC"}
# Entities inside which a place name is embedded in an organisation's or a building's name.
EMBEDDING_LABELS = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}
_HYPHENS = {"-", "\u2010", "\u2011", "\u2013", "\u2014"}
# Entities read above on their own terms; the n-gram scan covers the rest of the text.
SCANNED_LABELS = LITERAL_LABELS | EMBEDDING_LABELS | {"PERSON", "NORP"}


class _Words:
    """The token attributes the n-gram scan reads, as plain lists: asking spaCy's Doc for a token per test costs
    more than all the gazetteer lookups together, and so does building one Token per word. The lists come from one
    `Doc.to_array`, tested against the hashes of the word lists as whole columns, and slices of the lower-cased
    text."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text = layout(doc).text
        starts, lengths, stops, puncts, prefixes, lowered, orths = doc.to_array(
            [IDX, LENGTH, IS_STOP, IS_PUNCT, PREFIX, LOWER, ORTH]).T
        hashes = _word_hashes()
        # A word is capitalised when its first character (spaCy's PREFIX) is upper case: tested once per distinct
        # first character of the article, not once per word.
        firsts = numpy.unique(prefixes)
        upper = firsts[[doc.vocab.strings[int(first)][:1].isupper() for first in firsts]]
        caps = _member(prefixes, numpy.sort(upper))
        self.starts = starts.tolist()
        self.ends = (starts + lengths).tolist()
        self.lowers = _Lowers(text, self.starts, self.ends)
        self.caps = caps.tolist()
        self.joins = (caps | _member(lowered, hashes.connectors) | _member(orths, hashes.hyphens)).tolist()
        self.common = (_member(lowered, hashes.not_places) | (stops == 1)).tolist()
        self.feature_noun = _member(lowered, hashes.feature_cues).tolist()  # "camp", "province"
        self.punct = (puncts == 1).tolist()

    def name(self, start: int, end: int) -> str:
        return self.text[self.starts[start]:self.ends[end - 1]]


def _member(values: "numpy.ndarray", wanted: "numpy.ndarray") -> "numpy.ndarray":
    """Which values are among the sorted `wanted` (one binary search each; numpy.isin sorts both every call)."""
    if not len(wanted):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.minimum(numpy.searchsorted(wanted, values), len(wanted) - 1)
    return wanted[at] == values


class _Hashes(NamedTuple):
    connectors: "numpy.ndarray"
    hyphens: "numpy.ndarray"
    not_places: "numpy.ndarray"
    feature_cues: "numpy.ndarray"


@functools.cache
def _word_hashes() -> _Hashes:
    """The word lists as spaCy's string hashes (the values `Doc.to_array` gives for LOWER and ORTH)."""
    def hashed(words) -> "numpy.ndarray":
        return numpy.array(sorted(hash_string(w) for w in words), dtype=numpy.uint64)

    return _Hashes(hashed(NAME_CONNECTORS), hashed(_HYPHENS), hashed(NOT_PLACES), hashed(FEATURE_CUES))


class _Lowers:
    """The words lower-cased (spaCy's LOWER), each made when first read: the scan reads a few words around each
    capitalised one, not every word of the article."""

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text, self.starts, self.ends = text, starts, ends

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int | slice):
        if isinstance(index, slice):
            return [self.text[a:b].lower() for a, b in zip(self.starts[index], self.ends[index])]
        return self.text[self.starts[index]:self.ends[index]].lower()


class _Entity(NamedTuple):
    """A spaCy entity as the scan reads it: token range, label and text."""

    start: int
    end: int
    label: str
    text: str


@dataclass
class Toponym:
    """A place mention before resolution: where it is, how it is used, and what the text says about it."""

    span: Span
    type: str  # literal | modifier | demonym | metonymic | embedded
    tokens: tuple[int, int]  # token range in the Doc
    demonym: bool = False  # an adjective or people's name ("Syrian"), read through the demonym table
    cue: str | None = None  # the feature kind the next noun names ("camp", "crossing", "province")
    within: int | None = None  # index of the toponym the text places this one in ("Rafah, in southern Gaza")
    from_entity: bool = False  # spaCy typed it GPE/LOC: a place even when the gazetteer does not know it


def extract_places(doc: Doc) -> list[Toponym]:
    """Every place mention of the parsed article, in text order."""
    gaz = gazetteer.load()
    words = _Words(doc)
    lowers = words.lowers
    taken = [False] * len(doc)
    found: list[Toponym] = []

    def claim(start: int, end: int, demonym: bool, kind: str | None, from_entity: bool) -> None:
        while start < end and lowers[start] == "the":
            start += 1
        while end > start and words.punct[end - 1] or end > start and lowers[end - 1] in ("'s", "’s"):
            end -= 1
        if not demonym:  # "Jabalia camp", "the Rafah crossing": spaCy stops before the curated name's noun
            end = _with_feature_noun(gaz, words, start, end)
        if start >= end or any(taken[start:end]):
            return
        for i in range(start, end):
            taken[i] = True
        span = Span.of(words.text, words.starts[start], words.ends[end - 1])
        found.append(Toponym(span, kind or _usage(doc[start:end], demonym), (start, end), demonym,
                             _cue(lowers, end), from_entity=from_entity))

    ents = [_Entity(ent.start, ent.end, ent.label_, words.name(ent.start, ent.end)) for ent in layout(doc).entities]
    people = {ent.text for ent in ents if ent.label == "PERSON"}
    longer_names = _names_by_word(people)
    countries = _entity_countries(gaz, ents)
    for ent in ents:
        if ent.label in LITERAL_LABELS:
            whole = _lookup_tokens(gaz, words, ent.start, ent.end)
            # "Modi" typed GPE in one sentence and PERSON in others, and no place of that name: a person.
            inner = [] if whole else list(_gazetteer_names(gaz, words, ent.start, ent.end, strict=False))
            if inner:  # "Greece Italy", "St. Louis Hills": the places the entity holds
                for start, end, kind in inner:
                    claim(start, end, kind == "demonym", None, True)
            elif whole or ent.text not in people:
                claim(ent.start, ent.end, whole == "demonym", None, True)
        elif ent.label == "NORP":
            for start, end, kind in _gazetteer_names(gaz, words, ent.start, ent.end, strict=False):
                if kind == "demonym":
                    claim(start, end, True, None, False)
        elif ent.label == "PERSON":
            if _mistyped_person(gaz, words, ent, countries, longer_names):
                claim(ent.start, ent.end, False, None, False)
        elif ent.label == "ORG" and _strong(gaz.lookup(ent.text)):
            claim(ent.start, ent.end, False, "metonymic", False)  # "Washington said" typed ORG
    for ent in ents:
        if ent.label in ("FAC", "ORG") and lowers[ent.end - 1] in SITE_HEADS and words.caps[ent.end - 1]:
            claim(ent.start, ent.end, False, None, False)  # "Royal Street", "Alder Hey Children's Hospital"
    for ent in ents:
        if ent.label in EMBEDDING_LABELS:
            # "the Nur Shams camp": spaCy's FAC ends before the feature noun the curated name includes.
            first = ent.start + 1 if lowers[ent.start] == "the" else ent.start
            end = ent.end + 1 if ent.end < len(doc) and lowers[ent.end] in FEATURE_CUES else ent.end
            for start, stop, kind in _gazetteer_names(gaz, words, first, end, strict=True):
                # A name that is the whole entity is the place itself; one inside a longer name is embedded in it
                # ("the Syrian Observatory for Human Rights").
                whole = start == first and stop >= ent.end
                claim(start, stop, kind == "demonym", None if whole else "embedded", False)
    for start, end, kind in _names_between(gaz, words, [ent for ent in ents if ent.label in SCANNED_LABELS]):
        claim(start, end, kind == "demonym", None, False)
    found.sort(key=lambda t: t.span.start)
    _link_containment(words, found)
    return found


def _names_between(gaz: gazetteer.Gazetteer, words: _Words, ents: list[_Entity]):
    """Gazetteer names in the text between the entities (spaCy's entities are in order and never overlap)."""
    start, size = 0, len(words.starts)
    for ent in [*ents, _Entity(size, size, "", "")]:
        if ent.start > start:
            yield from _gazetteer_names(gaz, words, start, ent.start, strict=True)
        start = max(start, ent.end)


def _lookup_tokens(gaz: gazetteer.Gazetteer, words: _Words, start: int, end: int) -> str | None:
    """ "place" when the tokens name a place, "demonym" when an adjective or people's name, else None."""
    key = gaz.key_of(words.name(start, end))
    if gaz.knows(key):
        return "place"
    return "demonym" if key in gaz.demonyms else None


def _gazetteer_names(gaz: gazetteer.Gazetteer, words: _Words, start: int, end: int, *, strict: bool):
    """Longest gazetteer names among capitalised n-grams of doc[start:end]; `strict` outside entities, where a
    name must look like a place in its context to count."""
    caps, joins = words.caps, words.joins
    i = start
    while i < end:
        if not caps[i]:
            i += 1
            continue
        # A name is capitalised words joined by connectors or hyphens ("Deir al-Balah"): it ends at most one word
        # after the joined run, and a feature noun may close it ("Jabalia camp").
        joined = i
        while joined < end - 1 and joins[joined]:
            joined += 1
        for j in range(min(end, i + MAX_NAME_TOKENS, joined + 1), i, -1):
            if not (caps[j - 1] or (j - i > 1 and words.feature_noun[j - 1])) or (j - i == 1 and words.common[i]):
                continue
            kind = _lookup_tokens(gaz, words, i, j)
            if kind and (not strict or _plausible(gaz, words, i, j, kind)):
                yield i, j, kind
                i = j - 1
                break
        i += 1


def _plausible(gaz: gazetteer.Gazetteer, words: _Words, start: int, end: int, kind: str) -> bool:
    """Outside entities: a country, region or curated place is a place; a town must be big, or follow a place
    preposition. (A single word that is mostly something else, "May", "President", never is: see
    `_gazetteer_names`.)"""
    if kind == "demonym":
        return True
    after_preposition = start > 0 and words.lowers[start - 1] in PLACE_PREPOSITIONS
    for match in gaz.lookup(words.name(start, end)):
        if not match.primary:
            continue
        if match.place.feature != "city" or match.place.population >= MIN_BARE_POPULATION:
            return True
        if after_preposition and words.doc[start].pos_ == "PROPN":
            return True
    return False


def _entity_countries(gaz: gazetteer.Gazetteer, ents: list[_Entity]) -> set[str]:
    """The countries of the article's GPE entities (each by its most populous reading)."""
    found = set()
    for ent in ents:
        if ent.label == "GPE":
            matches = gaz.lookup(ent.text)
            if matches:
                found.add(max(matches, key=lambda m: m.place.population).place.country or "")
    return found


def _with_feature_noun(gaz: gazetteer.Gazetteer, words: _Words, start: int, end: int) -> int:
    """The end of the name with the feature noun after it when the gazetteer has that longer name."""
    if end < len(words.starts) and words.lowers[end] in FEATURE_CUES \
            and _lookup_tokens(gaz, words, start, end + 1) == "place":
        return end + 1
    return end


def _strong(matches: Sequence[gazetteer.Match]) -> bool:
    """A reading no capitalised word stands for by chance: a country, region or curated place, or a big town."""
    return any(m.primary and (m.place.feature != "city" or m.place.population >= MIN_BARE_POPULATION)
               for m in matches)


def _names_by_word(people: set[str]) -> dict[str, set[str]]:
    """Each word of the article's person names -> the names it is part of."""
    found: dict[str, set[str]] = {}
    for name in people:
        for word in name.split():
            found.setdefault(word, set()).add(name)
    return found


def _mistyped_person(gaz: gazetteer.Gazetteer, words: _Words, ent: _Entity, countries: set[str],
                     longer_names: dict[str, set[str]]) -> bool:
    """A PERSON entity that is a known place: "Khan Younis"; "Rafah" after "in"; "troops raided Jenin" in an
    article whose other places lie in the same country (unless the word is part of a person's longer name)."""
    matches = [m for m in gaz.lookup(ent.text) if m.primary]
    if not matches:
        return False
    after_preposition = ent.start > 0 and words.lowers[ent.start - 1] in PLACE_PREPOSITIONS
    surname = any(name != ent.text for name in longer_names.get(ent.text, ()))
    in_focus = not surname and any(m.place.country in countries and m.place.population >= MIN_FOCUS_POPULATION
                                   for m in matches)
    return after_preposition or in_focus or (_strong(matches) and ent.end - ent.start > 1)


def _usage(tokens: SpacySpan, demonym: bool) -> str:
    root = tokens.root
    head = root.head
    modifies_noun = root.dep_ in ("compound", "amod", "nmod", "poss") and head.i >= tokens.end \
        and head.pos_ in ("NOUN", "PROPN") and head.lower_ not in FEATURE_CUES
    if demonym:
        return "demonym"
    if modifies_noun:
        return "modifier"
    if root.dep_ == "nsubj" and head.lemma_ in METONYMY_VERBS:
        return "metonymic"
    return "literal"


def _cue(lowers: list[str], end: int) -> str | None:
    return FEATURE_CUES.get(lowers[end]) if end < len(lowers) else None


def _link_containment(words: _Words, found: list[Toponym]) -> None:
    """ "Rafah, in southern Gaza", "Paris, Texas", "Jenin in the occupied West Bank": the first lies in the second."""
    for n, (inner, outer) in enumerate(zip(found, found[1:])):
        if inner.demonym or outer.demonym:
            continue
        between = words.lowers[inner.tokens[1]:outer.tokens[0]]
        if between and ("," in between or "in" in between) and all(w == "," or w in CONTAINMENT_WORDS
                                                                      for w in between):
            inner.within = n + 1
