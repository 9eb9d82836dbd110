"""The scan: the grammar's pattern runs once over the text, and each match goes to the resolver of its alternative."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ... import timex
from ...settings import DEFAULTS, Settings
from ...layout import layout
from ...model import Span, TimeExpr
from .grammar import PATTERN
from .resolvers import RESOLVERS, Context, EventStarts


def extract_times(doc: Doc, published: str | None, settings: Settings = DEFAULTS) -> list[TimeExpr]:
    anchor = timex.day(published)
    text = layout(doc).text
    times: list[TimeExpr] = []
    previous: str | None = None
    event_starts = EventStarts()
    for match in PATTERN.finditer(text):
        kind = match.lastgroup
        start, end = match.span(kind)
        while end > start and text[end - 1] in ",. " and not _abbreviation_end(text, start, end):
            end -= 1
        context = Context(doc, anchor, start, end, previous, times, settings=settings,
                          event_starts=event_starts)
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
