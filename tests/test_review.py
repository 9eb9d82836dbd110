"""Reviewers' corrections: they last through re-ingest, a new engine version and `load`, and only reviewers write."""
from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsledger import track
from newsledger.api import create_app
from newsledger.cli import app
from newsledger.eval import figures as figures_eval
from newsledger.eval import polnear, timeml
from newsledger.extract.quotes import cues as quote_cues
from newsledger.pipeline import analyse_articles, clean_inputs, ingest_into
from newsledger.review import gold, users
from newsledger.review.reanalyse import reanalyse
from newsledger.review.service import correct
from newsledger.scale.load import load_shards
from newsledger.scale.shards import shard_rows, write_shard
from newsledger.store import Store, queries
from newsledger.store.corrections import CorrectionError, Draft, import_corrections, listing
from newsledger.track.corrections import statuses

GAZA = """At least 27,019 people have been killed in Gaza since October 7, the territory's health ministry said on \
Friday.

"We are running out of everything, even bandages," Dr. Mohammed Abu Salmiya, the director of Shifa Hospital, told \
reporters.

Israel's military spokesman Daniel Hagari warned that the army would widen its operation into Rafah.

Egyptian officials said mediators would meet in Cairo on Sunday to discuss a six-week pause in the fighting.
"""
LEBANON = """Israeli strikes on southern Lebanon killed three people on Tuesday, Lebanon's state news agency said.

The Lebanese health ministry said more than 200 people had been killed in the border area since October.

Hezbollah's deputy leader Naim Qassem said the group would not stop its attacks while the war in Gaza went on.
"""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("news")
    (folder / "gaza-toll.txt").write_text(GAZA, encoding="utf-8")
    (folder / "lebanon-strikes.txt").write_text(LEBANON, encoding="utf-8")
    return folder


def _ledger(path, inputs, published="2024-02-02") -> Store:
    store = Store(str(path))
    ingest_into(store, [str(inputs)], published=published)
    return store


def _gaza_id(store: Store) -> str:
    return next(r["id"] for r in queries.articles(store) if "27,019" in store.record(r["id"]).article.text)


def _at(store: Store, aid: str, words: str) -> tuple[int, int]:
    text = store.record(aid).article.text
    return text.index(words), text.index(words) + len(words)


def _speaker_fix(store: Store, aid: str) -> Draft:
    """The spokesman's quote: the engines keep "Israel's military spokesman" unresolved; the name is right there."""
    start, end = _at(store, aid, "the army would widen its operation")
    return Draft("change", "quote", start, end, "speaker", "Daniel Hagari", "named in the same sentence", aid)


def _quote_of(data: dict, words: str) -> dict:
    return next(q for q in data["quotes"] if words in q["content"][0]["text"])


def test_a_correction_applies_everywhere_with_its_provenance(tmp_path, inputs):
    with _ledger(tmp_path / "ledger.db", inputs) as store:
        aid = _gaza_id(store)
        made = correct(store, _speaker_fix(store, aid), "alice", door="cli")
        assert made.before == "Israel's military spokesman" and made.span_text.startswith("that the army")
        data = queries.article(store, aid)
        assert _quote_of(data, "widen")["speaker"]["name"] == "Daniel Hagari"
        assert data["review"]["corrections"][0]["provenance"].startswith("corrected by alice on ")
        assert _quote_of(queries.article(store, aid, original=True), "widen")["speaker"] is None
        listed = queries.quotes(store, speaker="Hagari")
        assert len(listed) == 1 and listed[0]["corrected"].startswith(
            "speaker: Israel's military spokesman → Daniel Hagari, corrected by alice")
        exported = [r for r in queries.export_rows(store, "quotes") if r["article_id"] == aid]
        assert sum(1 for r in exported if r["corrected"]) == 1
        hagari = queries.entities(store, search="Hagari")[0]
        assert [q["content"] for q in queries.entity(store, hagari["id"])["quotes"]] == [
            "that the army would widen its operation into Rafah"]


