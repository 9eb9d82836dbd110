"""SIGKILL `ingest` and `batch` at random points, run them again: no article lost, none twice, none half-stored.

Readers keep working while an ingest writes. The kill points come from a fresh seed each run, printed on failure;
NEWSLEDGER_CRASH_SEED replays one.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from newsledger.scale.shards import finished_shards
from newsledger.scale.synthetic import synthetic_articles
from newsledger.store import Store, queries, schema

ARTICLES = 96
KILLS = 3
SEED = int(os.environ.get("NEWSLEDGER_CRASH_SEED", time.time_ns() % 1_000_000))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("wire")
    for raw in synthetic_articles(ARTICLES, seed=11):
        (folder / f"story-{raw.source_path.rsplit('/', 1)[-1]:0>3}.txt").write_text(raw.text, encoding="utf-8")
    (folder / "story-repeat.txt").write_text((folder / "story-005.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return sorted(str(path) for path in folder.iterdir())


def start(log: Path, *args: str) -> subprocess.Popen:
    """The CLI in its own process group, so a kill takes its worker processes with it."""
    with log.open("ab") as output:
        return subprocess.Popen([sys.executable, "-m", "newsledger.cli", *args], stdout=output, stderr=output,
                                start_new_session=True)


def kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def finish(*args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "newsledger.cli", *args], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, f"seed {SEED}: {args[0]} failed after kills:\n{result.stderr[-2000:]}"


def assert_whole_and_unique(db: Path) -> None:
    """Every article once, with exactly the rows its own record lists, and one full-text entry per row."""
    with Store(str(db)) as store, store.engine.connect() as conn:
        records = {aid: json.loads(data) for aid, data in conn.execute(select(schema.articles.c.id,
                                                                                schema.articles.c.record))}
        assert len(records) == ARTICLES, f"seed {SEED}: {len(records)} articles stored, not {ARTICLES}"
        for table, key in ((schema.entities, "entities"), (schema.quotes, "quotes"), (schema.figures, "figures"),
                           (schema.times, "times"), (schema.events, "events")):
            stored = dict(conn.execute(select(table.c.article_id, func.count()).group_by(table.c.article_id)).all())
            expected = {aid: len(record[key]) for aid, record in records.items() if record[key]}
            assert stored == expected, f"seed {SEED}: {table.name} rows do not match their records"
        for fts, table in (("articles_fts", schema.articles), ("quotes_fts", schema.quotes)):
            entries = conn.execute(text(f"SELECT count(*) FROM {fts}")).scalar_one()
            rows = conn.execute(select(func.count()).select_from(table)).scalar_one()
            assert entries == rows, f"seed {SEED}: {entries} {fts} entries for {rows} rows"


def test_killed_ingest_finishes_on_rerun_while_readers_keep_reading(inputs, tmp_path):
    rng = random.Random(SEED)
    db = tmp_path / "ledger.db"
    seen_counts: list[int] = []
    finish("migrate", "--db", str(db))
    with Store(str(db), read_only=True) as reader:  # one long-lived reader, as the API holds one
        for round_number in range(KILLS):
            stored = reader.stats()["articles"]
            target = rng.randint(stored + 1, stored + (ARTICLES - stored) // 2) if round_number else 0
            early = rng.uniform(0.2, 2.0)  # the first kill lands during start-up or reading, before any write
            process = start(tmp_path / "killed.log", "ingest", *inputs, "--db", str(db))
            started = time.monotonic()
            while process.poll() is None:
                numbers = reader.stats()
                listing = queries.articles(reader, limit=5)
                if listing:
                    assert reader.record(listing[0]["id"]) is not None
                assert not seen_counts or numbers["articles"] >= seen_counts[-1], f"seed {SEED}: count went back"
                seen_counts.append(numbers["articles"])
                if (target and numbers["articles"] >= target) or (not target and time.monotonic() - started > early):
                    break
                time.sleep(0.01)
            kill(process)
        finish("ingest", *inputs, "--db", str(db))
    assert any(0 < count < ARTICLES for count in seen_counts), f"seed {SEED}: no read saw an ingest half-way"
    assert_whole_and_unique(db)


def test_killed_batch_resumes_to_the_same_shards(inputs, tmp_path):
    rng = random.Random(SEED)
    out, db = tmp_path / "shards", tmp_path / "ledger.db"
    batch = ("batch", *inputs, "--out", str(out), "--workers", "1", "--partition-size", "8")
    shards = -(-(ARTICLES + 1) // 8)
    killed_at: list[int] = []
    for round_number in range(KILLS):
        finished = len(finished_shards(out)) if out.exists() else 0
        target = rng.randint(finished + 1, finished + max(1, (shards - finished) // 2)) if round_number else 0
        early = rng.uniform(0.5, 4.0)
        process = start(tmp_path / "killed.log", *batch)
        started = time.monotonic()
        while process.poll() is None:
            done = len(finished_shards(out)) if out.exists() else 0
            if (target and done >= target) or (not target and time.monotonic() - started > early):
                break
            time.sleep(0.01)
        kill(process)
        killed_at.append(len(finished_shards(out)) if out.exists() else 0)
    assert any(0 < done < shards for done in killed_at), f"seed {SEED}: no kill landed half-way ({killed_at})"
    finish(*batch)
    assert len(finished_shards(out)) == shards
    assert not list(out.glob(".tmp-*")), f"seed {SEED}: half-written shards left behind"
    finish("load", str(out), "--db", str(db))
    finish("load", str(out), "--db", str(db))
    assert_whole_and_unique(db)
