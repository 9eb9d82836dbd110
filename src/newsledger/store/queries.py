"""The one query layer: the CLI's --json, the REST API and the web pages all read the ledger through these functions.

Every filter is a bound parameter of a SQLAlchemy statement; user text never becomes SQL. Each function returns
JSON-ready dicts (lists of them for listings, paged by `limit`/`offset`).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import (Select, and_, column, func, literal_column, or_, select, table, text, tuple_)

from . import Store, schema
from .corrections import add_review_marks, entity_corrections, reviewed_record
from .places import located_in

a, e, q, f, t, v = (schema.articles, schema.entities, schema.quotes, schema.figures, schema.times, schema.events)
c, g, ref, story = schema.canonical_entities, schema.quote_groups, schema.reference_points, schema.story_members
UNATTRIBUTED = "unattributed"
MAX_LIMIT = 10_000
# Broad searches rank only their newest matches: FTS5 scores every match it ranks (1-3 µs each), so a word in
# most quotes would cost a second at 1M quotes. Searches with fewer matches than this are ranked over all of them.
RANK_WINDOW = 5_000
_quotes_fts = table("quotes_fts", column("rowid"), column("rank"), column("article_id"), column("local_id"),
                    column("speaker"))
_articles_fts = table("articles_fts", column("rowid"), column("rank"), column("article_id"))
_WORD = re.compile(r"\w+")
# Ids bound in one IN list: well under the bound parameters a statement may carry (SQLite 32,766; psycopg 65,535).
_IN_BATCH = 10_000


def _rows(store: Store, query: Select) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        result = conn.execute(query)
        keys = list(result.keys())  # zipping fetched tuples costs a third of building Row mappings on long series
        return [dict(zip(keys, row)) for row in result.fetchall()]


def _page(query: Select, limit: int | None, offset: int) -> Select:
    """One page of a listing; `limit=None` (internal callers only) reads everything."""
    if limit is not None:
        query = query.limit(max(0, min(limit, MAX_LIMIT)))
    return query.offset(max(0, offset)) if offset else query


def fts_query(search: str) -> str | None:
    """Words as an FTS5 query that matches all of them; quoting each word keeps FTS5 syntax out of user hands."""
    words = _WORD.findall(search or "")
    return " ".join(f'"{w}"' for w in words) or None


def _fts_match(fts: Any, search: str) -> Any:
    return text(f"{fts.name} MATCH :match").bindparams(match=fts_query(search))


def _canonical_ids(store: Store, name: str) -> list[int]:
    """The canonical entities whose name contains `name`: resolved first so that filters compare ids, not names."""
    with store.engine.connect() as conn:
        return list(conn.scalars(select(c.c.id).where(c.c.name.icontains(name, autoescape=True))))


def _distinct_containing(store: Store, column: Any, name: str) -> list[str]:
    """The distinct values of an indexed column that contain `name`, read by skipping through the index from one
    value to the next (a seek per distinct value, not a read per row)."""
    values = select(func.min(column).label("value")).cte("values_", recursive=True)
    values = values.union_all(select(select(func.min(column)).where(column > values.c.value).scalar_subquery())
                              .where(values.c.value.is_not(None)))
    with store.engine.connect() as conn:
        return list(conn.scalars(select(values.c.value).where(values.c.value.icontains(name, autoescape=True))))


def _text_match(store: Store, fts: Any, search: str, pg_column: str) -> tuple[Any, Any]:
    """(where clause, ranking) of a full-text search in this database's own engine.

    In SQLite the ranking is the FTS5 table's own `rank` (BM25): ordered by it, with the FTS table as the outer loop
    of the join, FTS5 hands rows over best first and the join stops at the page's end instead of sorting every match.
    Only the newest RANK_WINDOW matches are ranked: the bound is the rowid of the next older match, if any.
    """
    if store.is_sqlite:
        window_floor = (select(fts.c.rowid).where(_fts_match(fts, search)).order_by(fts.c.rowid.desc())
                        .limit(1).offset(RANK_WINDOW).correlate(None).scalar_subquery())
        return and_(_fts_match(fts, search), fts.c.rowid > func.coalesce(window_floor, 0)), fts.c.rank
    vector = literal_column(pg_column)
    query = func.plainto_tsquery("english", search)
    return vector.bool_op("@@")(query), func.ts_rank(vector, query).desc()


# -- articles ------------------------------------------------------------------------------------------------------

def articles(store: Store, *, search: str | None = None, story_id: str | None = None,
             limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    counts = {tb.name: select(func.count()).select_from(tb).where(tb.c.article_id == a.c.id).scalar_subquery()
              for tb in (q, f, v)}
    versions = schema.article_versions  # where `watch` found it: the feed, and the version it replaced
    query = select(a.c.id, a.c.headline, a.c.published, a.c.outlet, a.c.byline, a.c.source_path,
                   story.c.story_id, counts["quotes"].label("quotes"), counts["figures"].label("figures"),
                   counts["events"].label("events"), a.c.url, versions.c.feed_url.label("feed"),
                   versions.c.previous_id)
    source = a.outerjoin(story, story.c.article_id == a.c.id).outerjoin(versions, versions.c.article_id == a.c.id)
    if search and fts_query(search):
        match, rank = _text_match(store, _articles_fts, search, "articles.search")
        if store.is_sqlite:
            source = _articles_fts.join(source, a.c.id == _articles_fts.c.article_id)
        query = query.where(match).order_by(rank, a.c.id)
    else:
        query = query.order_by(a.c.published.desc(), a.c.id)
    if story_id:
        query = query.where(story.c.story_id == story_id)
    return _rows(store, _page(query.select_from(source), limit, offset))


def article(store: Store, article_id: str, original: bool = False) -> dict[str, Any] | None:
    """The output-contract record, plus where its entities sit in the ledger: `canonical` maps local entity ids to
    canonical ids and `canonical_names` to the names the whole ledger knows them by.

    A reviewed article comes as corrected, with a `review` section (each correction's provenance, the orphaned
    ones, what was rejected); `original` gives what the engines extracted instead."""
    data = None if original else reviewed_record(store, article_id)
    if data is None:
        data = store.record_dict(article_id)
        if data is None:
            return None
    with store.engine.connect() as conn:
        linked = conn.execute(select(e.c.local_id, c.c.id, c.c.name).join(c, c.c.id == e.c.canonical_id)
                              .where(e.c.article_id == article_id)).all()
        data["story_id"] = conn.execute(select(story.c.story_id).where(story.c.article_id == article_id)).scalar()
    data["canonical"] = {local: cid for local, cid, _ in linked}
    data["canonical_names"] = {local: name for local, _, name in linked}
    return data


# -- entities ------------------------------------------------------------------------------------------------------

def _entity_row(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "titles": json.loads(row["titles"]), "aliases": json.loads(row["aliases"])}


def entities(store: Store, *, search: str | None = None, type: str | None = None,
             limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    query = select(c.c.id, c.c.name, c.c.type, c.c.titles, c.c.aliases, c.c.articles, c.c.first_seen)
    if search:
        query = query.where(or_(c.c.name.icontains(search, autoescape=True),
                                c.c.aliases.icontains(search, autoescape=True)))
    if type:
        query = query.where(c.c.type == type.upper())
    else:
        # Nationality adjectives ("Israeli", "Qatari") are no entities a reader looks up (ask for NORP to see them);
        # a group the reports name ("Israeli officials", a source of figures and quotes) is.
        query = query.where(or_(c.c.type != "NORP", c.c.name.contains(" ")))
    query = query.order_by(c.c.articles.desc(), c.c.name)
    return [_entity_row(r) for r in _rows(store, _page(query, limit, offset))]


def entity(store: Store, entity_id: int) -> dict[str, Any] | None:
    """One canonical entity with the articles that mention it, its quotes over time and the figures credited to it."""
    found = _rows(store, select(c).where(c.c.id == entity_id))
    if not found:
        return None
    detail = _entity_row(found[0])
    detail["mentions"] = _rows(store, select(e.c.article_id, e.c.local_id, e.c.name, e.c.titles, e.c.mention_count,
                                             a.c.headline, a.c.published, a.c.outlet)
                               .join(a, a.c.id == e.c.article_id).where(e.c.canonical_id == entity_id)
                               .order_by(a.c.published, a.c.id))
    detail["quotes"] = quotes(store, speaker_id=entity_id, limit=500, order="date")
    detail["figures"] = figures(store, source_entity_id=entity_id, limit=500)
    detail["corrections"] = entity_corrections(store, [detail["name"], *detail["aliases"]])
    return detail


# -- quotes --------------------------------------------------------------------------------------------------------

def quotes(store: Store, *, speaker: str | None = None, speaker_id: int | None = None, search: str | None = None,
           since: str | None = None, until: str | None = None, article_id: str | None = None,
           order: str = "rank", limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Quotes, each repeated quote once (its first copy) with every article it appeared in and the first-seen date.

    `search` runs through the full-text index (BM25 ranking in SQLite, of the newest RANK_WINDOW matches; ts_rank in
    PostgreSQL).
    """
    source = (q.outerjoin(e, and_(e.c.article_id == q.c.article_id, e.c.local_id == q.c.speaker_entity))
              .outerjoin(c, c.c.id == e.c.canonical_id)
              .outerjoin(g, and_(g.c.article_id == q.c.article_id, g.c.local_id == q.c.local_id)))
    query = select(q.c.article_id, q.c.local_id, q.c.kind, q.c.content, q.c.start, q.c.end, q.c.cue,
                   q.c.speaker_mention, q.c.speaker_description, q.c.published,
                   func.coalesce(c.c.name, q.c.speaker_name).label("speaker"), c.c.id.label("speaker_id"))
    query = query.where(or_(g.c.article_id.is_(None),
                            and_(g.c.group_article == q.c.article_id, g.c.group_local == q.c.local_id)))
    ranked = False
    written_speaker = q.c.speaker_name
    speaker_ids = _canonical_ids(store, speaker) if speaker else []
    if search and fts_query(search):
        match, rank = _text_match(store, _quotes_fts, search, "quotes.search")
        if store.is_sqlite:
            source = _quotes_fts.join(source, and_(q.c.article_id == _quotes_fts.c.article_id,
                                                   q.c.local_id == _quotes_fts.c.local_id))
            # The full-text row carries quotes.speaker_name (store/rows.py writes it there): tested on that row, the
            # speaker costs no join for the candidates it rules out.
            written_speaker = _quotes_fts.c.speaker
        query = query.where(match)
        if order == "rank":
            query = query.order_by(rank)
            ranked = True
    if speaker:
        named = written_speaker.icontains(speaker, autoescape=True)
        query = query.where(or_(named, c.c.id.in_(speaker_ids)) if speaker_ids else named)
    if speaker_id is not None:
        query = query.where(c.c.id == speaker_id)
    if since:
        query = query.where(q.c.published >= since)
    if until:
        query = query.where(q.c.published <= until)
    if article_id:
        query = query.where(q.c.article_id == article_id)
    if not ranked:
        query = query.order_by(q.c.published.desc() if order != "date" else q.c.published, q.c.article_id, q.c.start)
    items = _rows(store, _page(query.select_from(source), limit, offset))
    _add_appearances(store, items)
    return add_review_marks(store, items, "quote")


