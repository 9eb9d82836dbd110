"""The reporting bodies (issue 13): `/api/sources`, over the one query layer (its page is `/sources` in web)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from ..serving import MAX_OFFSET, filter_query
from ..store import Store, queries


def router(store: Store) -> APIRouter:
    routes = APIRouter()

    @routes.get("/api/sources", tags=["figures"])
    def list_sources(search: str | None = filter_query(), kind: str | None = filter_query(),
                     limit: int = Query(200, ge=1, le=queries.MAX_LIMIT),
                     offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict[str, Any]:
        """Every reporting body: kind, affiliation, jurisdiction, aliases seen, figure count, first and last seen."""
        items = queries.sources(store, search=search, kind=kind, limit=limit, offset=offset)
        return {"items": items, "limit": limit, "offset": offset,
                "next_offset": offset + limit if len(items) == limit else None}

    return routes
