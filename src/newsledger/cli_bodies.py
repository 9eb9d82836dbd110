"""Commands for reporting bodies (issue 13): `newsledger sources` and `newsledger eval ledger`.

`cli.py` registers them on its apps and hands over its shared options and helpers (this module does not import
`cli`, so `python -m newsledger.cli` works).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional

import typer

SOURCE_COLUMNS = {"name": "body", "kind": "kind", "affiliation": "affiliation", "jurisdiction": "jurisdiction",
                  "figures": "figures", "first_seen": "first seen", "last_seen": "last seen", "aliases": "named as"}


def register(app: typer.Typer, eval_app: typer.Typer, options: dict[str, Any], emit: Callable[..., None],
             open_reader: Callable[[str | None], Any], run_eval: Callable[..., None]) -> None:
    db_opt, json_opt, csv_opt = options["db"], options["json"], options["csv"]

    @app.command()
    def sources(db: Optional[str] = db_opt,
                search: Optional[str] = typer.Option(None, "--search", help="Part of a name."),
                kind: Optional[str] = typer.Option(None, "--kind", help="health ministry, military, UN agency, ..."),
                limit: int = options["limit"], offset: int = options["offset"], as_json: bool = json_opt,
                as_csv: bool = csv_opt) -> None:
        """Every reporting body: kind, affiliation, jurisdiction, how reports named it, figures, first/last seen."""
        from .store import queries

        with open_reader(db) as store:
            rows = queries.sources(store, search=search, kind=kind, limit=limit, offset=offset)
        emit(rows, SOURCE_COLUMNS, as_json=as_json, as_csv=as_csv)

    @eval_app.command("ledger")
    def eval_ledger(path: Optional[str] = typer.Argument(None, help="A scenario folder (default: the bundled one)."),
                    as_json: bool = json_opt) -> None:
        """A multi-outlet scenario end to end: every figure's body and the conflicts, against what is expected."""
        run_eval("ledger", path, as_json)
