"""Numbers that count nothing: dates, clock times, scores, identifiers, ages, links, names, "one" meaning "a"."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from ...lexicon import alternation, load_phrases
from ...model import TimeExpr
from ...offsets import SpanIndex
from .counted import COUNTED, GAME_STATISTICS, lemma_of_word
from .numerals import (
    ATTACHED_WORD,
    CURRENCY_BEFORE,
    CURRENCY_PREFIXES,
    PAIR_BEFORE,
    PERCENT_AFTER,
    QUALIFIER_BEFORE,
    UNITS,
    YEAR as _YEAR,
    Numeral,
    amount,
)

NOT_AFTER = {word.rstrip(".") for word in load_phrases("numbers_not_after.txt")}
NOT_BEFORE = set(load_phrases("numbers_not_before.txt"))
NAMED_NUMBERS = set(load_phrases("numbers_named.txt"))
EVENT_NAMES = set(load_phrases("figure_event_names.txt"))
# A journal reference, year; volume(issue): pages: "Curr Opin Anaesthesiol. 2015; 28: 685-690."
_CITATION = re.compile(r"(?<!\d)(?:1[89]|20)\d\d\s*;\s*\d+(?:\s*\(\d+\))?\s*:\s*\d+(?:\s*[-–]\s*\d+)?")
# A range from zero before a speed unit names a benchmark: "0-60 mph could arrive in 5.0 seconds".
_BENCHMARK = re.compile(r"0\s*[-–]\s*\d+\s*(?:%s)(?![\w/])"
                        % alternation(load_phrases("numbers_benchmark_units.txt")), re.IGNORECASE)
# "access to 4k streaming", "a 5k run": a thousands letter glued to the digits, before a singular noun and with no
# currency, names a resolution or a race ("20k people" and "$4k prizes" count).
_THOUSANDS_LABEL = re.compile(r"\d+[kK]$")
# A football formation: "favouring four at the back rather than five", "two up front".
_POSITION_AFTER = re.compile(r"\s+(?:%s)\b" % alternation(load_phrases("numbers_positions_after.txt")),
                             re.IGNORECASE)
# A number inside one of these names is part of the name ("SkyWall 100", "4 Calle del Correo").
NAME_ENTITY_TYPES = {"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "GPE", "LOC"}
# The word after a numeral, past "more"/"of" and the like: "20 more years", "hundreds of years".
# "five-and-a-half years", "three or more years" are durations too.
_NEXT_WORD = re.compile(r"(?:[\s-]+and[\s-]+an?[\s-]+half|\s+or\s+(?:more|so|fewer|less))?[\s-]*"
                        r"(?:(?:more|other|additional|further|consecutive|straight|long|of)\s+)?"
                        r"([A-Za-z][A-Za-z.']*)",
                        re.IGNORECASE)
# "a four-party alliance", "an 11-game losing streak", "a .45-caliber pistol", "a two-state solution": a numeral
# hyphened to a word before the noun it modifies names a type or the length of an event (a measure stays: UNITS).
# Title case too: "Betrayal at Cloud City 2,812-Piece Set".
_HYPHENED_MODIFIER = re.compile(r"-([a-z]+)\s+[\w“\"']", re.IGNORECASE)
_YEAR_ABBREVIATION = re.compile(r"(?<!\w)['’]$")
_PREVIOUS_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\s*$")
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
_LABEL_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)(?:\s+([A-Za-z][A-Za-z.]*))?\s*$")
_SCORE = re.compile(r"(\d+)\s*[-–]\s*(\d+)")
_SCORE_NEXT = re.compile(r"\s*(?:\(\d+\)\s*)?,\s*\d+[-–]\d+(?!\d)")
_SCORE_BEFORE = re.compile(r"(?<!\d)\d+[-–]\d+\s*(?:\(\d+\)\s*)?,\s*$|(?<!\d)\d+[-–]\d+\s*\($")
# A bare number alone in round brackets, or in a bracketed list of such numbers, cites a source or gives an age.
_REFERENCE_BEFORE = re.compile(r"\((?:\d+,\s*)*$")
_REFERENCE_AFTER = re.compile(r"(?:,\s*\d+)*\)")
# A row of a results table keyed by its year: "2010: 11 on Red Desire (trainer), won by ...", a place or a
# number drawn, not a count; a counted noun after it keeps the count ("2019: 14 people died on the bypass").
_YEAR_ROW_BEFORE = re.compile(r"(?:^|[\s.(])(?:1[89]|20)\d\d:\s*$")
# A point of a rating scale glossed in brackets: "run from zero (urgent improvement needed) to five (very good)".
_SCALE_END_BEFORE = re.compile(r"\b(?:from|to)\s+$", re.IGNORECASE)
_SCALE_GLOSS_AFTER = re.compile(r"\s*\([a-z][a-z ,'’-]*\)")
_RATE_AFTER = re.compile(r"/[A-Za-z]+(?=[\s.,;:)]|$)")
_CLOCK_AFTER = re.compile(r":\d")
_CLOCK_BEFORE = re.compile(r"\d:$")
# "1 of 46" under a photo is a slide counter; "18 of 24 animal deaths", "won 12 of 15 games" count the noun after.
_OF_NUMBER = re.compile(r"\s+of\s+\d[\d,]*(?P<noun>\s+[a-z])?")
_NUMBER_OF = re.compile(r"\d\s+of\s+$")
_NOUN_AFTER = re.compile(r"\s+[a-z]")
_OR_MORE = re.compile(r"\s+or\s+more\b", re.IGNORECASE)
_PHONE_OR_YEARS = re.compile(r"\d{3}-\d{4}|(?:1[89]|20)\d\d\s*[-–]\s*(?:1[89]|20)\d\d")
# "1-800-273-8255", "(202) 555-0142": the first part of a longer code.
# "4·1·1" (a heading, "information"): digits joined by middle dots are a code.
_CODE_GOES_ON = re.compile(r"[-–·]\d|\)\s*\d{3}-\d{4}")
# A win-loss record: "are 6-5 overall and 3-4 in the league", "a 3-4 record".
_RECORD_AFTER = re.compile(r"\s*(?:overall|record|in\s+(?:the\s+)?(?:league|conference|division|group)\b)",
                           re.IGNORECASE)
# A person's height written as feet and inches ("the 6-foot-7 center", "Shepard (6-foot-4)") describes the
# person, as an age does; "went 0 for 10" and "3-for-4" are shooting or batting records.
_HEIGHT_OR_RECORD_AFTER = re.compile(r"-(?:foot|feet)-\d|\s+for\s+\d|-for-\d", re.IGNORECASE)
# The whole of odds too big to read as a share: "a one in 259 million chance" ("one in three women" is a fraction).
_ODDS_BEFORE = re.compile(r"\b(?:one|1)\s+in\s+$", re.IGNORECASE)
_RECORD_FOR_BEFORE = re.compile(r"(?<![\w,.])\d+(?:\s+for\s+|-for-)$", re.IGNORECASE)
# Bare numbers listed three or more in a row name things (lottery balls "11, 28, 31, 46 and 59", shirt numbers);
# a count in a list has its noun ("11 killed, 28 injured").
# A box-score row is such a run with spaces alone between ("Rockledge 14 11 6 15 — 44").
_NUMBER_RUN = re.compile(r"(?<![\w.,])\d+(?:(?:,\s+|,?\s+and\s+|[ \t]+)\d+(?![\w.,]\d))+(?!\s+[a-z])")
# A team's or a player's record in brackets after the name: "Palm Bay (1-0-2):", "Titusville (0-1)".
_RECORD_IN_BRACKETS = re.compile(r"\d+[-–]\d+(?:[-–]\d+)?\)")
# A numbered heading at the start of a line ("1. Define early retirement", "3) Establish a target"), a plan or
# a section named by a number and a letter in brackets ("a 401(k)", "a 501(c)(3)"), a half of a period ("the first
# half of 2019").
_LOWER_WORD = re.compile(r"(?<![\w'’.-])[a-z]")
_BARE_NUMBER = re.compile(r"(?<![\w.,])\d+(?![\w.,]\d|\w)")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")
_HEADING_AFTER = re.compile(r"[.)][ \t]+[A-Z]")
_LETTER_IN_BRACKETS = re.compile(r"\([a-z]\)")
_PERIOD_HALF_BEFORE = re.compile(r"\b(?:first|second|latter|back|front)[\s-]+$", re.IGNORECASE)
_MEASURE_THEN_WORD = re.compile(r"[\s-]*[A-Za-z]+[\s-]+([A-Za-z]+)")
_COUNT_EMPHASIS = {"only", "just", "single"}
# Words before a vague count that keep it a count: "the thousands who marched", "many thousands", "all those dozens".
# "assets worth billions of rand": a price is a count too.
_QUANTIFIERS = {"the", "many", "several", "some", "countless", "all", "these", "those", "their", "of", "worth"}


def is_not_a_count(numeral: Numeral, text: str, doc: Doc, times: SpanIndex[TimeExpr]) -> bool:
    before, after = text[max(0, numeral.start - 40):numeral.start], text[numeral.end:numeral.end + 40]
    if _marked_as_no_count(numeral, text, before, after):
        return True
    digits = numeral.kind == "cardinal" and numeral.text[0].isdigit()
    if digits and _slide_counter(before, after):
        return True
    next_word = _NEXT_WORD.match(after)
    if next_word and next_word.group(1).lower().rstrip(".") in NOT_AFTER:
        return True
    if _names_or_designates(numeral, before, after, next_word) or _after_label(before):
        return True
    if digits and _YEAR_ROW_BEFORE.search(before) and not _counts_a_noun(next_word):
        return True
    if numeral.kind == "cardinal" and _POSITION_AFTER.match(after):
        return True  # "favouring four at the back rather than five"
    if _scores_lists_or_heads(numeral, text, before, after, digits):
        return True
    if numeral.kind == "cardinal" and _YEAR.fullmatch(numeral.text):
        # "2000 soldiers", "the 2000-metre contest", "1500 tonnes" count or measure; "in 2000" is a year.
        return not _counts_a_noun(next_word)
    if times.overlapping(numeral.start, numeral.end):
        return True
    tokens = doc.char_span(numeral.start, numeral.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return True
    if numeral.text.lower() == "one" and _one_means_a(tokens[0], before, after):
        return True
    if _zero_of_a_kind(tokens[-1], after):
        return True
    if _no_part_of_a_name(tokens[-1], before, after):
        return False
    if _THOUSANDS_LABEL.fullmatch(numeral.text) and _singular_noun_after(tokens[-1]):
        return True
    if any(t.ent_type_ in NAME_ENTITY_TYPES for t in tokens):
        return True
    if numeral.kind == "cardinal" and tokens[0].is_sent_start and after[:1] in (",", ".", ")"):
        return True  # a list marker: "One, defeat ISIS. Two, ..."
    if numeral.kind == "vague" and _is_a_noun_here(tokens[0]):
        return True  # "test scores", "their high scores": the word is the noun, not a count
    return _is_age(tokens, after) or _age_of_one_person(tokens[-1]) or _age_opening(tokens, numeral, after) \
        or _numbers_a_name(tokens[-1]) or _labelled_by_name(tokens, numeral) \
        or _model_name(tokens[-1], numeral)


def _slide_counter(before: str, after: str) -> bool:
    """ "1 of 46" (a slide counter) counts nothing; a pair with a noun after it does: "including 18 of 24 animal
    deaths last year" (both numbers count deaths)."""
    pair = _OF_NUMBER.match(after)
    if pair:
        return pair.group("noun") is None
    return bool(_NUMBER_OF.search(before)) and not _NOUN_AFTER.match(after)


