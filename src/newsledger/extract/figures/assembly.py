"""A figure put together: its numeral read in its sentence, then what the figures around it tell (an elided noun, a
subset, a conversion in brackets, the scope).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ...layout import Layout, layout
from ...model import Article, Figure, Quote, Span, TimeExpr
from ...offsets import SpanIndex
from . import category_model
from .context import as_of_date, dates_by_offset, mark_scopes, place_of
from .counted import EVENT_CATEGORIES, MEASURE_UNITS, MEASURES, category_of, counted_noun, noun_kind
from .filters import is_not_a_count
from .numerals import (
    ATTACHED_WORD,
    CURRENCY_BEFORE,
    CURRENCY_LETTERS,
    CURRENCY_PREFIXES,
    HYPHEN_UNIT,
    PERCENT_AFTER,
    PLUS_AFTER,
    QUALIFIER_AFTER,
    QUALIFIER_BEFORE,
    QUALIFIERS,
    QUALIFIERS_AFTER,
    RANGE_OPENER,
    SPACED_UNIT,
    UNITS,
    Numeral,
    amount,
    bounds,
    find_numerals,
)
from .sources import source_of

_SUBSET_AFTER = re.compile(r"\s+of\s+(?:whom|which|them|those)\b", re.IGNORECASE)
_SUBSET_BEFORE = re.compile(r"\bof\s+(?:whom|which)\s+$", re.IGNORECASE)
_INCLUDING = re.compile(r"\b(?:including|among\s+them|among\s+whom)\s+(?:at\s+least\s+|some\s+|about\s+)?$",
                        re.IGNORECASE)
_OPEN_BRACKET = re.compile(r"\s*\(\s*")


def extract_figures(doc: Doc, article: Article, quotes: list[Quote], times: list[TimeExpr]) -> list[Figure]:
    page = layout(doc)
    text = page.text
    time_spans = SpanIndex((t.span.start, t.span.end, t) for t in times)
    counts = [numeral for numeral in find_numerals(text) if not is_not_a_count(numeral, text, doc, time_spans)]
    context = _Context(page, article, dates_by_offset(text, times),
                       SpanIndex((part.start, part.end, n) for n, q in enumerate(quotes) for part in q.content), quotes,
                       SpanIndex((place.start, place.end, place) for place in page.places))
    read = [_read_figure(f"f{n}", numeral, doc, context) for n, numeral in enumerate(counts, 1)]
    figures = [figure for figure, _, _ in read]
    _resolve_elided_nouns(read, page)
    _link_subsets(figures, text)
    _carry_conversions(figures, text)
    mark_scopes(figures, [doc.char_span(n.start, n.end, alignment_mode="expand")[-1] for n in counts], doc, time_spans)
    return figures


@dataclass(frozen=True)
class _Context:
    """What every figure of the article is read against, indexed by offset once."""

    page: Layout
    article: Article
    dates: SpanIndex[TimeExpr]  # the dating DATE expressions
    quote_parts: SpanIndex[int]  # each quote's content parts, as the quote's position in `quotes`
    quotes: list[Quote]
    places: SpanIndex[SpacySpan]  # the place names, by token

    def quote_holding(self, numeral: Numeral) -> Quote | None:
        """The first quote whose content holds the numeral."""
        holders = self.quote_parts.holding(numeral.start, numeral.end)
        return self.quotes[min(holders)] if holders else None


def _read_figure(figure_id: str, numeral: Numeral, doc: Doc,
                 context: _Context) -> tuple[Figure, str | None, tuple[str | None, str | None]]:
    """The figure; whether its counted noun is left out ("132 remain in Gaza", "the 500 a day"); and what its
    counted noun names, for an elided count after it to borrow."""
    page = context.page
    text = page.text
    tokens = doc.char_span(numeral.start, numeral.end, alignment_mode="expand")
    value, low, high, qualifier = amount(numeral)
    origin = max(0, numeral.start - 40)
    before = text[origin:numeral.start]
    start = numeral.start
    unit = None
    currency = CURRENCY_BEFORE.search(before)
    if currency:
        sign = currency.group(0).strip().lower()
        unit = CURRENCY_PREFIXES.get(sign) or CURRENCY_LETTERS[sign]
        start = numeral.start - len(currency.group(0))
        before = before[:currency.start()]  # "up to $12.9bn", "nearly $5.9 million": the qualifier is before the sign
    if numeral.kind == "range":
        opener = RANGE_OPENER.search(before)
        start = origin + opener.start() if opener else start
    elif (found := QUALIFIER_BEFORE.search(before)) and qualifier != "vague":
        qualifier = QUALIFIERS[re.sub(r"\s+", " ", found.group("q").lower())]
        start = origin + found.start()
        low, high = bounds(value, qualifier)
    end = numeral.end
    percent = PERCENT_AFTER.match(text, numeral.end)
    attached = ATTACHED_WORD.match(text, numeral.end)
    hyphened = HYPHEN_UNIT.match(text, numeral.end)
    if percent:
        unit, end = "percent", percent.end()
    elif attached:
        unit, end = UNITS[attached.group(0).lower()], attached.end()
    elif hyphened:
        unit, end = UNITS[hyphened.group(1).lower()], hyphened.end()
    if numeral.kind == "fraction":
        unit = "fraction"
    plus = PLUS_AFTER.match(text, numeral.end)
    after = QUALIFIER_AFTER.match(text, numeral.end)
    if plus and qualifier == "exact":
        qualifier, end = "more_than", max(end, plus.end())
        low, high = bounds(value, qualifier)
    elif after and qualifier == "exact":
        qualifier = QUALIFIERS_AFTER[re.sub(r"\s+", " ", after.group("q").lower())]
        low, high = bounds(value, qualifier)
    head = tokens[-1]
    # "another 15.Twenty insurgents": pages glued into one token; its parse says nothing about this numeral.
    glued = "." in text[numeral.end:head.idx + len(head.text)]
    counted = None if glued else counted_noun(head)
    category, counted_unit = category_of(head, counted, unit)
    category = category_model.decide(category, unit, head, counted)
    spaced = SPACED_UNIT.match(text, numeral.end)
    if hyphened or spaced and counted is not None and counted.idx >= spaced.end() \
            and UNITS[spaced.group(1).lower()] in MEASURE_UNITS:
        category = "other"  # "a 20-foot truck", "an 82 kWh lithium-ion battery" measure the thing
    if counted is not None and counted.i > head.i and counted.i - head.i <= 6:
        end = max(end, counted.idx + len(counted.text))
    sentence = page.sentence(head)
    source, chain, quote_id = source_of(head, sentence, text, context.quote_holding(numeral))
    figure = Figure(
        id=figure_id, span=Span.of(text, start, end), number=numeral.text, value=value, low=low, high=high,
        qualifier=qualifier, category=category, unit=unit or counted_unit, source=source, source_chain=chain,
        quote=quote_id, as_of=as_of_date(sentence, context.dates, context.article),
        place=place_of(head, sentence, context.places),
    )
    return figure, _elided_kind(counted, unit, category), _lendable(figure, counted)


def _elided_kind(counted: Token | None, unit: str | None, category: str) -> str | None:
    """ "count" for a bare count the rules took for persons ("132 remain in Gaza"), "share" for a bare percentage
    they could not place ("from around 47 percent before"); None for a figure that names what it counts."""
    if unit == "percent" and category == "other" and (counted is None or counted.lemma_.lower() in MEASURES):
        return "share"  # the counted word of a bare share is the "percent" itself
    return "count" if counted is None and unit is None and category == "people" else None


def _lendable(figure: Figure, counted: Token | None) -> tuple[str | None, str | None]:
    """What a later elided figure may borrow from this one: what its counted noun names, or, for a noun the tables
    do not know and that counts no persons ("29 Indian states"), `other` in the noun's unit; a share's category
    when it is a share of persons ("41-42 percent of the labour pool")."""
    if figure.unit == "percent":
        return (figure.category, "percent") if figure.category == "people" else (None, None)
    if counted is None:
        return None, None
    named = noun_kind(counted)
    if named[0] is None and figure.category == "other" and counted.pos_ == "NOUN":
        return "other", figure.unit
    return named


def _resolve_elided_nouns(read: list[tuple[Figure, str | None, tuple[str | None, str | None]]], page: Layout) -> None:
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

    lent = [lendable for _, _, lendable in read]
    for n, (figure, elided, _) in enumerate(read[1:], 1):
        # "70 townhouses ranging from $524,900 to $564,900. Twenty-five are sold": a price lends no noun, so the
        # count borrows from the figure before it.
        lender = n - 1
        while lender > 0 and lent[lender] == (None, None) and read[lender][0].category == "money":
            lender -= 1
        previous = read[lender][0]
        noun_category, noun_unit = lent[lender]
        distance = sentence_of(figure.span.start) - sentence_of(previous.span.start)
        if elided == "count" and noun_category not in (None, "people") and noun_unit != "percent" \
                and 0 <= distance <= 1:
            figure.category, figure.unit = noun_category, noun_unit
            lent[n] = noun_category, noun_unit  # "which had 17, 10 and six": the list goes on counting storms
        elif elided == "share" and noun_unit == "percent" and distance == 0:
            figure.category = noun_category
            lent[n] = noun_category, noun_unit


def _link_subsets(figures: list[Figure], text: str) -> None:
    """ "132 remain in Gaza, of whom 29 ..." and "two of whom": the subset points at the figure before it.

    "killed 11 people, including four children": the four are among the killed, so they take that category.
    "some 1,700 asylum seekers in Samos, more than two-thirds of them from Syria": a part of persons named by no
    noun of its own counts what the whole counts (a predicate of its own still wins: "of whom 29 have died").
    """
    for previous, figure in zip(figures, figures[1:]):
        numeral_end = figure.span.start + figure.span.text.find(figure.number) + len(figure.number)
        if _SUBSET_BEFORE.search(text, max(0, figure.span.start - 20), figure.span.start) \
                or _SUBSET_AFTER.match(text, numeral_end):
            figure.parent = previous.id
            if figure.category in ("people", "other") and previous.category in EVENT_CATEGORIES | {"people"} \
                    and figure.unit in ("people", "fraction", "percent", None):
                figure.category = previous.category
        elif _INCLUDING.search(text, max(0, figure.span.start - 30), figure.span.start) \
                and _same_clause(text, previous.span.end, figure.span.start):
            figure.parent = previous.id
            if figure.category == "people" and previous.category in EVENT_CATEGORIES:
                figure.category = previous.category


def _same_clause(text: str, start: int, end: int) -> bool:
    return not re.search(r"[.;!?]", text[start:end])


def _carry_conversions(figures: list[Figure], text: str) -> None:
    """ "about 15 meters (50 feet)": the converted figure in brackets carries the qualifier of the first; and, in
    "a skeleton buried 7ft (2.1m)", the conversion of a measure is a measure, not a count of persons."""
    for previous, figure in zip(figures, figures[1:]):
        if not _OPEN_BRACKET.fullmatch(text, previous.span.end, figure.span.start):
            continue
        if figure.qualifier == "exact":
            figure.qualifier = previous.qualifier
            figure.low, figure.high = bounds(figure.value, figure.qualifier)
        if previous.unit in MEASURE_UNITS and figure.category == "people" and figure.unit in (None, "people"):
            figure.category = "other"
