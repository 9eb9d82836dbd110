"""Quotes, figures and times on real articles from many outlets (the project's own standoff gold).

The gold (eval/data/realnews/*.json, conventions in its README.md) holds offsets into the `articleBody` texts of
the aeb-dev benchmark in ../shared, never the texts. Each article is cleaned verbatim with the gold publication
date and analysed by the shipped pipeline. Each article belongs to the tune or the check split (a salted hash of
its key); the check split is never looked at while tuning.

Scores: quotes as PolNeAR's criteria (content overlap, then speaker overlap, then cue overlap; the headline is
(b)) over the record's `quotes` as shipped (the gold counts who said what), and again over its quotes and `views`
together (beliefs, noun-phrase topics, acts and withheld speech, which the gold does not count); figures as
`eval figures` (numerals overlap one to one; category accuracy and source P/R/F1 over the
matched pairs); times as TempEval-3 (relaxed span pairs; value F1 = value accuracy x relaxed F1).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..model import RawArticle, Record
from ..pipeline import analyse_articles, clean_one
from . import figures as figure_scoring
from .polnear import CRITERIA, GoldAttribution, score_article
from .polnear import _prf as quote_prf
from .timeml import _attribute, _prf as span_prf, match_spans

GOLD_DIR = Path(__file__).parent / "data" / "realnews"
# Figure-only gold on more outlets (GeoWebNews: Nigeria, Pakistan, India, the Philippines, Japan, Poland, an
# Australian paper), annotated to read the figure engine's errors on: always in the tune split, never check.
FIGURES_TUNE = "figures-tune"
SPLITS = ("tune", "check")
LAYERS = ("quotes", "figures", "times")
GEOWEBNEWS = "geowebnews/dev.jsonl"


@dataclass
class GoldArticle:
    key: str
    split: str
    text: str
    published: str
    gold: dict


def collection_texts(texts: str | Path) -> dict[str, dict]:
    """key -> {"text", "url", "file"} for every article the gold may point into: the aeb-dev bodies (keyed by
    their hash) and, where ../shared has them, the GeoWebNews dev texts (keyed "geowebnews:<doc_id>")."""
    truth_path = Path(texts) / "ground-truth.json"
    if not truth_path.is_file():
        raise FileNotFoundError(f"{truth_path} not found (the gold is standoff into the aeb-dev texts)")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    found = {key: {"text": page["articleBody"], "url": page.get("url"), "file": "aeb-dev/ground-truth.json"}
             for key, page in truth.items()}
    geowebnews = Path(texts).parent / GEOWEBNEWS
    if geowebnews.is_file():
        for line in geowebnews.read_text(encoding="utf-8").splitlines():
            if line.strip():
                page = json.loads(line)
                found[f"geowebnews:{page['doc_id']}"] = {"text": page["text"], "url": page.get("link"),
                                                         "file": GEOWEBNEWS}
    return found


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.json")) + sorted((GOLD_DIR / FIGURES_TUNE).glob("*.json"))


def load(texts: str | Path, split: str = "all") -> list[GoldArticle]:
    """The gold articles of one split with their texts; every span is checked against its fingerprint."""
    if split not in (*SPLITS, "all"):
        raise ValueError(f"unknown split {split!r} (tune, check or all)")
    truth = collection_texts(texts)
    articles = []
    for gold_path in gold_files():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if split != "all" and gold["split"] != split:
            continue
        if gold["key"] not in truth:
            raise ValueError(f"{gold_path.name}: article {gold['key'][:10]} is not in {gold['provenance']['file']} "
                             f"under {Path(texts).parent}")
        text = truth[gold["key"]]["text"]
        _check_spans(gold_path.name, gold, text)
        articles.append(GoldArticle(gold["key"], gold["split"], text, gold["published"], gold))
    return articles


def _check_spans(name: str, gold: dict, text: str) -> None:
    checked = [(span, fingerprint) for q in gold["quotes"] for span, fingerprint in zip(q["content"], q["check"])]
    checked += [(record["span"], record["check"]) for record in gold["figures"] + gold["times"]]
    for (start, end), fingerprint in checked:
        if hashlib.sha1(text[start:end].encode("utf-8")).hexdigest()[:10] != fingerprint:
            raise ValueError(f"{name}: span {start}-{end} no longer holds the annotated text (changed texts?)")


def analyse(articles: list[GoldArticle]) -> list[Record]:
    """The shipped pipeline on each gold text, taken verbatim so the gold offsets index it."""
    cleaned = []
    for item in articles:
        article = clean_one(RawArticle(source_path=f"aeb-dev:{item.key}", text=item.text, published=item.published,
                                       published_from="gold"), verbatim=True)
        if article.text != item.text:
            raise ValueError(f"verbatim cleaning changed {item.key[:10]}; offsets would not line up")
        cleaned.append(article)
    records = list(analyse_articles(cleaned))
    for item, record in zip(articles, records):
        if not isinstance(record, Record):
            raise ValueError(f"{item.key[:10]}: {record.reason}")
    return records


def _gold_attributions(gold: dict) -> list[GoldAttribution]:
    return [GoldAttribution(content=[tuple(s) for s in q["content"]],
                            source=[tuple(q["speaker"])] if q["speaker"] else [],
                            cue=[tuple(q["cue"])] if q["cue"] else [],
                            quoted=q["kind"] in ("direct", "mixed")) for q in gold["quotes"]]


def _gold_figures(gold: dict, text: str) -> list[dict]:
    """The figure gold in the shape `eval figures` scores (specs/figures.md)."""
    records = []
    for f in gold["figures"]:
        (start, end), (n_start, n_end) = f["span"], f["number"]
        source = f["source"] or [None, None]
        records.append({"text": text[start:end], "start": start, "end": end, "number": text[n_start:n_end],
                        "value": f["value"], "low": f["low"], "high": f["high"], "qualifier": f["qualifier"],
                        "category": f["category"], "unit": f["unit"],
                        "source_start": source[0], "source_end": source[1]})
    return records


def score(articles: list[GoldArticle], records: list[Record]) -> dict:
    quote_totals = {c: Counter() for c in CRITERIA}
    with_views_totals = {c: Counter() for c in CRITERIA}
    figure_counts = figure_scoring._Counts()
    times = Counter()
    for item, record in zip(articles, records):
        layers = item.gold.get("layers", LAYERS)  # a figure-only article scores no quotes and no times
        if "quotes" in layers:
            gold_quotes = _gold_attributions(item.gold)
            # The shipped `quotes` (what a user reads as who said what), and with the record's `views` beside them,
            # to show what keeping beliefs, topics and withheld speech in `quotes` would cost in precision.
            for totals, quotes in ((quote_totals, record.quotes), (with_views_totals, record.quotes + record.views)):
                for criterion, counts in score_article(item.text, quotes, gold_quotes).items():
                    totals[criterion].update(counts)
        if "figures" in layers:
            gold_figures = _gold_figures(item.gold, item.text)
            figure_counts.add(record.figures, gold_figures, figure_scoring._match(record.figures, gold_figures))
        if "times" not in layers:
            continue
        gold_times = item.gold["times"]
        pairs = match_spans([tuple(t["span"]) for t in gold_times], [(t.span.start, t.span.end) for t in record.times])
        times.update(gold=len(gold_times), system=len(record.times), relaxed=len(pairs),
                     strict=sum(exact for _, _, exact in pairs),
                     value=sum(gold_times[i]["value"] == record.times[j].value for i, j, _ in pairs))
    relaxed = span_prf(times["relaxed"], times["system"], times["gold"])
    figure_summary = figure_counts.summary()
    return {
        "documents": len(articles),
        "quotes": {"gold": quote_totals["content"]["gold"], "predicted": quote_totals["content"]["pred"],
                   **{c: quote_prf(quote_totals[c]) for c in ("content", "source", "cue")}},
        "with_views": {"predicted": with_views_totals["content"]["pred"],
                       **{c: quote_prf(with_views_totals[c]) for c in ("content", "source", "cue")}},
        "figures": {k: figure_summary[k] for k in ("gold", "predicted", "matched", "detection", "value_accuracy",
                                                    "qualifier_accuracy", "category_accuracy", "source")},
        "times": {"gold": times["gold"], "system": times["system"], "relaxed": relaxed,
                  "strict": span_prf(times["strict"], times["system"], times["gold"]),
                  "value": _attribute(times["value"], times["relaxed"], relaxed["f1"])},
    }


def run(path: str, split: str = "all", **_options) -> dict:
    splits = SPLITS if split == "all" else (split,)
    results = {"splits": {}}
    for name in splits:
        articles = load(path, name)
        results["splits"][name] = score(articles, analyse(articles))
    return results


def render(results: dict) -> str:
    lines = []
    for name, s in results["splits"].items():
        q, f, t = s["quotes"], s["figures"], s["times"]
        lines.append(f"Real articles, {name} split: {s['documents']} documents")
        lines.append(f"  quotes  {q['gold']} gold, {q['predicted']} predicted   P / R / F1")
        for criterion, label in (("content", "(a) content overlap"), ("source", "(b) + speaker overlap"),
                                 ("cue", "(c) + cue overlap")):
            lines.append(f"    {label:<24}{q[criterion]['precision']:>6}{q[criterion]['recall']:>7}"
                         f"{q[criterion]['f1']:>7}")
        b = s["with_views"]["source"]
        lines.append(f"    (b) quotes + views      {b['precision']:>6}{b['recall']:>7}{b['f1']:>7}"
                     f"   ({s['with_views']['predicted']} predicted)")
        d, src = f["detection"], f["source"]
        lines.append(f"  figures {f['gold']} gold, {f['predicted']} predicted, {f['matched']} matched")
        lines.append(f"    detection P / R / F1     {d['precision']} / {d['recall']} / {d['f1']}")
        lines.append(f"    value / qualifier / category accuracy  {f['value_accuracy']}% / "
                     f"{f['qualifier_accuracy']}% / {f['category_accuracy']}%")
        lines.append(f"    source P / R / F1        {src['precision']} / {src['recall']} / {src['f1']}")
        lines.append(f"  times   {t['gold']} gold, {t['system']} found")
        lines.append(f"    extent (relaxed) P / R / F1  {t['relaxed']['precision']} / {t['relaxed']['recall']} / "
                     f"{t['relaxed']['f1']}")
        lines.append(f"    value F1 {t['value']['f1']} (value accuracy {t['value']['accuracy']}% of matched)")
    return "\n".join(lines)
