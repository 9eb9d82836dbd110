"""The command line: thin wrappers that parse arguments and call the stages."""
from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import NoReturn, Optional, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import places_cli, training, writers
from .cli_bodies import register as register_body_commands
from .ingest import DEFAULT_MAX_BYTES, ReadProblem
from .model import Article, Record
from .pipeline import analyse_articles, clean_inputs, ingest_into
from .review.commands import gold_path
from .review.commands import register as register_review
from .store import DEFAULT_DB, LedgerUnavailable, Store, one_line
from .terminal import render_record
from .track.series import BUNDLED_REFERENCE, TFP_SERIES, import_bundled_reference

app = typer.Typer(help="newsledger: news reports -> a sourced, time-resolved, queryable record.",
                  no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(help="Score the engines against gold data (read from ../shared).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

T = TypeVar("T")
console = Console()
err = Console(stderr=True, soft_wrap=True)  # one problem, one line, however long its path


def _run_eval(module: str, path: str, as_json: bool, **options) -> None:
    scorer = importlib.import_module(f"newsledger.eval.{module}")
    try:
        results = scorer.run(path, **options)
    except (FileNotFoundError, ValueError) as exc:  # a missing or malformed gold file: one line naming it
        _fail(str(exc))
    if as_json:
        writers.write_json(results, sys.stdout)
    else:
        console.print(scorer.render(results))


# Options shared by several commands, declared once.
JSON_OPT = typer.Option(False, "--json", help="Print JSON (what the API returns).")
CSV_OPT = typer.Option(False, "--csv", help="Print CSV.")
DB_OPT = typer.Option(None, "--db", envvar="NEWSLEDGER_DB",
                      help="SQLite path or database URL (default ./newsledger.db).")
MAX_BYTES_OPT = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Skip input files larger than this.")
PATHS_ARG = typer.Argument(..., help="Files, directories or globs: .txt .html(.gz) .jsonl .warc(.gz)")
PUBLISHED_OPT = typer.Option(None, "--published", help="Publication date YYYY-MM-DD when the input has none.")
VERBATIM_OPT = typer.Option(False, "--verbatim", help="Take .txt files as the body exactly as they are.")
SINCE_OPT = typer.Option(None, "--since", help="YYYY-MM-DD")
UNTIL_OPT = typer.Option(None, "--until", help="YYYY-MM-DD")
LIMIT_OPT = typer.Option(50, "--limit", help="How many to list.")
OFFSET_OPT = typer.Option(0, "--offset", min=0, help="Skip this many.")


def _open_store(db: str | None) -> Store:
    """The ledger for writing: created, or migrated to this code's schema, when opened."""
    return _opened(db, read_only=False)


def _open_reader(db: str | None) -> Store:
    """The ledger for reading: never created, migrated or written (a mistyped path is an error, not a new file)."""
    return _opened(db, read_only=True)


def _opened(db: str | None, read_only: bool) -> Store:
    try:
        return Store(db, read_only=read_only)
    except LedgerUnavailable as exc:
        _fail(str(exc))
    except Exception as exc:  # a bad URL, an unreachable server
        _fail(f"cannot open database {db or DEFAULT_DB}: {one_line(exc)}")


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False)
    raise typer.Exit(code)


def _report_problem(problem: ReadProblem) -> None:
    err.print(f"skipped {problem}", highlight=False, markup=False, style="yellow")


@app.command()
def extract(
    paths: list[str] = PATHS_ARG,
    format: str = typer.Option("json", "--format", help="json (a list, or one object for one article) or jsonl"),
    published: Optional[str] = PUBLISHED_OPT,
    verbatim: bool = VERBATIM_OPT,
    max_bytes: int = MAX_BYTES_OPT,
) -> None:
    """Print the output-contract record of each article (no database)."""
    if format not in ("json", "jsonl"):
        _fail(f"--format must be json or jsonl, not {format!r}")
    published = _check_date(published)
    articles, problems = _split(clean_inputs(paths, verbatim=verbatim, published=published, max_bytes=max_bytes))
    records, failures = _split(analyse_articles(articles))
    records = [r.to_dict() for r in records]
    problems += failures
    if format == "jsonl":
        writers.write_jsonl(records, sys.stdout)
    else:
        writers.write_json(records[0] if len(records) == 1 else records, sys.stdout)
    _finish(problems, len(records))


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        _fail(f"--published must be a date like 2024-02-07, not {value!r}")


def _split(items: Iterable[T | ReadProblem]) -> tuple[list[T], list[ReadProblem]]:
    articles: list[T] = []
    problems: list[ReadProblem] = []
    for item in items:
        if isinstance(item, ReadProblem):
            _report_problem(item)
            problems.append(item)
        else:
            articles.append(item)
    return articles, problems


def _finish(problems: list[ReadProblem], read: int) -> None:
    if problems:
        err.print(f"{read} article(s) read, {len(problems)} input(s) skipped")
    if read == 0:
        err.print("[red]error:[/red] nothing could be read")
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: list[str] = PATHS_ARG,
    db: Optional[str] = DB_OPT,
    published: Optional[str] = PUBLISHED_OPT,
    verbatim: bool = VERBATIM_OPT,
    max_bytes: int = MAX_BYTES_OPT,
) -> None:
    """Extract every article and store it in the ledger (idempotent: an article already stored is skipped)."""
    published = _check_date(published)
    with _open_store(db) as store, Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                            MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                                            disable=not err.is_terminal) as progress:
        task = progress.add_task("ingesting", total=None)

        def on_input(item: Article | ReadProblem) -> None:
            progress.advance(task)
            if isinstance(item, ReadProblem):
                progress.console.print(f"skipped {item}", highlight=False, markup=False, style="yellow")

        try:
            summary = ingest_into(store, paths, published=published, verbatim=verbatim, max_bytes=max_bytes,
                                  on_input=on_input)
        except LedgerUnavailable as exc:
            progress.stop()
            _fail(str(exc))
    console.print(f"[bold]{summary.added}[/bold] added, {summary.already} already stored, "
                  f"{len(summary.problems)} skipped → {escape(store.location)}")
    if summary.added + summary.already == 0:
        err.print("[red]error:[/red] nothing could be read")
        raise typer.Exit(1)


