"""Link figure sources and event actors/targets to the article's entities by the mentions they overlap."""
from __future__ import annotations

from dataclasses import replace

from ..model import Entity, Event, Figure, Quote, Span, SpeakerRef


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


def link_figures(entities: list[Entity], quotes: list[Quote], figures: list[Figure]) -> list[Figure]:
    """The figures with `source_entity` set: the entity their source names, else the speaker of their quote."""
    speaker_of = {q.id: q.speaker for q in quotes}
    return [replace(figure, source_entity=_source_entity(entities, speaker_of, figure)) for figure in figures]


def _source_entity(entities: list[Entity], speaker_of: dict[str, SpeakerRef | None], figure: Figure) -> str | None:
    if figure.source_entity:
        return figure.source_entity
    entity = entity_at(entities, figure.source)
    if entity:
        return entity.id
    speaker = speaker_of.get(figure.quote) if figure.quote else None
    return speaker.entity if speaker else None


def link_events(entities: list[Entity], events: list[Event]) -> list[Event]:
    """The events with `actor` and `target` set to the entities their mentions name."""
    return [replace(event, actor=event.actor or _entity_id(entities, event.actor_mention),
                    target=event.target or _entity_id(entities, event.target_mention)) for event in events]


def _entity_id(entities: list[Entity], span: Span | None) -> str | None:
    entity = entity_at(entities, span)
    return entity.id if entity else None
