"""Reported figures: every number that counts something, with its qualifier, category, source, date and place.

The rules come from the annotation guide (../shared/specs/figures.md). A figure is found in three steps:
the numeral (digits, number words, vague counts, ranges, fractions); the filters that drop numbers that
count nothing (dates, durations, ages, identifiers, page furniture, "one" meaning "a"); and the reading of
its sentence (what it counts, what happened to it, who reported it, when and where).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import Article, Figure, Quote, Span, TimeExpr
from .lexicon import data_lines, load_phrases, load_table
from .layout import Layout, layout
from .signals import dating_times

NUMBER_WORDS = {word: float(value) for word, value in load_table("numbers_words.tsv").items()}
MULTIPLIERS = {word: float(value) for word, value in load_table("numbers_multipliers.tsv").items()}
FRACTIONS = {word: float(value) for word, value in load_table("numbers_fractions.tsv").items()}
VAGUE = load_phrases("numbers_vague.txt")
NOT_AFTER = {word.rstrip(".") for word in load_phrases("numbers_not_after.txt")}
NOT_BEFORE = set(load_phrases("numbers_not_before.txt"))
QUALIFIERS = load_table("figure_qualifiers.tsv")
UNITS = load_table("figure_units.tsv")
CURRENCY_PREFIXES = load_table("figure_currency_prefixes.tsv")
PREDICATES = load_table("figure_predicates.tsv")
SOURCE_CUES = set(load_phrases("figure_source_cues.txt"))
CHAIN_LINKS = load_phrases("figure_source_chains.txt")
MEASURES = set(load_phrases("figure_measures.txt"))


def _category_table(name: str) -> dict[str, tuple[str, str]]:
    """noun lemma -> (category, unit), from a three-column tab-separated file."""
    return {fields[0].lower(): (fields[1], fields[2])
            for fields in (line.split("\t") for line in data_lines(name))}


def _scope_table(name: str) -> dict[str, tuple[str, bool]]:
    """phrase -> (scope, strong), from "phrase<TAB>scope<TAB>strong|weak" lines."""
    return {" ".join(fields[0].lower().split()): (fields[1], fields[2] == "strong")
            for fields in (line.split("\t") for line in data_lines(name))}


COUNTED = _category_table("figure_counted.tsv")
OF_HEADS = _category_table("figure_of_heads.tsv")
SCOPE_CUES = _scope_table("figure_scope.tsv")

CURRENCIES = set(CURRENCY_PREFIXES.values()) | {unit for category, unit in COUNTED.values() if category == "money"}
MEASURE_UNITS = set(UNITS.values()) - CURRENCIES - {"percent"}
EVENT_CATEGORIES = {"killed", "injured", "missing", "hostages", "detained", "displaced"}
PERSON_ENTITY_TYPES = {"NORP", "PERSON"}
# A number inside one of these names is part of the name ("SkyWall 100", "4 Calle del Correo").
NAME_ENTITY_TYPES = {"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "GPE", "LOC"}
# Clauses hanging from a figure's predicate that may hold other figures with their own scope cues.
CLAUSE_DEPS = {"advcl", "ccomp", "conj", "parataxis", "relcl", "xcomp", "acl"}
NOT_SOURCES = {"it", "there", "that", "which", "who"}  # expletives and relative pronouns ("bombs that claimed")
VICTIM_ROLES = {"dobj", "nsubjpass"}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = rf"(?:{_alternation(NUMBER_WORDS)})\b"
_SCALE = rf"(?:{_alternation(w for w in MULTIPLIERS if len(w) > 2)})\b"
_SUFFIX_SCALE = rf"(?:{_alternation(w for w in MULTIPLIERS if len(w) <= 2)})\b"
_SIMPLE = rf"(?:(?:{_DIGITS})(?:{_SUFFIX_SCALE})?|{_WORD}(?:[ -]+{_WORD})*)"
_SHARE = rf"(?:{_alternation(w for w in FRACTIONS if '-' not in w)})"
# "two hundred and thirty four", "a hundred thirty million", "six-million", "half a million": after a scale word
# the count goes on.
_CARDINAL = rf"(?:(?:{_SIMPLE}|(?:{_SHARE}\s+)?an?)(?:(?:\s+|-){_SCALE}(?:\s+(?:and\s+)?{_SIMPLE}(?=\s+{_SCALE}|(?<=[a-z])))?)+|{_SIMPLE})"
_FRACTION = (rf"(?:\d+\s+out\s+of\s+\d+|(?:a|one)\s+(?:{_alternation(FRACTIONS)})(?=\s+of\b)"
             rf"|(?:{_alternation(w for w in FRACTIONS if '-' in w)})\b)")
_RANGE = (rf"(?:(?:{_DIGITS})\s*[-–]\s*(?:{_DIGITS})(?:{_SUFFIX_SCALE})?(?:\s+{_SCALE})*"
          rf"|{_CARDINAL}\s+to\s+{_CARDINAL}|(?<=between\s){_CARDINAL}\s+and\s+{_CARDINAL})")
_VAGUE = rf"(?:{_alternation(VAGUE)})\b"
# Not the tail of "1.5", "F-16", "ID.3", "0:30" or a link (a word glued after a full stop is a new sentence).
_NOT_JOINED = r"(?<![\w/#:-])(?:(?<![A-Za-z]\.)|(?=\D))(?:(?<!\d[.,])|(?=\D))"
# The word-start check runs once, before the alternatives: most positions fail it at once.
NUMERAL = re.compile(rf"{_NOT_JOINED}(?=[\w$£€])(?:(?P<fraction>{_FRACTION})"
                     rf"|(?P<range>{_RANGE})|(?P<vague>{_VAGUE})|(?P<cardinal>{_CARDINAL}))", re.IGNORECASE)
_FIRST_WORDS = {w.split()[0].split("-")[0].lower() for table in (NUMBER_WORDS, VAGUE, FRACTIONS, MULTIPLIERS)
                for w in table} | {"a", "an"}
_NUMERAL_START = re.compile(rf"(?<![\w/#:-])(?:\d|{_alternation(_FIRST_WORDS)}(?![a-z]))", re.IGNORECASE)
_NUMBER_PARTS = re.compile(rf"{_DIGITS}|[a-z]+", re.IGNORECASE)
_RANGE_SPLIT = re.compile(r"\s*[-–]\s*|\s+to\s+|\s+and\s+", re.IGNORECASE)
_QUALIFIER_BEFORE = re.compile(rf"(?<![\w])(?P<q>{_alternation(QUALIFIERS)})\s+$", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?<![\w])(?:anywhere\s+)?(?:between|from)\s+$", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(rf"(?<![\w])(?:{_alternation(CURRENCY_PREFIXES)})\s?$", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s?cent\b)", re.IGNORECASE)
_ATTACHED_WORD = re.compile(r"[A-Za-z]+")
_HYPHEN_UNIT = re.compile(rf"-({_alternation(u for u in UNITS if u[0].isalpha())})\b", re.IGNORECASE)
# The word after a numeral, past "more"/"of" and the like: "20 more years", "hundreds of years".
_NEXT_WORD = re.compile(r"[\s-]*(?:(?:more|other|additional|further|consecutive|straight|long|of)\s+)?"
                        r"([A-Za-z][A-Za-z.']*)",
                        re.IGNORECASE)
_PREVIOUS_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\s*$")
_LABEL_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)(?:\s+([A-Za-z][A-Za-z.]*))?\s*$")
# The first numeral of a pair, so the second can be read against the word before both: "ages of 18 and 29".
_PAIR_BEFORE = re.compile(rf"(?:{_DIGITS}|{_WORD})\s*(?:,|and|or|to)\s*$", re.IGNORECASE)
_SCORE = re.compile(r"(\d+)\s*[-–]\s*(\d+)")
_SCORE_NEXT = re.compile(r"\s*(?:\(\d+\)\s*)?,\s*\d+[-–]\d+(?!\d)")
_SCORE_BEFORE = re.compile(r"(?<!\d)\d+[-–]\d+\s*(?:\(\d+\)\s*)?,\s*$|(?<!\d)\d+[-–]\d+\s*\($")
_CLOCK_AFTER = re.compile(r":\d")
_CLOCK_BEFORE = re.compile(r"\d:$")
_OF_NUMBER = re.compile(r"\s+of\s+\d")
_NUMBER_OF = re.compile(r"\d\s+of\s+$")
_SUBSET_AFTER = re.compile(r"\s+of\s+(?:whom|which|them|those)\b", re.IGNORECASE)
_SUBSET_BEFORE = re.compile(r"\bof\s+(?:whom|which)\s+$", re.IGNORECASE)
_INCLUDING = re.compile(r"\b(?:including|among\s+them|among\s+whom)\s+(?:at\s+least\s+|some\s+|about\s+)?$",
                        re.IGNORECASE)
_OPEN_BRACKET = re.compile(r"\s*\(\s*")
_DECIMAL = re.compile(r"\d+\.\d+")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DASHES = {"–", "—", "--"}
_COUNT_EMPHASIS = {"only", "just", "single"}
_SCOPE_CUE = re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, phrase.split()))
                                                 for phrase in sorted(SCOPE_CUES, key=len, reverse=True))
                        + r")(?!\w)", re.IGNORECASE)


@dataclass
class _Numeral:
    start: int
    end: int
    text: str
    kind: str  # fraction | range | vague | cardinal


def extract_figures(doc: Doc, article: Article, quotes: list[Quote], times: list[TimeExpr]) -> list[Figure]:
    page = layout(doc)
    text = page.text
    counts = [numeral for numeral in _numerals(text) if not _is_not_a_count(numeral, text, doc, times)]
    read = [_read_figure(numeral, doc, page, article, quotes, times) for numeral in counts]
    figures = [figure for figure, _, _ in read]
    for n, figure in enumerate(figures, 1):
        figure.id = f"f{n}"
    _resolve_elided_nouns(read, page)
    _link_subsets(figures, text)
    _carry_conversions(figures, text)
    _mark_scopes(figures, [doc.char_span(n.start, n.end, alignment_mode="expand")[-1] for n in counts], doc)
    return figures


def _numerals(text: str) -> list[_Numeral]:
    """NUMERAL's matches, left to right, tried only where a numeral can begin (its big alternation is slow to try
    at every word of a page): a digit, or a first word of the number, vague-count and fraction tables."""
    found: list[_Numeral] = []
    end = 0
    for start in _NUMERAL_START.finditer(text):
        if start.start() < end:
            continue
        match = NUMERAL.match(text, start.start())
        if match:
            found.append(_Numeral(match.start(), match.end(), match.group(0), match.lastgroup or "cardinal"))
            end = match.end()
    return found


# --- filters: numbers that count nothing -----------------------------------------------------------------

def _is_not_a_count(numeral: _Numeral, text: str, doc: Doc, times: list[TimeExpr]) -> bool:
    before, after = text[max(0, numeral.start - 40):numeral.start], text[numeral.end:numeral.end + 40]
    attached = _ATTACHED_WORD.match(after)
    if attached and attached.group(0).lower() not in UNITS:
        return True  # "270p", "1.5MB", "5th"
    if _CLOCK_AFTER.match(after) or _CLOCK_BEFORE.search(before) or (before.endswith("[") and after.startswith("]")):
        return True  # clock times, video timestamps, footnote markers
    if _in_link(numeral, text):
        return True
    digits = numeral.kind == "cardinal" and numeral.text[0].isdigit()
    if digits and (_OF_NUMBER.match(after) or _NUMBER_OF.search(before)):
        return True  # slide counters: "1 of 46"
    next_word = _NEXT_WORD.match(after)
    if next_word and next_word.group(1).lower().rstrip(".") in NOT_AFTER:
        return True
    if _after_label(before):
        return True
    if numeral.kind == "range" and _is_score(numeral, before, after):
        return True
    if _SCORE_BEFORE.search(before) and after.startswith(")"):
        return True  # a tie-break in brackets: "7-6 (5)"
    if numeral.kind == "cardinal" and _YEAR.fullmatch(numeral.text):
        return not (next_word and _lemma_of_word(next_word.group(1)) in COUNTED)
    if numeral.text.lower() == "one" and not _counts_one(before):
        return True
    if any(t.span.start < numeral.end and numeral.start < t.span.end for t in times):
        return True
    tokens = doc.char_span(numeral.start, numeral.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return True
    if any(t.ent_type_ in NAME_ENTITY_TYPES for t in tokens):
        return True
    if numeral.kind == "cardinal" and tokens[0].is_sent_start and after[:1] in (",", ".", ")"):
        return True  # a list marker: "One, defeat ISIS. Two, ..."
    return _is_age(tokens, after) or _numbers_a_name(tokens[-1])


def _after_label(before: str) -> bool:
    """ "Part 3", "Room 25", "between the ages of 18 and 29": a word before the numeral, or before the pair it
    closes, makes it an identifier or an age."""
    pair = _PAIR_BEFORE.search(before)
    for text in (before, before[:pair.start()] if pair else None):
        label = _LABEL_BEFORE.search(text) if text else None
        if label is None:
            continue
        last = (label.group(2) or label.group(1)).lower()
        both = f"{label.group(1)} {label.group(2)}".lower() if label.group(2) else None
        if last in NOT_BEFORE or both in NOT_BEFORE:
            return True
    return False


def _is_score(numeral: _Numeral, before: str, after: str) -> bool:
    """ "won 2-1", "defeated Khachanov 6-3, 3-6, 7-6": a pair whose first number is not below the second
    cannot be a range, and a run of pairs is a score line."""
    pair = _SCORE.fullmatch(numeral.text)
    if pair is None:
        return False
    return int(pair.group(1)) >= int(pair.group(2)) or bool(_SCORE_NEXT.match(after) or _SCORE_BEFORE.search(before))


def _in_link(numeral: _Numeral, text: str) -> bool:
    left = text.rfind(" ", 0, numeral.start) + 1
    right = text.find(" ", numeral.end)
    chunk = text[left:right if right >= 0 else len(text)].lower()
    return any(mark in chunk for mark in ("http", "www.", "/", "=", "@"))


def _counts_one(before: str) -> bool:
    """ "one" is a count after a qualifier or "only" ("at least one student"); otherwise it means "a"."""
    previous = _PREVIOUS_WORD.search(before)
    return bool(_QUALIFIER_BEFORE.search(before)) or bool(previous and previous.group(1).lower() in _COUNT_EMPHASIS)


def _is_age(tokens: SpacySpan, after: str) -> bool:
    """ "Dana Ahmed, 40, said", "Tsarnaev, now 20, is": a bare number in commas right after a name."""
    doc, i = tokens.doc, tokens[0].i
    if i >= 1 and doc[i - 1].lower_ == "now":
        i -= 1
    if i < 2 or doc[i - 1].text != "," or after[:1] not in (",", ".", ";", ")"):
        return False
    name = doc[i - 2]
    return name.ent_type_ == "PERSON" or name.pos_ == "PROPN"


def _numbers_a_name(head: Token) -> bool:
    """ "on 4 Calle del Correo": the number belongs to the proper name after it (an address, a model)."""
    named = head.head
    return head.dep_ == "nummod" and named.pos_ == "PROPN" and named.ent_type_ in NAME_ENTITY_TYPES


def _lemma_of_word(word: str) -> str:
    lowered = word.lower()
    for suffix, replacement in (("ies", "y"), ("men", "man"), ("s", "")):
        if lowered.endswith(suffix) and lowered[: -len(suffix)] + replacement in COUNTED:
            return lowered[: -len(suffix)] + replacement
    return lowered


# --- reading one figure ------------------------------------------------------------------------------------

def _read_figure(numeral: _Numeral, doc: Doc, page: Layout, article: Article, quotes: list[Quote],
                 times: list[TimeExpr]) -> tuple[Figure, bool, tuple[str | None, str | None]]:
    """The figure; whether its counted noun is left out ("132 remain in Gaza", "the 500 a day"); and what its
    counted noun names, for an elided count after it to borrow."""
    text = page.text
    tokens = doc.char_span(numeral.start, numeral.end, alignment_mode="expand")
    value, low, high, qualifier = _amount(numeral)
    before = text[max(0, numeral.start - 40):numeral.start]
    start = numeral.start
    if numeral.kind == "range":
        opener = _RANGE_OPENER.search(before)
        start = opener.start() + numeral.start - len(before) if opener else start
    elif (found := _QUALIFIER_BEFORE.search(before)) and qualifier != "vague":
        qualifier = QUALIFIERS[re.sub(r"\s+", " ", found.group("q").lower())]
        start = found.start() + numeral.start - len(before)
        low, high = _bounds(value, qualifier)
    unit = None
    currency = _CURRENCY_BEFORE.search(before)
    if currency:
        unit = CURRENCY_PREFIXES[currency.group(0).strip().lower()]
        start = min(start, numeral.start - len(currency.group(0)))
    end = numeral.end
    percent = _PERCENT_AFTER.match(text, numeral.end)
    attached = _ATTACHED_WORD.match(text, numeral.end)
    hyphened = _HYPHEN_UNIT.match(text, numeral.end)
    if percent:
        unit, end = "percent", percent.end()
    elif attached:
        unit, end = UNITS[attached.group(0).lower()], attached.end()
    elif hyphened:
        unit, end = UNITS[hyphened.group(1).lower()], hyphened.end()
    if numeral.kind == "fraction":
        unit = "fraction"
    head = tokens[-1]
    # "another 15.Twenty insurgents": pages glued into one token; its parse says nothing about this numeral.
    glued = "." in text[numeral.end:head.idx + len(head.text)]
    counted = None if glued else _counted_noun(head)
    category, counted_unit = _category(head, counted, unit)
    if hyphened:
        category = "other"  # "a 20-foot truck" measures the truck
    if counted is not None and counted.i > head.i and counted.i - head.i <= 6:
        end = max(end, counted.idx + len(counted.text))
    sentence = page.sentence(head)
    source, chain, quote_id = _source(numeral, head, sentence, text, quotes)
    figure = Figure(
        id="", span=Span.of(text, start, end), number=numeral.text, value=value, low=low, high=high,
        qualifier=qualifier, category=category, unit=unit or counted_unit, source=source, source_chain=chain,
        quote=quote_id, as_of=_as_of(sentence, times, article), place=_place(head, sentence, page.places),
    )
    elided = counted is None and unit is None and category == "people" and (
        head.dep_ in ("nsubj", "nsubjpass", "dobj") or (head.dep_ == "pobj" and head.head.lower_ == "than"))
    return figure, elided, _noun_kind(counted) if counted is not None else (None, None)


def _amount(numeral: _Numeral) -> tuple[float | None, float | None, float | None, str]:
    """value, low, high and the qualifier the numeral itself implies (range, vague or exact)."""
    if numeral.kind == "vague":
        return None, None, None, "vague"
    if numeral.kind == "range":
        low_text, high_text = _RANGE_SPLIT.split(numeral.text, maxsplit=1)
        return None, _number_value(low_text), _number_value(high_text), "range"
    value = _fraction_value(numeral.text) if numeral.kind == "fraction" else _number_value(numeral.text)
    return value, value, value, "exact"


def _bounds(value: float | None, qualifier: str) -> tuple[float | None, float | None]:
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
    numbers = re.findall(r"\d+", written)
    if len(numbers) == 2 and int(numbers[1]):
        return _tidy(int(numbers[0]) / int(numbers[1]))
    return FRACTIONS.get(written.lower().split()[-1])


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 4)


# --- what is counted, and what happened to it ---------------------------------------------------------------

def _counted_noun(head: Token) -> Token | None:
    """The noun the numeral counts: "23 [soldiers]", "dozens of [sightings]", "11 of the [injured]",
    and through a measure, "4,000 pounds of [nitrate]"."""
    noun = _noun_of(head)
    if noun is not None and noun.lemma_.lower() in MEASURES:
        return _of_object(noun) or noun
    return noun


def _noun_of(head: Token) -> Token | None:
    if head.dep_ in ("nummod", "quantmod", "amod", "compound") and head.head.pos_ in ("NOUN", "PROPN", "SYM") \
            and head.head.i > head.i:
        noun = head.head
        # "six NATO service members": the number hangs on a compound inside the noun phrase.
        while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        return noun
    counted = _of_object(head)
    if counted is not None:
        return counted
    return _next_plural_noun(head)


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].lower_ not in ("whom", "which", "them", "those", "these"):
                return objects[0]
    return None


def _next_plural_noun(head: Token) -> Token | None:
    """When the parse loses the link ("10,000 IS insurgents"), the plural noun a few words on, if nothing
    but modifiers stands between."""
    for token in head.doc[head.i + 1:head.i + 5]:
        if token.tag_ in ("NNS", "NNPS") or token.lemma_.lower() in MEASURES:
            return token
        if token.is_punct or token.is_sent_start or not (token.pos_ in ("ADJ", "PROPN") or token.is_upper):
            return None
    return None


def _noun_kind(counted: Token) -> tuple[str | None, str | None]:
    """The category and unit the counted noun itself names ("hostages", "trucks"), if the tables know it."""
    return COUNTED.get(counted.lemma_.lower()) or COUNTED.get(_lemma_of_word(counted.text), (None, None))


def _category(head: Token, counted: Token | None, unit: str | None) -> tuple[str, str | None]:
    """The category and unit: an event in the predicate wins over what a count of persons is."""
    if unit in CURRENCIES:
        return "money", unit
    if unit in MEASURE_UNITS and (counted is None or counted.lemma_.lower() not in COUNTED):
        return "other", unit  # "about 15 meters", "a 20-foot truck"
    if counted is None:
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in OF_HEADS:
            return OF_HEADS[head.head.head.lemma_.lower()]
        if unit in ("percent", "fraction"):
            return "other", unit
        if _DECIMAL.fullmatch(head.text):
            return "other", None  # "a drag coefficient of 0.24": persons come in whole numbers
        noun_category, noun_unit = "people", "people"  # "Two were killed", "another 15", "Thousands fled"
    else:
        noun_category, noun_unit = _noun_kind(counted)
        # "13 Venezuelans", "3,000 Britons", "Two of the 12": persons by name, or a part of a count already made.
        persons = counted.ent_type_ in PERSON_ENTITY_TYPES or counted.tag_ == "NNPS" or counted.like_num
        if noun_category is None and persons:
            noun_category, noun_unit = "people", "people"
        if noun_unit is None:
            noun_unit = counted.lower_ if counted.pos_ == "NOUN" else None
    # "11 of the injured": the counted word is itself the event.
    names_event = counted is not None and counted.lemma_.lower() in PREDICATES
    # A noun we do not know that is the victim of the verb ("killing two soliders") is a count of persons.
    victim = counted is not None and noun_category is None and counted.dep_ in VICTIM_ROLES
    if noun_unit == "people" or noun_category in EVENT_CATEGORIES or names_event or victim:
        event = next((PREDICATES[w] for w in _predicate_words(head, counted) if w in PREDICATES), None)
        if event and (noun_category not in EVENT_CATEGORIES or noun_category == "killed"):
            return event, "people"
    return noun_category or "other", noun_unit


def _predicate_words(head: Token, counted: Token | None) -> list[str]:
    """Lemmas around the figure, nearest first: the counted noun and its modifiers (and those of the nouns
    listed with it), then the clause's predicate."""
    anchor = counted if counted is not None else head
    group = [anchor, *(c for c in anchor.children if c.dep_ in ("conj", "appos"))]
    if anchor.dep_ in ("conj", "appos"):
        group.append(anchor.head)
    words: list[str] = []
    for token in group:
        words.append(token.lemma_.lower())
        for child in token.children:
            # A name is no predicate: the "Court" of "two Supreme Court justices" does not detain them.
            if child.dep_ in ("amod", "compound", "acl", "relcl", "nmod") and child.pos_ != "PROPN":
                words.append(child.lemma_.lower())
                words.extend(c.lemma_.lower() for c in child.children if c.dep_ in ("prep", "agent", "advmod", "dobj"))
    node = group[-1] if anchor.dep_ in ("conj", "appos") else anchor
    for _ in range(6):
        if node.head.i == node.i:
            break
        node = node.head
        words.append(node.lemma_.lower())
        if node.pos_ in ("VERB", "AUX"):
            words.extend(_clause_words(node))
            break
    return words


