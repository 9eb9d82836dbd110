"""Commands for reporting bodies (issue 13): `newsledger sources` and `newsledger eval ledger`.

Registered on the CLI's apps by `cli.py`, which this module reads its shared options and helpers from.
"""
from __future__ import annotations

from typing import Optional

import typer

from .cli import CSV_OPT, DB_OPT, JSON_OPT, LIMIT_OPT, OFFSET_OPT, _emit, _open_ledger, _run_eval

SOURCE_COLUMNS = {"name": "body", "kind": "kind", "affiliation": "affiliation", "jurisdiction": "jurisdiction",
                  "figures": "figures", "first_seen": "first seen", "last_seen": "last seen", "aliases": "named as"}


def sources(db: Optional[str] = DB_OPT, search: Optional[str] = typer.Option(None, "--search", help="Part of a name."),
            kind: Optional[str] = typer.Option(None, "--kind", help="health ministry, military, UN agency, ..."),
            limit: int = LIMIT_OPT, offset: int = OFFSET_OPT, as_json: bool = JSON_OPT, as_csv: bool = CSV_OPT) -> None:
    """Every reporting body: kind, affiliation, jurisdiction, the ways reports named it, figures, first/last seen."""
    from .store import queries

    with _open_ledger(db) as store:
        rows = queries.sources(store, search=search, kind=kind, limit=limit, offset=offset)
    if not (as_json or as_csv):
        for row in rows:
            row["aliases"] = "; ".join(row["aliases"])
    _emit(rows, SOURCE_COLUMNS, as_json=as_json, as_csv=as_csv)


def eval_ledger(path: Optional[str] = typer.Argument(None, help="A scenario folder (default: the bundled one)."),
                as_json: bool = JSON_OPT) -> None:
    """A multi-outlet scenario end to end: every figure's body and the conflicts, against what is expected."""
    _run_eval("ledger", path, as_json)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command()(sources)
    eval_app.command("ledger")(eval_ledger)
