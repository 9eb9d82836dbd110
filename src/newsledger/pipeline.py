"""The data path, top to bottom: ingest -> clean -> nlp -> extract -> resolve, one Record per article."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

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
from .resolve.links import link_events, link_figures
from .resolve.place_of import place_events, place_figures
from .resolve.places import resolve_places, retype_place_entities
from .resolve.speakers import resolve_speakers
from .settings import Settings
from .store import Store
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
    Step("times", ("doc", "published", "settings"), "times", extract_times),
    Step("attribution", ("doc",), "quotes", extract_quotes),
    Step("speakers", ("doc", "quotes", "entities"), "quotes", resolve_speakers),
    Step("figures", ("doc", "article", "quotes", "times"), "figures", extract_figures),
    Step("figure sources", ("entities", "quotes", "figures"), "figures", link_figures),
    Step("events", ("doc", "article", "times", "figures", "settings"), "events", extract_events),
    Step("event participants", ("entities", "events"), "events", link_events),
    Step("voice", ("doc", "quotes"), "voice", sentence_voice),
    Step("places", ("doc",), "toponyms", extract_places),
    Step("place resolution", ("toponyms", "article"), "places", resolve_places),
    Step("place entities", ("entities", "places"), "entities", retype_place_entities),
    Step("figure places", ("doc", "article", "figures", "places"), "figures", place_figures),
    Step("event places", ("doc", "article", "events", "places"), "events", place_events),
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
              timings: dict[str, float] | None = None, settings: Settings | None = None) -> dict[str, Any]:
    """Run the steps the wanted values need (all of them by default) and return every value written.

    With `timings`, each step's seconds are added to it under the step's name. Without `settings`, those of
    the environment (`Settings.from_env()`).
    """
    values: dict[str, Any] = {"doc": doc, "article": article, "published": article.published,
                              "settings": settings or Settings.from_env()}
    for step in STEPS if wanted is None else steps_for(wanted):
        started = time.perf_counter()
        values[step.writes] = step.run(*(values[name] for name in step.reads))
        if timings is not None:
            timings[step.name] = timings.get(step.name, 0.0) + time.perf_counter() - started
    return values


def analyse(article: Article, doc: Doc, timings: dict[str, float] | None = None,
            settings: Settings | None = None) -> Record:
    """Run every step over one parsed article."""
    values = run_steps(article, doc, timings=timings, settings=settings)
    return Record(article=article, entities=values["entities"], quotes=values["quotes"], figures=values["figures"],
                  times=values["times"], events=values["events"], voice=values["voice"], places=values["places"])


def analyse_articles(articles: Iterable[Article], batch_size: int | None = None,
                     settings: Settings | None = None) -> Iterator[Record | ReadProblem]:
    """Parse articles in spaCy batches (of `settings.batch_size` unless `batch_size` is given) and analyse each;
    order is kept.

    An article that an extractor fails on comes back as a ReadProblem, so one bad page never stops a run.
    """
    settings = settings or Settings.from_env()
    batch_size = batch_size or settings.batch_size
    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= batch_size:
            yield from _analyse_batch(pending, batch_size, settings)
            pending = []
    if pending:
        yield from _analyse_batch(pending, batch_size, settings)


def _analyse_batch(articles: list[Article], batch_size: int, settings: Settings) -> Iterator[Record | ReadProblem]:
    # Each batch's new strings and lexemes are evicted from the shared vocab when it is done: without the zone a
    # long archive run grows without bound. Records hold plain values, so nothing outlives the zone.
    with nlp.load().memory_zone():
        docs = nlp.parse_many((a.text for a in articles), batch_size=batch_size)
        for article, doc in zip(articles, docs):
            try:
                yield analyse(article, doc, settings=settings)
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
