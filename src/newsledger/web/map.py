"""The map page: the ledger's events or figures at their places, drawn offline (vendored Leaflet over vendored
Natural Earth outlines, no tile server). The page carries no script of its own: static/map.js reads the layer and
dates from the map element's data attributes and fetches /api/map/{layer}."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .pages import _day, templates

LAYERS = {"events": "Events by type", "figures": "Figures by reporting body"}


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @pages.get("/map")
    def ledger_map(request: Request, layer: str = "events", since: str | None = None, until: str | None = None):
        layer = layer if layer in LAYERS else "events"
        return templates.TemplateResponse(request, "map.html", {
            "layer": layer, "layers": LAYERS, "since": _day(since) or "", "until": _day(until) or "",
            "json_twin": f"/api/map/{layer}"})

    return pages
