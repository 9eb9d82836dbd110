"""Named entities with within-article name coreference and titles.

"Israeli Prime Minister Benjamin Netanyahu" ... "Netanyahu" is one entity with the title
"Israeli Prime Minister"; "Antony Blinken" ... "US envoy Blinken" is one entity with "US envoy".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan

from ..first_chars import grouped_alternation
from ..model import Entity, Span
from ..layout import layout
from ..lexicon import load_phrases, load_table
from ..offsets import SpanIndex

KEPT_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC"}
TITLES = load_phrases("titles.txt")
_TITLE_WORDS = {w for t in TITLES for w in t.split()}
_SINGLE_WORD_TITLES = {t for t in TITLES if " " not in t}
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f"}
ALIASES = load_table("aliases.tsv")  # variant -> canonical name ("U.S." -> "United States")
_STRIP_LEFT = {"the", "a", "an"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# A title other than an honorific, as a whole word: one search, where a search per title cost the entity pass a
# fifth of its time.
_REAL_TITLE = re.compile(r"(?<![\w-])" + grouped_alternation(re.escape(t) for t in TITLES if t not in HONORIFIC_GENDER)
                         + r"(?![\w-])")


@dataclass
class _Mention:
    span: Span
    name: str
    type: str
    titles: list[str] = field(default_factory=list)
    gender: str | None = None


def extract_entities(doc: Doc) -> list[Entity]:
    page = layout(doc)
    text = page.text
    mentions = [m for ent in page.entities if ent.label_ in KEPT_TYPES for m in [_mention(ent, text)] if m]
    # "State" in "Secretary of State Antony Blinken" is part of a title, not an organisation.
    title_ranges = SpanIndex((*r, r) for ent in page.entities if ent.label_ == "PERSON" for r in [_title_range(ent)] if r)
    mentions = [m for m in mentions if not title_ranges.holding(m.span.start, m.span.end)]
    return _cluster(mentions)


def _title_range(ent: SpacySpan) -> tuple[int, int] | None:
    start = _title_start(ent)
    return (ent.doc[start].idx, ent.start_char) if start < ent.start else None


def _mention(ent: SpacySpan, text: str) -> _Mention | None:
    tokens = list(ent)
    while tokens and tokens[0].lower_ in _STRIP_LEFT:
        tokens = tokens[1:]
    titles: list[str] = []
    gender = None
    if ent.label_ == "PERSON":
        # spaCy sometimes folds a title into the name ("Prime Minister Benjamin Netanyahu").
        lead = _title_prefix_length([t.lower_ for t in tokens])
        if 0 < lead < len(tokens):
            titles.append(" ".join(t.text for t in tokens[:lead]))
            tokens = tokens[lead:]
        if tokens and tokens[0].lower_ in HONORIFIC_GENDER:
            gender = HONORIFIC_GENDER[tokens[0].lower_]
            tokens = tokens[1:]
        left = _title_before(ent)
        if left:
            titles.insert(0, left)
            gender = gender or _honorific_gender(left)
        apposition = _apposition_title(ent)
        if apposition:
            titles.append(apposition)
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    name = _POSSESSIVE.sub("", text[start:end]).strip()
    end = start + len(name)
    if not name or not any(c.isalpha() for c in name):
        return None
    return _Mention(Span.of(text, start, end), name, ent.label_, titles, gender)


def _title_prefix_length(lowered: list[str]) -> int:
    """How many leading tokens are title words."""
    n = 0
    while n < len(lowered) and lowered[n] in _TITLE_WORDS:
        n += 1
    return n


def _title_start(ent: SpacySpan) -> int:
    """Token index where the run of title words before a name begins (ent.start when there is none)."""
    doc = ent.doc
    i = ent.start
    while i > 0 and (doc[i - 1].lower_ in _TITLE_WORDS or doc[i - 1].lower_ == "of") and doc[i - 1].text[0:1].isalpha():
        i -= 1
    while i < ent.start and doc[i].lower_ == "of":
        i += 1
    return i


def _title_before(ent: SpacySpan) -> str | None:
    """Title words (and a nationality or organisation before them) to the left of a person's name."""
    doc = ent.doc
    i = _title_start(ent)
    if i == ent.start:
        return None
    j = i
    # "Israeli Prime Minister", "US envoy", "UN chief": a modifier entity right before the title.
    while j > 0 and doc[j - 1].ent_type_ in ("NORP", "GPE", "ORG") and doc[j - 1].ent_iob_ in ("B", "I"):
        j -= 1
    words = doc[j:ent.start].text
    return words if _has_real_title(doc[i:ent.start].text) else None


