"""Throughput of the whole extraction (clean + nlp + every engine) against bare `nlp.pipe` on the same texts.

    .venv/bin/python benchmarks/throughput.py                      # the bundled examples, repeated
    .venv/bin/python benchmarks/throughput.py --corpus ../shared/data/polnear/dev/text --limit 200

Prints articles/s and words/s of both (best of --rounds), their ratio (target >= 0.85) by the clock and by this
process's CPU time (on a machine other work shares, the clock's ratio swung from 0.66 to 0.90 over six runs of one
commit; CPU time counts only this process's work), the share of the spaCy pass each declared step of the pipeline
(`pipeline.STEPS`) adds (attribution with speakers and voice <= 10%, times <= 5%), and peak RSS.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from newsledger import nlp
from newsledger.ingest import ReadProblem
from newsledger.model import Article, RawArticle
from newsledger.pipeline import analyse, analyse_articles, clean_inputs, clean_one

REPO = Path(__file__).resolve().parents[1]


def load_articles(corpus: Path | None, limit: int, repeat: int) -> list[Article]:
    if corpus:
        paths = sorted(p for p in corpus.rglob("*") if p.is_file())[:limit]
        return [clean_one(RawArticle(source_path=str(p), text=p.read_text(encoding="utf-8", errors="replace")),
                          verbatim=True) for p in paths]
    cleaned = [a for a in clean_inputs([str(REPO / "examples")]) if not isinstance(a, ReadProblem)]
    return cleaned * repeat


def timed(step):
    """(wall seconds, CPU seconds of this process, the step's result)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    result = step()
    return time.perf_counter() - start, time.process_time() - start_cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a folder of plain-text articles (taken verbatim)")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=20, help="copies of the examples when no corpus is given")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each; the best counts")
    args = parser.parse_args()

    articles = load_articles(args.corpus, args.limit, args.repeat)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp.load()
    list(nlp.parse_many(texts[:4]))  # warm-up: first-call allocations are not throughput

    # Best of several rounds, alternating, so a busy moment on a shared machine does not decide the ratio.
    bare_runs, full_runs = [], []
    for _ in range(args.rounds):
        bare_runs.append(timed(lambda: list(nlp.parse_many(texts))))
        full_runs.append(timed(lambda: list(analyse_articles(articles))))
    bare_s, _, docs = min(bare_runs, key=lambda run: run[0])
    full_s, _, records = min(full_runs, key=lambda run: run[0])
    bare_cpu, full_cpu = min(run[1] for run in bare_runs), min(run[1] for run in full_runs)

    shares: dict[str, float] = {}
    for doc, article in zip(docs, articles):
        analyse(article, doc, timings=shares)
    shares["(attribution, speakers, voice)"] = sum(shares[name] for name in ("attribution", "speakers", "voice"))

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(articles)
    print(f"{n} articles, {words} words ({'corpus ' + str(args.corpus) if args.corpus else 'examples x' + str(args.repeat)})")
    print(f"bare nlp.pipe      : {n / bare_s:8.1f} articles/s  {words / bare_s:9.0f} words/s")
    print(f"newsledger extract : {n / full_s:8.1f} articles/s  {words / full_s:9.0f} words/s")
    print(f"ratio (extract / bare throughput): {bare_s / full_s:.3f}   (target >= 0.85)")
    print(f"ratio by CPU time of this process: {bare_cpu / full_cpu:.3f}")
    for name, seconds in shares.items():
        print(f"  {name:<30} adds {100 * max(seconds, 0.0) / bare_s:5.1f}% to the spaCy pass")
    print(f"peak RSS: {rss_mb:.0f} MB")
    if len(records) != n:
        sys.exit("record count differs from article count")


if __name__ == "__main__":
    main()