def _add_appearances(store: Store, items: list[dict[str, Any]]) -> None:
    if not items:
        return
    keys = [(i["article_id"], i["local_id"]) for i in items]
    seen: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    # The plain IN on the index's first column is redundant but lets SQLite's planner look this page's groups up; with
    # the row-value IN alone it walks every article in date order instead.
    for row in _rows(store, select(g.c.group_article, g.c.group_local, g.c.article_id, g.c.local_id, a.c.headline,
                                   a.c.outlet, a.c.published)
                     .join(a, a.c.id == g.c.article_id)
                     .where(g.c.group_article.in_(sorted({key[0] for key in keys})),
                            tuple_(g.c.group_article, g.c.group_local).in_(keys))
                     .order_by(a.c.published, a.c.id)):
        seen[(row.pop("group_article"), row.pop("group_local"))].append(row)
    for item in items:
        places = seen.get((item["article_id"], item["local_id"])) or [
            {"article_id": item["article_id"], "local_id": item["local_id"], "headline": None, "outlet": None,
             "published": item["published"]}]
        item["appearances"] = places
        item["first_seen"] = min((p["published"] for p in places if p["published"]), default=None)


# -- figures -------------------------------------------------------------------------------------------------------

def _source_label() -> Any:
    """The canonical reporting body, else the canonical entity or the name as written (figures stored before bodies
    were resolved), else "unattributed"."""
    return func.coalesce(f.c.source_body, c.c.name, f.c.source_name, UNATTRIBUTED)