@app.command()
def articles(db: Optional[str] = DB_OPT, limit: int = LIMIT_OPT, offset: int = OFFSET_OPT,
             as_json: bool = JSON_OPT) -> None:
    """List stored articles, newest first (the same rows as /api/articles)."""
    from .store import queries

    with _open_reader(db) as store:
        rows = queries.articles(store, limit=limit, offset=offset)
    if as_json:
        writers.write_json(rows, sys.stdout)
        return
    console.print(_articles_table(rows))


def _articles_table(rows: list[dict]) -> Table:
    table = Table(box=None)
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", max_width=18)
    table.add_column("headline", ratio=1)
    for column in ("quotes", "figures", "events"):
        table.add_column(column, justify="right")
    for r in rows:
        table.add_row(*(_cell(value) for value in (r["id"], r["published"], r["outlet"],
                                                     r["headline"] or r["source_path"], r["quotes"], r["figures"],
                                                     r["events"])))
    return table


@app.command()
def show(article_id: str = typer.Argument(..., help="Article id (or its first characters)."),
         db: Optional[str] = DB_OPT, as_json: bool = JSON_OPT,
         original: bool = typer.Option(False, "--original", help="As the engines extracted it, before reviewers' "
                                       "corrections.")) -> None:
    """One article with its quotes, figures and times highlighted (as corrected by reviewers, if they did)."""
    from .store.corrections import reviewed_record

    with _open_reader(db) as store:
        matches = store.find_articles(article_id)
        if len(matches) != 1:
            _fail(f"{'no article' if not matches else 'several articles'} match {article_id!r}", 1)
        reviewed = None if original else reviewed_record(store, matches[0])
        record = Record.from_dict(reviewed) if reviewed else store.record(matches[0])
    if as_json:
        writers.write_json(reviewed or record.to_dict(), sys.stdout)
        return
    render_record(console, record)
    for item in (reviewed or {}).get("review", {}).get("corrections", []):
        console.print(f"{item['target']} “{item['span_text'][:50]}”: {item['provenance']}", highlight=False,
                      markup=False)
    for item in (reviewed or {}).get("review", {}).get("orphaned", []):
        console.print(f"orphaned correction {item['id']}: {item['reason']}", style="yellow", highlight=False,
                      markup=False)


