"""Reported figures against the figure gold (../shared/specs/figures.md; e.g. ../shared/data/figures-dev).

A predicted figure matches a gold one when their numerals overlap (one to one, in text order). Of the
matched pairs we score the value, bounds, qualifier and category; the source is right when both are
null or the predicted source span overlaps the gold one. Source P/R/F1 count a both-null pair as a hit:
precision is over the pairs where we gave a source or both are null, recall over the pairs where the
gold has one or both are null.

The canonical source (`source_body`, the body or person the figure is credited to; null when the narrator states
it or the text names no body) is scored over the matched pairs: right when both are null or the names agree
(case, accents and punctuation aside; a person also by surname). The gold carries it in its records, or in a
standoff file `eval/data/<gold folder>-bodies.jsonl` ({"doc_id", "start", "source_body"}) for gold kept elsewhere.
A gold folder may also hold its documents as standoff: a docs.jsonl line with `shared_path` (relative to
../shared/data) and `sha256` instead of `text`, so third-party text never enters the project. A TimeML file
(`.tml`, TimeBank) is read as `eval timeml` reads it: the text of its TEXT element, dated by its creation time.

`--split tune|check` scores one half of the documents (`splits.split_of` on the doc id): a gold set kept for
checking is read for errors on its tune half only.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path

from .. import nlp
from ..model import Figure, RawArticle
from ..pipeline import clean_one, run_steps
from ..resolve.bodies import OTHER, PERSON
from .splits import SPLITS, split_of
from .timeml import read_tml

SHARED_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"


def run(path: str, limit: int | None = None, split: str = "all", **_options) -> dict:
    folder = Path(path)
    docs_file, gold_file = folder / "docs.jsonl", folder / "figures.jsonl"
    for needed in (docs_file, gold_file):
        if not needed.exists():
            raise FileNotFoundError(f"{needed} not found (expected docs.jsonl and figures.jsonl)")
    if split not in (*SPLITS, "all"):
        raise ValueError(f"unknown split {split!r} (tune, check or all)")
    docs = [_with_text(json.loads(line), docs_file) for line in docs_file.read_text(encoding="utf-8").splitlines()
            if line.strip() and (split == "all" or split_of(json.loads(line)["doc_id"]) == split)]
    docs = docs[:limit] if limit else docs
    bodies = _standoff_bodies(folder.name)
    gold_by_doc: dict[str, list[dict]] = {}
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            if (record["doc_id"], record["start"]) in bodies:
                record["source_body"] = bodies[(record["doc_id"], record["start"])]
            gold_by_doc.setdefault(record["doc_id"], []).append(record)
    counts = _Counts()
    per_doc = []
    for doc_info in docs:
        predicted = _in_scored(predict(doc_info), doc_info.get("scored"))
        gold = gold_by_doc.get(doc_info["doc_id"], [])
        pairs = _match(predicted, gold)
        counts.add(predicted, gold, pairs)
        per_doc.append({"doc_id": doc_info["doc_id"], "gold": len(gold), "predicted": len(predicted),
                        "matched": len(pairs)})
    return {"documents": len(docs), **counts.summary(), "per_document": per_doc}


def _with_text(doc_info: dict, docs_file: Path) -> dict:
    """A standoff document's text, read from ../shared/data and checked against the hash it was annotated on."""
    if "text" in doc_info:
        return doc_info
    source = SHARED_DATA / doc_info["shared_path"]
    if not source.exists():
        raise FileNotFoundError(f"{docs_file}: {doc_info['doc_id']} needs {source}, which is not there")
    raw = shared_text(source, doc_info.get("shared_key"))
    if hashlib.sha256(raw.encode("utf-8")).hexdigest() != doc_info["sha256"]:
        raise FileNotFoundError(f"{docs_file}: {source} is not the text {doc_info['doc_id']} was annotated on")
    if source.suffix == ".tml":
        timeml = read_tml(source)
        return {**doc_info, "text": timeml.text, "published": doc_info.get("published") or timeml.published}
    return {**doc_info, "text": raw}


def shared_text(source: Path, key: str | None = None) -> str:
    """The raw text of a shared document: the file itself, or with `key` one article of a collection file (a
    GeoWebNews `.jsonl` line by its doc_id, an AEB `ground-truth.json` body by its hash)."""
    raw = source.read_text(encoding="utf-8")
    if key is None:
        return raw
    if source.suffix == ".jsonl":
        found = next((page["text"] for page in map(json.loads, raw.splitlines()) if page.get("doc_id") == key), None)
    else:
        found = json.loads(raw).get(key, {}).get("articleBody")
    if found is None:
        raise FileNotFoundError(f"{source}: holds no article {key}")
    return found


def _in_scored(figures: list[Figure], scored: list[list[int]] | None) -> list[Figure]:
    """A sentence-level gold (the check split) annotates only some sentences: figures elsewhere are not scored."""
    if scored is None:
        return figures
    return [f for f in figures if any(start <= f.span.start < end for start, end in scored)]


