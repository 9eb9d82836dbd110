"""Each trigger made an event: its arguments attached, its mode, modality and background read."""
from __future__ import annotations

from spacy.tokens import Doc

from ...layout import layout
from ...model import Article, Event, Figure, Span, TimeExpr
from ..signals import dating_times
from .arguments import CASUALTY_CATEGORIES, attach, mention, participants, place_name, place_phrases
from .modality import after_publication, as_date, is_background, planned_and_negated
from .triggers import find_triggers, merge_consequences, mode_from_words


def extract_events(doc: Doc, article: Article, times: list[TimeExpr], figures: list[Figure]) -> list[Event]:
    page = layout(doc)
    if not page.text.strip():
        return []
    found = merge_consequences([f for sent in doc.sents for f in find_triggers(sent)])
    owner = {token.i: f for f in found for token in f.anchors()}
    dates = attach(doc, owner, ((t.span, t) for t in dating_times(page.text, times)))
    places = attach(doc, owner, ((Span(p.start_char, p.end_char, p.text), p) for p in place_phrases(doc)))
    casualties = attach(doc, owner, ((f.span, f) for f in figures if f.category in CASUALTY_CATEGORIES))
    published = as_date(article.published)
    events = []
    for f in sorted(found, key=lambda f: f.start):
        actor, target = participants(f)
        time = dates.get(id(f), [None])[0]
        place = places.get(id(f), [None])[0]
        event = Event(
            id=f"v{len(events) + 1}", type=f.type, mode=f.mode or mode_from_words(f),
            trigger=Span.of(page.text, f.start, f.end),
            sentence=Span.trimmed(page.text, page.sentence(f.anchor).start_char, page.sentence(f.anchor).end_char),
            actor_mention=mention(doc, actor), target_mention=mention(doc, target),
            date=time.value if time else None, place=place_name(place) if place else None,
            figures=[fig.id for fig in casualties.get(id(f), [])],
        )
        event.planned, event.negated = planned_and_negated(f)
        event.planned = event.planned or after_publication(event.date, published)
        event.background = not event.planned and is_background(f, event.date, published)
        events.append(event)
    return events
