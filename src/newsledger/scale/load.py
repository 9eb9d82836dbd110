"""Merging batch shards into the ledger: one transaction per shard, articles already stored are left as they are."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..store import Store, schema
from ..store.rows import insert_rows
from ..track import refresh as refresh_ledger
from .shards import finished_shards, read_shard


@dataclass
class LoadSummary:
    shards: int = 0
    added: int = 0
    already: int = 0


def load_shards(out: str | Path, store: Store,
                on_shard: Callable[[LoadSummary], None] = lambda summary: None) -> LoadSummary:
    """Load every finished shard under OUT; safe to re-run, and to kill (a shard is loaded whole or not at all)."""
    shards = finished_shards(Path(out))
    if not shards and not Path(out).is_dir():
        raise FileNotFoundError(f"no such directory: {out}")
    summary = LoadSummary()
    for path in shards:
        rows = read_shard(path)
        ids = [row["id"] for row in rows[schema.articles]]
        with store.writing() as conn:
            stored = set(conn.scalars(select(schema.articles.c.id).where(schema.articles.c.id.in_(ids))))
            fresh = {table: [row for row in table_rows
                             if (row["id"] if table is schema.articles else row["article_id"]) not in stored]
                     for table, table_rows in rows.items()}
            insert_rows(conn, fresh)
        summary.shards += 1
        summary.added += len(ids) - len(stored)
        summary.already += len(stored)
        on_shard(summary)
    if summary.added:
        refresh_ledger(store)  # as after a serial ingest: the cross-article tables cover what was loaded
    return summary