def _standoff_bodies(folder_name: str) -> dict[tuple[str, int], str | None]:
    standoff = resources.files("newsledger.eval").joinpath("data", f"{folder_name}-bodies.jsonl")
    if not standoff.is_file():
        return {}
    records = [json.loads(line) for line in standoff.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {(r["doc_id"], r["start"]): r["source_body"] for r in records}


def predict(doc_info: dict) -> list[Figure]:
    """The shipped pipeline's figures (with their sources linked) on one gold document's text, taken verbatim."""
    article = clean_one(RawArticle(source_path=doc_info["doc_id"], text=doc_info["text"],
                                   published=doc_info.get("published")), verbatim=True)
    return run_steps(article, nlp.parse(article.text), wanted=("figures",))["figures"]


def body_of(figure: Figure) -> str | None:
    """The canonical body a figure is credited to; a description that names no body ("The investigations") is none."""
    return figure.source_body if figure.source_kind != OTHER else None


def _name_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join("".join(c for c in folded.lower() if c.isalnum() or c.isspace()).split())


def same_body(predicted: Figure, gold: str | None) -> bool:
    found = body_of(predicted)
    if found is None or gold is None:
        return found is None and gold is None
    if _name_key(found) == _name_key(gold):
        return True
    # "Sarmiento" resolved to no fuller name is still Angel Sarmiento.
    return predicted.source_kind == PERSON and _name_key(found).split()[-1:] == _name_key(gold).split()[-1:]


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
        self.gold = self.predicted = self.matched = self.attributed = 0
        self.value = self.bounds = self.qualifier = self.category = 0
        self.source_hits = self.both_null = self.source_given = self.source_gold = 0
        self.body_scored = self.body_right = 0
        self.body_confusion: Counter[tuple[str, str]] = Counter()

    def add(self, predicted: list[Figure], gold: list[dict], pairs: list[tuple[Figure, dict]]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.matched += len(pairs)
        for figure, record in pairs:
            if "qualifier" in record:  # a source-only gold (the check split) leaves the attributes out
                self.attributed += 1
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
            if "source_body" in record or gold_source is None:
                self.body_scored += 1
                if same_body(figure, record.get("source_body")):
                    self.body_right += 1
                else:
                    self.body_confusion[(record.get("source_body") or "(none)", body_of(figure) or "(none)")] += 1

    def summary(self) -> dict:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        source_right = self.source_hits + self.both_null
        source_p = source_right / (self.source_given + self.both_null) if self.source_given + self.both_null else 0.0
        source_r = source_right / (self.source_gold + self.both_null) if self.source_gold + self.both_null else 0.0
        of_matched = (lambda n: round(100 * n / self.matched, 1) if self.matched else 0.0)
        of_attributed = (lambda n: round(100 * n / self.attributed, 1) if self.attributed else 0.0)
        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched, "attributed": self.attributed,
            "detection": _prf(precision, recall),
            "value_accuracy": of_attributed(self.value), "bounds_accuracy": of_attributed(self.bounds),
            "qualifier_accuracy": of_attributed(self.qualifier), "category_accuracy": of_attributed(self.category),
            "source": _prf(source_p, source_r),
            "source_accuracy": of_matched(source_right),
            "body_scored": self.body_scored,
            "canonical_source_accuracy": round(100 * self.body_right / self.body_scored, 1) if self.body_scored else 0.0,
            "body_confusion": [{"gold": g, "predicted": p, "count": n}
                               for (g, p), n in self.body_confusion.most_common()],
        }


def _percent(value: float | str) -> str:
    return f"{value}%" if isinstance(value, float) else str(value)


def _prf(precision: float, recall: float) -> dict:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(100 * precision, 1), "recall": round(100 * recall, 1), "f1": round(100 * f1, 1)}


def render(results: dict) -> str:
    detection, source = results["detection"], results["source"]
    if not results["attributed"]:  # a source-only gold scores no attributes
        for name in ("value_accuracy", "bounds_accuracy", "qualifier_accuracy", "category_accuracy"):
            results = {**results, name: "n/a"}
    rows = [
        ("documents", str(results["documents"])),
        ("gold / predicted / matched", f"{results['gold']} / {results['predicted']} / {results['matched']}"),
        ("detection P / R / F1", f"{detection['precision']} / {detection['recall']} / {detection['f1']}"),
        ("value accuracy (matched)", _percent(results['value_accuracy'])),
        ("bounds accuracy (matched)", _percent(results['bounds_accuracy'])),
        ("qualifier accuracy (matched)", _percent(results['qualifier_accuracy'])),
        ("category accuracy (matched)", _percent(results['category_accuracy'])),
        ("source P / R / F1 (matched)", f"{source['precision']} / {source['recall']} / {source['f1']}"),
        ("source accuracy (matched)", f"{results['source_accuracy']}%"),
        ("canonical source accuracy", f"{results['canonical_source_accuracy']}% of {results['body_scored']}"),
    ]
    rows += [(f"  gold {c['gold']}", f"-> {c['predicted']} ({c['count']})") for c in results["body_confusion"]]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)