def figures(store: Store, *, category: str | None = None, place: str | None = None, source: str | None = None,
            source_id: int | None = None, source_entity_id: int | None = None, since: str | None = None,
            until: str | None = None, dated_only: bool = False, limit: int | None = 5000,
            offset: int = 0) -> list[dict[str, Any]]:
    """Reported figures as series points, ordered by their as-of date; each links to its article and span."""
    source_join = (f.join(a, a.c.id == f.c.article_id)
                   .outerjoin(e, and_(e.c.article_id == f.c.article_id, e.c.local_id == f.c.source_entity))
                   .outerjoin(c, c.c.id == e.c.canonical_id))
    when = func.coalesce(f.c.as_of, a.c.published)
    query = select(f.c.article_id, f.c.local_id, f.c.start, f.c.end, f.c.text, f.c.number, f.c.value, f.c.low,
                   f.c.high, f.c.qualifier, f.c.category, f.c.unit, f.c.source.label("source_mention"),
                   _source_label().label("source"), f.c.source_body_id.label("source_id"),
                   c.c.id.label("source_entity_id"), f.c.source_kind, f.c.source_affiliation, f.c.source_jurisdiction,
                   f.c.source_note, f.c.source_chain, f.c.source_body_chain, f.c.disputes, f.c.quote, f.c.as_of, f.c.place,
                   f.c.scope, f.c.period_start, f.c.period_end, when.label("date"), a.c.headline, a.c.outlet,
                   a.c.published).select_from(source_join)
    if category:
        query = query.where(f.c.category == category)
    if place:
        query = query.where(located_in(store, f, place))
    if source:
        # Names resolved first, so that an index finds the figures: a substring test would read every figure.
        named = or_(f.c.source_name.in_(_distinct_containing(store, f.c.source_name, source)),
                    f.c.source_body.in_(_distinct_containing(store, f.c.source_body, source)))
        canonical_ids = _canonical_ids(store, source)
        credited = select(e.c.article_id, e.c.local_id).where(e.c.canonical_id.in_(canonical_ids))
        query = query.where(or_(named, tuple_(f.c.article_id, f.c.source_entity).in_(credited)) if canonical_ids
                            else named)
    if source_id is not None:
        query = query.where(f.c.source_body_id == source_id)
    if source_entity_id is not None:
        query = query.where(c.c.id == source_entity_id)
    if dated_only:
        query = query.where(f.c.as_of.is_not(None))
    if since:
        query = query.where(when >= since)
    if until:
        query = query.where(when <= until)
    rows = _rows(store, _page(query.order_by(when, f.c.article_id, f.c.local_id), limit, offset))
    return add_review_marks(store, [_figure_point(row) for row in rows], "figure")


