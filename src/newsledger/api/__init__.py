"""The REST API (FastAPI) over the one query layer, with the web pages mounted beside it.

Read-only by default. `POST /api/ingest` exists only when a token is configured (NEWSLEDGER_TOKEN) and every call
must carry it as `Authorization: Bearer TOKEN`. Request bodies are capped (10 MB unless told otherwise).
"""
from __future__ import annotations

import hmac
import os
from datetime import date
from typing import Any

import uvicorn
from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import track
from ..model import RawArticle
from ..pipeline import analyse_articles, clean_one
from ..store import Store, queries
from ..track import conflicts as conflict_finder
from ..track.events import ledger_events
from ..web import map as map_page, pages
from . import places as places_api

TOKEN_ENV = "NEWSLEDGER_TOKEN"
DEFAULT_MAX_BODY = 10 * 1024 * 1024


class BodyLimit:
    """Refuses request bodies over `max_bytes`, whether or not the client announced their length."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            return await JSONResponse({"detail": "request body too large"}, 413)(scope, receive, send)
        seen = 0

        async def counted() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise HTTPException(413, "request body too large")
            return message

        await self.app(scope, counted, send)


class IngestBody(BaseModel):
    text: str = Field(..., description="The article body.")
    headline: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None


Limit = Query(50, ge=1, le=queries.MAX_LIMIT)
Offset = Query(0, ge=0)


def _paged(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(items) == limit else None}


def create_app(db: str | None = None, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    store = Store(db, serving=True)
    track.refresh(store)
    token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    app = FastAPI(title="newsledger", version="1", description="A sourced, time-resolved record of news reports.")
    app.state.store = store
    app.add_middleware(BodyLimit, max_bytes=max_body)

    @app.get("/api/articles", tags=["articles"])
    def list_articles(search: str | None = None, story: str | None = None, limit: int = Limit,
                      offset: int = Offset) -> dict[str, Any]:
        return _paged(queries.articles(store, search=search, story_id=story, limit=limit, offset=offset), limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(article_id: str) -> dict[str, Any]:
        return pages.found(queries.article(store, article_id), "article")

    @app.get("/api/entities", tags=["entities"])
    def list_entities(search: str | None = None, type: str | None = None, limit: int = Limit,
                      offset: int = Offset) -> dict[str, Any]:
        return _paged(queries.entities(store, search=search, type=type, limit=limit, offset=offset), limit, offset)

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def get_entity(entity_id: int) -> dict[str, Any]:
        return pages.found(queries.entity(store, entity_id), "entity")

    @app.get("/api/quotes", tags=["quotes"])
    def list_quotes(speaker: str | None = None, q: str | None = Query(None, description="Full-text search."),
                    since: date | None = None, until: date | None = None, limit: int = Limit,
                    offset: int = Offset) -> dict[str, Any]:
        items = queries.quotes(store, speaker=speaker, search=q, since=_iso(since), until=_iso(until),
                               limit=limit, offset=offset)
        return _paged(items, limit, offset)

    @app.get("/api/figures", tags=["figures"])
    def list_figures(category: str | None = None, place: str | None = None, source: str | None = None,
                     since: date | None = None, until: date | None = None, limit: int = Query(1000, ge=1, le=queries.MAX_LIMIT),
                     offset: int = Offset) -> dict[str, Any]:
        items = queries.figures(store, category=category, place=place, source=source, since=_iso(since),
                                until=_iso(until), limit=limit, offset=offset)
        return _paged(items, limit, offset)

    @app.get("/api/series", tags=["figures"])
    def get_series(category: str, place: str | None = None, source: str | None = None) -> dict[str, Any]:
        return track.series_view(store, category=category, place=place, source=source)

    @app.get("/api/conflicts", tags=["figures"])
    def list_conflicts(category: str | None = None, place: str | None = None) -> dict[str, Any]:
        return {"items": conflict_finder.find_conflicts(store, category=category, place=place)}

    @app.get("/api/stories", tags=["stories"])
    def list_stories(min_size: int = Query(2, ge=1), limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
        return _paged(queries.stories(store, min_size=min_size, limit=limit, offset=offset), limit, offset)

    @app.get("/api/events", tags=["events"])
    def list_events(type: str | None = Query(None, description="PLOVER type: ASSAULT, CONSULT, PROTEST ..."),
                    place: str | None = Query(None, description="Where it happened, or what it targeted."),
                    since: date | None = None, until: date | None = None, limit: int = Limit,
                    offset: int = Offset) -> dict[str, Any]:
        """Events across articles, newest first: each real event once, with every article and sentence reporting it."""
        items = ledger_events(store, type=type, place=place, since=_iso(since), until=_iso(until), limit=limit,
                              offset=offset)
        return _paged(items, limit, offset)

    if token:
        def authorised(authorization: str = Header("")) -> None:
            if not hmac.compare_digest(authorization.encode(), f"Bearer {token}".encode()):
                raise HTTPException(401, "a valid bearer token is required")

        @app.post("/api/ingest", tags=["articles"], dependencies=[Depends(authorised)], status_code=201)
        def ingest(body: IngestBody) -> dict[str, Any]:
            raw = RawArticle(source_path=body.url or "api", text=body.text, url=body.url, outlet=body.outlet,
                             headline=body.headline, published=_iso(body.published),
                             published_from="api" if body.published else None)
            record = next(analyse_articles([clean_one(raw)]))
            added = store.save(record)
            track.refresh(store)
            return {"id": record.article.id, "added": added}

    app.include_router(pages.router(store))
    app.include_router(places_api.router(store))
    app.include_router(map_page.router())
    pages.mount_static(app)
    return app


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the API and the web UI (what `newsledger serve` and `newsledger demo` call)."""
    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
