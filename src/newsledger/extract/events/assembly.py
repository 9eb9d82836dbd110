"""Each trigger made an event: its arguments attached, its mode, modality and background read."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...layout import layout
from ...model import Article, Event, Figure, Span, TimeExpr
from ..signals import dating_times
from .arguments import CASUALTY_CATEGORIES, attach, mention, participants, place_name, place_phrases
from .modality import after_publication, as_date, is_background, is_hypothetical, planned_and_negated
from .triggers import Trigger, find_triggers, merge_consequences, mode_from_words

ANAPHORIC_DETERMINERS = {"the", "this", "that", "these", "those"}


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
        event.hypothetical = is_hypothetical(f)
        event.planned = event.planned or after_publication(event.date, published)
        event.background = not event.planned and is_background(f, event.date, published)
        told = _told_before(f, event, events)
        if told is not None:
            told.figures = told.figures or event.figures
            continue
        _recall_participants(f, event, events)
        events.append(event)
    return events


def _recall_participants(f: Trigger, event: Event, events: list[Event]) -> None:
    """ "Israeli warplanes struck Rafah overnight. ... The strike destroyed two homes": an event noun that points
    back, with no actor of its own, is the last earlier event of its type retold, and takes its actor, and its
    target and place where it names none."""
    if f.verbal or event.actor_mention is not None or not _points_back(f.anchor):
        return
    earlier = next((e for e in reversed(events) if e.actor_mention is not None and e.type == event.type), None)
    if earlier is None:
        return
    event.actor_mention = earlier.actor_mention
    event.target_mention = event.target_mention or earlier.target_mention
    event.place = event.place or earlier.place


def _told_before(f: Trigger, event: Event, events: list[Event]) -> Event | None:
    """The earlier event a definite event noun tells again: after "a roadside bomb exploded near the convoy",
    "the explosion circulated on social media" and "the attack killed 13" are the same event, not new ones. The
    noun must point back ("the", "this", "Saturday's") and agree with the earlier event on type and on every
    actor, target, place and date both name."""
    if f.verbal or not _points_back(f.anchor):
        return None
    for earlier in reversed(events):
        if earlier.sentence != event.sentence:
            return None
        if earlier.type == event.type and not earlier.negated and all(
                _compatible(getattr(earlier, name), getattr(event, name)) for name in ("date", "place")) and all(
                _compatible(_text(getattr(earlier, name)), _text(getattr(event, name)))
                for name in ("actor_mention", "target_mention")):
            return earlier
    return None


def _points_back(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS
               or c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME") for c in noun.children)


def _compatible(a: str | None, b: str | None) -> bool:
    return not a or not b or a.lower() == b.lower()


def _text(span: Span | None) -> str | None:
    return span.text if span else None
