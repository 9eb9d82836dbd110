"""Reviewers' corrections applied to each extraction, so that they last.

A correction names the span and text it applied to, never a record's local id: after a re-ingest, a `load` of
Parquet shards or a re-extraction by a new engine version the records are numbered anew, and the correction finds
its record again by where it sits. One whose record no longer exists is kept and listed as orphaned, never dropped.

The engine's record stays whole in `articles.record`; the relational rows of a corrected article (what every
listing, page and export reads) are rebuilt from it with the corrections applied, and the corrected record with
each correction's provenance is kept in `reviewed_records`.
"""
from __future__ import annotations

import copy
import dataclasses
import json
import re
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, text, update

from ..model import Entity, Event, Figure, Quote, Record, Span, SpeakerRef, TimeExpr
from ..resolve.bodies import ORGANISATION, OTHER, Body, parse_body
from ..store import Store, schema
from ..store.corrections import FIELDS, Correction, listing
from ..store.rows import insert_rows, record_rows
from .entities import name_key

# A correction finds its record again when their spans share at least this part of their union: a new engine
# version may take one more word into a quote ("..., he said") without it being another quote.
SAME_RECORD_OVERLAP = 0.5


# -- finding a correction's record ---------------------------------------------------------------------------------

def record_span(target: str, item: Any) -> tuple[int, int]:
    if target == "quote":
        return min(s.start for s in item.content), max(s.end for s in item.content)
    if target == "event":
        return item.trigger.start, item.trigger.end
    return item.span.start, item.span.end


def _items(record: Record, target: str) -> list[Any]:
    return {"quote": record.quotes, "figure": record.figures, "time": record.times, "event": record.events}[target]


def find_record(record: Record, target: str, start: int, end: int) -> Any | None:
    """The record of this kind at exactly this span, else the one overlapping it most (at least half their union)."""
    best, best_share = None, 0.0
    for item in _items(record, target):
        if target == "quote" and not item.content:
            continue
        a, b = record_span(target, item)
        if (a, b) == (start, end):
            return item
        share = max(0, min(b, end) - max(a, start)) / (max(b, end) - min(a, start))
        if share > best_share:
            best, best_share = item, share
    return best if best_share >= SAME_RECORD_OVERLAP else None


# -- applying ------------------------------------------------------------------------------------------------------

def entity_named(record: Record, name: str, entity_type: str | None, new_id: str) -> Entity:
    """The article's entity of this name (by name or mention), or a new one mentioned wherever the text names it."""
    key = name_key(name)
    for entity in record.entities:
        if name_key(entity.name) == key or any(name_key(m.text) == key for m in entity.mentions):
            return entity
    text = record.article.text
    found = [m.start() for m in re.finditer(re.escape(name), text)]
    entity = Entity(id=new_id, name=name, type=entity_type or "PERSON",
                    mentions=[Span.of(text, at, at + len(name)) for at in found])
    record.entities.append(entity)
    return entity


def _mention_near(entity: Entity, at: int) -> Span | None:
    """The mention closest to a record: "according to the health ministry" after the figure, not the first one."""
    return min(entity.mentions, key=lambda m: abs(m.start - at), default=None)


def _name_and_type(after: Any, default_type: str) -> tuple[str, str]:
    if isinstance(after, dict):
        return str(after["name"]), str(after.get("type") or default_type).upper()
    return str(after), default_type


def current_value(record: Record, target: str, item: Any, field: str) -> Any:
    """What the record holds now, as a reviewer reads it (names, not local ids)."""
    names = {e.id: e.name for e in record.entities}
    if target == "quote" and field == "speaker":
        return item.speaker.name if item.speaker else (item.speaker_description or
                                                       (item.speaker_mention.text if item.speaker_mention else None))
    if target == "figure" and field == "source":
        return names.get(item.source_entity) or (item.source.text if item.source else None)
    if target == "event" and field in ("actor", "target"):
        return names.get(getattr(item, field))
    return getattr(item, field)


def _credit_body(figure: Figure, name: str, kind: str) -> None:
    """The source a reviewer names is the figure's reporting body too ("Lebanese health ministry" is the Lebanese
    Health Ministry); a name the body registry does not know stands as the reviewer wrote it."""
    body = parse_body(name, name if kind == "PERSON" else None)
    if body is None or body.kind == OTHER:
        body = Body(name, ORGANISATION)
    figure.source_body, figure.source_kind, figure.source_body_chain = body.name, body.kind, []
    figure.source_jurisdiction, figure.source_affiliation, figure.source_note = (
        body.jurisdiction, body.affiliation, body.note)


