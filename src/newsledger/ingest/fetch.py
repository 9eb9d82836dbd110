"""Polite HTTP for following outlets: one client (httpx) shared by every feed and page fetch.

It names itself (User-Agent), asks robots.txt first, spaces requests to one host and caps how many run at once,
sends the validators of the last fetch (a 304 costs the server nothing), retries what may pass (timeouts, 429,
5xx) after a growing wait, follows redirects itself so that a loop is named as one, and streams each body under a
cap, so a 50 MB page is dropped after its first megabytes and never held whole. Every failure is a FetchError with
a one-line reason.
"""
from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from .files import DEFAULT_MAX_BYTES, UnreadableInput, _megabytes, decode_document, looks_like_html

USER_AGENT = f"newsledger/{__version__} (news feed watcher; +https://github.com/newsledger/newsledger)"
_REDIRECTS = {301, 302, 303, 307, 308}
_RETRIED_STATUSES = {429, 500, 502, 503, 504}
_HTML_TYPES = ("text/html", "application/xhtml+xml")
ROBOTS_TTL_S = 24 * 3600
MAX_RETRY_AFTER_S = 60.0


@dataclass(frozen=True)
class FetchSettings:
    timeout_s: float = 20.0  # for connecting, and for each wait on the server; the whole fetch gets 3x this
    retries: int = 2  # after the first try
    backoff_s: float = 1.0  # before the first retry, doubled before each next one
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    host_interval_s: float = 1.0  # between the starts of two requests to one host
    host_concurrency: int = 2  # requests to one host in flight at once
    user_agent: str = USER_AGENT
    respect_robots: bool = True


@dataclass
class Fetched:
    url: str  # where the body came from, after redirects
    status: int
    content_type: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # where a redirect points, absolute
    retry_after: str | None = None  # what a 429 or 503 asked for

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A fetch that gave nothing usable; `reason` is one line ("HTTP 404 Not Found", "redirect loop (...)").

    `retry`: the failure may pass (a timeout, a 5xx), so the page is worth asking for again on the next poll.
    """

    def __init__(self, url: str, reason: str, retry: bool = False):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.retry = url, reason, retry


class _Host:
    """One host's share of politeness: a slot count and the earliest moment the next request may start."""

    def __init__(self, concurrency: int):
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.robots_lock = threading.Lock()
        self.next_start = 0.0
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.robots_checked: float | None = None  # monotonic time of the last read
        self.robots_note: str | None = None

    def wait_turn(self, interval_s: float) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + interval_s
        if start > now:
            time.sleep(start - now)


