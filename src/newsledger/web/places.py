"""The places page: the ledger's places with their counts of events, figures and articles (what `newsledger places`
prints and /api/places returns), each linking to the events and figures at it and inside it, over the map of the
places themselves (static/map.js, layer "places"; no script in the page)."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..serving import filter_query
from ..store import Store
from ..store.places import ledger_places
from .pages import templates

PLACES_PER_PAGE = 200


def router(store: Store) -> APIRouter:
    pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @pages.get("/places")
    def places(request: Request, within: str | None = filter_query()):
        within = (within or "").strip()
        rows = ledger_places(store, search=within or None, limit=PLACES_PER_PAGE)
        return templates.TemplateResponse(request, "places.html", {
            "places": rows, "within": within, "limit": PLACES_PER_PAGE,
            "json_twin": "/api/places" + ("?" + urlencode({"within": within}) if within else "")})

    return pages
