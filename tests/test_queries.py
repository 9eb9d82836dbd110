"""The query layer on small composed ledgers: search ranking and its window, speaker and source filters through the
ledger's canonical names, figure scopes in listings, and events marked where their trigger was found."""
from __future__ import annotations

import json

from fastapi.testclient import TestClient
from ledger_corpus import corpus
from ledger_records import article, entity, figure, quote, record, span
from sqlalchemy import create_engine, inspect, text, update
from typer.testing import CliRunner

from newsledger import track
from newsledger.api import create_app
from newsledger.cli import app
from newsledger.model import Event, Record
from newsledger.store import Store, queries, schema
from newsledger.track.events import ledger_events

# Stored oldest first; the first is the most relevant to "ceasefire" (the word twice in a short quote).
CEASEFIRE_QUOTES = [
    ("2024-03-01", "\"The ceasefire must hold, the ceasefire is all we have,\" the mediator said."),
    ("2024-03-02", "\"We discussed aid deliveries, prisoner releases, fuel supplies and, briefly, a ceasefire in the "
                   "north,\" a diplomat said."),
    ("2024-03-03", "\"Talks on reconstruction, border crossings and a possible ceasefire will resume next week in "
                   "Cairo,\" an official said."),
    ("2024-03-04", "\"Families want answers about the hostages, the shelling, the evacuation orders and any ceasefire "
                   "plan,\" a spokeswoman said."),
]


def quoted_words(body: str) -> str:
    return body[body.index("\"") + 1:body.rindex("\"")]


def ceasefire_ledger(path: str) -> Store:
    s = Store(path)
    for n, (published, body) in enumerate(CEASEFIRE_QUOTES):
        speaker = body.split("\" ", 1)[1].rsplit(" said", 1)[0]
        s.save(record(article(body, published, outlet=f"Outlet{n}"),
                      quotes=[quote(body, "q1", quoted_words(body), None, speaker)]))
    return s


def test_search_ranks_every_match_by_relevance_under_the_window(tmp_path):
    with ceasefire_ledger(str(tmp_path / "l.db")) as s:
        found = [row["content"] for row in queries.quotes(s, search="ceasefire")]
    assert len(found) == len(CEASEFIRE_QUOTES)
    assert found[0] == quoted_words(CEASEFIRE_QUOTES[0][1])


def test_a_broad_search_ranks_only_its_newest_matches(tmp_path, monkeypatch):
    monkeypatch.setattr(queries, "RANK_WINDOW", 2)
    with ceasefire_ledger(str(tmp_path / "l.db")) as s:
        found = {row["content"] for row in queries.quotes(s, search="ceasefire")}
        few = [row["content"] for row in queries.quotes(s, search="mediator ceasefire")]
    assert found == {quoted_words(body) for _, body in CEASEFIRE_QUOTES[-2:]}
    # a search with no more matches than the window still finds the old quote it matches
    assert few == [quoted_words(CEASEFIRE_QUOTES[0][1])]


def test_speaker_filter_finds_quotes_under_every_name_of_a_canonical_entity(tmp_path):
    full = "\"We will bring the hostages home,\" Benjamin Netanyahu said in Jerusalem on Monday."
    short = "\"No deal will leave hostages behind,\" Netanyahu said on Tuesday after meeting envoys."
    other = "\"The hostages must be freed now,\" Antony Blinken said in Doha on Tuesday."
    with Store(str(tmp_path / "l.db")) as s:
        for body, published, name in ((full, "2024-03-04", "Benjamin Netanyahu"), (short, "2024-03-05", "Netanyahu"),
                                      (other, "2024-03-05", "Antony Blinken")):
            speaker = entity(body, "e1", name)
            s.save(record(article(body, published), [speaker], [quote(body, "q1", quoted_words(body), speaker, name)]))
        track.refresh(s)
        searched = queries.quotes(s, search="hostages", speaker="Benjamin Netanyahu")
        listed = queries.quotes(s, speaker="Benjamin Netanyahu")
    expected = {quoted_words(full), quoted_words(short)}
    assert {row["content"] for row in searched} == {row["content"] for row in listed} == expected
    assert {row["speaker"] for row in searched} == {"Benjamin Netanyahu"}


