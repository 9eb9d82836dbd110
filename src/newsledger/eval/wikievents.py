"""Events on real news against WikiEvents, re-typed to PLOVER (../shared/data/wikievents-events, see its README).

Each document is run through the whole pipeline (so actors and targets carry the names the article resolves them
to), and its events are matched one to one with the gold events: first by trigger span overlap, then by overlap
with a retelling the event keeps among its `mentions`, else by lying in the gold event's sentence with an accepted
type. The gold annotates event mentions (KAIROS: some documents annotate "the attack" each time it is retold, most
leave retellings out), so detection is scored over mentions; a second line scores events, each real event once.
Reported, for the tune and the check half (`splits.split_of` on the document id) and for both together:

- trigger detection: precision over predicted mentions (each event's trigger and the retellings it keeps), recall
  over gold events, F1; and the same with precision over events ("events"), however many mentions each has;
- type: over matched pairs, the predicted PLOVER category (`plover_category`) is the gold type or one of its
  `plover_alt` types;
- actor / target / place: over matched pairs whose gold has that argument, the predicted mention (or the name of
  the entity or body it resolves to) shares a content word with a gold argument text or a coreferent mention. In
  `symmetric` rows (CONSULT) either participant is accepted in either role.

The gold only holds what KAIROS annotates, re-typed by `kairos-plover.tsv` beside it: no KAIROS type becomes SUPPORT,
and refusals or agreements only when filed under Contact with such a trigger ("refused", "agreed"). So trigger
detection is also reported within the gold's scope: over the predictions whose type some mapping row can give to
their trigger (a row without a trigger condition gives its type to any trigger). The first measure stays the
headline; the second says how many of the unmatched predictions are events this gold could not have held.

The tune half also lists its most frequent errors, which is what rules are tuned on; the check half is only scored.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import nlp
from ..extract.events import plover_category
from ..model import Event, RawArticle, Record, Span
from ..pipeline import analyse, clean_one
from .splits import SPLITS, split_of

_WORD = re.compile(r"[a-z0-9]+")
_FUNCTION_WORDS = {"the", "a", "an", "of", "and", "in", "on", "at", "to", "for", "from", "by", "with", "s", "who",
                   "that", "which", "its", "their", "his", "her"}
MEASURES = ("actor", "target", "place")
MAPPING_FILE = "kairos-plover.tsv"


@dataclass
class _Pair:
    gold: dict
    event: Event
    span: Span  # the event's words that matched: its trigger, or a retelling kept among its mentions


def load(path: str | Path) -> list[dict]:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no WikiEvents gold file at {path}")
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            doc["doc_id"], doc["text"], doc["events"]  # noqa: B018 - the fields every line must have
        except (ValueError, KeyError, TypeError):
            raise ValueError(f"{path}:{n}: not a WikiEvents document (needs doc_id, text, events)") from None
        docs.append(doc)
    return docs


def run(path: str, limit: int | None = None, **_options) -> dict:
    docs = load(path)[:limit]
    records = predict(docs)
    scope = gold_scope(Path(path).with_name(MAPPING_FILE))
    scores = {name: _Tally() for name in ("all", *SPLITS)}
    for doc, record in zip(docs, records):
        events = record.events
        pairs = match(doc["events"], events, doc["text"])
        names = _resolved_names(record)
        for tally in (scores["all"], scores[split_of(doc["doc_id"])]):
            tally.add(doc, events, pairs, names, errors=tally is scores["tune"])
            tally.add_scope(events, pairs, scope)
    return {"documents": len(docs), **{name: tally.summary() for name, tally in scores.items()}}


def gold_scope(mapping: Path) -> dict[str, list[re.Pattern | None]]:
    """PLOVER type -> the trigger patterns under which the mapping can give it (None: any trigger); empty when the
    mapping file is absent."""
    scope: dict[str, list[re.Pattern | None]] = {}
    if not mapping.is_file():
        return scope
    for line in mapping.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 3 or fields[1] == "none":
            continue
        clauses = [c.strip() for c in fields[2].split(" | ")]
        patterns = [re.compile(c[len("trigger~"):]) for c in clauses if c.startswith("trigger~")]
        scope.setdefault(fields[1], []).extend(patterns if len(patterns) == len(clauses) else [None])
    return scope


def in_scope(event: Event, scope: dict[str, list[re.Pattern | None]]) -> bool:
    """Some mapping row can give the event's type to its trigger ("hold secret talks": any of its words may start
    the KAIROS trigger)."""
    words = event.trigger.text.lower().split()
    tails = [" ".join(words[n:]) for n in range(len(words))]
    return any(p is None or any(p.search(tail) for tail in tails) for p in scope.get(plover_category(event), []))


def predict(docs: list[dict]) -> list[Record]:
    """The real pipeline on each document's text, taken verbatim (gold offsets index it)."""
    articles = [clean_one(RawArticle(source_path=d["doc_id"], text=d["text"]), verbatim=True) for d in docs]
    return [analyse(article, doc) for article, doc in zip(articles, nlp.parse_many(a.text for a in articles))]


