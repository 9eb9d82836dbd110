"""Each body sentence as the outlet's own voice or a reported one."""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from ...layout import layout
from ...model import Quote, Span, Voice

# What is not a letter or digit: `[^\W_]` is exactly str.isalnum, so deleting these leaves the characters counted.
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")


def sentence_voice(doc: Doc, quotes: list[Quote]) -> list[Voice]:
    """Each body sentence as the outlet's own voice or a reported one (the quote covering most of it).

    A quote covers its content, cue and speaker: '"We will not stop," Hamdan said.' is a reported sentence.
    """
    page = layout(doc)
    text = page.text
    segments = sorted((s.start, s.end, q.id) for q in quotes
                      for s in [*q.content, q.cue, q.speaker_mention] if s is not None)
    starts = [s[0] for s in segments]
    # No segment starts further back than this before a sentence it reaches.
    longest = max((end - start for start, end, _ in segments), default=0)
    voices = []
    for sent in page.sentences:
        sentence = Span.trimmed(text, sent.start_char, sent.end_char)
        start, end = sentence.start, sentence.end
        letters = _letters(text, start, end)
        if not letters:
            continue
        covered: dict[str, int] = {}
        # Segments are sorted by start; only those starting within `longest` before the sentence, and before it
        # ends, can overlap it.
        nearby = segments[bisect.bisect_left(starts, start - longest):bisect.bisect_left(starts, end)]
        for seg_start, seg_end, quote_id in nearby:
            lo, hi = max(start, seg_start), min(end, seg_end)
            if lo < hi:
                covered[quote_id] = covered.get(quote_id, 0) + _letters(text, lo, hi)
        best = max(covered, key=covered.get, default=None)
        if best is not None and covered[best] * 2 > letters:
            voices.append(Voice(sentence, "quoted", best))
        else:
            voices.append(Voice(sentence, "narrator", None))
    return voices


def _letters(text: str, start: int, end: int) -> int:
    """How many letters and digits text[start:end] holds."""
    return len(_NOT_ALPHANUMERIC.sub("", text[start:end]))
