"""Parquet shards: one directory per partition holding one file per table, published by an atomic rename.

A shard directory either exists complete or not at all, so a killed run resumes by skipping the shards it finds.
"""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Boolean, Float, Integer, Table

from ..ingest import ReadProblem
from ..model import Record
from ..store import schema
from ..store.rows import Rows, record_rows

TABLES = (schema.articles, *schema.CHILD_TABLES)
SHARD_PREFIX = "part-"
TEMP_PREFIX = ".tmp-"


def _arrow_type(column_type: object) -> pa.DataType:
    if isinstance(column_type, Boolean):
        return pa.bool_()
    if isinstance(column_type, Integer):
        return pa.int64()
    if isinstance(column_type, Float):
        return pa.float64()
    return pa.string()


def arrow_schema(table: Table) -> pa.Schema:
    """The Parquet schema of a table, typed from its SQL columns so empty and all-null columns keep their type."""
    return pa.schema([pa.field(c.name, _arrow_type(c.type), nullable=c.nullable) for c in table.columns])


def shard_name(index: int) -> str:
    return f"{SHARD_PREFIX}{index:06d}"


def finished_shards(out: Path) -> list[Path]:
    return sorted(p for p in out.glob(f"{SHARD_PREFIX}*") if p.is_dir())


def remove_unfinished(out: Path) -> int:
    """Remove what killed runs left half-written; returns how many."""
    leftovers = [p for p in out.glob(f"{TEMP_PREFIX}*") if p.is_dir()]
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)
    return len(leftovers)


def shard_rows(records: Iterable[Record],
               on_problem: Callable[[ReadProblem], None] = lambda problem: None) -> Rows:
    """The rows of every record of a partition, each article once (the same text may appear twice in the input);
    a record whose rows cannot be built is handed to `on_problem` and left out."""
    rows: Rows = {table: [] for table in TABLES}
    seen: set[str] = set()
    for record in records:
        if record.article.id in seen:
            continue
        seen.add(record.article.id)
        try:
            built = record_rows(record)
        except Exception as exc:  # one article's bad value, not the partition's
            on_problem(ReadProblem(record.article.source_path, f"could not be stored ({type(exc).__name__}: {exc})"))
            continue
        for table, table_rows in built.items():
            rows[table].extend(table_rows)
    return rows


def write_shard(out: Path, index: int, rows: Rows) -> bool:
    """Write every table of one partition; False if another attempt finished this shard first."""
    final = out / shard_name(index)
    temp = out / f"{TEMP_PREFIX}{shard_name(index)}-{uuid.uuid4().hex[:8]}"
    temp.mkdir(parents=True)
    for table in TABLES:
        path = temp / f"{table.name}.parquet"
        pq.write_table(pa.Table.from_pylist(rows.get(table, []), schema=arrow_schema(table)), path)
        _fsync(path)
    _fsync(temp)
    try:
        os.rename(temp, final)
    except OSError:  # a retried task: the shard is already there and complete
        if not final.is_dir():
            raise
        shutil.rmtree(temp, ignore_errors=True)
        return False
    _fsync(out)
    return True


def read_shard(path: Path) -> Rows:
    return {table: pq.read_table(path / f"{table.name}.parquet").to_pylist() for table in TABLES}


def _fsync(path: Path) -> None:
    """Make a write durable before it is published (a rename is only atomic, not durable, on its own)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
