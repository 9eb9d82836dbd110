"""The time grammar: one regular expression, assembled from the word lists in extract/data/time_*, that scans the text
once for every kind of time expression.

How to read it. The building blocks are plain patterns named in capitals (MONTH, DAY, YEAR, NUMBER, UNIT ...), each
an alternation of a word list (`_words`) or a short regular expression. ALTERNATIVES names the kinds of
expression, in priority order; each is an rf-string that combines the blocks, and marks the parts its resolver
needs as *slots*:

    {{name:PATTERN:}}     (doubled braces inside an rf-string, so the braces survive formatting)

which `_named` turns into the named group `(?P<kind_name>PATTERN)`: the slot `{{day:{DAY}:}}` of "date" is the
group `date_day`, read by `resolvers._resolve_date` as `match.group("date_day")`. Everything outside a slot is
matched but not read ("the", "of", commas). The alternatives are joined into PATTERN behind one word-start check;
at a position the first alternative that matches wins, so longer forms come first.
"""
from __future__ import annotations

import re

from ...first_chars import grouped_alternation, guarded
from ...lexicon import load_phrases, load_table

MONTHS = {name: int(n) for name, n in load_table("time_months.tsv").items()}
WEEKDAYS = {name: int(n) for name, n in load_table("time_weekdays.tsv").items()}
NUMBERS = load_table("time_numbers.tsv")
ORDINALS = {name: int(n) for name, n in load_table("time_ordinals.tsv").items()}
UNITS = load_table("time_units.tsv")
PARTS_OF_DAY = load_table("time_parts_of_day.tsv")
SEASONS = {name: row.split("\t") for name, row in load_table("time_seasons.tsv").items()}
RELATIVE_WORDS = {name: int(row.split("\t")[0]) for name, row in load_table("time_relative_words.tsv").items()}
OFFSET_WORDS = {name: int(row.split("\t")[0]) for name, row in load_table("time_offset_words.tsv").items()}
MODIFIERS = load_phrases("time_modifiers.txt")
FIXED = {name: row.split("\t") for name, row in load_table("time_fixed.tsv").items()}
HOLIDAYS = load_table("time_holidays.tsv")
COUNT_FILLERS = load_phrases("time_count_fillers.txt")
START_VERBS = load_table("time_start_verbs.tsv")
START_NOUNS = load_phrases("time_start_nouns.txt")
FREQUENCIES = load_phrases("time_frequencies.txt")
DECADES = {name: int(n) for name, n in load_table("time_decades.tsv").items()}


def _phrase(text: str, capitalised: bool) -> str:
    """A phrase as a pattern: any run of spaces between words; the first letter upper-case (capitalised) or either.
    A capitalised name takes its later words in either case: "Election Day", "Christmas day"."""
    first, *rest = text.split()
    if capitalised:
        return r"\s+".join([_first_letter(first, upper=True), *(_first_letter(word, upper=False) for word in rest)])
    return r"\s+".join([_first_letter(first, upper=False), *(re.escape(word) for word in rest)])


def _first_letter(word: str, upper: bool) -> str:
    if not word[0].isalpha():
        return re.escape(word)
    return (word[0].upper() if upper else f"[{word[0].upper()}{word[0].lower()}]") + re.escape(word[1:])


def _words(phrases, capitalised: bool = False) -> str:
    return grouped_alternation(_phrase(p, capitalised) for p in sorted(phrases, key=lambda p: (-len(p), p)))


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
MODIFIER = grouped_alternation(_phrase(m, False) + ("" if m.endswith("-") else r"\s+") for m in MODIFIERS)
RELATIVE = _words(RELATIVE_WORDS)
OFFSET = _words(OFFSET_WORDS)
PART = _words(PARTS_OF_DAY)
SEASON = _words(SEASONS)
HOLIDAY = _words(HOLIDAYS, capitalised=True)
ORDINAL = _words(p for p, n in ORDINALS.items() if n <= 4)  # of a quarter
EVENT_ORDINAL = rf"(?:{_words(ORDINALS)}|\d{{1,3}}(?:st|nd|rd|th))"
# "10:30 a.m.", "9pm", "7.45pm" (British), "noon", "9 p.m. EST"
CLOCK = (r"(?:\d{1,2}(?:[:.][0-5]\d)?\s*(?:[ap]\.\s?m\.?|[ap]m\b)|\d{1,2}:[0-5]\d(?!\d)|"
         + _words(["noon", "midnight", "midday"]) + r")(?:\s+(?:[A-Z]{2,3}T|GMT|local\s+time))?")
