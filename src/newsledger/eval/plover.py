"""Event types, actors and targets against the PLOVER gold standard records (PLOVER_GSR_CAMEO.txt).

Each record is one idealised news sentence with its gold event type, actor ("source") and recipient
("target"). The file predates PLOVER's current names, which it is mapped to: DEMAND is now REQUEST,
DISAPPROVE and INVESTIGATE are ACCUSE, FIGHT is ASSAULT. The sentence is parsed and run through
the shipped pipeline up to its events (`pipeline.run_steps`), and each event is coded with `plover_category`
(promised cooperation is AGREE, and so on).

- main: the event whose trigger stands highest in the parse (then verbs before event nouns, then text order)
  has the gold type. A sentence coded twice in the gold (two records) can only be right once here.
- aligned: the event whose trigger overlaps a word the gold marks as the event ("(EVT: shelled)"), else the main
  one, has the gold type.
- any: some event of the sentence has the gold type.
- actor / target: the aligned event's actor (target) mention shares a content word with a gold actor
  (recipient) text, over the records that have one.
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from .. import nlp
from ..extract.events import plover_category
from ..model import Article, Event, Span
from ..pipeline import run_steps

RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
_EVT = re.compile(r"\(EVT:\s*([^)]*)\)")
_WORD = re.compile(r"[a-z0-9]+")
_FUNCTION_WORDS = {"the", "a", "an", "of", "and", "in", "on", "at", "to", "for", "from", "by", "with", "s"}


@dataclass
class GoldRecord:
    id: str
    text: str
    type: str
    event_words: list[str]
    actors: list[str]
    targets: list[str]


def load(path: str | Path) -> list[GoldRecord]:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no PLOVER gold file at {path}")
    records = []
    for raw in json.loads(path.read_text(encoding="utf-8")):
        text = (raw.get("text") or "").strip()
        if not text or raw.get("event") == "DOCUMENT":
            continue
        info = raw.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        words = [w for phrase in _EVT.findall(markup) for w in _WORD.findall(phrase.lower())]
        records.append(GoldRecord(raw["id"], text, RENAMED.get(raw["event"], raw["event"]), words,
                                  _actor_texts(raw.get("source")), _actor_texts(raw.get("target"))))
    return records


def _actor_texts(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [a["actorText"] for a in value if isinstance(a, dict) and (a.get("actorText") or "").strip()]


def run(path: str, limit: int | None = None, **_options) -> dict:
    records = load(path)[:limit]
    started = time.perf_counter()
    docs = list(nlp.parse_many(r.text for r in records))
    parsed = time.perf_counter()
    timings = {"events": 0.0}
    predictions = [run_steps(Article(id=r.id, source_path=path, text=r.text), doc, wanted=("events",),
                             timings=timings)["events"] for r, doc in zip(records, docs)]
    hits: Counter = Counter()
    per_type: dict[str, Counter] = {}
    confusions: Counter = Counter()
    for record, doc, events in zip(records, docs, predictions):
        main = main_event(doc, events)
        aligned = _aligned(doc, events, record.event_words) or main
        counts = per_type.setdefault(record.type, Counter())
        counts["gold"] += 1
        hits["with_event"] += bool(events)
        main_type = plover_category(main) if main else None
        hits["main"] += main_type == record.type
        counts["main"] += main_type == record.type
        if main_type != record.type:
            confusions[f"{record.type} -> {main_type}"] += 1
        hits["aligned"] += bool(aligned) and plover_category(aligned) == record.type
        hits["any"] += any(plover_category(e) == record.type for e in events)
        if record.actors:
            hits["actor_gold"] += 1
            hits["actor"] += bool(aligned) and _matches(aligned.actor_mention, record.actors)
        if record.targets:
            hits["target_gold"] += 1
            hits["target"] += bool(aligned) and _matches(aligned.target_mention, record.targets)
    n = len(records)
    return {
        "records": n,
        "with_event": _ratio(hits["with_event"], n),
        "type_main": _ratio(hits["main"], n),
        "type_aligned": _ratio(hits["aligned"], n),
        "type_any": _ratio(hits["any"], n),
        "actor": _ratio(hits["actor"], hits["actor_gold"]),
        "target": _ratio(hits["target"], hits["target_gold"]),
        "per_type": {kind: {"gold": c["gold"], "main": _ratio(c["main"], c["gold"])}
                     for kind, c in sorted(per_type.items())},
        "confusions": dict(confusions.most_common(12)),
        "speed": {"parse_s": round(parsed - started, 2), "extract_s": round(timings["events"], 2)},
    }


def main_event(doc: Doc, events: list[Event]) -> Event | None:
    """The event whose trigger stands highest in the parse; at equal height verbs before event nouns, then
    text order."""
    def rank(event: Event) -> tuple[int, int, int]:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        token = span.root if span is not None else doc[0]
        return (_depth(token), token.pos_ not in ("VERB", "AUX"), event.trigger.start)
    return min(events, key=rank, default=None)


def _depth(token) -> int:
    depth = 0
    while token.head != token and depth < 50:
        token = token.head
        depth += 1
    return depth


def _aligned(doc: Doc, events: list[Event], words: list[str]) -> Event | None:
    for event in events:
        if set(_WORD.findall(event.trigger.text.lower())) & set(words):
            return event
    return None


def _matches(mention: Span | None, gold_texts: list[str]) -> bool:
    if mention is None:
        return False
    predicted = _content_words(mention.text)
    return any(predicted & _content_words(text) for text in gold_texts)


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _FUNCTION_WORDS}


def _ratio(part: int, whole: int) -> dict:
    return {"correct": part, "total": whole, "accuracy": round(part / whole, 3) if whole else 0.0}


def render(results: dict) -> str:
    lines = [f"PLOVER gold records: {results['records']}  (with an event: {results['with_event']['accuracy']:.1%})",
             f"{'measure':<14}{'correct':>9}{'total':>7}{'acc':>8}"]
    for name in ("type_main", "type_aligned", "type_any", "actor", "target"):
        row = results[name]
        lines.append(f"{name:<14}{row['correct']:>9}{row['total']:>7}{row['accuracy']:>8.1%}")
    lines.append("")
    lines.append(f"{'type':<12}{'gold':>6}{'main acc':>10}")
    for kind, row in results["per_type"].items():
        lines.append(f"{kind:<12}{row['gold']:>6}{row['main']['accuracy']:>10.1%}")
    lines.append("")
    lines.append("most frequent errors (gold -> main prediction):")
    for pair, count in results["confusions"].items():
        lines.append(f"  {pair:<28}{count:>4}")
    speed = results["speed"]
    lines.append(f"spaCy parse {speed['parse_s']}s, extract_events {speed['extract_s']}s")
    return "\n".join(lines)
