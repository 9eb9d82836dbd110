"""Geoparsing (toponym recognition and resolution) against GeoWebNews-format gold.

The metrics are those of Gritta, Pilehvar & Collier, "A Pragmatic Guide to Geoparsing Evaluation" (LREV 2020), as
../shared/tools/score_geo.py defines them: recognition P/R/F1 by one-to-one span overlap over all eleven toponym
types; resolution on the matched toponyms that have a GeoNames id: acc@161 km, mean and median error, and AUC of
the sorted ln(1 + error) curve; a matched toponym left unresolved counts as 20,039 km.

The dev half is split in two by a hash of each document's text: "tune" (rules and weights were set on it) and
"check" (never looked at while tuning); both are reported.
"""
from __future__ import annotations

import hashlib
import json
import math
import statistics
from pathlib import Path

from .. import gazetteer, nlp
from ..extract.places import extract_places
from ..model import Article
from ..resolve.places import resolve_places

MAX_KM = 20039.0
SPLITS = ("tune", "check")


def split_of(text: str) -> str:
    """The document's half of the dev set, fixed by its text alone."""
    return SPLITS[int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 2]


def read_gold(path: str) -> list[dict]:
    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(f"{path} not found (expected GeoWebNews-format JSONL)")
    docs = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            doc["text"], doc["toponyms"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise FileNotFoundError(f"{path}: line {number} is not a GeoWebNews record (text, toponyms)") from None
        docs.append(doc)
    return docs


def predict(docs: list[dict]) -> list[list[dict]]:
    """Our toponyms per document: span and coordinates (a demonym's are its country's)."""
    out = []
    for gold, doc in zip(docs, nlp.parse_many(d["text"] for d in docs)):
        article = Article(id=Article.id_for(gold["text"]), source_path=str(gold.get("doc_id")), text=gold["text"])
        places = resolve_places(extract_places(doc), article)
        out.append([{"start": p.span.start, "end": p.span.end, "lat": p.lat, "lon": p.lon} for p in places])
    return out


def run(path: str, split: str = "both", limit: int | None = None, **_options) -> dict:
    docs = read_gold(path)[:limit]
    predictions = predict(docs)
    wanted = SPLITS if split == "both" else (split,)
    results = {}
    for name in wanted:
        pairs = [(d, p) for d, p in zip(docs, predictions) if split_of(d["text"]) == name]
        results[name] = score(pairs)
    return results


def _match(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    """One-to-one overlap matching, exact spans first, then the larger overlap: {pred index: gold index}."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                exact = g["start"] == p["start"] and g["end"] == p["end"]
                pairs.append((not exact, -overlap, abs(g["start"] - p["start"]) + abs(g["end"] - p["end"]), i, j))
    taken_gold, taken_pred, out = set(), set(), {}
    for *_, i, j in sorted(pairs):
        if i not in taken_gold and j not in taken_pred:
            taken_gold.add(i)
            taken_pred.add(j)
            out[j] = i
    return out


def _auc(errors: list[float]) -> float | None:
    y = sorted(math.log1p(e) for e in errors)
    if not y:
        return None
    if len(y) == 1:
        return y[0] / math.log(MAX_KM)
    return sum((y[i] + y[i + 1]) / 2 for i in range(len(y) - 1)) / (math.log(MAX_KM) * (len(y) - 1))


def score(pairs: list[tuple[dict, list[dict]]]) -> dict:
    tp = fp = gold_count = 0
    errors: list[float] = []
    for gold_doc, pred in pairs:
        gold = gold_doc["toponyms"]
        gold_count += len(gold)
        matched = _match(gold, pred)
        fp += len(pred) - len(matched)
        tp += len(matched)
        for j, i in matched.items():
            truth, guess = gold[i], pred[j]
            if truth.get("geonames_id") is None:
                continue
            resolved = guess["lat"] is not None and guess["lon"] is not None
            errors.append(gazetteer.km(guess["lat"], guess["lon"], truth["lat"], truth["lon"]) if resolved else MAX_KM)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"documents": len(pairs), "gold": gold_count, "tp": tp, "fp": fp, "precision": precision,
            "recall": recall, "f1": f1, "geocoded": len(errors),
            "acc@161": sum(e < 161 for e in errors) / len(errors) if errors else None,
            "mean_km": statistics.mean(errors) if errors else None,
            "median_km": statistics.median(errors) if errors else None, "auc": _auc(errors)}


def render(results: dict) -> str:
    lines = []
    for name, r in results.items():
        acc = "-" if r["acc@161"] is None else f"{100 * r['acc@161']:.1f}"
        lines.append(
            f"{name:5} ({r['documents']} docs): recognition P {100 * r['precision']:.1f}  R {100 * r['recall']:.1f}  "
            f"F1 {100 * r['f1']:.1f} (gold {r['gold']}, tp {r['tp']}, fp {r['fp']});  resolution on {r['geocoded']}: "
            f"acc@161 {acc}  mean {r['mean_km'] or 0:.0f} km  median {r['median_km'] or 0:.1f} km  "
            f"AUC {r['auc'] or 0:.3f}")
    return "\n".join(lines)
