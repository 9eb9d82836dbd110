"""When and where a figure holds, and what it counts up to: the date of its sentence, the nearest place, and
its scope (one incident, or everything so far).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ... import timex
from ...first_chars import grouped_alternation, guarded
from ...layout import layout
from ...lexicon import data_lines, phrase_pattern
from ...model import Article, Figure, TimeExpr
from ...offsets import SpanIndex
from ..signals import dating_times
from .periods import period_bounds


def _scope_table(name: str) -> dict[str, tuple[str, bool]]:
    """phrase -> (scope, strong), from "phrase<TAB>scope<TAB>strong|weak" lines."""
    return {" ".join(fields[0].lower().split()): (fields[1], fields[2] == "strong")
            for fields in (line.split("\t") for line in data_lines(name))}


SCOPE_CUES = _scope_table("figure_scope.tsv")
# Clauses hanging from a figure's predicate that may hold other figures with their own scope cues.
CLAUSE_DEPS = {"advcl", "ccomp", "conj", "parataxis", "relcl", "xcomp", "acl"}
_SCOPE_CUE = re.compile(r"(?<!\w)" + guarded(grouped_alternation(
    map(phrase_pattern, sorted(SCOPE_CUES, key=len, reverse=True)),
    ignore_case=True)) + r"(?!\w)", re.IGNORECASE)


def dates_by_offset(text: str, times: list[TimeExpr]) -> SpanIndex[TimeExpr]:
    """The DATE expressions that date what their sentence reports, for `as_of_date` to find by sentence."""
    return SpanIndex((t.span.start, t.span.end, t) for t in dating_times(text, times) if t.type == "DATE")


def as_of_date(sentence: SpacySpan, dates: SpanIndex[TimeExpr], article: Article) -> str | None:
    """The first full date of the figure's sentence that dates it, else the publication date."""
    for time in dates.starting_in(sentence.start_char, sentence.end_char):
        day = timex.iso_day(time.value)
        if day and not _modifies_noun(sentence.doc, time):
            return day
    return article.published


def _modifies_noun(doc: Doc, time: TimeExpr) -> bool:
    """ "the October 7 attack": the date names an event; it does not date the sentence's figure."""
    tokens = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if tokens is None:
        return False
    root = tokens.root
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN" and root.head.i >= tokens.end


def place_of(head: Token, sentence: SpacySpan, places: SpanIndex[SpacySpan]) -> str | None:
    """The place named nearest the figure in its sentence (`places` indexed by token)."""
    near = [e for e in places.starting_in(sentence.start, sentence.end) if e.end <= sentence.end]
    return min(near, key=lambda e: abs(e.start - head.i)).text if near else None


@dataclass
class _ScopeCue:
    token: int
    scope: str
    strong: bool
    start: int  # the cue phrase's characters ("on Tuesday"), where the time engine's value for it is looked up
    end: int


def mark_scopes(figures: list[Figure], heads: list[Token], doc: Doc, times: SpanIndex[TimeExpr]) -> None:
    """ "29 killed in the strike" is an incident; "27,585 killed since the war began" a running total.

    A cue counts for the figure whose clause holds it: climbing from the figure's predicate, a clause that holds
    another figure belongs to that figure ("killed 29 people, bringing the death toll to 27,585"). A strong cue
    beats a weak one, then the nearest wins. A weak cue only dates something, so it counts in the figure's own
    clause alone: in "the UN said on Tuesday that 1.7 million have fled" the day dates the statement.
    A period toll also gets the days of its period (`period_start`, `period_end`, periods.py).
    """
    cues = SpanIndex((cue.token, cue.token + 1, cue) for cue in _scope_cues(doc))
    if not cues:
        return
    page = layout(doc)
    heads_in_sentence: dict[int, set[int]] = {}
    for head in heads:
        heads_in_sentence.setdefault(page.sentence_of[head.i], set()).add(head.i)
    for figure, head in zip(figures, heads):
        others = heads_in_sentence[page.sentence_of[head.i]] - {head.i}
        cue = _scope_of(head, others, cues)
        figure.scope = cue.scope if cue else None
        if figure.scope == "period":
            figure.period_start, figure.period_end = period_bounds(page.text[cue.start:cue.end], cue.start, cue.end,
                                                                   times, figure.as_of)


def _scope_cues(doc: Doc) -> Iterator[_ScopeCue]:
    for match in _SCOPE_CUE.finditer(layout(doc).text):
        tokens = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if tokens is not None and len(tokens):
            scope, strong = SCOPE_CUES[" ".join(match.group(0).lower().split())]
            yield _ScopeCue(tokens[0].i, scope, strong, match.start(), match.end())


def _scope_of(head: Token, others: set[int], cues: SpanIndex[_ScopeCue]) -> _ScopeCue | None:
    for level, clause in enumerate(_clauses_above(head)):
        region = _clause_region(clause, head, others)
        found = [cue for cue in cues.starting_in(clause.left_edge.i, clause.right_edge.i + 1)
                 if cue.token in region and (cue.strong or level == 0)]
        if found:
            return min(found, key=lambda cue: (not cue.strong, abs(cue.token - head.i)))
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
