"""Conflicts: figures for the same category and place, as of dates within a day, from different sources, whose
values (widened by their qualifiers) cannot both be true. They are listed side by side, never resolved.

Only figures that count the same kind of thing are compared (their `scope`): a running total ("27,585 killed since
the war began") never conflicts with one strike's toll ("29 killed in the strike"). Two incident figures are
compared only within one story (near-duplicate reports), since two strikes on one day in one place are two counts.
A figure with no scope cue may be either; it is compared with a total or another such figure only when the two are
of one order of magnitude, because a toll many times smaller than another is a part of it (a strike, a day), not a
dissent about it.

The same disagreement copied by several wire reports is listed once, with how many times it was seen.
"""
from __future__ import annotations

from typing import Any

from .. import timex
from ..lexicon import load_phrases
from ..settings import DEFAULTS
from ..store import Store, queries
from .series import interval

COMPARED_CATEGORIES = set(load_phrases("conflict_categories.txt", "newsledger.track"))


def source_key(point: dict[str, Any]) -> str:
    """Who stands behind a figure: the canonical entity, the named source, or the outlet itself."""
    if point["source_id"] is not None:
        return f"entity:{point['source_id']}"
    if point["source"] != queries.UNATTRIBUTED:
        return f"name:{point['source'].lower()}"
    return f"outlet:{(point['outlet'] or '').lower()}"


def find_conflicts(store: Store, *, category: str | None = None, place: str | None = None,
                   within_days: int = DEFAULTS.reference_window_days) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], list[tuple[Any, tuple[float, float], dict[str, Any]]]] = {}
    for point in queries.figures(store, category=category, place=place, dated_only=True, limit=None):
        day, bounds = timex.day(point["as_of"], exact=True), interval(point)
        if day and bounds and point["place"] and point["category"] in COMPARED_CATEGORIES:
            groups.setdefault((point["category"], point["place"].lower()), []).append((day, bounds, point))
    compared = [point for points in groups.values() for _, _, point in points]
    stories = queries.article_stories(store, (point["article_id"] for point in compared))
    for point in compared:
        point["story_id"] = stories.get(point["article_id"])
    found: dict[tuple, dict[str, Any]] = {}
    for points in groups.values():
        points.sort(key=lambda item: item[0])
        for i, (day, bounds, first) in enumerate(points):
            for later_day, later_bounds, second in points[i + 1:]:
                if (later_day - day).days > within_days:
                    break
                if source_key(first) == source_key(second) or not comparable(first, second) \
                        or _can_both_hold(bounds, later_bounds):
                    continue
                key = (first["category"], first["place"].lower(), source_key(first), source_key(second),
                       bounds, later_bounds)
                if key in found:
                    found[key]["copies"] += 1
                else:
                    found[key] = {"category": first["category"], "place": first["place"], "as_of": first["as_of"],
                                  "a": first, "b": second, "copies": 1}
    return sorted(found.values(), key=lambda x: (x["as_of"], x["category"], x["place"]))


def comparable(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether two figures count the same thing, judged by their scopes (see the module docstring)."""
    scopes = {one.get("scope"), other.get("scope")}
    if scopes == {"cumulative"}:
        return True
    if "incident" in scopes:
        return scopes == {"incident"} and _same_story(one, other)
    return _same_magnitude(one, other)


def _same_story(one: dict[str, Any], other: dict[str, Any]) -> bool:
    if one["article_id"] == other["article_id"]:
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
