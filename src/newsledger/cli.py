"""The command line: thin wrappers that parse arguments and call the stages."""
from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Optional, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .ingest import DEFAULT_MAX_BYTES, ReadProblem
from .model import Article
from .pipeline import analyse_articles, clean_inputs, ingest_into
from .store import DEFAULT_DB, Store
from .terminal import render_record

app = typer.Typer(help="newsledger: news reports -> a sourced, time-resolved, queryable record.",
                  no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(help="Score the engines against gold data (read from ../shared).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

T = TypeVar("T")
console = Console()
err = Console(stderr=True)


def _run_eval(module: str, path: str, as_json: bool, **options) -> None:
    scorer = importlib.import_module(f"newsledger.eval.{module}")
    try:
        results = scorer.run(path, **options)
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    if as_json:
        typer.echo(json.dumps(results, indent=2))
    else:
        console.print(scorer.render(results))


JSON_OPT = typer.Option(False, "--json", help="Print the figures as JSON.")
DB_OPT = typer.Option(None, "--db", envvar="NEWSLEDGER_DB",
                      help="SQLite path or database URL (default ./newsledger.db).")
MAX_BYTES_OPT = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Skip input files larger than this.")


def _open_store(db: str | None) -> Store:
    try:
        return Store(db)
    except Exception as exc:  # a bad URL, an unreachable server, a file that is not a database
        err.print(f"[red]error:[/red] cannot open database {db or DEFAULT_DB}: {_one_line(exc)}")
        raise typer.Exit(2)


def _one_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _report_problem(problem: ReadProblem) -> None:
    err.print(f"skipped {problem}", highlight=False, markup=False, style="yellow")


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, directories or globs: .txt .html(.gz) .jsonl .warc(.gz)"),
    format: str = typer.Option("json", "--format", help="json (a list, or one object for one article) or jsonl"),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD when the input has none."),
    verbatim: bool = typer.Option(False, "--verbatim", help="Take .txt files as the body exactly as they are."),
    max_bytes: int = MAX_BYTES_OPT,
) -> None:
    """Print the output-contract record of each article (no database)."""
    if format not in ("json", "jsonl"):
        err.print(f"[red]error:[/red] --format must be json or jsonl, not {format!r}")
        raise typer.Exit(2)
    published = _check_date(published)
    articles, problems = _split(clean_inputs(paths, verbatim=verbatim, published=published, max_bytes=max_bytes))
    records, failures = _split(analyse_articles(articles))
    records = [r.to_dict() for r in records]
    problems += failures
    if format == "jsonl":
        for r in records:
            typer.echo(json.dumps(r, ensure_ascii=False))
    else:
        typer.echo(json.dumps(records[0] if len(records) == 1 else records, ensure_ascii=False, indent=2))
    _finish(problems, len(records))


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        err.print(f"[red]error:[/red] --published must be a date like 2024-02-07, not {value!r}")
        raise typer.Exit(2)


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
    paths: list[str] = typer.Argument(..., help="Files, directories or globs: .txt .html(.gz) .jsonl .warc(.gz)"),
    db: Optional[str] = DB_OPT,
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD when the input has none."),
    verbatim: bool = typer.Option(False, "--verbatim", help="Take .txt files as the body exactly as they are."),
    max_bytes: int = MAX_BYTES_OPT,
) -> None:
    """Extract every article and store it in the ledger (idempotent: an article already stored is skipped)."""
    published = _check_date(published)
    with _open_store(db) as store, Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                            MofNCompleteColumn(), TimeElapsedColumn(), console=err) as progress:
        task = progress.add_task("ingesting", total=None)

        def on_input(item: Article | ReadProblem) -> None:
            progress.advance(task)
            if isinstance(item, ReadProblem):
                progress.console.print(f"skipped {item}", highlight=False, markup=False, style="yellow")

        summary = ingest_into(store, paths, published=published, verbatim=verbatim, max_bytes=max_bytes,
                              on_input=on_input)
    console.print(f"[bold]{summary.added}[/bold] added, {summary.already} already stored, "
                  f"{len(summary.problems)} skipped → {store.location}")
    if summary.added + summary.already == 0:
        err.print("[red]error:[/red] nothing could be read")
        raise typer.Exit(1)


