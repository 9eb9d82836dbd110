"""Scale benchmarks over the synthetic wire stream (newsledger.scale.synthetic), through the real pipeline.

  dask        Dask batch with 2 workers against 1 on the same articles (target: >= 1.8x on a 2-core machine)
  rss         peak RSS while N articles stream through read -> clean -> nlp -> extract -> store
              (target: no growth beyond +10% after the first 10k)
(the pipeline against bare nlp.pipe is benchmarks/throughput.py)

    .venv/bin/python benchmarks/pipeline_scale.py dask --articles 2000
    .venv/bin/python benchmarks/pipeline_scale.py rss --articles 100000 --baseline 10000
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time

from newsledger.pipeline import analyse_articles, clean_one
from newsledger.scale.batch import run_batch
from newsledger.scale.synthetic import synthetic_articles
from newsledger.store import Store


def dask_speedup(articles: int, partition_size: int) -> dict:
    seconds = {}
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            summary = run_batch(synthetic_articles(articles), out, workers=workers, partition_size=partition_size)
            seconds[workers] = time.perf_counter() - started
            assert summary.articles == articles and not summary.failures, summary
    return {"articles": articles, "partition_size": partition_size, "cpus": os.cpu_count(),
            "load_average_at_end": round(os.getloadavg()[0], 2),
            "seconds_1_worker": round(seconds[1], 2), "seconds_2_workers": round(seconds[2], 2),
            "articles_per_s_1_worker": round(articles / seconds[1], 1),
            "articles_per_s_2_workers": round(articles / seconds[2], 1),
            "speedup": round(seconds[1] / seconds[2], 3)}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def rss_stream(articles: int, baseline: int, checkpoints: int) -> dict:
    """Peak RSS after `baseline` articles and at the end, with the store writing as `ingest` does."""
    every = max(1, articles // checkpoints)
    samples = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, Store(os.path.join(folder, "ledger.db")) as store:
        cleaned = (clean_one(raw) for raw in synthetic_articles(articles, seed=1))
        for done, record in enumerate(analyse_articles(cleaned), start=1):
            store.save(record)
            if done == baseline or done % every == 0:
                samples.append({"articles": done, "peak_rss_mb": round(peak_rss_mb(), 1),
                                "seconds": round(time.perf_counter() - started, 1)})
                print(json.dumps(samples[-1]), file=sys.stderr, flush=True)  # progress, for long runs
    at_baseline = next(s["peak_rss_mb"] for s in samples if s["articles"] == baseline)
    final = samples[-1]["peak_rss_mb"]
    return {"articles": articles, "baseline_articles": baseline, "peak_rss_mb_at_baseline": at_baseline,
            "peak_rss_mb_at_end": final, "growth_after_baseline": round(final / at_baseline - 1, 4),
            "articles_per_s": round(articles / (time.perf_counter() - started), 1), "samples": samples}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    modes = parser.add_subparsers(dest="mode", required=True)
    dask = modes.add_parser("dask")
    dask.add_argument("--articles", type=int, default=2000)
    dask.add_argument("--partition-size", type=int, default=64)
    rss = modes.add_parser("rss")
    rss.add_argument("--articles", type=int, default=100_000)
    rss.add_argument("--baseline", type=int, default=10_000)
    rss.add_argument("--checkpoints", type=int, default=20)
    args = parser.parse_args()
    if args.mode == "dask":
        results = dask_speedup(args.articles, args.partition_size)
    else:
        results = rss_stream(args.articles, args.baseline, args.checkpoints)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
