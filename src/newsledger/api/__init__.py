"""The REST API (FastAPI) over the one query layer, with the web pages mounted beside it.

Read-only by default: the ledger is opened read-only and never created or migrated. `POST /api/ingest` exists only
when a token is configured (NEWSLEDGER_TOKEN) and every call must carry it as `Authorization: Bearer TOKEN`;
analyses run one at a time, since they share one spaCy pipeline and its memory zone. Request bodies are capped
(10 MB unless told otherwise), every query parameter is bounded, and every response carries the security headers
of `serving.py`; `allowed_hosts` answers only requests for those Host names.
"""
from __future__ import annotations

import gc
import hmac
import os
import threading
from datetime import date
from typing import Any

import uvicorn
from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import track
from ..ingest import ReadProblem
from ..model import RawArticle
from ..pipeline import analyse_articles, clean_raw
from ..serving import MAX_FILTER_CHARS, MAX_ID, MAX_OFFSET, SecurityHeaders, filter_query, found
from ..store import LedgerUnavailable, Store, queries
from ..track import conflicts as conflict_finder
from ..track.events import ledger_events
from ..review import users as reviewers
from ..web import map as map_page, pages, watching
from ..web import places as places_page
from ..web import review as review_pages
from . import places as places_api
from . import sources
from .corrections import router as corrections_router

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
    headline: str | None = Field(None, max_length=MAX_FILTER_CHARS * 4)
    # Dates outside these years are typing errors, and 0001-01-01 overflowed the time engine's arithmetic.
    published: date | None = Field(None, ge=date(1800, 1, 1), le=date(2200, 12, 31))
    outlet: str | None = Field(None, max_length=MAX_FILTER_CHARS)
    url: str | None = Field(None, max_length=MAX_FILTER_CHARS * 4)


Limit = Query(50, ge=1, le=queries.MAX_LIMIT)
Offset = Query(0, ge=0, le=MAX_OFFSET)


def _paged(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(items) == limit else None}


