"""One resolver per alternative of the grammar (RESOLVERS): each takes the match and its context and gives
(type, value), or None to drop a false alarm.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan

from ... import timex
from ...settings import DEFAULTS, Settings
from ...layout import layout
from ...lexicon import alternation, load_phrases, load_table
from ...model import TimeExpr
from .grammar import (
    CLOCK_DAY_AFTER,
    DECADES,
    EVENT_RELATIONS,
    FIXED,
    HOLIDAYS,
    MONTHS,
    OFFSET_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    RELATIVE_WORDS,
    SEASONS,
    START_VERBS,
    UNITS,
    WEEKDAYS,
)
from .tense import FUTURE, OPEN, PAST, clause_tense, governing_tense
from .values import (
    FINENESS,
    HALVES,
    as_date,
    count_value,
    day_number,
    day_value,
    duration_value,
    holiday_date,
    lower_words,
    month_number,
    nearest_weekday,
    quarter_of,
    shifted,
    unit_code,
    valid_date,
    week_value,
    weekday_number,
    year_for,
    year_value,
)

ANAPHORIC_WORDS = {name for name, row in load_table("time_relative_words.tsv").items() if row.endswith("anaphoric")}
ANAPHORIC_OFFSETS = {name for name, row in load_table("time_offset_words.tsv").items() if row.endswith("anaphoric")}
YEAR_HALVES = load_table("time_year_halves.tsv")
DISCOURSE_WORDS = set(load_phrases("time_discourse_words.txt"))
VAGUE_DIRECTIONS = load_table("time_vague_directions.tsv")
PART_OF_DAY_PREPOSITIONS = set(load_phrases("time_part_of_day_prepositions.txt"))
DAYS_TO_COME = set(load_phrases("time_days_to_come.txt"))
ERA_NOUNS = set(load_phrases("time_era_nouns.txt"))
TEMPERATURE_WORDS = set(load_phrases("time_temperature_words.txt"))
FIXED_AHEAD = load_table("time_fixed_ahead.tsv")
YEAR_BOUNDS = [phrase.split() for phrase in load_phrases("time_year_bounds.txt")]
GAME_WORDS = re.compile(r"(?i)\b(?:" + alternation(load_phrases("time_game_words.txt")) + r")\b")
# "May" and "March" are also verbs and nouns; standing alone they count only where spaCy's NER agrees.
AMBIGUOUS_MONTHS = {"may", "march"}


class EventStarts:
    """Event noun lemma -> the date the story gave for its start: "The war, which began on 7 October" -> war.

    Read from each resolved expression once, as the scan goes on: reading every earlier one again for each "since
    the war began" was quadratic on a long page."""

    def __init__(self) -> None:
        self.starts: dict[str, str] = {}
        self.read = 0

    def among(self, doc: Doc, found: list[TimeExpr]) -> dict[str, str]:
        for time in found[self.read:]:
            self._read(doc, time)
        self.read = len(found)
        return self.starts

    def _read(self, doc: Doc, time: TimeExpr) -> None:
        if time.type != "DATE" or not time.value[:1].isdigit():
            return
        span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is None:
            return
        verb = span.root.head.head if span.root.head.pos_ == "ADP" else span.root.head
        if verb.lemma_.lower() not in START_VERBS.values():
            return
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            subject = verb.head  # "the war, which began on 7 October"
        if subject is not None:
            self.starts[subject.lemma_.lower()] = time.value


@dataclass
class Lead:
    """The first weekday the story's narrative named, outside quotations (one per scan): the day its news is told
    on, which need not be the dateline's."""
    named: bool = False
    day: dt.date | None = None  # that weekday's date where it was told in the past


@dataclass
class Context:
    doc: Doc
    anchor: dt.date | None
    start: int
    end: int
    previous: str | None  # the last DATE value resolved before this expression
    found: list[TimeExpr]  # the expressions resolved before this one
    counted_back: bool = False  # set by resolvers that count from another time ("a year earlier")
    quoted: bool = False  # the expression lies inside a quotation
    settings: Settings = DEFAULTS
    event_starts: EventStarts = field(default_factory=EventStarts)  # one per scan, shared by its expressions
    lead: Lead = field(default_factory=Lead)  # one per scan, shared by its expressions

    def tense(self) -> int:
        return governing_tense(self.doc, self.start, self.end)

    @functools.cached_property
    def tokens(self) -> SpacySpan | None:
        """The expression's tokens (widened to whole tokens), or None where they cannot be found."""
        return self.doc.char_span(self.start, self.end, alignment_mode="expand")

    def event_start(self, lemma: str) -> str | None:
        """The date the story gave, before this expression, for the start of the event the lemma names."""
        return self.event_starts.among(self.doc, self.found).get(lemma)

    def clause_tense(self) -> int:
        return clause_tense(self.doc, self.start, self.end)


