"""Dates as pages print them ("07 February, 2024", "Feb. 7, 2024", "2024-02-07") -> "YYYY-MM-DD"."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from ..lexicon import load_phrases

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
DATE_SHAPES = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}-(?P<month>\d\d)-(?P<day>\d\d)\b"),
]
DATE_WORDS = frozenset(load_phrases("date_words.txt", package="newsledger.clean"))
# What may surround the date on a date line besides DATE_WORDS: clock times, zones, separators, reading time.
_LINE_FILLER = re.compile(r"\d{1,2}[:.]\d\d(?::\d\d)?|[A-Z]{2,5}(?:[+-]\d{1,2})?|[+-]\d{2}:?\d{2}|\d+(?=\s*min)"
                          r"|[|·•,:;()/\-–—]")


def find_date(text: str) -> tuple[str, re.Match] | None:
    """The first well-formed calendar date in the text, as ISO, with its match."""
    for shape in DATE_SHAPES:
        for match in shape.finditer(text):
            iso = _iso(match)
            if iso:
                return iso, match
    return None


def date_line(line: str) -> str | None:
    """The ISO date when the whole line is a date line (a date plus only dateline words), else None."""
    if len(line) > 120:
        return None
    found = find_date(line)
    if not found:
        return None
    iso, match = found
    rest = _LINE_FILLER.sub(" ", line[:match.start()] + " " + line[match.end():])
    words = rest.lower().split()
    return iso if all(word.strip(".") in DATE_WORDS or word in DATE_WORDS for word in words) else None


def _iso(match: re.Match) -> str | None:
    month = match.group("month").lower().rstrip(".")
    number = int(month) if month.isdigit() else _MONTHS.get(month)
    try:
        return dt.date(int(match.group("year")), number or 0, int(match.group("day"))).isoformat()
    except ValueError:
        return None
