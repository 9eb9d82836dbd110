"""The command line: thin wrappers that parse arguments and call the stages."""
from __future__ import annotations

import importlib
import json
import sys
from typing import Optional

import typer
from rich.console import Console

app = typer.Typer(help="newsledger: news reports -> a sourced, time-resolved, queryable record.",
                  no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(help="Score the engines against gold data (read from ../shared).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

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


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