def match(gold_events: list[dict], events: list[Event], text: str) -> list[_Pair]:
    """One to one between gold events and the words of predicted events: trigger overlap first (over all gold
    events), then overlap with a retelling an event keeps as a mention (`Event.mentions`: the gold, KAIROS, annotates
    event mentions, and some retellings of an event apart, "the attack" twice), then same sentence and an accepted
    type. One event may so stand for several gold mentions of it."""
    used: set[tuple[str, int]] = set()  # (event id, start) of each predicted span taken
    pairs: dict[int, _Pair] = {}
    spans = [[(e, s) for s in _spans(e)] for e in events]
    for layer in (lambda e, s: s is e.trigger, lambda e, s: s is not e.trigger):
        for n, gold in enumerate(gold_events):
            found = None if n in pairs else next(((e, s) for e, s in (x for each in spans for x in each)
                                                  if layer(e, s) and (e.id, s.start) not in used
                                                  and s.start < gold["trigger_end"] and gold["trigger_start"] < s.end),
                                                 None)
            if found is not None:
                used.add((found[0].id, found[1].start))
                pairs[n] = _Pair(gold, *found)
    for n, gold in enumerate(gold_events):
        found = None if n in pairs else next(((e, s) for e, s in (x for each in spans for x in each)
                                              if (e.id, s.start) not in used and _type_right(gold, e)
                                              and gold["sentence_start"] <= s.start < gold["sentence_end"]), None)
        if found is not None:
            used.add((found[0].id, found[1].start))
            pairs[n] = _Pair(gold, *found)
    return [pairs[n] for n in sorted(pairs)]


def _spans(event: Event) -> list[Span]:
    return [event.trigger, *event.mentions]


def _type_right(gold: dict, event: Event) -> bool:
    return plover_category(event) in {gold["plover_type"], *gold.get("plover_alt", [])}


def _resolved_names(record: Record) -> dict[str, str]:
    return {entity.id: entity.name for entity in record.entities}


def _predicted_texts(event: Event, role: str, names: dict[str, str]) -> list[str]:
    if role == "place":
        return [event.place] if event.place else []
    mention = getattr(event, f"{role}_mention")
    entity = getattr(event, role)
    return [t for t in (mention.text if mention else None, names.get(entity) if entity else None,
                        getattr(event, f"{role}_name")) if t]


def _gold_texts(gold: dict, role: str) -> list[str]:
    if role == "place":
        return [gold["place_text"]] if gold.get("place_text") else []
    texts = gold.get(f"{role}_all", []) + gold.get(f"{role}_aliases", [])
    if gold.get("symmetric"):
        other = "target" if role == "actor" else "actor"
        texts += gold.get(f"{other}_all", []) + gold.get(f"{other}_aliases", [])
    return texts


def _has_gold(gold: dict, role: str) -> bool:
    return bool(gold.get("place_text")) if role == "place" else bool(gold.get(f"{role}_all"))


def overlaps(predicted: list[str], gold: list[str]) -> bool:
    words = {w for text in predicted for w in _content_words(text)}
    return any(words & _content_words(text) for text in gold)


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _FUNCTION_WORDS}


