"""Events (PLOVER). Filled in by the events engine (issue 8)."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, Event, Figure, TimeExpr


def extract_events(doc: Doc, article: Article, times: list[TimeExpr], figures: list[Figure]) -> list[Event]:
    return []
