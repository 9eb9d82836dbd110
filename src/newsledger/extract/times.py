"""Time expressions resolved against the publication date (TIMEX3 types and values).

One precompiled regular expression, assembled from the word lists in data/time_*, scans the text once; each
alternative of it has a resolver that turns the match into a TIMEX3 type and value. Expressions whose direction
is open ("Wednesday", "in November", "October 7") take it from the tense of the verb that governs them, which is
looked up in the spaCy parse only for those matches.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from ..model import Span, TimeExpr
from ..layout import layout
from ..lexicon import load_phrases, load_table

MONTHS = {name: int(n) for name, n in load_table("time_months.tsv").items()}
WEEKDAYS = {name: int(n) for name, n in load_table("time_weekdays.tsv").items()}
NUMBERS = load_table("time_numbers.tsv")
ORDINALS = {name: int(n) for name, n in load_table("time_ordinals.tsv").items()}
UNITS = load_table("time_units.tsv")
PARTS_OF_DAY = load_table("time_parts_of_day.tsv")
SEASONS = {name: row.split("\t") for name, row in load_table("time_seasons.tsv").items()}
RELATIVE_WORDS = {name: int(row.split("\t")[0]) for name, row in load_table("time_relative_words.tsv").items()}
ANAPHORIC_WORDS = {name for name, row in load_table("time_relative_words.tsv").items() if row.endswith("anaphoric")}
OFFSET_WORDS = {name: int(row.split("\t")[0]) for name, row in load_table("time_offset_words.tsv").items()}
ANAPHORIC_OFFSETS = {name for name, row in load_table("time_offset_words.tsv").items() if row.endswith("anaphoric")}
MODIFIERS = load_phrases("time_modifiers.txt")
FIXED = {name: row.split("\t") for name, row in load_table("time_fixed.tsv").items()}
HOLIDAYS = load_table("time_holidays.tsv")
YEAR_HALVES = load_table("time_year_halves.tsv")
DISCOURSE_WORDS = set(load_phrases("time_discourse_words.txt"))
FUTURE_CUES = set(load_phrases("time_future_cues.txt"))
DEADLINE_PREPOSITIONS = set(load_phrases("time_deadline_prepositions.txt"))
COUNT_FILLERS = load_phrases("time_count_fillers.txt")
START_VERBS = load_table("time_start_verbs.tsv")
START_NOUNS = load_phrases("time_start_nouns.txt")
VAGUE_DIRECTIONS = load_table("time_vague_directions.tsv")
# "May" and "March" are also verbs and nouns; standing alone they count only where spaCy's NER agrees.
AMBIGUOUS_MONTHS = {"may", "march"}

PAST, OPEN, FUTURE = -1, 0, 1
# Calendar units from finest to coarsest, so a reference date can be checked for the precision a unit needs.
FINENESS = {unit: rank for rank, unit in enumerate(("S", "MIN", "H", "D", "WE", "W", "FN", "M", "Q", "Y", "DE", "CE"))}
# "2 1/2 years" is P2Y6M: half of a unit written in the next smaller one.
# With no tense to go by, news reports look back more often than ahead: "in April", read in late October, is more
# likely the April past (six months back) than the one to come.
OPEN_LEAN_BACK_DAYS = 45
HALVES = {"Y": "6M", "D": "T12H", "H": "30M", "MIN": "30S"}
# A day within a week of the anchor is in the anchor's year whatever the tense says: "had been set to expire Nov. 6"
# read on Nov. 2, "repatriate the child by Jan. 14" read on Jan. 15 are slips of tense, not a year away.
TENSE_SLACK_DAYS = 7


# ---- the pattern ---------------------------------------------------------------------------------------------

def _phrase(text: str, capitalised: bool) -> str:
    """A phrase as a pattern: any run of spaces between words; the first letter upper-case (capitalised) or either."""
    body = r"\s+".join(re.escape(word) for word in text.split())
    first = text[0]
    if not first.isalpha():
        return body
    head = first.upper() if capitalised else f"[{first.upper()}{first.lower()}]"
    return head + body[1:]


def _words(phrases, capitalised: bool = False) -> str:
    return "(?:" + "|".join(_phrase(p, capitalised) for p in sorted(phrases, key=lambda p: (-len(p), p))) + ")"


EVENT_RELATIONS = re.compile(r"\s+" + _words(load_phrases("time_event_relations.txt")) + r"\b")

_B = r"(?<![\w'])"  # word start
_E = r"(?![\w])"  # word end

MONTH = _words(MONTHS, capitalised=True) + r"\.?"
WEEKDAY = _words(WEEKDAYS, capitalised=True)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"


def _number_words(low: int, high: int) -> str:
    """The single number words whose value lies in low..high."""
    return _words(p for p, v in NUMBERS.items() if v.isdigit() and low <= int(v) <= high
                  and " " not in p and p not in ("a", "an"))


# "nineteen ninety-six", "the year two thousand": years as broadcast transcripts spell them.
SPOKEN_YEAR = (rf"{_number_words(15, 20)}[\s-]+(?:{_number_words(20, 90)}(?:[\s-]+{_number_words(1, 9)})?"
               rf"|{_number_words(10, 19)}|hundred)|[Tt]wo\s+thousand(?:\s+and\s+{_number_words(1, 9)})?"
               rf"(?![\s-]+{_words(UNITS)}\b)")  # "two thousand years" is a count
YEAR = rf"(?:(?:1[5-9]\d\d|20\d\d)(?!\d|[,.]\d)|{SPOKEN_YEAR})"
NUMBER_WORD = _words(p for p, v in NUMBERS.items() if v != "X" and p not in ("a", "an"))
NUMBER = rf"(?:\d+(?:\.\d+)?(?!\d|,\d)|{NUMBER_WORD}(?:[\s-]+{NUMBER_WORD})?|[Aa]n?(?=[\s-]))"
VAGUE = _words(p for p, v in NUMBERS.items() if v == "X")
UNIT = _words(UNITS)
SINGLE_UNIT = _words(u for u in UNITS if not u.endswith("s") or u == "hours")
MODIFIER = "(?:" + "|".join(_phrase(m, False) + ("" if m.endswith("-") else r"\s+") for m in MODIFIERS) + ")"
RELATIVE = _words(RELATIVE_WORDS)
OFFSET = _words(OFFSET_WORDS)
PART = _words(PARTS_OF_DAY)
SEASON = _words(SEASONS)
HOLIDAY = _words(HOLIDAYS, capitalised=True)
ORDINAL = _words(p for p, n in ORDINALS.items() if n <= 4)  # of a quarter
EVENT_ORDINAL = rf"(?:{_words(ORDINALS)}|\d{{1,3}}(?:st|nd|rd|th))"
CLOCK = (r"(?:\d{1,2}(?::[0-5]\d)?\s*(?:[ap]\.\s?m\.?|[ap]m\b)|\d{1,2}:[0-5]\d(?!\d)|" + _words(["noon", "midnight", "midday"])
         + r")(?:\s+(?:[A-Z]{2,3}T|GMT|local\s+time))?")
FIXED_PHRASE = _words(FIXED)
FILLER = _words(COUNT_FILLERS)
NOT_AGE = r"(?![\s-]+old\b|-)"  # "a 6-year-old boy" is an age, "a year-earlier" a date
HALF = r"\s+1/2|\s+and\s+a\s+half"
ORDINAL_NUMBER = r"\d{1,2}(?:st|nd|rd|th)"


def _named(alternative: str, pattern: str) -> str:
    """Prefix every `{name}` slot's group with the alternative's name, so groups stay unique in the combined pattern."""
    return re.sub(r"\{(\w+):", lambda m: f"(?P<{alternative}_{m.group(1)}>", pattern).replace(":}", ")")


# Alternatives in priority order: at one position the first that matches wins, so longer forms come first.
ALTERNATIVES: dict[str, str] = {
    "idiom": "(?i:" + _words(load_phrases("time_idioms.txt")) + ")",
    "clock": rf"{{time:{CLOCK}:}}(?:,?\s+{{day:{WEEKDAY}|{MONTH}\s+{DAY}|{_words(['today', 'yesterday', 'tomorrow'])}:}})?",
    "quarter": rf"(?:[Tt]he\s+)?(?:{{rel:{RELATIVE}:}}\s+year's\s+|{{year0:{YEAR}:}}\s+)?{{mod:(?:(?:latest|current|fiscal|year-earlier|year-ago|comparable|same|fiscal-)\s*)*:}}"
               rf"{{ordinal:{ORDINAL}:}}?[\s-]*(?:quarters?|{{period:period:}})(?:\s+of\s+{{year:{YEAR}:}})?",
    "month_of_year": rf"{MODIFIER}?{{month:{MONTH}:}}\s+(?:of\s+)?{{rel:{RELATIVE}:}}\s+year",
    "date": rf"{MODIFIER}?(?:{{week:[Tt]he\s+week\s+of:}}\s+)?(?:{{weekday:{WEEKDAY}:}},?\s+)?(?:"
            rf"{{month:{MONTH}:}}\s+{{day:{DAY}:}}(?:,?\s+{{year:{YEAR}:}})?"
            rf"|{{day2:{DAY}:}}\s+(?:of\s+)?{{month2:{MONTH}:}}(?:,?\s+{{year2:{YEAR}:}})?"
            rf"|{{month3:{MONTH}:}},?\s+(?:of\s+)?{{year3:{YEAR}:}}"
            rf"|{{iso:\d{{4}}-\d\d-\d\d:}}"
            rf"|{{month4:{MONTH}:}}(?!\s*\d))",
    "second_day": rf"(?:(?<=\d\sand\s)|(?<=\d\sor\s)){{day:{DAY}:}}",
    "season": rf"{MODIFIER}?(?:[Tt]he\s+)?{{rel:{RELATIVE}:}}?\s*{{season:{SEASON}:}}(?:\s+(?:of\s+)?{{year:{YEAR}:}})?",
    "year": rf"{{mod:{MODIFIER}:}}?(?:(?:[Ff]iscal|[Tt]he(?:\s+year)?)\s+)?{{year:{YEAR}:}}{{plural:s:}}?|(?:[Tt]he\s+)?'{{decade:\d0:}}s",
    "holiday": rf"(?:{{rel:{RELATIVE}:}}\s+)?{{holiday:{HOLIDAY}:}}(?:,?\s+{{year:{YEAR}:}})?",
    "ago": rf"{{adjective:[Yy]ear-(?:earlier|ago):}}|(?:(?:about|almost|nearly|some|more\s+than)\s+)?{{number:{NUMBER}|{VAGUE}:}}[\s-]+{{unit:{UNIT}:}}"
           rf"(?:\s+or\s+so)?\s+{{offset:{OFFSET}:}}",
    "relative": rf"{MODIFIER}?(?:[Tt]he\s+)?{{rel:{RELATIVE}:}}\s+(?:fiscal\s+)?{{unit:{SINGLE_UNIT}|{PART}:}}"
                rf"|{MODIFIER}?(?:[Tt]he\s+)?{{rel2:{RELATIVE}:}}\s+{{weekday:{WEEKDAY}|{MONTH}(?![.\s]*\d):}}"
                rf"|{{mod:{MODIFIER}:}}[Tt]he\s+{{unit3:year|month|week|day:}}",
    "duration": rf"(?:[Tt]he\s+)?(?:{{rel:{RELATIVE}|first|final|latest:}}\s+)?"
                rf"(?:{{number:{NUMBER}:}}(?:{{half:{HALF}:}}|\s+(?:to|or)\s+{NUMBER})?|{{vague:{VAGUE}:}})[\s-]+"
                rf"(?:{FILLER}\s+)?{{unit:{UNIT}:}}{NOT_AGE}(?:{{half2:{HALF}:}})?"
                rf"|(?<!\d\s){{bare:{_words(u for u in UNITS if u.endswith('s') and UNITS[u] not in ('WE', 'H', 'MIN', 'S', 'Q'))}:}}"
                rf"{NOT_AGE}",
    "event_ordinal": rf"(?:[Ii]ts|[Tt]heir|[Tt]he)\s+{{ordinal:{EVENT_ORDINAL}:}}\s+{{unit:day|week|month|year:}}(?![s-])",
    "since_event": rf"(?<=[Ss]ince\s){{subject:(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){{0,2}}?:}}{{verb:{_words(START_VERBS)}:}}"
                   rf"|(?<=[Ss]ince\s)[Tt]he\s+{_words(START_NOUNS)}\s+of\s+{{object:(?:the|its|their)\s+(?:[\w-]+\s+){{0,2}}?[\w-]+:}}",
    "period": r"[Tt]he\s+(?:(?:fiscal|full|current)\s+)?{unit:year|weekend:}(?!-)(?:{ended:(?=\s+end(?:ed|ing)\b):})?",
    "anaphoric": rf"{MODIFIER}?(?:[Tt]hat|[Tt]he\s+same|[Tt]hat\s+same)\s+{{unit:day|week|month|quarter|year:}}",
    "century": rf"(?:[Tt]he\s+)?{{ordinal:{ORDINAL_NUMBER}:}}[\s-]+century",
    "set": rf"{{every:[Ee]very|[Ee]ach|[Pp]er:}}\s+(?:{{number:{NUMBER}:}}\s+)?{{unit:{UNIT}|{WEEKDAY}|{MONTH}:}}"
           rf"|{{weekday:{WEEKDAY}:}}s|{{weekday2:{WEEKDAY}:}}\s+{{parts:{PART}:}}s",
    "fixed": rf"{{phrase:{FIXED_PHRASE}:}}",
    "weekday": rf"{MODIFIER}?{{weekday:{WEEKDAY}:}}(?:\s+{{part:{PART}:}})?",
}
# The word-start check stands once before all the alternatives rather than in each: the scan runs a quarter faster.
PATTERN = re.compile(_B + "(?:" + "|".join(f"(?P<{name}>{_named(name, body)}){_E}" for name, body in ALTERNATIVES.items())
                     + ")")


# ---- resolving ---------------------------------------------------------------------------------------------------

@dataclass
class _Context:
    doc: Doc
    anchor: dt.date | None
    start: int
    end: int
    previous: str | None  # the last DATE value resolved before this expression
    found: list[TimeExpr]  # the expressions resolved before this one
    counted_back: bool = False  # set by resolvers that count from another time ("a year earlier")

    def tense(self) -> int:
        return governing_tense(self.doc, self.start, self.end)


Resolved = tuple[str, str] | None


def extract_times(doc: Doc, published: str | None) -> list[TimeExpr]:
    anchor = _parse_anchor(published)
    text = layout(doc).text
    times: list[TimeExpr] = []
    previous: str | None = None
    for match in PATTERN.finditer(text):
        kind = match.lastgroup
        start, end = match.span(kind)
        while end > start and text[end - 1] in ",. " and not _abbreviation_end(text, start, end):
            end -= 1
        context = _Context(doc, anchor, start, end, previous, times)
        resolved = RESOLVERS[kind](match, context)
        if resolved is None:
            continue
        kind_of_time, value = resolved
        times.append(TimeExpr(id=f"t{len(times) + 1}", span=Span.of(text, start, end), type=kind_of_time, value=value))
        if kind_of_time == "DATE" and value[:1].isdigit() and not context.counted_back:
            previous = value
    return times


def _abbreviation_end(text: str, start: int, end: int) -> bool:
    """A final period that belongs to "Sept." or "p.m." rather than ending the sentence."""
    return text[end - 1] == "." and bool(re.search(r"(?:\b[A-Z][a-z]{2,3}|[ap]\.m)\.$", text[start:end]))


def _parse_anchor(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def governing_tense(doc: Doc, start: int, end: int) -> int:
    """PAST, FUTURE or OPEN from the verb that governs the characters start..end.

    The expression must hang from its verb directly or through one preposition: in "the Jan. 14 deadline" or
    "payable Dec. 7" a noun or adjective stands between, and the clause's tense says nothing about the date.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return OPEN
    token = span.root.head
    if token.pos_ == "ADP" and token.head.i != token.i:
        if token.lower_ in DEADLINE_PREPOSITIONS and token.head.pos_ in ("VERB", "AUX"):
            return PAST if _past_perfect(token.head) else FUTURE
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return FUTURE if token.lower_ in FUTURE_CUES else OPEN  # "as soon as Tuesday", "ahead of the weekend"
    return _clause_tense(token)


