"""The ledger: one transaction per article, idempotent by article id, SQLite (WAL) by default or PostgreSQL."""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, insert, select, text
from sqlalchemy.engine import make_url

from ..model import Record, Span
from . import schema

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


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _span_text(span: Span | None) -> str | None:
    return span.text if span else None


class Store:
    def __init__(self, db: str | None = None):
        self.url = database_url(db)
        self.engine = _engine(self.url)
        with self.engine.begin() as conn:
            self.version = schema.migrate(conn)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def location(self) -> str:
        return self.engine.url.database if self.is_sqlite else self.engine.url.render_as_string(hide_password=True)

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
            rows = _rows(record)
            for table, table_rows in rows.items():
                if table_rows:
                    conn.execute(insert(table), table_rows)
            if self.is_sqlite:
                conn.execute(text("INSERT INTO articles_fts(article_id, headline, text) VALUES (:a, :h, :t)"),
                             {"a": record.article.id, "h": record.article.headline or "", "t": record.article.text})
                if record.quotes:
                    conn.execute(text("INSERT INTO quotes_fts(article_id, local_id, content, speaker) "
                                      "VALUES (:a, :q, :c, :s)"),
                                 [{"a": record.article.id, "q": q["local_id"], "c": q["content"],
                                   "s": q["speaker_name"] or ""} for q in rows[schema.quotes]])
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
        query = (select(a.c.id, a.c.headline, a.c.published, a.c.outlet, a.c.source_path,
                        counts["quotes"].label("quotes"), counts["figures"].label("figures"),
                        counts["events"].label("events"))
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


def _rows(record: Record) -> dict[Any, list[dict[str, Any]]]:
    """The relational rows of one record (the JSON record itself goes into articles.record)."""
    article = record.article
    aid = article.id
    names = {e.id: e.name for e in record.entities}
    data = record.to_dict()
    rows: dict[Any, list[dict[str, Any]]] = {
        schema.articles: [{
            "id": aid, "source_path": article.source_path, "url": article.url, "headline": article.headline,
            "alt_headline": article.alt_headline, "standfirst": article.standfirst, "published": article.published,
            "published_from": article.published_from, "outlet": article.outlet, "byline": article.byline,
            "dateline": article.dateline, "text": article.text, "record": json.dumps(data, ensure_ascii=False),
            "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }],
        schema.entities: [{
            "article_id": aid, "local_id": e.id, "name": e.name, "type": e.type, "titles": json.dumps(e.titles),
            "mention_count": len(e.mentions), "canonical_id": None,
        } for e in record.entities],
        schema.quotes: [{
            "article_id": aid, "local_id": q.id, "kind": q.kind,
            "content": " … ".join(s.text for s in q.content),
            "start": min(s.start for s in q.content) if q.content else 0,
            "end": max(s.end for s in q.content) if q.content else 0,
            "cue": _span_text(q.cue), "speaker_mention": _span_text(q.speaker_mention),
            "speaker_entity": q.speaker.entity if q.speaker else None,
            "speaker_name": q.speaker.name if q.speaker else (q.speaker_description or _span_text(q.speaker_mention)),
            "speaker_description": q.speaker_description, "published": article.published,
        } for q in record.quotes],
        schema.figures: [{
            "article_id": aid, "local_id": f.id, "start": f.span.start, "end": f.span.end, "text": f.span.text,
            "number": f.number, "value": f.value, "low": f.low, "high": f.high, "qualifier": f.qualifier,
            "category": f.category, "unit": f.unit, "source": _span_text(f.source), "source_entity": f.source_entity,
            "source_name": names.get(f.source_entity) if f.source_entity else _span_text(f.source),
            "source_chain": json.dumps(f.source_chain), "quote": f.quote, "as_of": f.as_of, "place": f.place,
        } for f in record.figures],
        schema.times: [{
            "article_id": aid, "local_id": t.id, "start": t.span.start, "end": t.span.end, "text": t.span.text,
            "type": t.type, "value": t.value,
        } for t in record.times],
        schema.events: [{
            "article_id": aid, "local_id": v.id, "type": v.type, "mode": v.mode, "trigger": v.trigger.text,
            "start": v.sentence.start, "end": v.sentence.end, "actor": v.actor, "actor_name": names.get(v.actor),
            "target": v.target, "target_name": names.get(v.target), "date": v.date, "place": v.place,
            "background": v.background, "planned": v.planned, "negated": v.negated,
        } for v in record.events],
    }
    return rows
