"""CPU time of the place steps alone (toponym recognition and resolution) over parsed articles, best of --rounds,
so a change to them can be measured without the noise of the whole pipeline on a shared machine.

    PYTHONPATH=src .venv/bin/python benchmarks/place_steps.py --corpus ../shared/data/polnear/dev/text --limit 84

Prints the milliseconds of each step over all the articles, the gazetteer's load time, and a digest of the places
found (equal digests: the same places, field by field).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import time
from dataclasses import asdict
from pathlib import Path

from newsledger import gazetteer, nlp
from newsledger.extract.places import extract_places
from newsledger.layout import layout
from newsledger.model import RawArticle
from newsledger.pipeline import clean_one
from newsledger.resolve.places import resolve_places


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="a folder of plain-text articles")
    parser.add_argument("--limit", type=int, default=84)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    paths = sorted(p for p in args.corpus.rglob("*") if p.is_file())[:args.limit]
    articles = [clean_one(RawArticle(source_path=str(p), text=p.read_text(encoding="utf-8", errors="replace")),
                          verbatim=True) for p in paths]
    docs = list(nlp.parse_many([a.text for a in articles]))
    for doc in docs:
        layout(doc)  # the entities step builds it before the place steps run
    started = time.process_time()
    gazetteer.load()
    print(f"gazetteer load: {time.process_time() - started:.2f} s CPU")
    best_recognition = best_resolution = float("inf")
    for _ in range(args.rounds):
        recognition = resolution = 0.0
        found = []
        for doc, article in zip(docs, articles):
            started = time.process_time()
            toponyms = extract_places(doc)
            middle = time.process_time()
            found.append(resolve_places(toponyms, article))
            recognition += middle - started
            resolution += time.process_time() - middle
        best_recognition, best_resolution = min(best_recognition, recognition), min(best_resolution, resolution)
    digest = hashlib.sha256(json.dumps([[asdict(p) for p in places] for places in found], sort_keys=True,
                                       default=str).encode()).hexdigest()[:16]
    print(f"{len(articles)} articles: recognition {1000 * best_recognition:.1f} ms, resolution "
          f"{1000 * best_resolution:.1f} ms CPU (best of {args.rounds}); places digest {digest}")


if __name__ == "__main__":
    main()
