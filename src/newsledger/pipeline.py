"""The data path, top to bottom: ingest -> clean -> nlp -> extract -> resolve, one Record per article."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from . import nlp
from .budget import Budget, OverBudget, held_to
from .clean import clean
from .extract.entities import extract_entities
from .extract.events import extract_events
from .extract.figures import extract_figures
from .extract.quotes import extract_quotes, sentence_voice
from .extract.times import extract_times
from .ingest import DEFAULT_MAX_BYTES, ReadProblem, read_inputs
from .model import Article, RawArticle, Record
from .resolve.links import link_entities
from .resolve.speakers import resolve_speakers
from .store import LedgerUnavailable, Store
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
    return Record(article=article, entities=entities, quotes=quotes, figures=figures, times=times,
                  events=events, voice=sentence_voice(doc, quotes))


def analyse_articles(articles: Iterable[Article | ReadProblem], batch_size: int = 32,
                     budget: Budget = Budget()) -> Iterator[Record | ReadProblem]:
    """Parse articles in spaCy batches and analyse each; order is kept, problems are passed through in place.

    An article that fails to parse or that an extractor fails on, or whose analysis goes over its time or memory
    budget, comes back as a ReadProblem, so one bad page never stops a run.
    """
    pending: list[Article] = []
    for article in articles:
        if isinstance(article, ReadProblem):
            yield from _analyse_batch(pending, batch_size, budget)
            pending = []
            yield article
            continue
        pending.append(article)
        if len(pending) >= batch_size:
            yield from _analyse_batch(pending, batch_size, budget)
            pending = []
    yield from _analyse_batch(pending, batch_size, budget)


def _analyse_batch(articles: list[Article], batch_size: int, budget: Budget) -> Iterator[Record | ReadProblem]:
    if not articles:
        return
    # Each batch's new strings and lexemes are evicted from the shared vocab when it is done: without the zone a
    # long archive run grows without bound. Records hold plain values, so nothing outlives the zone.
    with nlp.load().memory_zone():
        docs = nlp.parse_batch([a.text for a in articles], batch_size=batch_size)
        for article, doc in zip(articles, docs):
            if isinstance(doc, Exception):
                yield _problem(article, "parsing failed", doc)
                continue
            try:
                with held_to(budget) as over:
                    record = analyse(article, doc)
            except OverBudget:
                yield ReadProblem(article.source_path, f"skipped: its analysis {over[0] if over else 'ran over budget'}"
                                  f" ({len(article.text):,} characters)")
                continue
            except Exception as exc:  # an extractor bug must cost one article, not the run
                yield _problem(article, "analysis failed", exc)
                continue
            yield record


def _problem(article: Article | RawArticle, what: str, exc: BaseException) -> ReadProblem:
    return ReadProblem(article.source_path, f"{what} ({type(exc).__name__}: {_first_line(exc)})")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:300]


def clean_inputs(
    paths: list[str],
    *,
    verbatim: bool = False,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | ReadProblem]:
    """Read and clean every input; problems are passed through so callers can report them."""
    yield from clean_raw(read_inputs(paths, max_bytes=max_bytes), verbatim=verbatim, published=published)


def clean_raw(raws: Iterable[RawArticle | ReadProblem], *, verbatim: bool = False,
              published: str | None = None) -> Iterator[Article | ReadProblem]:
    """Clean each raw article; one that cannot be cleaned, or whose body comes out empty, becomes a ReadProblem.

    An empty body is never an article: HTML whose body no extractor finds (100,000 nested divs) once became an empty
    article, and every later one was merged into it, since the id is the hash of the text.
    """
    for raw in raws:
        if isinstance(raw, ReadProblem):
            yield raw
            continue
        try:
            article = clean_one(raw, verbatim=verbatim, published=published)
        except Exception as exc:  # a cleaner bug must cost one article, not the run
            yield _problem(raw, "cleaning failed", exc)
            continue
        if not article.text.strip():
            yield ReadProblem(raw.source_path, "no article text found (the page's body could not be extracted)")
        else:
            yield article


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

    Articles already stored are skipped before the costly NLP pass. An article that cannot be stored is reported
    and the run goes on; a ledger that takes no writes at all (disk full, read-only) raises LedgerUnavailable.
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
            continue
        try:
            added = store.save(record)
        except LedgerUnavailable:
            raise
        except Exception as exc:  # this article's rows, not the ledger: the others are still stored
            problem = _problem(record.article, "could not be stored", exc)
            on_input(problem)
            summary.problems.append(problem)
            continue
        if added:
            summary.added += 1
        else:  # the same text twice in one run
            summary.already += 1
    if summary.added:
        refresh_ledger(store)
    return summary
