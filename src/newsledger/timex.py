"""TIMEX3 and ISO 8601 values read back into dates: the one place that parses "2024-03-05", "2024-03",
"2024", "2024-03-05T14:00" (and TimeML's compact "19980227").

Values the engines write are TIMEX3 values (`TimeExpr.value`, `Figure.as_of`, `Event.date`); a publication date
is an ISO day. Anything else (PAST_REF, "2024-W05", "XXXX-10-07") is no calendar day and reads as None; `days_of`
also reads an ISO week ("2024-W05") as the days it covers.
"""
from __future__ import annotations

import datetime as dt
import re

_DAY = re.compile(r"(\d{4})-?(\d\d)-?(\d\d)")
_EXACT_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_CALENDAR = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_WEEK = re.compile(r"(\d{4})-W(\d\d)")
_DURATION = re.compile(r"P(?:(\d+)W)?(?:(\d+)D)?(?:T(\d+)H)?")


def day(value: str | None, exact: bool = False) -> dt.date | None:
    """The calendar day a value starts with ("2024-03-05T14:00" is 5 March 2024); with `exact`, only a value that
    is a day and nothing more."""
    if not value:
        return None
    found = _EXACT_DAY.fullmatch(value) if exact else _DAY.match(value)
    if found is None:
        return None
    try:
        return dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def iso_day(value: str | None) -> str | None:
    """The day a value starts with, written YYYY-MM-DD."""
    found = day(value)
    return found.isoformat() if found else None


def calendar_parts(value: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a calendar value at its own precision: "2024" -> (2024, None, None)."""
    found = _CALENDAR.fullmatch(value)
    if found is None:
        return None
    year, month, day_of_month = found.groups()
    return int(year), int(month) if month else None, int(day_of_month) if day_of_month else None


def last_day(value: str | None) -> dt.date | None:
    """The last day a date value covers: the day itself, the end of its month, or of its year."""
    if not value or not value[:4].isdigit():
        return None
    found = day(value)
    if found:
        return found
    year = int(value[:4])
    if len(value) == 7 and value[4] == "-" and value[5:].isdigit() and 1 <= int(value[5:]) <= 12:
        month = int(value[5:])
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    if len(value) == 4:
        return dt.date(year, 12, 31)
    return None


def days_of(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a value covers: a day ("2024-01-16", or the day of "2024-01-16TNI"), an ISO week
    ("2024-W02": Monday 8 to Sunday 14 January), a month or a year."""
    week = _WEEK.fullmatch(value or "")
    if week:
        try:
            monday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        except ValueError:
            return None
        return monday, monday + dt.timedelta(days=6)
    first, last = day(value), last_day(value)
    if first is None and value and (parts := calendar_parts(value)) is not None:
        first = dt.date(parts[0], parts[1] or 1, 1)
    return (first, last) if first and last else None


def duration_days(value: str | None) -> int | None:
    """Whole days of a duration value: "PT24H" and "P1D" are 1, "P1W" 7, "P3D" 3; None for what is no such value."""
    found = _DURATION.fullmatch(value or "")
    if found is None or not any(found.groups()):
        return None
    weeks, days, hours = (int(part or 0) for part in found.groups())
    total = 7 * weeks + days + hours // 24
    return total or None