def test_rejected_and_changed_figures_and_added_quotes(tmp_path, inputs):
    with _ledger(tmp_path / "ledger.db", inputs) as store:
        aid = _gaza_id(store)
        start, end = _at(store, aid, "At least 27,019 people")
        correct(store, Draft("change", "figure", start, end, "value", "27131", "the ministry's later count", aid),
                "bob", door="cli")
        bandages = _at(store, aid, "We are running out of everything")
        correct(store, Draft("reject", "quote", *bandages, why="test of a reject", article_id=aid), "bob", "cli")
        fighting = _at(store, aid, "a six-week pause in the fighting")
        correct(store, Draft("add", "figure", *fighting, after={"value": "6", "category": "other"}, why="a duration",
                             article_id=aid), "bob", "cli")
        data = queries.article(store, aid)
        assert [f["value"] for f in data["figures"]] == [27131, 6]
        assert not any("bandages" in q["content"][0]["text"] for q in data["quotes"])
        assert data["review"]["rejected"][0]["record"]["speaker"]["name"] == "Mohammed Abu Salmiya"
        assert queries.quotes(store, speaker="Salmiya") == []
        with pytest.raises(CorrectionError, match="no quote at"):
            correct(store, Draft("change", "quote", *_at(store, aid, "Egyptian officials"), "speaker", "Egypt",
                                 "wrong span", aid), "bob", "cli")


def test_a_correction_survives_reingest_into_a_fresh_ledger(tmp_path, inputs):
    with _ledger(tmp_path / "first.db", inputs) as first:
        aid = _gaza_id(first)
        correct(first, _speaker_fix(first, aid), "alice", door="cli")
        assert ingest_into(first, [str(inputs)], published="2024-02-02").already == 2
        assert _quote_of(queries.article(first, aid), "widen")["speaker"]["name"] == "Daniel Hagari"
        carried = [c.to_dict() for c in listing(first)]
    with Store(str(tmp_path / "second.db")) as second:
        assert import_corrections(second, carried, "alice") == (1, 0)
        assert import_corrections(second, carried, "alice") == (0, 1)
        assert statuses(second) == {}  # pending: the article is not here yet
        ingest_into(second, [str(inputs)], published="2024-02-02")
        assert _quote_of(queries.article(second, aid), "widen")["speaker"]["name"] == "Daniel Hagari"
        assert set(statuses(second).values()) == {"applied"}


def test_a_new_engine_version_reapplies_by_span_or_lists_the_correction_orphaned(tmp_path, inputs, monkeypatch):
    with _ledger(tmp_path / "ledger.db", inputs) as store:
        aid = _gaza_id(store)
        spokesman = correct(store, _speaker_fix(store, aid), "alice", door="cli")
        officials = _at(store, aid, "mediators would meet in Cairo")
        egypt = correct(store, Draft("change", "quote", *officials, "speaker", "Egypt", "the officials speak for it",
                                     aid), "alice", door="cli")
        before = {q["id"] for q in queries.article(store, aid)["quotes"]}
        # The new engine version no longer takes "warn" for a reporting verb: the spokesman's quote is gone, and the
        # quotes after it are numbered anew.
        monkeypatch.delitem(quote_cues.CUE_FRAMES, "warn")
        assert reanalyse(store, [aid])[0] == 1
        data = queries.article(store, aid)
        assert {q["id"] for q in data["quotes"]} != before
        assert _quote_of(data, "mediators")["speaker"]["name"] == "Egypt"
        assert not any("widen" in q["content"][0]["text"] for q in data["quotes"])
        assert [o["id"] for o in data["review"]["orphaned"]] == [spokesman.id]
        assert statuses(store) == {spokesman.id: "orphaned", egypt.id: "applied"}
        assert len(listing(store)) == 2  # kept, not dropped
        monkeypatch.undo()  # the engine as before: the quote is back, and so is the correction
        reanalyse(store, [aid])
        assert _quote_of(queries.article(store, aid), "widen")["speaker"]["name"] == "Daniel Hagari"