def _set(record: Record, target: str, item: Any, field: str, after: Any, new_id: str) -> None:
    if target == "quote" and field == "speaker":
        name, kind = _name_and_type(after, "PERSON")
        who = entity_named(record, name, kind, new_id)
        item.speaker = SpeakerRef(who.id, who.name, who.type)
        item.speaker_mention = _mention_near(who, record_span("quote", item)[0])
        item.speaker_description = None
    elif target == "figure" and field == "source":
        name, kind = _name_and_type(after, "ORG")
        body = entity_named(record, name, kind, new_id)
        item.source_entity, item.source, item.source_chain = body.id, _mention_near(body, item.span.start), [body.name]
        _credit_body(item, name, kind)
    elif target == "figure" and field in ("value", "low", "high"):
        number = float(after) if after not in (None, "") else None
        if field == "value":
            if item.low == item.value:
                item.low = number
            if item.high == item.value:
                item.high = number
        setattr(item, field, number)
    elif target == "event" and field in ("actor", "target"):
        name, kind = _name_and_type(after, "ORG")
        setattr(item, field, entity_named(record, name, kind, new_id).id)
    else:
        setattr(item, field, after)


def _new_record(record: Record, correction: Correction, new_id: str) -> Any:
    """A record the engines missed, made from the span a reviewer selected and the values they gave."""
    text, after = record.article.text, dict(correction.after or {})
    span = Span.of(text, correction.span_start, correction.span_end)
    if correction.target == "quote":
        item: Any = Quote(id=new_id, kind=after.get("kind") or "direct", content=[span])
        if after.get("speaker"):
            _set(record, "quote", item, "speaker", after["speaker"], f"{new_id}s")
        record.quotes.append(item)
    elif correction.target == "figure":
        value = float(after["value"]) if after.get("value") not in (None, "") else None
        item = Figure(id=new_id, span=span, number=after.get("number") or span.text, value=value, low=value,
                      high=None, qualifier=after.get("qualifier") or "exact",
                      category=after.get("category") or "other", unit=after.get("unit"), as_of=after.get("as_of"),
                      place=after.get("place"))
        if after.get("source"):
            _set(record, "figure", item, "source", after["source"], f"{new_id}s")
        record.figures.append(item)
    elif correction.target == "time":
        item = TimeExpr(id=new_id, span=span, type=after.get("type") or "DATE", value=after.get("value") or "")
        record.times.append(item)
    else:
        sentence = next((v.sentence for v in record.voice if v.sentence.contains(span)), span)
        item = Event(id=new_id, type=after.get("type") or "OTHER", trigger=span, sentence=sentence,
                     date=after.get("date"), place=after.get("place"))
        record.events.append(item)
    return item


def _reject(record: Record, target: str, item: Any) -> None:
    _items(record, target).remove(item)
    if target == "quote":
        record.voice = [v for v in record.voice if v.quote != item.id]
    if target == "figure":
        for event in record.events:
            event.figures = [f for f in event.figures if f != item.id]


