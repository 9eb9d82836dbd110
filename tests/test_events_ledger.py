"""Events across articles: reports of one event in several articles listed once, in the CLI, the API and the page."""
from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from ledger_records import article, entity
from typer.testing import CliRunner

from newsledger import nlp, track
from newsledger.api import create_app
from newsledger.cli import app
from newsledger.model import Event, RawArticle, Record, Span
from newsledger.pipeline import analyse, clean_one
from newsledger.store import Store
from newsledger.track.events import ledger_events

RAID = ("Israeli troops raided Jenin on Tuesday, killing three Palestinians, the Palestinian health ministry said.\n\n"
        "The army said the raid targeted militants wanted for shooting attacks.")
# The same wire story as another outlet ran it, with one more paragraph.
RAID_COPY = RAID + "\n\nThe army did not comment on the deaths."
RAID_REWRITE = ("Three Palestinians were killed when Israeli soldiers raided the Jenin refugee camp in the occupied "
                "West Bank on Tuesday, according to the Palestinian health ministry.")
SHELLING = ("Russian forces shelled the Ukrainian city of Kharkiv on Wednesday, wounding five civilians, "
            "officials said.")
PUBLISHED = "2024-02-07"


def analysed(text: str, outlet: str, headline: str):
    raw = RawArticle(source_path=f"{outlet}.txt", text=text, published=PUBLISHED, outlet=outlet, headline=headline)
    art = clean_one(raw, verbatim=True)
    return analyse(art, nlp.parse(art.text))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    nlp.load()
    path = str(tmp_path_factory.mktemp("events") / "ledger.db")
    with Store(path) as s:
        for text, outlet, headline in ((RAID, "Wire", "Israeli troops raid Jenin"),
                                       (RAID_COPY, "Herald", "Troops raid Jenin <b>live</b> & updates"),
                                       (RAID_REWRITE, "Daily", "Three killed in Jenin raid"),
                                       (SHELLING, "Wire", "Russia shells Kharkiv")):
            assert s.save(analysed(text, outlet, headline))
        track.refresh(s)
    return path


@pytest.fixture()
def store(db):
    with Store(db) as s:
        yield s


def raids(events: list[dict]) -> list[dict]:
    return [v for v in events if v["target"] == "Jenin"]


def test_three_reports_of_one_raid_are_one_event(store):
    found = raids(ledger_events(store, limit=None))
    assert len(found) == 1
    raid = found[0]
    assert (raid["type"], raid["report_count"], raid["article_count"]) == ("COERCE", 3, 3)
    assert raid["date"] == "2024-02-06" and raid["first_reported"] == raid["last_reported"] == PUBLISHED
    assert {r["outlet"] for r in raid["reports"]} == {"Wire", "Herald", "Daily"}
    for report in raid["reports"]:
        stored = store.record(report["article_id"]).article.text
        for span in (report["trigger"], report["sentence"]):
            assert stored[span["start"]:span["end"]] == span["text"]
        assert report["trigger"]["text"] == "raided"


def test_a_different_event_stays_apart(store):
    found = ledger_events(store, limit=None)
    shelling = [v for v in found if v["type"] == "ASSAULT" and v["actor"] == "Russian Military"]
    assert len(shelling) == 1 and shelling[0]["report_count"] == 1
    assert all(r["outlet"] == "Wire" for r in shelling[0]["reports"])
    assert all(len({r["article_id"] for r in v["reports"]}) == v["article_count"] for v in found)


def test_filters_and_paging(store):
    every = ledger_events(store, limit=None)
    assert {v["type"] for v in ledger_events(store, type="coerce", limit=None)} == {"COERCE"}
    in_jenin = ledger_events(store, place="jenin", limit=None)
    assert raids(in_jenin) and all("Jenin" in (v["target"], v["place"]) for v in in_jenin)
    in_kharkiv = ledger_events(store, place="Kharkiv", limit=None)
    assert [(v["actor"], v["target"]) for v in in_kharkiv] == [("Russian Military", "Kharkiv")]  # "Russian forces": the registry's body
    assert not raids(ledger_events(store, since="2024-02-07", limit=None))
    assert raids(ledger_events(store, until="2024-02-06", limit=None))
    assert ledger_events(store, limit=2) + ledger_events(store, limit=2, offset=2) == every[:4]
    dates = [v["date"] for v in every if v["date"]]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_reports_carry_the_ledgers_canonical_names(tmp_path):
    first = "Benjamin Netanyahu met Antony Blinken in Jerusalem on Monday."
    second = "Netanyahu held talks with Blinken on Monday, officials said."
    with Store(str(tmp_path / "l.db")) as s:
        for text, people in ((first, ("Benjamin Netanyahu", "Antony Blinken")), (second, ("Netanyahu", "Blinken"))):
            found = [entity(text, f"e{n}", name) for n, name in enumerate(people, 1)]
            trigger = "met" if "met" in text else "held talks"
            start = text.index(trigger)
            meeting = Event(id="v1", type="CONSULT", trigger=Span.of(text, start, start + len(trigger)),
                            sentence=Span.of(text, 0, len(text)), actor="e1", target="e2", date="2024-02-05")
            s.save(Record(article=article(text, "2024-02-05"), entities=found, events=[meeting]))
        track.refresh(s)
        found = ledger_events(s)
    assert len(found) == 1 and found[0]["report_count"] == 2
    assert (found[0]["actor"], found[0]["target"]) == ("Benjamin Netanyahu", "Antony Blinken")
    assert found[0]["actor_id"] is not None