@app.command()
def stats(db: Optional[str] = DB_OPT, as_json: bool = JSON_OPT) -> None:
    """Counts of what the ledger holds."""
    with _open_reader(db) as store:
        numbers = store.stats()
    if as_json:
        writers.write_json(numbers, sys.stdout)
        return
    table = Table(box=None, show_header=False)
    for key, value in numbers.items():
        table.add_row(key, _cell(value))
    console.print(table)


@app.command()
def migrate(db: Optional[str] = DB_OPT) -> None:
    """Create the ledger, or bring an existing one to this version's schema (reads never do it themselves)."""
    with _open_store(db) as store:
        console.print(f"{escape(store.location)} is at schema version {store.version}")




@eval_app.command("aeb")
def eval_aeb(path: str, as_json: bool = JSON_OPT) -> None:
    """Article-body extraction on the ScrapingHub benchmark (4-gram shingle P/R/F1)."""
    _run_eval("aeb", path, as_json)


GOLD_PATH = typer.Argument(None, help="The gold data (or --gold corrections).")
GOLD_OPT = typer.Option(None, "--gold", help="corrections: score against the ledger's reviewed articles (--db).")


@eval_app.command("polnear")
def eval_polnear(path: Optional[str] = GOLD_PATH,
                 split: str = typer.Option("dev", help="dev, train, or a fixed eighth of train: train-tune (read "
                                                       "errors) or train-check (only score)"),
                 limit: Optional[int] = typer.Option(None, help="Score only the first N documents."),
                 as_json: bool = JSON_OPT, gold: Optional[str] = GOLD_OPT, db: Optional[str] = DB_OPT) -> None:
    """Attribution against PolNeAR (content, source, cue overlap)."""
    _run_eval("polnear", gold_path(path, gold, db, "brat"), as_json, split=split, limit=limit)


@eval_app.command("figures")
def eval_figures(path: Optional[str] = GOLD_PATH,
                 limit: Optional[int] = typer.Option(None, help="Score only the first N documents."),
                 split: str = typer.Option("all", help="tune, check or all (halves by document id)"),
                 as_json: bool = JSON_OPT, gold: Optional[str] = GOLD_OPT, db: Optional[str] = DB_OPT) -> None:
    """Reported figures against the figure gold (specs/figures.md)."""
    _run_eval("figures", gold_path(path, gold, db, "figures-gold"), as_json, limit=limit, split=split)


@eval_app.command("timeml")
def eval_timeml(path: Optional[str] = GOLD_PATH,
                limit: Optional[int] = typer.Option(None, help="Score only the first N documents."),
                split: str = typer.Option("all", help="tune (folds 0-2), check (held-out folds 3-4) or all"),
                as_json: bool = JSON_OPT, gold: Optional[str] = GOLD_OPT, db: Optional[str] = DB_OPT) -> None:
    """Time expressions against TimeML TIMEX3 gold (TempEval-3 Task A measures), per fold and in all."""
    _run_eval("timeml", gold_path(path, gold, db, "timeml"), as_json, limit=limit, split=split)


@eval_app.command("realnews")
def eval_realnews(path: str = typer.Argument("../shared/data/aeb-dev", help="The aeb-dev folder the gold points into."),
                  split: str = typer.Option("all", help="tune, check or all"), as_json: bool = JSON_OPT) -> None:
    """Quotes, figures and times on the project's real-article gold (standoff into aeb-dev), per split."""
    if not (Path(path) / "ground-truth.json").is_file():
        err.print(f"realnews: skipped, no texts at {path} (the gold is standoff into aeb-dev/ground-truth.json)")
        return
    try:
        _run_eval("realnews", path, as_json, split=split)
    except ValueError as exc:  # a gold file that no longer lines up with the texts, an unknown split
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)


@eval_app.command("plover")
def eval_plover(path: str, limit: Optional[int] = typer.Option(None, help="Score only the first N records."),
                as_json: bool = JSON_OPT) -> None:
    """Event types and actors against the PLOVER gold records."""
    _run_eval("plover", path, as_json, limit=limit)


