"""The one writer of rows as JSON, JSON Lines and CSV: the CLI's --json/--csv, `extract` and `export` all use it.

JSON keeps non-ASCII text as it is (news names are full of it) and writes dates and other values as strings; CSV
writes list and dict cells as JSON, so a row survives the round trip.
"""
from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterable
from typing import Any, TextIO

FORMATS = ("json", "jsonl", "csv")


def write_json(value: Any, handle: TextIO) -> None:
    handle.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def write_jsonl(rows: Iterable[dict[str, Any]], handle: TextIO) -> None:
    for row in rows:
        handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def write_csv(rows: Iterable[dict[str, Any]], handle: TextIO, fallback_columns: list[str] | None = None) -> None:
    """A header from the first row's keys (or `fallback_columns` when there are no rows), then every row."""
    stream = iter(rows)
    first = next(stream, None)
    columns = list(first) if first is not None else list(fallback_columns or [])
    if not columns:
        return
    writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    if first is None:
        return
    for row in itertools.chain([first], stream):
        writer.writerow({key: _csv_cell(value) for key, value in row.items()})


def _csv_cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def write_rows(rows: Iterable[dict[str, Any]], handle: TextIO, format: str) -> None:
    """Rows in one of FORMATS ("json" is one list)."""
    if format == "jsonl":
        write_jsonl(rows, handle)
    elif format == "csv":
        write_csv(rows, handle)
    else:
        write_json(list(rows), handle)
