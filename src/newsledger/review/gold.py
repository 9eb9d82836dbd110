"""Corrected articles as gold data, in the formats `newsledger eval` reads, so the engines are measured on the
team's own news: figures-gold (docs.jsonl + figures.jsonl, specs/figures.md), brat (PolNeAR's standoff layout) and
timeml (TIMEX3-tagged .tml files).

An article joins a gold set once a reviewer has corrected (or accepted) at least one record of that kind in it:
what the reviewer left alone there is taken as checked.
"""
from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..store import Store, schema

FORMATS = {"figures-gold": "figure", "brat": "quote", "timeml": "time"}
BRAT_SPLIT = "dev"  # `newsledger eval polnear PATH --split dev` reads it


def reviewed_records(store: Store, target: str) -> list[dict[str, Any]]:
    """The corrected records of the articles a reviewer corrected records of this kind in, oldest first."""
    r, c, a = schema.reviewed_records, schema.corrections, schema.articles
    with store.engine.connect() as conn:
        rows = conn.execute(select(r.c.record).join(a, a.c.id == r.c.article_id)
                            .where(r.c.article_id.in_(select(c.c.article_id).where(c.c.target == target)))
                            .order_by(a.c.published, a.c.id)).all()
    return [json.loads(row[0]) for row in rows]


def _write_jsonl(path: Path, items: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")


def write_figures_gold(records: list[dict[str, Any]], out: Path) -> int:
    docs, figures = [], []
    for record in records:
        art = record["article"]
        docs.append({"doc_id": art["id"], "text": art["text"], "published": art["published"]})
        for f in record["figures"]:
            source = f.get("source")
            figures.append({"doc_id": art["id"], "text": f["span"]["text"], "start": f["span"]["start"],
                            "end": f["span"]["end"], "number": f["number"], "value": f["value"], "low": f["low"],
                            "high": f["high"], "qualifier": f["qualifier"], "category": f["category"],
                            "unit": f["unit"], "source": source["text"] if source else None,
                            "source_start": source["start"] if source else None,
                            "source_end": source["end"] if source else None})
    out.mkdir(parents=True, exist_ok=True)
    _write_jsonl(out / "docs.jsonl", docs)
    _write_jsonl(out / "figures.jsonl", figures)
    return len(docs)


def _brat_span(number: int, kind: str, text: str, spans: list[dict[str, Any]]) -> str:
    offsets = ";".join(f"{s['start']} {s['end']}" for s in spans)
    return f"T{number}\t{kind} {offsets}\t{' '.join(text[s['start']:s['end']] for s in spans).replace(chr(10), ' ')}"


def brat_annotations(record: dict[str, Any]) -> str:
    """One article's quotes as PolNeAR-style Source / Cue / Content spans tied by Attribution events."""
    text, lines, number = record["article"]["text"], [], 0
    for event, quote in enumerate(record["quotes"], start=1):
        roles = []
        for kind, spans in (("Source", [quote["speaker_mention"]] if quote.get("speaker_mention") else []),
                            ("Cue", [quote["cue"]] if quote.get("cue") else []), ("Content", quote["content"])):
            if spans:
                number += 1
                lines.append(_brat_span(number, kind, text, spans))
                roles.append(f"{kind}:T{number}")
        number += 1
        lines.append(_brat_span(number, "Attribution", text, [quote["cue"] or quote["content"][0]]))
        lines.append(f"E{event}\tAttribution:T{number} " + " ".join(roles))
    return "\n".join(lines) + "\n"


def write_brat(records: list[dict[str, Any]], out: Path) -> int:
    texts, annotations = out / BRAT_SPLIT / "text", out / BRAT_SPLIT / "attributions"
    texts.mkdir(parents=True, exist_ok=True)
    annotations.mkdir(parents=True, exist_ok=True)
    for record in records:
        art = record["article"]
        (texts / f"{art['id']}.txt").write_text(art["text"], encoding="utf-8")
        (annotations / f"{art['id']}_reviewed.ann").write_text(brat_annotations(record), encoding="utf-8")
    return len(records)


def timeml_document(record: dict[str, Any]) -> str:
    """One article as TimeML: its publication date as the creation time, each time expression a TIMEX3."""
    art, text = record["article"], record["article"]["text"]
    pieces, position = [], 0
    for n, t in enumerate(sorted(record["times"], key=lambda t: (t["span"]["start"], -t["span"]["end"])), start=1):
        start, end = t["span"]["start"], t["span"]["end"]
        if start < position:  # TIMEX3 tags do not nest
            continue
        pieces += [html.escape(text[position:start], quote=False),
                   f'<TIMEX3 tid="t{n}" type="{html.escape(t["type"])}" value="{html.escape(t["value"])}">',
                   html.escape(text[start:end], quote=False), "</TIMEX3>"]
        position = end
    pieces.append(html.escape(text[position:], quote=False))
    published = art.get("published") or ""
    creation = (f'<DCT><TIMEX3 tid="t0" type="DATE" value="{published}" functionInDocument="CREATION_TIME">'
                f"{published}</TIMEX3></DCT>\n") if published else ""
    return (f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>{art["id"]}</DOCID>\n{creation}'
            f"<TEXT>{''.join(pieces)}</TEXT>\n</TimeML>\n")


def write_timeml(records: list[dict[str, Any]], out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for record in records:
        (out / f"{record['article']['id']}.tml").write_text(timeml_document(record), encoding="utf-8")
    return len(records)


WRITERS: dict[str, Callable[[list[dict[str, Any]], Path], int]] = {
    "figures-gold": write_figures_gold, "brat": write_brat, "timeml": write_timeml}


def export_gold(store: Store, kind: str, out: str | Path) -> int:
    """Write the reviewed articles as gold of this kind under OUT; returns how many articles."""
    return WRITERS[kind](reviewed_records(store, FORMATS[kind]), Path(out))
