"""TIMEX3 and ISO 8601 values read back into dates: the one place that parses "2024-03-05", "2024-03",
"2024", "2024-03-05T14:00" (and TimeML's compact "19980227").

Values the engines write are TIMEX3 values (`TimeExpr.value`, `Figure.as_of`, `Event.date`); a publication date
is an ISO day. Anything else (PAST_REF, "2024-W05", "XXXX-10-07") is no calendar day and reads as None.
"""
from __future__ import annotations

import datetime as dt
import re

_DAY = re.compile(r"(\d{4})-?(\d\d)-?(\d\d)")
_EXACT_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_CALENDAR = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


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