def _clause_words(verb: Token) -> list[str]:
    words = []
    for child in verb.children:
        if child.dep_ in ("xcomp", "acomp", "attr", "oprd", "ccomp", "conj", "dobj"):
            words.append(child.lemma_.lower())
            words.extend(c.lemma_.lower() for c in child.children if c.dep_ in ("xcomp", "acomp", "prep", "dobj"))
        elif child.dep_ in ("prep", "agent"):
            words.extend(c.lemma_.lower() for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "nsubj":
            # "the victims were two women", "the death toll rose to 45"
            words.append(child.lemma_.lower())
            words.extend(c.lemma_.lower() for c in child.children if c.dep_ in ("compound", "amod"))
    return words


# --- who reported it ----------------------------------------------------------------------------------------

def _source(numeral: _Numeral, head: Token, sentence: SpacySpan, text: str,
            quotes: list[Quote]) -> tuple[Span | None, list[str], str | None]:
    """The quote's speaker when the figure sits in a quote; else "according to X" or a reporting verb's subject."""
    reported_by = _reported_by(head)
    if reported_by is not None:  # "the 27,708 reported by the ministry": the nearest credit, even inside a quote
        quote_id = next((q.id for q in quotes if _inside(numeral, q)), None)
        return Span.of(text, reported_by.start_char, reported_by.end_char), _chain(reported_by), quote_id
    for quote in quotes:
        if _inside(numeral, quote):
            according = _according_to(sentence)
            mention = quote.speaker_mention
            # "according to an AFP tally based on official Israeli figures": the whole chain, as the guide writes it
            if according is not None and mention is not None and _chain(according) \
                    and according.start_char <= mention.start and mention.end <= according.end_char:
                return Span.of(text, according.start_char, according.end_char), _chain(according), quote.id
            return mention, [], quote.id
    phrase = _according_to(sentence) or _reporting_subject(head, sentence)
    if phrase is None:
        return None, [], None
    return Span.of(text, phrase.start_char, phrase.end_char), _chain(phrase), None


def _inside(numeral: _Numeral, quote: Quote) -> bool:
    return any(part.start <= numeral.start and numeral.end <= part.end for part in quote.content)


def _reported_by(head: Token) -> SpacySpan | None:
    """The agent of a reporting participle on the counted phrase: "the 27,708 reported by the health ministry"."""
    for noun in (head, head.head):
        for verb in noun.children:
            if verb.dep_ == "acl" and verb.lemma_.lower() in SOURCE_CUES:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                if source is not None:
                    return _phrase(source)
    return None


def _according_to(sentence: SpacySpan) -> SpacySpan | None:
    for token in sentence:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if source is not None:
                return _phrase(source)
    return None


def _reporting_subject(head: Token, sentence: SpacySpan) -> SpacySpan | None:
    """The subject of the reporting verb that governs the figure, or of the nearest one in its sentence."""
    cues = [t for t in sentence if t.lemma_.lower() in SOURCE_CUES and t.pos_ in ("VERB", "AUX") and not _passive(t)]
    ancestors = set(head.ancestors)
    for cue in cues:
        # A trailing "..., an AFP tally shows." is often parsed as a clause joined to the one holding the figure.
        trailing = cue.dep_ in ("conj", "parataxis") and cue.head in ancestors and cue.i > head.i
        if cue not in ancestors and not trailing:
            continue
        if _addressed(cue, head):
            continue
        subject = _subject(cue)
        # "47 percent said ...": a share of those polled is a count, not a reporter.
        if subject is None or subject.lower_ in NOT_SOURCES or subject.like_num or subject.lower_ in UNITS \
                or subject.text == "%" or (trailing and subject.i < head.i):
            continue
        phrase = _phrase(subject)
        # "said the young father of two": a figure inside the speaker's own description is not reported by him.
        if not (phrase.start <= head.i < phrase.end):
            return phrase
    return None


def _addressed(cue: Token, head: Token) -> bool:
    """ "Trump tells 3,000 in Reno the NFL has gone soft": the figure counts whom the speaker addressed."""
    branch = next((t for t in (head, *head.ancestors) if t.head.i == cue.i and t.i != cue.i), None)
    if branch is None:
        return False
    return branch.dep_ == "dative" or (branch.dep_ == "dobj" and any(c.dep_ == "ccomp" for c in cue.children))


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it hangs from ("declared ..., recalling ...")."""
    node = verb
    for _ in range(4):
        # The nearest of two subjects: "MACAU (Reuters) – Top donor Sheldon Adelson said" parses the dateline too.
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[-1]
        if node.dep_ not in ("conj", "advcl", "xcomp", "ccomp") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _phrase(token: Token) -> SpacySpan:
    """The token's whole noun phrase, without trailing punctuation or a relative clause."""
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("relcl", "acl") and child.pos_ == "VERB" and child.tag_ != "VBN":
            break
        right = max(right, child.right_edge.i)
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    # "MACAU (Reuters) – Top Republican donor Sheldon Adelson": a dateline before a dash is not the source.
    dash = max((t.i for t in doc[left:token.i] if _is_dash(t)), default=None)
    if dash is not None:
        left = dash + 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left:right + 1]


