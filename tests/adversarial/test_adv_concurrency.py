"""Issue 17, "the server under concurrent use" and two writers on one SQLite file."""
from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from hostile import served, story
from ledger_corpus import corpus, corpus_ledger
from sqlalchemy import text

from newsledger import track
from newsledger.api import create_app
from newsledger.serving import MAX_FILTER_CHARS
from newsledger.store import Store, schema

TOKEN = "adversarial-token"


def test_six_simultaneous_ingests_all_succeed(tmp_path):
    db = corpus_ledger(str(tmp_path / "l.db"))
    with served(create_app(db, token=TOKEN)) as base:
        def post(n: int) -> int:
            # Long enough, and with words of its own, that the analyses overlap and each makes new vocab strings.
            text = "\n\n".join(story(f"Wexford{n}x{k}") for k in range(30))
            body = {"text": text, "published": "2024-03-0" + str(n + 1)}
            return httpx.post(f"{base}/api/ingest", json=body, timeout=120,
                              headers={"Authorization": f"Bearer {TOKEN}"}).status_code

        with ThreadPoolExecutor(6) as pool:
            codes = list(pool.map(post, range(6)))
        listed = httpx.get(f"{base}/api/articles", params={"limit": 100}).json()["items"]
    assert codes == [201] * 6
    assert len(listed) == 3 + 6


LISTINGS = ["/api/articles", "/api/entities", "/api/quotes", "/api/figures", "/api/conflicts", "/api/stories",
            "/api/events", "/", "/entities", "/events", "/conflicts", "/search"]
UNPAGED = {"/api/conflicts", "/conflicts", "/search"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    db = corpus_ledger(str(tmp_path_factory.mktemp("bounds") / "l.db"))
    return TestClient(create_app(db, token=TOKEN), raise_server_exceptions=False)


@pytest.mark.parametrize("path", LISTINGS)
def test_out_of_range_parameters_are_refused_with_a_message_never_a_500(client, path):
    long_filter = "x" * 60_000
    for params in ({"offset": 2**63}, {"search": long_filter}, {"q": long_filter}, {"speaker": long_filter},
                   {"place": long_filter}, {"category": long_filter}, {"type": long_filter}, {"limit": 2**63}):
        answer = client.get(path, params=params)
        assert answer.status_code < 500, (path, params, answer.text[:200])
        if answer.status_code == 422:
            assert answer.json()["detail"]  # says what was wrong
    if path not in UNPAGED:
        assert client.get(path, params={"offset": 2**63}).status_code == 422
    early = client.get(path, params={"since": "0001-01-01", "until": "9999-12-31"})
    assert early.status_code in (200, 422), early.text[:200]


def test_bounded_ids_and_filters(client):
    assert client.get(f"/api/entities/{2**63}").status_code == 422
    assert client.get(f"/entities/{2**63}").status_code == 422
    assert client.get("/api/articles/" + "a" * 5000).status_code == 422
    assert client.get("/api/series", params={"category": "k" * 60_000}).status_code == 422
    assert client.get("/api/quotes", params={"speaker": "x" * MAX_FILTER_CHARS}).status_code == 200


def test_an_ingest_with_an_absurd_date_is_a_422_not_a_500(client):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    for published in ("0001-01-01", "9999-12-31"):
        answer = client.post("/api/ingest", json={"text": story("Yarrow"), "published": published}, headers=headers)
        assert answer.status_code == 422 and "published" in answer.text
    empty = client.post("/api/ingest", json={"text": "   \n  "}, headers=headers)
    assert empty.status_code == 422 and "no article text" in empty.json()["detail"]


def _linked_twice(db: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM (SELECT key, type = 'PERSON' FROM canonical_entities "
                            "WHERE key <> '' GROUP BY 1, 2 HAVING count(*) > 1)").fetchone()[0]


def test_two_writers_linking_at_once_create_each_canonical_entity_once(tmp_path):
    db = str(tmp_path / "l.db")
    Store(db).close()
    records = corpus()
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(part: list) -> None:
        try:
            with Store(db) as store:
                start.wait()
                for record in part:
                    store.save(record)
                    track.refresh(store)  # check-then-insert of canonical entities, as at the end of an ingest
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever a writer died of
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(part,)) for part in (records, records[::-1])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _linked_twice(db) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM entities WHERE canonical_id IS NULL").fetchone()[0] == 0


def test_the_migration_merges_duplicate_canonical_keys_then_enforces_them(tmp_path):
    db = corpus_ledger(str(tmp_path / "l.db"))
    with sqlite3.connect(db) as conn:  # a ledger as two racing ingests left it, before the unique index (and the migrations after it, each idempotent)
        conn.execute("DROP INDEX ux_canonical_entities_key")
        conn.execute("DELETE FROM schema_version WHERE version >= ?", (schema.MIGRATIONS.index(
            schema._unique_canonical_keys) + 1,))
        conn.execute("INSERT INTO canonical_entities (name, type, key, titles, aliases, articles) "
                     "SELECT name, type, key, titles, aliases, articles FROM canonical_entities WHERE id = 1")
        copy = conn.execute("SELECT max(id) FROM canonical_entities").fetchone()[0]
        conn.execute("UPDATE entities SET canonical_id = ? WHERE rowid = (SELECT min(rowid) FROM entities "
                     "WHERE canonical_id = 1)", (copy,))
    assert _linked_twice(db) == 1
    with Store(db) as store:
        assert _linked_twice(db) == 0
        with store.engine.connect() as conn:
            linked = conn.execute(text("SELECT count(*) FROM entities WHERE canonical_id = :c"), {"c": copy})
            assert linked.scalar() == 0
            with pytest.raises(Exception, match="UNIQUE"):
                conn.execute(text("INSERT INTO canonical_entities (name, type, key, titles, aliases, articles) "
                                  "SELECT name, type, key, titles, aliases, articles FROM canonical_entities "
                                  "WHERE id = 1"))
