"""Figure series against a reference: an external daily series (e.g. the Gaza Health Ministry's counts collected by
Tech For Palestine) loaded into the ledger, and every extracted point compared with it.

A point agrees when a reference value within a day of its as-of date lies inside the point's bounds (the qualifier
widens them: "more than 27,000" agrees with 27,708); it differs when there are reference values but none fits; it
has no reference otherwise. Reports lag the ministry by a day, hence the window.
"""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert

from .. import timex
from ..lexicon import data_lines, load_table
from ..settings import DEFAULTS
from ..store import Store, queries, schema

TFP_SERIES = "Gaza Health Ministry (TFP)"
TFP_PLACE = "Gaza"
REFERENCE_FIELDS = load_table("reference_fields.tsv", "newsledger.track")  # field -> figure category


def _load_bounds() -> dict[str, tuple[float, float]]:
    bounds = {}
    for line in data_lines("qualifier_bounds.tsv", "newsledger.track"):
        qualifier, low, high = line.split("\t")
        bounds[qualifier] = (float(low), float(high))
    return bounds


QUALIFIER_BOUNDS = _load_bounds()


def interval(point: dict[str, Any]) -> tuple[float, float] | None:
    """The values a reported figure allows, from its qualifier; None when it bounds nothing ("dozens")."""
    if point["qualifier"] == "range" and point["low"] is not None and point["high"] is not None:
        return (point["low"], point["high"])
    factors = QUALIFIER_BOUNDS.get(point["qualifier"])
    if factors is None or point["value"] is None:
        return None
    return (point["value"] * factors[0], point["value"] * factors[1])


def import_reference(store: Store, path: str, series: str = TFP_SERIES, place: str = TFP_PLACE) -> dict[str, int]:
    """Load a daily series (a JSON list of {"report_date": ..., field: value}); replaces an earlier import of it."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = {}
    for record in records if isinstance(records, list) else []:
        day = timex.day(str(record.get("report_date", "")), exact=True) if isinstance(record, dict) else None
        if day is None:
            continue
        for field, category in REFERENCE_FIELDS.items():
            value = record.get(field)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                rows[(category, day.isoformat())] = {"series": series, "category": category, "place": place,
                                                     "date": day.isoformat(), "value": float(value)}
    with store.engine.begin() as conn:
        conn.execute(delete(schema.reference_points).where(schema.reference_points.c.series == series))
        if rows:
            conn.execute(insert(schema.reference_points), list(rows.values()))
    counts: dict[str, int] = {}
    for category, _ in rows:
        counts[category] = counts.get(category, 0) + 1
    return counts


def compare(store: Store, *, category: str, place: str = TFP_PLACE, source: str | None = None,
            within_days: int = DEFAULTS.reference_window_days) -> list[dict[str, Any]]:
    """Every dated point of the category reported for the place, with its verdict against the reference."""
    references: dict[date, list[dict[str, Any]]] = {}
    for row in queries.reference(store, category=category, place=place):
        references.setdefault(date.fromisoformat(row["date"]), []).append(row)
    compared = []
    for point in queries.figures(store, category=category, source=source, dated_only=True, limit=None):
        if place.lower() not in (point["place"] or "").lower():
            continue
        compared.append({**point, **verdict(point, references, within_days)})
    return compared


def verdict(point: dict[str, Any], references: dict[date, list[dict[str, Any]]], within_days: int) -> dict[str, Any]:
    day = timex.day(point["as_of"], exact=True)
    nearby = [r for d in range(-within_days, within_days + 1) if day
              for r in references.get(day + timedelta(days=d), [])]
    if not nearby:
        return {"status": "no reference", "reference_value": None, "reference_date": None, "reference_series": None}
    bounds = interval(point)
    fitting = [r for r in nearby if bounds and bounds[0] <= r["value"] <= bounds[1]]
    closest = min(fitting or nearby, key=lambda r: (abs(date.fromisoformat(r["date"]) - day), r["date"]))
    return {"status": "agree" if fitting else "differ", "reference_value": closest["value"],
            "reference_date": closest["date"], "reference_series": closest["series"]}


def summarise(compared: list[dict[str, Any]]) -> dict[str, int]:
    counts = {"agree": 0, "differ": 0, "no reference": 0}
    for point in compared:
        counts[point["status"]] += 1
    return counts
