"""Following outlets at scale, all on this machine: a local site serves FEEDS feeds of ARTICLES synthetic articles
each; the watch loop polls them, then keeps polling while new items appear at random moments.

    PYTHONPATH=src:tests .venv/bin/python benchmarks/watch.py                      # 200 feeds x 20 articles
    PYTHONPATH=src:tests .venv/bin/python benchmarks/watch.py --feeds 50 --rounds 10 --interval 20

Prints:
- articles stored/s on the first poll (fetch + clean + NLP + store + ledger pass + alert evaluation),
- feeds polled/s when every feed is due and unchanged (conditional GET answered 304),
- time from an item appearing in a feed to its alert being delivered (target: under one poll interval + 10 s),
- RSS after each of --rounds rounds with new items (target: flat: the last within 10% of the second).

Everything runs against one host (127.0.0.1), so the per-host politeness is lifted (no spacing, 8 requests at once);
a real deployment spreads feeds over many hosts.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from feed_server import FeedServer, article_html, rfc822, rss, toll_story  # noqa: E402

from newsledger.ingest.fetch import Fetcher, FetchSettings  # noqa: E402
from newsledger.scale.synthetic import synthetic_article  # noqa: E402
from newsledger.store import Store, watchlist  # noqa: E402
from newsledger.watch.deliver import Deliverer  # noqa: E402
from newsledger.watch.loop import Watcher  # noqa: E402

SETTINGS = FetchSettings(timeout_s=10, retries=1, backoff_s=0.1, host_interval_s=0.0, host_concurrency=8)


class Site:
    """The feeds' items, changed while the watch runs."""

    def __init__(self, server: FeedServer, feeds: int, articles: int):
        self.server, self.items = server, {f: [] for f in range(feeds)}
        self.appeared: dict[str, float] = {}
        for f in range(feeds):
            for n in range(articles):
                raw = synthetic_article(f * articles + n, seed=7)
                self.add(f, f"/a/{f}/{n}", article_html(f"Report {f}-{n}", raw.text.split("\n\n")), raw.published)

    def add(self, feed: int, path: str, html: str, day: str) -> None:
        self.server.set(path, html)
        self.items[feed].insert(0, (f"Item {path}", self.server.url(path), rfc822(day)))
        self.server.set(f"/feed/{feed}.xml", rss(self.items[feed][:50]), content_type="application/rss+xml")

    def appear(self, feed: int, number: int) -> None:
        path = f"/new/{feed}/{number}"
        self.add(feed, path, article_html(f"Toll update {feed}-{number}", toll_story(40_000 + number)), "2024-02-07")
        self.appeared[self.server.url(path)] = time.time()


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--articles", type=int, default=20, help="items in each feed at the start")
    parser.add_argument("--rounds", type=int, default=10, help="poll intervals with new items")
    parser.add_argument("--new", type=int, default=10, help="new items in each round, in random feeds")
    parser.add_argument("--interval", type=int, default=20, help="every feed's poll interval, seconds")
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()
    rng = random.Random(15)

    with tempfile.TemporaryDirectory() as tmp, FeedServer() as server:
        site = Site(server, args.feeds, args.articles)
        hits_file = Path(tmp) / "hits.jsonl"
        store = Store(str(Path(tmp) / "ledger.db"))
        for f in range(args.feeds):
            watchlist.add_feed(store, server.url(f"/feed/{f}.xml"), outlet=None, interval_s=args.interval)
        watchlist.save_alert(store, name="tolls", kind="figures", params={"category": "killed", "place": "Gaza"},
                             targets=[f"jsonl:{hits_file}"])
        watcher = Watcher(store, Fetcher(SETTINGS), Deliverer(open("/dev/null", "w")), workers=args.workers)

        started = time.perf_counter()
        first = watcher.round()
        first_s = time.perf_counter() - started
        print(f"first poll: {first.feeds_polled} feeds, {first.articles_added} articles stored in {first_s:.1f} s "
              f"→ {first.articles_added / first_s:.1f} articles/s ({first.feeds_failed} feeds failed, "
              f"{first.pages_skipped} pages skipped)", flush=True)

        for feed in watchlist.feeds(store):
            watchlist.feed_polled(store, feed["url"], next_due=watchlist.utcnow())
        started = time.perf_counter()
        unchanged = watcher.round()
        unchanged_s = time.perf_counter() - started
        print(f"all due, unchanged: {unchanged.feeds_polled} feeds in {unchanged_s:.2f} s → "
              f"{unchanged.feeds_polled / unchanged_s:.0f} feeds polled/s", flush=True)

        for feed in watchlist.feeds(store):  # the feeds' schedules spread over one interval, as in a long run
            watchlist.feed_polled(store, feed["url"], next_due=datetime.fromtimestamp(
                time.time() + rng.uniform(0, args.interval)).astimezone())
        loop = threading.Thread(target=watcher.run, kwargs={"every_s": 1.0})
        loop.start()
        samples, number = [], 0
        for _ in range(args.rounds):
            window_start = time.monotonic()
            moments = sorted(rng.uniform(0, args.interval) for _ in range(args.new))
            for moment in moments:
                time.sleep(max(0.0, window_start + moment - time.monotonic()))
                site.appear(rng.randrange(args.feeds), number)
                number += 1
            time.sleep(max(0.0, window_start + args.interval - time.monotonic()))
            samples.append(rss_mb())
        time.sleep(args.interval + 10)  # the last items' poll, and their grace
        watcher.stop.set()
        loop.join()

        delivered = {}
        for line in hits_file.read_text().splitlines():
            hit = json.loads(line)
            if hit["article_url"] in site.appeared:
                delivered[hit["article_url"]] = datetime.fromisoformat(hit["delivered_at"]).timestamp()
        latencies = sorted(delivered[url] - t0 for url, t0 in site.appeared.items() if url in delivered)
        missing = len(site.appeared) - len(latencies)
        print(f"item → alert: {len(latencies)} of {len(site.appeared)} delivered ({missing} missing); "
              f"median {latencies[len(latencies) // 2]:.1f} s, max {latencies[-1]:.1f} s "
              f"(target < {args.interval + 10} s)", flush=True)
        growth = (samples[-1] - samples[1]) / samples[1] if len(samples) > 1 else 0.0
        print(f"RSS per round (MB): {' '.join(f'{s:.0f}' for s in samples)}; last vs second {growth:+.1%}")
        print(f"watch totals: {vars(watcher.total)}")
        store.close()


if __name__ == "__main__":
    main()
