"""What a numeral looks like: digits, number words, vague counts, ranges and fractions, and their values.

The pattern is built bottom-up from the number tables in extract/data (numbers_*.tsv): a simple number, a cardinal
with scale words, a range, a fraction, a vague count. `find_numerals` tries it only where a numeral can begin.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...first_chars import grouped_alternation, guarded
from ...lexicon import alternation, load_phrases, load_table

NUMBER_WORDS = {word: float(value) for word, value in load_table("numbers_words.tsv").items()}
MULTIPLIERS = {word: float(value) for word, value in load_table("numbers_multipliers.tsv").items()}
FRACTIONS = {word: float(value) for word, value in load_table("numbers_fractions.tsv").items()}
VAGUE = load_phrases("numbers_vague.txt")
SPACED_SCALES = set(load_phrases("numbers_spaced_scales.txt"))
CHANGE_WORDS = set(load_phrases("figure_change_words.txt"))
QUALIFIERS = load_table("figure_qualifiers.tsv")
QUALIFIERS_AFTER = load_table("figure_qualifiers_after.tsv")
UNITS = load_table("figure_units.tsv")
CURRENCY_PREFIXES = load_table("figure_currency_prefixes.tsv")
CURRENCY_LETTERS = load_table("figure_currency_letters.tsv")


def _alternation(words) -> str:
    """The words, longest first, grouped by first letter (every pattern here is compiled with re.IGNORECASE)."""
    return grouped_alternation((re.escape(w) for w in sorted(words, key=len, reverse=True)), ignore_case=True)


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = rf"(?:{_alternation(NUMBER_WORDS)})\b"
_SCALE = rf"(?:{_alternation(w for w in MULTIPLIERS if len(w) > 2 or w in SPACED_SCALES)})\b"
_SUFFIX_SCALE = rf"(?:{_alternation(w for w in MULTIPLIERS if len(w) <= 2)})\b"
_SIMPLE = rf"(?:(?:{_DIGITS})(?:{_SUFFIX_SCALE})?|{_WORD}(?:[ -]+{_WORD})*)"
_SHARE = rf"(?:{_alternation(w for w in FRACTIONS if '-' not in w)})"
# "two hundred and thirty four", "a hundred thirty million", "six-million", "half a million": after a scale word
# the count goes on. "earned nearly a half-million dollars": a share after the article scales too.
_CARDINAL = (rf"(?:(?:{_SIMPLE}|(?:{_SHARE}\s+)?an?|an?\s+{_SHARE})"
             rf"(?:(?:\s+|-){_SCALE}(?:\s+(?:and\s+)?{_SIMPLE}(?=\s+{_SCALE}|(?<=[a-z])))?)+|{_SIMPLE})")
_COUNT = rf"(?:{_DIGITS}|{_WORD})"
# "3 out of 4", "nine out of 10", "a fifth of", "a quarter-point cut", "half the population", "two-thirds".
# "one in three women" (not "a one in 259 million chance", odds, nor "one in 2019"); "half a mile" (not "half a
# million", a cardinal).
# A share standing alone: "nearly a third have special needs", "the mass could be reduced by a third by removing
# the crew quarters" (not "a third time", "hired by a third party").
_ALONE_AFTER = r"\s+(?:have|has|had|are|were|is|was)\b"
_ALONE_AFTER_BY = r"\s*[.,;:)]|\s+(?:by|in|from|since|over|than|compared)\b"
_FRACTION = (rf"(?:{_COUNT}\s+out\s+of\s+{_COUNT}"
             rf"|(?:a|one)\s+(?:{_alternation(FRACTIONS)})(?=\s+of\b|-point\b|{_ALONE_AFTER})"
             rf"|(?<=\bby\s)(?:a|one)\s+(?:{_alternation(FRACTIONS)})(?={_ALONE_AFTER_BY})"
             rf"|{_COUNT}\s+in\s+(?!(?:1[89]|20)\d\d\b){_COUNT}\b(?![\s-]*(?:{_SCALE})|[.,:–-]\d)"
             rf"|half(?=\s+(?:of|the|its|their|his|her|our|all)\b|\s+an?\s+(?!{_SCALE}))"
             rf"|(?:{'|'.join('[- ]'.join(map(re.escape, w.split('-'))) for w in FRACTIONS if '-' in w)})\b)")
# "from $524,900 to $564,900": the second number of a range may repeat the currency sign.
_SECOND_SIGN = alternation(sign for sign in sorted(CURRENCY_PREFIXES, key=len, reverse=True) if not sign[0].isalpha())
# "400 or 500 CDs", "two or three people" are ranges too ("one or more" is no range: "more" is no number).
_RANGE = (rf"(?:(?:{_DIGITS})\s*[-–]\s*(?:{_DIGITS})(?:{_SUFFIX_SCALE})?(?:\s+{_SCALE})*"
          rf"|{_CARDINAL}\s+(?:to|or)\s+(?:{_SECOND_SIGN})?{_CARDINAL}"
          rf"|(?<=between\s){_CARDINAL}\s+and\s+(?:{_SECOND_SIGN})?{_CARDINAL})")
# "doubling its safety and security team from 10,000 to 20,000 workers": a change from one value to another.
_CHANGE_BEFORE = re.compile(rf"(?<![\w-])(?:{_alternation(CHANGE_WORDS)})\b[^.;:!?]{{0,50}}\bfrom\s+"
                            rf"(?:{_SECOND_SIGN})?\s*$", re.IGNORECASE)
_VAGUE = rf"(?:{_alternation(VAGUE)})\b"
# Not the tail of "1.5", "F-16", "ID.3", "0:30" or a link (a word glued after a full stop is a new sentence);
# but digits may follow a currency sign that ends in a letter: "$US4.5 billion", "Rs.500", "KSh20m", "N60 million".
_SIGNS = [sign for sign in CURRENCY_PREFIXES if sign[-1].isalnum() or sign[-1] == "."] + list(CURRENCY_LETTERS)
_AFTER_SIGN = "|".join(rf"(?<=(?<![\w$]){re.escape(sign)})" for sign in sorted(_SIGNS, key=len, reverse=True))
_NOT_JOINED = rf"(?:(?=\d)(?:{_AFTER_SIGN})|(?<![\w/#:·-])(?:(?<![A-Za-z]\.)|(?=\D))(?:(?<!\d[.,])|(?=\D)))"
# The word-start check runs once, before the alternatives: most positions fail it at once.


def _numeral_pattern(ranges: bool) -> re.Pattern:
    range_part = rf"|(?P<range>{_RANGE})" if ranges else ""
    return re.compile(rf"{_NOT_JOINED}(?=[\w$£€])(?:(?P<fraction>{_FRACTION}){range_part}"
                      rf"|(?P<vague>{_VAGUE})|(?P<cardinal>{_CARDINAL}))", re.IGNORECASE)


NUMERAL = _numeral_pattern(ranges=True)
_NO_RANGE = _numeral_pattern(ranges=False)  # where a range reading fails (`_is_range`), read the numeral again
YEAR = re.compile(r"(?:1[89]|20)\d\d")
_REPEATED = re.compile(r"\s+(?:and|upon)\s+([a-z]+)\b", re.IGNORECASE)
_WORD_JOIN = re.compile(r"\s(?:to|or)\s", re.IGNORECASE)
_FIRST_WORDS = {w.split()[0].split("-")[0].lower() for table in (NUMBER_WORDS, VAGUE, FRACTIONS, MULTIPLIERS)
                for w in table} | {"a", "an"}
_NUMERAL_START = re.compile(r"(?:(?<![\w/#:·-])" + guarded(rf"\d|{_alternation(_FIRST_WORDS)}(?![a-z])")
                            + r"|(?<=[A-Za-z.])\d)", re.IGNORECASE)
_NUMBER_PARTS = re.compile(rf"{_DIGITS}|[a-z]+", re.IGNORECASE)
_RANGE_SPLIT = re.compile(r"\s*[-–]\s*|\s+to\s+|\s+and\s+|\s+or\s+", re.IGNORECASE)
QUALIFIER_BEFORE = re.compile(rf"(?<![\w])(?P<q>{_alternation(QUALIFIERS)})\s+$", re.IGNORECASE)
RANGE_OPENER = re.compile(r"(?<![\w])(?:anywhere\s+)?(?:between|from)\s+$", re.IGNORECASE)
CURRENCY_BEFORE = re.compile(rf"(?<![\w$])(?:{_alternation(CURRENCY_PREFIXES)})\s?$|(?<![\w$])(?:"
                             rf"{_alternation(CURRENCY_LETTERS)})$", re.IGNORECASE)
_SCALED = re.compile(rf",\d{{3}}|(?<=\d)(?:{_SUFFIX_SCALE})|\s{_SCALE}", re.IGNORECASE)
_SCALE_TAIL = re.compile(rf"(?:(?<=\d)(?:{_SUFFIX_SCALE})|\s+{_SCALE})+$", re.IGNORECASE)
# "80-plus countries", "60+ experts": at least that many, and more.
PLUS_AFTER = re.compile(r"-plus\b|\+(?!\d)", re.IGNORECASE)
QUALIFIER_AFTER = re.compile(rf"\s+(?P<q>{_alternation(QUALIFIERS_AFTER)})\b", re.IGNORECASE)
PERCENT_AFTER = re.compile(r"\s*(?:%|per\s?cent\b|pct\b)", re.IGNORECASE)
ATTACHED_WORD = re.compile(r"[A-Za-z]+")
HYPHEN_UNIT = re.compile(rf"-({_alternation(u for u in UNITS if u[0].isalpha())})\b", re.IGNORECASE)
# "an 82 kWh lithium-ion battery": a unit word between the numeral and its noun ("20 tonnes of aid" counts the aid).
SPACED_UNIT = re.compile(rf"\s+({_alternation(u for u in UNITS if u[0].isalpha())})\b(?!\s+of\b)", re.IGNORECASE)
# The first numeral of a pair, so the second can be read against the word before both: "ages of 18 and 29".
PAIR_BEFORE = re.compile(rf"(?:{_DIGITS}|{_WORD})\s*(?:,|and|or|to)\s*$", re.IGNORECASE)


@dataclass
class Numeral:
    start: int
    end: int
    text: str
    kind: str  # fraction | range | vague | cardinal


def find_numerals(text: str) -> list[Numeral]:
    """NUMERAL's matches, left to right, tried only where a numeral can begin (its big alternation is slow to try
    at every word of a page): a digit, or a first word of the number, vague-count and fraction tables."""
    found: list[Numeral] = []
    end = 0
    for start in _NUMERAL_START.finditer(text):
        if start.start() < end:
            continue
        match = NUMERAL.match(text, start.start())
        if match and match.lastgroup == "range" and (not _is_range(match.group(0)) or _a_change(text, match)):
            match = _NO_RANGE.match(text, start.start())
        if match and not _letter_code(text, match):
            found.append(Numeral(match.start(), match.end(), match.group(0), match.lastgroup or "cardinal"))
            end = match.end()
            repeated = _REPEATED.match(text, end) if match.lastgroup == "vague" else None
            if repeated and repeated.group(1).lower() == match.group(0).lower():
                end = repeated.end()  # "billions and billions of dollars" is one count, read at its first word
    return found


def _is_range(written: str) -> bool:
    """Two numbers joined by "to" or "or" are a range only when they rise: "awarded $6.75 million to 21 graffiti
    artists" gives money to persons, "fell from 30 to 20" names two values; and "in 2019 or 2020" names years."""
    if not _WORD_JOIN.search(written):
        return True  # a dash joins codes and scores ("401 - 333 Victoria St.", "6-3"), which the filters know
    low_text, high_text = _RANGE_SPLIT.split(written, maxsplit=1)
    if YEAR.fullmatch(low_text) and YEAR.fullmatch(high_text):
        return False
    low, high = _range_bounds(low_text, high_text)
    return low is None or high is None or low < high


