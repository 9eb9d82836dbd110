"""Following outlets: each round polls the feeds that are due, fetches the pages they list that are new or changed,
runs them through the same pipeline and store as `ingest`, evaluates the saved alerts and delivers their hits.

- Idempotent by URL and content: an item whose feed entry is unchanged is not fetched again; a page whose text is
  already stored is not stored twice; a page whose text changed is stored as a new version linked to the old one.
- Robust: a feed that fails is backed off (its wait doubles with each consecutive failure, up to a day) and its
  reason is kept for `feeds list`; it never stops the others.
- Interruptible: `stop` (set on SIGTERM) is checked between articles, so the one in hand is stored whole. Every
  write is its own transaction and a feed's poll is recorded only once its pages are done, so a killed run loses
  nothing stored and the next run picks the same feed up again, skipping what is already stored.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from ..ingest import ReadProblem
from ..ingest.feeds import FeedItem, FeedListing, FeedProblem, parse_listing
from ..ingest.fetch import Fetched, FetchError, Fetcher, page_html
from ..model import Article, RawArticle, Record
from ..pipeline import analyse_articles, clean_one
from ..store import Store, watchlist
from ..track import refresh as refresh_ledger
from . import alerts as alert_rules
from .deliver import Deliverer, DeliveryError

MAX_BACKOFF = timedelta(days=1)
ANALYSIS_BATCH = 8  # small, so that a stop waits for a few articles' parse at most


@dataclass
class WatchCounts:
    rounds: int = 0
    feeds_due: int = 0
    feeds_polled: int = 0
    feeds_failed: int = 0
    pages_fetched: int = 0
    pages_skipped: int = 0
    articles_added: int = 0
    new_versions: int = 0
    already_stored: int = 0
    hits: int = 0
    delivery_failures: int = 0
    stopped: bool = False

    def add(self, other: "WatchCounts") -> None:
        for name, value in vars(other).items():
            if isinstance(value, int) and not isinstance(value, bool):
                setattr(self, name, getattr(self, name) + value)
        self.stopped = self.stopped or other.stopped


Event = Callable[[str, str, "WatchCounts"], None]  # kind, one-line message, the round's counts so far


@dataclass
class _Page:
    item: FeedItem
    fetched: Fetched
    article: Article


def backoff(interval_s: int, failures: int) -> timedelta:
    """How long a feed waits after `failures` consecutive failed polls: its interval, doubled per failure."""
    return min(timedelta(seconds=interval_s * 2 ** min(failures, 16)), MAX_BACKOFF)


class Watcher:
    def __init__(self, store: Store, fetcher: Fetcher, deliverer: Deliverer, *, workers: int = 8, base_url: str = "",
                 on_event: Event | None = None, stop: threading.Event | None = None):
        self.store, self.fetcher, self.deliverer = store, fetcher, deliverer
        self.workers, self.base_url = workers, base_url
        self.on_event: Event = on_event or (lambda kind, message, counts: None)
        self.stop = stop or threading.Event()
        self.total = WatchCounts()  # over every round of this watcher

    # -- the loop --------------------------------------------------------------------------------------------------

    def run(self, *, once: bool = False, every_s: float = 60.0) -> WatchCounts:
        """Rounds until stopped (or one round with `once`); between rounds it sleeps until a feed is due, waking at
        least every `every_s` seconds, and at once when stopped."""
        while not self.stop.is_set():
            self.total.add(self.round())
            if once or self.stop.is_set():
                break
            due = watchlist.next_due(self.store)
            wait = every_s if due is None else (due - watchlist.utcnow()).total_seconds()
            self.on_event("waiting", f"next poll in {max(0.0, wait):.0f} s", WatchCounts())
            self.stop.wait(max(0.05, min(wait, every_s)))
        self.total.stopped = self.stop.is_set()
        return self.total

    def round(self) -> WatchCounts:
        counts = WatchCounts(rounds=1)
        due = watchlist.due_feeds(self.store, watchlist.utcnow())
        counts.feeds_due = len(due)
        self.on_event("round", f"{len(due)} feed(s) due", counts)
        with ThreadPoolExecutor(self.workers, thread_name_prefix="fetch") as pool:
            polls = {pool.submit(self._read_feed, feed): feed for feed in due}
            for future in as_completed(polls):
                if self.stop.is_set():
                    break
                self._take_feed(polls[future], future.result(), pool, counts)
            if self.stop.is_set():
                counts.stopped = True
                pool.shutdown(wait=True, cancel_futures=True)
        self.deliver_pending(counts)
        return counts

    # -- one feed --------------------------------------------------------------------------------------------------

    def _read_feed(self, feed: dict[str, Any]) -> tuple[Fetched | None, FeedListing | str]:
        """(the feed's response, what it lists) or (response or None, the one-line reason it gave nothing)."""
        try:
            fetched = self.fetcher.get(feed["url"], etag=feed["etag"], last_modified=feed["last_modified"])
        except FetchError as exc:
            return None, exc.reason
        if fetched.not_modified:
            return fetched, FeedListing()
        try:
            listing = parse_listing(fetched.body, fetched.url, fetched.content_type)
            for child in listing.sitemaps:
                # A child sitemap that fails costs its own pages only; the note says which and why.
                try:
                    part = self.fetcher.get(child)
                    listing.items.extend(parse_listing(part.body, part.url, part.content_type).items)
                except (FetchError, FeedProblem) as exc:
                    listing.notes.append(f"sitemap {child}: {getattr(exc, 'reason', exc)}")
        except FeedProblem as exc:
            return fetched, str(exc)
        return fetched, listing

    def _take_feed(self, feed: dict[str, Any], outcome: tuple[Fetched | None, FeedListing | str],
                   pool: ThreadPoolExecutor, counts: WatchCounts) -> None:
        fetched, listing = outcome
        now = watchlist.utcnow()
        if isinstance(listing, str):
            failures = feed["failures"] + 1
            counts.feeds_failed += 1
            watchlist.feed_polled(self.store, feed["url"], last_polled=now, failures=failures, last_error=listing,
                                  next_due=now + backoff(feed["interval_s"], failures))
            self.on_event("feed-failed", f"{feed['url']}: {listing}", counts)
            return
        for note in listing.notes:
            self.on_event("feed-note", f"{feed['url']}: {note}", counts)
        stored = self._take_items(feed, listing, pool, counts)
        if self.stop.is_set():
            return  # the feed stays due: the next run reads it again and skips what is stored
        if stored:
            refresh_ledger(self.store)
            self._evaluate(stored, counts)
        counts.feeds_polled += 1
        done = watchlist.utcnow()
        state: dict[str, Any] = {"last_polled": done, "last_success": done, "failures": 0, "last_error": None,
                                 "next_due": done + timedelta(seconds=feed["interval_s"])}
        if fetched is not None and not fetched.not_modified:
            state.update(etag=fetched.etag, last_modified=fetched.last_modified, title=listing.title)
        watchlist.feed_polled(self.store, feed["url"], **state)
        self.on_event("feed-polled", f"{feed['url']}: {len(listing.items)} item(s)", counts)

    def _take_items(self, feed: dict[str, Any], listing: FeedListing, pool: ThreadPoolExecutor,
                    counts: WatchCounts) -> list[Record]:
        wanted = []
        for item in listing.items:
            seen = watchlist.seen_item(self.store, item.url)
            if seen is None or seen["signature"] != item.signature:
                wanted.append((item, seen))
        fetches: list[tuple[FeedItem, Future]] = [
            (item, pool.submit(self.fetcher.get, item.url, etag=seen and seen["etag"],
                               last_modified=seen and seen["last_modified"])) for item, seen in wanted]
        pages = []
        for item, future in fetches:
            if self.stop.is_set():
                break
            page = self._page(feed, item, future, counts)
            if page is not None:
                pages.append(page)
        return self._store_pages(feed, pages, counts)

    def _page(self, feed: dict[str, Any], item: FeedItem, future: Future, counts: WatchCounts) -> _Page | None:
        try:
            fetched = future.result()
            if fetched.not_modified:
                self._item_done(feed, item, "unchanged (304)")
                return None
            html = page_html(fetched)
        except FetchError as exc:
            counts.pages_skipped += 1
            # A failure that may pass keeps no signature, so the next poll asks for the page again.
            self._item_done(feed, item, exc.reason, signature="" if exc.retry else item.signature)
            self.on_event("page-skipped", f"{item.url}: {exc.reason}", counts)
            return None
        counts.pages_fetched += 1
        article = clean_one(RawArticle(source_path=fetched.url, html=html, url=fetched.url))
        if not article.text.strip():
            counts.pages_skipped += 1
            self._item_done(feed, item, "no article text found on the page", fetched=fetched)
            self.on_event("page-skipped", f"{item.url}: no article text found on the page", counts)
            return None
        # The page's own metadata wins; the feed's fills in what the page lacks; an outlet named by the user wins.
        article.headline = article.headline or item.title
        if article.published is None and item.published:
            article.published, article.published_from = item.published, "feed"
        article.outlet = feed["outlet"] or article.outlet or feed["title"]
        self.on_event("page-fetched", item.url, counts)
        return _Page(item, fetched, article)

    def _store_pages(self, feed: dict[str, Any], pages: list[_Page], counts: WatchCounts) -> list[Record]:
        fresh = []
        for page in pages:
            if self.store.has_article(page.article.id):
                counts.already_stored += 1
                self._stored(feed, page, "already stored")
            else:
                fresh.append(page)
        by_id = {page.article.id: page for page in fresh}
        stored: list[Record] = []
        for record in analyse_articles((page.article for page in fresh), batch_size=ANALYSIS_BATCH):
            if isinstance(record, ReadProblem):
                counts.pages_skipped += 1
                page = next(p for p in fresh if p.article.source_path == record.path)
                self._item_done(feed, page.item, record.reason, fetched=page.fetched)
                self.on_event("page-skipped", str(record), counts)
            else:
                page = by_id[record.article.id]
                if self.store.save(record):
                    counts.articles_added += 1
                    stored.append(record)
                else:
                    counts.already_stored += 1
                if self._stored(feed, page, "stored"):
                    counts.new_versions += 1
                self.on_event("article-added", f"{record.article.id} {record.article.headline or page.item.url}",
                              counts)
            if self.stop.is_set():
                break  # the article in hand is stored; the rest wait for the next run
        return stored

    def _stored(self, feed: dict[str, Any], page: _Page, outcome: str) -> bool:
        """Link the version and mark the item done; True when it replaced an earlier version of the page."""
        previous = watchlist.record_version(self.store, article_id=page.article.id, url=page.item.url,
                                            feed_url=feed["url"])
        self._item_done(feed, page.item, outcome, article_id=page.article.id, fetched=page.fetched)
        return previous is not None

    def _item_done(self, feed: dict[str, Any], item: FeedItem, outcome: str, *, signature: str | None = None,
                   article_id: str | None = None, fetched: Fetched | None = None) -> None:
        watchlist.item_done(self.store, url=item.url, feed_url=feed["url"],
                            signature=item.signature if signature is None else signature, outcome=outcome,
                            article_id=article_id, etag=fetched.etag if fetched else None,
                            last_modified=fetched.last_modified if fetched else None)

    # -- alerts ----------------------------------------------------------------------------------------------------

    def _evaluate(self, records: list[Record], counts: WatchCounts) -> None:
        for saved in watchlist.alerts(self.store):
            alert = alert_rules.Alert(saved["name"], saved["kind"], saved["params"], saved["targets"])
            counts.hits += watchlist.add_hits(self.store, alert.name,
                                              alert_rules.evaluate(self.store, alert, records, self.base_url))

    def deliver_pending(self, counts: WatchCounts) -> None:
        """Send every hit not yet delivered (this round's, and any a failed target left before)."""
        targets = {a["name"]: a["targets"] for a in watchlist.alerts(self.store)}
        for pending in watchlist.undelivered_hits(self.store):
            try:
                self.deliverer.deliver(pending["hit"], targets.get(pending["alert"], []))
            except DeliveryError as exc:
                counts.delivery_failures += 1
                self.on_event("delivery-failed", str(exc), counts)
                continue
            watchlist.mark_delivered(self.store, pending["alert"], pending["key"])
            self.on_event("hit", f"[{pending['alert']}] {pending['hit']['summary']}", counts)


def parse_every(text: str) -> int:
    """"15m", "90s", "1h", "1h30m", "2d" -> seconds; a bare number is minutes."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text) * 60
    parts = re.fullmatch(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", text)
    if not text or not parts:
        raise ValueError(f"{text!r} is not a duration like 15m, 1h or 90s")
    days, hours, minutes, seconds = (int(p or 0) for p in parts.groups())
    total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds
    if total <= 0:
        raise ValueError(f"{text!r} is not a duration like 15m, 1h or 90s")
    return total
