"""`/api/corrections`: anyone may read the corrections; writing one needs a reviewer's bearer token.

A token is `NAME.SECRET` from `newsledger users add NAME`, checked against the users file (salted scrypt hashes).
With no users configured the ledger is read-only: POST is refused with 403; without a valid token, with 401.
A bearer token is never sent by a browser on its own, so these routes need no CSRF token (the web forms do).
"""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Header, HTTPException, Query

from ..review import users as reviewers
from ..review.service import CorrectionBody, correct, correction_rows, draft_of
from ..store import Store
from ..store.corrections import CorrectionError


def router(store: Store, users_file: str | None) -> APIRouter:
    api = APIRouter(prefix="/api/corrections", tags=["corrections"])
    path = reviewers.users_path(users_file)

    def writer(authorization: str) -> str:
        try:
            known = reviewers.load(path)
        except reviewers.UsersError as exc:
            raise HTTPException(503, f"review mode is unavailable: {exc}") from None
        if not known:
            raise HTTPException(403, "this ledger is read-only: no reviewers are configured")
        scheme, _, token = authorization.partition(" ")
        who = reviewers.check_token(known, token) if scheme.lower() == "bearer" else None
        if who is None:
            raise HTTPException(401, "a reviewer's bearer token is required", headers={"WWW-Authenticate": "Bearer"})
        return who

    @api.get("")
    def list_corrections(article: str | None = None,
                         status: Literal["applied", "orphaned", "pending"] | None = Query(None)) -> dict[str, Any]:
        """Every correction with who, when, why, before and after, and whether it still applies."""
        return {"items": correction_rows(store, article_id=article, status=status)}

    @api.post("", status_code=201)
    def add_correction(body: CorrectionBody, authorization: str = Header("")) -> dict[str, Any]:
        who = writer(authorization)
        try:
            return correct(store, draft_of(body), who, door="api").to_dict()
        except CorrectionError as exc:
            raise HTTPException(422, str(exc)) from None

    return api