def _figure_point(row: dict[str, Any]) -> dict[str, Any]:
    """The chain as written and the chain of bodies come back as lists."""
    for name in ("source_chain", "source_body_chain"):
        row[name] = json.loads(row[name]) if row[name] else []
    return row


def series(store: Store, *, category: str, place: str | None = None, source: str | None = None,
           limit: int = 5000) -> list[dict[str, Any]]:
    """Figures grouped by (category, place, source), each group ordered by as-of date.

    With a `place`, it is the group's place: the filter takes in every place inside it ("Gaza" holds Khan Younis),
    and one body's figures for those places are one series, not a line per town (each point keeps its own place).
    """
    groups: dict[tuple[str, str | None, str], list[dict[str, Any]]] = {}
    for point in figures(store, category=category, place=place, source=source, limit=limit):
        groups.setdefault((point["category"], place or point["place"], point["source"]), []).append(point)
    return [{"category": cat, "place": pl, "source": src, "source_id": pts[0]["source_id"],
             "source_kind": pts[0]["source_kind"], "source_affiliation": pts[0]["source_affiliation"],
             # how reports named the body, and the chains its figures came through (shown on hover)
             "aliases": sorted({" ".join(p["source_mention"].split()) for p in pts if p["source_mention"]}),
             "chains": sorted({" ← ".join(p["source_body_chain"]) for p in pts if p["source_body_chain"]}),
             "points": pts}
            for (cat, pl, src), pts in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0][2]))]


