"""Server-rendered pages over the same query layer as the API; each page names its JSON twin under /api.

Templates autoescape everything: news text is full of `<`, `&` and quotation marks.
"""
from __future__ import annotations

from collections import Counter
from datetime import date
from importlib import resources
from typing import Any

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import track
from ..serving import MAX_FILTER_CHARS, MAX_ID, MAX_OFFSET, filter_query, found
from ..store import Store, queries
from ..track import conflicts as conflict_finder
from ..track.events import ledger_events
from .highlight import runs, speaker_colours, speaker_label

_HERE = resources.files("newsledger.web")
templates = Jinja2Templates(directory=str(_HERE / "templates"))
DEFAULT_CATEGORY = "killed"
EVENTS_PER_PAGE = 100
# The same bounds as the API's: a form field or a link can be edited by hand.
Offset = Query(0, le=MAX_OFFSET)


def mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")


def router(store: Store) -> APIRouter:
    pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    def render(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    @pages.get("/docs")
    def docs(request: Request):
        """The OpenAPI docs, drawn by the vendored Swagger UI (nothing is loaded from a CDN)."""
        return render(request, "docs.html")

    @pages.get("/")
    def home(request: Request, offset: int = Offset, story: str | None = filter_query()):
        return render(request, "index.html", articles=queries.articles(store, story_id=story, limit=50,
                                                                        offset=max(0, offset)),
                      stories=queries.stories(store, limit=10), stats=store.stats(), offset=max(0, offset),
                      json_twin="/api/articles")

    @pages.get("/articles/{article_id}")
    def article(request: Request, article_id: str = Path(..., max_length=64), original: bool = False):
        record = found(queries.article(store, article_id, original=original), "article")
        colours = speaker_colours(record)
        speakers = list({speaker_label(q, record["canonical_names"]): colours[q["id"]] for q in record["quotes"]}.items())
        return render(request, "article.html", record=record, runs=runs(record), speakers=speakers,
                      original=original, json_twin=f"/api/articles/{article_id}" + ("?original=1" if original else ""))

    @pages.get("/entities")
    def entities(request: Request, search: str | None = filter_query(), offset: int = Offset):
        return render(request, "entities.html", search=search or "", offset=max(0, offset),
                      entities=queries.entities(store, search=search, limit=100, offset=max(0, offset)),
                      json_twin="/api/entities")

    @pages.get("/entities/{entity_id}")
    def entity(request: Request, entity_id: int = Path(..., ge=0, le=MAX_ID)):
        known = found(queries.entity(store, entity_id), "entity")
        per_day = Counter(q["published"] for q in known["quotes"] if q["published"])
        return render(request, "entity.html", entity=known, per_day=sorted(per_day.items()),
                      busiest=max(per_day.values(), default=1), json_twin=f"/api/entities/{entity_id}")

    @pages.get("/figures")
    def figures(request: Request, category: str = Query(DEFAULT_CATEGORY, max_length=MAX_FILTER_CHARS),
                place: str | None = filter_query(), source: str | None = filter_query()):
        # One place per chart unless "any" is chosen: the place most reported. The chart draws exactly what
        # /api/series returns.
        facets = queries.facets(store)
        if place is None and facets["places"]:
            place = facets["places"][0]
        payload = track.series_view(store, category=category, place=place or None, source=source or None)
        return render(request, "figures.html", payload=payload, facets=facets, category=category,
                      place=place or "", source=source or "", json_twin="/api/series")

    @pages.get("/conflicts")
    def conflicts(request: Request, category: str | None = filter_query(), place: str | None = filter_query()):
        return render(request, "conflicts.html", conflicts=conflict_finder.find_conflicts(
            store, category=category or None, place=place or None), json_twin="/api/conflicts")

    @pages.get("/events")
    def events(request: Request, type: str | None = filter_query(), place: str | None = filter_query(),
               since: str | None = filter_query(), until: str | None = filter_query(),
               actor: str | None = filter_query(), offset: int = Offset):
        since, until = _day(since), _day(until)
        found = ledger_events(store, type=type or None, place=place or None, since=since, until=until,
                              actor=actor or None, limit=EVENTS_PER_PAGE, offset=max(0, offset))
        days: dict[str | None, list[dict[str, Any]]] = {}
        for event in found:
            days.setdefault(event["date"], []).append(event)
        return render(request, "events.html", days=list(days.items()), type=type or "", place=place or "",
                      since=since or "", until=until or "", actor=actor or "", offset=max(0, offset),
                      page_size=EVENTS_PER_PAGE, shown=len(found),
                      json_twin="/api/events")

    @pages.get("/sources")
    def sources(request: Request, search: str | None = filter_query(), kind: str | None = filter_query()):
        return render(request, "sources.html", sources=queries.sources(store, search=search or None,
                                                                       kind=kind or None, limit=500),
                      search=search or "", kind=kind or "", json_twin="/api/sources")

    @pages.get("/search")
    def search(request: Request, q: str = Query("", max_length=MAX_FILTER_CHARS)):
        found_quotes = queries.quotes(store, search=q, limit=50) if q.strip() else []
        found_articles = queries.articles(store, search=q, limit=20) if q.strip() else []
        found_entities = queries.entities(store, search=q, limit=20) if q.strip() else []
        return render(request, "search.html", q=q, quotes=found_quotes, articles=found_articles,
                      entities=found_entities, json_twin="/api/quotes")

    return pages


def _day(value: str | None) -> str | None:
    """A form's date field as YYYY-MM-DD, or nothing when it is empty or not a date."""
    try:
        return date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None
