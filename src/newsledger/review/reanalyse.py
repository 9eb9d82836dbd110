"""Re-extraction of stored articles by the engines as they are now (a new engine version), keeping the corrections.

The article text, and so its id, stays; the engine's record and the relational rows are replaced, and the next
ledger pass re-applies every correction by span and text (or lists it as orphaned).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import delete, update

from .. import track
from ..ingest import ReadProblem
from ..pipeline import analyse_articles
from ..store import Store, schema
from ..track.corrections import replace_rows


def reanalyse(store: Store, article_ids: list[str] | None = None) -> tuple[int, list[ReadProblem]]:
    """Re-extract these articles (every stored one when None); returns (re-extracted, problems)."""
    wanted = set(article_ids) if article_ids is not None else None
    articles = [r.article for r in store.records() if wanted is None or r.article.id in wanted]
    done, problems = 0, []
    for record in analyse_articles(articles):
        if isinstance(record, ReadProblem):
            problems.append(record)
            continue
        a = schema.articles
        with store.writing() as conn:
            conn.execute(update(a).where(a.c.id == record.article.id).values(
                record=json.dumps(record.to_dict(), ensure_ascii=False),
                ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
            replace_rows(conn, record)
            # Rebuilt by the next pass, even when this ran within the second of the last extraction.
            conn.execute(delete(schema.reviewed_records).where(schema.reviewed_records.c.article_id == record.article.id))
        done += 1
    track.refresh(store)
    return done, problems
