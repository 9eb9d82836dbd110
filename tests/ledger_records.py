"""Building Records by hand for the ledger tests: spans are found in the text, so offsets are always right."""
from __future__ import annotations

from newsledger.clean import paragraph_spans
from newsledger.model import Article, Entity, Figure, Quote, Record, Span, SpeakerRef, TimeExpr, Voice


def span(text: str, words: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span.of(text, start, start + len(words))


def article(text: str, published: str, outlet: str = "Wire", headline: str | None = None) -> Article:
    return Article(id=Article.id_for(text), source_path=f"{outlet}-{published}.txt", text=text,
                   paragraphs=paragraph_spans(text), headline=headline, published=published, outlet=outlet)


def entity(text: str, local: str, name: str, kind: str = "PERSON", titles: tuple[str, ...] = (),
           mentions: tuple[str, ...] = ()) -> Entity:
    return Entity(id=local, name=name, type=kind, titles=list(titles),
                  mentions=[span(text, m) for m in (mentions or (name,))])


def quote(text: str, local: str, content: str, speaker: Entity | None, mention: str | None, cue: str = "said",
          mention_nth: int = 0) -> Quote:
    return Quote(id=local, kind="direct", content=[span(text, content)], cue=span(text, cue),
                 speaker_mention=span(text, mention, mention_nth) if mention else None,
                 speaker=SpeakerRef(speaker.id, speaker.name, speaker.type) if speaker else None)


def figure(text: str, local: str, words: str, value: float, category: str, *, qualifier: str = "exact",
           as_of: str | None = None, place: str | None = "Gaza", source: str | None = None,
           source_entity: str | None = None, low: float | None = None, high: float | None = None) -> Figure:
    return Figure(id=local, span=span(text, words), number=words, value=value, low=low if low is not None else value,
                  high=high, qualifier=qualifier, category=category, unit="people",
                  source=span(text, source) if source else None, source_entity=source_entity,
                  as_of=as_of, place=place)


def time(text: str, local: str, words: str, value: str) -> TimeExpr:
    return TimeExpr(id=local, span=span(text, words), type="DATE", value=value)


def record(art: Article, entities=(), quotes=(), figures=(), times=()) -> Record:
    voice = [Voice(sentence=q.content[0], voice="quoted", quote=q.id) for q in quotes]
    return Record(article=art, entities=list(entities), quotes=list(quotes), figures=list(figures),
                  times=list(times), voice=voice)
