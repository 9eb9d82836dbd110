"""The relational rows of a record, and writing them: shared by `Store.save` and by loading batch shards."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, Table, insert, text

from ..model import Record, Span
from . import schema

Rows = dict[Table, list[dict[str, Any]]]


def _span_text(span: Span | None) -> str | None:
    return span.text if span else None


def record_rows(record: Record) -> Rows:
    """The rows of one record, keyed by table (the JSON record itself goes into articles.record)."""
    article = record.article
    aid = article.id
    names = {e.id: e.name for e in record.entities}
    data = record.to_dict()
    return {
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
            "scope": f.scope, "source_body": f.source_body, "source_kind": f.source_kind,
            "source_jurisdiction": f.source_jurisdiction, "source_affiliation": f.source_affiliation,
            "source_note": f.source_note, "source_body_chain": json.dumps(f.source_body_chain),
            "disputes": f.disputes, "place_id": f.place_id, "period_start": f.period_start,
            "period_end": f.period_end,
        } for f in record.figures],
        schema.times: [{
            "article_id": aid, "local_id": t.id, "start": t.span.start, "end": t.span.end, "text": t.span.text,
            "type": t.type, "value": t.value,
        } for t in record.times],
        schema.events: [{
            "article_id": aid, "local_id": v.id, "type": v.type, "mode": v.mode, "trigger": v.trigger.text,
            "start": v.sentence.start, "end": v.sentence.end, "trigger_start": v.trigger.start,
            "trigger_end": v.trigger.end, "actor": v.actor,
            "actor_name": v.actor_name or names.get(v.actor) or _span_text(v.actor_mention), "target": v.target,
            "target_name": v.target_name or names.get(v.target) or _span_text(v.target_mention), "date": v.date, "place": v.place,
            "background": v.background, "planned": v.planned, "negated": v.negated,
            "hypothetical": v.hypothetical, "place_id": v.place_id,
        } for v in record.events],
        schema.places: place_rows(record),
    }


def place_rows(record: Record) -> list[dict[str, Any]]:
    return [{
        "article_id": record.article.id, "local_id": p.id, "start": p.span.start, "end": p.span.end,
        "text": p.span.text, "type": p.type, "name": p.name, "key": p.key, "lat": p.lat, "lon": p.lon,
        "geonames_id": p.geonames_id, "feature": p.feature, "country": p.country, "admin1": p.admin1,
        "admin1_code": p.admin1_code, "precision": p.precision, "path": "|" + "|".join([p.name, *p.within]) + "|" if p.name else None,
    } for p in record.places]


def insert_rows(conn: Connection, rows: Rows) -> None:
    """Insert rows (of any number of articles) and, on SQLite, their full-text entries.

    PostgreSQL needs no second write: its tsvector columns are generated from the rows themselves.
    """
    for table, table_rows in rows.items():
        if table_rows:
            conn.execute(insert(table), table_rows)
    if conn.dialect.name != "sqlite":
        return
    if rows.get(schema.articles):
        conn.execute(text("INSERT INTO articles_fts(article_id, headline, text) VALUES (:a, :h, :t)"),
                     [{"a": a["id"], "h": a["headline"] or "", "t": a["text"]} for a in rows[schema.articles]])
    if rows.get(schema.quotes):
        conn.execute(text("INSERT INTO quotes_fts(article_id, local_id, content, speaker) VALUES (:a, :q, :c, :s)"),
                     [{"a": q["article_id"], "q": q["local_id"], "c": q["content"], "s": q["speaker_name"] or ""}
                      for q in rows[schema.quotes]])