# The day a clock time names after it: "close to 2 a.m. local time (0100 GMT) on Wednesday", "at 3pm on 12 May"
CLOCK_DAY_AFTER = re.compile(rf"(?:\s*\([^)\n]{{0,30}}\))?,?\s+on\s+(?P<day>{WEEKDAY}|{MONTH}\s+{DAY}|{DAY}\s+{MONTH})\b")
FIXED_PHRASE = _words(FIXED)
FILLER = _words(COUNT_FILLERS)
NOT_AGE = r"(?![\s-]+old\b|-)"  # "a 6-year-old boy" is an age, "a year-earlier" a date
HALF = r"\s+1/2|\s+and\s+a\s+half"


def _named(alternative: str, pattern: str) -> str:
    """Prefix every `{name}` slot's group with the alternative's name, so groups stay unique in the combined pattern."""
    return re.sub(r"\{(\w+):", lambda m: f"(?P<{alternative}_{m.group(1)}>", pattern).replace(":}", ")")


QUARTER_MODIFIER = r"(?:(?:latest|current|fiscal|year-earlier|year-ago|comparable|corresponding|same|fiscal-)\s*)*"
# A reported period named again a year back, after it: "the quarter a year ago", "the corresponding period last year"
YEAR_BACK = _words(load_phrases("time_year_back.txt"))
DAY_WORD = _words(["today", "yesterday", "tomorrow"])
# Plural units that stand alone as a length: "for years", "months of talks" (not "hours", "quarters", "weekends").
BARE_UNIT = _words(u for u in UNITS if u.endswith("s") and UNITS[u] not in ("WE", "H", "MIN", "S", "Q"))

