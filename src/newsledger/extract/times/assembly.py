"""The scan: the grammar's pattern runs once over the text, and each match goes to the resolver of its alternative."""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from ... import timex
from ...settings import DEFAULTS, Settings
from ...layout import layout
from ...model import Span, TimeExpr
from .grammar import PATTERN
from .resolvers import RESOLVERS, Context


def extract_times(doc: Doc, published: str | None, settings: Settings = DEFAULTS) -> list[TimeExpr]:
    anchor = timex.day(published)
    text = layout(doc).text
    times: list[TimeExpr] = []
    quotes = _Quotes(text)
    previous: str | None = None  # the last date the narrative named, outside quotations
    quoted: tuple[int, str] | None = None  # (end of the quotation, the last date named inside it)
    for match in PATTERN.finditer(text):
        kind = match.lastgroup
        start, end = match.span(kind)
        while end > start and text[end - 1] in ",. " and not _abbreviation_end(text, start, end):
            end -= 1
        quote_end = quotes.end_of_quote_around(start)
        last = quoted[1] if quoted and quote_end == quoted[0] else previous
        context = Context(doc, anchor, start, end, last, times, settings=settings)
        resolved = RESOLVERS[kind](match, context)
        if resolved is None:
            continue
        kind_of_time, value = resolved
        times.append(TimeExpr(id=f"t{len(times) + 1}", span=Span.of(text, start, end), type=kind_of_time, value=value))
        if kind_of_time == "DATE" and value[:1].isdigit() and not context.counted_back:
            if quote_end is None:
                previous = value
            else:
                quoted = (quote_end, value)
    return times


class _Quotes:
    """The quotations of a text, so that a date a speaker names stays inside the quote: after '"We met on March
    3," he said.' the story's "At 10 a.m." is not March 3's."""

    # straight, curly and typewriter (``...'') quotation marks, within one paragraph
    _QUOTATION = re.compile(r'"[^"\n]*"|\u201c[^\u201d\n]*\u201d|``[^\n]*?\'\'')

    def __init__(self, text: str):
        self.spans = [m.span() for m in self._QUOTATION.finditer(text)]
        self.starts = [s for s, _ in self.spans]

    def end_of_quote_around(self, position: int) -> int | None:
        index = bisect.bisect_right(self.starts, position) - 1
        if index >= 0 and position < self.spans[index][1]:
            return self.spans[index][1]
        return None


def _abbreviation_end(text: str, start: int, end: int) -> bool:
    """A final period that belongs to "Sept." or "p.m." rather than ending the sentence."""
    return text[end - 1] == "." and bool(re.search(r"(?:\b[A-Z][a-z]{2,3}|[ap]\.m)\.$", text[start:end]))
