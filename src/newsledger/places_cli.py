"""The places commands: `newsledger places` (places across the ledger) and `newsledger eval geo` (geoparsing
against GeoWebNews); registered on the CLI by `register`."""
from __future__ import annotations

from typing import Optional

import typer

PLACE_COLUMNS = {"name": "place", "feature": "kind", "country": "country", "within": "within", "mentions": "mentions",
                 "articles": "articles", "events": "events", "figures": "figures"}


def places(db: Optional[str] = typer.Option(None, "--db", envvar="NEWSLEDGER_DB",
                                            help="SQLite path or database URL (default ./newsledger.db)."),
           search: Optional[str] = typer.Option(None, "--in", help="Only places inside this one (\"Gaza\")."),
           limit: int = typer.Option(200, "--limit"),
           as_json: bool = typer.Option(False, "--json", help="Print JSON (what the API returns)."),
           as_csv: bool = typer.Option(False, "--csv", help="Print CSV.")) -> None:
    """Places across the ledger, most mentioned first, with their counts of events, figures and articles."""
    from .cli import _emit, _open_ledger
    from .store.places import ledger_places

    with _open_ledger(db) as store:
        _emit(ledger_places(store, search=search, limit=limit), PLACE_COLUMNS, as_json=as_json, as_csv=as_csv)


def eval_geo(path: str,
             split: str = typer.Option("both", help="tune, check or both (halves of the dev set by text hash)"),
             limit: Optional[int] = typer.Option(None, help="Score only the first N documents."),
             as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Toponym recognition (P/R/F1) and resolution (acc@161 km, mean/median error, AUC) against GeoWebNews."""
    from .cli import _run_eval

    if split not in ("tune", "check", "both"):
        raise typer.BadParameter("--split must be tune, check or both")
    _run_eval("geo", path, as_json, split=split, limit=limit)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("places")(places)
    eval_app.command("geo")(eval_geo)
