"""Reported figures against the figure gold (../shared/specs/figures.md; e.g. ../shared/data/figures-dev).

A predicted figure matches a gold one when their numerals overlap (one to one, in text order). Of the
matched pairs we score the value, bounds, qualifier and category; the source is right when both are
null or the predicted source span overlaps the gold one. Source P/R/F1 count a both-null pair as a hit:
precision is over the pairs where we gave a source or both are null, recall over the pairs where the
gold has one or both are null.
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import nlp
from ..model import Figure, RawArticle
from ..pipeline import clean_one, run_steps


def run(path: str, limit: int | None = None, **_options) -> dict:
    folder = Path(path)
    docs_file, gold_file = folder / "docs.jsonl", folder / "figures.jsonl"
    for needed in (docs_file, gold_file):
        if not needed.exists():
            raise FileNotFoundError(f"{needed} not found (expected docs.jsonl and figures.jsonl)")
    docs = [json.loads(line) for line in docs_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = docs[:limit] if limit else docs
    gold_by_doc: dict[str, list[dict]] = {}
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            gold_by_doc.setdefault(record["doc_id"], []).append(record)
    counts = _Counts()
    per_doc = []
    for doc_info in docs:
        predicted = predict(doc_info)
        gold = gold_by_doc.get(doc_info["doc_id"], [])
        pairs = _match(predicted, gold)
        counts.add(predicted, gold, pairs)
        per_doc.append({"doc_id": doc_info["doc_id"], "gold": len(gold), "predicted": len(predicted),
                        "matched": len(pairs)})
    return {"documents": len(docs), **counts.summary(), "per_document": per_doc}


def predict(doc_info: dict) -> list[Figure]:
    """The shipped pipeline's figures (with their sources linked) on one gold document's text, taken verbatim."""
    article = clean_one(RawArticle(source_path=doc_info["doc_id"], text=doc_info["text"],
                                   published=doc_info.get("published")), verbatim=True)
    return run_steps(article, nlp.parse(article.text), wanted=("figures",))["figures"]


def numeral_range(start: int, phrase: str, number: str) -> tuple[int, int]:
    """Where the numeral sits: the number as written, found inside the figure's phrase."""
    at = phrase.find(number)
    if at < 0:
        at = phrase.lower().find(number.lower())
    if at < 0:
        return start, start + len(phrase)
    return start + at, start + at + len(number)


def _match(predicted: list[Figure], gold: list[dict]) -> list[tuple[Figure, dict]]:
    pairs, used = [], set()
    for figure in predicted:
        p_start, p_end = numeral_range(figure.span.start, figure.span.text, figure.number)
        for n, record in enumerate(gold):
            if n in used:
                continue
            g_start, g_end = numeral_range(record["start"], record["text"], record["number"])
            if p_start < g_end and g_start < p_end:
                pairs.append((figure, record))
                used.add(n)
                break
    return pairs


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-3 * max(1.0, abs(float(b)))


class _Counts:
    def __init__(self) -> None:
        self.gold = self.predicted = self.matched = 0
        self.value = self.bounds = self.qualifier = self.category = 0
        self.source_hits = self.both_null = self.source_given = self.source_gold = 0

    def add(self, predicted: list[Figure], gold: list[dict], pairs: list[tuple[Figure, dict]]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.matched += len(pairs)
        for figure, record in pairs:
            self.value += _same(figure.value, record["value"])
            self.bounds += _same(figure.low, record["low"]) and _same(figure.high, record["high"])
            self.qualifier += figure.qualifier == record["qualifier"]
            self.category += figure.category == record["category"]
            gold_source = record.get("source_start")
            if figure.source is None and gold_source is None:
                self.both_null += 1
            self.source_given += figure.source is not None
            self.source_gold += gold_source is not None
            if figure.source is not None and gold_source is not None \
                    and figure.source.start < record["source_end"] and record["source_start"] < figure.source.end:
                self.source_hits += 1

    def summary(self) -> dict:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        source_right = self.source_hits + self.both_null
        source_p = source_right / (self.source_given + self.both_null) if self.source_given + self.both_null else 0.0
        source_r = source_right / (self.source_gold + self.both_null) if self.source_gold + self.both_null else 0.0
        of_matched = (lambda n: round(100 * n / self.matched, 1) if self.matched else 0.0)
        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "detection": _prf(precision, recall),
            "value_accuracy": of_matched(self.value), "bounds_accuracy": of_matched(self.bounds),
            "qualifier_accuracy": of_matched(self.qualifier), "category_accuracy": of_matched(self.category),
            "source": _prf(source_p, source_r),
            "source_accuracy": of_matched(source_right),
        }


def _prf(precision: float, recall: float) -> dict:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(100 * precision, 1), "recall": round(100 * recall, 1), "f1": round(100 * f1, 1)}


def render(results: dict) -> str:
    detection, source = results["detection"], results["source"]
    rows = [
        ("documents", str(results["documents"])),
        ("gold / predicted / matched", f"{results['gold']} / {results['predicted']} / {results['matched']}"),
        ("detection P / R / F1", f"{detection['precision']} / {detection['recall']} / {detection['f1']}"),
        ("value accuracy (matched)", f"{results['value_accuracy']}%"),
        ("bounds accuracy (matched)", f"{results['bounds_accuracy']}%"),
        ("qualifier accuracy (matched)", f"{results['qualifier_accuracy']}%"),
        ("category accuracy (matched)", f"{results['category_accuracy']}%"),
        ("source P / R / F1 (matched)", f"{source['precision']} / {source['recall']} / {source['f1']}"),
        ("source accuracy (matched)", f"{results['source_accuracy']}%"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)