Resolved = tuple[str, str] | None


def _direction(context: Context, default: int = PAST) -> int:
    tense = context.tense()
    if tense == OPEN:
        tense = context.clause_tense()
    return tense if tense != OPEN else default


def _weekday_value(context: Context, weekday: int) -> str:
    if context.anchor is None:
        return f"XXXX-WXX-{weekday}"
    direction = _direction(context)
    lead = context.lead
    first = not context.quoted and not lead.named
    lead.named = lead.named or first
    next_day = context.anchor + dt.timedelta(days=1)
    if direction == PAST and first and weekday == next_day.isoweekday():
        # The first weekday of the narrative, told in the past, on the day after the dateline: the story was filed
        # where the clock runs ahead of the date it carries ("The major Asian indexes were mixed in early trading
        # Tuesday", dated Monday), and its news is not six days old. Only the narrative's first: a speaker's '"We
        # struck the depot on Tuesday," the spokesman said', read on a Monday, is the Tuesday past.
        day = next_day
    elif direction == PAST and lead.day is not None and weekday == lead.day.isoweekday():
        day = lead.day  # the lead's weekday named again is the lead's day
    else:
        day = nearest_weekday(context.anchor, weekday, direction)
    if direction == PAST and first:
        lead.day = day
    return day_value(day)


def _month_day_value(context: Context, month: int, day: int | None, year: str | None) -> str | None:
    if day is not None and not valid_date(int(year) if year else 2000, month, day):
        return None
    if year:
        return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
    if context.anchor is None:
        return f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
    named = _YEAR_NAMED_AFTER.match(layout(context.doc).text, context.end)
    if named:
        # "The ruling came on Dec. 12 last year": the year the words after the date name
        return f"{context.anchor.year + RELATIVE_WORDS[named.group(1)]}-{month:02d}" + (f"-{day:02d}" if day else "")
    resolved_year = year_for(context.anchor, month, day, context.tense(), context.settings)
    if _leans_back(context, dt.date(resolved_year, month, min(day or 1, 28))):
        resolved_year -= 1
    return f"{resolved_year}-{month:02d}" + (f"-{day:02d}" if day else "")


_YEAR_NAMED_AFTER = re.compile(r",?\s+(last|this|next)\s+year\b")


def _leans_back(context: Context, resolved: dt.date) -> bool:
    """A month held by a noun in a past clause, landing months after publication, is the one before it when the
    story is telling a time well before its date: "was arrested in April for a March 21 phone call", read in
    November, is the March past. Conditioned on the narrative's last named month (court, sport and business copy
    refers back months); where the story tells its own days the open reading stands (TimeBank)."""
    settings = context.settings
    if context.tense() != OPEN or context.clause_tense() != PAST:
        return False
    if (resolved - context.anchor).days <= settings.past_clause_lean_back_days:
        return False
    told = _reference(context, "M")
    return told is not None and (context.anchor - told).days > settings.narrative_back_days


def _resolve_clock(match: re.Match, context: Context) -> Resolved:
    clock = match.group("clock_time").lower()
    day_words = match.group("clock_day")
    if "noon" in clock or "midday" in clock:
        hour, minute = 12, 0
    elif "midnight" in clock:
        hour, minute = 24, 0
    else:
        numbers = re.match(r"(\d{1,2})(?:[:.](\d\d))?", clock)
        hour, minute = int(numbers.group(1)), int(numbers.group(2) or 0)
        if hour > 24:
            return None
        if "p" in clock[numbers.end():] and hour < 12:
            hour += 12
        elif "a" in clock[numbers.end():] and hour == 12:
            hour = 0
    day_after = None if day_words else CLOCK_DAY_AFTER.match(layout(context.doc).text, context.end)
    if day_words or day_after:
        date = _day_words_value(day_words or day_after.group("day"), context)
    else:  # a bare clock time falls on the day the story last named
        day = _reference(context, "D") or context.anchor
        date = day_value(day) if day else "XXXX-XX-XX"
    return "TIME", f"{date}T{hour:02d}:{minute:02d}"