def test_a_correction_survives_load_from_parquet_shards(tmp_path, inputs):
    records = list(analyse_articles(a for a in clean_inputs([str(inputs)], published="2024-02-02")))
    write_shard(tmp_path / "shards", 0, shard_rows(records))
    with _ledger(tmp_path / "reviewed.db", inputs) as reviewed:
        aid = _gaza_id(reviewed)
        correct(reviewed, _speaker_fix(reviewed, aid), "alice", door="cli")
        assert load_shards(tmp_path / "shards", reviewed).already == 2
        assert _quote_of(queries.article(reviewed, aid), "widen")["speaker"]["name"] == "Daniel Hagari"
        carried = [c.to_dict() for c in listing(reviewed)]
    with Store(str(tmp_path / "loaded.db")) as loaded:
        import_corrections(loaded, carried, "alice")
        assert load_shards(tmp_path / "shards", loaded).added == 2
        assert _quote_of(queries.article(loaded, aid), "widen")["speaker"]["name"] == "Daniel Hagari"
        assert queries.quotes(loaded, speaker="Daniel Hagari")[0]["corrected"]


def test_merge_and_moved_alias_last_through_a_rebuild(tmp_path, inputs):
    with _ledger(tmp_path / "ledger.db", inputs) as store:
        correct(store, Draft("merge", "entity", name="Lebanese", after="Lebanon", why="the same country"), "alice",
                "cli")
        correct(store, Draft("move-alias", "entity", name="Shifa Hospital", after="Al-Shifa Hospital",
                             why="the hospital's full name"), "alice", "cli")
        for rebuild in (False, True):
            track.refresh(store, rebuild=rebuild)
            names = {e["name"]: e for e in queries.entities(store, limit=100)}
            assert "Lebanese" not in names and "Lebanese" in names["Lebanon"]["aliases"]
            assert "Shifa Hospital" not in names and "Shifa Hospital" in names["Al-Shifa Hospital"]["aliases"]
        lebanon = queries.entity(store, names["Lebanon"]["id"])
        assert lebanon["corrections"][0]["provenance"].startswith("merged by alice")
        assert set(statuses(store).values()) == {"applied"}


def test_gold_exports_read_back_by_the_scorers(tmp_path, inputs):
    with _ledger(tmp_path / "ledger.db", inputs) as store:
        aid = _gaza_id(store)
        start, end = _at(store, aid, "At least 27,019 people")
        correct(store, Draft("change", "figure", start, end, "category", "injured", "a test of the loop", aid),
                "alice", "cli")
        correct(store, _speaker_fix(store, aid), "alice", door="cli")
        sunday = _at(store, aid, "Sunday")
        correct(store, Draft("change", "time", *sunday, "value", "2024-02-11", "a test of the loop", aid), "alice",
                "cli")
        text = store.record(aid).article.text
        assert gold.export_gold(store, "figures-gold", tmp_path / "figures") == 1
        scored = figures_eval.run(str(tmp_path / "figures"))
        # The engines still say "killed": measured against the reviewer, the category is wrong, the rest right.
        assert (scored["gold"], scored["matched"], scored["category_accuracy"], scored["value_accuracy"]) == (
            1, 1, 0.0, 100.0)
        assert gold.export_gold(store, "brat", tmp_path / "brat") == 1
        gold_quotes = polnear.load_split(tmp_path / "brat", "dev")[0]
        assert gold_quotes.text == text
        widen = next(a for a in gold_quotes.attributions if "widen" in text[a.content[0][0]:a.content[0][1]])
        assert [text[a:b] for a, b in widen.source] == ["Daniel Hagari"]
        assert gold.export_gold(store, "timeml", tmp_path / "timeml") == 1
        document = timeml.read_tml(next((tmp_path / "timeml").glob("*.tml")))
        assert document.text == text and document.published == "2024-02-02"
        assert ("Sunday", "2024-02-11") in {(t.text, t.value) for t in document.timexes}


def test_users_keep_only_salted_hashes(tmp_path):
    path = tmp_path / "users.toml"
    token = users.add_user(path, "alice")
    users.add_user(path, "bob")
    stored = path.read_text()
    assert token.split(".", 1)[1] not in stored and "alice" in stored
    known = users.load(path)
    assert users.check_token(known, token) == "alice"
    assert users.check_token(known, token + "x") is None and users.check_token(known, "bob." + token[6:]) is None
    with pytest.raises(users.UsersError, match="user name"):
        users.add_user(path, "alice smith")


@pytest.fixture()
def reviewed_app(tmp_path, inputs):
    store = _ledger(tmp_path / "ledger.db", inputs)
    aid = _gaza_id(store)
    store.close()
    token = users.add_user(tmp_path / "users.toml", "alice")
    client = TestClient(create_app(str(tmp_path / "ledger.db"), token="", users=str(tmp_path / "users.toml")))
    return client, token, aid


