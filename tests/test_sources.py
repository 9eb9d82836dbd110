"""`newsledger sources`, `/api/sources` and `/sources`: one row per reporting body, read from a read-only ledger."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from ledger_records import article, figure, record
from typer.testing import CliRunner

from newsledger import track
from newsledger.api import create_app
from newsledger.cli import app
from newsledger.store import Store

MINISTRY = ("Gaza's health ministry said at least 27,585 people had been killed in Gaza since October 7. "
            "The Israeli military said it had killed 10,000 fighters.")
HAMAS_RUN = "The Hamas-run health ministry said 27,708 people had been killed in Gaza."


def _credited(fig, body: str, kind: str, affiliation: str | None = None):
    return replace(fig, source_body=body, source_kind=kind, source_jurisdiction="Gaza" if "Gaza" in body else
                   "Israel", source_affiliation=affiliation)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("sources") / "ledger.db")
    first = _credited(figure(MINISTRY, "f1", "27,585", 27585, "killed", qualifier="at_least", as_of="2024-02-07",
                             source="Gaza's health ministry"), "Gaza Health Ministry", "health ministry", "Hamas")
    army = _credited(figure(MINISTRY, "f2", "10,000", 10000, "killed", as_of="2024-02-07",
                            source="The Israeli military"), "Israel Defense Forces", "military")
    later = _credited(figure(HAMAS_RUN, "f1", "27,708", 27708, "killed", as_of="2024-02-08",
                             source="The Hamas-run health ministry"), "Gaza Health Ministry", "health ministry",
                      "Hamas")
    with Store(db) as store:
        store.save(record(article(MINISTRY, "2024-02-07"), figures=[first, army]))
        store.save(record(article(HAMAS_RUN, "2024-02-08", outlet="Other Wire"), figures=[later]))
        track.refresh(store)
    return db


def test_the_cli_lists_each_body_once_with_every_way_it_was_named(ledger):
    result = CliRunner().invoke(app, ["sources", "--db", ledger, "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["name"], r["figures"], r["first_seen"], r["last_seen"]) for r in rows] == [
        ("Gaza Health Ministry", 2, "2024-02-07", "2024-02-08"), ("Israel Defense Forces", 1, "2024-02-07",
                                                                  "2024-02-07")]
    assert rows[0]["aliases"] == ["Gaza's health ministry", "The Hamas-run health ministry"]
    assert rows[0]["affiliation"] == "Hamas" and rows[1]["kind"] == "military"


def test_the_api_and_the_page_read_the_same_bodies(ledger):
    client = TestClient(create_app(ledger))  # no token: the read-only store only
    listed = client.get("/api/sources", params={"kind": "military"}).json()
    assert [b["name"] for b in listed["items"]] == ["Israel Defense Forces"] and listed["next_offset"] is None
    assert client.get("/api/sources", params={"offset": -1}).status_code == 422
    page = client.get("/sources", params={"search": "gaza"})
    assert page.status_code == 200 and "Gaza Health Ministry" in page.text and "Israel Defense Forces" not in page.text
    assert "/api/sources" in page.text  # the page names its JSON twin


def test_reading_sources_never_creates_a_ledger(tmp_path):
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(app, ["sources", "--db", str(missing)])
    assert result.exit_code != 0 and "no ledger at" in result.output and not missing.exists()
