"""What one line of a page copy is, judged from its own text: the lexicons and patterns in clean/data."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import data_lines, load_phrases

_PACKAGE = "newsledger.clean"
FURNITURE = frozenset(load_phrases("furniture.txt", package=_PACKAGE))
SECTION_MARKERS = frozenset(load_phrases("section_markers.txt", package=_PACKAGE))
# Bylines and datelines are told apart from sentences by capital letters, so they are matched case-sensitively.
_CASE_SENSITIVE_KINDS = {"byline", "dateline"}
_EDGE_NOISE = re.compile(r"^[\W_]+|[\W_]+$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
OPENING_QUOTES = "\"'“‘«„‹"
PROSE_MIN_WORDS = 25


@lru_cache(maxsize=None)
def patterns(kind: str) -> tuple[re.Pattern, ...]:
    flags = 0 if kind in _CASE_SENSITIVE_KINDS else re.IGNORECASE
    table = (line.split("\t", 1) for line in data_lines("line_patterns.tsv", package=_PACKAGE))
    return tuple(re.compile(regex, flags) for name, regex in table if name == kind)


def phrase_key(line: str) -> str:
    """The line as the lexicons list it: lower case, without bullets, arrows or trailing punctuation."""
    return " ".join(_EDGE_NOISE.sub("", line).lower().split())


def is_furniture(line: str) -> bool:
    return phrase_key(line) in FURNITURE or any(p.match(line) for p in patterns("furniture"))


def is_section_marker(line: str) -> bool:
    return phrase_key(line) in SECTION_MARKERS


def is_caption(line: str) -> bool:
    return any(p.match(line) for p in patterns("caption"))


def byline(line: str) -> str | None:
    if len(line.split()) > 14:
        return None
    match = next((m for p in patterns("byline") if (m := p.match(line))), None)
    return match.group("name").strip() if match else None


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """("GAZA CITY (AP) —", rest of the paragraph) when the paragraph opens with a dateline."""
    for pattern in patterns("dateline"):
        match = pattern.match(paragraph)
        if match and match.end() < len(paragraph):
            return match.group("dateline"), paragraph[match.end():]
    return None, paragraph


def is_prose(line: str) -> bool:
    """A sentence of running text, as opposed to a headline, label or link: quote paragraphs always count."""
    words = len(line.split())
    if _SENTENCE_END.search(line) or words >= PROSE_MIN_WORDS:
        return True
    return line[:1] in OPENING_QUOTES and words >= 2


def ends_like_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) and not line.rstrip("\"'”’»)]").endswith(("?", "!"))


def word_count(line: str) -> int:
    return len(line.split())
