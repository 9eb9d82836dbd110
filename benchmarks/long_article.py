"""How the engines scale with the length of one article: figures and sentence voice on 20k, 40k and 80k characters.

    PYTHONPATH=src .venv/bin/python benchmarks/long_article.py --corpus ../shared/data/figures-dev/docs.jsonl

The long article is the corpus's texts one after another (varied paragraphs, not one repeated), cut to each
length at a paragraph break; it is parsed once per length and each step of the pipeline is timed on it.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsledger import nlp
from newsledger.model import RawArticle
from newsledger.pipeline import clean_one, run_steps

REPO = Path(__file__).resolve().parents[1]


def texts(corpus: Path | None) -> list[str]:
    if corpus is None:
        return [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]
    if corpus.suffix == ".jsonl":
        return [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.rglob("*")) if p.is_file()]


def long_text(parts: list[str], length: int) -> str:
    paragraphs = [p.strip() for text in parts for p in text.split("\n\n") if p.strip()]
    out: list[str] = []
    size = 0
    while size < length:
        for paragraph in paragraphs:
            out.append(paragraph)
            size += len(paragraph) + 2
            if size >= length:
                break
    return "\n\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a docs.jsonl or a folder of texts (default: examples/)")
    parser.add_argument("--lengths", type=int, nargs="+", default=[20_000, 40_000, 80_000])
    args = parser.parse_args()
    parts = texts(args.corpus)
    nlp.load()
    print(f"{'chars':>8} {'figures':>8} {'figures s':>10} {'voice s':>8} {'all steps s':>12}")
    for length in args.lengths:
        article = clean_one(RawArticle(source_path="long", text=long_text(parts, length), published="2024-02-08"),
                            verbatim=True)
        doc = nlp.parse(article.text)
        timings: dict[str, float] = {}
        values = run_steps(article, doc, timings=timings)
        print(f"{len(article.text):>8} {len(values['figures']):>8} {timings['figures']:>10.2f} "
              f"{timings['voice']:>8.2f} {sum(timings.values()):>12.2f}")


if __name__ == "__main__":
    main()
