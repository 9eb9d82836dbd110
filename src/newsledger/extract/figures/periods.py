"""The days a period toll counts over (issue 13), from the time engine's value of its scope cue: "120 killed in Gaza
on Tuesday" is that Tuesday; "in the past 24 hours" the day before the figure's date to that date; "since Saturday"
that Saturday to the figure's date; "last week" that week, Monday to Sunday; "overnight" the night before.
"""
from __future__ import annotations

import datetime as dt
import re

from ... import timex
from ...model import TimeExpr
from ...offsets import SpanIndex

# "in the past 24 hours", "over the last week": a window that ends at the figure's date ("last week" alone is the
# calendar week before, as the time engine reads it).
_TRAILING = re.compile(r"\b(?:past|previous|last\s+(?:\d+|twenty-four)\s)", re.IGNORECASE)
_UNIT_DAYS = {"hour": 1, "hours": 1, "day": 1, "days": 1, "week": 7, "weeks": 7}
_NIGHT = re.compile(r"\b(?:overnight|last\s+night)\b", re.IGNORECASE)


def period_bounds(cue: str, start: int, end: int, times: SpanIndex[TimeExpr],
                  as_of: str | None) -> tuple[str | None, str | None]:
    """(first day, last day) as ISO dates of the period the cue at text[start:end] names, or (None, None)."""
    reference = timex.day(as_of)
    time = min(times.starting_in(start, end), key=lambda t: t.span.start, default=None)
    if time is None:
        # "overnight" with no value of its own: the night that ends on the figure's date
        return _iso(reference - dt.timedelta(days=1), reference) if reference and _NIGHT.search(cue) else (None, None)
    if _TRAILING.search(cue):
        days = timex.duration_days(time.value) or _UNIT_DAYS.get(cue.split()[-1].lower())
        return _iso(reference - dt.timedelta(days=days), reference) if reference and days else (None, None)
    covered = timex.days_of(time.value)
    if covered is None:
        return None, None
    first, last = covered
    if cue.lower().startswith("since"):
        return _iso(first, max(reference, first)) if reference else (None, None)
    if time.type == "TIME" and _NIGHT.search(cue):
        return _iso(first, first + dt.timedelta(days=1))  # the night of the 16th ends on the 17th
    return _iso(first, last)


def _iso(first: dt.date, last: dt.date) -> tuple[str, str]:
    return first.isoformat(), last.isoformat()
