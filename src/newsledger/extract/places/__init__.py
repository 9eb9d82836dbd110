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

from dataclasses import dataclass
from typing import NamedTuple

from spacy.attrs import IDX, IS_PUNCT, IS_STOP, LENGTH
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
    more than all the gazetteer lookups together, and so does building one Token per word: the lists come from
    one `Doc.to_array` and slices of the text."""

    def __init__(self, doc: Doc) -> None:
        self.text = text = layout(doc).text
        rows = doc.to_array([IDX, LENGTH, IS_STOP, IS_PUNCT]).tolist()
        self.starts = [start for start, _, _, _ in rows]
        self.ends = [start + length for start, length, _, _ in rows]
        words = [text[start:end] for start, end in zip(self.starts, self.ends)]
        self.lowers = [word.lower() for word in words]  # spaCy's LOWER is the text lower-cased
        self.caps = [word[:1].isupper() for word in words]
        self.joins = [capitalised or lower in NAME_CONNECTORS or word in _HYPHENS
                      for word, lower, capitalised in zip(words, self.lowers, self.caps)]
        self.common = [lower in NOT_PLACES or row[2] == 1 for lower, row in zip(self.lowers, rows)]
        self.punct = [row[3] == 1 for row in rows]

    def name(self, start: int, end: int) -> str:
        return self.text[self.starts[start]:self.ends[end - 1]]


_WORDS_KEY = "newsledger.place_words"


def _words(doc: Doc) -> _Words:
    found = doc.user_data.get(_WORDS_KEY)
    if found is None or len(found.caps) != len(doc):
        found = doc.user_data[_WORDS_KEY] = _Words(doc)
    return found


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
    words = _words(doc)
    lowers = words.lowers
    taken = [False] * len(doc)
    found: list[Toponym] = []

    def claim(start: int, end: int, demonym: bool, kind: str | None, from_entity: bool) -> None:
        while start < end and lowers[start] == "the":
            start += 1
        while end > start and words.punct[end - 1] or end > start and lowers[end - 1] in ("'s", "’s"):
            end -= 1
        if not demonym:  # "Jabalia camp", "the Rafah crossing": spaCy stops before the curated name's noun
            end = _with_feature_noun(gaz, doc, start, end)
        if start >= end or any(taken[start:end]):
            return
        for i in range(start, end):
            taken[i] = True
        span = Span.of(words.text, words.starts[start], words.ends[end - 1])
        found.append(Toponym(span, kind or _usage(doc[start:end], demonym), (start, end), demonym,
                             _cue(lowers, end), from_entity=from_entity))

    ents = [_Entity(ent.start, ent.end, ent.label_, words.name(ent.start, ent.end)) for ent in doc.ents]
    people = {ent.text for ent in ents if ent.label == "PERSON"}
    countries = _entity_countries(gaz, ents)
    for ent in ents:
        if ent.label in LITERAL_LABELS:
            whole = _lookup_tokens(gaz, doc, ent.start, ent.end)
            # "Modi" typed GPE in one sentence and PERSON in others, and no place of that name: a person.
            inner = [] if whole else list(_gazetteer_names(gaz, doc, ent.start, ent.end, strict=False))
            if inner:  # "Greece Italy", "St. Louis Hills": the places the entity holds
                for start, end, kind in inner:
                    claim(start, end, kind == "demonym", None, True)
            elif whole or ent.text not in people:
                claim(ent.start, ent.end, whole == "demonym", None, True)
        elif ent.label == "NORP":
            for start, end, kind in _gazetteer_names(gaz, doc, ent.start, ent.end, strict=False):
                if kind == "demonym":
                    claim(start, end, True, None, False)
        elif ent.label == "PERSON":
            if _mistyped_person(gaz, doc, ent, countries, people):
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
            for start, stop, kind in _gazetteer_names(gaz, doc, first, end, strict=True):
                # A name that is the whole entity is the place itself; one inside a longer name is embedded in it
                # ("the Syrian Observatory for Human Rights").
                whole = start == first and stop >= ent.end
                claim(start, stop, kind == "demonym", None if whole else "embedded", False)
    for start, end, kind in _names_between(gaz, doc, [ent for ent in ents if ent.label in SCANNED_LABELS]):
        claim(start, end, kind == "demonym", None, False)
    found.sort(key=lambda t: t.span.start)
    _link_containment(doc, found)
    return found


def _names_between(gaz: gazetteer.Gazetteer, doc: Doc, ents: list[_Entity]):
    """Gazetteer names in the text between the entities (spaCy's entities are in order and never overlap)."""
    start = 0
    for ent in [*ents, _Entity(len(doc), len(doc), "", "")]:
        if ent.start > start:
            yield from _gazetteer_names(gaz, doc, start, ent.start, strict=True)
        start = max(start, ent.end)


def _lookup_tokens(gaz: gazetteer.Gazetteer, doc: Doc, start: int, end: int) -> str | None:
    """ "place" when the tokens name a place, "demonym" when an adjective or people's name, else None."""
    key = gazetteer.normalise(_words(doc).name(start, end))
    if gaz.knows(key):
        return "place"
    return "demonym" if key in gaz.demonyms else None


def _gazetteer_names(gaz: gazetteer.Gazetteer, doc: Doc, start: int, end: int, *, strict: bool):
    """Longest gazetteer names among capitalised n-grams of doc[start:end]; `strict` outside entities, where a
    name must look like a place in its context to count."""
    words = _words(doc)
    i = start
    while i < end:
        if not words.caps[i]:
            i += 1
            continue
        for j in range(min(end, i + MAX_NAME_TOKENS), i, -1):
            if not _name_shape(words, i, j) or (j - i == 1 and words.common[i]):
                continue
            kind = _lookup_tokens(gaz, doc, i, j)
            if kind and (not strict or _plausible(gaz, doc, i, j, kind)):
                yield i, j, kind
                i = j - 1
                break
        i += 1


def _name_shape(words: _Words, start: int, end: int) -> bool:
    """Capitalised words, joined by connectors or hyphens ("Deir al-Balah"); a feature noun may close it
    ("Jabalia camp")."""
    if not (words.caps[end - 1] or (end - start > 1 and words.lowers[end - 1] in FEATURE_CUES)):
        return False
    return all(words.joins[start:end - 1])


def _plausible(gaz: gazetteer.Gazetteer, doc: Doc, start: int, end: int, kind: str) -> bool:
    """Outside entities: a country, region or curated place is a place; a town must be big, or follow a place
    preposition. (A single word that is mostly something else, "May", "President", never is: see
    `_gazetteer_names`.)"""
    if kind == "demonym":
        return True
    words = _words(doc)
    after_preposition = start > 0 and words.lowers[start - 1] in PLACE_PREPOSITIONS
    for match in gaz.lookup(words.name(start, end)):
        if not match.primary:
            continue
        if match.place.feature != "city" or match.place.population >= MIN_BARE_POPULATION:
            return True
        if after_preposition and doc[start].pos_ == "PROPN":
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


def _with_feature_noun(gaz: gazetteer.Gazetteer, doc: Doc, start: int, end: int) -> int:
    """The end of the name with the feature noun after it when the gazetteer has that longer name."""
    if end < len(doc) and _words(doc).lowers[end] in FEATURE_CUES \
            and _lookup_tokens(gaz, doc, start, end + 1) == "place":
        return end + 1
    return end


def _strong(matches: list[gazetteer.Match]) -> bool:
    """A reading no capitalised word stands for by chance: a country, region or curated place, or a big town."""
    return any(m.primary and (m.place.feature != "city" or m.place.population >= MIN_BARE_POPULATION)
               for m in matches)


def _mistyped_person(gaz: gazetteer.Gazetteer, doc: Doc, ent: _Entity, countries: set[str],
                     people: set[str]) -> bool:
    """A PERSON entity that is a known place: "Khan Younis"; "Rafah" after "in"; "troops raided Jenin" in an
    article whose other places lie in the same country (unless the word is part of a person's longer name)."""
    matches = [m for m in gaz.lookup(ent.text) if m.primary]
    if not matches:
        return False
    after_preposition = ent.start > 0 and _words(doc).lowers[ent.start - 1] in PLACE_PREPOSITIONS
    surname = any(ent.text in name.split() and name != ent.text for name in people)
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


def _link_containment(doc: Doc, found: list[Toponym]) -> None:
    """ "Rafah, in southern Gaza", "Paris, Texas", "Jenin in the occupied West Bank": the first lies in the second."""
    for n, (inner, outer) in enumerate(zip(found, found[1:])):
        if inner.demonym or outer.demonym:
            continue
        words = _words(doc).lowers[inner.tokens[1]:outer.tokens[0]]
        if words and ("," in words or "in" in words) and all(w == "," or w in CONTAINMENT_WORDS for w in words):
            inner.within = n + 1