class Fetcher:
    """Thread-safe: the watch loop fetches feeds and pages from a pool of threads through one Fetcher."""

    def __init__(self, settings: FetchSettings = FetchSettings(), transport: httpx.BaseTransport | None = None):
        self.settings = settings
        self.client = httpx.Client(timeout=httpx.Timeout(settings.timeout_s), follow_redirects=False,
                                   headers={"User-Agent": settings.user_agent}, transport=transport)
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The body at `url` (status 304 and no body when the validators still hold), or a FetchError."""
        visited = [url]
        current = url
        while True:
            fetched = self._get_with_retries(current, etag=etag, last_modified=last_modified)
            if fetched.status not in _REDIRECTS:
                break
            target = fetched.location or ""
            if target in visited:
                raise FetchError(url, f"redirect loop ({' -> '.join(visited[visited.index(target):] + [target])})")
            if len(visited) > self.settings.max_redirects:
                raise FetchError(url, f"more than {self.settings.max_redirects} redirects")
            visited.append(target)
            current = target
        if fetched.status != 304 and not 200 <= fetched.status < 300:
            raise FetchError(url, _status_reason(fetched.status))
        return fetched

    def _get_with_retries(self, url: str, **validators: str | None) -> Fetched:
        attempts = self.settings.retries + 1
        for attempt in range(1, attempts + 1):
            wait = self.settings.backoff_s * 2 ** (attempt - 1)
            try:
                fetched = self._polite_request(url, **validators)
            except FetchError as exc:
                if not exc.retry or attempt == attempts:
                    raise FetchError(url, exc.reason + _tries(attempt), retry=exc.retry) from None
                time.sleep(wait)
                continue
            if fetched.status not in _RETRIED_STATUSES or attempt == attempts:
                break
            time.sleep(_retry_wait(fetched, wait))
        if fetched.status in _RETRIED_STATUSES:
            raise FetchError(url, _status_reason(fetched.status) + _tries(attempts), retry=True)
        return fetched

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        with self._hosts_lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(self.settings.host_concurrency)
            return self._hosts[key]

    def _polite_request(self, url: str, **validators: str | None) -> Fetched:
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(url, "not an http(s) URL")
        host = self._host(url)
        if self.settings.respect_robots:
            self._check_robots(host, url)
        with host.slots:
            host.wait_turn(self.settings.host_interval_s)
            return self._request(url, **validators)

    def _check_robots(self, host: _Host, url: str) -> None:
        with host.robots_lock:  # one thread reads robots.txt; the others wait for its answer
            if host.robots_checked is None or time.monotonic() - host.robots_checked > ROBOTS_TTL_S:
                with host.slots:
                    host.wait_turn(self.settings.host_interval_s)
                    host.robots, host.robots_note = self._read_robots(urljoin(url, "/robots.txt"))
                host.robots_checked = time.monotonic()
        if host.robots_note:
            raise FetchError(url, host.robots_note)
        if host.robots is not None and not host.robots.can_fetch(self.settings.user_agent, url):
            raise FetchError(url, "robots.txt disallows it")

    def _read_robots(self, robots_url: str) -> tuple[urllib.robotparser.RobotFileParser | None, str | None]:
        """RFC 9309: a 4xx robots.txt allows everything; an unreachable one (5xx, no answer) allows nothing."""
        try:
            fetched = self._request(robots_url)
        except FetchError as exc:
            return None, f"robots.txt unreachable ({exc.reason}); not fetching from this host"
        if 400 <= fetched.status < 500 or fetched.status in _REDIRECTS:
            return None, None
        if fetched.status >= 500:
            return None, f"robots.txt answered {_status_reason(fetched.status)}; not fetching from this host"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(fetched.body.decode("utf-8", "replace").splitlines())
        return parser, None

    def _request(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = time.monotonic() + 3 * self.settings.timeout_s
        limit = self.settings.max_bytes
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                fetched = Fetched(url=str(response.url), status=response.status_code,
                                  content_type=response.headers.get("content-type", "").lower(), body=b"",
                                  etag=response.headers.get("etag"),
                                  last_modified=response.headers.get("last-modified"))
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(url, f"HTTP {response.status_code} redirect without a Location")
                    fetched.location = urljoin(url, location)
                    return fetched
                if response.status_code != 200:
                    fetched.retry_after = response.headers.get("retry-after")
                    return fetched
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise FetchError(url, f"body too large ({_megabytes(int(declared))} announced, "
                                          f"the cap is {_megabytes(limit)})")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(url, f"body over the {_megabytes(limit)} cap; stopped reading")
                    if time.monotonic() > deadline:
                        raise FetchError(url, f"too slow (no whole body after {3 * self.settings.timeout_s:g} s)",
                                         retry=True)
                    chunks.append(chunk)
                fetched.body = b"".join(chunks)
                return fetched
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out after {self.settings.timeout_s:g} s", retry=True) from None
        except httpx.TransportError as exc:
            raise FetchError(url, f"connection failed ({one_line(exc)})", retry=True) from None
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"invalid URL ({one_line(exc)})") from None


def page_html(fetched: Fetched) -> str:
    """An article page's HTML as text, or a FetchError saying why it is no page (a PDF, an image, binary)."""
    media = fetched.content_type.split(";")[0].strip()
    if media and media not in _HTML_TYPES:
        raise FetchError(fetched.url, f"not HTML ({media}); skipped")
    if not media and not looks_like_html(fetched.body):
        raise FetchError(fetched.url, "not HTML (no content type, and the body does not open as HTML); skipped")
    try:
        return decode_document(fetched.body, html=True)
    except UnreadableInput as exc:
        raise FetchError(fetched.url, str(exc)) from None


def _status_reason(status: int) -> str:
    try:
        phrase = httpx.codes(status).get_reason_phrase(status)
    except ValueError:
        phrase = ""
    return f"HTTP {status} {phrase}".strip()


def _retry_wait(fetched: Fetched, backoff_s: float) -> float:
    """The server's Retry-After (seconds or a date) when it gives one, within reason; our backoff otherwise."""
    value = fetched.retry_after
    if not value:
        return backoff_s
    if value.strip().isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        return min(max(0.0, parsedate_to_datetime(value).timestamp() - time.time()), MAX_RETRY_AFTER_S)
    except (TypeError, ValueError):
        return backoff_s


def _tries(count: int) -> str:
    return f" (after {count} tries)" if count > 1 else ""


def one_line(exc: BaseException) -> str:
    """An exception's message as one line (parsers put a whole context on the following lines)."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
