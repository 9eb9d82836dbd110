"""Time expressions against TimeML TIMEX3 gold, scored with the TempEval-3 Task A measures.

Each `.tml` file gives the text inside <TEXT> (tags stripped) and its TIMEX3 spans; the document creation time
(functionInDocument="CREATION_TIME") is the publication date that anchors relative expressions.
Gold and system spans are paired one-to-one, exact spans first, then overlapping ones. Strict P/R/F1 count the
exact pairs, relaxed P/R/F1 all pairs; as in TempEval-3, an attribute's F1 is its accuracy over the relaxed
pairs times the relaxed F1.

This follows the official TempEval-3 toolkit (TE3-evaluation.py, which runs evaluation-entities/
evaluate_entities.py; a copy sits in CogComp/cogcomp-nlp under temporal-normalizer/tools): its get_performance()
reports value F1 as value matches / relaxed matches * relaxed F1, and compares values as plain strings
(`g.value == s.value`, no normalisation); the creation time (tid t0) is not scored.

Cross-validation. The documents fall into FOLDS folds by a salted hash of the file name (`fold_of`: fixed, the same
on every machine, unmoved when files are added). The rules have nothing to fit, so the folds say how they
generalise: errors are read only on the tune folds (TUNE_FOLDS) while a change is made, and the held-out folds are
only scored; a change that helps the tune folds and hurts the held-out ones is reverted. `run` reports value F1 per
fold, the mean over the held-out folds and over the tune folds, and the whole set; `split` scores one side only.
"""
from __future__ import annotations

import hashlib
import html
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import nlp, timex
from ..model import Article
from ..pipeline import run_steps

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TIMEX = re.compile(r"<TIMEX3\b([^>]*)>")
FOLDS = 5
TUNE_FOLDS = (0, 1, 2)
_FOLD_SALT = "newsledger timeml folds/"
SPLITS = ("tune", "check", "all")


def fold_of(name: str) -> int:
    """The fold (0..FOLDS-1) of a document, from a salted SHA-1 of its file name without the extension."""
    digest = hashlib.sha1((_FOLD_SALT + name).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % FOLDS


def in_split(name: str, split: str) -> bool:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r} (tune, check or all)")
    return split == "all" or (fold_of(name) in TUNE_FOLDS) == (split == "tune")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class GoldDoc:
    name: str
    text: str
    published: str | None
    timexes: list[GoldTimex]


def read_tml(path: Path) -> GoldDoc:
    raw = path.read_text(encoding="utf-8")
    published = None
    for attrs in _TIMEX.findall(raw):
        fields = dict(_ATTR.findall(attrs))
        if fields.get("functionInDocument") == "CREATION_TIME":
            published = timex.iso_day(fields.get("value", ""))
            break
    body = _TEXT.search(raw)
    text, timexes = _strip_tags(body.group(1) if body else "")
    return GoldDoc(path.stem, text, published, timexes)


