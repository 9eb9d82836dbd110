"""An article body cut into runs of text that share the same annotations, for the highlighted article page.

Spans overlap (a figure inside a quote, a date inside a figure's sentence), so the body is cut at every span edge
and each run carries everything covering it: its quote and speaker colour, figure, time, voice and a tooltip.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

SPEAKER_COLOURS = 8


@dataclass
class Run:
    text: str
    classes: str  # the class attribute: the classes of the marks covering the run, then its voice
    marked: bool  # whether any mark covers the run (else it carries its voice class only)
    tip: str = ""  # the covering marks' tooltips, one a line, each once
    quote: str | None = None
    record: str | None = None  # the innermost record under the run ("figure:f2"): what a reviewer's click corrects


def speaker_label(quote: dict[str, Any], canonical_names: dict[str, str] | None = None) -> str:
    """The resolved speaker, by the name the whole ledger knows them by when the article named them shorter."""
    if quote.get("speaker"):
        return (canonical_names or {}).get(quote["speaker"]["entity"]) or quote["speaker"]["name"]
    mention = quote.get("speaker_mention")
    return quote.get("speaker_description") or (mention["text"] if mention else "unknown speaker")


def speaker_colours(record: dict[str, Any]) -> dict[str, int]:
    """Quote id -> colour number, one colour per speaker in order of first quote."""
    by_speaker: dict[str, int] = {}
    colours = {}
    for quote in record["quotes"]:
        who = quote["speaker"]["entity"] if quote.get("speaker") else speaker_label(quote)
        colours[quote["id"]] = by_speaker.setdefault(who, len(by_speaker) % SPEAKER_COLOURS)
    return colours


def _figure_tip(figure: dict[str, Any], names: dict[str, str]) -> str:
    source = names.get(figure.get("source_entity") or "") or (figure["source"]["text"] if figure.get("source")
                                                               else "the outlet (unattributed)")
    parts = [f"Figure: {figure['number']} {figure['category']} ({figure['qualifier'].replace('_', ' ')})",
             f"source: {source}"]
    if figure.get("as_of"):
        parts.append(f"as of {figure['as_of']}")
    if figure.get("place"):
        parts.append(figure["place"])
    return " · ".join(parts)


def _review_notes(record: dict[str, Any]) -> dict[str, str]:
    """"figure:f2" -> the provenance of reviewers' corrections to it, as a tooltip line."""
    notes: dict[str, list[str]] = {}
    for item in record.get("review", {}).get("corrections", []):
        notes.setdefault(f"{item['target']}:{item['record_id']}", []).append(item["provenance"])
    return {key: "\n" + "\n".join(found) for key, found in notes.items()}


def runs(record: dict[str, Any]) -> list[Run]:
    text = record["article"]["text"]
    names = {e["id"]: e["name"] for e in record["entities"]}
    colours = speaker_colours(record)
    notes = _review_notes(record)
    marks: list[tuple[int, int, str, str, str | None, str | None]] = []  # start, end, class, tip, quote id, record
    for quote in record["quotes"]:
        colour = f"sp{colours[quote['id']]}"
        who = speaker_label(quote, record.get("canonical_names"))
        tip = f"Quote by {who} ({quote['kind']})" + notes.get(f"quote:{quote['id']}", "")
        for segment in quote["content"]:
            marks.append((segment["start"], segment["end"], f"quote {colour}", tip, quote["id"], f"quote:{quote['id']}"))
        if quote.get("speaker_mention"):
            m = quote["speaker_mention"]
            marks.append((m["start"], m["end"], f"speaker {colour}", f"Speaker: {who}", None, f"quote:{quote['id']}"))
        if quote.get("cue"):
            marks.append((quote["cue"]["start"], quote["cue"]["end"], "cue", "", None, None))
    for figure in record["figures"]:
        key = f"figure:{figure['id']}"
        marks.append((figure["span"]["start"], figure["span"]["end"], "figure",
                      _figure_tip(figure, names) + notes.get(key, ""), None, key))
    for time in record["times"]:
        key = f"time:{time['id']}"
        marks.append((time["span"]["start"], time["span"]["end"], "time",
                      f"Time: {time['value']} ({time['type']})" + notes.get(key, ""), None, key))
    quoted_sentences = [(s["sentence"]["start"], s["sentence"]["end"]) for s in record.get("voice", [])
                        if s["voice"] == "quoted"]
    marks = [m for m in marks if 0 <= m[0] < m[1] <= len(text)]
    quoted_sentences = [(a, b) for a, b in quoted_sentences if 0 <= a < b <= len(text)]
    return _sweep(text, marks, quoted_sentences)


def _sweep(text: str, marks: list[tuple[int, int, str, str, str | None, str | None]],
           quoted_sentences: list[tuple[int, int]]) -> list[Run]:
    """Cut the text at every edge once, walking the edges in order and keeping the marks open at each point.

    Testing every mark against every cut took 7 s for one view of a 120,000-character article; the walk costs the
    edges sorted once plus, for each run, the marks that cover it. Covering marks keep the order they were listed in.
    """
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    for number, (start, end, *_rest) in enumerate(marks):
        opening[start].append(number)
        closing[end].append(number)
    quoted_depth: dict[int, int] = defaultdict(int)
    for start, end in quoted_sentences:
        quoted_depth[start] += 1
        quoted_depth[end] -= 1
    cuts = sorted({0, len(text), *opening, *closing, *quoted_depth})
    open_marks: set[int] = set()
    in_quoted_sentences = 0
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        open_marks.difference_update(closing.get(start, ()))
        open_marks.update(opening.get(start, ()))
        in_quoted_sentences += quoted_depth.get(start, 0)
        covering = [marks[number] for number in sorted(open_marks)]
        in_quote = any(m[4] for m in covering) or in_quoted_sentences > 0
        innermost = min((m for m in covering if m[5]), key=lambda m: m[1] - m[0], default=None)
        classes = [m[2] for m in covering] + ["v-quoted" if in_quote else "v-narrator"]
        pieces.append(Run(text[start:end], " ".join(classes), bool(covering), _tip(covering),
                          next((m[4] for m in covering if m[4]), None), innermost[5] if innermost else None))
    return pieces


def _tip(covering: list[tuple[int, int, str, str, str | None, str | None]]) -> str:
    """The covering marks' tooltips, one a line, each once (ignoring case, as Jinja's `unique` does)."""
    seen: set[str] = set()
    tips = []
    for mark in covering:
        if mark[3] and mark[3].lower() not in seen:
            seen.add(mark[3].lower())
            tips.append(mark[3])
    return "\n".join(tips)