# Alternatives in priority order: at one position the first that matches wins, so longer forms come first.
# Each line's comment gives expressions it is written for.
ALTERNATIVES: dict[str, str] = {
    # "high noon", "the eleventh hour": matched only so their time words are not read as times
    "idiom": "(?i:" + _words(load_phrases("time_idioms.txt")) + ")",
    # "10:30 a.m.", "noon Tuesday", "9 p.m. EST"
    "clock": rf"{{time:{CLOCK}:}}(?:,?\s+{{day:{WEEKDAY}|{MONTH}\s+{DAY}|{DAY_WORD}:}})?",
    # "the third quarter", "last year's fourth quarter", "the year-earlier period", "the second quarter of 2012",
    # "the quarter a year ago"
    "quarter": rf"(?:[Tt]he\s+)?(?:{{rel:{RELATIVE}:}}\s+year's\s+|{{year0:{YEAR}:}}\s+)?{{mod:{QUARTER_MODIFIER}:}}"
               rf"{{ordinal:{ORDINAL}:}}?[\s-]*(?:quarters?|{{period:period:}})(?:\s+of\s+{{year:{YEAR}:}})?"
               rf"(?:\s+{{back:{YEAR_BACK}:}})?",
    # "March of last year", "early June next year"
    "month_of_year": rf"{MODIFIER}?{{month:{MONTH}:}}\s+(?:of\s+)?{{rel:{RELATIVE}:}}\s+year",
    # "Oct. 7", "Tuesday, March 5, 2024", "5 March", "the week of June 3", "June 2015", "2024-03-05", "in November"
    "date": rf"{MODIFIER}?(?:{{week:[Tt]he\s+week\s+of:}}\s+)?(?:{{weekday:{WEEKDAY}:}},?\s+)?(?:"
            rf"{{month:{MONTH}:}}\s+{{day:{DAY}:}}(?:,?\s+{{year:{YEAR}:}})?"
            rf"|{{day2:{DAY}:}}\s+(?:of\s+)?{{month2:{MONTH}:}}(?:,?\s+{{year2:{YEAR}:}})?"
            rf"|{{month3:{MONTH}:}},?\s+(?:of\s+)?{{year3:{YEAR}:}}"
            rf"|{{iso:\d{{4}}-\d\d-\d\d:}}"
            rf"|{{month4:{MONTH}:}}(?!\s*\d))",
    # the "9" of "Nov. 8 and 9"
    "second_day": rf"(?:(?<=\d\sand\s)|(?<=\d\sor\s)){{day:{DAY}:}}",
    # "last summer", "the spring of 2019", "early autumn"
    "season": rf"{MODIFIER}?(?:[Tt]he\s+)?{{rel:{RELATIVE}:}}?\s*{{season:{SEASON}:}}"
              rf"(?:\s+(?:of\s+)?{{year:{YEAR}:}})?",
    # "2016", "fiscal 2013", "the year 2000", "the 1990s", "the '80s", "early 2015", "nineteen ninety-six"; a year
    # that modifies a noun leaves its article to the noun: "the 2020 presidential election" is "2020"
    "year": rf"{{mod:{MODIFIER}:}}?(?:(?:[Ff]iscal|[Tt]he\s+year|[Tt]he(?!\s+{YEAR}\s+[a-z]))\s+)?{{year:{YEAR}:}}"
            rf"{{plural:s:}}?"
            rf"|(?:[Tt]he\s+)?'{{decade:\d0:}}s"
            rf"|[Tt]he\s+(?:{{decade_mod:early|mid|late:}}[\s-]+)?{{decade_word:{_words(DECADES)}:}}",
    # "Christmas", "last Thanksgiving", "Christmas 2016"
    "holiday": rf"(?:{{rel:{RELATIVE}:}}\s+)?{{holiday:{HOLIDAY}:}}(?:,?\s+{{year:{YEAR}:}})?",
    # "three years ago", "a week earlier", "about two months later", "year-ago"
    "ago": rf"{{adjective:[Yy]ear-(?:earlier|ago):}}"
           rf"|(?:(?:about|almost|nearly|some|more\s+than)\s+)?{{number:{NUMBER}|{VAGUE}:}}[\s-]+{{unit:{UNIT}:}}"
           rf"(?:\s+or\s+so)?\s+{{offset:{OFFSET}:}}",
    # "last week", "next fiscal year", "this morning", "last Tuesday", "next March", "earlier this year"
    "relative": rf"{MODIFIER}?(?:[Tt]he\s+)?{{rel:{RELATIVE}:}}\s+(?:fiscal\s+)?{{unit:{SINGLE_UNIT}|{PART}:}}"
                rf"|{MODIFIER}?(?:[Tt]he\s+)?{{rel2:{RELATIVE}:}}\s+{{weekday:{WEEKDAY}|{MONTH}(?![.\s]*\d):}}"
                rf"|{{mod:{MODIFIER}:}}[Tt]he\s+{{unit3:year|month|week|day:}}",
    # "three years", "the past two weeks", "2 1/2 years", "several months", "five to six days", "for years"
    "duration": rf"(?:[Tt]he\s+)?(?:{{rel:{RELATIVE}|first|final|latest:}}\s+)?"
                rf"(?:{{number:{NUMBER}:}}(?:{{half:{HALF}:}}|\s+(?:to|or)\s+{NUMBER})?|{{vague:{VAGUE}:}})[\s-]+"
                rf"(?:{FILLER}\s+)?{{unit:{UNIT}:}}{NOT_AGE}(?:{{half2:{HALF}:}})?"
                rf"|(?<!\d\s){{bare:{BARE_UNIT}:}}"
                rf"{NOT_AGE}",
    # "its third day", "the 10th week"
    "event_ordinal": rf"(?:[Ii]ts|[Tt]heir|[Tt]he)\s+{{ordinal:{EVENT_ORDINAL}:}}"
                     rf"\s+{{unit:day|week|month|year:}}(?![s-])",
    # "since the war began", "since the start of the strike"
    "since_event": rf"(?<=[Ss]ince\s){{subject:(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){{0,2}}?:}}"
                   rf"{{verb:{_words(START_VERBS)}:}}"
                   rf"|(?<=[Ss]ince\s)[Tt]he\s+{_words(START_NOUNS)}\s+of\s+"
                   rf"{{object:(?:the|its|their)\s+(?:[\w-]+\s+){{0,2}}?[\w-]+:}}",
    # "the year", "the fiscal year ended", "the year to June" (a year's accounts), "the weekend"
    "period": rf"[Tt]he\s+(?:(?:fiscal|full|current)\s+)?{{unit:year|weekend:}}(?!-)"
              rf"(?:{{ended:(?=\s+(?:end(?:ed|ing)\b|to\s+(?:{MONTH})(?!\w))):}})?",
    # "that day", "the same week", "later that month"
    "anaphoric": rf"{MODIFIER}?(?:[Tt]hat|[Tt]he\s+same|[Tt]hat\s+same)\s+{{unit:day|week|month|quarter|year:}}",
    # "the 19th century", "the fourteenth century"
    "century": rf"(?:[Tt]he\s+)?{{ordinal:{EVENT_ORDINAL}:}}[\s-]+century",
    # "every year", "each Monday", "per hour", "every summer", "Sundays", "Friday nights", "twice a year", "three
    # times a week"
    "set": rf"{{every:[Ee]very|[Ee]ach|[Pp]er:}}\s+(?:{{number:{NUMBER}:}}\s+)?"
           rf"{{unit:{UNIT}|{WEEKDAY}|{MONTH}|{SEASON}:}}"
           rf"|(?:{_words(FREQUENCIES)}|{NUMBER}\s+times)\s+(?:an?|per|each|every)\s+{{per:{SINGLE_UNIT}:}}"
           rf"|{{weekday:{WEEKDAY}:}}s|{{weekday2:{WEEKDAY}:}}\s+{{parts:{PART}:}}s",
    # "now", "currently", "these days", "recently" (time_fixed.tsv)
    "fixed": rf"{{phrase:{FIXED_PHRASE}:}}",
    # "In the morning, lawmakers questioned ...", "by mid afternoon": a part of the day the story is telling
    "part_of_day": rf"(?:{MODIFIER}(?:the\s+)?|[Tt]he\s+){{part:{PART}:}}(?!\s+of\b|'s)",
    # "Wednesday", "on Friday night"
    "weekday": rf"{MODIFIER}?{{weekday:{WEEKDAY}:}}(?:\s+{{part:{PART}:}})?",
}
# The word-start check stands once before all the alternatives rather than in each: the scan runs a quarter faster.
# Each alternative is guarded by the characters it can start with, so at "said" none of them is entered: the scan
# runs two and a half times faster again, and finds the same matches.
PATTERN = re.compile(_B + "(?:" + "|".join(f"(?P<{name}>{guarded(_named(name, body))}){_E}"
                                           for name, body in ALTERNATIVES.items()) + ")")


def _trigger_words() -> frozenset[str]:
    """Words of which every match of PATTERN holds at least one (or else a digit): the names of months, weekdays,
    units, parts of the day, seasons and holidays, their plurals ("Sundays", "summers"), the last word of every
    fixed phrase ("now", "the near term"), the words that open spoken years ("nineteen ninety-six", "two thousand"),
    the words of an event's start ("since the war began") and the few literal words of the alternatives. Text far
    from all of them cannot hold a time expression, so the scan skips it (`assembly`)."""
    names = [*MONTHS, *WEEKDAYS, *UNITS, *PARTS_OF_DAY, *SEASONS, *DECADES]
    words = {word for name in names for word in (name, name + "s")}
    words |= {word.split("'")[0] for phrase in HOLIDAYS for word in phrase.split()}
    words |= {phrase.split()[-1] for phrase in FIXED}
    words |= {word for word, value in NUMBERS.items() if value.isdigit() and 15 <= int(value) <= 20}
    words |= {word for phrase in (*START_VERBS, *START_NOUNS) for word in phrase.split()}  # "since the war began"
    words |= {"thousand", "noon", "midnight", "midday", "period", "since"}
    return frozenset(word.lower() for word in words)


TRIGGER_WORDS = _trigger_words()