def test_an_empty_ledger_and_odd_rows_do_not_break_the_listing(tmp_path):
    odd = "“Unbalanced ⁂ raided\u200b"
    with Store(str(tmp_path / "l.db")) as s:
        assert ledger_events(s) == []
        event = Event(id="v1", type="ASSAULT", trigger=Span.of(odd, 0, 3), sentence=Span.of(odd, 0, len(odd)),
                      date="2024-13-45", place="⁂", actor_name="“Unbalanced")
        s.save(Record(article=article(odd, None), events=[event]))
        assert [v["report_count"] for v in ledger_events(s, place="⁂")] == []  # a place with no words matches none
        assert [v["report_count"] for v in ledger_events(s)] == [1]


def test_a_toll_with_no_actor_and_a_condition_are_not_events(tmp_path):
    with Store(str(tmp_path / "l.db")) as s:
        for text in ("The health ministry said 130 people had been killed in the past 24 hours.",
                     "Israeli troops raided Jenin on Tuesday, the ministry said.",
                     "Hamas said it would free hostages only if Israel withdrew its forces from Gaza."):
            assert s.save(analysed(text, "Wire", text[:20]))
        track.refresh(s)
        listed = [(v["type"], v["actor"], v["planned"]) for v in ledger_events(s, limit=None)]
        assert ("COERCE", "Israel Defense Forces", False) in listed and ("ASSAULT", None, False) not in listed
        assert not [kind for kind, actor, _ in listed if actor == "Israeli Government"]  # "only if Israel withdrew"
        assert [v["type"] for v in ledger_events(s, actor="defense forces", limit=None)] == ["COERCE"]
        assert [v["planned"] for v in ledger_events(s, actor="Hamas", limit=None)] == [True]  # "would free hostages"


def test_api_lists_events_with_filters_and_pages(db):
    client = TestClient(create_app(db, token=""))
    page = client.get("/api/events", params={"type": "COERCE"}).json()
    assert [v["report_count"] for v in page["items"]] == [3] and page["next_offset"] is None
    first = client.get("/api/events", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_offset"] == 1
    assert [v["target"] for v in client.get("/api/events", params={"place": "kharkiv"}).json()["items"]] == ["Kharkiv"]
    assert client.get("/api/events", params={"since": "not-a-date"}).status_code == 422


def test_events_page_links_every_report_and_escapes_text(db):
    client = TestClient(create_app(db, token=""))
    page = client.get("/events", params={"type": "COERCE"})
    assert page.status_code == 200
    html = page.text
    with Store(db) as s:
        raid = raids(ledger_events(s, type="COERCE"))[0]
    for report in raid["reports"]:
        assert f'href="/articles/{report["article_id"]}"' in html
    assert html.count("<b>raided</b>") == 3  # the trigger marked in each reporting sentence
    assert "&lt;b&gt;live&lt;/b&gt; &amp; updates" in html and "<b>live</b>" not in html
    assert 'href="/events"' in client.get("/").text  # in the navigation
    assert client.get("/events", params={"since": "garbage", "place": "<script>"}).status_code == 200


def test_events_page_shows_who_did_what_to_whom_and_filters_by_actor_and_dates(db):
    client = TestClient(create_app(db, token=""))
    html = client.get("/events", params={"actor": "Russian", "until": "2024-02-07"}).text
    assert '<span class="event-who">Russian Military</span>' in html
    assert re.search(r'<span class="event-whom">(<a href="/entities/\d+">)?Kharkiv<', html) and "Jenin" not in html
    assert "<b>raided</b>" in client.get("/events", params={"actor": "defense forces"}).text
    assert "No events match these filters" in client.get("/events", params={"until": "2000-01-01"}).text


def test_cli_lists_events_as_json_csv_and_a_table(db):
    runner = CliRunner()
    listed = json.loads(runner.invoke(app, ["events", "--db", db, "--type", "COERCE", "--json"]).output)
    assert [v["report_count"] for v in listed] == [3]
    csv = runner.invoke(app, ["events", "--db", db, "--place", "Jenin", "--csv"]).output
    assert csv.splitlines()[0].startswith("id,type,planned,actor")
    table = runner.invoke(app, ["events", "--db", db, "--since", "2024-02-06"])
    assert table.exit_code == 0 and "COERCE" in table.output
    assert runner.invoke(app, ["events", "--db", db, "--since", "Tuesday"]).exit_code == 2


def test_one_strike_reported_with_different_tolls_is_listed_once(tmp_path):
    """The targets of both reports are the victims counted ("12 people", "at least 15 people"): the toll they
    dispute, not two different targets."""
    with Store(str(tmp_path / "l.db")) as s:
        for text, outlet in (("An Israeli airstrike killed 12 people in Rafah on Tuesday, the health ministry said.",
                              "Wire"),
                             ("An Israeli airstrike killed at least 15 people in Rafah on Tuesday, according to the "
                              "civil defence.", "Daily"),
                             ("An Israeli airstrike killed four people in Khan Younis on Tuesday, medics said.",
                              "Wire")):
            assert s.save(analysed(text, outlet, text[:20]))
        track.refresh(s)
        strikes = {v["place"]: v for v in ledger_events(s, type="ASSAULT", limit=None)}
    assert strikes["Rafah"]["report_count"] == 2 and strikes["Rafah"]["article_count"] == 2
    assert strikes["Khan Younis"]["report_count"] == 1  # another place is another strike
