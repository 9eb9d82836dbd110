"""Query latency of the API's quote search and figure series on a synthetic ledger (1M quotes, 1M figures).

    .venv/bin/python benchmarks/query.py [--quotes 1000000] [--figures 1000000] [--db /tmp/bench.db] [--runs 200] [--reuse]

Rows are generated straight into the tables (executemany), not through the NLP pipeline; every quote is filed as
the first copy of itself in quote_groups, as `track.refresh` leaves a ledger of distinct quotes. The timings are of
`store.queries.quotes(search=...)` and `store.queries.series(...)`, the functions behind /api/quotes and
/api/series. Target: p95 < 50 ms. `--reuse` times an existing database (built by an earlier run) again.
Besides wall-clock latency it prints the CPU time the process itself spent (cpu_*) and the load average: on a shared
machine the difference is time spent waiting for a core.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import time
from pathlib import Path

from sqlalchemy import insert, text

from newsledger.store import Store, queries, schema

CATEGORIES = ("killed", "injured", "missing", "hostages", "detained", "displaced", "aid", "money")
PLACES = tuple(f"Place {n}" for n in range(40))
SOURCES = tuple(f"Source {n}" for n in range(300))
PER_ARTICLE = 10


def vocabulary(size: int, rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return sorted({"".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(size)})


def build(db: str, n_quotes: int, n_figures: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    words = vocabulary(20_000, rng)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))  # Zipf-like, as in text
    store = Store(db)
    n_articles = max(n_quotes, n_figures) // PER_ARTICLE
    day = lambda n: f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"  # noqa: E731
    with store.engine.begin() as conn:
        conn.execute(insert(schema.articles), [
            {"id": f"{n:016x}", "source_path": f"synthetic/{n}", "headline": f"Report {n}", "published": day(n),
             "outlet": f"Outlet {n % 50}", "text": "", "record": "{}", "ingested_at": "2024-01-01T00:00:00"}
            for n in range(n_articles)])
    for start in range(0, n_quotes, 100_000):
        rows = []
        for n in range(start, min(start + 100_000, n_quotes)):
            aid = f"{n // PER_ARTICLE:016x}"
            content = " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(8, 30)))
            rows.append({"article_id": aid, "local_id": f"q{n % PER_ARTICLE}", "kind": "direct",
                         "content": content, "start": 0, "end": 1, "speaker_name": rng.choice(SOURCES), "published": day(n // PER_ARTICLE)})
        with store.engine.begin() as conn:
            conn.execute(insert(schema.quotes), rows)
            conn.execute(text("INSERT INTO quotes_fts(article_id, local_id, content, speaker) "
                              "VALUES (:article_id, :local_id, :content, :speaker_name)"), rows)
            conn.execute(insert(schema.quote_groups), [
                {"article_id": r["article_id"], "local_id": r["local_id"], "group_article": r["article_id"],
                 "group_local": r["local_id"]} for r in rows])
    for start in range(0, n_figures, 100_000):
        rows = []
        for n in range(start, min(start + 100_000, n_figures)):
            value = float(rng.randint(1, 50_000))
            rows.append({"article_id": f"{n // PER_ARTICLE:016x}", "local_id": f"f{n % PER_ARTICLE}", "start": 0,
                         "end": 1, "text": f"{value:,.0f}", "number": f"{value:,.0f}", "value": value, "low": value,
                         "high": None, "qualifier": "exact", "category": rng.choice(CATEGORIES),
                         "source_name": rng.choice(SOURCES), "source_chain": "[]",
                         "as_of": day(n // PER_ARTICLE), "place": rng.choice(PLACES)})
        with store.engine.begin() as conn:
            conn.execute(insert(schema.figures), rows)
    with store.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    store.close()


def percentiles(samples: list[float], prefix: str = "") -> dict[str, float]:
    samples = sorted(samples)
    return {f"{prefix}p50_ms": round(statistics.median(samples), 2),
            f"{prefix}p95_ms": round(samples[int(0.95 * len(samples)) - 1], 2)}


def timed(call, runs: int) -> dict[str, float]:
    """Wall-clock latency, and the CPU time this process spent: on a shared machine the gap is time spent waiting."""
    call()  # warm the page cache
    wall, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return {**percentiles(wall), "max_ms": round(max(wall), 2), **percentiles(cpu, "cpu_")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--db", default="/tmp/newsledger-bench.db")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="Keep an existing benchmark database.")
    args = parser.parse_args()
    if not (args.reuse and Path(args.db).exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
        began = time.perf_counter()
        build(args.db, args.quotes, args.figures)
        print(f"built {args.quotes:,} quotes and {args.figures:,} figures in {time.perf_counter() - began:.0f} s")
    store = Store(args.db, serving=True)
    rng = random.Random(11)
    sample = [r[0].split() for r in store.engine.connect().execute(
        text("SELECT content FROM quotes ORDER BY rowid LIMIT 2000"))]
    searches = [" ".join(rng.sample(ws, min(len(ws), rng.choice((1, 2))))) for ws in sample]
    results = {
        "quote_search": timed(lambda: queries.quotes(store, search=rng.choice(searches), limit=50), args.runs),
        "quote_search_speaker_since": timed(lambda: queries.quotes(store, search=rng.choice(searches),
                                                                   speaker=rng.choice(SOURCES), since="2024-06-01",
                                                                   limit=50), args.runs),
        "series": timed(lambda: queries.series(store, category=rng.choice(CATEGORIES), place=rng.choice(PLACES)),
                        args.runs),
        "series_by_source": timed(lambda: queries.series(store, category=rng.choice(CATEGORIES),
                                                         source=rng.choice(SOURCES)), args.runs),
    }
    print(json.dumps({"load_average": [round(n, 2) for n in os.getloadavg()], **results}, indent=2))
    print("target p95 < 50 ms:", "met" if all(r["p95_ms"] < 50 for r in results.values()) else "NOT met")


if __name__ == "__main__":
    main()
