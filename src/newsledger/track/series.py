"""Figure series against a reference: an external daily series (e.g. the Gaza Health Ministry's counts collected by
Tech For Palestine) loaded into the ledger, and every extracted point compared with it.

A point agrees when a reference value within a day of its as-of date lies inside the point's interval (its qualifier
and precision widen it, data/approximation_intervals.tsv: "more than 27,000" agrees with 27,708); it differs when there are reference values but none fits; it
has no reference otherwise. Reports lag the ministry by a day, hence the window.
"""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert

from .. import timex
from ..lexicon import alternation, data_lines, load_table
from ..settings import DEFAULTS
from ..store import Store, queries, schema

TFP_SERIES = "Gaza Health Ministry (TFP)"
TFP_PLACE = "Gaza"
REFERENCE_FIELDS = load_table("reference_fields.tsv", "newsledger.track")  # field -> figure category


def _load_intervals() -> dict[str, tuple[float, float, float, float]]:
    table = {}
    for line in data_lines("approximation_intervals.tsv", "newsledger.track"):
        word, low_v, low_s, high_v, high_s = line.split("\t")
        table[word.replace("_", " ")] = (float(low_v), float(low_s), float(high_v), float(high_s))
    return table


APPROXIMATIONS = _load_intervals()
_QUALIFIER_WORD = re.compile(alternation(sorted(APPROXIMATIONS, key=len, reverse=True)), re.I)


def precision_step(value: float) -> float:
    """The place value of the last non-zero digit: 26,000 -> 1,000; 27,708 -> 1; 1,700,000 -> 100,000."""
    if value <= 0 or value != int(value):
        return 1.0
    step, number = 1, int(value)
    while number % 10 == 0:
        number //= 10
        step *= 10
    return float(step)


def interval(point: dict[str, Any]) -> tuple[float, float] | None:
    """The values a reported figure allows (data/approximation_intervals.tsv); None when it bounds nothing
    ("dozens")."""
    if point["qualifier"] == "range" and point["low"] is not None and point["high"] is not None:
        return (point["low"], point["high"])
    value = point["value"]
    if value is None or point["qualifier"] == "vague":
        return None
    written = _QUALIFIER_WORD.match(point.get("text") or "")
    factors = APPROXIMATIONS.get(written.group(0).lower() if written else "") \
        or APPROXIMATIONS.get(point["qualifier"].replace("_", " "))
    if factors is None:
        return None
    step = precision_step(value)
    return (max(0.0, value * factors[0] + step * factors[1]), value * factors[2] + step * factors[3])


# The Tech for Palestine daily series, bundled (public domain: data/tfp_casualties_daily.LICENSE.md) for the demo.
BUNDLED_REFERENCE = Path(__file__).parent / "data" / "tfp_casualties_daily.json"


def import_bundled_reference(store: Store) -> dict[str, int]:
    return import_reference(store, str(BUNDLED_REFERENCE))


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
    with store.writing() as conn:
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


# A reference series counts running totals: one day's or one strike's toll is not set against it.
NOT_TOTALS = {"period", "incident"}


def verdict(point: dict[str, Any], references: dict[date, list[dict[str, Any]]], within_days: int) -> dict[str, Any]:
    day = timex.day(point["as_of"], exact=True) if point.get("scope") not in NOT_TOTALS else None
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
