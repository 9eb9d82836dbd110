"""What a followed URL lists: RSS 0.9x/1.0/2.0 and Atom (through feedparser), JSON Feed, and XML sitemaps (plain and
Google News). Each gives the article pages it lists, once each, with what the feed says of them (title, date).

The feed's own word is a fallback: the page's metadata wins where both exist (watch/loop.py applies that).
A feed that cannot be read at all is a FeedProblem with a one-line reason; one read leniently (malformed XML that
feedparser still understood, a wrong declared encoding) comes with notes saying so.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree

from .fetch import one_line
from .files import looks_like_html

_SITEMAP_ROOT = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*)*<(?:\w+:)?(urlset|sitemapindex)\b",
                           re.DOTALL)
_JSON_FEED_VERSION = "https://jsonfeed.org/version/"
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
MAX_CHILD_SITEMAPS = 50
# Feeds read all the same: a wrong declared encoding, a feed served as text/html or text/plain.
_LENIENT = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


class FeedProblem(ValueError):
    """The body lists nothing we can read; the message is one line."""


@dataclass
class FeedItem:
    url: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD, the feed's date for it
    signature: str = ""  # changes when the feed says the item changed (its dates, its title)


@dataclass
class FeedListing:
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # a sitemap index lists sitemaps, read in the same poll
    notes: list[str] = field(default_factory=list)


def parse_listing(body: bytes, url: str, content_type: str = "") -> FeedListing:
    """The pages (or child sitemaps) a feed or sitemap lists, in its order, each page once."""
    if not body.strip():
        raise FeedProblem("empty body")
    head = body[:4096].lstrip()
    if _SITEMAP_ROOT.match(body[:4096]):
        listing = _parse_sitemap(body, url)
    elif head.startswith((b"{", b"\xef\xbb\xbf{")) or "json" in content_type:
        listing = _parse_json_feed(body, url)
    else:
        listing = _parse_feed(body, url, content_type)
    return _once_each(listing)


def _once_each(listing: FeedListing) -> FeedListing:
    """A page listed twice (in two sections of one feed) is fetched once."""
    kept: dict[str, FeedItem] = {}
    for item in listing.items:
        kept.setdefault(item.url, item)
    repeats = len(listing.items) - len(kept)
    if repeats:
        listing.notes.append(f"{repeats} item(s) listed more than once; each page is fetched once")
    listing.items = list(kept.values())
    return listing


def _item(link: str | None, base: str, title: str | None, published: str | None, *stamps: str | None
          ) -> FeedItem | None:
    if not link or not link.strip():
        return None
    page = urljoin(base, link.strip())
    if urlsplit(page).scheme not in ("http", "https"):
        return None
    title = " ".join(title.split()) if title else None
    signature = hashlib.sha256("\x1f".join(s or "" for s in (title, published, *stamps)).encode()).hexdigest()[:16]
    return FeedItem(url=page, title=title or None, published=published, signature=signature)


# -- RSS and Atom ---------------------------------------------------------------------------------------------------

def _parse_feed(body: bytes, url: str, content_type: str) -> FeedListing:
    # A stream, never the bytes themselves: feedparser takes a str or bytes argument for a file name or URL first.
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-type": content_type or "application/xml",
                                                                   "content-location": url})
    problem = parsed.get("bozo_exception")
    if not parsed.entries:
        if looks_like_html(body):
            raise FeedProblem("not a feed: an HTML page (find the site's RSS or Atom link)")
        if problem is not None and not isinstance(problem, _LENIENT):
            raise FeedProblem(f"malformed feed ({one_line(problem)})")
        if not parsed.version:
            reason = f" ({one_line(problem)})" if isinstance(problem, feedparser.NonXMLContentType) else ""
            raise FeedProblem(f"not a feed: no RSS, Atom or JSON Feed document{reason}")
    listing = FeedListing(title=_text(parsed.feed.get("title")))
    if isinstance(problem, feedparser.CharacterEncodingOverride):
        listing.notes.append(f"wrong encoding: {one_line(problem)}")
    elif isinstance(problem, feedparser.NonXMLContentType):
        listing.notes.append(f"served as a non-XML type, read as a feed all the same ({one_line(problem)})")
    elif problem is not None:
        listing.notes.append(f"malformed XML read leniently ({one_line(problem)})")
    for entry in parsed.entries:
        # dict.get: feedparser's own get() maps a missing `updated` onto `published`, with a warning each time.
        stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        published = time.strftime("%Y-%m-%d", stamp) if stamp else None
        item = _item(entry.get("link"), url, entry.get("title"), published, dict.get(entry, "updated"),
                     dict.get(entry, "published"), entry.get("id"))
        if item:
            listing.items.append(item)
    return listing


# -- JSON Feed (https://jsonfeed.org/version/1.1) -------------------------------------------------------------------

def _parse_json_feed(body: bytes, url: str) -> FeedListing:
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedProblem(f"malformed JSON Feed ({one_line(exc)})") from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(_JSON_FEED_VERSION):
        raise FeedProblem("not a JSON Feed: no https://jsonfeed.org/version/ in its version")
    listing = FeedListing(title=_text(document.get("title")))
    entries = document.get("items")
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        published, modified = entry.get("date_published"), entry.get("date_modified")
        item = _item(_text(entry.get("url")) or _text(entry.get("external_url")), url, _text(entry.get("title")),
                     _day(published), _text(modified), _text(published), _text(entry.get("id")))
        if item:
            listing.items.append(item)
    return listing


# -- sitemaps (https://www.sitemaps.org/protocol.html, Google News sitemaps) ---------------------------------------

def _parse_sitemap(body: bytes, url: str) -> FeedListing:
    # No entities resolved and nothing fetched: a sitemap is data from elsewhere.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedProblem(f"malformed sitemap XML ({one_line(exc)})") from None
    listing = FeedListing()
    if etree.QName(root).localname == "sitemapindex":
        children = [_text(loc.text) for loc in root.iter(f"{_SITEMAP_NS}loc", "loc")]
        listing.sitemaps = [urljoin(url, c) for c in children if c][:MAX_CHILD_SITEMAPS]
        if len(children) > MAX_CHILD_SITEMAPS:
            listing.notes.append(f"sitemap index lists {len(children)} sitemaps; read the first {MAX_CHILD_SITEMAPS}")
        return listing
    for entry in root.iter(f"{_SITEMAP_NS}url", "url"):
        loc = entry.findtext(f"{_SITEMAP_NS}loc") or entry.findtext("loc")
        modified = entry.findtext(f"{_SITEMAP_NS}lastmod") or entry.findtext("lastmod")
        news_date = entry.findtext(f"{_NEWS_NS}news/{_NEWS_NS}publication_date")
        title = entry.findtext(f"{_NEWS_NS}news/{_NEWS_NS}title")
        listing.title = listing.title or _text(entry.findtext(f"{_NEWS_NS}news/{_NEWS_NS}publication/{_NEWS_NS}name"))
        item = _item(_text(loc), url, title, _day(news_date or modified), _text(modified), _text(news_date))
        if item:
            listing.items.append(item)
    return listing


def _day(value: object) -> str | None:
    """The calendar day of an ISO 8601 date or date-time ("2024-02-07T10:00:00+02:00" -> 2024-02-07)."""
    text = _text(value)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.date().isoformat()  # the outlet's own calendar day, as it wrote it


def _text(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