def _one_means_a(one: Token, before: str, after: str) -> bool:
    """ "one" is a count after a qualifier or "only", listed with counts, or before "or more" ("one or more fare
    inspectors" is at least one); otherwise, or when said of the subject, it means "a"."""
    counted = _counts_one(before) or _OR_MORE.match(after) or _listed_with_a_count(one)
    return not counted or _one_as_predicate(one)


def _no_part_of_a_name(last: Token, before: str, after: str) -> bool:
    """An amount of money ("the $10 million Dubai World Cup"), a measure glued to the digits ("Apple's 12-inch
    MacBook 256GB") and a player's tally ("Z. Nielsen 1 goal", which the tagger reads as a name) stay counts
    whatever name they stand in."""
    return bool(CURRENCY_BEFORE.search(before)) or _measure_glued(after) or _counts_a_game_statistic(last)


def _one_as_predicate(one: Token) -> bool:
    """ "That was just one example of Bautista showing some attitude", "is just one more way that the scandal ...":
    "one" before a singular noun said of the subject by "be" means "a", even after "just" (a noun for persons
    stays a count: "the survivor was only one man")."""
    noun = one.head
    if one.dep_ != "nummod" or noun.dep_ != "attr" or noun.head.lemma_ != "be" or noun.tag_ != "NN":
        return False
    # "one example of", "one more way that": the noun is said of the subject, with what it is an example of;
    # "There's at least one common strategy" (no subject but "there") and "just one contender down" count.
    return lemma_of_word(noun.text) not in COUNTED and not any(c.dep_ == "expl" for c in noun.head.children) \
        and any(c.dep_ in ("prep", "relcl", "acl") for c in noun.children)


