"""Conflicts: figures for the same category and place, as of dates within a day, from different sources, whose
values (widened by their qualifiers) cannot both be true. They are listed side by side, never resolved.

The same disagreement copied by several wire reports is listed once, with how many times it was seen.
"""
from __future__ import annotations

from typing import Any

from ..extract.lexicon import load_phrases
from ..store import Store, queries
from .series import interval, parse_day

COMPARED_CATEGORIES = set(load_phrases("conflict_categories.txt", "newsledger.track"))


def source_key(point: dict[str, Any]) -> str:
    """Who stands behind a figure: the canonical entity, the named source, or the outlet itself."""
    if point["source_id"] is not None:
        return f"entity:{point['source_id']}"
    if point["source"] != queries.UNATTRIBUTED:
        return f"name:{point['source'].lower()}"
    return f"outlet:{(point['outlet'] or '').lower()}"


def find_conflicts(store: Store, *, category: str | None = None, place: str | None = None,
                   within_days: int = 1) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], list[tuple[Any, tuple[float, float], dict[str, Any]]]] = {}
    for point in queries.figures(store, category=category, place=place, dated_only=True, limit=None):
        day, bounds = parse_day(point["as_of"]), interval(point)
        if day and bounds and point["place"] and point["category"] in COMPARED_CATEGORIES:
            groups.setdefault((point["category"], point["place"].lower()), []).append((day, bounds, point))
    found: dict[tuple, dict[str, Any]] = {}
    for points in groups.values():
        points.sort(key=lambda item: item[0])
        for i, (day, bounds, first) in enumerate(points):
            for later_day, later_bounds, second in points[i + 1:]:
                if (later_day - day).days > within_days:
                    break
                if source_key(first) == source_key(second) or _can_both_hold(bounds, later_bounds):
                    continue
                key = (first["category"], first["place"].lower(), source_key(first), source_key(second),
                       bounds, later_bounds)
                if key in found:
                    found[key]["copies"] += 1
                else:
                    found[key] = {"category": first["category"], "place": first["place"], "as_of": first["as_of"],
                                  "a": first, "b": second, "copies": 1}
    return sorted(found.values(), key=lambda x: (x["as_of"], x["category"], x["place"]))


def _can_both_hold(one: tuple[float, float], other: tuple[float, float]) -> bool:
    return one[0] <= other[1] and other[0] <= one[1]