class _Tally:
    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.unmatched: Counter = Counter()
        self.missed: Counter = Counter()
        self.confusions: Counter = Counter()
        self.wrong: dict[str, list[str]] = {role: [] for role in MEASURES}

    def add(self, doc: dict, events: list[Event], pairs: list[_Pair], names: dict[str, str], errors: bool) -> None:
        c = self.counts
        c["docs"] += 1
        c["gold"] += len(doc["events"])
        c["predicted"] += sum(len(_spans(e)) for e in events)
        c["matched"] += len(pairs)
        c["events"] += len(events)
        c["matched_events"] += len({p.event.id for p in pairs})
        for pair in pairs:
            right = _type_right(pair.gold, pair.event)
            c["type"] += right
            if not right and errors:
                self.confusions[f"{pair.gold['plover_type']} -> {plover_category(pair.event)}"] += 1
            for role in MEASURES:
                if not _has_gold(pair.gold, role):
                    continue
                c[f"{role}_gold"] += 1
                predicted = _predicted_texts(pair.event, role, names)
                hit = overlaps(predicted, _gold_texts(pair.gold, role))
                c[role] += hit
                if not hit and errors:
                    self.wrong[role].append(f"{pair.event.trigger.text}: {predicted or '-'} vs "
                                            f"{pair.gold.get(f'{role}_text')!r}")
        if errors:
            matched_spans = {(p.event.id, p.span.start) for p in pairs}
            matched_gold = {id(p.gold) for p in pairs}
            self.unmatched.update(f"{plover_category(e)} {s.text.lower()}" for e in events for s in _spans(e)
                                  if (e.id, s.start) not in matched_spans)
            self.missed.update(f"{g['plover_type']} {g['trigger_text'].lower()}" for g in doc["events"]
                               if id(g) not in matched_gold)

    def add_scope(self, events: list[Event], pairs: list[_Pair], scope: dict[str, list[re.Pattern | None]]) -> None:
        scoped = {e.id: len(_spans(e)) for e in events if in_scope(e, scope)}
        self.counts["scoped_predicted"] += sum(scoped.values())
        self.counts["scoped_matched"] += sum(p.event.id in scoped for p in pairs)

    def summary(self) -> dict:
        c = self.counts
        result = {
            "documents": c["docs"], "gold": c["gold"], "predicted": c["predicted"], "matched": c["matched"],
            "trigger": _detection(c["matched"], c["matched"], c["predicted"], c["gold"]),
            "trigger_in_scope": {"predicted": c["scoped_predicted"],
                                 **_detection(c["scoped_matched"], c["scoped_matched"], c["scoped_predicted"],
                                              c["gold"])},
            "events": {"predicted": c["events"],
                       **_detection(c["matched_events"], c["matched"], c["events"], c["gold"])},
            "type": _ratio(c["type"], c["matched"]),
            **{role: _ratio(c[role], c[f"{role}_gold"]) for role in MEASURES},
        }
        if self.unmatched or self.missed or self.confusions:
            result["errors"] = {"unmatched_predictions": dict(self.unmatched.most_common(15)),
                                "missed_gold": dict(self.missed.most_common(15)),
                                "type_confusions": dict(self.confusions.most_common(10)),
                                **{f"wrong_{role}": self.wrong[role][:12] for role in MEASURES}}
        return result


def _detection(matched: int, gold_matched: int, predicted: int, gold: int) -> dict:
    """Precision over `predicted` (`matched` of them found a gold event), recall over gold events."""
    precision = matched / predicted if predicted else 0.0
    recall = gold_matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _ratio(part: int, whole: int) -> dict:
    return {"correct": part, "total": whole, "accuracy": round(part / whole, 3) if whole else 0.0}


def render(results: dict) -> str:
    lines = [f"WikiEvents (PLOVER-typed) documents: {results['documents']}",
             f"{'split':<7}{'docs':>5}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}"
             f"{'type':>8}{'actor':>8}{'target':>8}{'place':>8}"]
    for name in ("tune", "check", "all"):
        row = results[name]
        t = row["trigger"]
        lines.append(f"{name:<7}{row['documents']:>5}{row['gold']:>6}{row['predicted']:>6}"
                     f"{t['precision']:>7.1%}{t['recall']:>7.1%}{t['f1']:>7.1%}"
                     + "".join(f"{row[m]['accuracy']:>8.1%}" for m in ("type", *MEASURES)))
    for title, key in (("within the gold's scope (predictions whose type the KAIROS mapping can give their trigger):",
                        "trigger_in_scope"),
                       ("events, each real event once (precision over events, however many mentions each has):",
                        "events")):
        lines.append(title)
        for name in ("tune", "check", "all"):
            row = results[name][key]
            lines.append(f"{name:<7}{'':>11}{row['predicted']:>6}{row['precision']:>7.1%}{row['recall']:>7.1%}"
                         f"{row['f1']:>7.1%}")
    errors = results["tune"].get("errors")
    if errors:
        lines.append("")
        lines.append("tune split, most frequent errors:")
        for title, key in (("predicted, no gold event", "unmatched_predictions"), ("gold, not found", "missed_gold"),
                           ("type (gold -> predicted)", "type_confusions")):
            lines.append(f"  {title}: " + ", ".join(f"{k} ×{v}" for k, v in errors[key].items()))
        for role in MEASURES:
            lines.append(f"  wrong {role}: " + "; ".join(errors[f"wrong_{role}"]))
    return "\n".join(lines)
