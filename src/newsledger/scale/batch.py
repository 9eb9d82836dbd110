"""Batch runs on Dask: the article stream cut into partitions of bounded size, each analysed on a worker into a shard.

The client only reads inputs and cuts them into partitions; cleaning, parsing and extraction run on the workers,
which load the spaCy model once when they start (`SpacyModelPlugin`). Partition k always holds the same inputs
(items k*size .. (k+1)*size-1 of the stream), so a run killed at any point resumes by skipping finished shards.
At most a few partitions per worker are in flight, so memory stays bounded however long the stream is.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from distributed import Client, Future, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from .. import nlp
from ..ingest import ReadProblem
from ..model import RawArticle, Record
from ..pipeline import analyse_articles, clean_raw
from ..store import schema
from .shards import finished_shards, remove_unfinished, shard_name, shard_rows, write_shard

DEFAULT_PARTITION_SIZE = 64
# Partitions in flight per worker thread: enough to keep every worker busy, few enough to bound memory.
IN_FLIGHT_PER_THREAD = 2
SETTINGS_FILE = "batch.json"
# How long to try a scheduler address before saying it cannot be reached.
CONNECT_SECONDS = 10


class BatchSettingsError(ValueError):
    """A resumed run asked for settings that differ from the ones its finished shards were made with."""


class SchedulerUnreachable(OSError):
    """The --scheduler address answers no Dask scheduler; the message says which address and why."""


class SpacyModelPlugin(WorkerPlugin):
    """Loads the spaCy model once when a worker starts, so no task pays for it."""

    name = "newsledger-spacy-model"

    def __init__(self, model: str):
        self.model = model

    def setup(self, worker: object) -> None:
        os.environ[nlp.MODEL_ENV] = self.model
        nlp.load()


@dataclass(frozen=True)
class BatchSettings:
    """What decides the content of a shard; a resumed run must use the same."""

    partition_size: int = DEFAULT_PARTITION_SIZE
    verbatim: bool = False
    published: str | None = None


@dataclass
class BatchSummary:
    partitions: int = 0
    written: int = 0
    resumed: int = 0
    articles: int = 0
    problems: list[ReadProblem] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def analyse_partition(out: str, index: int, raws: list[RawArticle],
                      settings: BatchSettings) -> tuple[int, list[ReadProblem]]:
    """Clean, parse and analyse one partition on a worker and write its shard; returns the articles it holds and
    the articles that could not be analysed (reported by the client: one bad article never fails its partition)."""
    problems: list[ReadProblem] = []

    def records() -> Iterator[Record]:
        for item in analyse_articles(clean_raw(raws, verbatim=settings.verbatim, published=settings.published)):
            if isinstance(item, ReadProblem):
                problems.append(item)
            else:
                yield item

    rows = shard_rows(records(), problems.append)
    write_shard(Path(out), index, rows)
    return len(rows[schema.articles]), problems


def partitions(items: Iterable[RawArticle | ReadProblem], size: int,
               on_problem: Callable[[ReadProblem], None]) -> Iterator[tuple[int, list[RawArticle]]]:
    chunk: list[RawArticle] = []
    index = 0
    for item in items:
        if isinstance(item, ReadProblem):
            on_problem(item)
            continue
        chunk.append(item)
        if len(chunk) == size:
            yield index, chunk
            index, chunk = index + 1, []
    if chunk:
        yield index, chunk


def settle_settings(out: Path, partition_size: int | None, verbatim: bool, published: str | None) -> BatchSettings:
    """The settings of this run: those stored in OUT by an earlier run, which must agree with what was asked."""
    path = out / SETTINGS_FILE
    if not path.exists():
        settings = BatchSettings(partition_size or DEFAULT_PARTITION_SIZE, verbatim, published)
        temp = path.with_suffix(".tmp")
        temp.write_text(json.dumps(asdict(settings)), encoding="utf-8")
        os.replace(temp, path)
        return settings
    stored = BatchSettings(**json.loads(path.read_text(encoding="utf-8")))
    asked = BatchSettings(partition_size or stored.partition_size, verbatim, published)
    if asked != stored:
        raise BatchSettingsError(f"{out} holds shards made with {asdict(stored)}, not {asdict(asked)}; "
                                 f"use those settings or another --out directory")
    return stored


@contextlib.contextmanager
def dask_client(scheduler: str, workers: int) -> Iterator[Client]:
    """`local`: a cluster of single-threaded worker processes on this machine; otherwise a scheduler address."""
    if scheduler != "local":
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as exc:
            raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {scheduler} "
                                       f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
                                       ) from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def run_batch(
    items: Iterable[RawArticle | ReadProblem],
    out: str | Path,
    *,
    scheduler: str = "local",
    workers: int = 2,
    partition_size: int | None = None,
    verbatim: bool = False,
    published: str | None = None,
    on_partition: Callable[[BatchSummary], None] = lambda summary: None,
) -> BatchSummary:
    """Analyse every input into Parquet shards under OUT (a directory every worker can reach)."""
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    settings = settle_settings(out, partition_size, verbatim, published)
    remove_unfinished(out)
    finished = {path.name for path in finished_shards(out)}
    summary = BatchSummary()
    run = uuid.uuid4().hex[:8]  # task keys unique to this run, however many runs share a cluster

    def collect(future: Future) -> None:
        try:
            articles, problems = future.result()
            summary.articles += articles
            summary.problems.extend(problems)
            summary.written += 1
        except Exception as exc:  # one bad partition must not stop the others; a re-run retries it
            summary.failures.append(f"{future.key}: {type(exc).__name__}: {exc}")
        on_partition(summary)

    with dask_client(scheduler, workers) as client:
        client.register_plugin(SpacyModelPlugin(nlp.model_name()))
        window = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
        running = as_completed()
        for index, raws in partitions(items, settings.partition_size, summary.problems.append):
            summary.partitions += 1
            if shard_name(index) in finished:
                summary.resumed += 1
                on_partition(summary)
                continue
            running.add(client.submit(analyse_partition, str(out), index, raws, settings,
                                      key=f"newsledger-{shard_name(index)}-{run}"))
            while running.count() >= window:
                collect(next(running))
        for future in running:
            collect(future)
    return summary
