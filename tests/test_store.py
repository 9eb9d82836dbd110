"""The store test suite, run on SQLite always and on PostgreSQL when a server answers at NEWSLEDGER_TEST_PG."""
from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from newsledger.model import (Article, Entity, Event, Figure, Paragraph, Quote, Record, Span, SpeakerRef,
                              TimeExpr)
from newsledger.store import Store, database_url, queries, schema

PG_ENV = "NEWSLEDGER_TEST_PG"
PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/newsledger_test"

BODY = ('Israeli strikes killed at least 27 people in Rafah overnight, the Gaza health ministry said on Tuesday.\n\n'
        '"We have nowhere left to go," said Amal Nasser, a mother of four sheltering in a tent near the border.\n\n'
        'Egyptian mediators met Hamas officials in Cairo, a senior official told Reuters.')


def _span(body: str, phrase: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(phrase, start + 1)
    return Span.of(body, start, start + len(phrase))


def compose_record(body: str = BODY, published: str | None = "2024-02-06", headline: str = "Strikes on Rafah") -> Record:
    article = Article(id=Article.id_for(body), source_path="wire/rafah.txt", text=body, headline=headline,
                      published=published, published_from="text", outlet="Wire", captions=["A tent camp"],
                      paragraphs=[Paragraph(0, body.index("\n"))])
    entities = [Entity("e1", "Amal Nasser", "PERSON", mentions=[_span(body, "Amal Nasser")], gender="f"),
                Entity("e2", "Gaza health ministry", "ORG", mentions=[_span(body, "Gaza health ministry")]),
                Entity("e3", "Cairo", "GPE", mentions=[_span(body, "Cairo")])]
    quotes = [Quote("q1", "direct", [_span(body, "We have nowhere left to go,")], cue=_span(body, "said", 1),
                    speaker_mention=_span(body, "Amal Nasser"), speaker=SpeakerRef("e1", "Amal Nasser", "PERSON"))]
    figures = [Figure("f1", _span(body, "at least 27 people"), "27", 27, 27, None, "at_least", "killed",
                      unit="people", source=_span(body, "the Gaza health ministry"), source_entity="e2",
                      source_chain=["the Gaza health ministry"], as_of="2024-02-06", place="Rafah")]
    times = [TimeExpr("t1", _span(body, "Tuesday"), "DATE", "2024-02-06")]
    events = [Event("v1", "ASSAULT", _span(body, "killed"), _span(body, body[:body.index("\n")]),
                    target="e3", date="2024-02-06", place="Rafah", negated=False)]
    return Record(article=article, entities=entities, quotes=quotes, figures=figures, times=times, events=events)


def postgres_url_or_skip() -> str:
    url = os.environ.get(PG_ENV, PG_DEFAULT)
    engine = create_engine(database_url(url), connect_args={"connect_timeout": 3})
    try:
        with engine.begin() as conn:  # every test starts from an empty database
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    except OperationalError as exc:
        pytest.skip(f"no PostgreSQL server reachable at {url} (set {PG_ENV}, or start one with .ci/postgres.sh): "
                    f"{str(exc).splitlines()[0]}")
    finally:
        engine.dispose()
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    return str(tmp_path / "ledger.db") if request.param == "sqlite" else postgres_url_or_skip()


@pytest.fixture
def store(db_url):
    with Store(db_url) as opened:
        yield opened


def test_database_url_takes_paths_and_urls():
    assert database_url("news.db") == "sqlite:///news.db"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"
    assert database_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert database_url("postgres://h/db").startswith("postgresql+psycopg://")


def test_schema_is_migrated_once_and_reopening_changes_nothing(db_url):
    with Store(db_url) as first:
        assert first.version == len(schema.MIGRATIONS)
    with Store(db_url) as again, again.engine.connect() as conn:
        assert again.version == len(schema.MIGRATIONS)
        versions = conn.scalars(select(schema.schema_version.c.version)).all()
    assert sorted(versions) == list(range(1, len(schema.MIGRATIONS) + 1))


def test_save_is_idempotent_by_article_id(store):
    record = compose_record()
    assert store.save(record) is True
    assert store.save(record) is False
    assert store.has_article(record.article.id)
    numbers = store.stats()
    assert (numbers["articles"], numbers["entities"], numbers["quotes"], numbers["figures"], numbers["times"],
            numbers["events"]) == (1, 3, 1, 1, 1, 1)


def test_record_round_trips_exactly(store):
    record = compose_record()
    store.save(record)
    assert store.record(record.article.id).to_dict() == record.to_dict()
    assert store.record("0" * 16) is None


def test_odd_unicode_round_trips(store):
    body = "Ein Sprecher sagte: «Wir bleiben» — 🕊️ سلام 和平 e\u0301\u200b\u2028fin."
    record = Record(article=Article(id=Article.id_for(body), source_path="odd.txt", text=body))
    store.save(record)
    assert store.record(record.article.id).article.text == body


def test_child_rows_carry_resolved_names(store):
    record = compose_record()
    store.save(record)
    with store.engine.connect() as conn:
        quote = conn.execute(select(schema.quotes)).one()._mapping
        figure = conn.execute(select(schema.figures)).one()._mapping
        event = conn.execute(select(schema.events)).one()._mapping
        entity = conn.execute(select(schema.entities).where(schema.entities.c.local_id == "e1")).one()._mapping
    assert (quote["speaker_name"], quote["content"], quote["cue"]) == ("Amal Nasser", "We have nowhere left to go,",
                                                                       "said")
    assert (figure["value"], figure["qualifier"], figure["source_name"]) == (27, "at_least", "Gaza health ministry")
    assert json.loads(figure["source_chain"]) == ["the Gaza health ministry"]
    assert (event["target_name"], event["negated"], event["trigger"]) == ("Cairo", False, "killed")
    assert (entity["mention_count"], json.loads(entity["titles"])) == (1, [])


def test_a_failing_save_leaves_nothing_behind(store):
    record = compose_record()
    record.entities.append(Entity("e1", "Amal Nasser again", "PERSON"))  # the same local id twice: refused
    with pytest.raises(IntegrityError):
        store.save(record)
    assert not store.has_article(record.article.id)
    assert store.stats()["entities"] == 0
    record.entities.pop()
    assert store.save(record) is True


def test_listing_is_newest_first_with_counts(store):
    older = compose_record()
    body = "Aid trucks entered Gaza on Sunday, the UN said."
    newer = Record(article=Article(id=Article.id_for(body), source_path="wire/aid.txt", text=body, outlet="Wire",
                                   published="2024-02-11", headline="Aid enters"))
    store.save(older)
    store.save(newer)
    rows = queries.articles(store)
    assert [r["id"] for r in rows] == [newer.article.id, older.article.id]
    assert (rows[1]["quotes"], rows[1]["figures"], rows[1]["events"]) == (1, 1, 1)
    assert [r["id"] for r in queries.articles(store, limit=1, offset=1)] == [older.article.id]
    assert [r.article.id for r in store.records()] == [older.article.id, newer.article.id]
    numbers = store.stats()
    assert (numbers["published_from"], numbers["published_to"], numbers["outlets"]) == ("2024-02-06", "2024-02-11", 1)


def test_find_articles_by_prefix_takes_no_wildcards(store):
    record = compose_record()
    store.save(record)
    assert store.find_articles(record.article.id[:4]) == [record.article.id]
    assert store.find_articles("%") == []
    assert store.find_articles("_") == []


def _full_text(store: Store, table: str, words: str) -> list[str]:
    """Ids found by the database's own full-text engine (FTS5 on SQLite, tsvector + GIN on PostgreSQL)."""
    if store.is_sqlite:
        query = text(f"SELECT article_id FROM {table}_fts WHERE {table}_fts MATCH :q")
    else:
        id_column = "id" if table == "articles" else "article_id"
        query = text(f"SELECT {id_column} FROM {table} WHERE search @@ plainto_tsquery('english', :q)")
    with store.engine.connect() as conn:
        return conn.scalars(query, {"q": words}).all()


def test_full_text_search_finds_bodies_and_quotes(store):
    record = compose_record()
    store.save(record)
    assert _full_text(store, "articles", "mediators Cairo") == [record.article.id]
    assert _full_text(store, "quotes", "nowhere") == [record.article.id]
    assert _full_text(store, "quotes", "Nasser") == [record.article.id]
    assert _full_text(store, "articles", "ceasefire") == []