def _past_perfect(verb) -> bool:
    """ "had not called", "had been scheduled to expire": told as already over, whatever was planned."""
    planner = verb.head if verb.dep_ == "xcomp" else verb
    return any(child.dep_ == "aux" and child.lower_ in ("had", "'d") for child in (*verb.children, *planner.children))


def _clause_tense(verb) -> int:
    if _past_perfect(verb):
        return PAST
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    # A participle describing a noun reports a fact, not a plan: "the record high set on Aug. 6".
    describes_noun = verb.dep_ == "acl" and verb.tag_ == "VBN"
    words = {child.lower_ for child in auxiliaries} | (set() if describes_noun else {verb.lower_})
    # A plan names the time of what is planned, whatever the tense of the planning: "has scheduled a news
    # conference Thursday", "planned a rally on Saturday".
    if words & FUTURE_CUES or verb.head.lower_ in FUTURE_CUES or (verb.head.lemma_ == "go" and "to" in words):
        return FUTURE
    # An infinitive completing a verb looks ahead: "is to resume trading Tuesday", "agreed to resume talks Tuesday";
    # one of purpose or of a noun is timed by its clause: "staged celebrations to mark the entry on Friday", "the
    # countries to join on Friday" (which spaCy may also parse as the subject: "the first countries to join on
    # Friday were Poland and Hungary").
    if verb.tag_ == "VB" and "to" in words and verb.dep_ in ("xcomp", "ccomp", "conj", "ROOT"):
        return FUTURE
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries) or (
            verb.tag_ == "VBN" and any(child.lemma_ == "have" for child in auxiliaries)):
        return PAST
    if verb.tag_ in ("VBP", "VBZ") and not auxiliaries and verb.pos_ == "VERB":
        return FUTURE  # news present tense with a date is a schedule: "talks resume Wednesday"
    return OPEN


