"""Where paragraphs begin and end in the parse, and tokens as character segments."""
from __future__ import annotations

import bisect
import re
import weakref

import numpy
from spacy.tokens import Doc, Token


def paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n+", text)]


def paragraph_break(tok: Token) -> bool:
    return tok.is_space and "\n" in tok.text


def same_paragraph(a: Token, b: Token) -> bool:
    breaks = _paragraph_breaks(a.doc)
    low, high = sorted((a.i, b.i))
    return bisect.bisect_left(breaks, low) == bisect.bisect_left(breaks, high)


def paragraph_bounds(tok: Token) -> tuple[int, int]:
    """Character range of the paragraph a token sits in."""
    doc, breaks = tok.doc, _paragraph_breaks(tok.doc)
    before, after = bisect.bisect_left(breaks, tok.i), bisect.bisect_right(breaks, tok.i)
    left = breaks[before - 1] + 1 if before > 0 else 0
    right = breaks[after] - 1 if after < len(breaks) else len(doc) - 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


_BREAKS: "weakref.WeakKeyDictionary[Doc, list[int]]" = weakref.WeakKeyDictionary()


def _paragraph_breaks(doc: Doc) -> list[int]:
    """Indices of the document's paragraph-break tokens, found once per document: walking the tokens between two
    words for every cue and speaker was a fifth of attribution's time."""
    if doc not in _BREAKS:
        # Only whitespace tokens can be breaks: building a Token for every word was most of this function's time.
        spaces = numpy.flatnonzero(doc.to_array("IS_SPACE")).tolist()
        _BREAKS[doc] = [i for i in spaces if "\n" in doc[i].text]
    return _BREAKS[doc]


def token_at(doc: Doc, char: int) -> Token:
    """The token holding a character offset (binary search; building every token would cost the document)."""
    low, high = 0, len(doc) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if doc[middle].idx <= char:
            low = middle
        else:
            high = middle - 1
    return doc[low]


def token_segments(tokens: list[Token]) -> list[tuple[int, int]]:
    """Contiguous runs of the given tokens as character ranges, without punctuation at their edges."""
    runs: list[list[Token]] = []
    for t in tokens:
        if paragraph_break(t):
            runs.append([])
        elif runs and runs[-1] and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    segments = []
    for run in runs:
        words = [i for i, t in enumerate(run) if not (t.is_punct or t.is_space)]
        if words:
            first, last = run[words[0]], run[words[-1]]
            segments.append((first.idx, last.idx + len(last.text)))
    return segments
