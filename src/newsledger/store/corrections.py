"""Reviewers' corrections as records of their own, and the audit log of every write.

A correction never touches what an engine extracted: it is stored here, keyed by the article's content hash, what it
corrects and the span and text it applied to, and `track.corrections` re-applies it to each new extraction.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from dataclasses import field as dataclass_field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, insert, select

from . import Store, schema

ACTIONS = ("accept", "reject", "change", "add", "merge", "move-alias")
TARGETS = ("quote", "figure", "time", "event", "entity")
# What a reviewer may change on each kind of record.
FIELDS = {
    "quote": ("speaker", "kind"),
    "figure": ("value", "low", "high", "qualifier", "category", "source", "place", "as_of", "unit", "scope"),
    "time": ("value", "type"),
    "event": ("type", "date", "place", "actor", "target"),
}
# Ids bound in one IN list, well under what SQLite and psycopg allow in one statement.
_IN_BATCH = 10_000
QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "less_than", "about", "range", "vague")


class CorrectionError(ValueError):
    """A correction that cannot be stored as given (one line, for the CLI and the API)."""


@dataclass
class Correction:
    action: str
    target: str
    span_text: str
    who: str
    why: str
    article_id: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    field: str | None = None
    before: Any = None
    after: Any = None
    id: int | None = None
    created_at: str | None = None

    @property
    def key(self) -> tuple:
        """The stable identity: article content hash, record kind, span and the text it applied to."""
        return (self.article_id, self.target, self.span_start, self.span_end, self.span_text)

    @property
    def provenance(self) -> str:
        day = (self.created_at or "")[:10]
        verb = {"accept": "accepted", "reject": "rejected", "add": "added", "merge": "merged",
                "move-alias": "moved"}.get(self.action, "corrected")
        return f"{verb} by {self.who} on {day}: {self.why}"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "provenance": self.provenance}


@dataclass
class Draft:
    """What a reviewer asks for, before it is checked against the article."""

    action: str
    target: str
    start: int | None = None
    end: int | None = None
    field: str | None = None
    after: Any = None
    why: str = ""
    article_id: str | None = None
    name: str | None = None  # entity corrections: the canonical name (merge) or the alias (move-alias)
    extra: dict[str, Any] = dataclass_field(default_factory=dict)  # record_id (a click on a record), from (move-alias)


def validate(draft: Draft, article_text: str | None) -> None:
    """Refuse what could never apply, with one line saying why."""
    if draft.action not in ACTIONS:
        raise CorrectionError(f"action must be one of {', '.join(ACTIONS)}, not {draft.action!r}")
    if draft.target not in TARGETS:
        raise CorrectionError(f"target must be one of {', '.join(TARGETS)}, not {draft.target!r}")
    if not draft.why.strip():
        raise CorrectionError("say why (--why): a correction without a reason cannot be reviewed later")
    if draft.target == "entity":
        if draft.action not in ("merge", "move-alias"):
            raise CorrectionError("entities are merged or have an alias moved (merge, move-alias)")
        if not (draft.name and isinstance(draft.after, str) and draft.after.strip()):
            raise CorrectionError("an entity correction needs the name it applies to and the entity it goes to")
        return
    if draft.action in ("merge", "move-alias"):
        raise CorrectionError(f"{draft.action} applies to entities, not to a {draft.target}")
    if article_text is None:
        raise CorrectionError(f"no article {draft.article_id!r}" if draft.article_id else
                              f"say which article the {draft.target} is in")
    if draft.start is None or draft.end is None or not 0 <= draft.start < draft.end <= len(article_text):
        raise CorrectionError(f"the span must lie inside the article (0..{len(article_text)}), not "
                              f"{draft.start}..{draft.end}")
    if draft.action == "change":
        if draft.field not in FIELDS[draft.target]:
            raise CorrectionError(f"a {draft.target}'s field is one of {', '.join(FIELDS[draft.target])}, "
                                  f"not {draft.field!r}")
        if draft.target == "figure" and draft.field == "qualifier" and draft.after not in QUALIFIERS:
            raise CorrectionError(f"a qualifier is one of {', '.join(QUALIFIERS)}, not {draft.after!r}")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _row_correction(row: Any) -> Correction:
    values = dict(row._mapping)
    values["before"] = json.loads(values["before"]) if values["before"] is not None else None
    values["after"] = json.loads(values["after"]) if values["after"] is not None else None
    return Correction(**values)


def add(store: Store, correction: Correction, door: str) -> Correction:
    """Store one correction and its audit entry in one transaction; `door` is cli, api or web."""
    correction.created_at = correction.created_at or _now()
    values = asdict(correction)
    values.pop("id")
    values["before"] = json.dumps(correction.before, ensure_ascii=False) if correction.before is not None else None
    values["after"] = json.dumps(correction.after, ensure_ascii=False) if correction.after is not None else None
    with store.writing() as conn:
        correction.id = conn.execute(insert(schema.corrections).values(**values)).inserted_primary_key[0]
        audit(conn, correction.who, f"correction.{correction.action}", {"door": door, **correction.to_dict()})
    return correction


def import_corrections(store: Store, items: Iterable[dict[str, Any]], who: str) -> tuple[int, int]:
    """Corrections exported from another ledger (`corrections export`), skipping those already here by key and
    content; returns (added, already)."""
    known = {(c.key, c.field, json.dumps(c.after), c.who, c.created_at) for c in listing(store)}
    added = already = 0
    for item in items:
        values = {k: item.get(k) for k in Correction.__dataclass_fields__ if k != "id"}
        correction = Correction(**values)
        if (correction.key, correction.field, json.dumps(correction.after), correction.who,
                correction.created_at) in known:
            already += 1
            continue
        add(store, correction, door=f"import by {who}")
        added += 1
    return added, already


def audit(conn: Connection, who: str, action: str, detail: dict[str, Any]) -> None:
    conn.execute(insert(schema.review_audit).values(at=_now(), who=who, action=action,
                                                    detail=json.dumps(detail, ensure_ascii=False, default=str)))


def listing(store: Store | Connection, *, article_id: str | None = None, target: str | None = None,
            ids: Iterable[int] | None = None) -> list[Correction]:
    """Corrections in the order they were made (later ones win where two change the same field)."""
    c = schema.corrections
    query = select(c).order_by(c.c.id)
    if article_id:
        query = query.where(c.c.article_id == article_id)
    if target:
        query = query.where(c.c.target == target)
    if ids is not None:
        query = query.where(c.c.id.in_(list(ids)))
    if isinstance(store, Connection):
        return [_row_correction(r) for r in store.execute(query)]
    with store.engine.connect() as conn:
        return [_row_correction(r) for r in conn.execute(query)]


def audit_log(store: Store, limit: int = 100) -> list[dict[str, Any]]:
    log = schema.review_audit
    with store.engine.connect() as conn:
        rows = conn.execute(select(log).order_by(log.c.id.desc()).limit(limit)).all()
    return [{**dict(r._mapping), "detail": json.loads(r.detail)} for r in rows]


def reviewed_record(store: Store, article_id: str) -> dict[str, Any] | None:
    """The record as corrected, when the article has corrections (built by `track.corrections`)."""
    r = schema.reviewed_records
    with store.engine.connect() as conn:
        data = conn.execute(select(r.c.record).where(r.c.article_id == article_id)).scalar()
    return json.loads(data) if data else None


def review_marks(store: Store, article_ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """article id -> {"quote:q1": provenance} for the corrected records among these articles."""
    r = schema.reviewed_records
    wanted = sorted(set(article_ids))
    found: dict[str, dict[str, str]] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(wanted), _IN_BATCH):
            found.update((aid, json.loads(marks)) for aid, marks in conn.execute(
                select(r.c.article_id, r.c.marks).where(r.c.article_id.in_(wanted[start:start + _IN_BATCH]))))
    return found


def add_review_marks(store: Store, items: list[dict[str, Any]], target: str) -> list[dict[str, Any]]:
    """Give each listed row its `corrected` provenance (None when no reviewer touched it)."""
    marks = review_marks(store, (i["article_id"] for i in items)) if items else {}
    for item in items:
        item["corrected"] = marks.get(item["article_id"], {}).get(f"{target}:{item['local_id']}")
    return items


def entity_corrections(store: Store, names: Iterable[str]) -> list[dict[str, Any]]:
    """The merges and moved aliases that name this entity (as where they went, or what they moved)."""
    wanted = {n.lower() for n in names}
    return [c.to_dict() for c in listing(store, target="entity")
            if (c.after or "").lower() in wanted or (c.before or "").lower() in wanted]