def _day_words_value(words: str, context: Context) -> str:
    lowered = words.lower()
    if lowered in FIXED:
        return _fixed_value(FIXED[lowered][1], context) or "XXXX-XX-XX"
    if lowered in WEEKDAYS:
        return _weekday_value(context, weekday_number(words))
    month, day = words.split(None, 1)
    if month[0].isdigit():  # "12 May"
        month, day = day, month
    return _month_day_value(context, month_number(month), day_number(day), None) or "XXXX-XX-XX"


def _resolve_quarter(match: re.Match, context: Context) -> Resolved:
    ordinal = match.group("quarter_ordinal")
    modifiers = match.group("quarter_mod").lower()
    year = year_value(match.group("quarter_year"))
    text = match.group("quarter")
    if text.lower().endswith("quarters"):
        return ("DURATION", "PXQ") if not ordinal else None
    relative_year = match.group("quarter_rel")
    if not ordinal and not relative_year and not re.match(r"(?i)the\b", text):
        return None  # "last year's quarter" is one, a bare "quarter" is not
    back = 1 if ("year-earlier" in modifiers or "year-ago" in modifiers or match.group("quarter_back")) else 0
    context.counted_back = bool(back)
    if match.group("quarter_period") and not (modifiers.strip() or match.group("quarter_year0")):
        return None  # "the period" alone is no quarter
    year = year or year_value(match.group("quarter_year0"))
    if relative_year and context.anchor and not year:
        year = str(context.anchor.year + RELATIVE_WORDS[lower_words(relative_year)])
    if ordinal:
        quarter = ORDINALS[ordinal.lower()]
        if year:
            return "DATE", f"{year}-Q{quarter}"
        if _in_a_game(context):
            return None
        if context.anchor is None:
            return "DATE", f"XXXX-Q{quarter}"
        quarter_start = dt.date(context.anchor.year, 3 * quarter - 2, 1)
        resolved = context.anchor.year
        if quarter_start > context.anchor and context.tense() != FUTURE:
            resolved -= 1
        return "DATE", f"{resolved - back}-Q{quarter}"
    if context.anchor is None:
        return "DATE", "XXXX-QX"
    # "the quarter", "the latest quarter": the last one reported, i.e. the one before the publication's.
    offset = 0 if "current" in modifiers else -1
    year_now, quarter_now = quarter_of(context.anchor)
    index = (year_now - back) * 4 + quarter_now - 1 + offset
    reported = None if offset == 0 else _reported_quarter(context)
    if reported is not None:
        # "the quarter" is the one the story reports, once it has named it: after "net fell in the fiscal first
        # quarter", "sales for the quarter" and "the 1988 period" are first quarters, whenever it was published
        index = (reported[0] - back) * 4 + reported[1] - 1
    if year:  # "the 1988 period": the quarter being reported, in the year named, for comparison
        context.counted_back = True
        return "DATE", f"{year}-Q{index % 4 + 1}"
    return "DATE", f"{index // 4}-Q{index % 4 + 1}"


def _reported_quarter(context: Context) -> tuple[int, int] | None:
    """(year, quarter) of the first quarter the text named: a business story's lead names the one it reports."""
    for time in context.found:
        if _QUARTER_VALUE.fullmatch(time.value):
            return int(time.value[:4]), int(time.value[-1])
    return None


_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")


def _in_a_game(context: Context) -> bool:
    """A quarter of a match: its sentence tells the play ("led 14-7 at halftime before scoring 24 points in the
    third quarter")."""
    span = context.tokens
    return span is not None and bool(GAME_WORDS.search(span.sent.text))


def _resolve_month_of_year(match: re.Match, context: Context) -> Resolved:
    month = month_number(match.group("month_of_year_month"))
    if context.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    year = context.anchor.year + RELATIVE_WORDS[lower_words(match.group("month_of_year_rel"))]
    return "DATE", f"{year}-{month:02d}"


