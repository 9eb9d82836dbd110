"""Issue 17, "reading and serving", on PostgreSQL: the readers and the server open the ledger in read-only sessions
and never create, migrate, refresh or write it (the SQLite side is in test_adv_serving.py)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hostile import cli, one_line_error
from ledger_corpus import corpus, corpus_ledger
from sqlalchemy import create_engine, text
from test_store import postgres_url_or_skip

from newsledger.api import create_app
from newsledger.store import Store, database_url, schema
from newsledger.store.corrections import Correction, add

pytestmark = pytest.mark.postgres

READ_COMMANDS = (["articles"], ["stats"], ["quotes"], ["figures"], ["entities"], ["stories"],
                 ["export", "--table", "quotes"], ["corrections", "list"], ["corrections", "export"],
                 ["corrections", "audit"])


def _contents(url: str) -> dict[str, str]:
    """Every table of the ledger with a digest of all its rows: what a write of any kind would change."""
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            tables = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars()
            return {name: conn.execute(text(f'SELECT count(*) || md5(coalesce(string_agg(t::text, \',\' ORDER BY '
                                            f't::text), \'\')) FROM "{name}" t')).scalar_one()
                    for name in sorted(tables)}
    finally:
        engine.dispose()


@pytest.fixture
def ledger() -> str:
    """The corpus, with one reviewer's correction stored but not yet applied by the cross-article pass (as after a
    write that stopped before it): a reader that refreshed the ledger would apply it, and so write."""
    url = corpus_ledger(postgres_url_or_skip())
    first = corpus()[0]
    figure = first.figures[0]
    with Store(url) as store:
        add(store, Correction(action="reject", target="figure", span_text=figure.span.text, who="ana",
                              why="a pending correction", article_id=first.article.id, span_start=figure.span.start,
                              span_end=figure.span.end), door="cli")
    return url


def _reader_url(ledger: str) -> str:
    """The ledger's URL for a role that may only read it: a command that so much as tried to write (a refresh or
    a migration that would change nothing) fails as that role."""
    engine = create_engine(database_url(ledger))
    with engine.begin() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = 'newsledger_reader'")).first():
            conn.execute(text("CREATE ROLE newsledger_reader LOGIN"))
        conn.execute(text("GRANT USAGE ON SCHEMA public TO newsledger_reader"))
        conn.execute(text("GRANT SELECT ON ALL TABLES IN SCHEMA public TO newsledger_reader"))
    engine.dispose()
    return ledger.replace("postgres@", "newsledger_reader@", 1)


def test_readers_and_the_server_never_write_a_postgresql_ledger(ledger):
    before = _contents(ledger)
    assert "schema_version" in before and before["articles"].startswith("3")
    reader = _reader_url(ledger)
    for command in READ_COMMANDS:
        result = cli(*command, "--db", reader)
        assert result.exit_code == 0, (command, result.stderr)
    client = TestClient(create_app(reader))
    article_id = corpus()[0].article.id
    for path in ("/", "/api/articles", f"/articles/{article_id}", f"/api/articles/{article_id}", "/figures",
                 "/entities", "/events", "/sources", "/conflicts", "/search?q=ceasefire"):
        assert client.get(path).status_code == 200, path
    assert _contents(ledger) == before
    listed = cli("corrections", "list", "--json", "--db", reader)
    assert '"status": "pending"' in listed.stdout


def test_a_reader_session_refuses_writes(ledger):
    with Store(ledger, read_only=True) as reader, reader.engine.connect() as conn:
        assert conn.execute(text("SHOW transaction_read_only")).scalar_one() == "on"
        with pytest.raises(Exception, match="read-only transaction"):
            conn.execute(text("DELETE FROM articles"))


def test_an_older_postgresql_schema_is_refused_by_reads_not_migrated(ledger):
    engine = create_engine(database_url(ledger))
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM schema_version WHERE version = :v"), {"v": len(schema.MIGRATIONS)})
    engine.dispose()
    before = _contents(ledger)
    result = cli("articles", "--db", ledger)
    assert result.exit_code == 2 and "run `newsledger migrate`" in one_line_error(result.stderr)
    with pytest.raises(Exception, match="older"):
        create_app(ledger)
    assert _contents(ledger) == before
    assert cli("migrate", "--db", ledger).exit_code == 0
    assert cli("articles", "--db", ledger).exit_code == 0
