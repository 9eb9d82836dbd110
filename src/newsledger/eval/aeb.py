"""Article-body extraction on the ScrapingHub article-extraction-benchmark, scored as its evaluate.py does.

Text is tokenised into \\w+ tokens and cut into 4-token shingles; per document, shingle counts give TP/FP/FN,
normalised by their sum. Precision and recall are averaged over documents (precision over documents that
predicted something, recall over documents that have a body) and F1 is taken of the two means.
Our prediction is Article.text from our own HTML path (trafilatura + headline/dateline handling).
Each page belongs to the tune or the check split by a salted hash of its id (about 46% / 54% of aeb-dev);
choices about the HTML path are made on tune and confirmed on check.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import statistics
from collections import Counter
from pathlib import Path

from ..clean import clean
from ..model import RawArticle

SHINGLE_SIZE = 4
SPLITS = ("tune", "check")
TUNE_SHARE = 4  # of 10 hash buckets
_TOKEN = re.compile(r"\w+")


def split_for(doc_id: str) -> str:
    """Deterministic, and stable as pages are added: it depends on the page's own id only."""
    return "tune" if int(hashlib.sha256(f"aeb:{doc_id}".encode()).hexdigest()[:8], 16) % 10 < TUNE_SHARE else "check"


def run(path: str, limit: int | None = None, **_options) -> dict:
    root = Path(path)
    truth_path = root / "ground-truth.json"
    if not truth_path.is_file():
        raise FileNotFoundError(f"{truth_path} not found (expected the benchmark's ground-truth.json and html/)")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    by_split: dict[str, list[tuple[tuple[float, float, float], bool]]] = {name: [] for name in SPLITS}
    for doc_id in sorted(truth)[:limit]:
        expected = truth[doc_id].get("articleBody", "") or ""
        predicted = extract_body(root / "html" / f"{doc_id}.html.gz")
        by_split[split_for(doc_id)].append((shingle_match(expected, predicted), _tokens(expected) == _tokens(predicted)))
    results = _summary([doc for docs in by_split.values() for doc in docs])
    results["splits"] = {name: _summary(docs) for name, docs in by_split.items()}
    return results


def _summary(docs: list[tuple[tuple[float, float, float], bool]]) -> dict:
    scores = [s for s, _ in docs]
    precision = statistics.mean([_precision(*s) for s in scores if s[0] + s[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*s) for s in scores if s[0] + s[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"documents": len(scores), "precision": precision, "recall": recall, "f1": f1,
            "accuracy": sum(same for _, same in docs) / len(docs) if docs else 0.0}


def extract_body(html_path: Path) -> str:
    with gzip.open(html_path, "rt", encoding="utf-8", errors="replace") as stream:
        html = stream.read()
    return clean(RawArticle(source_path=str(html_path), html=html)).text


def shingle_match(expected: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised to sum to 1 so long documents weigh no more than short ones."""
    truth, guess = _shingles(expected), _shingles(predicted)
    tp = sum((truth & guess).values())
    fp = sum((guess - truth).values())
    fn = sum((truth - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def _shingles(text: str) -> Counter:
    tokens = _tokens(text)
    # As upstream: a text shorter than one shingle still yields one (shorter) shingle.
    return Counter(tuple(tokens[i:i + SHINGLE_SIZE]) for i in range(max(1, len(tokens) - SHINGLE_SIZE + 1))
                   if tokens[i:i + SHINGLE_SIZE])


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def render(results: dict) -> str:
    columns = [("all", results)] + list(results.get("splits", {}).items())
    lines = ["Article-body extraction (AEB, 4-gram shingles; F1 of mean P and mean R)",
             f"  {'':<10}" + "".join(f"{name:>9}" for name, _ in columns),
             f"  {'documents':<10}" + "".join(f"{r['documents']:>9}" for _, r in columns)]
    for measure in ("precision", "recall", "f1", "accuracy"):
        lines.append(f"  {measure:<10}" + "".join(f"{r[measure]:>9.4f}" for _, r in columns))
    return "\n".join(lines)
