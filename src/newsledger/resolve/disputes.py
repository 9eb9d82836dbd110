"""Disputes the text itself states: one sentence sets one body's figure against another's.

"Israeli officials said about 26,000 people had been killed in Gaza, lower than the 27,708 reported by the health
ministry": the later figure records the earlier as the one it `disputes`, and the ledger lists the pair as a
conflict whatever their intervals (the interval of "about" may well hold both).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import alternation, load_phrases
from ..model import Article, Figure

DISPUTE_CUES = load_phrases("dispute_cues.txt", "newsledger.resolve")
_CUE = re.compile(r"(?<!\w)(?:" + alternation(DISPUTE_CUES, spaced=True) + r")(?!\w)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;]\s")


def mark_stated_disputes(article: Article, figures: list[Figure]) -> list[Figure]:
    """Between two neighbouring figures of one sentence, from two bodies, a comparison cue makes a dispute."""
    marked = list(figures[:1])
    for first, second in zip(figures, figures[1:]):
        between = article.text[first.span.end:second.span.start]
        if first.source_body and second.source_body and first.source_body != second.source_body \
                and first.category == second.category and _CUE.search(between) and not _SENTENCE_END.search(between):
            second = replace(second, disputes=first.id)
        marked.append(second)
    return marked