@eval_app.command("wikievents")
def eval_wikievents(path: str, limit: Optional[int] = typer.Option(None, help="Score only the first N documents."),
                    as_json: bool = JSON_OPT) -> None:
    """Events on real news (WikiEvents typed to PLOVER): triggers, types, actors, targets, places; tune and check."""
    _run_eval("wikievents", path, as_json, limit=limit)


EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"


@app.command()
def demo(
    db: str = typer.Option("newsledger-demo.db", "--db", help="Where to build the demo ledger (replaced each run)."),
    examples: Path = typer.Option(EXAMPLES_DIR, "--examples", help="Folder of sample articles."),
    serve_ui: bool = typer.Option(True, "--serve/--no-serve", help="Serve the web UI on the demo ledger afterwards."),
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
) -> None:
    """Ingest the bundled sample articles into a fresh ledger, print a summary, then serve the UI."""
    if not examples.is_dir():
        _fail(f"sample folder not found: {examples}")
    from .store import queries

    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)
    with _open_store(db) as store:
        summary = ingest_into(store, [str(examples)])
        for problem in summary.problems:
            _report_problem(problem)
        reference = import_bundled_reference(store)  # so `series compare` and /figures show agree / differ
        console.rule("[bold]newsledger demo")
        console.print(f"{summary.added} articles from {escape(str(examples))} → {escape(store.location)}")
        numbers = store.stats()
        console.print(", ".join(f"{numbers[k]} {k}" for k in ("entities", "quotes", "figures", "times", "events")))
        console.print(_articles_table(queries.articles(store, limit=20)))
        console.print(f"Reference series {TFP_SERIES}: {reference.get('killed', 0)} days of killed "
                      f"({BUNDLED_REFERENCE.name}, public domain)")
    console.print(f"\nNext: [bold]newsledger show ID --db {db}[/bold] for one article, "
                  f"[bold]newsledger stats --db {db}[/bold] for counts.")
    if serve_ui:
        _serve_demo(db, host, port)


def _serve_demo(db: str, host: str, port: int) -> None:
    try:
        from .api import serve
    except ImportError:
        console.print("The web UI is not part of this build yet; the ledger above is ready for the CLI.")
        return
    console.print(f"Serving the UI at [bold]http://{host}:{port}/[/bold] (Ctrl+C to stop)")
    serve(db, host=host, port=port)


@app.command()
def batch(
    paths: list[str] = PATHS_ARG,
    out: str = typer.Option(..., "--out", help="Directory for the Parquet shards; every worker must reach it."),
    scheduler: str = typer.Option("local", "--scheduler",
                                  help="local, or the address of a running Dask scheduler (tcp://host:8786)."),
    workers: int = typer.Option(2, "--workers", min=1, help="Worker processes started by --scheduler local."),
    partition_size: Optional[int] = typer.Option(None, "--partition-size", min=1,
                                                 help="Articles per partition and shard (default 64)."),
    published: Optional[str] = PUBLISHED_OPT,
    verbatim: bool = VERBATIM_OPT,
    max_bytes: int = MAX_BYTES_OPT,
) -> None:
    """Analyse inputs on a Dask cluster into Parquet shards (resumable: finished shards are skipped); then `load`."""
    # Imported here so that commands which do not need Dask start without it.
    from .ingest import read_inputs
    from .scale.batch import BatchSettingsError, SchedulerUnreachable, run_batch

    published = _check_date(published)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=not err.is_terminal) as progress:
        task = progress.add_task("partitions", total=None)
        try:
            summary = run_batch(read_inputs(paths, max_bytes=max_bytes), out, scheduler=scheduler, workers=workers,
                                partition_size=partition_size, verbatim=verbatim, published=published,
                                on_partition=lambda s: progress.update(
                                    task, completed=s.written + s.resumed + len(s.failures)))
        except (BatchSettingsError, SchedulerUnreachable) as exc:
            progress.stop()
            _fail(str(exc))
        except OSError as exc:  # --out cannot be created or written
            progress.stop()
            _fail(f"cannot write shards to {out}: {exc.strerror or one_line(exc)}")
    for problem in summary.problems:
        _report_problem(problem)
    for failure in summary.failures:
        err.print(f"failed {failure}", highlight=False, markup=False, style="red")
    console.print(f"[bold]{summary.written}[/bold] shard(s) written ({summary.articles} articles), "
                  f"{summary.resumed} already finished, {len(summary.problems)} input(s) skipped → {out}")
    if summary.failures:
        err.print(f"[red]error:[/red] {len(summary.failures)} partition(s) failed; run the same command again to retry them")
        raise typer.Exit(1)
    if summary.partitions == 0:
        err.print("[red]error:[/red] nothing could be read")
        raise typer.Exit(1)


