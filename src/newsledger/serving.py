"""What the JSON API and the HTML pages share, so that neither imports the other: the not-found answer, the bounds
every query parameter is held to, and the headers every response carries.
"""
from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Query
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Bounds on what a request may ask for. Without them a well-formed request was answered 500: `offset=2**63` does not
# fit SQLite's integer, and a 60,000-character filter is a LIKE pattern SQLite refuses as too complex.
MAX_FILTER_CHARS = 500
MAX_OFFSET = 1_000_000_000
MAX_ID = 2**53

# Scripts come only from /static (no inline script, nothing from another origin); inline style attributes stay
# allowed for the bars of the entity page, which carry their height.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
                           "frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    # Not "no-referrer": under it a browser's same-origin form POST carries `Origin: null`, and review mode's
    # origin check then refused the reviewer's own sign-in. No other site is ever told which page linked to it.
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}


def filter_query() -> Any:
    """A text filter of a query string, bounded; a new object per parameter, since FastAPI keeps per-parameter
    state in it (one object shared by `search` and `type` answered every search with the type filter)."""
    return Query(None, max_length=MAX_FILTER_CHARS)


def found(value: Any, what: str) -> Any:
    """The looked-up record, or a 404 naming what was not found (shared by the pages and the JSON API)."""
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response (pages, JSON, static files and errors alike)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)
