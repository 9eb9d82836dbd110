"""The scan: the grammar's pattern runs once over the text, and each match goes to the resolver of its alternative."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.tokens import Doc

from ... import timex
from ...settings import DEFAULTS, Settings
from ...layout import layout
from ...model import Span, TimeExpr
from .grammar import MONTHS, PATTERN, TRIGGER_WORDS
from .resolvers import RESOLVERS, Context, EventStarts, Lead


def extract_times(doc: Doc, published: str | None, settings: Settings = DEFAULTS) -> list[TimeExpr]:
    anchor = timex.day(published)
    text = layout(doc).text
    times: list[TimeExpr] = []
    quotes = _Quotes(text)
    previous: str | None = None  # the last date the narrative named, outside quotations
    quoted: tuple[int, str] | None = None  # (end of the quotation, the last date named inside it)
    event_starts = EventStarts()
    lead = Lead()
    for match in _matches(doc, text):
        kind = match.lastgroup
        start, end = match.span(kind)
        while end > start and text[end - 1] in ",. " and not _abbreviation_end(text, start, end):
            end -= 1
        quote_end = quotes.end_of_quote_around(start)
        last = quoted[1] if quoted and quote_end == quoted[0] else previous
        context = Context(doc, anchor, start, end, last, times, settings=settings, event_starts=event_starts,
                          lead=lead, quoted=quote_end is not None)
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


def _matches(doc: Doc, text: str) -> Iterator[re.Match]:
    """PATTERN's matches in text order, found by scanning only windows around the words every match holds one of
    (`grammar.TRIGGER_WORDS`, or a digit): the scan was nine tenths of the engine's time, and most of a text is far
    from any such word. A window reaches _REACH characters either side of its trigger, more than the words an
    expression holds before or after its nearest month, unit, number or trigger ("the comparable year-ago
    quarter", "10 a.m. local time", "more than two and a half years"), and ends at a word's end so that no match is
    cut. Checked to give the very same times as the whole-text scan on TimeBank and the real-article gold."""
    windows: list[list[int]] = []
    for word in _WORD.finditer(text):
        if word.group()[0].isdigit() or word.group().lower() in TRIGGER_WORDS:
            start, end = max(0, word.start() - _REACH), word.end() + _REACH
            if windows and start <= windows[-1][1]:
                windows[-1][1] = end
            else:
                windows.append([start, end])
    last_end = 0
    for start, end in windows:
        for match in PATTERN.finditer(text, start, _WORD_END.search(text, min(end, len(text))).start()):
            if match.start() >= last_end:
                last_end = match.end()
                yield match


_REACH = 40
_WORD = re.compile(r"[A-Za-z]+|\d+")
_WORD_END = re.compile(r"\s|$")


def _abbreviation_end(text: str, start: int, end: int) -> bool:
    """A final period that belongs to "Sept." or "p.m." rather than ending the sentence ("set for June.")."""
    if text[end - 1] != ".":
        return False
    found = re.search(r"(?:\b([A-Z][a-z]{2,3})|[ap]\.m)\.$", text[start:end])
    return bool(found) and (found.group(1) or "").lower() not in _WHOLE_MONTH_NAMES


# "May", "June", "July": names short enough to look like abbreviations, whose period ends the sentence
_WHOLE_MONTH_NAMES = {max((name for name, n in MONTHS.items() if n == number), key=len) for number in MONTHS.values()}
