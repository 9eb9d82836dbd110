"""The ledger: one transaction per article, idempotent by article id, SQLite (WAL) by default or PostgreSQL."""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url

from ..model import Record
from . import schema
from .rows import insert_rows, record_rows

DEFAULT_DB = "newsledger.db"
DB_ENV = "NEWSLEDGER_DB"


def database_url(db: str | None = None) -> str:
    """A path ("news.db") or a SQLAlchemy URL ("sqlite:///news.db", "postgresql://...")."""
    db = db or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" in db:
        url = make_url(db)
        if url.drivername in ("postgresql", "postgres"):
            return str(url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False))
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_read_mapping(dbapi_conn: Any, _record: Any) -> None:
    # Series and search read many scattered rows; mapping the file saves a copy per page (measured: series p50
    # 42 -> 24 ms). Only for serving: mapped pages count in a writer's RSS, which would grow with the ledger.
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA mmap_size=1073741824")
    cursor.close()


def _engine(url: str, serving: bool) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        if serving:
            event.listen(engine, "connect", _sqlite_read_mapping)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Store:
    def __init__(self, db: str | None = None, serving: bool = False):
        """`serving`: tuned for many reads (the API and web pages) rather than for ingesting."""
        self.url = database_url(db)
        self.engine = _engine(self.url, serving)
        with self.engine.begin() as conn:
            self.version = schema.migrate(conn)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def location(self) -> str:
        return self.engine.url.database if self.is_sqlite else self.engine.url.render_as_string(hide_password=True)

    def optimize(self) -> None:
        """Refresh the query planner's statistics after a write (PostgreSQL's autovacuum does this by itself)."""
        if self.is_sqlite:
            with self.engine.begin() as conn:
                conn.exec_driver_sql("PRAGMA optimize")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article_id)).first() is not None

    def save(self, record: Record) -> bool:
        """Store one article and everything extracted from it in one transaction; False if it was already there."""
        with self.engine.begin() as conn:
            exists = conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == record.article.id)).first()
            if exists:
                return False
            insert_rows(conn, record_rows(record))
        return True

    # -- reading -------------------------------------------------------------------------------------------------

    def record(self, article_id: str) -> Record | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.articles.c.record).where(schema.articles.c.id == article_id)).first()
        return Record.from_dict(json.loads(row[0])) if row else None

    def records(self) -> Iterator[Record]:
        with self.engine.connect() as conn:
            for (data,) in conn.execute(select(schema.articles.c.record).order_by(schema.articles.c.published,
                                                                                   schema.articles.c.id)):
                yield Record.from_dict(json.loads(data))

    def find_articles(self, prefix: str) -> list[str]:
        """Article ids starting with `prefix` (users type the first few hex digits)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(schema.articles.c.id).where(schema.articles.c.id.startswith(prefix, autoescape=True))
                                .limit(5))
            return [r[0] for r in rows]

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        a = schema.articles
        counts = {t.name: select(func.count()).select_from(t).where(t.c.article_id == a.c.id).scalar_subquery()
                  for t in (schema.quotes, schema.figures, schema.events)}
        versions = schema.article_versions  # where `watch` found it: the feed, and the version it replaced
        query = (select(a.c.id, a.c.headline, a.c.published, a.c.outlet, a.c.source_path,
                        counts["quotes"].label("quotes"), counts["figures"].label("figures"),
                        counts["events"].label("events"), a.c.url, versions.c.feed_url.label("feed"),
                        versions.c.previous_id)
                 .select_from(a.outerjoin(versions, versions.c.article_id == a.c.id))
                 .order_by(a.c.published.desc(), a.c.id).limit(limit).offset(offset))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                      for t in (schema.articles, *schema.CHILD_TABLES)}
            first, last = conn.execute(select(func.min(schema.articles.c.published),
                                              func.max(schema.articles.c.published))).one()
            outlets = conn.execute(select(func.count(func.distinct(schema.articles.c.outlet)))).scalar_one()
        return {"database": self.location, "schema_version": self.version, **counts,
                "outlets": outlets, "published_from": first, "published_to": last}