@app.command()
def load(directory: str = typer.Argument(..., help="The --out directory of a `batch` run."),
         db: Optional[str] = DB_OPT) -> None:
    """Merge the shards of a batch run into the ledger (idempotent: articles already stored are skipped)."""
    from .scale.load import load_shards

    with _open_store(db) as store:
        try:
            summary = load_shards(directory, store)
        except (FileNotFoundError, LedgerUnavailable) as exc:
            _fail(str(exc))
    console.print(f"[bold]{summary.added}[/bold] added, {summary.already} already stored, "
                  f"from {summary.shards} shard(s) → {escape(store.location)}")


# -- the ledger across articles (issue 6) ----------------------------------------------------------------------------

series_app = typer.Typer(help="Figure series against an external reference series.", no_args_is_help=True)
app.add_typer(series_app, name="series")
# The cross-article tables are brought up to date by every write (ingest, load, the API's ingest); reads only read.
_open_ledger = _open_reader


def _emit(rows: list[dict], columns: dict[str, str], *, as_json: bool = False, as_csv: bool = False,
          title: str | None = None) -> None:
    """The same rows as JSON (what the API returns), CSV, or a table of the named columns."""
    if as_json:
        writers.write_json(rows, sys.stdout)
    elif as_csv:
        writers.write_csv(rows, sys.stdout, fallback_columns=list(columns))
    else:
        table = Table(*columns.values(), box=None, title=title, title_justify="left")
        for row in rows:
            table.add_row(*(_cell(row.get(key)) for key in columns))
        console.print(table)


def _cell(value: object) -> str:
    """A table cell as plain text: stored headlines and names can hold Rich markup ("[/]", "[link=...]")."""
    if value is None:
        return ""
    if isinstance(value, list):
        return escape("; ".join(map(str, value)))
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return escape(str(value)[:100])


@app.command()
def track(db: Optional[str] = DB_OPT, rebuild: bool = typer.Option(False, "--rebuild", help="Recompute from scratch.")
          ) -> None:
    """Link entities across articles, cluster stories and group repeated quotes (ingest and load run it too)."""
    from . import track as ledger

    with _open_store(db) as store:
        done = ledger.refresh(store, rebuild=rebuild)
    console.print(", ".join(f"{v} {k.replace('_', ' ')}" for k, v in done.items()))


@app.command()
def entities(db: Optional[str] = DB_OPT, search: Optional[str] = typer.Option(None, "--search", help="Name or alias."),
             type: Optional[str] = typer.Option(None, "--type", help="PERSON, ORG, GPE, NORP or LOC."),
             limit: int = LIMIT_OPT, offset: int = OFFSET_OPT, as_json: bool = JSON_OPT) -> None:
    """Canonical entities across the whole ledger, most reported first."""
    from .store import queries

    with _open_ledger(db) as store:
        rows = queries.entities(store, search=search, type=type, limit=limit, offset=offset)
    _emit(rows, {"id": "id", "name": "name", "type": "type", "titles": "titles", "aliases": "also called",
                 "articles": "articles", "first_seen": "first seen"}, as_json=as_json)


@app.command()
def entity(entity_id: int = typer.Argument(..., help="Canonical entity id (from `newsledger entities`)."),
           db: Optional[str] = DB_OPT, as_json: bool = JSON_OPT) -> None:
    """One entity: aliases, titles, the quotes it said and the figures credited to it."""
    from .store import queries

    with _open_ledger(db) as store:
        found = queries.entity(store, entity_id)
    if found is None:
        _fail(f"no entity {entity_id}", 1)
    if as_json:
        writers.write_json(found, sys.stdout)
        return
    console.print(f"[bold]{escape(found['name'])}[/bold] ({escape(found['type'])}) · {found['articles']} article(s), "
                  f"first seen {found['first_seen'] or '?'}", highlight=False)
    console.print(f"titles: {'; '.join(found['titles']) or '—'}\nalso called: {'; '.join(found['aliases']) or '—'}",
                  highlight=False, markup=False)
    _emit(found["quotes"], {"first_seen": "first seen", "content": "quote", "article_id": "article"}, title="Quotes")
    _emit(found["figures"], {"date": "as of", "text": "figure", "category": "category", "place": "place",
                             "article_id": "article"}, title="Figures credited")


