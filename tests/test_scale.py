"""Dask batch runs: the same records as a serial ingest, one model load per worker, resume, shards, load."""
from __future__ import annotations

import shutil

import pytest
from distributed import Client, LocalCluster
from sqlalchemy import select

from newsledger import nlp
from newsledger.ingest import read_inputs
from newsledger.model import Article, Record
from newsledger.pipeline import analyse_articles, clean_one, ingest_into
from newsledger.scale.batch import BatchSettingsError, run_batch
from newsledger.scale.load import load_shards
from newsledger.scale.shards import TABLES, finished_shards, read_shard, shard_rows, write_shard
from newsledger.scale.synthetic import synthetic_articles
from newsledger.store import Store, schema
from newsledger.store.rows import record_rows
from test_store import postgres_url_or_skip

ODD_INPUTS = {
    "empty.txt": "",
    "unbalanced.txt": 'The minister said "we will not leave Rafah.\n\nTalks resume on Monday, officials said.',
    "unicode.txt": "Der Sprecher sagte: «Wir bleiben.» 🕊️ Officials in Gaza said 40 people died.\u2028\x0c",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("inputs")
    texts = {f"wire-{raw.source_path.rsplit('/', 1)[-1]:0>2}.txt": raw.text for raw in synthetic_articles(11, seed=7)}
    texts["wire-repeat.txt"] = texts["wire-03.txt"]  # the same story twice lands in two partitions
    texts.update(ODD_INPUTS)
    for name, body in texts.items():
        (folder / name).write_text(body, encoding="utf-8")
    return sorted(str(folder / name) for name in texts)


def ledger_rows(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, sorted.

    The ingest timestamp may differ, and so may the number a canonical entity gets: the cross-article pass numbers
    entities in the order articles arrive, which a batch merge need not share with a serial run.
    """
    with store.engine.connect() as conn:
        return {table.name: sorted(tuple(str(v) for k, v in row._mapping.items()
                                         if k not in ("ingested_at", "canonical_id"))
                                   for row in conn.execute(select(table)))
                for table in TABLES}


@pytest.fixture(scope="module")
def serial(inputs, tmp_path_factory):
    """What a serial ingest stores, and how many inputs it could read."""
    with Store(str(tmp_path_factory.mktemp("serial") / "ledger.db")) as store:
        summary = ingest_into(store, inputs)
        assert summary.already == 1  # the repeated story
        return ledger_rows(store), len(inputs) - len(summary.problems)


@pytest.fixture(scope="module")
def cluster():
    """A running cluster reached by address, as `--scheduler tcp://...` reaches one."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as running:
        yield running


def test_local_two_workers_give_the_records_of_a_serial_ingest(inputs, serial, tmp_path):
    serial_rows, readable = serial
    summary = run_batch(read_inputs(inputs), tmp_path / "shards", scheduler="local", workers=2, partition_size=4)
    assert (summary.partitions, summary.written, summary.failures) == (-(-readable // 4), -(-readable // 4), [])
    assert len(summary.problems) == len(inputs) - readable
    with Store(str(tmp_path / "batch.db")) as store:
        loaded = load_shards(tmp_path / "shards", store)
        assert (loaded.added, loaded.already) == (readable - 1, 1)
        assert ledger_rows(store) == serial_rows
    assert len(serial_rows["articles"]) == readable - 1
    assert all(len(serial_rows[name]) > 10 for name in ("entities", "times"))


def test_model_is_loaded_once_per_worker_not_per_task(cluster, inputs, tmp_path):
    summary = run_batch(read_inputs(inputs), tmp_path / "shards", scheduler=cluster.scheduler_address,
                        partition_size=2)
    assert summary.written >= 6 and summary.failures == []
    with Client(cluster) as client:
        loads = client.run(lambda: nlp.load.cache_info().misses)
    assert sorted(loads.values()) == [1, 1]


def test_resume_writes_only_missing_shards(cluster, inputs, tmp_path):
    out = tmp_path / "shards"
    run_batch(read_inputs(inputs), out, scheduler=cluster.scheduler_address, partition_size=5)
    removed = finished_shards(out)[1]
    shutil.rmtree(removed)
    kept = {path.name: path.stat().st_mtime_ns for path in finished_shards(out) if path != removed}
    (out / ".tmp-part-000001-deadbeef").mkdir()  # what a killed worker leaves behind
    summary = run_batch(read_inputs(inputs), out, scheduler=cluster.scheduler_address)
    assert (summary.written, summary.resumed, summary.failures) == (1, 2, [])
    assert [path.name for path in finished_shards(out)] == ["part-000000", "part-000001", "part-000002"]
    assert {path.name: path.stat().st_mtime_ns for path in finished_shards(out) if path != removed} == kept
    assert not list(out.glob(".tmp-*"))
    with pytest.raises(BatchSettingsError):
        run_batch(read_inputs(inputs), out, scheduler=cluster.scheduler_address, partition_size=6)


def test_load_is_idempotent_and_merges_into_existing_ledgers(inputs, serial, cluster, tmp_path):
    serial_rows, readable = serial
    out = tmp_path / "shards"
    run_batch(read_inputs(inputs), out, scheduler=cluster.scheduler_address, partition_size=7)
    with Store(str(tmp_path / "ledger.db")) as store:
        before = ingest_into(store, inputs[:3]).added
        first = load_shards(out, store)
        again = load_shards(out, store)
        assert (first.added, first.already) == (readable - 1 - before, before + 1)
        assert (again.added, again.already) == (0, readable)
        assert ledger_rows(store) == serial_rows


def test_shards_keep_types_and_nulls(tmp_path):
    body = "Officials said on Monday that 12 people were hurt."
    record = Record(article=Article(id=Article.id_for(body), source_path="x.txt", text=body))
    rows = record_rows(record)
    rows[schema.events] = [{"article_id": record.article.id, "local_id": "v1", "type": "ASSAULT", "mode": None,
                            "trigger": "hurt", "start": 0, "end": len(body),
                            "trigger_start": 46, "trigger_end": None, "actor": None, "actor_name": None,
                            "target": None, "target_name": None, "date": None, "place": None,
                            "background": False, "planned": True, "negated": False, "hypothetical": False,
                            "place_id": None}]
    assert write_shard(tmp_path, 0, rows) is True
    assert write_shard(tmp_path, 0, rows) is False  # a retried task finds the shard finished
    read = read_shard(tmp_path / "part-000000")
    assert read[schema.articles] == rows[schema.articles]
    assert read[schema.events] == rows[schema.events]
    assert read[schema.quotes] == []


@pytest.mark.postgres
def test_load_into_postgresql_matches_sqlite(tmp_path):
    records = list(analyse_articles(clean_one(raw) for raw in synthetic_articles(6, seed=3)))
    write_shard(tmp_path / "shards", 0, shard_rows(records[:4]))
    write_shard(tmp_path / "shards", 1, shard_rows(records[2:]))
    with Store(str(tmp_path / "ledger.db")) as sqlite, Store(postgres_url_or_skip()) as postgres:
        for store in (sqlite, postgres):
            first, again = load_shards(tmp_path / "shards", store), load_shards(tmp_path / "shards", store)
            assert (first.added, first.already, again.added) == (6, 2, 0)
        assert ledger_rows(postgres) == ledger_rows(sqlite)