def _resolve_date(match: re.Match, context: Context) -> Resolved:
    group = match.group
    if group("date_iso"):
        year, month, day = (int(x) for x in group("date_iso").split("-"))
        return ("DATE", group("date_iso")) if valid_date(year, month, day) else None
    if group("date_month"):
        value = _month_day_value(context, month_number(group("date_month")), day_number(group("date_day")),
                                 year_value(group("date_year")))
    elif group("date_month2"):
        value = _month_day_value(context, month_number(group("date_month2")), day_number(group("date_day2")),
                                 year_value(group("date_year2")))
    elif group("date_month3"):
        value = _month_day_value(context, month_number(group("date_month3")), None,
                                 year_value(group("date_year3")))
    else:
        word = group("date_month4")
        if word.lower() in AMBIGUOUS_MONTHS and (not _tagged_as_date(context) or _names_a_march(context)):
            return None
        if not word.endswith(".") and len(word) <= 3 and word.lower() not in AMBIGUOUS_MONTHS:
            return None  # "Jan", "Dec" alone are more often names than months
        value = _month_day_value(context, month_number(word), None, None)
    if value and group("date_week") and len(value) == len("YYYY-MM-DD"):
        # "the week of March 6" is that week, at week precision
        value = week_value(timex.day(value)) if value[0].isdigit() else "XXXX-WXX"
    return ("DATE", value) if value else None


def _resolve_second_day(match: re.Match, context: Context) -> Resolved:
    """ "25" in "April 24 and 25": the second day of the date just named, if that date ends right before "and"."""
    if not context.found:
        return None
    last = context.found[-1]
    gap = layout(context.doc).text[last.span.end:context.start]
    first = timex.day(last.value, exact=True)
    if not re.fullmatch(r"\s+(?:and|or)\s+", gap) or first is None:
        return None
    year, month = first.year, first.month
    day = day_number(match.group("second_day_day"))
    return ("DATE", f"{last.value[:8]}{day:02d}") if valid_date(year, month, day) else None


def _names_a_march(context: Context) -> bool:
    """ "the annual March for Life", "the March of the Combatant Mothers": a march named, not the month."""
    return bool(_MARCH_NAME.match(layout(context.doc).text, context.end))


_MARCH_NAME = re.compile(r"\s+(?:for|of)\s+(?:the\s+)?[A-Z]")


def _tagged_as_date(context: Context) -> bool:
    span = context.tokens
    return span is not None and any(token.ent_type_ in ("DATE", "TIME") for token in span)


def _resolve_season(match: re.Match, context: Context) -> Resolved:
    name = match.group("season_season").lower()
    code, first, last = SEASONS[name][0], int(SEASONS[name][1]), int(SEASONS[name][2])
    year = year_value(match.group("season_year"))
    relative = match.group("season_rel")
    if year:
        return "DATE", f"{year}-{code}"
    if not relative and not _tagged_as_date(context):
        return None  # "prices fall", "a spring" are no seasons
    if context.anchor is None:
        return "DATE", f"XXXX-{code}"
    anchor = context.anchor
    # A bare season takes its clause's tense: "the factory will reopen in the spring", read in November, is the
    # spring to come.
    direction = RELATIVE_WORDS[lower_words(relative)] if relative else _direction(context, OPEN)
    resolved = anchor.year
    if direction == PAST and anchor.month <= last and last >= first:
        resolved -= 1
    elif direction == FUTURE and anchor.month >= first:
        resolved += 1
    return "DATE", f"{resolved}-{code}"


def _resolve_year(match: re.Match, context: Context) -> Resolved:
    decade = match.group("year_decade")
    if decade:
        return "DATE", _decade_value(int(decade), context.anchor)
    if match.group("year_decade_word"):
        if not _tagged_as_date(context) or _about_heat(context):
            return None
        return "DATE", _decade_value(DECADES[match.group("year_decade_word").lower()], context.anchor)
    year = year_value(match.group("year_year"))
    whole = match.group("year")
    if match.group("year_plural"):
        return ("DATE", year[:3]) if year.endswith("0") else None
    if whole == year and not _year_in_context(context):
        return None
    half = YEAR_HALVES.get(lower_words(match.group("year_mod") or ""))
    return "DATE", f"{year}-{half}" if half else year