def _zero_of_a_kind(number: Token, after: str) -> bool:
    """ "there should be zero shame", "zero tolerance": "zero" before a singular noun that is no unit says there is
    none of a thing that is not counted ("zero deaths", "zero percent" are figures)."""
    noun = number.head
    return number.lower_ == "zero" and number.dep_ == "nummod" and noun.tag_ == "NN" and noun.i > number.i \
        and noun.lower_ not in UNITS and lemma_of_word(noun.text) not in COUNTED and not PERCENT_AFTER.match(after)


def _singular_noun_after(number: Token) -> bool:
    """ "4k streaming", and a name after it: "70\" Element 4K UHD Smart HDTV" (a resolution)."""
    following = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    return following is not None and following.tag_ in ("NN", "NNP") and lemma_of_word(following.text) not in COUNTED


def _counts_a_noun(next_word: re.Match | None) -> bool:
    """The word after the numeral is a counted noun or a unit: "2000 soldiers", "1500 tonnes"."""
    return bool(next_word and (lemma_of_word(next_word.group(1)) in COUNTED or next_word.group(1).lower() in UNITS))


def _marked_as_no_count(numeral: Numeral, text: str, before: str, after: str) -> bool:
    """Characters fixed to the numeral that make it a unit-less label, a clock time, a reference or a link."""
    attached = ATTACHED_WORD.match(after)
    if attached and attached.group(0).lower() not in UNITS:
        return True  # "270p", "1.5MB", "5th"
    if _CLOCK_AFTER.match(after) or _CLOCK_BEFORE.search(before) or (before.endswith("[") and after.startswith("]")):
        return True  # clock times, video timestamps, footnote markers
    if numeral.text.isdigit() and _REFERENCE_BEFORE.search(before) and _REFERENCE_AFTER.match(after):
        return True  # a reference or an age in brackets: "eating three meals per day (4).", "(10, 11)", "Smith (45)"
    return _in_citation(numeral, text) or _in_link(numeral, text)