FIGURE_COLUMNS = {"date": "as of", "text": "reported", "value": "value", "qualifier": "qualifier",
                  "category": "category", "place": "place", "source": "source", "outlet": "outlet",
                  "article_id": "article"}


@app.command()
def figures(db: Optional[str] = DB_OPT, category: Optional[str] = typer.Option(None, "--category"),
            place: Optional[str] = typer.Option(None, "--place"),
            source: Optional[str] = typer.Option(None, "--source", help="Source name (or part of it)."),
            limit: int = typer.Option(1000, "--limit", min=1), as_json: bool = JSON_OPT,
            as_csv: bool = CSV_OPT) -> None:
    """Reported figures as series points ordered by as-of date, each with its article and span."""
    from .store import queries

    with _open_ledger(db) as store:
        rows = queries.figures(store, category=category, place=place, source=source, limit=limit)
    _emit(rows, FIGURE_COLUMNS, as_json=as_json, as_csv=as_csv)


@series_app.command("import-reference")
def series_import_reference(path: str = typer.Argument(..., help="A daily series JSON (e.g. TFP casualties_daily.json)."),
                            db: Optional[str] = DB_OPT,
                            name: str = typer.Option("Gaza Health Ministry (TFP)", "--name", help="The series' name."),
                            place: str = typer.Option("Gaza", "--place", help="The place it counts.")) -> None:
    """Load an external daily series to compare extracted figures against (replaces an earlier import)."""
    from .track.series import import_reference

    with _open_store(db) as store:
        try:
            counts = import_reference(store, path, series=name, place=place)
        except (OSError, ValueError) as exc:
            _fail(f"cannot read {path}: {one_line(exc)}")
        except LedgerUnavailable as exc:
            _fail(str(exc))
    console.print(escape(f"{name}: " + (", ".join(f"{n} days of {c}" for c, n in counts.items()) or "no usable days")))


@series_app.command("compare")
def series_compare(db: Optional[str] = DB_OPT, category: str = typer.Option("killed", "--category"),
                   place: str = typer.Option("Gaza", "--place"), source: Optional[str] = typer.Option(None, "--source"),
                   as_json: bool = JSON_OPT, as_csv: bool = CSV_OPT) -> None:
    """Each extracted point against the reference: agree, differ (with both values) or no reference."""
    from .track.series import compare, summarise

    with _open_ledger(db) as store:
        rows = compare(store, category=category, place=place, source=source)
    _emit(rows, {**FIGURE_COLUMNS, "status": "vs reference", "reference_value": "reference"}, as_json=as_json,
          as_csv=as_csv)
    if not (as_json or as_csv):
        console.print(", ".join(f"{n} {status}" for status, n in summarise(rows).items()))


@app.command()
def conflicts(db: Optional[str] = DB_OPT, category: Optional[str] = typer.Option(None, "--category"),
              place: Optional[str] = typer.Option(None, "--place"), as_json: bool = JSON_OPT) -> None:
    """Figures for the same thing, a day apart at most, from different sources, that cannot both be true."""
    from .track.conflicts import find_conflicts

    with _open_ledger(db) as store:
        rows = find_conflicts(store, category=category, place=place)
    if as_json:
        writers.write_json(rows, sys.stdout)
        return
    table = Table("category", "place", "as of", "one source says", "another says", "seen", box=None)
    for c in rows:
        table.add_row(*map(_cell, (c["category"], c["place"], c["as_of"])),
                      *(escape(f"{p['text']} — {p['source']} ({p['article_id']})") for p in (c["a"], c["b"])),
                      str(c["copies"]))
    console.print(table)


