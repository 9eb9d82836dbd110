"""Speaker resolution within an article (issue 3): pronouns, descriptions, appositions, titles."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Entity, Quote


def resolve_speakers(doc: Doc, quotes: list[Quote], entities: list[Entity]) -> None:
    """Fill `speaker` and `speaker_description` of each quote in place."""