def _is_dash(token: Token) -> bool:
    """A dash between words, not the hyphen of "anti-war"."""
    spaced = token.i > 0 and bool(token.whitespace_) and bool(token.doc[token.i - 1].whitespace_)
    return token.text in _DASHES or (token.text == "-" and spaced)


def _chain(phrase: SpacySpan) -> list[str]:
    """ "an AFP tally based on official Israeli figures" -> ["AFP", "official Israeli figures"]."""
    lowered = phrase.text.lower()
    for link in CHAIN_LINKS:
        at = re.search(rf"\b{re.escape(link)}\b", lowered)
        if at is None:
            continue
        first = phrase.doc.char_span(phrase.start_char, phrase.start_char + at.start(), alignment_mode="contract")
        rest = phrase.text[at.end():].strip()
        named = [e.text for e in first.ents] if first is not None else []
        head = named[0] if named else re.sub(r"^(?:the|an?)\s+", "", phrase.text[:at.start()].strip(), flags=re.I)
        return [head, re.sub(r"^(?:the|an?)\s+", "", rest, flags=re.I)]
    return []


# --- when and where -------------------------------------------------------------------------------------------

def _as_of(sentence: SpacySpan, times: list[TimeExpr], article: Article) -> str | None:
    for time in dating_times(article.text, times):
        if time.type == "DATE" and sentence.start_char <= time.span.start < sentence.end_char:
            if _FULL_DATE.match(time.value or "") and not _modifies_noun(sentence.doc, time):
                return time.value[:10]
    return article.published