@app.command()
def stories(db: Optional[str] = DB_OPT, min_size: int = typer.Option(2, "--min-size", help="Smallest cluster shown."),
            limit: int = LIMIT_OPT, offset: int = OFFSET_OPT, as_json: bool = JSON_OPT) -> None:
    """Near-duplicate reports of the same story (wire copies, updates), biggest first."""
    from .store import queries

    with _open_ledger(db) as store:
        rows = queries.stories(store, min_size=min_size, limit=limit, offset=offset)
    if as_json:
        writers.write_json(rows, sys.stdout)
        return
    for story in rows:
        console.print(f"[bold]{escape(story['headline'] or story['story_id'])}[/bold] · {story['size']} reports, "
                      f"{story['first_published'] or '?'} → {story['last_published'] or '?'}", highlight=False)
        for a in story["articles"]:
            console.print(f"  {a['id']}  {a['published'] or '':10}  {a['outlet'] or '':12}  {a['headline'] or ''}",
                          highlight=False, markup=False)


@app.command()
def quotes(db: Optional[str] = DB_OPT, speaker: Optional[str] = typer.Option(None, "--speaker"),
           search: Optional[str] = typer.Option(None, "--search", help="Full-text search (BM25 ranking)."),
           since: Optional[str] = SINCE_OPT, until: Optional[str] = UNTIL_OPT,
           limit: int = LIMIT_OPT, offset: int = OFFSET_OPT, as_json: bool = JSON_OPT, as_csv: bool = CSV_OPT) -> None:
    """Quotes across the ledger; a quote repeated across articles is listed once, with where and when it first ran."""
    from .store import queries

    since, until = _check_date(since), _check_date(until)
    with _open_ledger(db) as store:
        rows = queries.quotes(store, speaker=speaker, search=search, since=since, until=until, limit=limit,
                              offset=offset)
    for row in rows:
        row["seen_in"] = len(row["appearances"])
    _emit(rows, {"first_seen": "first seen", "speaker": "speaker", "content": "quote", "seen_in": "articles",
                 "article_id": "first article"}, as_json=as_json, as_csv=as_csv)


@app.command()
def export(db: Optional[str] = DB_OPT,
           table: str = typer.Option(..., "--table",
                                     help="articles, entities, quotes, figures, times or events (places: geojson)"),
           format: str = typer.Option("jsonl", "--format",
                                      help="jsonl, csv, parquet or geojson; for events also acled or plover"),
           out: Optional[Path] = typer.Option(None, "--out", help="Output file (stdout for jsonl/csv when left out).")
           ) -> None:
    """Export one table of the ledger."""
    from .scale.exports import FORMATS as EVENT_FORMATS
    from .store import queries

    if format in EVENT_FORMATS:  # the field's event formats (docs/events-export.md)
        _export_events(db, table, format, out)
        return
    if format == "geojson":  # places, events and figures as points (store/places.py)
        from .store.places import geojson

        if table not in ("places", "events", "figures"):
            _fail("--format geojson exports --table places, events or figures")
        if out is not None and not out.parent.is_dir():
            _fail(f"cannot write {out}: no such directory {out.parent}")
        with _open_reader(db) as store:
            collection = geojson(store, table)
        if out is None:
            writers.write_json(collection, sys.stdout)
        else:
            with out.open("w", encoding="utf-8") as handle:
                writers.write_json(collection, handle)
        return
    if table not in queries.EXPORT_TABLES or format not in ("jsonl", "csv", "parquet"):
        err.print(f"[red]error:[/red] --table must be one of {', '.join(queries.EXPORT_TABLES)} and --format one of "
                  "jsonl, csv, parquet")
        raise typer.Exit(2)
    if format == "parquet" and out is None:
        _fail("parquet needs --out FILE")
    if out is not None and not out.parent.is_dir():
        _fail(f"cannot write {out}: no such directory {out.parent}")
    with _open_ledger(db) as store:
        rows = queries.export_rows(store, table)
        try:
            if format == "parquet":
                import pyarrow as pa
                import pyarrow.parquet as pq

                pq.write_table(pa.Table.from_pylist(list(rows)), out)
            elif out is None:
                writers.write_rows(rows, sys.stdout, format)
            else:
                with out.open("w", encoding="utf-8", newline="") as handle:
                    writers.write_rows(rows, handle, format)
        except OSError as exc:  # a full disk, a read-only folder
            _fail(f"cannot write {out}: {exc.strerror or one_line(exc)}")
    if out is not None:
        console.print(f"{table} → {escape(str(out))}")


