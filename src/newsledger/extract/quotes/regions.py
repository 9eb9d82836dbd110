"""Quotation-mark regions: the text between a pair of marks, or from an unmatched opener to the end of its paragraph.

Curly, straight and doubled marks; a single mark only at a word boundary (inside a word it is an apostrophe).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Two apostrophes stand for a double mark in some newsroom systems ("''It is disqualifying,'' he said").
OPENERS = {"“": "”", '"': '"', "''": "''", "‘": "’", "«": "»"}
_SYMMETRIC = {'"', "''"}
# Mismatched double marks still close: '“Deals should not be a requirement," he said', '"You know, we learned a
# lot,” he said'.
_MIXED_PAIRS = {("“", '"'), ('"', "”"), ("“", "’’")}
# An opening mark typed where a closer belongs: '“... real problems for her here,“ said Jim Clyburn'.
_OPENER_AS_CLOSER = re.compile(r"(?<=[\w.,!?…])“(?=$|[\s.,;:!?)\]—–-])")
# Two closing single marks stand for a closing double mark ('“It was an attempt to mislead voters,’’ he told').
MARKS = re.compile(r"''|’’|[“”\"‘’«»]")
# A single mark only opens or closes a quote at a word boundary; inside a word it is an apostrophe.
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))‘(?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…])’(?=$|[\s.,;:!?)\]—–-])")
TRAILING = " \t\xa0\"“”"
# News copy runs a quote over several paragraphs by opening each with a mark and closing only the last. Where the
# paragraphs share a line (a page whose breaks were lost: '... Education. "A census report ... 0.8 per cent'), a
# mark opening a word after the end of a sentence reopens the quote rather than closing it.
_OPENS_WORD = re.compile(r"[\"“](?=[\w‘'])")
_SENTENCE_ENDS = (".", "!", "?", "…")


@dataclass
class Region:
    """The text between a pair of quotation marks (or from an unmatched opener to the end of its paragraph)."""

    start: int
    end: int
    opens_paragraph: bool
    used: bool = False
    # Reopened after the region before it, which the copy never closed: the same quote goes on.
    continues: bool = False


def quote_regions(text: str) -> list[Region]:
    regions: list[Region] = []
    for line in re.finditer(r"[^\n]+", text):
        regions += _line_regions(text, line.start(), line.end())
    return regions


def _line_regions(text: str, start: int, end: int) -> list[Region]:
    line = text[start:end]
    first_visible = len(line) - len(line.lstrip())
    regions = []
    opener: tuple[str, int] | None = None
    continued = False
    for mark in MARKS.finditer(line):
        char, at = mark.group(), mark.start()
        if char in "‘’" and not (_SINGLE_OPEN.match(line, at) if char == "‘" else _SINGLE_CLOSE.match(line, at)):
            continue
        if opener is None:
            if char in OPENERS and (char != "‘" or _SINGLE_OPEN.match(line, at)):
                opener = (char, at)
            elif char == "”" and at == first_visible:
                opener = ("“", at)  # a closing mark typed at the start of a quote ('”Fear. I am afraid.”')
            continue
        open_char, open_at = opener
        region_start = start + open_at + len(open_char)
        if char == open_char and _after_sentence(line, at) and _OPENS_WORD.match(line, at):
            # '“... reliable. “Here we are ...': the quote goes on in a new paragraph.
            regions.append(_region(text, region_start, start + at, open_at == first_visible, continued))
            opener, continued = (char, at), True
        # A straight mark also closes a curly opener ('“Deals should not be a requirement," he said').
        elif (char == OPENERS[open_char] or (open_char, char) in _MIXED_PAIRS
                or (open_char == "“" and _OPENER_AS_CLOSER.match(line, at))):
            regions.append(_region(text, region_start, start + at, open_at == first_visible, continued))
            opener, continued = None, False
        elif char == open_char and char not in _SYMMETRIC:
            # A second opener before any closer, inside a sentence: the first was never closed; start again here.
            opener = (char, at)
    if opener is not None:
        regions.append(_region(text, start + opener[1] + len(opener[0]), end, opener[1] == first_visible, continued))
    return [r for r in regions if r.end > r.start and any(c.isalpha() for c in text[r.start:r.end])]


def _after_sentence(line: str, at: int) -> bool:
    """Whether a sentence ends, then a space, right before `at` (a few characters are read, never the line)."""
    window = line[max(0, at - 8):at]
    before = window.rstrip(" \t\xa0")
    return len(before) < len(window) and before.endswith(_SENTENCE_ENDS)


def _region(text: str, start: int, end: int, opens_paragraph: bool, continues: bool = False) -> Region:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Region(start, end, opens_paragraph, continues=continues)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return start, end