@app.command()
def articles(db: Optional[str] = DB_OPT, limit: int = typer.Option(50, help="How many to list."),
             offset: int = typer.Option(0, help="Skip this many."), as_json: bool = JSON_OPT) -> None:
    """List stored articles, newest first."""
    with _open_store(db) as store:
        rows = store.articles(limit=limit, offset=offset)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("id", "published", "outlet", "headline", "quotes", "figures", "events", box=None)
    for r in rows:
        table.add_row(r["id"], r["published"] or "", r["outlet"] or "", (r["headline"] or r["source_path"])[:70],
                      str(r["quotes"]), str(r["figures"]), str(r["events"]))
    console.print(table)


@app.command()
def show(article_id: str = typer.Argument(..., help="Article id (or its first characters)."),
         db: Optional[str] = DB_OPT, as_json: bool = JSON_OPT) -> None:
    """One article with its quotes, figures and times highlighted."""
    with _open_store(db) as store:
        matches = store.find_articles(article_id)
        if len(matches) != 1:
            err.print(f"[red]error:[/red] {'no article' if not matches else 'several articles'} match {article_id!r}")
            raise typer.Exit(1)
        record = store.record(matches[0])
    if as_json:
        typer.echo(json.dumps(record.to_dict(), ensure_ascii=False, indent=2))
    else:
        render_record(console, record)


@app.command()
def stats(db: Optional[str] = DB_OPT, as_json: bool = JSON_OPT) -> None:
    """Counts of what the ledger holds."""
    with _open_store(db) as store:
        numbers = store.stats()
    if as_json:
        typer.echo(json.dumps(numbers, indent=2))
        return
    table = Table(box=None, show_header=False)
    for key, value in numbers.items():
        table.add_row(key, str(value))
    console.print(table)




@eval_app.command("aeb")
def eval_aeb(path: str, as_json: bool = JSON_OPT) -> None:
    """Article-body extraction on the ScrapingHub benchmark (4-gram shingle P/R/F1)."""
    _run_eval("aeb", path, as_json)


@eval_app.command("polnear")
def eval_polnear(path: str, split: str = typer.Option("dev", help="dev or train"),
                 limit: Optional[int] = typer.Option(None, help="Score only the first N documents."),
                 as_json: bool = JSON_OPT) -> None:
    """Attribution against PolNeAR (content, source, cue overlap)."""
    _run_eval("polnear", path, as_json, split=split, limit=limit)


@eval_app.command("figures")
def eval_figures(path: str, as_json: bool = JSON_OPT) -> None:
    """Reported figures against the figure gold (specs/figures.md)."""
    _run_eval("figures", path, as_json)


@eval_app.command("timeml")
def eval_timeml(path: str, limit: Optional[int] = typer.Option(None, help="Score only the first N documents."),
                as_json: bool = JSON_OPT) -> None:
    """Time expressions against TimeML TIMEX3 gold (TempEval-3 Task A measures)."""
    _run_eval("timeml", path, as_json, limit=limit)


@eval_app.command("plover")
def eval_plover(path: str, as_json: bool = JSON_OPT) -> None:
    """Event types and actors against the PLOVER gold records."""
    _run_eval("plover", path, as_json)


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
        err.print(f"[red]error:[/red] sample folder not found: {examples}")
        raise typer.Exit(2)
    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)
    with _open_store(db) as store:
        summary = ingest_into(store, [str(examples)])
        for problem in summary.problems:
            _report_problem(problem)
        console.rule("[bold]newsledger demo")
        console.print(f"{summary.added} articles from {examples} → {store.location}")
        numbers = store.stats()
        console.print(", ".join(f"{numbers[k]} {k}" for k in ("entities", "quotes", "figures", "times", "events")))
        table = Table("id", "published", "outlet", "headline", "quotes", "figures", box=None)
        for r in store.articles(limit=20):
            table.add_row(r["id"], r["published"] or "", r["outlet"] or "", (r["headline"] or r["source_path"])[:60],
                          str(r["quotes"]), str(r["figures"]))
        console.print(table)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