def create_app(db: str | None = None, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY,
               allowed_hosts: list[str] | None = None, immutable: bool = False, users: str | None = None) -> FastAPI:
    """`users`: the reviewers' file (NEWSLEDGER_USERS); with reviewers in it, review mode writes corrections."""
    token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    # Only an app that ingests writes; it is opened (and migrated) for writing first, then read like any other.
    reviewing = reviewers.users_path(users).exists()
    writer = Store(db) if token or reviewing else None
    store = Store(db, serving=True, read_only=True, immutable=immutable and not writer)
    app = FastAPI(title="newsledger", version="1", description="A sourced, time-resolved record of news reports.",
                  docs_url=None, redoc_url=None)
    app.state.store = store
    app.add_middleware(BodyLimit, max_bytes=max_body)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)

    @app.get("/api/articles", tags=["articles"])
    def list_articles(search: str | None = filter_query(), story: str | None = filter_query(), limit: int = Limit,
                      offset: int = Offset) -> dict[str, Any]:
        return _paged(queries.articles(store, search=search, story_id=story, limit=limit, offset=offset), limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(article_id: str = Path(..., max_length=64),
                    original: bool = Query(False, description="As the engines extracted it, before reviewers' "
                                                               "corrections.")) -> dict[str, Any]:
        return found(queries.article(store, article_id, original=original), "article")

    @app.get("/api/entities", tags=["entities"])
    def list_entities(search: str | None = filter_query(), type: str | None = filter_query(), limit: int = Limit,
                      offset: int = Offset) -> dict[str, Any]:
        return _paged(queries.entities(store, search=search, type=type, limit=limit, offset=offset), limit, offset)

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def get_entity(entity_id: int = Path(..., ge=0, le=MAX_ID)) -> dict[str, Any]:
        return found(queries.entity(store, entity_id), "entity")

    @app.get("/api/quotes", tags=["quotes"])
    def list_quotes(speaker: str | None = filter_query(),
                    q: str | None = Query(None, max_length=MAX_FILTER_CHARS, description="Full-text search."),
                    since: date | None = None, until: date | None = None, limit: int = Limit,
                    offset: int = Offset) -> dict[str, Any]:
        items = queries.quotes(store, speaker=speaker, search=q, since=_iso(since), until=_iso(until),
                               limit=limit, offset=offset)
        return _paged(items, limit, offset)

    @app.get("/api/figures", tags=["figures"])
    def list_figures(category: str | None = filter_query(), place: str | None = filter_query(),
                     source: str | None = filter_query(),
                     since: date | None = None, until: date | None = None,
                     limit: int = Query(1000, ge=1, le=queries.MAX_LIMIT),
                     offset: int = Offset) -> dict[str, Any]:
        items = queries.figures(store, category=category, place=place, source=source, since=_iso(since),
                                until=_iso(until), limit=limit, offset=offset)
        return _paged(items, limit, offset)

    @app.get("/api/series", tags=["figures"])
    def get_series(category: str = Query(..., max_length=MAX_FILTER_CHARS), place: str | None = filter_query(),
                   source: str | None = filter_query()) -> dict[str, Any]:
        return track.series_view(store, category=category, place=place, source=source)

    @app.get("/api/conflicts", tags=["figures"])
    def list_conflicts(category: str | None = filter_query(), place: str | None = filter_query()) -> dict[str, Any]:
        return {"items": conflict_finder.find_conflicts(store, category=category, place=place)}

    @app.get("/api/stories", tags=["stories"])
    def list_stories(min_size: int = Query(2, ge=1, le=MAX_OFFSET), limit: int = Limit,
                     offset: int = Offset) -> dict[str, Any]:
        return _paged(queries.stories(store, min_size=min_size, limit=limit, offset=offset), limit, offset)

    @app.get("/api/events", tags=["events"])
    def list_events(type: str | None = Query(None, max_length=MAX_FILTER_CHARS,
                                             description="PLOVER type: ASSAULT, CONSULT, PROTEST ..."),
                    place: str | None = Query(None, max_length=MAX_FILTER_CHARS,
                                              description="Where it happened, or what it targeted."),
                    since: date | None = None, until: date | None = None, limit: int = Limit,
                    offset: int = Offset,
                    actor: str | None = Query(None, description="Words of the actor: Hamas, defense forces ...")
                    ) -> dict[str, Any]:
        """Events across articles, newest first: each real event once, with every article and sentence reporting it."""
        items = ledger_events(store, type=type, place=place, since=_iso(since), until=_iso(until), limit=limit,
                              offset=offset, actor=actor)
        return _paged(items, limit, offset)

    if writer is not None:
        # Six simultaneous posts once gave five 500s: each request thread ran the one spaCy pipeline inside its own
        # memory zone, and one zone's exit evicted strings another request was still using.
        analysing = threading.Lock()

        def authorised(authorization: str = Header("")) -> None:
            if not hmac.compare_digest(authorization.encode(), f"Bearer {token}".encode()):
                raise HTTPException(401, "a valid bearer token is required")

        @app.post("/api/ingest", tags=["articles"], dependencies=[Depends(authorised)], status_code=201)
        def ingest(body: IngestBody) -> dict[str, Any]:
            raw = RawArticle(source_path=body.url or "api", text=body.text, url=body.url, outlet=body.outlet,
                             headline=body.headline, published=_iso(body.published),
                             published_from="api" if body.published else None)
            with analysing:
                record = next(analyse_articles(clean_raw([raw])), None)
                if isinstance(record, ReadProblem) or record is None:
                    raise HTTPException(422, record.reason if record else "no article text")
                try:
                    added = writer.save(record)
                    if added:
                        track.refresh(writer)
                except LedgerUnavailable as exc:
                    raise HTTPException(503, str(exc)) from None
            return {"id": record.article.id, "added": added}

    # Reviewers write corrections through the writable ledger; with no reviewers file both only read and refuse.
    app.include_router(corrections_router(writer or store, users))
    review_pages.mount(app, writer or store, users)
    app.include_router(sources.router(store))
    app.include_router(pages.router(store))
    app.include_router(watching.router(store))
    app.include_router(places_api.router(store))
    app.include_router(map_page.router())
    app.include_router(places_page.router(store))
    pages.mount_static(app)
    return app


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000, *,
          allowed_hosts: list[str] | None = None, immutable: bool = False, users: str | None = None) -> None:
    """Serve the API and the web UI (what `newsledger serve` and `newsledger demo` call)."""
    run(create_app(db, allowed_hosts=allowed_hosts, immutable=immutable, users=users), host=host, port=port)


def settle_heap() -> None:
    """Take what is alive now (the modules, the app and its routes, some 190,000 objects the server keeps to its
    end) out of the cyclic collector's walks: each full collection walked them all, half the cost of one view of a
    120,000-character article's page and most of the spread between views."""
    gc.collect()
    gc.freeze()


def run(app: FastAPI, host: str = "127.0.0.1", port: int = 8000) -> None:
    settle_heap()
    uvicorn.run(app, host=host, port=port, log_level="info")
