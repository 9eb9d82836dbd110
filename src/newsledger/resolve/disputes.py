"""Disputes the text itself states: one sentence sets one body's figure against another's.

"Israeli officials said about 26,000 people had been killed in Gaza, lower than the 27,708 reported by the health
ministry": the later figure records the earlier as the one it `disputes`, and the ledger lists the pair as a
conflict whatever their intervals (the interval of "about" may well hold both).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import load_phrases
from ..model import Article, Figure

DISPUTE_CUES = load_phrases("dispute_cues.txt", "newsledger.resolve")
_CUE = re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, c.split())) for c in DISPUTE_CUES) + r")(?!\w)",
                  re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;]\s")


def mark_stated_disputes(article: Article, figures: list[Figure]) -> list[Figure]:
    """The figures with `disputes` set: between two neighbouring figures of one sentence, from two bodies, a
    comparison cue makes the later one dispute the earlier."""
    marked = figures[:1]
    for first, second in zip(figures, figures[1:]):
        marked.append(replace(second, disputes=first.id) if _disputes(article.text, first, second) else second)
    return marked


def _disputes(text: str, first: Figure, second: Figure) -> bool:
    between = text[first.span.end:second.span.start]
    return bool(first.source_body and second.source_body and first.source_body != second.source_body
                and first.category == second.category and _CUE.search(between)
                and not _SENTENCE_END.search(between))
