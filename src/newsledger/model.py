"""The typed records every stage shares; `Record.to_dict()` is the JSON output contract (specs/output.md).

Spans are character offsets into `Article.text` (end exclusive).
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])

    @classmethod
    def trimmed(cls, text: str, start: int, end: int) -> "Span":
        """The span without surrounding whitespace (spaCy's sentences carry the blank line after them)."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return cls(start, end, text[start:end])

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass
class Paragraph:
    start: int
    end: int


@dataclass
class RawArticle:
    """What a reader hands the cleaner: one document before cleaning."""

    source_path: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    published: str | None = None
    published_from: str | None = None
    outlet: str | None = None
    headline: str | None = None


@dataclass
class Article:
    id: str
    source_path: str
    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    headline: str | None = None
    alt_headline: str | None = None
    standfirst: str | None = None
    published: str | None = None
    published_from: str | None = None
    outlet: str | None = None
    byline: str | None = None
    dateline: str | None = None
    captions: list[str] = field(default_factory=list)
    url: str | None = None

    @staticmethod
    def id_for(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Entity:
    id: str
    name: str
    type: str  # PERSON | ORG | GPE | NORP | LOC
    titles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    gender: str | None = None  # "m" | "f" | None, from pronouns and first names


@dataclass
class SpeakerRef:
    entity: str
    name: str
    type: str


@dataclass
class Quote:
    id: str
    kind: str  # direct | mixed | indirect | according_to
    content: list[Span]
    cue: Span | None = None
    speaker_mention: Span | None = None
    speaker: SpeakerRef | None = None
    speaker_description: str | None = None
    # An unnamed source's organisation or country ("An official from mediator Egypt" -> Egypt).
    speaker_affiliation: SpeakerRef | None = None
    # What the source is credited with: "statement" (words: a clause, a predication or a quote), "topic" (only what
    # the words were about: "denounced a court ruling"), "belief" (an attitude or impression: "Protesters believe
    # ..."), "withheld" (speech refused or negated: "declined to say when").
    claim: str = "statement"


@dataclass
class Figure:
    id: str
    span: Span
    number: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str  # exact | at_least | more_than | at_most | less_than | about | range | vague
    category: str
    unit: str | None = None
    source: Span | None = None
    source_entity: str | None = None
    source_chain: list[str] = field(default_factory=list)
    quote: str | None = None
    as_of: str | None = None
    place: str | None = None
    parent: str | None = None  # the figure this one is a subset of ("of whom 29 ...")
    scope: str | None = None  # "cumulative" (a toll so far) | "incident" (one strike) | "period" (a day, 24 hours)
    # The canonical reporting body behind `source` (resolve/bodies.py): "the health ministry in the Hamas-run
    # territory" -> "Gaza Health Ministry", kind "health ministry", jurisdiction "Gaza", affiliation "Hamas".
    source_body: str | None = None
    source_kind: str | None = None
    source_jurisdiction: str | None = None
    source_affiliation: str | None = None
    source_note: str | None = None  # "unnamed officials": "Israeli officials" names no body
    source_body_chain: list[str] = field(default_factory=list)  # every link's body, first the one that reported it
    disputes: str | None = None  # the figure of another body this sentence sets it against ("lower than the ...")
    place_id: str | None = None  # the Place (Record.places) of what is counted


@dataclass
class TimeExpr:
    id: str
    span: Span
    type: str  # DATE | TIME | DURATION | SET
    value: str


@dataclass
class Event:
    id: str
    type: str
    trigger: Span
    sentence: Span
    mode: str | None = None
    actor: str | None = None
    target: str | None = None
    actor_mention: Span | None = None
    target_mention: Span | None = None
    actor_name: str | None = None  # the canonical person or body (resolve/actors.py): "Israel Defense Forces"
    target_name: str | None = None
    date: str | None = None
    place: str | None = None
    background: bool = False
    planned: bool = False
    negated: bool = False
    hypothetical: bool = False  # only a condition: "if it is attacked", "unless Israel withdraws its forces"
    figures: list[str] = field(default_factory=list)
    place_id: str | None = None  # the Place (Record.places) where it happened


@dataclass
class Place:
    """A place mention resolved against the gazetteer (docs/output-extensions.md)."""

    id: str
    span: Span
    name: str | None  # the gazetteer's name ("Khan Younis"); None when the mention could not be resolved
    type: str  # literal | modifier | demonym | metonymic | embedded
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None  # country | admin1 | region | water | city | camp | site | crossing | hospital
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    precision: int | None = None  # ACLED: 1 the town or site, 2 near it or its district, 3 only the region
    within: list[str] = field(default_factory=list)  # the containing places, innermost first ("Gaza Strip", ...)
    key: str | None = None  # the gazetteer key ("gn:281124"), stable across articles


@dataclass
class Voice:
    sentence: Span
    voice: str  # narrator | quoted
    quote: str | None = None


@dataclass
class Record:
    article: Article
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    voice: list[Voice] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        return _build(cls, data)


def _build(kind: Any, data: Any) -> Any:
    """Rebuild nested dataclasses from `dataclasses.asdict` output (the stored JSON)."""
    if data is None:
        return None
    hints = {f.name: f.type for f in dataclasses.fields(kind)}
    values = {}
    for name, value in data.items():
        if name not in hints:
            continue
        values[name] = _coerce(hints[name], value)
    return kind(**values)


_RECORD_TYPES = {
    "Span": Span, "Paragraph": Paragraph, "Article": Article, "Entity": Entity, "SpeakerRef": SpeakerRef,
    "Quote": Quote, "Figure": Figure, "TimeExpr": TimeExpr, "Event": Event, "Voice": Voice,
    "Place": Place,
}


def _coerce(hint: str, value: Any) -> Any:
    if value is None:
        return None
    hint = hint.replace(" | None", "").strip()
    if hint.startswith("list[") and hint[5:-1] in _RECORD_TYPES:
        return [_build(_RECORD_TYPES[hint[5:-1]], item) for item in value]
    if hint in _RECORD_TYPES:
        return _build(_RECORD_TYPES[hint], value)
    return value
