"""The places API: places across the ledger, and the points the /events and /figures maps draw (GeoJSON)."""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Query

from ..serving import filter_query
from ..store import Store
from ..store.places import ledger_places, map_points

MAP_LAYERS = ("events", "figures", "places")


def router(store: Store) -> APIRouter:
    api = APIRouter(prefix="/api", tags=["places"])

    @api.get("/places")
    def list_places(within: str | None = Query(None, description="Only places inside this one (\"Gaza\")."),
                    limit: int = Query(200, ge=1, le=5000)) -> dict[str, Any]:
        """Resolved places, most mentioned first, with their counts of events, figures and articles."""
        return {"items": ledger_places(store, search=within, limit=limit)}

    @api.get("/map/{layer}")
    def map_layer(layer: str, since: date | None = None, until: date | None = None,
                  within: str | None = filter_query()) -> dict[str, Any]:
        """GeoJSON points of events (coloured by type) or figures (by reporting body), sized by count; or of the
        places themselves (by kind, sized by mentions; `within` a place)."""
        if layer not in MAP_LAYERS:
            raise HTTPException(404, f"no map layer {layer!r} (events, figures or places)")
        return map_points(store, layer, since=since.isoformat() if since else None,
                          until=until.isoformat() if until else None, within=within or None)

    return api
