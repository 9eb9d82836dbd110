"""Reading places from the ledger: a place and everything inside it, and places with their counts.

A place filter ("Gaza") matches the places stored under that mention or name (the Gaza Strip, Gaza City) and
every place whose containment path runs through one of them (Khan Younis and Rafah lie in the Gaza Strip), so the
filter needs no gazetteer at read time.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, func, or_, select, tuple_

from . import Store, schema

pl = schema.places


def names_for(store: Store, place: str) -> list[str]:
    """The gazetteer names the ledger has stored for a place name or mention ("Gaza" -> Gaza Strip, Gaza City)."""
    wanted = place.strip().lower()
    query = (select(pl.c.name).where(pl.c.name.is_not(None))
             .where(or_(func.lower(pl.c.name) == wanted, func.lower(pl.c.text) == wanted)).distinct())
    with store.engine.connect() as conn:
        return [row[0] for row in conn.execute(query)]


def within(store: Store, place: str) -> Select:
    """(article_id, local_id) of every stored place mention inside `place`, itself included."""
    names = names_for(store, place) or [place]
    return select(pl.c.article_id, pl.c.local_id).where(or_(*(pl.c.path.contains(f"|{n}|") for n in names)))


def located_in(store: Store, table: Any, place: str) -> Any:
    """A WHERE clause for figures or events: stored as that place, or pointing to a place inside it."""
    return or_(table.c.place == place, tuple_(table.c.article_id, table.c.place_id).in_(within(store, place)))


def ledger_places(store: Store, *, search: str | None = None, limit: int | None = 200) -> list[dict[str, Any]]:
    """Resolved places across the ledger, most mentioned first, with their events, figures and articles."""
    f, v = schema.figures, schema.events
    figure_counts = (select(f.c.article_id, f.c.place_id, func.count().label("n")).where(f.c.place_id.is_not(None))
                     .group_by(f.c.article_id, f.c.place_id).subquery())
    event_counts = (select(v.c.article_id, v.c.place_id, func.count().label("n")).where(v.c.place_id.is_not(None))
                    .group_by(v.c.article_id, v.c.place_id).subquery())
    joined = (pl.outerjoin(figure_counts, and_(figure_counts.c.article_id == pl.c.article_id,
                                               figure_counts.c.place_id == pl.c.local_id))
              .outerjoin(event_counts, and_(event_counts.c.article_id == pl.c.article_id,
                                            event_counts.c.place_id == pl.c.local_id)))
    query = (select(pl.c.key, pl.c.name, func.min(pl.c.lat).label("lat"), func.min(pl.c.lon).label("lon"),
                    func.min(pl.c.feature).label("feature"), func.min(pl.c.country).label("country"),
                    func.min(pl.c.admin1).label("admin1"), func.min(pl.c.geonames_id).label("geonames_id"),
                    func.min(pl.c.path).label("path"), func.count().label("mentions"),
                    func.count(func.distinct(pl.c.article_id)).label("articles"),
                    func.coalesce(func.sum(figure_counts.c.n), 0).label("figures"),
                    func.coalesce(func.sum(event_counts.c.n), 0).label("events"))
             .select_from(joined).where(pl.c.key.is_not(None)).where(pl.c.type.in_(("literal", "modifier")))
             .group_by(pl.c.key, pl.c.name).order_by(func.count().desc(), pl.c.name))
    if search:
        query = query.where(pl.c.path.contains(f"|{search}|") | pl.c.name.contains(search))
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
    for row in rows:
        row["within"] = [name for name in (row.pop("path") or "").strip("|").split("|")[1:] if name]
    return rows


def events_within(store: Store, place: str) -> set[tuple[str, str]]:
    """(article_id, local_id) of the events that point to a place inside `place`."""
    v = schema.events
    query = select(v.c.article_id, v.c.local_id).where(tuple_(v.c.article_id, v.c.place_id).in_(within(store, place)))
    with store.engine.connect() as conn:
        return {(row[0], row[1]) for row in conn.execute(query)}


def geojson(store: Store, table: str) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the ledger's places, events or figures, one Point per row that has a resolved
    place (events and figures at the place of what happened or what is counted)."""
    if table == "places":
        rows = ledger_places(store, limit=None)
    else:
        rows = _located_rows(store, table)
    return {"type": "FeatureCollection",
            "features": [_feature({k: v for k, v in row.items() if k not in ("lat", "lon")}, row["lat"], row["lon"])
                         for row in rows if row["lat"] is not None]}


def _located_rows(store: Store, table: str) -> list[dict[str, Any]]:
    if table not in ("events", "figures"):
        raise ValueError(f"GeoJSON is written for places, events and figures, not {table!r}")
    item = schema.events if table == "events" else schema.figures
    wanted = [col for col in item.c if col.name not in ("start", "end")]
    joined = item.join(pl, and_(pl.c.article_id == item.c.article_id, pl.c.local_id == item.c.place_id))
    query = (select(*wanted, pl.c.name.label("place_name"), pl.c.key.label("place_key"), pl.c.lat, pl.c.lon,
                    pl.c.precision, schema.articles.c.published)
             .select_from(joined.join(schema.articles, schema.articles.c.id == item.c.article_id))
             .where(pl.c.lat.is_not(None)).order_by(item.c.article_id, item.c.local_id))
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def _feature(properties: dict[str, Any], lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


def map_points(store: Store, layer: str, *, since: str | None = None, until: str | None = None,
               within: str | None = None) -> dict[str, Any]:
    """What the map draws: one GeoJSON point per place and colour (an event's type, a figure's reporting body),
    with how many events or figures it stands for, within the date range (the event's date or the figure's as-of
    date, else the article's). The "places" layer: each resolved place (inside `within`, when given) coloured by
    its kind, sized by its mentions."""
    if layer == "places":
        return {"type": "FeatureCollection", "layer": layer, "features": [
            _feature({"place": row["name"], "key": row["key"], "colour_by": row["feature"] or "place",
                      "count": row["mentions"], "first": None, "last": None}, row["lat"], row["lon"])
            for row in ledger_places(store, search=within, limit=None) if row["lat"] is not None]}
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for row in _located_rows(store, layer):
        day = (row.get("date") if layer == "events" else row.get("as_of")) or row.get("published")
        if (since and (not day or day[:10] < since)) or (until and (not day or day[:10] > until)):
            continue
        colour = row["type"] if layer == "events" else (row.get("source_name") or "unattributed")
        group = groups.setdefault((row["place_key"], colour), {
            "place": row["place_name"], "key": row["place_key"], "colour_by": colour, "count": 0,
            "first": day, "last": day, "lat": row["lat"], "lon": row["lon"], "precision": row["precision"]})
        group["count"] += 1
        if day:
            group["first"] = min(filter(None, (group["first"], day)))
            group["last"] = max(filter(None, (group["last"], day)))
    return {"type": "FeatureCollection", "layer": layer,
            "features": [_feature({k: v for k, v in g.items() if k not in ("lat", "lon")}, g["lat"], g["lon"])
                         for g in sorted(groups.values(), key=lambda g: -g["count"])]}
