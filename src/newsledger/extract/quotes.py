"""Attributions: who said what. Filled in by the attribution engine (issue 3)."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Quote, Voice


def extract_quotes(doc: Doc) -> list[Quote]:
    return []


def sentence_voice(doc: Doc, quotes: list[Quote]) -> list[Voice]:
    return []