def _export_events(db: str | None, table: str, format: str, out: Path | None) -> None:
    from .scale.exports import write

    if table != "events":
        err.print(f"[red]error:[/red] --format {format} exports events: use --table events")
        raise typer.Exit(2)
    with _open_ledger(db) as store:
        handle = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            count = write(store, format, handle)
        finally:
            if out:
                handle.close()
    if out:
        console.print(f"{count} events ({format}) → {out}")


@app.command()
def serve(db: Optional[str] = DB_OPT, host: str = typer.Option("127.0.0.1", "--host"),
          port: int = typer.Option(8000, "--port"),
          allow_host: list[str] = typer.Option([], "--allow-host",
                                               help="Answer only requests for this Host (repeatable; default any)."),
          immutable: bool = typer.Option(False, "--immutable",
                                         help="The file is a published snapshot nothing writes (read without locks)."),
          users: Optional[str] = typer.Option(None, "--users", envvar="NEWSLEDGER_USERS",
                                              help="Reviewers' TOML file: review mode (default ./users.toml).")) -> None:
    """Serve the REST API (/api, docs at /docs) and the web UI. Read-only unless NEWSLEDGER_TOKEN is set or
    reviewers sign in (--users)."""
    from .api import create_app, run

    try:
        served = create_app(db, allowed_hosts=allow_host or None, immutable=immutable, users=users)
    except LedgerUnavailable as exc:
        _fail(str(exc))
    console.print(f"Serving the ledger at [bold]http://{host}:{port}/[/bold] (API docs at /docs; Ctrl+C to stop)")
    run(served, host=host, port=port)


# -- events across articles (issue 8) ------------------------------------------------------------------------------

EVENT_COLUMNS = {"date": "date", "type": "type", "actor": "actor", "target": "target", "place": "place",
                 "report_count": "reports", "reported": "reported", "reported_in": "articles"}


@app.command()
def events(db: Optional[str] = DB_OPT,
           type: Optional[str] = typer.Option(None, "--type", help="PLOVER type: ASSAULT, CONSULT, PROTEST ..."),
           place: Optional[str] = typer.Option(None, "--place", help="Where it happened, or what it targeted."),
           since: Optional[str] = SINCE_OPT, until: Optional[str] = UNTIL_OPT,
           actor: Optional[str] = typer.Option(None, "--actor", help="Words of the actor: Hamas, defense forces ..."),
           limit: int = LIMIT_OPT, offset: int = OFFSET_OPT, as_json: bool = JSON_OPT, as_csv: bool = CSV_OPT) -> None:
    """Events across articles, newest first: each real event once, with every article and sentence reporting it."""
    from .track.events import ledger_events

    since, until = _check_date(since), _check_date(until)
    with _open_ledger(db) as store:
        rows = ledger_events(store, type=type, place=place, since=since, until=until, limit=limit, offset=offset,
                             actor=actor)
    if not (as_json or as_csv):
        for row in rows:
            first, last = row["first_reported"] or "?", row["last_reported"] or "?"
            row["reported"] = first if first == last else f"{first} → {last}"
            # `newsledger show` takes an id's first characters
            row["reported_in"] = list(dict.fromkeys(r["article_id"][:8] for r in row["reports"]))
    _emit(rows, EVENT_COLUMNS, as_json=as_json, as_csv=as_csv)


# -- following outlets (issue 15) ----------------------------------------------------------------------------------

from .watch.commands import alerts_app, feeds_app, watch  # noqa: E402  (the commands need the helpers above)

app.add_typer(feeds_app, name="feeds")
app.add_typer(alerts_app, name="alerts")
app.command()(watch)

register_review(app)  # correct, corrections, users, reanalyse (issue 16)
register_body_commands(app, eval_app, {"db": DB_OPT, "json": JSON_OPT, "csv": CSV_OPT, "limit": LIMIT_OPT,
                                       "offset": OFFSET_OPT}, _emit, _open_reader, _run_eval)  # sources (issue 13)
places_cli.register(app, eval_app)
training.register(app, eval_app, _run_eval)  # train figure-category, eval figure-categories (issue 18)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