def reference(store: Store, *, category: str, place: str | None = None, since: str | None = None,
              until: str | None = None) -> list[dict[str, Any]]:
    query = select(ref.c.series, ref.c.category, ref.c.place, ref.c.date, ref.c.value).where(ref.c.category == category)
    if place:
        query = query.where(ref.c.place == place)
    if since:
        query = query.where(ref.c.date >= since)
    if until:
        query = query.where(ref.c.date <= until)
    return _rows(store, query.order_by(ref.c.series, ref.c.date))


def facets(store: Store) -> dict[str, list[str]]:
    """What the series pickers offer: figure categories and places, most reported first."""
    with store.engine.connect() as conn:
        categories = [r[0] for r in conn.execute(select(f.c.category).group_by(f.c.category)
                                                 .order_by(func.count().desc()).limit(50))]
        places = [r[0] for r in conn.execute(select(f.c.place).where(f.c.place.is_not(None)).group_by(f.c.place)
                                             .order_by(func.count().desc()).limit(50))]
        references = [r[0] for r in conn.execute(select(ref.c.series).distinct())]
    return {"categories": categories, "places": places, "references": references}


# -- stories -------------------------------------------------------------------------------------------------------

def stories(store: Store, *, min_size: int = 2, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Clusters of near-duplicate reports, biggest first, each with its articles in publication order."""
    size = func.count().label("size")
    heads = _rows(store, _page(select(story.c.story_id, size, func.min(a.c.published).label("first_published"),
                                      func.max(a.c.published).label("last_published"))
                               .join(a, a.c.id == story.c.article_id).group_by(story.c.story_id)
                               .having(func.count() >= min_size).order_by(size.desc(), story.c.story_id),
                               limit, offset))
    if not heads:
        return heads
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(store, select(story.c.story_id, a.c.id, a.c.headline, a.c.outlet, a.c.published)
                     .join(a, a.c.id == story.c.article_id)
                     .where(story.c.story_id.in_([h["story_id"] for h in heads])).order_by(a.c.published, a.c.id)):
        members[row.pop("story_id")].append(row)
    for head in heads:
        head["articles"] = members[head["story_id"]]
        head["headline"] = next((m["headline"] for m in head["articles"] if m["headline"]), None)
    return heads


def article_stories(store: Store, article_ids: Iterable[str]) -> dict[str, str]:
    """The story of each of these articles that belongs to one: conflicts compare incident figures within a story."""
    wanted = sorted(set(article_ids))
    found: dict[str, str] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(wanted), _IN_BATCH):
            found.update(conn.execute(select(story.c.article_id, story.c.story_id)
                                      .where(story.c.article_id.in_(wanted[start:start + _IN_BATCH]))).all())
    return found


# -- export --------------------------------------------------------------------------------------------------------

EXPORT_TABLES = {"articles": a, "entities": c, "quotes": q, "figures": f, "times": t, "events": v}
_REVIEWED = {"quotes": "quote", "figures": "figure", "times": "time", "events": "event"}


def export_rows(store: Store, table_name: str, batch: int = 5000) -> Iterator[dict[str, Any]]:
    """Every row of one table, streamed (articles without the stored JSON record; entities are the canonical ones)."""
    tb = EXPORT_TABLES[table_name]
    columns = [col for col in tb.c if col.name != "record"]
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True).execute(select(*columns).order_by(*tb.primary_key))
        for chunk in result.partitions(batch):
            rows = [dict(r._mapping) for r in chunk]
            yield from (add_review_marks(store, rows, _REVIEWED[table_name]) if table_name in _REVIEWED else rows)


# -- events across articles (issue 8) ------------------------------------------------------------------------------

def event_reports(store: Store, *, type: str | None = None) -> list[dict[str, Any]]:
    """Every stored event that is not negated nor only a condition, with the names of its actor and target (the ledger's canonical names
    where it has them), the text of its sentence and its article's date, outlet and headline."""
    actor_e, target_e = e.alias("actor_e"), e.alias("target_e")
    actor_c, target_c = c.alias("actor_c"), c.alias("target_c")
    source = (v.join(a, a.c.id == v.c.article_id)
              .outerjoin(actor_e, and_(actor_e.c.article_id == v.c.article_id, actor_e.c.local_id == v.c.actor))
              .outerjoin(actor_c, actor_c.c.id == actor_e.c.canonical_id)
              .outerjoin(target_e, and_(target_e.c.article_id == v.c.article_id, target_e.c.local_id == v.c.target))
              .outerjoin(target_c, target_c.c.id == target_e.c.canonical_id))
    query = (select(v.c.article_id, v.c.local_id, v.c.type, v.c.mode, v.c.trigger, v.c.trigger_start, v.c.trigger_end,
                    v.c.start, v.c.end, v.c.date, v.c.place, v.c.background, v.c.planned,
                    func.coalesce(actor_c.c.name, v.c.actor_name).label("actor"), actor_c.c.id.label("actor_id"),
                    func.coalesce(target_c.c.name, v.c.target_name).label("target"), target_c.c.id.label("target_id"),
                    func.substr(a.c.text, v.c.start + 1, v.c.end - v.c.start).label("sentence"),
                    a.c.published, a.c.headline, a.c.outlet)
             .select_from(source).where(v.c.negated.is_(False), v.c.hypothetical.is_not(True)))
    if type:
        query = query.where(v.c.type == type.upper())
    return add_review_marks(store, _rows(store, query.order_by(v.c.article_id, v.c.start, v.c.local_id)), "event")


# -- reporting bodies (issue 13) -----------------------------------------------------------------------------------

def sources(store: Store, *, search: str | None = None, kind: str | None = None, limit: int = 200,
            offset: int = 0) -> list[dict[str, Any]]:
    """Every reporting body with its kind, affiliation and jurisdiction, the ways reports named it, how many figures
    it reported and when it was first and last seen; most figures first."""
    b = schema.reporting_bodies
    when = func.coalesce(f.c.as_of, a.c.published)
    query = (select(b.c.id, b.c.name, b.c.kind, b.c.jurisdiction, b.c.affiliation,
                    func.count().label("figures"), func.min(when).label("first_seen"), func.max(when).label("last_seen"))
             .join(f, f.c.source_body_id == b.c.id).join(a, a.c.id == f.c.article_id)
             .group_by(b.c.id, b.c.name, b.c.kind, b.c.jurisdiction, b.c.affiliation))
    if search:
        query = query.where(b.c.name.icontains(search, autoescape=True))
    if kind:
        query = query.where(b.c.kind == kind)
    bodies = _rows(store, _page(query.order_by(func.count().desc(), b.c.name), limit, offset))
    seen: dict[int, list[str]] = defaultdict(list)
    if bodies:
        for body_id, mention in _rows_tuples(store, select(f.c.source_body_id, f.c.source).distinct()
                                             .where(f.c.source_body_id.in_([x["id"] for x in bodies]))
                                             .order_by(f.c.source_body_id, f.c.source)):
            written = " ".join((mention or "").split())
            if written and written.lower() not in {s.lower() for s in seen[body_id]}:
                seen[body_id].append(written)
    for body in bodies:
        body["aliases"] = seen.get(body["id"], [])
    return bodies


def _rows_tuples(store: Store, query: Select) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def figure_sentences(store: Store, spans: Iterable[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
    """The sentence around each (article, start, end) figure span, for showing a conflict's two reports side by side."""
    wanted = sorted(set(spans))
    texts: dict[str, str] = {}
    with store.engine.connect() as conn:
        ids = sorted({aid for aid, _, _ in wanted})
        for start in range(0, len(ids), _IN_BATCH):
            texts.update(conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(ids[start:start + _IN_BATCH]))).all())
    found = {}
    for aid, start, end in wanted:
        text_ = texts.get(aid, "")
        left = max(text_.rfind(". ", 0, start), text_.rfind("\n", 0, start)) + 1
        stops = [i for i in (text_.find(". ", end), text_.find("\n", end)) if i >= 0]
        right = min(stops) + 1 if stops else len(text_)
        found[(aid, start, end)] = text_[left:right].strip()
    return found