def _a_change(text: str, match: re.Match) -> bool:
    """ "X to Y" after "from" and a word of change names the value before and the value after, not a range."""
    return bool(_WORD_JOIN.search(match.group(0))) \
        and bool(_CHANGE_BEFORE.search(text, max(0, match.start() - 70), match.start()))


def _range_bounds(low_text: str, high_text: str) -> tuple[float | None, float | None]:
    scale = _SCALE_TAIL.search(high_text)
    if scale and not _SCALE_TAIL.search(low_text):
        low_text += scale.group(0)  # "350-375 million": the scale of the second number is the first's too
    return _number_value(low_text), _number_value(high_text)


def _letter_code(text: str, match: re.Match) -> bool:
    """ "N95 masks", "P5 nations": a one-letter sign makes money only with a scale or thousands ("N60 million")."""
    glued = match.start() and text[match.start() - 1].isalpha()
    return bool(glued) and text[match.start() - 1].lower() in CURRENCY_LETTERS \
        and (match.start() < 2 or not text[match.start() - 2].isalnum()) and not _SCALED.search(match.group(0))


def amount(numeral: Numeral) -> tuple[float | None, float | None, float | None, str]:
    """value, low, high and the qualifier the numeral itself implies (range, vague or exact)."""
    if numeral.kind == "vague":
        return None, None, None, "vague"
    if numeral.kind == "range":
        low, high = _range_bounds(*_RANGE_SPLIT.split(numeral.text, maxsplit=1))
        return None, low, high, "range"
    value = _fraction_value(numeral.text) if numeral.kind == "fraction" else _number_value(numeral.text)
    return value, value, value, "exact"


def bounds(value: float | None, qualifier: str) -> tuple[float | None, float | None]:
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("at_most", "less_than"):
        return None, value
    return value, value


def _number_value(written: str) -> float | None:
    total, current, share = 0.0, 0.0, 1.0
    for part in _NUMBER_PARTS.findall(written.lower()):
        if part in FRACTIONS and not total and not current:
            share = FRACTIONS[part]  # "half a million"
        elif part[0].isdigit():
            current += float(part.replace(",", ""))
        elif part in NUMBER_WORDS:
            current += NUMBER_WORDS[part]
        elif part in MULTIPLIERS:
            scale = MULTIPLIERS[part]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0.0
            else:
                current = (current or 1) * scale
    return _tidy((total + current) * share)


def _fraction_value(written: str) -> float | None:
    parts = re.split(r"\s+(?:out\s+of|in)\s+", written, flags=re.IGNORECASE)
    if len(parts) == 2:
        part, whole = _number_value(parts[0]), _number_value(parts[1])
        return _tidy(part / whole) if whole else None
    return FRACTIONS.get(written.lower().replace(" ", "-")) or FRACTIONS.get(written.lower().split()[-1])


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 4)
