"""The reporting bodies (issue 13): `/api/sources` and its page `/sources`, over the one query layer."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..store import Store, queries
from ..web.pages import templates


def router(store: Store) -> APIRouter:
    routes = APIRouter()

    @routes.get("/api/sources", tags=["figures"])
    def list_sources(search: str | None = None, kind: str | None = None,
                     limit: int = Query(200, ge=1, le=queries.MAX_LIMIT), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        """Every reporting body: kind, affiliation, jurisdiction, aliases seen, figure count, first and last seen."""
        items = queries.sources(store, search=search, kind=kind, limit=limit, offset=offset)
        return {"items": items, "limit": limit, "offset": offset,
                "next_offset": offset + limit if len(items) == limit else None}

    @routes.get("/sources", include_in_schema=False, response_class=HTMLResponse)
    def sources_page(request: Request, search: str | None = None, kind: str | None = None):
        return templates.TemplateResponse(request, "sources.html", {
            "sources": queries.sources(store, search=search or None, kind=kind or None, limit=500),
            "search": search or "", "kind": kind or "", "json_twin": "/api/sources"})

    return routes
