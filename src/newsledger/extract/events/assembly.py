"""Each trigger made an event: its arguments attached, its mode, modality and background read."""
from __future__ import annotations

from spacy.tokens import Doc

from ... import timex
from ...layout import layout
from ...model import Article, Event, Figure, Span, TimeExpr
from ...settings import DEFAULTS, Settings
from ..signals import dating_times
from .arguments import CASUALTY_CATEGORIES, attach, mention, participants, place_name, place_phrases
from .modality import after_publication, is_background, planned_and_negated
from .triggers import find_triggers, merge_consequences, mode_from_words


def extract_events(doc: Doc, article: Article, times: list[TimeExpr], figures: list[Figure],
                   settings: Settings = DEFAULTS) -> list[Event]:
    page = layout(doc)
    if not page.text.strip():
        return []
    found = merge_consequences([f for sent in doc.sents for f in find_triggers(sent)])
    owner = {token.i: f for f in found for token in f.anchors()}
    dates = attach(doc, owner, ((t.span, t) for t in dating_times(page.text, times)))
    places = attach(doc, owner, ((Span(p.start_char, p.end_char, p.text), p) for p in place_phrases(doc)))
    casualties = attach(doc, owner, ((f.span, f) for f in figures if f.category in CASUALTY_CATEGORIES))
    published = timex.day(article.published)
    events = []
    for f in sorted(found, key=lambda f: f.start):
        actor, target = participants(f)
        time = dates.get(id(f), [None])[0]
        place = places.get(id(f), [None])[0]
        date = time.value if time else None
        planned, negated = planned_and_negated(f)
        planned = planned or after_publication(date, published)
        events.append(Event(
            id=f"v{len(events) + 1}", type=f.type, mode=f.mode or mode_from_words(f),
            trigger=Span.of(page.text, f.start, f.end),
            sentence=Span.trimmed(page.text, page.sentence(f.anchor).start_char, page.sentence(f.anchor).end_char),
            actor_mention=mention(doc, actor), target_mention=mention(doc, target),
            date=date, place=place_name(place) if place else None,
            figures=[fig.id for fig in casualties.get(id(f), [])],
            planned=planned, negated=negated, background=not planned and is_background(f, date, published, settings.background_days),
        ))
    return events
