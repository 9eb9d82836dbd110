"""How the cost of one article grows with its length, and the cost of viewing a long article's page.

    .venv/bin/python benchmarks/scaling.py                        # 20k, 80k, 320k, 1.2M characters
    .venv/bin/python benchmarks/scaling.py --sizes 20000 80000 --timeout 120
    .venv/bin/python benchmarks/scaling.py --sizes 320000 1200000 --steps --no-page   # every step's growth

Each length is measured in a process of its own (so that its peak RSS is its own, and a length that runs too long
can be stopped): the text is the bundled examples' bodies repeated up to that length (a live blog is many short
reports), parsed once (`nlp.parse`, in pieces above budget.PARSE_CHUNK_CHARS) and analysed once (`pipeline.analyse`,
every engine, with no per-article budget), timed by the wall clock and by processor time (this process's work only:
on a shared machine the wall clock also counts the waits for a core). What a process pays once whatever it reads
(loading spaCy, the gazetteer and the other tables) is paid before the clock starts, by analysing a short article,
and is reported apart ("load s"). Nothing else is warmed: the first parse of a long text is inside the clock, as in
a fresh `ingest` (its first-touch cost was the kernel's huge pages for numpy's arrays, which `nlp.load` turns off,
and it is bounded by the piece size). Each 4x of text should cost at most 5x the time; `--steps` shows each declared
step's processor seconds and growth.
Then a 120,000-character article is extracted and stored, and its page (/articles/ID) viewed nine times in a
process that only serves the ledger, as `newsledger serve` does; the best and the median view are reported (target
< 0.5 s).
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SIZES = [20_000, 80_000, 320_000, 1_200_000]
PAGE_CHARACTERS = 120_000
PAGE_VIEWS = 9


def long_text(characters: int) -> str:
    from newsledger.ingest import ReadProblem
    from newsledger.pipeline import clean_inputs

    bodies = [a.text for a in clean_inputs([str(REPO / "examples")]) if not isinstance(a, ReadProblem)]
    parts, total = [], 0
    while total < characters:
        body = bodies[len(parts) % len(bodies)]
        parts.append(body)
        total += len(body) + 2
    return "\n\n".join(parts)[:characters]


def _article(characters: int):
    from newsledger.clean import paragraph_spans
    from newsledger.model import Article

    text = long_text(characters)
    return Article(id=Article.id_for(text), source_path=f"scaling-{characters}.txt", text=text,
                   paragraphs=paragraph_spans(text), published="2024-02-07", outlet="Benchmark")


def measure_extraction(characters: int) -> dict:
    from newsledger import nlp, pipeline

    article = _article(characters)
    loading = time.perf_counter()
    warm_up = _article(2_000)
    pipeline.analyse(warm_up, nlp.parse(warm_up.text))  # every one-time load, outside the clock
    started, started_cpu = time.perf_counter(), time.process_time()
    doc = nlp.parse(article.text)
    parsed, parsed_cpu = time.perf_counter(), time.process_time()
    steps: dict[str, float] = {}
    record = pipeline.analyse(article, doc, timings=steps, clock=time.process_time)
    done, done_cpu = time.perf_counter(), time.process_time()
    return {"characters": len(article.text), "load_s": started - loading, "parse_s": parsed - started,
            "analyse_s": done - parsed, "total_s": done - started, "parse_cpu_s": parsed_cpu - started_cpu,
            "analyse_cpu_s": done_cpu - parsed_cpu, "cpu_s": done_cpu - started_cpu, "steps": steps,
            "figures": len(record.figures), "quotes": len(record.quotes),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def build_page_ledger(characters: int, db: str) -> dict:
    from newsledger import nlp, pipeline, track
    from newsledger.store import Store

    article = _article(characters)
    record = pipeline.analyse(article, nlp.parse(article.text))
    with Store(db) as writer:
        writer.save(record)
        track.refresh(writer)
    return {"article": article.id, "characters": len(article.text),
            "marks": len(record.quotes) + len(record.figures) + len(record.times)}


def measure_page_view(db: str, article_id: str) -> dict:
    """Views of the article's page in a process that only serves the ledger, as `newsledger serve` does (the
    analysis that stored it ran in another process: a server holds no spaCy model)."""
    from fastapi.testclient import TestClient

    from newsledger.api import create_app, settle_heap

    client = TestClient(create_app(db))
    client.get(f"/articles/{article_id}")  # compiles the template
    settle_heap()  # as `serve` does before it answers
    views, work = [], []
    for _ in range(PAGE_VIEWS):
        started, started_cpu = time.perf_counter(), time.process_time()
        page = client.get(f"/articles/{article_id}")
        views.append(time.perf_counter() - started)
        work.append(time.process_time() - started_cpu)
        assert page.status_code == 200
    return {"best_view_s": min(views), "median_view_s": statistics.median(views), "best_view_cpu_s": min(work),
            "median_view_cpu_s": statistics.median(work)}


def _child(timeout: float, *arguments: str) -> dict:
    command = [sys.executable, __file__, "--child", *arguments]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"stopped_after_s": timeout}
    if done.returncode != 0:
        return {"failed": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _page_view(timeout: float) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "ledger.db")
        ledger = _child(timeout, "ledger", str(PAGE_CHARACTERS), db)
        if "article" not in ledger:
            return ledger
        return {**ledger, **_child(timeout, "page", db, ledger["article"])}


def _print_steps(rows: list[dict]) -> None:
    """Each step's processor seconds at every length, and its growth over the previous length, slowest last first."""
    print(f"{'step':<20}" + "".join(f"{row['characters']:>12}" for row in rows))
    for name in sorted(rows[-1]["steps"], key=lambda step: -rows[-1]["steps"][step]):
        cells = []
        for before, row in zip([None, *rows], rows):
            seconds = row["steps"].get(name, 0.0)
            grew = f" x{seconds / before['steps'][name]:.1f}" if before and before["steps"].get(name) else ""
            cells.append(f"{seconds:.2f}{grew}")
        print(f"{name:<20}" + "".join(f"{cell:>12}" for cell in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--timeout", type=float, default=900, help="seconds one length may take before it is stopped")
    parser.add_argument("--no-page", action="store_true", help="skip the page-view measurement")
    parser.add_argument("--steps", action="store_true", help="print each step's seconds at every length")
    parser.add_argument("--child", nargs="+", metavar="ARGUMENT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, *given = args.child
        if mode == "extract":
            print(json.dumps(measure_extraction(int(given[0]))))
        elif mode == "ledger":
            print(json.dumps(build_page_ledger(int(given[0]), given[1])))
        else:
            print(json.dumps(measure_page_view(*given)))
        return

    previous = None
    measured = []
    print(f"{'characters':>10} {'load s':>7} {'parse s':>8} {'analyse s':>10} {'total s':>8} {'x prev':>7} "
          f"{'cpu parse':>10} {'cpu analyse':>12} {'cpu total':>10} {'x prev':>7} {'peak RSS MB':>12}")
    for size in args.sizes:
        row = {"characters": size, **_child(args.timeout, "extract", str(size))}
        if "total_s" not in row:
            stopped = f"stopped after {row['stopped_after_s']:g} s" if "stopped_after_s" in row else row
            print(f"{size:>10} {stopped}")
            previous = None
            continue
        growth = f"{row['total_s'] / previous['total_s']:.1f}" if previous else "—"
        cpu_growth = f"{row['cpu_s'] / previous['cpu_s']:.1f}" if previous else "—"
        print(f"{row['characters']:>10} {row['load_s']:>7.1f} {row['parse_s']:>8.1f} {row['analyse_s']:>10.1f} "
              f"{row['total_s']:>8.1f} {growth:>7} {row['parse_cpu_s']:>10.1f} {row['analyse_cpu_s']:>12.1f} "
              f"{row['cpu_s']:>10.1f} {cpu_growth:>7} {row['peak_rss_mb']:>12.0f}")
        previous = row
        measured.append(row)
    print("target: each 4x of text costs at most 5x the time (load s, paid once per process, apart)")
    if args.steps and measured:
        _print_steps(measured)
    if not args.no_page:
        page = _page_view(args.timeout)
        if "best_view_s" in page:
            print(f"page view of a {page['characters']:,}-character article ({page['marks']} marks): best "
                  f"{page['best_view_s']:.3f} s, median {page['median_view_s']:.3f} s (target < 0.5 s); processor "
                  f"time best {page['best_view_cpu_s']:.3f} s, median {page['median_view_cpu_s']:.3f} s")
        else:
            print(f"page view: {page}")


if __name__ == "__main__":
    main()
