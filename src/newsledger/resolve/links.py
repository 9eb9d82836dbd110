"""Link figure sources and event actors/targets to the article's entities by the mentions they overlap."""
from __future__ import annotations

from ..model import Entity, Event, Figure, Quote, Span


def entity_at(entities: list[Entity], span: Span | None) -> Entity | None:
    """The entity with a mention inside `span` (the rightmost, which is the head of "US envoy Antony Blinken")."""
    if span is None:
        return None
    best: tuple[int, Entity] | None = None
    for entity in entities:
        for mention in entity.mentions:
            if span.contains(mention) and (best is None or mention.start > best[0]):
                best = (mention.start, entity)
    return best[1] if best else None


def link_entities(entities: list[Entity], quotes: list[Quote], figures: list[Figure], events: list[Event]) -> None:
    speaker_of = {q.id: q.speaker for q in quotes}
    for figure in figures:
        if figure.source_entity:
            continue
        entity = entity_at(entities, figure.source)
        if entity:
            figure.source_entity = entity.id
        elif figure.quote and speaker_of.get(figure.quote):
            figure.source_entity = speaker_of[figure.quote].entity
    for event in events:
        if event.actor is None and (actor := entity_at(entities, event.actor_mention)):
            event.actor = actor.id
        if event.target is None and (target := entity_at(entities, event.target_mention)):
            event.target = target.id