def _in_citation(numeral: Numeral, text: str) -> bool:
    """A number of a journal reference (year; volume: pages) counts nothing."""
    for cited in _CITATION.finditer(text, max(0, numeral.start - 24), min(len(text), numeral.end + 24)):
        if cited.start() <= numeral.start < cited.end():
            return True
    return False


def _measure_glued(after: str) -> bool:
    attached = ATTACHED_WORD.match(after)
    return attached is not None and attached.group(0).lower() in UNITS


def _counts_a_game_statistic(last: Token) -> bool:
    """ "Tolivert 25 points. Davis 17 points.", "A. Sanger 2 saves.": a number right before a noun of a player's
    statistics counts it, whatever name the tagger reads it into."""
    following = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return following is not None and following.is_lower and following.lemma_.lower() in GAME_STATISTICS


def _scores_lists_or_heads(numeral: Numeral, text: str, before: str, after: str, digits: bool) -> bool:
    """Scores, records, odds, heights, lists of bare numbers, numbered headings and halves of a period, read from
    the characters around the numeral."""
    if numeral.kind == "range" and _BENCHMARK.match(text, numeral.start):
        return True
    if numeral.kind == "range" and (_is_score(numeral, before, after) or _PHONE_OR_YEARS.fullmatch(numeral.text)
                                    or _RECORD_AFTER.match(after)):
        return True  # "won 2-1"; a phone number "555-0142"; a span of years "2005-2008"; "3-4 in the league"
    if _SCORE_BEFORE.search(before) and after.startswith(")"):
        return True  # a tie-break in brackets: "7-6 (5)"
    if numeral.kind == "range" and before.endswith("(") and _RECORD_IN_BRACKETS.match(text, numeral.start):
        return True
    if digits and (_LINE_START.search(before) and _HEADING_AFTER.match(after) or _LETTER_IN_BRACKETS.match(after)):
        return True
    if numeral.kind == "fraction" and _PERIOD_HALF_BEFORE.search(before):
        return True
    if numeral.kind == "cardinal" and _SCALE_END_BEFORE.search(before) and _SCALE_GLOSS_AFTER.match(after):
        return True
    if digits and (_HEIGHT_OR_RECORD_AFTER.match(after) or _RECORD_FOR_BEFORE.search(before)
                   or _ODDS_BEFORE.search(before) or _in_number_list(numeral, text) or _in_table_row(numeral, text)):
        return True
    return False