def _has_real_title(words: str) -> bool:
    return _REAL_TITLE.search(words.lower()) is not None


def _honorific_gender(title: str) -> str | None:
    return HONORIFIC_GENDER.get(title.split()[-1].lower())


def _apposition_title(ent: SpacySpan) -> str | None:
    """ "Antony Blinken, the US secretary of state," -> "US secretary of state"."""
    doc = ent.doc
    if ent.end + 2 >= len(doc) or doc[ent.end].text != ",":
        return None
    k = ent.end + 1
    if doc[k].lower_ in ("the", "a", "an"):
        k += 1
    stop = k
    while stop < len(doc) and stop - k < 8 and doc[stop].text not in (",", ".", ";", "(", ")") and not doc[stop].is_sent_start:
        stop += 1
    phrase = doc[k:stop]
    if not len(phrase) or stop >= len(doc) or doc[stop].text not in (",", "."):
        return None
    if phrase[0].tag_ in ("WP", "WDT", "WRB", "PRP") or any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return None  # "Donald Trump, who's prepared to ..." is a clause, not a title
    head = phrase[-1].lower_
    if head in _SINGLE_WORD_TITLES or (len(phrase) > 1 and phrase[-2:].text.lower() in TITLES):
        return phrase.text
    if any(t.lower_ in _SINGLE_WORD_TITLES for t in phrase) and " of " in f" {phrase.text.lower()} ":
        return phrase.text
    return None


def _key(name: str) -> str:
    return ALIASES.get(name.lower(), name).lower().replace(".", "")


def _cluster(mentions: list[_Mention]) -> list[Entity]:
    """Group mentions into one entity per referent: full names absorb surname-only mentions."""
    entities: list[Entity] = []
    by_key: dict[tuple[str, str], Entity] = {}
    persons: list[tuple[Entity, int]] = []  # each person with where its full name first stands
    full_order = sorted(mentions, key=lambda m: (-len(m.name.split()), m.span.start))
    assignment: dict[int, Entity] = {}
    for m in full_order:
        group = _type_group(m.type)
        entity = by_key.get((group, _key(m.name)))
        if entity is None and m.type == "PERSON":
            entity = _person_match(m.name, m.span.start, persons)
        if entity is None:
            entity = Entity(id="", name=ALIASES.get(m.name.lower(), m.name), type=m.type)
            entities.append(entity)
            if m.type == "PERSON":
                persons.append((entity, m.span.start))
        by_key[(group, _key(m.name))] = entity
        assignment[id(m)] = entity
    for m in mentions:
        entity = assignment[id(m)]
        entity.mentions.append(m.span)
        for title in m.titles:
            if title not in entity.titles:
                entity.titles.append(title)
        entity.gender = entity.gender or m.gender
    entities = [e for e in entities if e.mentions]
    entities.sort(key=lambda e: e.mentions[0].start)
    for n, entity in enumerate(entities, 1):
        entity.id = f"e{n}"
        entity.mentions.sort(key=lambda s: s.start)
        entity.type = _majority_type(entity, mentions, assignment)
    return entities


def _type_group(label: str) -> str:
    # spaCy tags one country as GPE in one sentence and NORP or ORG in the next; people never merge with them.
    return "PERSON" if label == "PERSON" else "OTHER"


def _person_match(name: str, start: int, persons: list[tuple[Entity, int]]) -> Entity | None:
    """A surname-only or shorter form of a full name introduced before it ("Netanyahu" -> "Benjamin Netanyahu").

    News introduces a person by full name first: "President Obama" before any "Michelle Obama" is someone else.
    """
    parts = name.lower().replace(".", "").split()
    candidates = []
    for person, introduced_at in persons:
        full = person.name.lower().replace(".", "").split()
        if len(parts) < len(full) and full[-len(parts):] == parts and introduced_at < start:
            candidates.append(person)
    # Two different people share the surname: leave the short form alone rather than guess.
    return candidates[0] if len(candidates) == 1 else None


def _majority_type(entity: Entity, mentions: list[_Mention], assignment: dict[int, Entity]) -> str:
    counts: dict[str, int] = {}
    for m in mentions:
        if assignment[id(m)] is entity:
            counts[m.type] = counts.get(m.type, 0) + 1
    return max(counts, key=lambda t: (counts[t], t == "PERSON"))