def test_series_by_source_matches_a_substring_filter_over_figures(tmp_path):
    extra = [
        ("The health ministry said 27,900 people had been killed in Gaza since October 7.", "27,900", 27900,
         "The health ministry"),
        ("Gaza's Ministry of Health put the death toll at 28,064 on Friday.", "28,064", 28064,
         "Gaza's Ministry of Health"),
        ("The Israeli military said 12,000 militants had been killed since the war began.", "12,000", 12000,
         "The Israeli military"),
        ("At least 28,100 people have been killed in Gaza, according to reports.", "28,100", 28100, None),
    ]
    with Store(str(tmp_path / "l.db")) as s:
        for r in corpus():
            s.save(r)
        for n, (body, words, value, source) in enumerate(extra):
            s.save(record(article(body, f"2024-02-{8 + n:02d}"),
                          figures=[figure(body, "f1", words, value, "killed", as_of=f"2024-02-{8 + n:02d}",
                                          source=source)]))
        injured = "The health ministry said 67,000 people had been wounded."
        s.save(record(article(injured, "2024-02-09"),
                      figures=[figure(injured, "f1", "67,000", 67000, "injured", source="The health ministry")]))
        track.refresh(s)
        grouped = queries.series(s, category="killed", source="ministry")
        every = queries.figures(s, category="killed", limit=None)
    points = [point for group in grouped for point in group["points"]]
    expected = [point for point in every if "ministry" in point["source"].lower()]
    assert len({point["source"] for point in expected}) >= 3 and len(expected) < len(every)
    assert sorted(points, key=_key) == sorted(expected, key=_key)
    assert all(group["source"] == point["source"] for group in grouped for point in group["points"])


def _key(point: dict) -> tuple[str, str]:
    return point["article_id"], point["local_id"]


def test_figure_listings_carry_the_scope(tmp_path):
    body = "Civil defence officials said 31 people were killed in the strike on a house in Rafah."
    strike = figure(body, "f1", "31", 31, "killed", as_of="2024-02-07", place="Rafah")
    strike.scope = "incident"
    path = str(tmp_path / "l.db")
    with Store(path) as s:
        for r in corpus():
            s.save(r)
        s.save(record(article(body, "2024-02-07"), figures=[strike]))
        listed = {point["text"]: point["scope"] for point in queries.figures(s, category="killed")}
    assert listed["31"] == "incident" and listed["27,585"] is None
    printed = json.loads(CliRunner().invoke(app, ["figures", "--db", path, "--place", "Rafah", "--json"]).output)
    assert [(point["text"], point["scope"]) for point in printed] == [("31", "incident")]
    client = TestClient(create_app(path, token=""))
    items = client.get("/api/figures", params={"place": "Rafah"}).json()["items"]
    assert [point["scope"] for point in items] == ["incident"]


# The trigger is the second "attacked": a search for the word in the sentence would find the first.
ATTACK = "Police, who said they attacked nobody, attacked protesters in Minsk on Sunday, witnesses said."


def attack_record() -> Record:
    trigger = span(ATTACK, "attacked", 1)
    event = Event(id="v1", type="ASSAULT", trigger=trigger, sentence=span(ATTACK, ATTACK), place="Minsk",
                  date="2024-03-03", actor_mention=span(ATTACK, "Police"))  # the ledger lists events with an actor
    return Record(article=article(ATTACK, "2024-03-04"), entities=[entity(ATTACK, "e1", "Minsk", "GPE")],
                  events=[event])


def test_events_are_marked_where_their_trigger_was_found(tmp_path):
    path = str(tmp_path / "l.db")
    with Store(path) as s:
        s.save(attack_record())
        trigger = ledger_events(s)[0]["reports"][0]["trigger"]
    second = ATTACK.index("attacked", ATTACK.index("attacked") + 1)
    assert (trigger["start"], trigger["end"], trigger["text"]) == (second, second + len("attacked"), "attacked")
    html = TestClient(create_app(path, token="")).get("/events").text
    assert "they attacked nobody, <b>attacked</b> protesters" in html


def test_events_stored_without_a_trigger_position_fall_back_to_its_words(tmp_path):
    with Store(str(tmp_path / "l.db")) as s:
        s.save(attack_record())
        with s.engine.begin() as conn:
            conn.execute(update(schema.events).values(trigger_start=None, trigger_end=None))
        trigger = ledger_events(s)[0]["reports"][0]["trigger"]
    assert (trigger["start"], trigger["text"]) == (ATTACK.index("attacked"), "attacked")


def test_an_old_ledger_gains_the_trigger_columns(tmp_path):
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    before = schema.MIGRATIONS.index(schema._add_event_trigger_span)
    with engine.begin() as conn:  # a ledger from before trigger positions: no trigger_start, trigger_end
        schema.metadata.create_all(conn, tables=[schema.schema_version])
        for number, step in enumerate(schema.MIGRATIONS[:before], start=1):
            step(conn)
            conn.execute(schema.schema_version.insert().values(version=number))
        conn.execute(text("ALTER TABLE events DROP COLUMN trigger_start"))
        conn.execute(text("ALTER TABLE events DROP COLUMN trigger_end"))
    engine.dispose()
    with Store(str(path)) as s:
        assert s.version == len(schema.MIGRATIONS)
        with s.engine.connect() as conn:
            assert {"trigger_start", "trigger_end"} <= {col["name"] for col in inspect(conn).get_columns("events")}
        s.save(attack_record())
        assert ledger_events(s)[0]["reports"][0]["trigger"]["start"] == attack_record().events[0].trigger.start
