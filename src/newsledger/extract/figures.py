"""Reported figures. Filled in by the figures engine (issue 4)."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, Figure, Quote, TimeExpr


def extract_figures(doc: Doc, article: Article, quotes: list[Quote], times: list[TimeExpr]) -> list[Figure]:
    return []