def _names_or_designates(numeral: Numeral, before: str, after: str, next_word: re.Match | None) -> bool:
    """A number that names a service, a type, a year, a code or a race, read from the characters around it."""
    if next_word and f"{numeral.text} {next_word.group(1)}".lower().rstrip(".") in NAMED_NUMBERS:
        return True  # "911 calls", "matching the description in the 911 calls."
    hyphened = _HYPHENED_MODIFIER.match(after)
    if hyphened and hyphened.group(1).lower() not in UNITS and hyphened.group(1).lower() != "plus" \
            and numeral.kind != "fraction":
        return True
    if numeral.text.isdigit() and len(numeral.text) == 2 and _YEAR_ABBREVIATION.search(before):
        return True  # "the class of '98", "Kukiz '15"
    if numeral.text[0].isdigit() and _CODE_GOES_ON.match(after):
        return True
    event = _MEASURE_THEN_WORD.match(after)
    return bool(event and event.group(1).lower() in EVENT_NAMES)  # "the 200 yard freestyle"


def _after_label(before: str) -> bool:
    """ "Part 3", "Room 25", "between the ages of 18 and 29": a word before the numeral, or before the pair it
    closes, makes it an identifier or an age."""
    pair = PAIR_BEFORE.search(before)
    for text in (before, before[:pair.start()] if pair else None):
        label = _LABEL_BEFORE.search(text) if text else None
        if label is None:
            continue
        last = (label.group(2) or label.group(1)).lower()
        both = f"{label.group(1)} {label.group(2)}".lower() if label.group(2) else None
        if last in NOT_BEFORE or both in NOT_BEFORE:
            return True
    return False


def _is_score(numeral: Numeral, before: str, after: str) -> bool:
    """ "won 2-1", "defeated Khachanov 6-3, 3-6, 7-6": a pair whose first number is not below the second
    cannot be a range, and a run of pairs is a score line."""
    pair = _SCORE.fullmatch(numeral.text)
    if pair is None:
        return False
    return int(pair.group(1)) >= int(pair.group(2)) or bool(_SCORE_NEXT.match(after) or _SCORE_BEFORE.search(before))


def _in_number_list(numeral: Numeral, text: str) -> bool:
    """One of three or more bare numbers in a row, with no noun after the last ("white balls 11, 28, 31, 46 and
    59, and the gold Mega Ball")."""
    for run in _NUMBER_RUN.finditer(text, max(0, numeral.start - 40), min(len(text), numeral.end + 40)):
        if run.start() <= numeral.start < run.end():
            return len(re.findall(r"\d+", run.group(0))) >= 3
    return False