def apply(original: Record, corrections: list[Correction]) -> tuple[Record, dict[str, str], dict[str, Any]]:
    """The record as corrected, the provenance of each corrected record ("quote:q1" -> "corrected by ..."), and the
    review section (every correction with the record it applied to, or orphaned; what was rejected)."""
    record = copy.deepcopy(original)
    text = record.article.text
    marks: dict[str, list[str]] = {}
    applied, orphaned, rejected = [], [], []
    for correction in corrections:
        if correction.target == "entity":
            continue
        new_id = f"r{correction.id}"
        if text[correction.span_start:correction.span_end] != correction.span_text:
            orphaned.append({**correction.to_dict(), "status": "orphaned",
                             "reason": "the text at this span is not the text it applied to"})
            continue
        item = find_record(record, correction.target, correction.span_start, correction.span_end)
        if correction.action == "add" and item is None:
            item = _new_record(record, correction, new_id)
        elif item is None:
            orphaned.append({**correction.to_dict(), "status": "orphaned",
                             "reason": f"no {correction.target} at this span any more"})
            continue
        elif correction.action == "add":  # the engines found it since: the reviewer's values still hold
            for field, value in (correction.after or {}).items():
                if field in FIELDS[correction.target]:
                    _set(record, correction.target, item, field, value, f"{new_id}{field[0]}")
        elif correction.action == "reject":
            rejected.append({"target": correction.target, "record": dataclasses.asdict(item),
                             "correction": correction.id})
            _reject(record, correction.target, item)
        elif correction.action == "change":
            _set(record, correction.target, item, correction.field, correction.after, new_id)
        applied.append({**correction.to_dict(), "status": "applied", "record_id": item.id})
        if correction.action != "reject":
            note = correction.provenance
            if correction.action == "change":
                note = f"{correction.field}: {_shown(correction.before)} → {_shown(correction.after)}, {note}"
            marks.setdefault(f"{correction.target}:{item.id}", []).append(note)
    review = {"corrections": applied, "orphaned": orphaned, "rejected": rejected}
    return record, {key: "; ".join(notes) for key, notes in marks.items()}, review


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name", value)
    return "—" if value in (None, "") else str(value)


# -- keeping the ledger's rows in step -----------------------------------------------------------------------------

def _built_from(ingested_at: str, corrections: list[Correction]) -> str:
    return f"{ingested_at}|{len(corrections)}|{max((c.id for c in corrections), default=0)}"


def replace_rows(conn: Connection, record: Record) -> None:
    """The relational rows of one article, rebuilt from this record (the article row itself is left as it is)."""
    aid = record.article.id
    for table in schema.CHILD_TABLES:
        conn.execute(delete(table).where(table.c.article_id == aid))
    g = schema.quote_groups
    conn.execute(delete(g).where(or_(g.c.article_id == aid, g.c.group_article == aid)))
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM quotes_fts WHERE article_id = :a"), {"a": aid})
    rows = record_rows(record)
    rows.pop(schema.articles)
    insert_rows(conn, rows)


def reapply(conn: Connection) -> int:
    """Apply the corrections of every article whose extraction or corrections changed since they were last applied;
    returns how many articles were rebuilt. Articles not (yet) in the ledger keep their corrections pending."""
    a, c, r = schema.articles, schema.corrections, schema.reviewed_records
    corrected = conn.execute(
        select(a.c.id, a.c.ingested_at, r.c.built_from).join(c, c.c.article_id == a.c.id)
        .outerjoin(r, r.c.article_id == a.c.id).group_by(a.c.id, a.c.ingested_at, r.c.built_from)).all()
    rebuilt = 0
    for aid, ingested_at, built_from in corrected:
        corrections = listing(conn, article_id=aid)
        digest = _built_from(ingested_at, corrections)
        if digest == built_from:
            continue
        original = Record.from_dict(json.loads(conn.execute(select(a.c.record).where(a.c.id == aid)).scalar_one()))
        record, marks, review = apply(original, corrections)
        replace_rows(conn, record)
        data = {**record.to_dict(), "review": review}
        values = {"record": json.dumps(data, ensure_ascii=False), "marks": json.dumps(marks, ensure_ascii=False),
                  "built_from": digest}
        if built_from is None:
            conn.execute(insert(r).values(article_id=aid, **values))
        else:
            conn.execute(update(r).where(r.c.article_id == aid).values(**values))
        rebuilt += 1
    return rebuilt


# -- canonical entities: merge, and move an alias ------------------------------------------------------------------

def canonical_named(conn: Connection, name: str) -> Any | None:
    ce = schema.canonical_entities
    key = name_key(name)
    return conn.execute(select(ce).where(ce.c.key == key).order_by(ce.c.articles.desc(), ce.c.id)).first()


def _absorb_names(conn: Connection, into: Any, names: list[str]) -> None:
    ce = schema.canonical_entities
    aliases = json.loads(conn.execute(select(ce.c.aliases).where(ce.c.id == into.id)).scalar_one())
    known = {into.name.lower(), *(x.lower() for x in aliases)}
    aliases += [n for n in dict.fromkeys(names) if n.lower() not in known]
    conn.execute(update(ce).where(ce.c.id == into.id).values(aliases=json.dumps(aliases, ensure_ascii=False)))