def _modifies_noun(doc: Doc, time: TimeExpr) -> bool:
    """ "the October 7 attack": the date names an event; it does not date the sentence's figure."""
    tokens = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if tokens is None:
        return False
    root = tokens.root
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN" and root.head.i >= tokens.end


def _place(head: Token, sentence: SpacySpan, places: list[SpacySpan]) -> str | None:
    """The place named nearest the figure in its sentence."""
    near = [e for e in places if sentence.start <= e.start and e.end <= sentence.end]
    return min(near, key=lambda e: abs(e.start - head.i)).text if near else None


def _resolve_elided_nouns(read: list[tuple[Figure, bool, tuple[str | None, str | None]]], page: Layout) -> None:
    """A count whose noun is left out counts what the noun of the figure before it names, in that sentence or the
    one before (the noun, not the predicate: "Dozens were wounded and thousands fled" are not all wounded):
    "29 of the hostages still held in Gaza are dead ... Israel says 132 remain" (hostages);
    "nearly 200 aid trucks entered, far fewer than the 500 a day before the war" (aid)."""
    sentence_at = {}
    for n, sentence in enumerate(page.sentences):
        sentence_at[sentence.start_char] = n
    starts = sorted(sentence_at)

    def sentence_of(offset: int) -> int:
        return sentence_at[starts[bisect.bisect_right(starts, offset) - 1]] if starts else 0

    for (previous, _, (noun_category, noun_unit)), (figure, elided, _) in zip(read, read[1:]):
        if elided and noun_category not in (None, "people", "other") \
                and 0 <= sentence_of(figure.span.start) - sentence_of(previous.span.start) <= 1:
            figure.category, figure.unit = noun_category, noun_unit


