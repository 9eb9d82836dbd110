"""A local news site for the watch tests and benchmark: a threaded http.server on 127.0.0.1 (port 0) whose routes
the test sets and changes while it runs. Pages are composed here; nothing is fetched from outside.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes | Callable[[], Iterator[bytes]] = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # before answering: a server that times out
    etag: bool = True  # answer If-None-Match with 304 when the body is unchanged
    length: int | None = None  # Content-Length of a streamed body


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.posts: list[tuple[str, bytes]] = []
        self.post_statuses: dict[str, list[int]] = {}  # answers to POSTs on a path, in turn (then 200)
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                with server.lock:
                    server.requests.append((self.path, dict(self.headers)))
                    route = server.routes.get(self.path)
                if route is None:
                    return self._answer(Route(b"not found", status=404, content_type="text/plain"))
                if route.delay_s:
                    time.sleep(route.delay_s)
                self._answer(route)

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with server.lock:
                    server.posts.append((self.path, body))
                    statuses = server.post_statuses.get(self.path) or [200]
                    status = statuses.pop(0) if len(statuses) > 1 else statuses[0]
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _answer(self, route: Route) -> None:
                try:
                    if callable(route.body):
                        self.send_response(route.status)
                        self.send_header("Content-Type", route.content_type)
                        if route.length is not None:
                            self.send_header("Content-Length", str(route.length))
                        else:
                            self.send_header("Connection", "close")
                        for name, value in route.headers.items():
                            self.send_header(name, value)
                        self.end_headers()
                        for chunk in route.body():
                            self.wfile.write(chunk)
                        self.close_connection = True
                        return
                    tag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                    if route.etag and route.status == 200 and self.headers.get("If-None-Match") == tag:
                        self.send_response(304)
                        self.send_header("ETag", tag)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    if route.etag and route.status == 200:
                        self.send_header("ETag", tag)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client stopped reading (a capped body): expected

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> "FeedServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def set(self, path: str, body: bytes | str | Callable[[], Iterator[bytes]] = b"", **options) -> None:
        with self.lock:
            self.routes[path] = Route(body.encode("utf-8") if isinstance(body, str) else body, **options)

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.requests if p == path)


# -- composed content ----------------------------------------------------------------------------------------------

def article_html(headline: str, paragraphs: list[str], *, site: str = "The Daily Ledger",
                 published: str = "2024-02-07", charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f'<!doctype html><html><head><meta charset="{charset}"><title>{escape(headline)} | {escape(site)}</title>'
            f'<meta property="og:site_name" content="{escape(site)}">'
            f'<meta property="og:title" content="{escape(headline)}">'
            f'<meta property="article:published_time" content="{published}T09:30:00Z"></head>'
            f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><main><article>'
            f'<h1>{escape(headline)}</h1>{body}</article></main><footer>© The Daily Ledger</footer></body></html>')


def toll_story(number: int, place: str = "Gaza", source: str = "the Gaza Health Ministry",
               day: str = "Tuesday", qualifier: str = "At least") -> list[str]:
    """A short casualty report whose lead carries `number`, so each number gives a different article."""
    return [
        f"{qualifier} {number:,} Palestinians have been killed in {place} since October 7, {source} said on {day}.",
        "Rescue workers said they were still searching the rubble of homes in the centre of the territory, where "
        "families had sheltered through the night as strikes continued.",
        f"“We are running out of everything,” said Dr Ahmed Salem, a doctor at a hospital in {place}. “The wounded "
        "keep coming and we have no beds left for them.”",
        "Aid agencies said trucks carrying food and medicine were waiting at the crossing for a second day, and "
        "officials on both sides traded blame for the delay in talks that mediators described as difficult.",
    ]


def rss(items: list[tuple[str, str, str]], title: str = "The Daily Ledger — World") -> str:
    """items: (title, link, RFC 822 date)."""
    entries = "".join(f"<item><title>{escape(t)}</title><link>{escape(link)}</link><pubDate>{d}</pubDate>"
                      f"<guid>{escape(link)}</guid></item>" for t, link, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f'<link>http://127.0.0.1/</link><description>World news</description>{entries}</channel></rss>')


def atom(items: list[tuple[str, str, str]], title: str = "The Daily Ledger (Atom)") -> str:
    """items: (title, link, ISO 8601 updated)."""
    entries = "".join(f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/><id>{escape(link)}</id>'
                      f"<updated>{u}</updated></entry>" for t, link, u in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:ledger</id><updated>2024-02-07T10:00:00Z</updated>"
            f"{entries}</feed>")


def rfc822(day: str, hour: int = 9) -> str:
    return format_datetime(datetime.fromisoformat(day).replace(hour=hour, tzinfo=timezone.utc))
