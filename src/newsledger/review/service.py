"""Turning a reviewer's request into a stored correction: the one path the CLI, the API and the web forms share."""
from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import select

from .. import track
from ..model import Record
from ..store import Store, queries, schema
from ..store.corrections import Correction, CorrectionError, Draft, add, listing, validate
from ..track.corrections import canonical_named, current_value, find_record, record_span, statuses

# Fields checked before they are stored (a time's value is a TIMEX3 value such as "P6W", not a number).
NUMERIC = {("figure", "value"), ("figure", "low"), ("figure", "high")}
DATES = {("figure", "as_of"), ("event", "date")}


class CorrectionBody(BaseModel):
    """A correction as the API and the article page's script send it."""

    action: Literal["accept", "reject", "change", "add", "merge", "move-alias"]
    target: Literal["quote", "figure", "time", "event", "entity"]
    why: str = Field(..., min_length=1, description="Shown with the correction wherever it is read.")
    article_id: str | None = Field(None, description="The article (quote, figure, time, event).")
    start: int | None = Field(None, description="Where the record sits: character offsets into the article text.")
    end: int | None = None
    record_id: str | None = Field(None, description="Or the record's id in the article as it reads now (q1, f2).")
    field: str | None = Field(None, description="change: speaker, kind; value, qualifier, category, source, place, "
                                                "as_of; type, date, actor, target ...")
    after: Any = Field(None, description="change: the right value; add: {field: value}; merge / move-alias: the "
                                         "entity it goes to.")
    name: str | None = Field(None, description="merge: the entity merged away; move-alias: the alias.")
    source: str | None = Field(None, alias="from", description="move-alias: the entity it is linked to now.")


def draft_of(body: CorrectionBody) -> Draft:
    extra = {key: value for key, value in (("record_id", body.record_id), ("from", body.source)) if value}
    return Draft(action=body.action, target=body.target, start=body.start, end=body.end, field=body.field,
                 after=body.after, why=body.why, article_id=body.article_id, name=body.name, extra=extra)


def _coerce(target: str, field: str | None, value: Any) -> Any:
    if (target, field) in NUMERIC:
        try:
            return float(str(value).replace(",", ""))
        except ValueError:
            raise CorrectionError(f"{field} must be a number, not {value!r}") from None
    if (target, field) in DATES and value not in (None, ""):
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise CorrectionError(f"{field} must be a date like 2024-02-07, not {value!r}") from None
    return value


def _locate(record: Record, draft: Draft) -> Any | None:
    items = {"quote": record.quotes, "figure": record.figures, "time": record.times, "event": record.events}
    if draft.extra.get("record_id"):
        found = next((i for i in items[draft.target] if i.id == draft.extra["record_id"]), None)
        if found is None:
            raise CorrectionError(f"no {draft.target} {draft.extra['record_id']!r} in article {draft.article_id}")
        return found
    found = find_record(record, draft.target, draft.start, draft.end)
    if found is None:  # words picked from inside a long quote
        found = next((i for i in items[draft.target]
                      if (span := record_span(draft.target, i))[0] <= draft.start and draft.end <= span[1]), None)
    return found


def _canonical_holding(store: Store, alias: str) -> str | None:
    """The canonical entity an alias is linked to now (the `from` of moving it)."""
    e, c = schema.entities, schema.canonical_entities
    with store.engine.connect() as conn:
        return conn.execute(select(c.c.name).join(e, e.c.canonical_id == c.c.id)
                            .where(e.c.name == alias).limit(1)).scalar()


def correct(store: Store, draft: Draft, who: str, door: str) -> Correction:
    """Check a request against the article as it reads now, store it with its audit entry, and apply it."""
    if draft.target == "entity":
        validate(draft, None)
        with store.engine.connect() as conn:
            missing = [name for name in ((draft.name, draft.after) if draft.action == "merge" else (draft.name,))
                       if canonical_named(conn, name) is None and _canonical_holding(store, name) is None]
        if missing:
            raise CorrectionError(f"no entity named {missing[0]!r} in the ledger")
        before = draft.extra.get("from") or (_canonical_holding(store, draft.name)
                                             if draft.action == "move-alias" else None)
        correction = Correction(action=draft.action, target="entity", span_text=draft.name, who=who, why=draft.why,
                                before=before, after=draft.after.strip())
    else:
        data = queries.article(store, draft.article_id) if draft.article_id else None
        record = Record.from_dict(data) if data else None
        if record is not None and draft.extra.get("record_id") and draft.start is None:
            item = _locate(record, draft)
            draft.start, draft.end = record_span(draft.target, item)
        validate(draft, record.article.text if record else None)
        item = _locate(record, draft)
        if item is None and draft.action != "add":
            raise CorrectionError(f"no {draft.target} at {draft.start}..{draft.end} in article {draft.article_id}; "
                                  "to record one the engines missed, add it")
        start, end = record_span(draft.target, item) if item is not None and draft.action != "add" else (
            draft.start, draft.end)
        after = _coerce(draft.target, draft.field, draft.after)
        if draft.action == "add":
            after = {key: _coerce(draft.target, key, value) for key, value in (draft.after or {}).items() if value not in (None, "")}
        if draft.action == "change":
            before = current_value(record, draft.target, item, draft.field)
        else:
            before = dataclasses.asdict(item) if item is not None else None
        correction = Correction(action=draft.action, target=draft.target, span_text=record.article.text[start:end],
                                who=who, why=draft.why, article_id=record.article.id, span_start=start,
                                span_end=end, field=draft.field if draft.action == "change" else None,
                                before=before, after=after)
    add(store, correction, door)
    track.refresh(store)
    return correction


def correction_rows(store: Store, *, article_id: str | None = None, status: str | None = None) -> list[dict]:
    """Every correction with its standing: applied, orphaned (its record is gone; kept for review) or pending."""
    found = statuses(store)
    rows = [{**c.to_dict(), "status": found.get(c.id, "pending")} for c in listing(store, article_id=article_id)]
    return [r for r in rows if status is None or r["status"] == status]
