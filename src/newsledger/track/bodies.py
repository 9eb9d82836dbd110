"""Reporting bodies across articles: every figure of one canonical body (resolve/bodies.py names it) points at one
`reporting_bodies` row, so series, conflicts and /sources group by the body, never by how a report wrote it.

Incremental like the entity pass: only figures without a body row are looked at.
"""
from __future__ import annotations

from sqlalchemy import Connection, bindparam, insert, select, update

from ..store import schema


def assign_reporting_bodies(conn: Connection) -> int:
    """Link every figure that names a body to its body row (created on first sight); returns how many were linked."""
    f, b = schema.figures, schema.reporting_bodies
    rows = conn.execute(select(f.c.article_id, f.c.local_id, f.c.source_body, f.c.source_kind, f.c.source_jurisdiction,
                               f.c.source_affiliation)
                        .where(f.c.source_body.is_not(None), f.c.source_body_id.is_(None))).all()
    if not rows:
        return 0
    known = {name: body_id for body_id, name in conn.execute(select(b.c.id, b.c.name))}
    for row in rows:
        if row.source_body not in known:
            known[row.source_body] = conn.execute(insert(b).values(
                name=row.source_body, kind=row.source_kind, jurisdiction=row.source_jurisdiction,
                affiliation=row.source_affiliation)).inserted_primary_key[0]
    conn.execute(update(f).where(f.c.article_id == bindparam("aid"), f.c.local_id == bindparam("lid"))
                 .values(source_body_id=bindparam("bid")),
                 [{"aid": r.article_id, "lid": r.local_id, "bid": known[r.source_body]} for r in rows])
    return len(rows)
