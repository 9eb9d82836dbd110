"""The typed records every stage shares; `Record.to_dict()` is the JSON output contract (specs/output.md).

Spans are character offsets into `Article.text` (end exclusive).
"""
from __future__ import annotations

import copy
import dataclasses
import functools
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
    period_start: str | None = None  # a period toll's first and last day (ISO): "since Saturday" -> that Saturday ..
    period_end: str | None = None  # the figure's date
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
    # later words that tell this same event again ("the attack", "Saturday's bombing"): one real event, once
    mentions: list[Span] = field(default_factory=list)


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
    admin1: str | None = None  # the first-level area containing it ("West Bank", "Texas", "Kharkivska oblast")
    admin1_code: str | None = None  # its ISO 3166-2 code ("US-TX", "UA-63"), when GeoNames' code maps to one
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
    # Attributions that are not something said: beliefs, noun-phrase topics and withheld speech (Quote.claim).
    # Their ids are numbered with the quotes', so a figure's or a sentence's `quote` may name one.
    views: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    voice: list[Voice] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        return _build(cls, data)

    @classmethod
    def normalised(cls, data: dict[str, Any]) -> dict[str, Any]:
        """`from_dict(data).to_dict()` (the stored JSON with this version's fields, in order, defaults filled in)
        without building the records on the way: a view of a long article's page does this once per request."""
        return _normal(cls, data)


# Values `dataclasses.asdict` hands on as they are (its deep copy of them returns the same object).
_ATOMS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """What `dataclasses.asdict` makes of the value, without its deep copy of every string and number: the record
    of a long article holds 100,000 of them, and each view of its page rebuilds it."""
    if type(value) in _ATOMS:
        return value
    names = _field_names(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if type(value) is list:
        return [_plain(item) for item in value]
    if type(value) is dict:
        return {_plain(key): _plain(item) for key, item in value.items()}
    if type(value) is tuple:
        return tuple(_plain(item) for item in value)
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else copy.deepcopy(value)


@functools.lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in _fields(kind)) if dataclasses.is_dataclass(kind) else None


@functools.lru_cache(maxsize=None)
def _fields(kind: type) -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(kind)


def _build(kind: Any, data: Any) -> Any:
    """Rebuild nested dataclasses from `dataclasses.asdict` output (the stored JSON)."""
    if data is None:
        return None
    hints = _hints(kind)
    values = {}
    for name, value in data.items():
        if name not in hints:
            continue
        values[name] = _coerce(hints[name], value)
    return kind(**values)


@functools.lru_cache(maxsize=None)
def _hints(kind: type) -> dict[str, str]:
    return {f.name: f.type for f in _fields(kind)}


def _normal(kind: Any, data: Any) -> Any:
    """What `_build(kind, data)` gives, as `dataclasses.asdict` writes it."""
    if data is None:
        return None
    plain = {}
    for found in _fields(kind):
        if found.name in data:
            value = data[found.name]
            record_kind, many = _record_type(found.type)
            if value is not None and record_kind is not None:
                value = [_normal(record_kind, item) for item in value] if many else _normal(record_kind, value)
            plain[found.name] = value
        elif found.default is not dataclasses.MISSING:
            plain[found.name] = _plain(found.default)
        elif found.default_factory is not dataclasses.MISSING:
            plain[found.name] = _plain(found.default_factory())
        else:
            raise TypeError(f"{kind.__name__} needs its {found.name!r}")
    return plain


_RECORD_TYPES = {
    "Span": Span, "Paragraph": Paragraph, "Article": Article, "Entity": Entity, "SpeakerRef": SpeakerRef,
    "Quote": Quote, "Figure": Figure, "TimeExpr": TimeExpr, "Event": Event, "Voice": Voice,
    "Place": Place,
}


def _coerce(hint: str, value: Any) -> Any:
    if value is None:
        return None
    kind, many = _record_type(hint)
    if kind is None:
        return value
    return [_build(kind, item) for item in value] if many else _build(kind, value)


@functools.lru_cache(maxsize=None)
def _record_type(hint: str) -> tuple[Any, bool]:
    """The record type a field's annotation names, and whether it is a list of them; (None, False) for plain values."""
    hint = hint.replace(" | None", "").strip()
    if hint.startswith("list[") and hint[5:-1] in _RECORD_TYPES:
        return _RECORD_TYPES[hint[5:-1]], True
    return _RECORD_TYPES.get(hint), False
