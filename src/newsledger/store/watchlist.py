"""What `feeds`, `watch` and `alerts` keep in the ledger: feeds and their poll state, the items they listed, the
versions of an article at one URL, saved alerts and their hits. Every write is its own short transaction, so a
process killed at any point leaves the ledger as it was after the last one.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, insert, select, update

from . import Store, schema

fd, items, versions, al, hits = (schema.feeds, schema.feed_items, schema.article_versions, schema.alerts,
                                 schema.alert_hits)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def stamp(moment: datetime) -> str:
    """One fixed format, so that stamps compare as strings (next_due <= now)."""
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")


# -- feeds ---------------------------------------------------------------------------------------------------------

def add_feed(store: Store, url: str, *, outlet: str | None, interval_s: int) -> bool:
    """A new feed, due at once; an existing one takes the new outlet and interval. True when it was new."""
    with store.writing() as conn:
        if conn.execute(select(fd.c.url).where(fd.c.url == url)).first():
            conn.execute(update(fd).where(fd.c.url == url).values(outlet=outlet, interval_s=interval_s))
            return False
        now = stamp(utcnow())
        conn.execute(insert(fd).values(url=url, outlet=outlet, interval_s=interval_s, added_at=now, failures=0,
                                       next_due=now))
        return True


def remove_feed(store: Store, url: str) -> bool:
    """The feed goes; the articles it brought and their version links stay in the ledger."""
    with store.writing() as conn:
        return conn.execute(delete(fd).where(fd.c.url == url)).rowcount > 0


def feeds(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(fd).order_by(fd.c.url))]


def due_feeds(store: Store, moment: datetime) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(fd).where(fd.c.next_due <= stamp(moment))
                                                       .order_by(fd.c.next_due, fd.c.url))]


def next_due(store: Store) -> datetime | None:
    with store.engine.connect() as conn:
        soonest = conn.execute(select(fd.c.next_due).order_by(fd.c.next_due).limit(1)).scalar()
    return datetime.fromisoformat(soonest) if soonest else None


def feed_polled(store: Store, url: str, **values: Any) -> None:
    """Record one poll's outcome: validators, title, failures, last error, next due (stamps as datetimes)."""
    values = {key: stamp(value) if isinstance(value, datetime) else value for key, value in values.items()}
    with store.writing() as conn:
        conn.execute(update(fd).where(fd.c.url == url).values(**values))


# -- the items feeds listed, and article versions ------------------------------------------------------------------

def seen_item(store: Store, url: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(items).where(items.c.url == url)).first()
    return dict(row._mapping) if row else None


def item_done(store: Store, *, url: str, feed_url: str, signature: str, outcome: str, article_id: str | None = None,
              etag: str | None = None, last_modified: str | None = None) -> None:
    now = stamp(utcnow())
    row = {"feed_url": feed_url, "signature": signature, "outcome": outcome, "etag": etag,
           "last_modified": last_modified, "last_fetched": now}
    if article_id is not None:
        row["article_id"] = article_id
    with store.writing() as conn:
        if conn.execute(select(items.c.url).where(items.c.url == url)).first():
            conn.execute(update(items).where(items.c.url == url).values(**row))
        else:
            conn.execute(insert(items).values(url=url, first_seen=now, **row))


def record_version(store: Store, *, article_id: str, url: str, feed_url: str | None) -> str | None:
    """Link a stored article to the version before it at the same URL; returns that version's id, if any.

    Idempotent: an article already linked keeps its link (a resumed run re-records what it stored before a kill).
    """
    with store.writing() as conn:
        known = conn.execute(select(versions.c.previous_id).where(versions.c.article_id == article_id)).first()
        if known:
            return known[0]
        previous = conn.execute(select(versions.c.article_id).where(versions.c.url == url)
                                .order_by(versions.c.fetched_at.desc()).limit(1)).scalar()
        conn.execute(insert(versions).values(article_id=article_id, url=url, feed_url=feed_url, previous_id=previous,
                                             fetched_at=stamp(utcnow())))
        return previous


def url_versions(store: Store, url: str) -> list[dict[str, Any]]:
    """Every version stored from one URL, oldest first."""
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(versions).where(versions.c.url == url)
                                                       .order_by(versions.c.fetched_at))]


# -- alerts and their hits -----------------------------------------------------------------------------------------

def save_alert(store: Store, *, name: str, kind: str, params: dict[str, Any], targets: list[str]) -> bool:
    """Add an alert, or replace the one of that name (its past hits stay delivered). True when it was new."""
    row = {"kind": kind, "params": json.dumps(params, sort_keys=True), "targets": json.dumps(targets)}
    with store.writing() as conn:
        if conn.execute(select(al.c.name).where(al.c.name == name)).first():
            conn.execute(update(al).where(al.c.name == name).values(**row))
            return False
        conn.execute(insert(al).values(name=name, created_at=stamp(utcnow()), **row))
        return True


def remove_alert(store: Store, name: str) -> bool:
    with store.writing() as conn:
        conn.execute(delete(hits).where(hits.c.alert == name))
        return conn.execute(delete(al).where(al.c.name == name)).rowcount > 0


def alerts(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(al).order_by(al.c.name))]
    return [{**row, "params": json.loads(row["params"]), "targets": json.loads(row["targets"])} for row in rows]


def add_hits(store: Store, alert: str, found: list[dict[str, Any]]) -> int:
    """Record hits not recorded before (by key); returns how many were new."""
    added = 0
    with store.writing() as conn:
        for hit in found:
            if conn.execute(select(hits.c.key).where(hits.c.alert == alert, hits.c.key == hit["key"])).first():
                continue
            conn.execute(insert(hits).values(alert=alert, key=hit["key"], article_id=hit["article_id"],
                                             hit=json.dumps(hit, ensure_ascii=False), found_at=hit["found_at"]))
            added += 1
    return added


def undelivered_hits(store: Store) -> list[dict[str, Any]]:
    """Hits waiting to be sent (new ones, and ones whose delivery failed before), oldest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(hits.c.alert, hits.c.key, hits.c.hit).where(hits.c.delivered_at.is_(None))
                            .order_by(hits.c.found_at, hits.c.key)).all()
    return [{"alert": a, "key": k, "hit": json.loads(h)} for a, k, h in rows]


def mark_delivered(store: Store, alert: str, key: str) -> None:
    with store.writing() as conn:
        conn.execute(update(hits).where(hits.c.alert == alert, hits.c.key == key)
                     .values(delivered_at=stamp(utcnow())))


def alert_hits(store: Store, alert: str, *, since: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """An alert's hits, newest first (what its Atom feed and the watch page list)."""
    query = select(hits.c.hit).where(hits.c.alert == alert)
    if since:
        query = query.where(hits.c.found_at >= since)
    with store.engine.connect() as conn:
        return [json.loads(h) for h in conn.scalars(query.order_by(hits.c.found_at.desc(), hits.c.key).limit(limit))]
