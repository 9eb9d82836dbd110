"""Conflicts: figures for the same category and place, from different reporting bodies, whose values (widened by
their qualifiers and precision, track/data/approximation_intervals.tsv) cannot both be true. They are listed side by
side, never resolved.

Who stands behind a figure is its canonical reporting body (resolve/bodies.py): "Gaza's health ministry" and "the
health ministry in the Hamas-run territory" are one body, so a body's own later figure (30,631, then 30,717) is a
revision in its series, never a conflict.

What is compared is what counts the same thing (the figures' `scope`):
- running totals ("27,585 killed since the war began") within a day of each other, across all articles;
- period tolls ("120 killed in Gaza on Tuesday", "in the past 24 hours"): one period (their first and last days,
  `period_start`..`period_end`, overlap; the same as-of day where a period has no days), one place and one category,
  across all articles;
- incident tolls ("29 killed in the strike") within one story (near-duplicate reports) or when they count one real
  event (the events track clusters the events of their sentences: one hospital blast, "471 killed" against "between
  100 and 300"), since two strikes on one day in one place are two counts;
- a figure with no scope cue, with a total or another such figure, only when the two are of one order of magnitude:
  a toll many times smaller than another is a part of it (a strike, a day), not a dissent about it.
A dispute the text itself states ("about 26,000 ..., lower than the 27,708 reported by the health ministry") is a
conflict whatever the intervals (`kind` "stated"; the others are "values").

The same disagreement copied by several wire reports is listed once, with how many times it was seen.
"""
from __future__ import annotations

from typing import Any

from .. import timex
from ..lexicon import load_phrases
from ..settings import DEFAULTS
from ..store import Store, queries
from .events import figure_events
from .series import interval

COMPARED_CATEGORIES = set(load_phrases("conflict_categories.txt", "newsledger.track"))


def source_key(point: dict[str, Any]) -> str:
    """Who stands behind a figure: the canonical reporting body, the canonical entity, the name as written, or the
    outlet itself."""
    if point.get("source_id") is not None:
        return f"body:{point['source_id']}"
    if point.get("source_entity_id") is not None:
        return f"entity:{point['source_entity_id']}"
    if point["source"] != queries.UNATTRIBUTED:
        return f"name:{point['source'].lower()}"
    return f"outlet:{(point['outlet'] or '').lower()}"


def find_conflicts(store: Store, *, category: str | None = None, place: str | None = None,
                   within_days: int = DEFAULTS.reference_window_days) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], list[tuple[Any, tuple[float, float], dict[str, Any]]]] = {}
    points = queries.figures(store, category=category, place=place, dated_only=True, limit=None)
    for point in points:
        day, bounds = timex.day(point["as_of"], exact=True), interval(point)
        if day and bounds and point["place"] and point["category"] in COMPARED_CATEGORIES:
            groups.setdefault((point["category"], point["place"].lower()), []).append((day, bounds, point))
    compared = [point for points in groups.values() for _, _, point in points]
    stories = queries.article_stories(store, (point["article_id"] for point in compared))
    events = figure_events(store, [p for p in compared if p.get("scope") == "incident"])
    for point in compared:
        point["story_id"] = stories.get(point["article_id"])
        point["events"] = sorted(events.get((point["article_id"], point["local_id"]), ()))
    found: dict[tuple, dict[str, Any]] = {}
    seen: set[frozenset] = set()
    for first, second in _stated_disputes(points):
        _add(found, seen, first, second, interval(first), interval(second), "stated")
    for points_of_place in groups.values():
        points_of_place.sort(key=lambda item: item[0])
        for i, (day, bounds, first) in enumerate(points_of_place):
            for later_day, later_bounds, second in points_of_place[i + 1:]:
                if (later_day - day).days > within_days:
                    break
                if source_key(first) == source_key(second) or not comparable(first, second) \
                        or _can_both_hold(bounds, later_bounds):
                    continue
                _add(found, seen, first, second, bounds, later_bounds, "values")
    listed = sorted(found.values(), key=lambda x: (x["as_of"], x["category"], x["place"] or ""))
    sentences = queries.figure_sentences(store, ((p["article_id"], p["start"], p["end"])
                                                 for c in listed for p in (c["a"], c["b"])))
    for conflict in listed:
        for side in (conflict["a"], conflict["b"]):
            side["sentence"] = sentences.get((side["article_id"], side["start"], side["end"]), "")
    return listed


def _stated_disputes(points: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    by_id = {(p["article_id"], p["local_id"]): p for p in points}
    return [(by_id[(p["article_id"], p["disputes"])], p) for p in points
            if p.get("disputes") and (p["article_id"], p["disputes"]) in by_id]


def _add(found: dict[tuple, dict[str, Any]], seen: set[frozenset], first: dict[str, Any], second: dict[str, Any],
         bounds: Any, later_bounds: Any, kind: str) -> None:
    """List a disagreement once, whichever of its two sides came first; one pair of figures counts once (a stated
    dispute whose values also clash is not seen twice)."""
    pair = frozenset({(first["article_id"], first["local_id"]), (second["article_id"], second["local_id"])})
    if pair in seen:
        return
    seen.add(pair)
    sides = sorted([(source_key(first), bounds), (source_key(second), later_bounds)], key=repr)
    key = (first["category"], (first["place"] or "").lower(), *sides)
    if key in found:
        found[key]["copies"] += 1
    else:
        found[key] = {"category": first["category"], "place": first["place"], "as_of": first["as_of"],
                      "kind": kind, "a": first, "b": second, "copies": 1}


def comparable(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether two figures count the same thing, judged by their scopes (see the module docstring)."""
    scopes = {one.get("scope"), other.get("scope")}
    if scopes == {"cumulative"}:
        return True
    if scopes == {"period"}:
        return _same_period(one, other)
    if "incident" in scopes:
        return scopes == {"incident"} and _same_story(one, other)
    if "period" in scopes:
        return False
    return _same_magnitude(one, other)


def _same_period(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """ "40 killed on Tuesday" and "in the past 24 hours" (Tuesday to Wednesday) count over overlapping days; a
    Monday toll and a Tuesday toll do not."""
    if not all(p.get(name) for p in (one, other) for name in ("period_start", "period_end")):
        return one["as_of"] == other["as_of"]
    return one["period_start"] <= other["period_end"] and other["period_start"] <= one["period_end"]


def _same_story(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """One article, one story (near-duplicate reports), or one real event (the events track)."""
    if one["article_id"] == other["article_id"]:
        return True
    if set(one.get("events") or ()) & set(other.get("events") or ()):
        return True
    return one.get("story_id") is not None and one.get("story_id") == other.get("story_id")


def _same_magnitude(one: dict[str, Any], other: dict[str, Any]) -> bool:
    # Rival counts of one toll seldom differ by more than settings.unscoped_max_ratio; a part of a toll usually does.
    sizes = sorted(_size(p) for p in (one, other))
    return sizes[0] > 0 and sizes[1] <= DEFAULTS.unscoped_max_ratio * sizes[0]


def _size(point: dict[str, Any]) -> float:
    """The number a figure names: its value, or the bound it gives ("fewer than 20,000", "2,000 to 10,000")."""
    for name in ("value", "low", "high"):
        if point.get(name):
            return float(point[name])
    return 0.0


def _can_both_hold(one: tuple[float, float], other: tuple[float, float]) -> bool:
    return one[0] <= other[1] and other[0] <= one[1]