def _recount(conn: Connection, canonical_ids: list[int]) -> None:
    ce, e = schema.canonical_entities, schema.entities
    for cid in canonical_ids:
        count = conn.execute(select(func.count(func.distinct(e.c.article_id))).where(e.c.canonical_id == cid)).scalar()
        conn.execute(update(ce).where(ce.c.id == cid).values(articles=count))


def apply_entity_corrections(conn: Connection) -> dict[int, str]:
    """Merge canonical entities and move aliases as reviewers said, again after every linking pass (new articles
    are linked by name, and a rebuild links everything anew); returns each correction's status."""
    ce, e = schema.canonical_entities, schema.entities
    status: dict[int, str] = {}
    for correction in listing(conn, target="entity"):
        into = canonical_named(conn, correction.after) if correction.action == "merge" else None
        if correction.action == "merge":
            merged = canonical_named(conn, correction.span_text)
            if into is None:
                status[correction.id] = "orphaned"
                continue
            status[correction.id] = "applied"
            if merged is None or merged.id == into.id:
                continue
            conn.execute(update(e).where(e.c.canonical_id == merged.id).values(canonical_id=into.id))
            _absorb_names(conn, into, [merged.name, *json.loads(merged.aliases)])
            conn.execute(delete(ce).where(ce.c.id == merged.id))
            _recount(conn, [into.id])
            continue
        source = canonical_named(conn, correction.before) if correction.before else None
        key = name_key(correction.span_text)
        query = select(e.c.article_id, e.c.local_id, e.c.name, e.c.type, e.c.canonical_id)
        query = query.where(e.c.canonical_id == source.id) if source is not None else query.where(
            func.lower(e.c.name) == correction.span_text.lower())
        moving = [row for row in conn.execute(query) if name_key(row.name) == key]
        destination = canonical_named(conn, correction.after)
        if destination is None and moving:  # a split: the alias becomes an entity of its own
            new_id = conn.execute(insert(ce).values(name=correction.after, type=moving[0].type,
                                                    key=name_key(correction.after), titles="[]", aliases="[]",
                                                    articles=0)).inserted_primary_key[0]
            destination = conn.execute(select(ce).where(ce.c.id == new_id)).first()
        if destination is None:
            status[correction.id] = "orphaned"
            continue
        status[correction.id] = "applied"
        moving = [row for row in moving if row.canonical_id != destination.id]
        if not moving:
            continue
        for row in moving:
            conn.execute(update(e).where(e.c.article_id == row.article_id, e.c.local_id == row.local_id)
                         .values(canonical_id=destination.id))
        for cid in {row.canonical_id for row in moving if row.canonical_id is not None}:
            aliases = json.loads(conn.execute(select(ce.c.aliases).where(ce.c.id == cid)).scalar_one())
            conn.execute(update(ce).where(ce.c.id == cid).values(aliases=json.dumps(
                [x for x in aliases if name_key(x) != key], ensure_ascii=False)))
        _absorb_names(conn, destination, [correction.span_text])
        left = {row.canonical_id for row in moving if row.canonical_id is not None}
        _recount(conn, [destination.id, *left])
        # An entity whose every mention moved away is no entity any more (a rename rather than a split).
        conn.execute(delete(ce).where(ce.c.id.in_(left), ce.c.articles == 0))
    return status


def statuses(store: Store) -> dict[int, str]:
    """Every correction's standing: applied or orphaned (kept, for review); one missing is pending (its article is
    not in this ledger yet)."""
    r = schema.reviewed_records
    found: dict[int, str] = {}
    with store.engine.connect() as conn:
        for (data,) in conn.execute(select(r.c.record)):
            review = json.loads(data).get("review", {})
            for item in review.get("corrections", []) + review.get("orphaned", []):
                found[item["id"]] = item["status"]
        for correction in listing(conn, target="entity"):
            found[correction.id] = "applied" if _holds(conn, correction.after, correction.span_text) else "orphaned"
    return found


def _holds(conn: Connection, name: str, alias: str) -> bool:
    """Whether the canonical entity NAME now holds ALIAS (what a merge or a moved alias leaves behind)."""
    into = canonical_named(conn, name)
    if into is None:
        return False
    return name_key(alias) in {name_key(into.name), *(name_key(x) for x in json.loads(into.aliases))}