def _link_subsets(figures: list[Figure], text: str) -> None:
    """ "132 remain in Gaza, of whom 29 ..." and "two of whom": the subset points at the figure before it.

    "killed 11 people, including four children": the four are among the killed, so they take that category.
    """
    for previous, figure in zip(figures, figures[1:]):
        numeral_end = figure.span.start + figure.span.text.find(figure.number) + len(figure.number)
        if _SUBSET_BEFORE.search(text, max(0, figure.span.start - 20), figure.span.start) \
                or _SUBSET_AFTER.match(text, numeral_end):
            figure.parent = previous.id
        elif _INCLUDING.search(text, max(0, figure.span.start - 30), figure.span.start) \
                and _same_clause(text, previous.span.end, figure.span.start):
            figure.parent = previous.id
            if figure.category == "people" and previous.category in EVENT_CATEGORIES:
                figure.category = previous.category


def _same_clause(text: str, start: int, end: int) -> bool:
    return not re.search(r"[.;!?]", text[start:end])


def _carry_conversions(figures: list[Figure], text: str) -> None:
    """ "about 15 meters (50 feet)": the converted figure in brackets carries the qualifier of the first."""
    for previous, figure in zip(figures, figures[1:]):
        if _OPEN_BRACKET.fullmatch(text, previous.span.end, figure.span.start) and figure.qualifier == "exact":
            figure.qualifier = previous.qualifier
            figure.low, figure.high = _bounds(figure.value, figure.qualifier)


