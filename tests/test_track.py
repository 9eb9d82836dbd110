"""The ledger across articles: canonical entities, stories, repeated quotes, series against a reference, conflicts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from ledger_corpus import OTHER, WIRE_1, corpus
from ledger_records import article, entity, figure, quote, record

from newsledger import track
from newsledger.store import Store, queries
from newsledger.track import conflicts, series

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture()
def store(tmp_path):
    with Store(str(tmp_path / "ledger.db")) as s:
        for r in corpus():
            s.save(r)
        track.refresh(s)
        yield s


def by_name(store: Store) -> dict[str, dict]:
    return {e["name"]: e for e in queries.entities(store, limit=100)}


def test_one_canonical_entity_per_person_with_aliases_and_titles(store):
    people = by_name(store)
    netanyahu = people["Benjamin Netanyahu"]
    assert netanyahu["articles"] == 3  # the surname-only article joined through its "Prime Minister" title
    assert "the Israeli leader" in netanyahu["aliases"] and "Netanyahu" in netanyahu["aliases"]
    assert "Israeli Prime Minister" in netanyahu["titles"]
    assert people["Yair Netanyahu"]["id"] != netanyahu["id"]  # same surname, another person


def test_surname_shared_by_two_people_without_a_deciding_title_stays_apart(tmp_path):
    text = "Yair Netanyahu and Benjamin Netanyahu arrived.\n\nLater, Netanyahu spoke to reporters."
    other = "Netanyahu declined to comment on Sunday."
    with Store(str(tmp_path / "l.db")) as s:
        s.save(record(article(text, "2024-03-01"), [entity(text, "e1", "Yair Netanyahu"),
                                                   entity(text, "e2", "Benjamin Netanyahu")]))
        s.save(record(article(other, "2024-03-02"), [entity(other, "e1", "Netanyahu")]))
        track.refresh(s)
        names = by_name(s)
    assert names["Netanyahu"]["articles"] == 1
    assert names["Yair Netanyahu"]["articles"] == names["Benjamin Netanyahu"]["articles"] == 1


def test_surname_seen_first_is_folded_into_the_full_name_that_arrives_later(tmp_path):
    early, late = "Blinken landed in Cairo on Monday.", "Antony Blinken met Egyptian officials."
    with Store(str(tmp_path / "l.db")) as s:
        s.save(record(article(early, "2024-03-01"), [entity(early, "e1", "Blinken")]))
        track.refresh(s)
        s.save(record(article(late, "2024-03-02"), [entity(late, "e1", "Antony Blinken")]))
        assert track.refresh(s)["entities_linked"] == 1  # incremental: only the new article's entity
        names = by_name(s)
    assert set(names) == {"Antony Blinken"}
    assert names["Antony Blinken"]["articles"] == 2 and names["Antony Blinken"]["first_seen"] == "2024-03-01"


def test_a_partial_name_joins_its_full_form_and_nationalities_are_not_listed(tmp_path):
    full, partial = ("Sheikh Mohammed bin Abdulrahman Al Thani met Israeli envoys.", "Al Thani said talks went on.")
    with Store(str(tmp_path / "l.db")) as s:
        s.save(record(article(full, "2024-03-01"), [entity(full, "e1", "Mohammed bin Abdulrahman Al Thani"),
                                                   entity(full, "e2", "Israeli", "NORP")]))
        s.save(record(article(partial, "2024-03-02"), [entity(partial, "e1", "Al Thani")]))
        track.refresh(s)
        names = by_name(s)
        assert [e["name"] for e in queries.entities(s, type="NORP")] == ["Israeli"]
    assert set(names) == {"Mohammed bin Abdulrahman Al Thani"}
    assert names["Mohammed bin Abdulrahman Al Thani"]["articles"] == 2


def test_wire_copies_cluster_into_one_story_and_a_different_report_does_not(store):
    found = queries.stories(store)
    assert len(found) == 1
    members = [a["id"] for a in found[0]["articles"]]
    assert len(members) == 2 and article(OTHER, "2024-02-07").id not in members
    assert found[0]["story_id"] == article(WIRE_1, "2024-02-06").id  # named after the first report


def test_repeated_quote_is_listed_once_with_every_place_and_first_seen(store):
    rows = queries.quotes(store, search="victory within reach")
    assert len(rows) == 1
    assert rows[0]["first_seen"] == "2024-02-06" and len(rows[0]["appearances"]) == 2
    assert rows[0]["speaker"] == "Benjamin Netanyahu"


def test_quote_filters(store):
    assert {q["published"] for q in queries.quotes(store, since="2024-02-07")} == {"2024-02-07"}
    assert queries.quotes(store, speaker="yair") == []
    assert len(queries.quotes(store, speaker="netanyahu")) == 2
    # FTS syntax in user text is taken as words, never as a query language
    assert queries.quotes(store, search='hostage" OR NEAR(') == []
    assert len(queries.quotes(store, search="hostage home")) == 1


def test_series_groups_by_source_in_date_order(store):
    groups = queries.series(store, category="killed", place="Gaza")
    ministry = next(g for g in groups if g["source"] == "Gaza Health Ministry")
    assert [p["value"] for p in ministry["points"]] == [27585, 27708]
    assert all(p["article_id"] and p["text"] for p in ministry["points"])


def test_reference_import_and_compare(store, tmp_path):
    daily = tmp_path / "daily.json"
    daily.write_text(json.dumps([{"report_date": "2024-02-06", "killed_cum": 27585, "injured_cum": 66978},
                                 {"report_date": "2024-02-07", "killed_cum": 27708},
                                 {"report_date": "not a date", "killed_cum": 1}]))
    assert series.import_reference(store, str(daily)) == {"killed": 2, "injured": 1}
    verdicts = {p["value"]: (p["status"], p["reference_value"]) for p in series.compare(store, category="killed")}
    assert verdicts[27585][0] == verdicts[27708][0] == "agree"
    assert verdicts[20000] == ("differ", 27708)
    series.import_reference(store, str(daily))  # importing again replaces, never doubles
    assert len(queries.reference(store, category="killed")) == 2


def test_conflicting_sources_are_listed_side_by_side(store):
    found = conflicts.find_conflicts(store, category="killed")
    assert found and all({c["a"]["source"], c["b"]["source"]} == {"Gaza Health Ministry", "Israeli officials"}
                          for c in found)
    # the ministry's two tolls are one source: a rising count is not a conflict
    assert not any(c["a"]["source"] == c["b"]["source"] for c in found)


def test_qualifiers_widen_what_can_be_true_by_stated_precision():
    point = {"qualifier": "more_than", "value": 27000.0, "low": 27000.0, "high": None, "text": "more than 27,000"}
    assert series.interval(point) == (27000, 28000)
    assert series.interval({**point, "value": 10000.0, "text": "more than 10,000"}) == (10000, 20000)
    assert series.interval({**point, "qualifier": "about", "value": 26000.0, "text": "about 26,000"}) == (25500, 26500)
    assert series.interval({**point, "qualifier": "about", "value": 200.0, "text": "nearly 200"}) == (180, 200)
    assert series.interval({**point, "qualifier": "at_least", "text": "at least 27,000"})[1] == float("inf")
    assert series.interval({**point, "qualifier": "vague"}) is None
    assert series.interval({**point, "qualifier": "range", "low": 10.0, "high": 12.0}) == (10.0, 12.0)


def test_refresh_is_idempotent_and_rebuild_gives_the_same_ledger(store):
    before = by_name(store)
    assert track.refresh(store) == {"entities_linked": 0, "articles_clustered": 0, "quotes_grouped": 0}
    track.refresh(store, rebuild=True)
    after = by_name(store)
    assert {k: v["articles"] for k, v in before.items()} == {k: v["articles"] for k, v in after.items()}


def test_odd_input_does_not_break_the_pass(tmp_path):
    text = "“Unbalanced quote said Ünïcödé\u200b"
    with Store(str(tmp_path / "l.db")) as s:
        s.save(record(article(text, None), [entity(text, "e1", "Ünïcödé")],
                      [quote(text, "q1", "Unbalanced quote", None, None)]))
        s.save(record(article("", None)))
        assert track.refresh(s)["entities_linked"] == 1
        assert len(queries.quotes(s, search="“")) == 1  # no words to search for: every quote


@pytest.mark.shared
def test_tfp_reference_loads():
    path = SHARED / "tfp" / "casualties_daily.json"
    if not path.exists():
        pytest.skip("../shared/data/tfp is not here")
    with Store("sqlite://") as s:
        counts = series.import_reference(s, str(path))
    assert counts["killed"] > 900 and counts["injured"] > 900


def test_an_incident_toll_beside_the_running_totals_adds_no_conflict(store):
    before = conflicts.find_conflicts(store, category="killed")
    text = "Civil defence officials said 31 people were killed in the strike on a house in Gaza on Wednesday."
    strike = figure(text, "f1", "31", 31, "killed", as_of="2024-02-07", source="Civil defence officials")
    strike.scope = "incident"
    store.save(record(article(text, "2024-02-07", "Agency"), figures=[strike]))
    assert conflicts.find_conflicts(store, category="killed") == before