def test_anonymous_writes_are_refused(reviewed_app, tmp_path):
    client, token, aid = reviewed_app
    body = {"action": "change", "target": "quote", "article_id": aid, "record_id": "q3", "field": "speaker",
            "after": "Daniel Hagari", "why": "named in the same sentence"}
    assert client.post("/api/corrections", json=body).status_code == 401
    assert client.post("/api/corrections", json=body, headers={"Authorization": "Bearer alice.wrong"}).status_code == 401
    assert client.post("/review/corrections", json=body).status_code == 401
    assert client.get("/api/corrections").json()["items"] == []
    made = client.post("/api/corrections", json=body, headers={"Authorization": f"Bearer {token}"})
    assert made.status_code == 201 and made.json()["who"] == "alice"
    assert client.get("/api/corrections").json()["items"][0]["status"] == "applied"
    read_only = TestClient(create_app(str(tmp_path / "ledger.db"), token="", users=str(tmp_path / "nobody.toml")))
    assert read_only.post("/api/corrections", json=body,
                          headers={"Authorization": f"Bearer {token}"}).status_code == 403


def test_web_writes_need_the_session_csrf_token_and_same_origin(reviewed_app):
    client, token, aid = reviewed_app
    login = client.get(f"/review/login?next=/articles/{aid}").text
    login_csrf = re.search(r'name="csrf" value="([^"]+)"', login).group(1)
    assert client.post("/review/login", data={"token": token, "next": "/"}).status_code == 403  # no CSRF token
    signed_in = client.post("/review/login", data={"csrf": login_csrf, "token": token, "next": f"/articles/{aid}"},
                            follow_redirects=False)
    assert signed_in.status_code == 303 and "samesite=strict" in signed_in.headers["set-cookie"].lower()
    page = client.get(f"/articles/{aid}").text
    csrf = re.search(r'data-csrf="([^"]+)"', page).group(1)
    body = {"action": "reject", "target": "figure", "article_id": aid, "record_id": "f1", "why": "test"}
    assert client.post("/review/corrections", json=body).status_code == 403
    assert client.post("/review/corrections", json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert client.post("/review/corrections", json=body, headers={
        "X-CSRF-Token": csrf, "Origin": "http://elsewhere.example"}).status_code == 403
    assert client.post("/review/corrections", json=body, headers={"X-CSRF-Token": csrf}).status_code == 201
    assert "rejected by alice" in client.get(f"/articles/{aid}").text
    assert "27,019" in client.get(f"/articles/{aid}?original=1").text


def test_cli_correct_list_and_eval_on_the_teams_own_news(tmp_path, inputs):
    db, users_file = str(tmp_path / "ledger.db"), str(tmp_path / "users.toml")
    _ledger(db, inputs).close()
    runner = CliRunner()
    token = runner.invoke(app, ["users", "add", "alice", "--users", users_file]).output.strip().splitlines()[-1]
    base = ["--db", db, "--users", users_file]
    refused = runner.invoke(app, ["correct", "change", "fbc2", "quote", "--text", "the army would widen",
                                  "--field", "speaker", "--to", "Daniel Hagari", "--why", "named", *base])
    assert refused.exit_code != 0 and "reviewer token" in refused.output
    with Store(db) as store:
        aid = _gaza_id(store)
    done = runner.invoke(app, ["correct", "change", aid[:6], "figure", "--text", "27,019", "--field", "category",
                               "--to", "injured", "--why", "a test of the loop", "--token", token, *base])
    assert done.exit_code == 0, done.output
    listed = json.loads(runner.invoke(app, ["corrections", "list", "--db", db, "--json"]).output)
    assert [(c["field"], c["before"], c["after"], c["status"]) for c in listed] == [
        ("category", "killed", "injured", "applied")]
    scored = runner.invoke(app, ["eval", "figures", "--gold", "corrections", "--db", db, "--json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.output)["category_accuracy"] == 0.0
    shown = runner.invoke(app, ["show", aid[:6], "--db", db, "--original", "--json"])
    assert json.loads(shown.output)["figures"][0]["category"] == "killed"


def test_a_quote_whose_span_grew_in_a_new_engine_version_keeps_its_correction():
    from ledger_records import article, entity, quote, record
    from newsledger.model import Span
    from newsledger.store.corrections import Correction
    from newsledger.track.corrections import apply

    text = ('"The crossing will stay closed until further notice," a border official said on Monday, '
            "speaking on condition of anonymity.")
    official = entity(text, "e1", "Kamal Hassan", mentions=("a border official",))
    extracted = record(article(text, "2024-02-05"), [official],
                       [quote(text, "q1", "The crossing will stay closed until further notice,", None, None)])
    content = extracted.quotes[0].content[0]
    fix = Correction("change", "quote", content.text, "alice", "the spokesman named later", article_id="x",
                     span_start=content.start, span_end=content.end, field="speaker", after="Kamal Hassan", id=1,
                     created_at="2026-12-03T10:00:00+00:00")
    # The next engine version takes the closing comma out of the content: same quote, one character shorter.
    extracted.quotes[0].content = [Span.of(text, content.start, content.end - 1)]
    corrected, marks, review = apply(extracted, [fix])
    assert corrected.quotes[0].speaker.name == "Kamal Hassan" and review["orphaned"] == []
    assert corrected.quotes[0].speaker_mention.text == "a border official"
    assert marks == {"quote:q1": "speaker: — → Kamal Hassan, corrected by alice on 2026-12-03: "
                                 "the spokesman named later"}
    assert extracted.quotes[0].speaker is None  # the engine's record itself is left as it was


def test_reassigned_source_event_type_and_accepted_time(tmp_path, inputs):
    with _ledger(tmp_path / "ledger.db", inputs) as store:
        aid = next(r["id"] for r in queries.articles(store) if "Lebanon" in (store.record(r["id"]).article.text))
        text = store.record(aid).article.text
        figure = next(f for f in store.record(aid).figures if "200" in f.span.text)
        correct(store, Draft("change", "figure", figure.span.start, figure.span.end, "source",
                             "Lebanese health ministry", "the ministry's count", aid), "bob", "cli")
        strike = next(v for v in store.record(aid).events if v.trigger.text == "killed")
        correct(store, Draft("change", "event", strike.trigger.start, strike.trigger.end, "type", "COERCE",
                             "a test of an event's type", aid), "bob", "cli")
        tuesday = _at(store, aid, "Tuesday")
        correct(store, Draft("accept", "time", *tuesday, why="checked against the dateline", article_id=aid),
                "bob", "cli")
        data = queries.article(store, aid)
        fixed = next(f for f in data["figures"] if "200" in f["span"]["text"])
        assert text[fixed["source"]["start"]:fixed["source"]["end"]] == "Lebanese health ministry"
        reassigned = queries.figures(store, source="Lebanese health")
        # the listing names the canonical reporting body (issue 13) and keeps the source as the reviewer wrote it
        assert [(p["source"], p["source_mention"]) for p in reassigned] == [("Lebanese Health Ministry",
                                                                             "Lebanese health ministry")]
        correct(store, Draft("change", "figure", figure.span.start, figure.span.end, "source", "UNRWA",
                             "the agency's count, not the ministry's", aid), "bob", "cli")
        assert [(p["source"], p["source_kind"]) for p in queries.figures(store, source="UNRWA")] == [
            ("UNRWA", "UN agency")]
        assert next(v for v in data["events"] if v["trigger"]["text"] == "killed")["type"] == "COERCE"
        notes = {c["target"]: c["provenance"] for c in data["review"]["corrections"]}
        assert notes["time"].startswith("accepted by bob") and len(notes) == 3
        with pytest.raises(CorrectionError, match="must be a number"):
            correct(store, Draft("change", "figure", figure.span.start, figure.span.end, "value", "two hundred",
                                 "not a number", aid), "bob", "cli")


def test_a_broken_users_file_is_one_line_naming_it(tmp_path):
    broken = tmp_path / "users.toml"
    broken.write_text("[users.alice\nsalt = ", encoding="utf-8")
    result = CliRunner().invoke(app, ["corrections", "import", str(tmp_path / "none.jsonl"), "--users", str(broken),
                                      "--token", "alice.x", "--db", str(tmp_path / "ledger.db")])
    assert result.exit_code == 2 and str(broken) in result.output and "Traceback" not in result.output