# --- what a figure counts up to: everything so far, or one incident --------------------------------------------

@dataclass
class _ScopeCue:
    token: int
    scope: str
    strong: bool


def _mark_scopes(figures: list[Figure], heads: list[Token], doc: Doc) -> None:
    """ "29 killed in the strike" is an incident; "27,585 killed since the war began" a running total.

    A cue counts for the figure whose clause holds it: climbing from the figure's predicate, a clause that holds
    another figure belongs to that figure ("killed 29 people, bringing the death toll to 27,585"). A strong cue
    beats a weak one, then the nearest wins. A weak cue only dates something, so it counts in the figure's own
    clause alone: in "the UN said on Tuesday that 1.7 million have fled" the day dates the statement.
    """
    cues = list(_scope_cues(doc))
    if not cues:
        return
    page = layout(doc)
    for figure, head in zip(figures, heads):
        others = {h.i for h in heads if h.i != head.i and page.sentence_of[h.i] == page.sentence_of[head.i]}
        figure.scope = _scope_of(head, others, cues)


def _scope_cues(doc: Doc) -> Iterator[_ScopeCue]:
    for match in _SCOPE_CUE.finditer(layout(doc).text):
        tokens = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if tokens is not None and len(tokens):
            scope, strong = SCOPE_CUES[" ".join(match.group(0).lower().split())]
            yield _ScopeCue(tokens[0].i, scope, strong)


def _scope_of(head: Token, others: set[int], cues: list[_ScopeCue]) -> str | None:
    for level, clause in enumerate(_clauses_above(head)):
        region = _clause_region(clause, head, others)
        found = [cue for cue in cues if cue.token in region and (cue.strong or level == 0)]
        if found:
            return min(found, key=lambda cue: (not cue.strong, abs(cue.token - head.i))).scope
    return None


def _clauses_above(head: Token) -> Iterator[Token]:
    """The predicates over the figure, nearest first, up to the root of its sentence."""
    for token in (head, *head.ancestors):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            yield token


def _clause_region(clause: Token, head: Token, others: set[int]) -> set[int]:
    region = {t.i for t in clause.subtree}
    for child in clause.children:
        if child.dep_ in CLAUSE_DEPS:
            below = {t.i for t in child.subtree}
            if head.i not in below and below & others:
                region -= below
    return region
