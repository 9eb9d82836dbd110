"""`feeds`, `alerts` and `watch` from the command line; SIGTERM and SIGKILL on a running watch; the Atom feeds."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from ledger_corpus import corpus_ledger
from typer.testing import CliRunner

from feed_server import FeedServer, article_html, rfc822, rss, toll_story
from newsledger.api import create_app
from newsledger.cli import app
from newsledger.store import Store, watchlist

runner = CliRunner()
ATOM = "{http://www.w3.org/2005/Atom}"
FAST_WATCH = ("--timeout", "2", "--retries", "0", "--host-interval", "0", "--host-concurrency", "4")


def cli(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture()
def server():
    with FeedServer() as running:
        yield running


def test_feeds_add_list_remove(db_path):
    added = cli("feeds", "add", "https://news.example/world/rss", "--outlet", "Example News", "--every", "30m",
                "--db", db_path)
    assert added.exit_code == 0 and "following https://news.example/world/rss every 30m" in added.stdout
    listed = json.loads(cli("feeds", "list", "--json", "--db", db_path).stdout)
    assert [(f["url"], f["outlet"], f["interval_s"], f["failures"]) for f in listed] == [
        ("https://news.example/world/rss", "Example News", 1800, 0)]
    assert "updated" in cli("feeds", "add", "https://news.example/world/rss", "--every", "1h", "--db", db_path).stdout
    assert cli("feeds", "remove", "https://news.example/world/rss", "--db", db_path).exit_code == 0
    assert json.loads(cli("feeds", "list", "--json", "--db", db_path).stdout) == []


def test_feed_and_alert_mistakes_are_one_line_errors(db_path, monkeypatch):
    monkeypatch.delenv("NEWSLEDGER_SMTP", raising=False)
    cases = [
        (("feeds", "add", "news.example/rss"), 2, "error: 'news.example/rss' is not an http(s) URL"),
        (("feeds", "add", "https://news.example/rss", "--every", "soon"),
         2, "error: --every: 'soon' is not a duration like 15m, 1h or 90s"),
        (("feeds", "remove", "https://nowhere.example/rss"), 1, "error: not following https://nowhere.example/rss"),
        (("alerts", "add", "x", "--figures", "--quotes"), 2,
         "error: choose one of --figures, --quotes, --conflicts or --revision"),
        (("alerts", "add", "x", "--figures", "colour=red"), 2,
         "error: --figures takes category, place, source, not 'colour'"),
        (("alerts", "add", "x", "--figures", "--to", "email:desk@news.example"), 2,
         "error: email:desk@news.example: e-mail needs an SMTP server; set NEWSLEDGER_SMTP=host[:port]"),
        (("alerts", "remove", "nothing"), 1, "error: no alert named 'nothing'"),
    ]
    for args, code, message in cases:
        result = cli(*args, "--db", db_path)
        assert result.exit_code == code, (args, result.output)
        assert result.stderr.strip() == message, args


def test_alerts_add_list_remove(db_path, tmp_path):
    hits = tmp_path / "hits.jsonl"
    saved = cli("alerts", "add", "gaza-tolls", "--figures", "category=killed", "place=Gaza", "--to", f"jsonl:{hits}",
                "--to", "stdout", "--db", db_path)
    assert saved.exit_code == 0, saved.output
    cli("alerts", "add", "ministry", "--revision", "body=Health Ministry", "over=5%", "--db", db_path)
    cli("alerts", "add", "pm", "--quotes", "speaker=Netanyahu", "search=ceasefire", "--db", db_path)
    cli("alerts", "add", "disputes", "--conflicts", "--db", db_path)
    listed = {a["name"]: a for a in json.loads(cli("alerts", "list", "--json", "--db", db_path).stdout)}
    assert listed["gaza-tolls"]["params"] == {"category": "killed", "place": "Gaza"}
    assert listed["gaza-tolls"]["targets"] == [f"jsonl:{hits}", "stdout"]
    assert listed["ministry"]["params"] == {"body": "Health Ministry", "over": 0.05}
    assert listed["pm"]["params"] == {"speaker": "Netanyahu", "search": "ceasefire"}
    assert (listed["disputes"]["kind"], listed["disputes"]["targets"]) == ("conflicts", ["stdout"])
    assert cli("alerts", "remove", "pm", "--db", db_path).exit_code == 0
    assert len(json.loads(cli("alerts", "list", "--json", "--db", db_path).stdout)) == 3


def test_watch_once_stores_articles_and_prints_hits(server, db_path):
    server.set("/a/1", article_html("Toll passes 27,000", toll_story(27585)))
    server.set("/rss", rss([("Toll passes 27,000", server.url("/a/1"), rfc822("2024-02-07"))]),
               content_type="application/rss+xml")
    cli("feeds", "add", server.url("/rss"), "--db", db_path)
    cli("alerts", "add", "gaza-tolls", "--figures", "category=killed", "place=Gaza", "--db", db_path)
    result = cli("watch", "--once", *FAST_WATCH, "--base-url", "http://ledger.example", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("[gaza-tolls] At least 27,585 Palestinians (killed, Gaza")
    assert "http://ledger.example/articles/" in result.stdout
    assert "articles added 1" in result.stderr
    stored = json.loads(cli("articles", "--json", "--db", db_path).stdout)
    assert [(a["url"], a["feed"], a["outlet"]) for a in stored] == [
        (server.url("/a/1"), server.url("/rss"), "The Daily Ledger")]
    again = cli("watch", "--once", *FAST_WATCH, "--db", db_path)
    assert again.stdout == "" and "feeds due 0" in again.stderr  # not due yet; nothing twice


# -- signals -------------------------------------------------------------------------------------------------------

PAGES = 12


def _slow_site(server: FeedServer) -> None:
    for n in range(PAGES):
        server.set(f"/a/{n}", article_html(f"Report {n}", toll_story(30_000 + n)), delay_s=0.2)
    server.set("/rss", rss([(f"Report {n}", server.url(f"/a/{n}"), rfc822("2024-02-07")) for n in range(PAGES)]),
               content_type="application/rss+xml")


def _start_watch(db: str, log: Path) -> subprocess.Popen:
    with log.open("ab") as output:
        return subprocess.Popen([sys.executable, "-m", "newsledger.cli", "watch", "--every", "1s", *FAST_WATCH,
                                 "--db", db], stdout=output, stderr=output, start_new_session=True)


def _stored(db: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _wait_for_articles(process: subprocess.Popen, db: str, count: int, log: Path) -> None:
    deadline = time.monotonic() + 120
    while _stored(db) < count:
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "no article stored in time:\n" + log.read_text()
        time.sleep(0.05)


def _assert_every_page_once(db: str, server: FeedServer) -> None:
    with Store(db) as store, store.engine.connect() as conn:
        articles = dict(conn.exec_driver_sql("SELECT url, id FROM articles").all())
        assert sorted(articles) == sorted(server.url(f"/a/{n}") for n in range(PAGES))
        versions = conn.exec_driver_sql("SELECT article_id FROM article_versions").scalars().all()
        assert sorted(versions) == sorted(articles.values())
        figures = dict(conn.exec_driver_sql("SELECT article_id, count(*) FROM figures GROUP BY article_id").all())
        for article_id in articles.values():  # stored whole: the figure rows its own record lists
            assert figures.get(article_id, 0) == len(store.record(article_id).figures)
        outcomes = {watchlist.seen_item(store, url)["outcome"] for url in articles}
        assert outcomes <= {"stored", "already stored"}


def _watch_until_stored(server: FeedServer, db: str, log: Path, count: int) -> subprocess.Popen:
    """A `watch` process following the slow site, once it has stored `count` articles."""
    _slow_site(server)
    cli("feeds", "add", server.url("/rss"), "--db", db)
    process = _start_watch(db, log)
    _wait_for_articles(process, db, count, log)
    return process


def test_sigterm_finishes_the_article_in_hand_and_exits(server, db_path, tmp_path):
    log = tmp_path / "watch.log"
    process = _watch_until_stored(server, db_path, log, 1)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0, log.read_text()
    assert "stopped: " in log.read_text()
    stored = _stored(db_path)
    assert 1 <= stored < PAGES
    with Store(db_path) as store:
        assert watchlist.feeds(store)[0]["last_success"] is None  # the feed stays due for the next run
    resumed = cli("watch", "--once", *FAST_WATCH, "--db", db_path)
    assert resumed.exit_code == 0 and f"articles added {PAGES - stored} " in resumed.stderr
    _assert_every_page_once(db_path, server)


def test_sigkill_loses_nothing_stored_and_the_next_run_resumes(server, db_path, tmp_path):
    process = _watch_until_stored(server, db_path, tmp_path / "watch.log", 2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    before = _stored(db_path)
    assert before < PAGES
    resumed = cli("watch", "--once", *FAST_WATCH, "--db", db_path)
    assert resumed.exit_code == 0, resumed.output
    assert _stored(db_path) == PAGES
    _assert_every_page_once(db_path, server)


# -- Atom feeds and the new-since page -----------------------------------------------------------------------------

def test_atom_feeds_are_valid_and_escaped(tmp_path):
    db = corpus_ledger(str(tmp_path / "ledger.db"))
    with Store(db) as store:
        watchlist.save_alert(store, name="tolls", kind="figures", params={"category": "killed"}, targets=["stdout"])
        watchlist.add_hits(store, "tolls", [{
            "key": "figure:abc:f1", "article_id": "abc", "alert": "tolls", "found_at": "2024-02-07T10:00:00.000+00:00",
            "summary": 'At least 27,585 <killed> & "counted"\x0b', "link": "/articles/abc#span-0-28",
            "outlet": "R&D Times", "headline": "<b>Toll</b>", "article_url": "https://news.example/a?x=1&y=2"}])
    client = TestClient(create_app(db, token=""))
    alert = client.get("/feeds/alerts/tolls.atom")
    assert alert.status_code == 200 and alert.headers["content-type"].startswith("application/atom+xml")
    entry = ET.fromstring(alert.content).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == 'At least 27,585 <killed> & "counted"'
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/articles/abc#span-0-28"
    assert entry.findtext(f"{ATOM}summary") == "R&D Times — <b>Toll</b> — https://news.example/a?x=1&y=2"
    assert b"&lt;killed&gt; &amp;" in alert.content
    assert client.get("/feeds/alerts/nope.atom").status_code == 404

    conflicts = ET.fromstring(client.get("/feeds/conflicts.atom").content)
    api = client.get("/api/conflicts").json()["items"]
    entries = conflicts.findall(f"{ATOM}entry")
    assert len(entries) == len(api) > 0
    assert all(e.findtext(f"{ATOM}id").startswith("tag:newsledger,2024:conflict/") for e in entries)

    page = client.get("/watch", params={"since": "2024-01-01"})
    assert page.status_code == 200 and "At least 27,585 &lt;killed&gt;" in page.text
    new = client.get("/api/watch", params={"since": "2024-01-01"}).json()
    assert [h["key"] for h in new["alerts"][0]["hits"]] == ["figure:abc:f1"] and len(new["articles"]) == 3
    assert client.get("/api/watch", params={"since": "2999-01-01"}).json()["articles"] == []


def test_api_articles_carry_url_feed_and_previous_version(server, db_path):
    server.set("/a/1", article_html("Toll", toll_story(27585)))
    server.set("/rss", rss([("Toll", server.url("/a/1"), rfc822("2024-02-07"))]))
    cli("feeds", "add", server.url("/rss"), "--db", db_path)
    cli("watch", "--once", *FAST_WATCH, "--db", db_path)
    items = TestClient(create_app(db_path, token="")).get("/api/articles").json()["items"]
    assert [(i["url"], i["feed"], i["previous_id"]) for i in items] == [(server.url("/a/1"), server.url("/rss"), None)]
