"""The data path, top to bottom: ingest -> clean -> nlp -> extract -> resolve, one Record per article."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from . import nlp
from .clean import clean
from .extract.entities import extract_entities
from .extract.events import extract_events
from .extract.figures import extract_figures
from .extract.places import extract_places
from .extract.quotes import extract_quotes, sentence_voice
from .extract.times import extract_times
from .ingest import DEFAULT_MAX_BYTES, ReadProblem, read_inputs
from .model import Article, RawArticle, Record
from .resolve.links import link_entities
from .resolve.place_of import assign_places
from .resolve.places import resolve_places, retype_place_entities
from .resolve.speakers import resolve_speakers
from .store import Store
from .track import refresh as refresh_ledger


def analyse(article: Article, doc: Doc) -> Record:
    """Run every extractor over one parsed article and resolve what they found."""
    entities = extract_entities(doc)
    times = extract_times(doc, article.published)
    quotes = extract_quotes(doc)
    resolve_speakers(doc, quotes, entities)
    figures = extract_figures(doc, article, quotes, times)
    events = extract_events(doc, article, times, figures)
    link_entities(entities, quotes, figures, events)
    places = resolve_places(extract_places(doc), article)
    retype_place_entities(entities, places)
    assign_places(doc, article, figures, events, places)
    return Record(article=article, entities=entities, quotes=quotes, figures=figures, times=times,
                  events=events, voice=sentence_voice(doc, quotes), places=places)


def analyse_articles(articles: Iterable[Article], batch_size: int = 32) -> Iterator[Record | ReadProblem]:
    """Parse articles in spaCy batches and analyse each; order is kept.

    An article that an extractor fails on comes back as a ReadProblem, so one bad page never stops a run.
    """
    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= batch_size:
            yield from _analyse_batch(pending, batch_size)
            pending = []
    if pending:
        yield from _analyse_batch(pending, batch_size)


def _analyse_batch(articles: list[Article], batch_size: int) -> Iterator[Record | ReadProblem]:
    # Each batch's new strings and lexemes are evicted from the shared vocab when it is done: without the zone a
    # long archive run grows without bound. Records hold plain values, so nothing outlives the zone.
    with nlp.load().memory_zone():
        docs = nlp.parse_many((a.text for a in articles), batch_size=batch_size)
        for article, doc in zip(articles, docs):
            try:
                yield analyse(article, doc)
            except Exception as exc:  # an extractor bug must cost one article, not the run
                yield ReadProblem(article.source_path, f"analysis failed ({type(exc).__name__}: {exc})")


def clean_inputs(
    paths: list[str],
    *,
    verbatim: bool = False,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | ReadProblem]:
    """Read and clean every input; problems are passed through so callers can report them."""
    for item in read_inputs(paths, max_bytes=max_bytes):
        if isinstance(item, ReadProblem):
            yield item
            continue
        yield clean_one(item, verbatim=verbatim, published=published)


def clean_one(raw: RawArticle, *, verbatim: bool = False, published: str | None = None) -> Article:
    article = clean(raw, verbatim=verbatim)
    if article.published is None and published:
        article.published = published
        article.published_from = "cli"
    return article


@dataclass
class IngestSummary:
    added: int = 0
    already: int = 0
    problems: list[ReadProblem] = field(default_factory=list)


def ingest_into(
    store: Store,
    paths: list[str],
    *,
    verbatim: bool = False,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_input: Callable[[Article | ReadProblem], None] = lambda item: None,
) -> IngestSummary:
    """Read, analyse and store every input, then bring the cross-article tables up to date.

    Articles already stored are skipped before the costly NLP pass.
    """
    summary = IngestSummary()

    def fresh(items: Iterable[Article | ReadProblem]) -> Iterator[Article]:
        for item in items:
            on_input(item)
            if isinstance(item, ReadProblem):
                summary.problems.append(item)
            elif store.has_article(item.id):
                summary.already += 1
            else:
                yield item

    inputs = clean_inputs(paths, verbatim=verbatim, published=published, max_bytes=max_bytes)
    for record in analyse_articles(fresh(inputs)):
        if isinstance(record, ReadProblem):
            on_input(record)
            summary.problems.append(record)
        elif store.save(record):
            summary.added += 1
        else:  # the same text twice in one run
            summary.already += 1
    if summary.added:
        refresh_ledger(store)
    return summary
