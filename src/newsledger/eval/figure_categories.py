"""Figure categories against a category-only standoff gold (eval/data/figure-categories/, its README).

Each record names a figure in a text in ../shared (`shared_path`, `sha256`, the figure's span and numeral) and
its category. The shipped pipeline reads the text; the figure whose numeral overlaps the record's is scored (a
record no figure matches is counted as missed, not as wrong). `timebank-check.jsonl` is the held-out half: the
figures the rules call `other` (with no percent or fraction unit) in the TimeBank/AQUAINT documents of the check
split, annotated from the text alone; the learned category was trained on the tune half and never on it.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from . import figures as figure_scoring

CHECK = Path(__file__).parent / "data" / "figure-categories" / "timebank-check.jsonl"


def documents(records_file: Path) -> list[tuple[dict, list[dict]]]:
    """Each annotated document (as `eval figures` reads one: doc_id, text) with its records, every span checked
    against the fingerprint it was annotated with."""
    if not records_file.is_file():
        raise FileNotFoundError(f"{records_file} not found (a JSONL file of figure categories)")
    by_doc: dict[str, list[dict]] = {}
    for line in records_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            by_doc.setdefault(record["doc_id"], []).append(record)
    found = []
    for doc_id, records in by_doc.items():
        doc_info = figure_scoring._with_text({"doc_id": doc_id, "shared_path": records[0]["shared_path"],
                                              "sha256": records[0]["sha256"]}, records_file)
        text = doc_info["text"]
        for record in records:
            if hashlib.sha1(text[record["start"]:record["end"]].encode("utf-8")).hexdigest()[:10] != record["check"]:
                raise ValueError(f"{records_file.name}: {doc_id} {record['start']}-{record['end']} no longer holds "
                                 "the annotated figure")
        found.append((doc_info, [{**r, "text": text[r["start"]:r["end"]]} for r in records]))
    return found


def run(path: str | None = None, **_options) -> dict:
    records_file = Path(path) if path else CHECK
    annotated = documents(records_file)
    counts: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for doc_info, gold in annotated:
        pairs = figure_scoring._match(figure_scoring.predict(doc_info), gold)
        counts.update(gold=len(gold), matched=len(pairs), right=sum(f.category == g["category"] for f, g in pairs))
        confusion.update((g["category"], f.category) for f, g in pairs if f.category != g["category"])
    accuracy = round(100 * counts["right"] / counts["matched"], 1) if counts["matched"] else 0.0
    return {"file": records_file.name, "documents": len(annotated), **counts, "category_accuracy": accuracy,
            "confusion": [{"gold": g, "predicted": p, "count": n} for (g, p), n in confusion.most_common()]}


def render(results: dict) -> str:
    lines = [f"{results['file']}: {results['documents']} documents, {results['gold']} figures, "
             f"{results['matched']} found",
             f"category accuracy (found)  {results['category_accuracy']}%"]
    lines += [f"  gold {c['gold']} -> {c['predicted']} ({c['count']})" for c in results["confusion"]]
    return "\n".join(lines)
