"""What `watch` brought in, for people and for feed readers: Atom feeds of conflicts and of each saved alert
(`/feeds/conflicts.atom`, `/feeds/alerts/NAME.atom`), and a page of what is new since a date (`/watch`, its JSON
twin `/api/watch`).

The feeds are built with ElementTree, which escapes `<`, `&` and quotation marks; characters XML 1.0 cannot carry
at all (control codes pasted into news text) are dropped first.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote, urljoin

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from ..store import Store, schema, watchlist
from ..track.conflicts import find_conflicts
from ..watch.alerts import span_link
from .pages import found, templates

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
FEED_ENTRIES = 100
NEW_SINCE_DAYS = 1
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: object) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


def atom_feed(*, title: str, feed_id: str, self_url: str, updated: str, entries: list[dict[str, str]]) -> bytes:
    """An Atom 1.0 document; each entry is {id, title, link, updated, summary}."""
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed")

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: _xml_text(v) for k, v in attributes.items()})
        if text is not None:
            element.text = _xml_text(text)
        return element

    add(root, "title", title)
    add(root, "id", feed_id)
    add(root, "updated", updated)
    add(root, "link", rel="self", href=self_url)
    add(root, "generator", "newsledger")
    for entry in entries:
        node = add(root, "entry")
        add(node, "id", entry["id"])
        add(node, "title", entry["title"])
        add(node, "link", href=entry["link"])
        add(node, "updated", entry["updated"])
        add(node, "summary", entry["summary"], type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _day_stamp(day: str | None) -> str:
    return f"{day}T00:00:00Z" if day and len(day) == 10 else "1970-01-01T00:00:00Z"


def _conflict_entries(store: Store, base: str) -> list[dict[str, str]]:
    entries = []
    for conflict in find_conflicts(store)[-FEED_ENTRIES:][::-1]:
        one, other = conflict["a"], conflict["b"]
        sides = f"{one['text']} ({one['source']}) vs {other['text']} ({other['source']})"
        entries.append({
            "id": f"tag:newsledger,2024:conflict/{one['article_id']}/{one['local_id']}/"
                  f"{other['article_id']}/{other['local_id']}",
            "title": f"{conflict['category']} in {conflict['place']} as of {conflict['as_of']}: {sides}",
            "link": urljoin(base, span_link("", one["article_id"], one["start"], one["end"])),
            "updated": _day_stamp(conflict["as_of"]),
            "summary": f"{one['outlet'] or ''}: {one['headline'] or ''} — {other['outlet'] or ''}: "
                       f"{other['headline'] or ''}" + (f" (seen {conflict['copies']} times)"
                                                       if conflict["copies"] > 1 else ""),
        })
    return entries


def _hit_entries(hits: list[dict[str, Any]], base: str) -> list[dict[str, str]]:
    return [{"id": f"tag:newsledger,2024:alert/{quote(hit['alert'])}/{quote(hit['key'])}",
             "title": hit["summary"], "link": urljoin(base, hit["link"]), "updated": hit["found_at"],
             "summary": " — ".join(x for x in (hit.get("outlet"), hit.get("headline"), hit.get("article_url")) if x)}
            for hit in hits]


def _since(value: str | None) -> str:
    """A date (YYYY-MM-DD) as the stamp of its midnight UTC; yesterday's when missing or not a date."""
    try:
        day = datetime.fromisoformat(value).date() if value else None
    except ValueError:
        day = None
    day = day or (datetime.now(timezone.utc) - timedelta(days=NEW_SINCE_DAYS)).date()
    return watchlist.stamp(datetime(day.year, day.month, day.day, tzinfo=timezone.utc))


def new_since(store: Store, since: str, limit: int = 200) -> dict[str, Any]:
    """Feeds and their state, each alert's hits since `since`, and the articles stored since then."""
    a = schema.articles
    with store.engine.connect() as conn:
        articles = [dict(r._mapping) for r in conn.execute(
            select(a.c.id, a.c.headline, a.c.outlet, a.c.published, a.c.url, a.c.ingested_at)
            .where(a.c.ingested_at >= since[:19]).order_by(a.c.ingested_at.desc(), a.c.id).limit(limit))]
    alerts = [{**alert, "hits": watchlist.alert_hits(store, alert["name"], since=since, limit=limit)}
              for alert in watchlist.alerts(store)]
    return {"since": since, "feeds": watchlist.feeds(store), "alerts": alerts, "articles": articles}


def router(store: Store) -> APIRouter:
    routes = APIRouter()

    @routes.get("/feeds/conflicts.atom", tags=["feeds"], response_class=Response)
    def conflicts_feed(request: Request) -> Response:
        entries = _conflict_entries(store, str(request.base_url))
        body = atom_feed(title="newsledger: conflicting figures", feed_id="tag:newsledger,2024:conflicts",
                         self_url=str(request.url), updated=max((e["updated"] for e in entries),
                                                                default=_day_stamp(None)), entries=entries)
        return Response(body, media_type=ATOM_TYPE)

    @routes.get("/feeds/alerts/{name}.atom", tags=["feeds"], response_class=Response)
    def alert_feed(name: str, request: Request) -> Response:
        found(next((a for a in watchlist.alerts(store) if a["name"] == name), None), "alert")
        entries = _hit_entries(watchlist.alert_hits(store, name, limit=FEED_ENTRIES), str(request.base_url))
        body = atom_feed(title=f"newsledger alert: {name}", feed_id=f"tag:newsledger,2024:alert/{quote(name)}",
                         self_url=str(request.url), updated=max((e["updated"] for e in entries),
                                                                default=_day_stamp(None)), entries=entries)
        return Response(body, media_type=ATOM_TYPE)

    @routes.get("/api/watch", tags=["feeds"])
    def watch_json(since: str | None = None) -> dict[str, Any]:
        """Followed feeds, each alert's hits since a date (YYYY-MM-DD, yesterday by default), articles stored since."""
        return new_since(store, _since(since))

    @routes.get("/watch", include_in_schema=False, response_class=HTMLResponse)
    def watch_page(request: Request, since: str | None = None) -> HTMLResponse:
        view = new_since(store, _since(since))
        return templates.TemplateResponse(request, "watch.html", {**view, "since_day": view["since"][:10],
                                                                  "json_twin": f"/api/watch?since={view['since'][:10]}"})

    return routes