def _in_table_row(numeral: Numeral, text: str) -> bool:
    """A line of names and bare numbers alone, four numbers or more, is a row of a table: a standings row "3 Kevin
    Harvick 5033 4 6 15 26", a line score "Rockledge 14 11 6 15 — 44". A sentence has lower-case words."""
    line_start = text.rfind("\n", 0, numeral.start) + 1
    line_end = text.find("\n", numeral.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return not _LOWER_WORD.search(line) and len(_BARE_NUMBER.findall(line)) >= 4


def _in_link(numeral: Numeral, text: str) -> bool:
    """A number inside a link or a path; a rate after a slash is none ("Premium for $4.99/mo", "$9.99/month")."""
    left = text.rfind(" ", 0, numeral.start) + 1
    rate = _RATE_AFTER.match(text, numeral.end)
    right = rate.start() if rate else text.find(" ", numeral.end)
    chunk = text[left:right if right >= 0 else len(text)].lower()
    return any(mark in chunk for mark in ("http", "www.", "/", "=", "@"))


def _listed_with_a_count(one: Token) -> bool:
    """ "three counts of securities fraud and one count of ...", "five white balls and one yellow ball": a "one"
    whose noun is listed with a noun that a number counts is a count too."""
    noun = one.head
    if one.dep_ != "nummod" or noun.dep_ != "conj":
        return False
    return any(child.dep_ == "nummod" and child.like_num for child in noun.head.children)


# "it only takes one hurricane making landfall": "only" before the verb of the "one" counts it too.
_ONLY_THEN_VERB = re.compile(r"\b(?:only|just)\s+(?!as\b|like\b)[a-z]+\s+$", re.IGNORECASE)


def _counts_one(before: str) -> bool:
    """ "one" is a count after a qualifier or "only" ("at least one student"); otherwise it means "a"."""
    previous = _PREVIOUS_WORD.search(before)
    return bool(QUALIFIER_BEFORE.search(before)) or bool(previous and previous.group(1).lower() in _COUNT_EMPHASIS) \
        or bool(_ONLY_THEN_VERB.search(before))


_AGE_END = re.compile(r"(?:\s+and\s+\d{1,3})?\s*[,.;)]")


def _is_age(tokens: SpacySpan, after: str) -> bool:
    """ "Dana Ahmed, 40, said", "Tsarnaev, now 20, is", "The women, 21 and 26, told police": a bare number (or
    a pair) in commas right after a name or a noun for persons."""
    doc, i = tokens.doc, tokens[0].i
    if i >= 2 and doc[i - 1].lower_ == "and" and doc[i - 2].like_num:
        i -= 2
    if i >= 1 and doc[i - 1].lower_ == "now":
        i -= 1
    if i < 2 or doc[i - 1].text != "," or not _AGE_END.match(after):
        return False
    name = doc[i - 2]
    if name.ent_type_ == "PERSON" or name.pos_ == "PROPN" or COUNTED.get(name.lemma_.lower(), ("", ""))[1] == "people":
        return True
    # "The former "Dawson's Creek" star, 42, was voted off": one thing named by a singular noun is no count of
    # 42, so a bare number in commas after it is its age.
    return name.tag_ == "NN" and tokens.text.isdigit() and int(tokens.text) < 120 and after.startswith(",")


_ONE_PERSON = {"he", "she", "i"}


def _age_of_one_person(number: Token) -> bool:
    """ "when he was 11, JJ toured Ireland", "Smith, who is 34": a bare number that one person is, is an age (a
    count of persons needs a plural subject: "they were 11")."""
    verb = number.head
    if number.dep_ != "attr" or verb.lemma_ != "be" or any(c.dep_ == "prep" for c in number.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
        subject = verb.head
    return subject is not None and (subject.lower_ in _ONE_PERSON or subject.ent_type_ == "PERSON")


def _age_opening(tokens: SpacySpan, numeral: Numeral, after: str) -> bool:
    """ "At 16, he went to Indiana University": a bare number of a person's years after a sentence's opening "At",
    before a comma, is the age of the subject ("At 16 polling stations, ..." counts the stations; "At 40,000, the
    crowd was the largest yet" is no age)."""
    first = tokens[0]
    value = amount(numeral)[0]
    return first.i > 0 and first.doc[first.i - 1].lower_ == "at" and first.doc[first.i - 1].is_sent_start \
        and after.startswith(",") and value is not None and value < 120


def _is_a_noun_here(token: Token) -> bool:
    """ "test scores", "their scores": a vague count word after a determiner, a possessive, an adjective or a noun
    is the ordinary noun ("scores of people", "Thousands fled" are counts)."""
    previous = token.doc[token.i - 1] if token.i else None
    if previous is None or token.is_sent_start or not token.is_lower \
            or not (previous.is_lower or previous.is_sent_start) or previous.lower_ in _QUANTIFIERS:
        return False
    return previous.pos_ in ("DET", "PRON", "ADJ", "NOUN")


def _model_name(last: Token, numeral: Numeral) -> bool:
    """ "the 737 Max", "a 787 Dreamliner": a bare number right before a singular name that no counted noun
    follows is a model ("200 Palestinians", "500 Apple employees" are counts)."""
    if not numeral.text.isdigit() or last.i + 1 >= len(last.doc) or last.idx + len(last.text) != numeral.end:
        return False
    name = last.doc[last.i + 1]
    if not last.whitespace_ or name.is_sent_start or name.tag_ != "NNP" or not name.is_title \
            or name.ent_type_ in ("NORP", "PERSON", "DATE", "TIME", "MONEY"):  # "risen to 34.The office"
        return False
    if name.head.i > name.i and name.head.tag_ in ("NNS", "NNPS"):
        return False  # "180 M109A5 medium self-propelled howitzers"
    after_name = next((t for t in last.doc[name.i + 1:name.i + 6]
                       if t.tag_ != "NNP" and t.pos_ not in ("ADJ", "PUNCT")), None)
    return after_name is None or after_name.tag_ not in ("NNS", "NNPS")


def _labelled_by_name(tokens: SpacySpan, numeral: Numeral) -> bool:
    """ "Branch 259 found", "Japan's Nikkei 225 declined", "Gate 10", "the Big Ten": a number right after a
    capitalised name word, counting no noun after it, is part of the name."""
    first, last = tokens[0], tokens[-1]
    if first.i == 0 or first.is_sent_start:
        return False
    previous = first.doc[first.i - 1]
    # "the iPhone 11 lineup": a brand written with a capital inside the word names a product as a title does.
    # "superior to the GTX 1060": a product line in capitals names it too (not a place or a people: "US 500").
    acronym = previous.is_upper and len(previous.text) > 1 and previous.ent_type_ not in ("GPE", "NORP")
    if previous.pos_ != "PROPN" or not (previous.is_title or _INNER_CAPITAL.search(previous.text) or acronym) \
            or previous.ent_type_ in ("DATE", "TIME") or previous.lower_ in CURRENCY_PREFIXES:  # "Rs 450 crore"
        return False
    if not numeral.text[0].isdigit():
        return numeral.text[0].isupper()  # "the Big Ten": a number word capitalised inside a sentence
    following = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return following is None or following.pos_ not in ("NOUN", "NUM", "SYM") and following.text not in ("%", "-") \
        or _names_a_singular(following, numeral)


def _names_a_singular(following: Token, numeral: Numeral) -> bool:
    """ "Wi-Fi 6 support", "the Route 66 diner": a number above one before a singular noun that is no counted noun
    or unit cannot count it, so it stays in the name before it ("Nikkei 225 companies" counts the companies; in
    "Saudi Arabia 180 self-propelled artillery systems" the singular word modifies the plural that is counted)."""
    value = amount(numeral)[0]
    return following.tag_ == "NN" and value is not None and value > 1 \
        and lemma_of_word(following.text) not in COUNTED and following.lower_ not in UNITS \
        and not any(head.tag_ in ("NNS", "NNPS") and head.i > following.i for head in following.ancestors)


def _numbers_a_name(head: Token) -> bool:
    """ "on 4 Calle del Correo": the number belongs to the proper name after it (an address, a model)."""
    named = head.head
    if named.dep_ == "compound" and named.head.tag_ == "NNS":
        return False  # "four MQ-4C Triton surveillance drones": the name is a model of what is counted
    if named.tag_ == "NNPS":
        return False  # "a million or more Uighurs" (parsed as an organisation): a people is counted by its name
    return head.dep_ == "nummod" and named.pos_ == "PROPN" and named.ent_type_ in NAME_ENTITY_TYPES
