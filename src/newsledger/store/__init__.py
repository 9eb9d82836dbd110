"""The ledger: one transaction per article, idempotent by article id, SQLite (WAL) by default or PostgreSQL.

Writers (ingest, load, track, migrate) open it with `Store(db)`: the schema is created or migrated then, and every
write transaction takes SQLite's write lock at its start (`BEGIN IMMEDIATE`), so two processes that check and then
insert never both decide to insert. Readers (every listing command, `serve`) open it with `read_only=True`: nothing
is created, migrated or written; a file on a read-only filesystem is opened `immutable` (as Datasette serves
published snapshots), since SQLite's WAL mode needs a writable `-shm` beside the file otherwise.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

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


class LedgerUnavailable(Exception):
    """The ledger cannot be opened, read or written as asked; the message is one plain line naming it."""


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Transactions are begun by `_begin_immediate`, not by the driver's own guess before the first INSERT.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin(conn: Any) -> None:
    # Two concurrent ingests each read "no such canonical entity" and both inserted it: a write transaction
    # (`Store.writing()`) takes the write lock before its first read, so the second waits and then sees the first
    # one's rows. A read keeps a deferred BEGIN: had it taken the lock too, a read opened inside another read of the
    # same process (a listing that looks up its rows' corrections) would wait on its own process.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITING) else "BEGIN")


_WRITING = "newsledger_writing"


def _sqlite_reader_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _postgres_read_only(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cursor.close()
    dbapi_conn.commit()


def _sqlite_read_mapping(dbapi_conn: Any, _record: Any) -> None:
    # Series and search read many scattered rows; mapping the file saves a copy per page (measured: series p50
    # 42 -> 24 ms). Only for serving: mapped pages count in a writer's RSS, which would grow with the ledger.
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA mmap_size=1073741824")
    cursor.close()


def _sqlite_file(url: str) -> Path | None:
    """The database file of an SQLite URL; None for an in-memory database."""
    database = make_url(url).database
    return Path(database) if database and database != ":memory:" else None


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent if str(path.parent) else Path("."), os.W_OK)


def _read_only_sqlite(url: str, file: Path, immutable: bool) -> Engine:
    """An engine whose connections open the file with mode=ro (or immutable=1): SQLite itself refuses writes."""
    immutable = immutable or not _writable(file)
    uri = f"file:{quote(str(file.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")
    engine = create_engine(url, creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
    event.listen(engine, "connect", _sqlite_reader_pragmas)
    return engine


def _engine(url: str, serving: bool, read_only: bool, immutable: bool) -> Engine:
    if not url.startswith("sqlite"):
        engine = create_engine(url, pool_pre_ping=True)
        if read_only:
            event.listen(engine, "connect", _postgres_read_only)
        return engine
    file = _sqlite_file(url)
    if read_only and file is not None:
        if not file.is_file():
            raise LedgerUnavailable(f"no ledger at {file} (check --db / NEWSLEDGER_DB, or create it with "
                                    "`newsledger ingest`)")
        engine = _read_only_sqlite(url, file, immutable)
    else:
        if file is not None and file.exists() and not _writable(file):
            raise LedgerUnavailable(f"cannot write to ledger {file}: the file or its folder is read-only")
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin)
    if serving:
        event.listen(engine, "connect", _sqlite_read_mapping)
    return engine


class Store:
    def __init__(self, db: str | None = None, serving: bool = False, read_only: bool = False,
                 immutable: bool = False):
        """`serving`: tuned for many reads (the API and web pages) rather than for ingesting.

        `read_only`: open an existing ledger without creating, migrating or writing anything; `immutable`: also
        promise SQLite that nothing else writes the file (a published snapshot), which it then reads without locks.
        """
        self.url = database_url(db)
        self.read_only = read_only
        self.engine = _engine(self.url, serving, read_only, immutable)
        try:
            with self.writing() as conn:
                self.version = schema.check_version(conn) if read_only else schema.migrate(conn)
        except DBAPIError as exc:
            self.engine.dispose()
            raise LedgerUnavailable(f"cannot open ledger {self.location}: {one_line(exc.orig)}") from None
        except schema.SchemaMismatch as exc:
            self.engine.dispose()
            raise LedgerUnavailable(f"ledger {self.location}: {exc}") from None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def location(self) -> str:
        return self.engine.url.database if self.is_sqlite else self.engine.url.render_as_string(hide_password=True)

    def optimize(self) -> None:
        """Refresh the query planner's statistics after a write (PostgreSQL's autovacuum does this by itself)."""
        if self.is_sqlite:
            with self.writing() as conn:
                conn.exec_driver_sql("PRAGMA optimize")

    def writing(self) -> Any:
        """A write transaction (`with store.writing() as conn:`); on SQLite it holds the write lock from its start."""
        return self.engine.execution_options(**{_WRITING: True}).begin()

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
        """Store one article and everything extracted from it in one transaction; False if it was already there.

        A database that cannot take writes (disk full, read-only file) raises LedgerUnavailable: it is no fault of
        this article, and every later one would fail the same way.
        """
        try:
            with self.writing() as conn:
                exists = conn.execute(select(schema.articles.c.id)
                                      .where(schema.articles.c.id == record.article.id)).first()
                if exists:
                    return False
                insert_rows(conn, record_rows(record))
        except OperationalError as exc:
            raise LedgerUnavailable(f"cannot write to ledger {self.location}: {one_line(exc.orig)}") from None
        return True

    # -- reading -------------------------------------------------------------------------------------------------

    def record(self, article_id: str) -> Record | None:
        stored = self._stored_record(article_id)
        return Record.from_dict(stored) if stored is not None else None

    def record_dict(self, article_id: str) -> dict[str, Any] | None:
        """The stored record as `record(...).to_dict()` gives it, without building the records in between."""
        stored = self._stored_record(article_id)
        return Record.normalised(stored) if stored is not None else None

    def _stored_record(self, article_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.articles.c.record).where(schema.articles.c.id == article_id)).first()
        return json.loads(row[0]) if row else None

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

    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                      for t in (schema.articles, *schema.CHILD_TABLES)}
            first, last = conn.execute(select(func.min(schema.articles.c.published),
                                              func.max(schema.articles.c.published))).one()
            outlets = conn.execute(select(func.count(func.distinct(schema.articles.c.outlet)))).scalar_one()
        return {"database": self.location, "schema_version": self.version, **counts,
                "outlets": outlets, "published_from": first, "published_to": last}


def one_line(exc: BaseException) -> str:
    """An exception's first line: what a person needs, without the driver's SQL and parameters."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
