"""Sending alert hits: to stdout, appended to a JSONL file, POSTed as JSON to a webhook (retried), or e-mailed through
an SMTP server named in the environment. A target is written as `stdout`, `jsonl:PATH`, `webhook:URL` or
`email:ADDRESS`.

SMTP settings (only needed for e-mail): NEWSLEDGER_SMTP=host[:port], NEWSLEDGER_SMTP_FROM, and optionally
NEWSLEDGER_SMTP_USER / NEWSLEDGER_SMTP_PASSWORD and NEWSLEDGER_SMTP_STARTTLS=1.
"""
from __future__ import annotations

import json
import os
import smtplib
import sys
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TextIO

import httpx

from ..ingest.fetch import USER_AGENT, one_line
from ..store.watchlist import stamp, utcnow

SMTP_ENV = "NEWSLEDGER_SMTP"
WEBHOOK_TRIES = 3


class DeliveryError(Exception):
    """A target that did not take a hit; it is tried again on the next round."""


def check_target(target: str) -> str:
    """The target as given, or an error naming what is wrong with it (checked when an alert is saved)."""
    kind, _, where = target.partition(":")
    if target == "stdout":
        return target
    if kind == "jsonl" and where:
        return target
    if kind == "webhook" and where.startswith(("http://", "https://")):
        return target
    if kind == "email" and "@" in where:
        if not os.environ.get(SMTP_ENV):
            raise DeliveryError(f"{target}: e-mail needs an SMTP server; set {SMTP_ENV}=host[:port]")
        return target
    raise DeliveryError(f"{target!r} is not a target; use stdout, jsonl:PATH, webhook:URL or email:ADDRESS")


class Deliverer:
    def __init__(self, stdout: TextIO | None = None, *, webhook_backoff_s: float = 1.0, timeout_s: float = 10.0):
        self.stdout = stdout or sys.stdout
        self.webhook_backoff_s = webhook_backoff_s
        self.timeout_s = timeout_s

    def deliver(self, hit: dict[str, Any], targets: list[str]) -> None:
        """Send one hit to every target; a DeliveryError names the first that failed."""
        for target in targets:
            kind, _, where = target.partition(":")
            send: Callable[[dict[str, Any], str], None] = {
                "stdout": self._stdout, "jsonl": self._jsonl, "webhook": self._webhook, "email": self._email,
            }.get(kind, self._unknown)
            send(hit, where or target)

    def _stdout(self, hit: dict[str, Any], _: str) -> None:
        self.stdout.write(f"[{hit['alert']}] {hit['summary']}  {hit['link']}\n")
        self.stdout.flush()

    def _jsonl(self, hit: dict[str, Any], path: str) -> None:
        try:
            with Path(path).expanduser().open("a", encoding="utf-8") as handle:
                handle.write(json.dumps({**hit, "delivered_at": stamp(utcnow())}, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise DeliveryError(f"jsonl:{path}: cannot append ({exc.strerror or exc})") from None

    def _webhook(self, hit: dict[str, Any], url: str) -> None:
        problem = ""
        for attempt in range(WEBHOOK_TRIES):
            try:
                response = httpx.post(url, json=hit, timeout=self.timeout_s, headers={"User-Agent": USER_AGENT})
                if response.status_code < 300:
                    return
                problem = f"HTTP {response.status_code}"
                if response.status_code < 500 and response.status_code != 429:
                    break  # the hook refuses it; asking again will not change its mind
            except httpx.HTTPError as exc:
                problem = one_line(exc)
            if attempt < WEBHOOK_TRIES - 1:
                time.sleep(self.webhook_backoff_s * 2 ** attempt)
        raise DeliveryError(f"webhook {url}: {problem}")

    def _email(self, hit: dict[str, Any], address: str) -> None:
        server = os.environ.get(SMTP_ENV)
        if not server:
            raise DeliveryError(f"email:{address}: no SMTP server configured ({SMTP_ENV})")
        host, _, port = server.partition(":")
        message = EmailMessage()
        message["From"] = os.environ.get("NEWSLEDGER_SMTP_FROM", "newsledger@localhost")
        message["To"] = address
        message["Subject"] = f"[newsledger] {hit['alert']}: {hit['summary']}"[:200]
        message.set_content(f"{hit['summary']}\n\n{hit.get('headline') or ''}\n{hit['link']}\n"
                            f"{hit.get('article_url') or ''}\n\n{json.dumps(hit, ensure_ascii=False, indent=2)}\n")
        try:
            with smtplib.SMTP(host, int(port or 25), timeout=self.timeout_s) as smtp:
                if os.environ.get("NEWSLEDGER_SMTP_STARTTLS") == "1":
                    smtp.starttls()
                if os.environ.get("NEWSLEDGER_SMTP_USER"):
                    smtp.login(os.environ["NEWSLEDGER_SMTP_USER"], os.environ.get("NEWSLEDGER_SMTP_PASSWORD", ""))
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException, ValueError) as exc:
            raise DeliveryError(f"email:{address}: {one_line(exc)}") from None

    def _unknown(self, hit: dict[str, Any], target: str) -> None:
        raise DeliveryError(f"{target!r} is not a target")
