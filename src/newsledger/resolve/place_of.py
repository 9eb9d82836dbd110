"""The place of what is counted or what happened: a figure's or an event's Place among the article's places.

Not the dateline, not the reporting body's seat: "the Palestinian health ministry in Ramallah said two
Palestinians were killed near Tulkarem" is placed at Tulkarem, and "a US official said between 100 and 300 were
killed in the blast at a Gaza City hospital" at Gaza City. The place is taken from the sentence of the figure or
event: a place used as a place (literal, or modifying a noun as in "a Gaza City hospital"), not a demonym,
a government ("Washington said") or a name inside an organisation's; and not one named on the reporting side of
the sentence (before "said", "according to" ...) when the figure comes after it. Of the rest, the nearest after the
figure wins ("killed near Tulkarem"), then the nearest literal place before it ("In Khan Younis, 12 people were
killed").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace

from spacy.tokens import Doc

from ..layout import layout
from ..lexicon import data_lines
from ..model import Article, Event, Figure, Place, Span
from ..offsets import SpanIndex

ATTRIBUTION_WORDS = frozenset(data_lines("place_attribution_words.txt", "newsledger.resolve"))
PLACE_TYPES = {"literal", "modifier"}
_WORD = re.compile(r"[A-Za-z]+")


def place_of(target: Span, sentence: Span, places: SpanIndex[Place], text: str,
             actors: tuple[Span, ...] = ()) -> Place | None:
    """The place a figure or event at `target` is located at, among the article's resolved places (by offset). A
    place inside the `actors` of the sentence's events names who did something, not where: "Israel and Palestinian
    militants blamed each other for the explosion, which hit the hospital courtyard"."""
    candidates = [p for p in places.starting_in(sentence.start, sentence.end) if p.name and p.type in PLACE_TYPES
                  and p.span.end <= sentence.end and not (target.start <= p.span.start < target.end)
                  and not any(actor.start <= p.span.start < actor.end for actor in actors)]
    after = [p for p in candidates if p.span.start >= target.end]
    # Before the figure only a place itself counts: a modifier there names who acts or reports ("a US envoy met",
    # "the Gaza health ministry said 12 were killed"), while after it, it names where ("at a Gaza City hospital").
    before = [p for p in candidates if p.span.end <= target.start and p.type == "literal"
              and not _reported_side(text, p.span, target)]
    if after:
        return min(after, key=lambda p: p.span.start)
    return max(before, key=lambda p: p.span.start) if before else None


def _reported_side(text: str, place: Span, target: Span) -> bool:
    """A reporting word stands between the place and the figure: the place is the source's, not the count's."""
    return any(word.lower() in ATTRIBUTION_WORDS for word in _WORD.findall(text[place.end:target.start]))


class _Sentences:
    """The sentence around an offset, by bisecting sentence starts."""

    def __init__(self, doc: Doc) -> None:
        self.sentences = layout(doc).sentences
        self.starts = [s.start_char for s in self.sentences]

    def at(self, offset: int) -> Span:
        sentence = self.sentences[max(0, bisect.bisect_right(self.starts, offset) - 1)]
        return Span(sentence.start_char, sentence.end_char, "")


def _placeable(doc: Doc, article: Article, places: list[Place]) -> SpanIndex[Place]:
    """The places a figure or event may be at, by offset: not those of the dateline ("GAZA CITY (AP) —" says where
    the report was filed, not where its figures were counted)."""
    text = layout(doc).text
    dateline_end = len(article.dateline) if article.dateline and text.startswith(article.dateline) else 0
    return SpanIndex((p.span.start, p.span.end, p) for p in places if p.span.start >= dateline_end)


def place_figures(doc: Doc, article: Article, figures: list[Figure], places: list[Place]) -> list[Figure]:
    """The figures pointed at the place of what they count (`place_id`; `place` becomes that mention's text)."""
    candidates, sentences, text = _placeable(doc, article, places), _Sentences(doc), layout(doc).text
    placed = []
    for figure in figures:
        chosen = place_of(figure.span, sentences.at(figure.span.start), candidates, text) if candidates else None
        placed.append(replace(figure, place=chosen.span.text, place_id=chosen.id) if chosen else figure)
    return placed


def place_events(doc: Doc, article: Article, events: list[Event], places: list[Place]) -> list[Event]:
    """The events pointed at the place where they happened."""
    candidates, text = _placeable(doc, article, places), layout(doc).text
    actors: dict[tuple[int, int], tuple[Span, ...]] = {}
    for event in events:
        if event.actor_mention is not None:
            key = (event.sentence.start, event.sentence.end)
            actors[key] = (*actors.get(key, ()), event.actor_mention)
    placed = []
    for event in events:
        sentence_actors = actors.get((event.sentence.start, event.sentence.end), ())
        chosen = place_of(event.trigger, event.sentence, candidates, text, sentence_actors) if candidates else None
        placed.append(replace(event, place=chosen.span.text, place_id=chosen.id) if chosen else event)
    return placed
