"""Review mode in the browser: a reviewer signs in with their token and corrects the record from the pages.

Anonymous readers see the same read-only pages as ever. A signed-in reviewer holds a session cookie (HttpOnly,
SameSite=Strict) and every write must also carry the session's CSRF token (a form field or the X-CSRF-Token header
the page's script sends) and, when the browser names one, an Origin of this server. The sign-in form itself is
protected by a double-submit cookie. Sessions live in the server's memory: a restart signs everyone out.
"""
from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from ..review import users as reviewers
from ..review.service import CorrectionBody, correct, draft_of
from ..store import Store
from ..store.corrections import CorrectionError, Draft
from .pages import templates

SESSION_COOKIE = "nl_review"
LOGIN_COOKIE = "nl_login_csrf"


class Sessions:
    """session id -> (reviewer, CSRF token)."""

    def __init__(self) -> None:
        self.active: dict[str, tuple[str, str]] = {}

    def start(self, who: str) -> str:
        sid = secrets.token_urlsafe(32)
        self.active[sid] = (who, secrets.token_urlsafe(32))
        return sid

    def of(self, request: Request) -> tuple[str, str] | None:
        return self.active.get(request.cookies.get(SESSION_COOKIE, ""))

    def reviewer(self, request: Request) -> dict[str, str] | None:
        found = self.of(request)
        return {"name": found[0], "csrf": found[1]} if found else None


def _same_origin(request: Request) -> bool:
    """A browser names the page a write comes from; it must be this server (absent for non-browser clients)."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _local(path: str | None) -> str:
    """Only a path on this server to go back to (never an open redirect)."""
    return path if path and path.startswith("/") and not path.startswith("//") else "/"


def _cookie(response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, httponly=True, samesite="strict", path="/")


def _reviewer(request: Request) -> dict[str, str] | None:
    """What templates see: {name, csrf} for a reviewer signed in to this app, else None."""
    sessions = getattr(request.app.state, "review_sessions", None)
    return sessions.reviewer(request) if sessions else None


templates.env.globals["reviewer"] = _reviewer


def mount(app: FastAPI, store: Store, users_file: str | None) -> None:
    """The review routes, with this app's own sessions (several apps may share one process and its templates)."""
    app.state.review_sessions = Sessions()
    app.include_router(router(store, users_file, app.state.review_sessions))


def router(store: Store, users_file: str | None, sessions: Sessions) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    path = reviewers.users_path(users_file)

    def checked(request: Request, csrf: str | None) -> str:
        found = sessions.of(request)
        if found is None:
            raise HTTPException(401, "sign in as a reviewer first (/review/login)")
        if not _same_origin(request):
            raise HTTPException(403, "cross-origin write refused")
        if not (csrf and hmac.compare_digest(csrf, found[1])):
            raise HTTPException(403, "missing or wrong CSRF token")
        return found[0]

    @pages.get("/review/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/"):
        token = secrets.token_urlsafe(32)
        response = templates.TemplateResponse(request, "review_login.html", {
            "csrf": token, "next": _local(next), "enabled": bool(reviewers.load(path)), "error": None})
        _cookie(response, LOGIN_COOKIE, token)
        return response

    @pages.post("/review/login")
    async def login(request: Request):
        form = await request.form()
        expected = request.cookies.get(LOGIN_COOKIE, "")
        if not (_same_origin(request) and expected and hmac.compare_digest(str(form.get("csrf", "")), expected)):
            raise HTTPException(403, "missing or wrong CSRF token")
        who = reviewers.check_token(reviewers.load(path), str(form.get("token", "")))
        if who is None:
            response = templates.TemplateResponse(request, "review_login.html", {
                "csrf": expected, "next": _local(str(form.get("next", "/"))), "enabled": True,
                "error": "That token is not a reviewer's."}, status_code=401)
            return response
        response = RedirectResponse(_local(str(form.get("next", "/"))), status_code=303)
        _cookie(response, SESSION_COOKIE, sessions.start(who))
        response.delete_cookie(LOGIN_COOKIE, path="/")
        return response

    @pages.post("/review/logout")
    async def logout(request: Request):
        form = await request.form()
        checked(request, str(form.get("csrf", "")))
        sessions.active.pop(request.cookies.get(SESSION_COOKIE, ""), None)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @pages.post("/review/corrections")
    def add_correction(request: Request, body: CorrectionBody):
        """What the article page's script sends (JSON, with the X-CSRF-Token header)."""
        who = checked(request, request.headers.get("x-csrf-token"))
        try:
            made = correct(store, draft_of(body), who, door="web")
        except CorrectionError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return JSONResponse(made.to_dict(), status_code=201)

    @pages.post("/review/entities")
    async def correct_entity(request: Request):
        """The entity page's merge and move-alias forms (plain forms: they work without script)."""
        form = {key: str(value) for key, value in (await request.form()).items()}
        who = checked(request, form.get("csrf"))
        draft = Draft(action=form.get("action", ""), target="entity", name=form.get("name", "").strip(),
                      after=form.get("after", ""), why=form.get("why", ""),
                      extra={"from": form["from"]} if form.get("from") else {})
        try:
            correct(store, draft, who, door="web")
        except CorrectionError as exc:
            raise HTTPException(422, str(exc)) from None
        return RedirectResponse(_local(form.get("back")), status_code=303)

    return pages

