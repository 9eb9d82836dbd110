"""Calendar arithmetic and TIMEX3 values: days, weeks, quarters and durations written at their granularity, dates
moved by a count of units, the year of a month named without one.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from ... import timex
from ...settings import DEFAULTS, Settings
from .grammar import MONTHS, NUMBERS, UNITS, WEEKDAYS
from .tense import FUTURE, PAST

# Calendar units from finest to coarsest, so a reference date can be checked for the precision a unit needs.
FINENESS = {unit: rank for rank, unit in enumerate(("S", "MIN", "H", "D", "WE", "W", "FN", "M", "Q", "Y", "DE", "CE"))}
# "2 1/2 years" is P2Y6M: half of a unit written in the next smaller one.
HALVES = {"Y": "6M", "D": "T12H", "H": "30M", "MIN": "30S"}


def day_value(date: dt.date) -> str:
    return date.isoformat()


def week_value(date: dt.date) -> str:
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(date: dt.date) -> tuple[int, int]:
    return date.year, (date.month - 1) // 3 + 1


def shifted(anchor: dt.date, unit: str, count: int) -> str | None:
    """The anchor moved `count` units (negative: back), written at the unit's granularity."""
    if unit == "D":
        return day_value(anchor + dt.timedelta(days=count))
    if unit in ("W", "WE"):
        week = week_value(anchor + dt.timedelta(weeks=count))
        return week + "-WE" if unit == "WE" else week
    if unit == "FN":
        return week_value(anchor + dt.timedelta(weeks=2 * count))
    if unit == "M":
        index = anchor.year * 12 + anchor.month - 1 + count
        return f"{index // 12}-{index % 12 + 1:02d}"
    if unit == "Q":
        year, quarter = quarter_of(anchor)
        index = year * 4 + quarter - 1 + count
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "Y":
        return str(anchor.year + count)
    if unit == "DE":
        return str(anchor.year // 10 + count)
    if unit == "CE":
        return str(anchor.year // 100 + count)
    return None


def count_value(words: str) -> str:
    """ "twenty four" -> "24", "several" -> "X", "3" -> "3"."""
    lowered = re.sub(r"[\s-]+", " ", words.lower()).strip()
    if lowered in NUMBERS:
        return NUMBERS[lowered]
    if re.fullmatch(r"\d+(?:\.\d+)?", lowered):
        return lowered.rstrip("0").rstrip(".") if "." in lowered else lowered
    parts = [NUMBERS.get(part) for part in lowered.split()]
    if parts and all(p and p.isdigit() for p in parts):
        return str(sum(int(p) for p in parts))
    return "X"


def duration_value(count: str, unit: str) -> str | None:
    """P3Y, PT24H, P10Y for "a decade" ..."""
    if unit in ("DE", "CE"):
        scale = 10 if unit == "DE" else 100
        return f"P{int(count) * scale}Y" if count.isdigit() else "PXY"
    if unit in ("H", "MIN", "S"):
        return f"PT{count}{unit[0]}"
    if unit == "WE":
        return "P2D"
    if unit == "FN":
        return f"P{int(count) * 2}W" if count.isdigit() else "PXW"
    return f"P{count}{unit}"


def unit_code(word: str) -> str:
    return UNITS[word.lower()]


def nearest_weekday(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    """The weekday on or before the anchor (PAST) or on or after it (FUTURE)."""
    gap = (weekday - anchor.isoweekday()) % 7
    if direction == FUTURE:
        return anchor + dt.timedelta(days=gap)
    return anchor - dt.timedelta(days=(7 - gap) % 7)


def year_for(anchor: dt.date, month: int, day: int | None, direction: int, settings: Settings = DEFAULTS) -> int:
    """The year of a month (and day) without one: the latest on or before the anchor (PAST), the next on or after
    it (FUTURE), or the nearest (OPEN), reckoned from `settings.open_lean_back_days` before the anchor.

    A day within `settings.tense_slack_days` of the anchor is in the anchor's year whatever the tense says: "had
    been set to expire Nov. 6" read on Nov. 2, "repatriate the child by Jan. 14" read on Jan. 15 are slips of
    tense, not a year away. With no tense to go by, news reports look back more often than ahead: "in April",
    read in late October, is more likely the April past (six months back) than the one to come."""
    if day is not None:
        same_year = dt.date(anchor.year, month, min(day, calendar.monthrange(anchor.year, month)[1]))
        if abs((same_year - anchor).days) <= settings.tense_slack_days:
            return anchor.year
    later = (month, day or 1) > (anchor.month, anchor.day if day else 1)
    earlier = (month, day or 31) < (anchor.month, anchor.day if day else 1)
    if direction == FUTURE:
        return anchor.year + 1 if earlier else anchor.year
    if direction == PAST:
        return anchor.year - 1 if later else anchor.year
    middle = dt.date(anchor.year, month, min(day or 15, 28))
    return min((anchor.year - 1, anchor.year, anchor.year + 1),
               key=lambda year: abs((middle.replace(year=year) - anchor).days + settings.open_lean_back_days))


def year_value(text: str | None) -> str | None:
    """ "1996" -> "1996", "nineteen ninety-six" -> "1996", "two thousand and one" -> "2001"."""
    if text is None or text.isdigit():
        return text
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w != "and"]
    if words[1] == "thousand":
        return str(1000 * int(NUMBERS[words[0]]) + sum(int(NUMBERS[w]) for w in words[2:]))
    if words[1] == "hundred":
        return str(100 * int(NUMBERS[words[0]]))
    return str(100 * int(NUMBERS[words[0]]) + sum(int(NUMBERS[w]) for w in words[1:]))


def valid_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    return WEEKDAYS[word.lower()]


def day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def lower_words(text: str) -> str:
    return " ".join(text.lower().split())


def holiday_date(year: int, rule: str) -> dt.date:
    if "/" not in rule:
        month, day = rule.split("-")
        return dt.date(year, int(month), int(day))
    month, weekday, nth, *first_day = (int(x) for x in rule.split("/"))
    days = [d for d in range(first_day[0] if first_day else 1, calendar.monthrange(year, month)[1] + 1)
            if dt.date(year, month, d).isoweekday() == weekday]
    return dt.date(year, month, days[nth - 1] if nth > 0 else days[nth])


def as_date(value: str, unit: str) -> dt.date | None:
    """A TIMEX3 calendar value as a date, if it is at least as fine as `unit`."""
    parts = timex.calendar_parts(value)
    if parts is None:
        return None
    year, month, day = parts
    fineness = "D" if day else "M" if month else "Y"
    if FINENESS[fineness] > FINENESS.get(unit, FINENESS["Y"]):
        return None
    return dt.date(year, month or 1, day or 1)
