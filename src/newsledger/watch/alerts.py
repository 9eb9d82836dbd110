"""Saved watches over what comes in: each alert is a kind and a few filters, evaluated against every newly stored
article. A hit names the article, the span it is about, a link to that span on the article page, and a one-line
summary; its key says what it is about, so the ledger records (and delivery sends) each hit once.

- figures   category=killed place=Gaza source=...   a new figure of that category, place (part of), source (part of)
- quotes    speaker=Netanyahu search=ceasefire      a new quote by that speaker (part of the name) with those words
- conflicts category=... place=...                   a new figure that conflicts with one already stored
- revision  body=... over=5% category=... place=...  a body's series jumps: its new figure differs from its previous
                                                      point of the same category and place by more than `over`
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Figure, Record
from ..store import Store, queries
from ..store.watchlist import stamp, utcnow
from ..track.conflicts import find_conflicts

KINDS: dict[str, tuple[str, ...]] = {
    "figures": ("category", "place", "source"),
    "quotes": ("speaker", "search"),
    "conflicts": ("category", "place"),
    "revision": ("body", "over", "category", "place"),
}
REQUIRED = {"revision": ("body",)}
DEFAULT_REVISION = 0.05
_WORD = re.compile(r"\w+")
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%?\s*$")


class AlertError(ValueError):
    """An alert that cannot be saved; the message is one line."""


@dataclass
class Alert:
    name: str
    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    targets: list[str] = field(default_factory=lambda: ["stdout"])


def parse_params(kind: str, pairs: list[str]) -> dict[str, Any]:
    """`category=killed place=Gaza` -> {"category": "killed", "place": "Gaza"}, checked against the kind."""
    if kind not in KINDS:
        raise AlertError(f"unknown alert kind {kind!r}; expected one of {', '.join(KINDS)}")
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key, value = key.strip().lower(), value.strip()
        if not sep or not value:
            raise AlertError(f"{pair!r} is not KEY=VALUE (for --{kind}: {', '.join(KINDS[kind])})")
        if key not in KINDS[kind]:
            raise AlertError(f"--{kind} takes {', '.join(KINDS[kind])}, not {key!r}")
        params[key] = value
    for key in REQUIRED.get(kind, ()):
        if key not in params:
            raise AlertError(f"--{kind} needs {key}=...")
    if kind == "revision":
        params["over"] = _fraction(params.get("over"))
    if kind == "quotes" and not params:
        raise AlertError("--quotes needs speaker=... or search=...")
    return params


def _fraction(value: str | None) -> float:
    """"5%" or "5" -> 0.05."""
    if value is None:
        return DEFAULT_REVISION
    match = _PERCENT.match(value)
    if not match or float(match.group(1)) <= 0:
        raise AlertError(f"over={value!r} is not a percentage like 5%")
    return float(match.group(1)) / 100


def evaluate(store: Store, alert: Alert, records: list[Record], base_url: str = "") -> list[dict[str, Any]]:
    """The hits of one alert among newly stored records (after the ledger's cross-article pass)."""
    finder = {"figures": _figure_hits, "quotes": _quote_hits, "conflicts": _conflict_hits,
              "revision": _revision_hits}[alert.kind]
    found = []
    for record in records:
        for key, start, end, summary, details in finder(store, alert.params, record):
            article = record.article
            found.append({
                "alert": alert.name, "kind": alert.kind, "key": key, "article_id": article.id,
                "span": {"start": start, "end": end, "text": article.text[start:end]},
                "link": span_link(base_url, article.id, start, end), "summary": summary,
                "headline": article.headline, "outlet": article.outlet, "published": article.published,
                "article_url": article.url, "found_at": stamp(utcnow()), "details": details})
    return found


def span_link(base_url: str, article_id: str, start: int, end: int) -> str:
    """The article page, at the span (`#span-START-END`, character offsets into the article text)."""
    return f"{base_url.rstrip('/')}/articles/{article_id}#span-{start}-{end}"


def _contains(value: str | None, wanted: str | None) -> bool:
    return wanted is None or (value is not None and wanted.casefold() in value.casefold())


def _figure_source(record: Record, figure: Figure) -> str | None:
    names = {e.id: e.name for e in record.entities}
    if figure.source_entity and figure.source_entity in names:
        return names[figure.source_entity]
    return figure.source.text if figure.source else None


def _matching_figures(record: Record, params: dict[str, Any]) -> list[Figure]:
    category = params.get("category")
    return [f for f in record.figures
            if (category is None or f.category.casefold() == category.casefold())
            and _contains(f.place, params.get("place"))]


def _figure_hits(store: Store, params: dict[str, Any], record: Record):
    for figure in _matching_figures(record, params):
        source = _figure_source(record, figure)
        if not _contains(source, params.get("source")):
            continue
        summary = (f"{figure.span.text} ({figure.category}{', ' + figure.place if figure.place else ''}"
                   f"{', as of ' + figure.as_of if figure.as_of else ''}; {source or 'unattributed'})")
        yield (f"figure:{record.article.id}:{figure.id}", figure.span.start, figure.span.end, summary,
               {"figure": figure.id, "value": figure.value, "category": figure.category, "place": figure.place,
                "as_of": figure.as_of, "source": source})


def _quote_hits(store: Store, params: dict[str, Any], record: Record):
    words = {w.casefold() for w in _WORD.findall(params.get("search") or "")}
    for quote in record.quotes:
        speaker = quote.speaker.name if quote.speaker else (
            quote.speaker_description or (quote.speaker_mention.text if quote.speaker_mention else None))
        content = " … ".join(span.text for span in quote.content)
        if not quote.content or not _contains(speaker, params.get("speaker")):
            continue
        if not words <= {w.casefold() for w in _WORD.findall(content)}:
            continue
        start, end = min(s.start for s in quote.content), max(s.end for s in quote.content)
        yield (f"quote:{record.article.id}:{quote.id}", start, end, f"{speaker or 'unnamed'}: “{content}”",
               {"quote": quote.id, "speaker": speaker, "kind": quote.kind})


def _conflict_hits(store: Store, params: dict[str, Any], record: Record):
    places = {(f.category, f.place) for f in _matching_figures(record, params) if f.place and f.as_of}
    for category, place in sorted(places):
        for conflict in find_conflicts(store, category=category, place=place):
            sides = [conflict["a"], conflict["b"]]
            mine = [side for side in sides if side["article_id"] == record.article.id]
            if not mine:
                continue
            other = next(side for side in sides if side is not mine[0])
            key = "conflict:" + "|".join(f"{s['article_id']}:{s['local_id']}" for s in sides)
            summary = (f"{category} in {conflict['place']} as of {conflict['as_of']}: {mine[0]['text']} "
                       f"({mine[0]['source']}) vs {other['text']} ({other['source']}, article {other['article_id']})")
            yield (key, mine[0]["start"], mine[0]["end"], summary,
                   {"category": category, "place": conflict["place"], "as_of": conflict["as_of"],
                    "other": {k: other[k] for k in ("article_id", "local_id", "text", "source", "outlet")}})


def _revision_hits(store: Store, params: dict[str, Any], record: Record):
    body, over = params["body"], params.get("over", DEFAULT_REVISION)
    for figure in _matching_figures(record, params):
        source = _figure_source(record, figure)
        when = figure.as_of or record.article.published
        if figure.value is None or not when or not _contains(source, body):
            continue
        earlier = [p for p in queries.figures(store, category=figure.category, place=figure.place, source=body,
                                              until=when, limit=None)
                   if p["article_id"] != record.article.id and p["value"]]
        if not earlier:
            continue
        previous = earlier[-1]  # ordered by date: the body's latest point up to this one
        change = (figure.value - previous["value"]) / previous["value"]
        if abs(change) <= over:
            continue
        summary = (f"{source}: {figure.category}{' in ' + figure.place if figure.place else ''} "
                   f"{previous['value']:,.0f} ({previous['date']}) -> {figure.value:,.0f} ({when}), {change:+.1%}")
        yield (f"revision:{record.article.id}:{figure.id}", figure.span.start, figure.span.end, summary,
               {"figure": figure.id, "value": figure.value, "previous_value": previous["value"],
                "previous_date": previous["date"], "previous_article": previous["article_id"],
                "change": round(change, 4), "body": source})