def _day(date: dt.date) -> str:
    return date.isoformat()


def _week(date: dt.date) -> str:
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter_of(date: dt.date) -> tuple[int, int]:
    return date.year, (date.month - 1) // 3 + 1


def _shift(anchor: dt.date, unit: str, count: int) -> str | None:
    """The anchor moved `count` units (negative: back), written at the unit's granularity."""
    if unit == "D":
        return _day(anchor + dt.timedelta(days=count))
    if unit in ("W", "WE"):
        week = _week(anchor + dt.timedelta(weeks=count))
        return week + "-WE" if unit == "WE" else week
    if unit == "FN":
        return _week(anchor + dt.timedelta(weeks=2 * count))
    if unit == "M":
        index = anchor.year * 12 + anchor.month - 1 + count
        return f"{index // 12}-{index % 12 + 1:02d}"
    if unit == "Q":
        year, quarter = _quarter_of(anchor)
        index = year * 4 + quarter - 1 + count
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "Y":
        return str(anchor.year + count)
    if unit == "DE":
        return str(anchor.year // 10 + count)
    if unit == "CE":
        return str(anchor.year // 100 + count)
    return None


def _number(words: str) -> str:
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


def _duration(count: str, unit: str) -> str | None:
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


def _unit(word: str) -> str:
    return UNITS[word.lower()]


def _direction(context: _Context, default: int = PAST) -> int:
    tense = context.tense()
    return tense if tense != OPEN else default


def _nearest_weekday(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    """The weekday on or before the anchor (PAST) or on or after it (FUTURE)."""
    gap = (weekday - anchor.isoweekday()) % 7
    if direction == FUTURE:
        return anchor + dt.timedelta(days=gap)
    return anchor - dt.timedelta(days=(7 - gap) % 7)


def _year_for(anchor: dt.date, month: int, day: int | None, direction: int) -> int:
    """The year of a month (and day) without one: the latest on or before the anchor (PAST), the next on or after
    it (FUTURE), or the nearest (OPEN), reckoned from six weeks before the anchor."""
    if day is not None:
        same_year = dt.date(anchor.year, month, min(day, calendar.monthrange(anchor.year, month)[1]))
        if abs((same_year - anchor).days) <= TENSE_SLACK_DAYS:
            return anchor.year
    later = (month, day or 1) > (anchor.month, anchor.day if day else 1)
    earlier = (month, day or 31) < (anchor.month, anchor.day if day else 1)
    if direction == FUTURE:
        return anchor.year + 1 if earlier else anchor.year
    if direction == PAST:
        return anchor.year - 1 if later else anchor.year
    middle = dt.date(anchor.year, month, min(day or 15, 28))
    return min((anchor.year - 1, anchor.year, anchor.year + 1),
               key=lambda year: abs((middle.replace(year=year) - anchor).days + OPEN_LEAN_BACK_DAYS))


def _weekday_value(context: _Context, weekday: int) -> str:
    if context.anchor is None:
        return f"XXXX-WXX-{weekday}"
    return _day(_nearest_weekday(context.anchor, weekday, _direction(context)))


def _month_day_value(context: _Context, month: int, day: int | None, year: str | None) -> str | None:
    if day is not None and not _valid(int(year) if year else 2000, month, day):
        return None
    if year:
        return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
    if context.anchor is None:
        return f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
    resolved_year = _year_for(context.anchor, month, day, context.tense())
    return f"{resolved_year}-{month:02d}" + (f"-{day:02d}" if day else "")


def _year_value(text: str | None) -> str | None:
    """ "1996" -> "1996", "nineteen ninety-six" -> "1996", "two thousand and one" -> "2001"."""
    if text is None or text.isdigit():
        return text
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w != "and"]
    if words[1] == "thousand":
        return str(1000 * int(NUMBERS[words[0]]) + sum(int(NUMBERS[w]) for w in words[2:]))
    if words[1] == "hundred":
        return str(100 * int(NUMBERS[words[0]]))
    return str(100 * int(NUMBERS[words[0]]) + sum(int(NUMBERS[w]) for w in words[1:]))


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _weekday_number(word: str) -> int:
    return WEEKDAYS[word.lower()]


def _day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group())


# Each resolver takes the match and its context and gives (type, value), or None to drop a false alarm.

def _resolve_clock(match: re.Match, context: _Context) -> Resolved:
    clock = match.group("clock_time").lower()
    day_words = match.group("clock_day")
    if "noon" in clock or "midday" in clock:
        hour, minute = 12, 0
    elif "midnight" in clock:
        hour, minute = 24, 0
    else:
        numbers = re.match(r"(\d{1,2})(?::(\d\d))?", clock)
        hour, minute = int(numbers.group(1)), int(numbers.group(2) or 0)
        if hour > 24:
            return None
        if "p" in clock[numbers.end():] and hour < 12:
            hour += 12
        elif "a" in clock[numbers.end():] and hour == 12:
            hour = 0
    if day_words:
        date = _day_words_value(day_words, context)
    else:  # a bare clock time falls on the day the story last named
        day = _reference(context, "D") or context.anchor
        date = _day(day) if day else "XXXX-XX-XX"
    return "TIME", f"{date}T{hour:02d}:{minute:02d}"


def _day_words_value(words: str, context: _Context) -> str:
    lowered = words.lower()
    if lowered in FIXED:
        return _fixed_value(FIXED[lowered][1], context) or "XXXX-XX-XX"
    if lowered in WEEKDAYS:
        return _weekday_value(context, _weekday_number(words))
    month, day = words.split(None, 1)
    return _month_day_value(context, _month_number(month), _day_number(day), None) or "XXXX-XX-XX"


def _resolve_quarter(match: re.Match, context: _Context) -> Resolved:
    ordinal = match.group("quarter_ordinal")
    modifiers = match.group("quarter_mod").lower()
    year = _year_value(match.group("quarter_year"))
    text = match.group("quarter")
    if text.lower().endswith("quarters"):
        return ("DURATION", "PXQ") if not ordinal else None
    if not ordinal and not re.match(r"(?i)the\b", text):
        return None
    back = 1 if ("year-earlier" in modifiers or "year-ago" in modifiers) else 0
    context.counted_back = bool(back)
    if match.group("quarter_period") and not (modifiers.strip() or match.group("quarter_year0")):
        return None  # "the period" alone is no quarter
    relative_year = match.group("quarter_rel")
    year = year or _year_value(match.group("quarter_year0"))
    if relative_year and context.anchor and not year:
        year = str(context.anchor.year + RELATIVE_WORDS[_lower_words(relative_year)])
    if ordinal:
        quarter = ORDINALS[ordinal.lower()]
        if year:
            return "DATE", f"{year}-Q{quarter}"
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
    year_now, quarter_now = _quarter_of(context.anchor)
    index = (year_now - back) * 4 + quarter_now - 1 + offset
    if year:  # "the 1988 period": the quarter being reported, in the year named, for comparison
        context.counted_back = True
        return "DATE", f"{year}-Q{index % 4 + 1}"
    return "DATE", f"{index // 4}-Q{index % 4 + 1}"


def _resolve_month_of_year(match: re.Match, context: _Context) -> Resolved:
    month = _month_number(match.group("month_of_year_month"))
    if context.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    year = context.anchor.year + RELATIVE_WORDS[_lower_words(match.group("month_of_year_rel"))]
    return "DATE", f"{year}-{month:02d}"


def _lower_words(text: str) -> str:
    return " ".join(text.lower().split())


def _resolve_date(match: re.Match, context: _Context) -> Resolved:
    group = match.group
    if group("date_iso"):
        year, month, day = (int(x) for x in group("date_iso").split("-"))
        return ("DATE", group("date_iso")) if _valid(year, month, day) else None
    if group("date_month"):
        value = _month_day_value(context, _month_number(group("date_month")), _day_number(group("date_day")),
                                 _year_value(group("date_year")))
    elif group("date_month2"):
        value = _month_day_value(context, _month_number(group("date_month2")), _day_number(group("date_day2")),
                                 _year_value(group("date_year2")))
    elif group("date_month3"):
        value = _month_day_value(context, _month_number(group("date_month3")), None,
                                 _year_value(group("date_year3")))
    else:
        word = group("date_month4")
        if word.lower() in AMBIGUOUS_MONTHS and not _tagged_as_date(context):
            return None
        if not word.endswith(".") and len(word) <= 3 and word.lower() not in AMBIGUOUS_MONTHS:
            return None  # "Jan", "Dec" alone are more often names than months
        value = _month_day_value(context, _month_number(word), None, None)
    if value and group("date_week") and len(value) == len("YYYY-MM-DD"):
        # "the week of March 6" is that week, at week precision
        value = _week(dt.date.fromisoformat(value)) if value[0].isdigit() else "XXXX-WXX"
    return ("DATE", value) if value else None


def _resolve_second_day(match: re.Match, context: _Context) -> Resolved:
    """ "25" in "April 24 and 25": the second day of the date just named, if that date ends right before "and"."""
    if not context.found:
        return None
    last = context.found[-1]
    gap = layout(context.doc).text[last.span.end:context.start]
    if not re.fullmatch(r"\s+(?:and|or)\s+", gap) or not re.fullmatch(r"\d{4}-\d\d-\d\d", last.value):
        return None
    year, month = int(last.value[:4]), int(last.value[5:7])
    day = _day_number(match.group("second_day_day"))
    return ("DATE", f"{last.value[:8]}{day:02d}") if _valid(year, month, day) else None


def _tagged_as_date(context: _Context) -> bool:
    span = context.doc.char_span(context.start, context.end, alignment_mode="expand")
    return span is not None and any(token.ent_type_ in ("DATE", "TIME") for token in span)


def _resolve_season(match: re.Match, context: _Context) -> Resolved:
    name = match.group("season_season").lower()
    code, first, last = SEASONS[name][0], int(SEASONS[name][1]), int(SEASONS[name][2])
    year = _year_value(match.group("season_year"))
    relative = match.group("season_rel")
    if year:
        return "DATE", f"{year}-{code}"
    if not relative and not _tagged_as_date(context):
        return None  # "prices fall", "a spring" are no seasons
    if context.anchor is None:
        return "DATE", f"XXXX-{code}"
    anchor = context.anchor
    direction = RELATIVE_WORDS[_lower_words(relative)] if relative else OPEN
    resolved = anchor.year
    if direction == PAST and anchor.month <= last and last >= first:
        resolved -= 1
    elif direction == FUTURE and anchor.month >= first:
        resolved += 1
    return "DATE", f"{resolved}-{code}"


def _resolve_year(match: re.Match, context: _Context) -> Resolved:
    decade = match.group("year_decade")
    if decade:
        century = (context.anchor.year // 100) if context.anchor else 19
        return "DATE", f"{century}{decade[0]}"
    year = _year_value(match.group("year_year"))
    whole = match.group("year")
    if match.group("year_plural"):
        return ("DATE", year[:3]) if year.endswith("0") else None
    if whole == year and not _year_in_context(context):
        return None
    half = YEAR_HALVES.get(_lower_words(match.group("year_mod") or ""))
    return "DATE", f"{year}-{half}" if half else year


def _year_in_context(context: _Context) -> bool:
    """A bare four-digit number is a year where spaCy calls it a date or a preposition leads into it."""
    span = context.doc.char_span(context.start, context.end, alignment_mode="expand")
    if span is None:
        return False
    if any(token.ent_type_ == "DATE" for token in span):
        return True
    before = span[0].nbor(-1) if span.start > 0 else None
    return before is not None and before.pos_ == "ADP"


def _resolve_holiday(match: re.Match, context: _Context) -> Resolved:
    rule = HOLIDAYS[_lower_words(match.group("holiday_holiday"))]
    year = _year_value(match.group("holiday_year"))
    relative = match.group("holiday_rel")
    if year:
        resolved = int(year)
    elif context.anchor is None:
        return "DATE", "XXXX-" + rule if "/" not in rule else "XXXX-XX-XX"
    else:
        direction = RELATIVE_WORDS[_lower_words(relative)] if relative else _direction(context)
        resolved = context.anchor.year
        if direction == PAST and _holiday(resolved, rule) > context.anchor:
            resolved -= 1
        elif direction == FUTURE and _holiday(resolved, rule) < context.anchor:
            resolved += 1
    return "DATE", _day(_holiday(resolved, rule))


def _holiday(year: int, rule: str) -> dt.date:
    if "/" not in rule:
        month, day = rule.split("-")
        return dt.date(year, int(month), int(day))
    month, weekday, nth = (int(x) for x in rule.split("/"))
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if dt.date(year, month, d).isoweekday() == weekday]
    return dt.date(year, month, days[nth - 1] if nth > 0 else days[nth])


def _resolve_ago(match: re.Match, context: _Context) -> Resolved:
    context.counted_back = True
    if match.group("ago_adjective"):  # "year-earlier", "year-ago"
        count, unit, direction = "1", "Y", PAST
    else:
        count = _number(match.group("ago_number"))
        unit = _unit(match.group("ago_unit"))
        offset = _lower_words(match.group("ago_offset"))
        direction = OFFSET_WORDS[offset]
        if offset in ANAPHORIC_OFFSETS and FINENESS[unit] < FINENESS["Q"]:
            # "three days later" counts from another event; TimeML gives the gap, "later" being a signal
            return "DURATION", _duration(count, unit)
    if count == "X" or not count.isdigit():
        return "DATE", "PAST_REF" if direction == PAST else "FUTURE_REF"
    if unit in ("H", "MIN", "S"):
        return "DURATION", _duration(count, unit)
    previous = context.previous
    if unit == "Y" and previous and re.fullmatch(r"\d{4}-Q\d", previous):
        # "a year earlier" in a report about a quarter means that quarter a year before.
        return "DATE", f"{int(previous[:4]) + direction * int(count)}{previous[4:]}"
    if context.anchor is None:
        return "DATE", "PAST_REF" if direction == PAST else "FUTURE_REF"
    return "DATE", _shift(context.anchor, unit, direction * int(count))


def _resolve_relative(match: re.Match, context: _Context) -> Resolved:
    group = match.group
    if group("relative_unit3"):
        unit = _unit(group("relative_unit3"))
        return "DATE", _shift(context.anchor, unit, 0) if context.anchor else _unknown(unit)
    if (group("relative_unit") or "")[:1].isupper():
        return None  # a unit capitalised like a name is a title: ABC's "This Week"
    direction_word = _lower_words(group("relative_rel") or group("relative_rel2"))
    direction = RELATIVE_WORDS[direction_word]
    target = group("relative_unit") or group("relative_weekday")
    lowered = target.lower()
    anchor = context.anchor
    if direction_word in ANAPHORIC_WORDS:  # "the previous Friday" counts from the day the story is telling
        anchor = _reference(context, _target_unit(lowered)) or anchor
    if lowered in PARTS_OF_DAY:
        day = _shift(anchor, "D", direction) if anchor else "XXXX-XX-XX"
        return "TIME", f"{day}T{PARTS_OF_DAY[lowered]}"
    if lowered in WEEKDAYS:
        weekday = _weekday_number(target)
        if anchor is None:
            return "DATE", f"XXXX-WXX-{weekday}"
        if direction == OPEN:
            return "DATE", _weekday_value(context, weekday)
        step = dt.timedelta(days=direction)
        return "DATE", _day(_nearest_weekday(anchor + step, weekday, direction))
    if lowered.rstrip(".") in MONTHS:
        month = _month_number(target)
        if anchor is None:
            return "DATE", f"XXXX-{month:02d}"
        year = anchor.year
        if direction == PAST and month >= anchor.month:
            year -= 1
        elif direction == FUTURE and month <= anchor.month:
            year += 1
        return "DATE", f"{year}-{month:02d}"
    unit = _unit(target)
    if unit in ("H", "MIN", "S"):
        return None
    if anchor is None:
        return "DATE", _unknown(unit)
    return "DATE", _shift(anchor, unit, direction)


def _target_unit(word: str) -> str:
    if word in PARTS_OF_DAY or word in WEEKDAYS:
        return "D"
    if word.rstrip(".") in MONTHS:
        return "Y"
    return UNITS[word]


def _reference(context: _Context, unit: str) -> dt.date | None:
    """The last date the text itself named, if it is at least as fine as `unit`; what anaphoric expressions
    ("the following year", "that day", "the previous Friday") count from."""
    return _as_date(context.previous, unit) if context.previous else None


def _unknown(unit: str) -> str:
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(unit, "XXXX")


def _resolve_duration(match: re.Match, context: _Context) -> Resolved:
    bare = match.group("duration_bare")
    if bare:
        if EVENT_RELATIONS.match(layout(context.doc).text, match.end("duration_bare")):
            return None
        return "DURATION", _duration("X", _unit(bare))
    number = match.group("duration_number")
    vague = match.group("duration_vague")
    if vague and match.group("duration").startswith(vague) and _lower_words(vague) in VAGUE_DIRECTIONS:
        return "DATE", VAGUE_DIRECTIONS[_lower_words(vague)]
    if _not_a_length(match, context):
        return None
    count = _number(number) if number else "X"
    unit = _unit(match.group("duration_unit"))
    if unit == "Q" and not match.group("duration_rel"):
        return None  # "three-quarters of the residents" is a share, "the past two quarters" a time
    if (match.group("duration_half") or match.group("duration_half2")) and count.isdigit() and unit in HALVES:
        return "DURATION", _duration(count, unit) + HALVES[unit]
    return "DURATION", _duration(count, unit)


def _not_a_length(match: re.Match, context: _Context) -> bool:
    """ "a second group" is an ordinal; "$500 million a year", "four flights a week" are rates of a quantity."""
    unit = context.doc.char_span(match.start("duration_unit"), match.end("duration_unit"), alignment_mode="expand")
    if unit is not None and unit.root.pos_ == "ADJ":
        return True
    if (match.group("duration_number") or "").lower() not in ("a", "an"):
        return False
    expression = context.doc.char_span(context.start, context.end, alignment_mode="expand")
    if expression is None or expression.start == 0:
        return False
    before = context.doc[expression.start - 1]
    return before.like_num or any(child.dep_ == "nummod" for child in before.children)


def _resolve_period(match: re.Match, context: _Context) -> Resolved:
    """ "the year" (DATE; "the year ended June 30" is a DURATION) and "the weekend" of the clause's tense."""
    if match.group("period_unit").lower() == "weekend":
        if context.anchor is None:
            return "DATE", "XXXX-WXX-WE"
        saturday = _nearest_weekday(context.anchor, 6, _direction(context))
        return "DATE", _week(saturday) + "-WE"
    if match.group("period_ended") is not None:
        return "DURATION", "P1Y"
    return "DATE", str(context.anchor.year) if context.anchor else "XXXX"


def _resolve_anaphoric(match: re.Match, context: _Context) -> Resolved:
    """ "that day", "the same day", "later that year": the unit of the date the text last named."""
    unit = _unit(match.group("anaphoric_unit"))
    reference = _reference(context, unit)
    return ("DATE", _shift(reference, unit, 0)) if reference else None


def _resolve_event_ordinal(match: re.Match, context: _Context) -> Resolved:
    """ "(the war is now in) its fifth month", "the eighth day of the siege": counted from the day the story says
    the event began, else, said in the present tense, the anchor's own day or month."""
    ordinal = match.group("event_ordinal_ordinal").lower()
    count = ORDINALS[ordinal] if ordinal in ORDINALS else int(ordinal[:-2])
    unit = _unit(match.group("event_ordinal_unit"))
    noun = _event_noun(context)
    began = _event_starts(context).get(noun.lemma_.lower()) if noun is not None else None
    start = _as_date(began, unit) if began else None
    if start is not None:
        return "DATE", _shift(start, unit, count - 1)
    if context.anchor is None or context.tense() == PAST or count < 1:
        return None
    return "DATE", _shift(context.anchor, unit, 0)


def _resolve_since_event(match: re.Match, context: _Context) -> Resolved:
    """ "since the war broke out", "since the start of the war": the day the story said the event began."""
    name = "since_event_subject" if match.group("since_event_subject") else "since_event_object"
    noun = context.doc.char_span(match.start(name), match.start(name) + len(match.group(name).rstrip()),
                                 alignment_mode="expand")
    began = _event_starts(context).get(noun.root.lemma_.lower()) if noun is not None and len(noun) else None
    return ("DATE", began) if began else None


def _event_noun(context: _Context):
    """The event an ordinal counts within: "the eighth day of the siege" -> siege, "the war ... in its fifth
    month" -> war (the subject of the clause)."""
    span = context.doc.char_span(context.start, context.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    verb = root.head.head if root.head.pos_ == "ADP" else root.head
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _event_starts(context: _Context) -> dict[str, str]:
    """Event noun lemma -> the date the story gave for its start: "The war, which began on 7 October" -> war."""
    starts = {}
    for time in context.found:
        if time.type != "DATE" or not time.value[:1].isdigit():
            continue
        span = context.doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is None:
            continue
        verb = span.root.head.head if span.root.head.pos_ == "ADP" else span.root.head
        if verb.lemma_.lower() not in START_VERBS.values():
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            subject = verb.head  # "the war, which began on 7 October"
        if subject is not None:
            starts[subject.lemma_.lower()] = time.value
    return starts


def _as_date(value: str, unit: str) -> dt.date | None:
    """A TIMEX3 calendar value as a date, if it is at least as fine as `unit`."""
    named = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
    if not named:
        return None
    year, month, day = named.groups()
    fineness = "D" if day else "M" if month else "Y"
    if FINENESS[fineness] > FINENESS.get(unit, FINENESS["Y"]):
        return None
    return dt.date(int(year), int(month or 1), int(day or 1))


def _resolve_century(match: re.Match, context: _Context) -> Resolved:
    return "DATE", f"{int(match.group('century_ordinal')[:-2]) - 1:02d}"


def _resolve_set(match: re.Match, context: _Context) -> Resolved:
    """ "every week", "each July", "Tuesdays", "Tuesday nights"."""
    weekday = match.group("set_weekday") or match.group("set_weekday2")
    if weekday:
        part = match.group("set_parts")
        return "SET", f"XXXX-WXX-{_weekday_number(weekday)}" + (f"T{PARTS_OF_DAY[part.lower()]}" if part else "")
    target = match.group("set_unit")
    if target.lower() in WEEKDAYS:
        return "SET", f"XXXX-WXX-{_weekday_number(target)}"
    if target.lower().rstrip(".") in MONTHS:
        return "SET", f"XXXX-{_month_number(target):02d}"
    number = match.group("set_number")
    return "SET", _duration(_number(number) if number else "1", _unit(target))


def _resolve_fixed(match: re.Match, context: _Context) -> Resolved:
    phrase = _lower_words(match.group("fixed_phrase"))
    if phrase in DISCOURSE_WORDS and _opens_sentence_before_comma(context):
        return None
    kind, rule = FIXED[phrase]
    value = _fixed_value(rule, context)
    return (kind, value) if value else None


def _opens_sentence_before_comma(context: _Context) -> bool:
    span = context.doc.char_span(context.start, context.end, alignment_mode="expand")
    return (span is not None and span[0].is_sent_start and span.end < len(context.doc)
            and context.doc[span.end].text == ",")


def _fixed_value(rule: str, context: _Context) -> str | None:
    shift = re.fullmatch(r"day([+-]\d+)(?: (\w+))?", rule)
    if not shift:
        return rule
    day = _shift(context.anchor, "D", int(shift.group(1))) if context.anchor else "XXXX-XX-XX"
    return f"{day}T{shift.group(2)}" if shift.group(2) else day


def _resolve_weekday(match: re.Match, context: _Context) -> Resolved:
    value = _weekday_value(context, _weekday_number(match.group("weekday_weekday")))
    part = match.group("weekday_part")
    if part:
        return "TIME", f"{value}T{PARTS_OF_DAY[part.lower()]}"
    return "DATE", value


def _resolve_idiom(match: re.Match, context: _Context) -> Resolved:
    return None  # matched only to keep its time word from being read as a time


RESOLVERS: dict[str, Callable[[re.Match, _Context], Resolved]] = {
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
    "weekday": _resolve_weekday,
}