def _decade_value(decade: int, anchor: dt.date | None) -> str:
    """The latest decade of that name begun by the anchor: "He was a star in the '80s", read in 2019, is the
    1980s (198), not the 2080s; "the '10s" read in 2019 is 201."""
    if anchor is None:
        return f"19{decade // 10}"
    start = anchor.year // 100 * 100 + decade
    return str((start if start <= anchor.year else start - 100) // 10)


def _about_heat(context: Context) -> bool:
    """A sentence about heat, where "the nineties" are degrees: "Temperatures were in the nineties on Sunday"."""
    span = context.tokens
    return span is not None and any(token.lemma_.lower() in TEMPERATURE_WORDS for token in span.sent)


def _year_in_context(context: Context) -> bool:
    """A bare four-digit number is a year where spaCy calls it a date or a preposition leads into it, perhaps
    through a bound ("until at least 2021")."""
    span = context.tokens
    if span is None:
        return False
    if any(token.ent_type_ == "DATE" for token in span):
        return True
    first = span.start
    for bound in YEAR_BOUNDS:  # "until at least 2021"
        if first >= len(bound) and [t.lower_ for t in context.doc[first - len(bound):first]] == bound:
            first -= len(bound)
            break
    return first > 0 and context.doc[first - 1].pos_ == "ADP"


def _resolve_holiday(match: re.Match, context: Context) -> Resolved:
    rule = HOLIDAYS[lower_words(match.group("holiday_holiday"))]
    year = year_value(match.group("holiday_year"))
    relative = match.group("holiday_rel")
    if year:
        resolved = int(year)
    elif context.anchor is None:
        return "DATE", "XXXX-" + rule if "/" not in rule else "XXXX-XX-XX"
    else:
        direction = RELATIVE_WORDS[lower_words(relative)] if relative else _direction(context)
        resolved = context.anchor.year
        if direction == PAST and holiday_date(resolved, rule) > context.anchor:
            resolved -= 1
        elif direction == FUTURE and holiday_date(resolved, rule) < context.anchor:
            resolved += 1
    return "DATE", day_value(holiday_date(resolved, rule))


def _resolve_ago(match: re.Match, context: Context) -> Resolved:
    context.counted_back = True
    if match.group("ago_adjective"):  # "year-earlier", "year-ago"
        count, unit, direction, offset = "1", "Y", PAST, None
    else:
        count = count_value(match.group("ago_number"))
        unit = unit_code(match.group("ago_unit"))
        offset = lower_words(match.group("ago_offset"))
        direction = OFFSET_WORDS[offset]
        if offset in ANAPHORIC_OFFSETS and FINENESS[unit] < FINENESS["Q"]:
            # "three days later" counts from another event; TimeML gives the gap, "later" being a signal
            return "DURATION", duration_value(count, unit)
    if count == "X" or not count.isdigit():
        return "DATE", "PAST_REF" if direction == PAST else "FUTURE_REF"
    if unit in ("H", "MIN", "S"):
        return "DURATION", duration_value(count, unit)
    previous = context.previous
    if unit == "Y" and previous and re.fullmatch(r"\d{4}-Q\d", previous):
        # "a year earlier" in a report about a quarter means that quarter a year before.
        return "DATE", f"{int(previous[:4]) + direction * int(count)}{previous[4:]}"
    if unit == "Y" and offset in ANAPHORIC_OFFSETS and previous and previous[:4].isdigit():
        # "later"/"earlier" counts from the time the story last named: "He was elected in 2015 and re-elected
        # four years later" is 2019, not four years after the story's date.
        return "DATE", str(int(previous[:4]) + direction * int(count))
    if context.anchor is None:
        return "DATE", "PAST_REF" if direction == PAST else "FUTURE_REF"
    return "DATE", shifted(context.anchor, unit, direction * int(count))


def _resolve_relative(match: re.Match, context: Context) -> Resolved:
    group = match.group
    if group("relative_unit3"):
        unit = unit_code(group("relative_unit3"))
        value = shifted(context.anchor, unit, 0) if context.anchor else _unknown(unit)
        half = YEAR_HALVES.get(lower_words(group("relative_mod"))) if unit == "Y" else None
        return "DATE", f"{value}-{half}" if half else value  # "the first half of the year": 2019-H1
    if (group("relative_unit") or "")[:1].isupper():
        return None  # a unit capitalised like a name is a title: ABC's "This Week"
    direction_word = lower_words(group("relative_rel") or group("relative_rel2"))
    direction = RELATIVE_WORDS[direction_word]
    target = group("relative_unit") or group("relative_weekday")
    lowered = target.lower()
    anchor = context.anchor
    # "the previous Friday" counts from the day the story is telling, and so does "the next" day or part of one:
    # "he appeared in court the next morning" is the morning after the arrest the story told
    the_next_day = (direction_word == "next" and match.group("relative").lower().startswith("the")
                    and _target_unit(lowered) == "D")
    if direction_word in ANAPHORIC_WORDS or the_next_day:
        anchor = _reference(context, _target_unit(lowered)) or anchor
    if lowered in PARTS_OF_DAY:
        day = shifted(anchor, "D", direction) if anchor else "XXXX-XX-XX"
        return "TIME", f"{day}T{PARTS_OF_DAY[lowered]}"
    if lowered in WEEKDAYS:
        weekday = weekday_number(target)
        if anchor is None:
            return "DATE", f"XXXX-WXX-{weekday}"
        if direction == OPEN:
            return "DATE", _weekday_value(context, weekday)
        step = dt.timedelta(days=direction)
        return "DATE", day_value(nearest_weekday(anchor + step, weekday, direction))
    if lowered.rstrip(".") in MONTHS:
        month = month_number(target)
        if anchor is None:
            return "DATE", f"XXXX-{month:02d}"
        year = anchor.year
        if direction == PAST and month >= anchor.month:
            year -= 1
        elif direction == FUTURE and month <= anchor.month:
            year += 1
        return "DATE", f"{year}-{month:02d}"
    unit = unit_code(target)
    if unit in ("H", "MIN", "S"):
        return None
    if anchor is None:
        return "DATE", _unknown(unit)
    if unit == "WE" and direction == OPEN and context.tense() == PAST:
        # "this weekend" told in the past is the one just gone: "troops cleared the barricades this weekend", read
        # on a Monday, is the Saturday and Sunday before
        return "DATE", week_value(nearest_weekday(anchor, 6, PAST)) + "-WE"
    return "DATE", shifted(anchor, unit, direction)


def _target_unit(word: str) -> str:
    if word in PARTS_OF_DAY or word in WEEKDAYS:
        return "D"
    if word.rstrip(".") in MONTHS:
        return "Y"
    return UNITS[word]


def _reference(context: Context, unit: str) -> dt.date | None:
    """The last date the text itself named, if it is at least as fine as `unit`; what anaphoric expressions
    ("the following year", "that day", "the previous Friday") count from."""
    return as_date(context.previous, unit) if context.previous else None


def _unknown(unit: str) -> str:
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(unit, "XXXX")


def _resolve_duration(match: re.Match, context: Context) -> Resolved:
    bare = match.group("duration_bare")
    if bare:
        if EVENT_RELATIONS.match(layout(context.doc).text, match.end("duration_bare")):
            return None
        return "DURATION", duration_value("X", unit_code(bare))
    number = match.group("duration_number")
    vague = match.group("duration_vague")
    if vague and match.group("duration").startswith(vague) and lower_words(vague) in VAGUE_DIRECTIONS:
        return "DATE", VAGUE_DIRECTIONS[lower_words(vague)]
    if _not_a_length(match, context):
        return None
    if lower_words(match.group("duration")) in DAYS_TO_COME and _before_its_verb(context):
        # "Islam will one day be the second largest religion", "hopes he may some day return": a day to come,
        # not a length ("the strike will last one day")
        return "DATE", "FUTURE_REF"
    count = count_value(number) if number else "X"
    unit = unit_code(match.group("duration_unit"))
    if unit == "Q" and not match.group("duration_rel"):
        return None  # "three-quarters of the residents" is a share, "the past two quarters" a time
    if (match.group("duration_half") or match.group("duration_half2")) and count.isdigit() and unit in HALVES:
        return "DURATION", duration_value(count, unit) + HALVES[unit]
    if count.isdigit() and unit in _CALENDAR_UNITS and context.anchor and _counted_ahead(match, context):
        # "the stock would be redeemed in five years": a point that far ahead, not a length (TIDES)
        return "DATE", shifted(context.anchor, unit, int(count))
    return "DURATION", duration_value(count, unit)


_CALENDAR_UNITS = ("D", "W", "M", "Y")


def _counted_ahead(match: re.Match, context: Context) -> bool:
    """ "in five years" hanging from a verb that looks ahead; "in the next five years", "in two weeks" of a past
    verb and "52 weeks in a year" are lengths."""
    if (match.group("duration_number") or "a").lower() in ("a", "an"):
        return False
    span = context.tokens
    if span is None or span.start == 0 or match.group("duration_rel"):
        return False
    before = context.doc[span.start - 1]
    return before.lower_ == "in" and span.root.head.i == before.i and context.tense() == FUTURE


def _not_a_length(match: re.Match, context: Context) -> bool:
    """ "a second group" is an ordinal; "$500 million a year", "four flights a week" are rates of a quantity."""
    unit = context.doc.char_span(match.start("duration_unit"), match.end("duration_unit"), alignment_mode="expand")
    if unit is not None and unit.root.pos_ == "ADJ":
        return True
    if (match.group("duration_number") or "").lower() not in ("a", "an"):
        return False
    expression = context.tokens
    if expression is None or expression.start == 0:
        return False
    before = context.doc[expression.start - 1]
    return before.like_num or any(child.dep_ == "nummod" for child in before.children)


def _before_its_verb(context: Context) -> bool:
    """The expression stands between a verb's subject or auxiliary and the verb it modifies, outside a past clause."""
    span = context.tokens
    if span is None:
        return False
    if span.end < len(context.doc) and context.doc[span.end].tag_ in ("VB", "VBP", "VBZ"):
        return True  # "will one day be", "to one day buy" (which the parser may take for a subject or an object)
    verb = span.root.head
    return (span.root.dep_ == "npadvmod" and verb.pos_ in ("VERB", "AUX") and verb.i > span.root.i
            and context.tense() != PAST)


def _resolve_period(match: re.Match, context: Context) -> Resolved:
    """ "the year" (DATE; "the year ended June 30" is a DURATION) and "the weekend" of the clause's tense."""
    if match.group("period_unit").lower() == "weekend":
        if context.anchor is None:
            return "DATE", "XXXX-WXX-WE"
        saturday = nearest_weekday(context.anchor, 6, _direction(context))
        return "DATE", week_value(saturday) + "-WE"
    if match.group("period_ended") is not None:
        return "DURATION", "P1Y"
    return "DATE", str(context.anchor.year) if context.anchor else "XXXX"


def _resolve_anaphoric(match: re.Match, context: Context) -> Resolved:
    """ "that day", "the same day", "later that year": the unit of the date the text last named."""
    unit = unit_code(match.group("anaphoric_unit"))
    reference = _reference(context, unit)
    return ("DATE", shifted(reference, unit, 0)) if reference else None


def _resolve_event_ordinal(match: re.Match, context: Context) -> Resolved:
    """ "(the war is now in) its fifth month", "the eighth day of the siege": counted from the day the story says
    the event began, else, said in the present tense, the anchor's own day or month."""
    count = _ordinal_value(match.group("event_ordinal_ordinal"))
    unit = unit_code(match.group("event_ordinal_unit"))
    noun = _event_noun(context)
    began = context.event_start(noun.lemma_.lower()) if noun is not None else None
    start = as_date(began, unit) if began else None
    if start is not None:
        return "DATE", shifted(start, unit, count - 1)
    if context.anchor is None or context.tense() == PAST or count < 1:
        return None
    return "DATE", shifted(context.anchor, unit, 0)


def _resolve_since_event(match: re.Match, context: Context) -> Resolved:
    """ "since the war broke out", "since the start of the war": the day the story said the event began."""
    name = "since_event_subject" if match.group("since_event_subject") else "since_event_object"
    noun = context.doc.char_span(match.start(name), match.start(name) + len(match.group(name).rstrip()),
                                 alignment_mode="expand")
    began = context.event_start(noun.root.lemma_.lower()) if noun is not None and len(noun) else None
    return ("DATE", began) if began else None


def _event_noun(context: Context):
    """The event an ordinal counts within: "the eighth day of the siege" -> siege, "the war ... in its fifth
    month" -> war (the subject of the clause)."""
    span = context.tokens
    if span is None:
        return None
    root = span.root
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    verb = root.head.head if root.head.pos_ == "ADP" else root.head
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _resolve_century(match: re.Match, context: Context) -> Resolved:
    return "DATE", f"{_ordinal_value(match.group('century_ordinal')) - 1:02d}"


def _ordinal_value(word: str) -> int:
    """ "fifth" -> 5, "14th" -> 14."""
    lowered = word.lower()
    return ORDINALS[lowered] if lowered in ORDINALS else int(lowered[:-2])


def _resolve_set(match: re.Match, context: Context) -> Resolved:
    """ "every week", "each July", "Tuesdays", "Tuesday nights", "twice a year"."""
    if match.group("set_per"):  # "twice a year": how often is TimeML's freq, the value is the period
        return "SET", duration_value("1", unit_code(match.group("set_per")))
    weekday = match.group("set_weekday") or match.group("set_weekday2")
    if weekday:
        part = match.group("set_parts")
        return "SET", f"XXXX-WXX-{weekday_number(weekday)}" + (f"T{PARTS_OF_DAY[part.lower()]}" if part else "")
    target = match.group("set_unit")
    if target.lower() in SEASONS:
        return "SET", f"XXXX-{SEASONS[target.lower()][0]}"  # "every summer"
    if target.lower() in WEEKDAYS:
        return "SET", f"XXXX-WXX-{weekday_number(target)}"
    if target.lower().rstrip(".") in MONTHS:
        return "SET", f"XXXX-{month_number(target):02d}"
    number = match.group("set_number")
    return "SET", duration_value(count_value(number) if number else "1", unit_code(target))


def _resolve_fixed(match: re.Match, context: Context) -> Resolved:
    phrase = lower_words(match.group("fixed_phrase"))
    if phrase in DISCOURSE_WORDS and _opens_sentence_before_comma(context):
        return None
    if phrase == "today" and _names_an_era(context):
        return None
    kind, rule = FIXED[phrase]
    if kind == "SET" and match.group("fixed_phrase")[0].isupper() and not _opens_sentence(context):
        return None  # a name: "the People's Daily", "The Weekly Standard"
    if phrase in FIXED_AHEAD and _direction(context) == FUTURE:
        rule = FIXED_AHEAD[phrase]  # "Temperatures will fall overnight": tonight
    value = _fixed_value(rule, context)
    return (kind, value) if value else None


def _names_an_era(context: Context) -> bool:
    """ "today's" holding a noun of the present age is no day: "The case of Elian is for today's youth what 40
    years of the revolution were for their parents" (but "today's hearing", "today's editions" are the day's)."""
    span = context.tokens
    return span is not None and span.root.dep_ == "poss" and span.root.head.lemma_.lower() in ERA_NOUNS


def _opens_sentence(context: Context) -> bool:
    span = context.tokens
    return span is not None and span[0].is_sent_start


def _opens_sentence_before_comma(context: Context) -> bool:
    span = context.tokens
    return (_opens_sentence(context) and span.end < len(context.doc) and context.doc[span.end].text == ",")


def _fixed_value(rule: str, context: Context) -> str | None:
    shift = re.fullmatch(r"day([+-]\d+)(?: (\w+))?", rule)
    if not shift:
        return rule
    day = shifted(_speech_day(context), "D", int(shift.group(1))) if context.anchor else "XXXX-XX-XX"
    return f"{day}T{shift.group(2)}" if shift.group(2) else day


def _speech_day(context: Context) -> dt.date:
    """The day "today" means: the anchor, but inside a quotation the day the story's lead told, when that is the
    day before or after the dateline, for speakers speak on the day of the news: in a story dated Wednesday whose
    lead is "the hearing ended on Tuesday", '"Today's hearing changed nothing," she said' is Tuesday's."""
    lead = context.lead.day
    if context.quoted and lead is not None and abs((lead - context.anchor).days) == 1:
        return lead
    return context.anchor


def _resolve_part_of_day(match: re.Match, context: Context) -> Resolved:
    """ "hearings opened on Tuesday. In the morning, ...": that part of the day the story last named (else of
    publication), when a preposition of time leads into it; "the morning talk show", "the night's events" are no
    times."""
    span = context.tokens
    if span is None or span.start == 0 or context.doc[span.start - 1].lower_ not in PART_OF_DAY_PREPOSITIONS:
        return None
    if span.root.dep_ != "pobj":
        return None
    day = _reference(context, "D") or context.anchor
    value = day_value(day) if day else "XXXX-XX-XX"
    return "TIME", f"{value}T{PARTS_OF_DAY[match.group('part_of_day_part').lower()]}"


def _resolve_weekday(match: re.Match, context: Context) -> Resolved:
    value = _weekday_value(context, weekday_number(match.group("weekday_weekday")))
    part = match.group("weekday_part")
    if part:
        return "TIME", f"{value}T{PARTS_OF_DAY[part.lower()]}"
    return "DATE", value


def _resolve_idiom(match: re.Match, context: Context) -> Resolved:
    return None  # matched only to keep its time word from being read as a time


RESOLVERS: dict[str, Callable[[re.Match, Context], Resolved]] = {
    "idiom": _resolve_idiom,
    "clock": _resolve_clock,
    "quarter": _resolve_quarter,
    "month_of_year": _resolve_month_of_year,
    "date": _resolve_date,
    "second_day": _resolve_second_day,
    "season": _resolve_season,
    "year": _resolve_year,
    "holiday": _resolve_holiday,
    "ago": _resolve_ago,
    "relative": _resolve_relative,
    "duration": _resolve_duration,
    "event_ordinal": _resolve_event_ordinal,
    "since_event": _resolve_since_event,
    "period": _resolve_period,
    "anaphoric": _resolve_anaphoric,
    "century": _resolve_century,
    "set": _resolve_set,
    "fixed": _resolve_fixed,
    "part_of_day": _resolve_part_of_day,
    "weekday": _resolve_weekday,
}
