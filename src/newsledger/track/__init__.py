"""The ledger across articles: canonical entities, figure series, conflicts, stories and repeated quotes.

`refresh` is the cheap pass run after an ingest (and before the ledger is read): it links only the entity rows,
articles and quotes that are new since the last pass, so it costs what the new articles cost.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete

from .. import timex
from ..settings import Settings
from ..store import Store, queries, schema
from . import series
from .conflicts import find_conflicts
from .entities import assign_canonical_entities, reset_canonical_entities
from .stories import cluster_stories, group_repeated_quotes


def refresh(store: Store, rebuild: bool = False, settings: Settings | None = None) -> dict[str, int]:
    """Bring the cross-article tables up to date; `rebuild` recomputes them from scratch. Without `settings`, the
    environment's thresholds (`Settings.from_env()`)."""
    settings = settings or Settings.from_env()
    with store.engine.begin() as conn:
        if rebuild:
            reset_canonical_entities(conn)
            conn.execute(delete(schema.quote_groups))
        linked = assign_canonical_entities(conn)
        signed = cluster_stories(conn, threshold=settings.story_similarity, force=rebuild)
        grouped = group_repeated_quotes(conn, similarity=settings.quote_similarity)
    if linked or signed or grouped:
        store.optimize()
    return {"entities_linked": linked, "articles_clustered": signed, "quotes_grouped": grouped}


def series_view(store: Store, *, category: str, place: str | None = None, source: str | None = None) -> dict[str, Any]:
    """What the series chart draws: each source's points, the reference series and the conflicts among them."""
    groups = queries.series(store, category=category, place=place, source=source)
    compared = {(p["article_id"], p["local_id"]): p for p in series.compare(
        store, category=category, place=place or series.TFP_PLACE, source=source)} if place else {}
    for group in groups:
        for point in group["points"]:
            verdict = compared.get((point["article_id"], point["local_id"]))
            point["status"] = verdict["status"] if verdict else None
            point["reference_value"] = verdict["reference_value"] if verdict else None
    return {"category": category, "place": place, "source": source, "series": groups,
            "reference": queries.reference(store, category=category, place=place, **_window(groups)),
            "conflicts": find_conflicts(store, category=category, place=place)}


def _window(groups: list[dict[str, Any]], margin_days: int = 14) -> dict[str, str | None]:
    """The reference is shown around the reported points only (it spans years; a story spans weeks)."""
    days = [day for group in groups for p in group["points"] if (day := timex.day(p["date"], exact=True))]
    if not days:
        return {"since": None, "until": None}
    margin = timedelta(days=margin_days)
    return {"since": (min(days) - margin).isoformat(), "until": (max(days) + margin).isoformat()}
