"""Time expressions resolved against the publication date (TIMEX3). Filled in by the time engine (issue 5)."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import TimeExpr


def extract_times(doc: Doc, published: str | None) -> list[TimeExpr]:
    return []
