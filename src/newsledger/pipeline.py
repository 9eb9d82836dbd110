"""The data path, top to bottom: ingest -> clean -> nlp -> extract -> resolve, one Record per article."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from . import nlp
from .budget import Budget, OverBudget, held_to
from .clean import clean
from .extract.entities import extract_entities
from .extract.events import extract_events
from .extract.figures import extract_figures
from .extract.places import extract_places
from .extract.quotes import extract_quotes, quotes_and_views, sentence_voice
from .extract.times import extract_times
from .ingest import DEFAULT_MAX_BYTES, ReadProblem, read_inputs
from .model import Article, RawArticle, Record
from .resolve.actors import resolve_event_actors
from .resolve.bodies import resolve_figure_bodies
from .resolve.disputes import mark_stated_disputes
from .resolve.entity_types import correct_entity_types
from .resolve.links import link_events, link_figures
from .resolve.place_of import place_events, place_figures
from .resolve.places import resolve_places, retype_place_entities
from .resolve.speakers import resolve_speakers
from .settings import Settings
from .store import LedgerUnavailable, Store
from .track import refresh as refresh_ledger


@dataclass(frozen=True)
class Step:
    """One step of the analysis: `run` is called with the values named in `reads` and returns the value `writes`
    names. A step that writes a name already written (speaker resolution writes "quotes") hands on complete new
    records in place of the earlier ones."""

    name: str
    reads: tuple[str, ...]
    writes: str
    run: Callable[..., Any]


# The analysis of one parsed article, in order. "doc", "article", "published" and "settings" are given; every
# other name is written by a step before any step reads it.
STEPS: tuple[Step, ...] = (
    Step("entities", ("doc",), "entities", extract_entities),
    Step("entity types", ("entities", "article"), "entities", correct_entity_types),
    Step("places", ("doc",), "toponyms", extract_places),
    Step("place resolution", ("toponyms", "article"), "places", resolve_places),
    Step("place entities", ("entities", "places"), "entities", retype_place_entities),
    Step("times", ("doc", "published", "settings"), "times", extract_times),
    Step("attribution", ("doc",), "quotes", extract_quotes),
    Step("speakers", ("doc", "quotes", "entities", "settings"), "quotes", resolve_speakers),
    Step("figures", ("doc", "article", "quotes", "times"), "figures", extract_figures),
    Step("figure sources", ("entities", "quotes", "figures"), "figures", link_figures),
    Step("figure bodies", ("article", "figures", "entities", "quotes"), "figures", resolve_figure_bodies),
    Step("stated disputes", ("article", "figures"), "figures", mark_stated_disputes),
    Step("figure places", ("doc", "article", "figures", "places"), "figures", place_figures),
    Step("events", ("doc", "article", "times", "figures", "settings"), "events", extract_events),
    Step("event participants", ("entities", "events"), "events", link_events),
    Step("event actors", ("article", "events", "entities", "places"), "events", resolve_event_actors),
    Step("event places", ("doc", "article", "events", "places"), "events", place_events),
    Step("voice", ("doc", "quotes"), "voice", sentence_voice),
)
GIVEN = ("doc", "article", "published", "settings")


def steps_for(wanted: Iterable[str], steps: Sequence[Step] = STEPS) -> list[Step]:
    """The steps, in order, that the wanted values depend on: every step writing a wanted name, and what they read."""
    needed = set(wanted)
    chosen = []
    for step in reversed(steps):
        if step.writes in needed:
            chosen.append(step)
            needed.update(step.reads)
    return chosen[::-1]


def run_steps(article: Article, doc: Doc, wanted: Iterable[str] | None = None,
              timings: dict[str, float] | None = None, settings: Settings | None = None,
              clock: Callable[[], float] = time.perf_counter) -> dict[str, Any]:
    """Run the steps the wanted values need (all of them by default) and return every value written.

    With `timings`, each step's seconds by `clock` are added to it under the step's name (`time.process_time`
    counts only this process's work, on a machine that others share). Without `settings`, those of the environment
    (`Settings.from_env()`).
    """
    values: dict[str, Any] = {"doc": doc, "article": article, "published": article.published,
                              "settings": settings or Settings.from_env()}
    for step in STEPS if wanted is None else steps_for(wanted):
        started = clock()
        values[step.writes] = step.run(*(values[name] for name in step.reads))
        if timings is not None:
            timings[step.name] = timings.get(step.name, 0.0) + clock() - started
    return values


def analyse(article: Article, doc: Doc, timings: dict[str, float] | None = None,
            settings: Settings | None = None, clock: Callable[[], float] = time.perf_counter) -> Record:
    """Run every step over one parsed article (`timings` and `clock` as for `run_steps`)."""
    values = run_steps(article, doc, timings=timings, settings=settings, clock=clock)
    quotes, views = quotes_and_views(values["quotes"])
    return Record(article=article, entities=values["entities"], quotes=quotes, views=views, figures=values["figures"],
                  times=values["times"], events=values["events"], voice=values["voice"], places=values["places"])


def analyse_articles(articles: Iterable[Article | ReadProblem], batch_size: int | None = None,
                     settings: Settings | None = None, budget: Budget = Budget()) -> Iterator[Record | ReadProblem]:
    """Parse articles in spaCy batches (of `settings.batch_size` unless `batch_size` is given) and analyse each;
    order is kept, problems are passed through in place.

    An article that fails to parse or that an extractor fails on, or whose analysis goes over its time or memory
    budget, comes back as a ReadProblem, so one bad page never stops a run.
    """
    settings = settings or Settings.from_env()
    batch_size = batch_size or settings.batch_size
    pending: list[Article] = []
    for article in articles:
        if isinstance(article, ReadProblem):
            yield from _analyse_batch(pending, batch_size, settings, budget)
            pending = []
            yield article
            continue
        pending.append(article)
        if len(pending) >= batch_size:
            yield from _analyse_batch(pending, batch_size, settings, budget)
            pending = []
    yield from _analyse_batch(pending, batch_size, settings, budget)


def _analyse_batch(articles: list[Article], batch_size: int, settings: Settings,
                   budget: Budget) -> Iterator[Record | ReadProblem]:
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
                    record = analyse(article, doc, settings=settings)
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
