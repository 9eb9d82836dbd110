"""The REST API and the server-rendered pages over one query layer."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from ledger_corpus import OTHER, WIRE_1, corpus_ledger
from ledger_records import article

from newsledger.api import create_app


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return corpus_ledger(str(tmp_path_factory.mktemp("api") / "ledger.db"))


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db, token=""))


def test_articles_are_paged_and_each_has_its_record(client):
    page = client.get("/api/articles", params={"limit": 2}).json()
    assert len(page["items"]) == 2 and page["next_offset"] == 2
    rest = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    aid = article(WIRE_1, "2024-02-06").id
    record = client.get(f"/api/articles/{aid}").json()
    assert record["article"]["id"] == aid and record["quotes"][0]["speaker"]["name"] == "Benjamin Netanyahu"
    assert client.get("/api/articles/0000000000000000").status_code == 404


def test_entities_quotes_figures_conflicts_stories(client):
    entities = client.get("/api/entities", params={"search": "israeli leader"}).json()["items"]
    assert [e["name"] for e in entities] == ["Benjamin Netanyahu"]
    detail = client.get(f"/api/entities/{entities[0]['id']}").json()
    assert len(detail["quotes"]) == 2
    quotes = client.get("/api/quotes", params={"q": "victory", "since": "2024-02-01"}).json()["items"]
    assert len(quotes) == 1 and len(quotes[0]["appearances"]) == 2
    assert client.get("/api/quotes", params={"since": "not-a-date"}).status_code == 422
    points = client.get("/api/figures", params={"category": "killed", "source": "ministry"}).json()["items"]
    assert [p["value"] for p in points] == [27585, 27708]
    assert client.get("/api/conflicts").json()["items"]
    assert client.get("/api/stories").json()["items"][0]["size"] == 2
    assert client.get("/api/series", params={"category": "killed", "place": "Gaza"}).json()["series"]


def test_filters_are_data_not_sql(client):
    for hostile in ("'; DROP TABLE quotes; --", "%", "_", '" OR 1=1 --'):
        assert client.get("/api/quotes", params={"speaker": hostile}).json()["items"] == []
        assert client.get("/api/entities", params={"search": hostile}).status_code == 200
    assert len(client.get("/api/quotes").json()["items"]) == 2  # still there


def test_openapi_docs(client):
    assert client.get("/docs").status_code == 200
    assert "/api/quotes" in client.get("/openapi.json").json()["paths"]


def test_read_only_without_a_token(client):
    assert client.post("/api/ingest", json={"text": "x"}).status_code in (404, 405)


def test_article_text_is_escaped_in_pages(client):
    page = client.get(f"/articles/{article(OTHER, '2024-02-07').id}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "home &amp; safe" in page
    assert 'data-tip="Quote by Benjamin Netanyahu' in page
    search = client.get("/search", params={"q": "<script>"}).text
    assert "<script>alert" not in search


@pytest.mark.parametrize("path", ["/", "/entities", "/entities/1", "/figures?category=killed&place=Gaza",
                                  "/conflicts", "/search?q=hostage", "/static/vendor/uPlot.iife.min.js"])
def test_pages_render(client, path):
    assert client.get(path).status_code == 200


def test_ingest_needs_the_token_and_caps_bodies(db):
    client = TestClient(create_app(db, token="s3cret", max_body=2000))
    body = {"text": "The mayor said \"the bridge will reopen\" on Monday.", "published": "2024-03-04"}
    assert client.post("/api/ingest", json=body).status_code == 401
    assert client.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    made = client.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"})
    assert made.status_code == 201 and made.json()["added"]
    assert client.get(f"/api/articles/{made.json()['id']}").json()["article"]["published"] == "2024-03-04"
    huge = {"text": "word " * 1000}
    assert client.post("/api/ingest", json=huge, headers={"Authorization": "Bearer s3cret"}).status_code == 413