def _strip_tags(marked: str) -> tuple[str, list[GoldTimex]]:
    """Plain text of a TimeML body and its TIMEX3 spans as offsets into that text."""
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes = []
    position = 0
    for tag in _TAG.finditer(marked):
        chunk = html.unescape(marked[position:tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name = tag.group(1), tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex:
            start, fields = open_timex
            timexes.append((start, length, fields))
            open_timex = None
    pieces.append(html.unescape(marked[position:]))
    text = "".join(pieces)
    return text, [GoldTimex(s, e, text[s:e], f.get("type", ""), f.get("value", "")) for s, e, f in timexes]


def match_spans(gold: list[tuple[int, int]], system: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """One-to-one pairs (gold index, system index, exact?): identical spans first, then overlapping ones."""
    pairs = []
    free_gold = set(range(len(gold)))
    free_system = set(range(len(system)))
    by_span = {span: j for j, span in enumerate(system)}
    for i, span in enumerate(gold):
        j = by_span.get(span)
        if j is not None and j in free_system:
            pairs.append((i, j, True))
            free_gold.discard(i)
            free_system.discard(j)
    for i in sorted(free_gold):
        g_start, g_end = gold[i]
        for j in sorted(free_system):
            s_start, s_end = system[j]
            if s_start < g_end and g_start < s_end:
                pairs.append((i, j, False))
                free_system.discard(j)
                break
    return pairs


def _prf(matched: int, n_system: int, n_gold: int) -> dict[str, float]:
    precision = matched / n_system if n_system else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(100 * precision, 2), "recall": round(100 * recall, 2), "f1": round(100 * f1, 2)}


def run(path: str, limit: int | None = None, show_errors: int = 0, split: str = "all", **_options) -> dict:
    folder = Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(f"no TimeML folder at {path}")
    files = sorted(folder.glob("*.tml"))[:limit] if limit else sorted(folder.glob("*.tml"))
    if not files:
        raise FileNotFoundError(f"no .tml files in {path}")
    docs = [doc for doc in (read_tml(f) for f in files) if in_split(doc.name, split)]
    by_fold: dict[int, Counter] = {}
    errors: list[dict] = []
    parse_seconds = 0.0
    timings = {"times": 0.0}
    for doc in docs:
        started = time.perf_counter()
        parsed = nlp.parse(doc.text)
        parse_seconds += time.perf_counter() - started
        article = Article(id=Article.id_for(doc.text), source_path=doc.name, text=doc.text, published=doc.published)
        found = run_steps(article, parsed, wanted=("times",), timings=timings)["times"]
        counts = by_fold.setdefault(fold_of(doc.name), Counter())
        errors += _score(doc, found, counts, max(0, show_errors - len(errors)))
    results = {"documents": len(docs), "split": split, **_measures(sum(by_fold.values(), Counter())),
               "folds": _folds(by_fold),
               "speed": {"parse_s": round(parse_seconds, 2), "extract_s": round(timings["times"], 3),
                         "extract_vs_parse_pct": round(100 * timings["times"] / parse_seconds, 2)
                         if parse_seconds else None}}
    if show_errors:
        results["errors"] = errors[:show_errors]
    return results


def _score(doc: GoldDoc, found: list, counts: Counter, show_errors: int) -> list[dict]:
    """Adds one document's pairs to counts; returns up to show_errors of its value errors, misses and spurious."""
    gold_spans = [(g.start, g.end) for g in doc.timexes]
    system_spans = [(t.span.start, t.span.end) for t in found]
    pairs = match_spans(gold_spans, system_spans)
    counts["gold"] += len(gold_spans)
    counts["system"] += len(system_spans)
    counts["relaxed"] += len(pairs)
    errors: list[dict] = []
    for i, j, exact in pairs:
        gold, mine = doc.timexes[i], found[j]
        counts["strict"] += exact
        counts["type"] += gold.type == mine.type
        counts["value"] += gold.value == mine.value
        if gold.value != mine.value:
            errors.append({"doc": doc.name, "published": doc.published, "gold": [gold.text, gold.type, gold.value],
                           "system": [mine.span.text, mine.type, mine.value]})
    paired_gold = {i for i, _, _ in pairs}
    paired_system = {j for _, j, _ in pairs}
    errors += [{"doc": doc.name, "missed": [g.text, g.type, g.value]}
               for i, g in enumerate(doc.timexes) if i not in paired_gold]
    errors += [{"doc": doc.name, "spurious": [t.span.text, t.type, t.value]}
               for j, t in enumerate(found) if j not in paired_system]
    return errors[:show_errors]


def _measures(counts: Counter) -> dict:
    strict = _prf(counts["strict"], counts["system"], counts["gold"])
    relaxed = _prf(counts["relaxed"], counts["system"], counts["gold"])
    return {"gold": counts["gold"], "system": counts["system"], "strict": strict, "relaxed": relaxed,
            "value": _attribute(counts["value"], counts["relaxed"], relaxed["f1"]),
            "type": _attribute(counts["type"], counts["relaxed"], relaxed["f1"])}


def _folds(by_fold: dict[int, Counter]) -> dict:
    """Value F1 of each fold, and the mean (and spread) over the held-out folds and over the tune folds."""
    value_f1 = {fold: _measures(counts)["value"]["f1"] for fold, counts in sorted(by_fold.items())}
    summary: dict = {"value_f1": value_f1, "tune_folds": list(TUNE_FOLDS)}
    for side, wanted in (("held_out", lambda f: f not in TUNE_FOLDS), ("tune", lambda f: f in TUNE_FOLDS)):
        scores = [score for fold, score in value_f1.items() if wanted(fold)]
        if scores:
            summary[f"{side}_mean"] = round(statistics.mean(scores), 2)
            summary[f"{side}_stdev"] = round(statistics.pstdev(scores), 2)
    return summary


def _attribute(correct: int, matched: int, relaxed_f1: float) -> dict[str, float]:
    accuracy = correct / matched if matched else 0.0
    return {"accuracy": round(100 * accuracy, 2), "f1": round(accuracy * relaxed_f1, 2)}


def render(results: dict) -> str:
    lines = [f"TimeML TIMEX3 ({results['split']}): {results['documents']} documents, {results['gold']} gold, "
             f"{results['system']} found",
             f"{'measure':<10}{'P':>8}{'R':>8}{'F1':>8}{'acc':>8}"]
    for name in ("strict", "relaxed"):
        row = results[name]
        lines.append(f"{name:<10}{row['precision']:>8.2f}{row['recall']:>8.2f}{row['f1']:>8.2f}{'':>8}")
    for name in ("value", "type"):
        row = results[name]
        lines.append(f"{name:<10}{'':>8}{'':>8}{row['f1']:>8.2f}{row['accuracy']:>8.2f}")
    folds = results["folds"]
    for fold, score in folds["value_f1"].items():
        side = "tune" if int(fold) in folds["tune_folds"] else "held out"
        lines.append(f"fold {fold} ({side}){'':<{10 - len(side)}}value F1 {score:>6.2f}")
    for side, label in (("held_out", "held-out folds"), ("tune", "tune folds")):
        if f"{side}_mean" in folds:
            lines.append(f"{label}: mean value F1 {folds[side + '_mean']:.2f} (± {folds[side + '_stdev']:.2f})")
    speed = results["speed"]
    lines.append(f"extract_times {speed['extract_s']}s vs spaCy parse {speed['parse_s']}s "
                 f"({speed['extract_vs_parse_pct']}%)")
    return "\n".join(lines)
