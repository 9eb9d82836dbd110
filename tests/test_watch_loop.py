"""The watch loop against a local news site: feeds in, articles stored once (new versions linked), alerts out."""
from __future__ import annotations

import io
import json
import socket
import threading
from datetime import timedelta

import pytest

from feed_server import FeedServer, article_html, rfc822, rss, toll_story
from newsledger.store import queries
from newsledger.ingest.fetch import Fetcher, FetchSettings
from newsledger.store import Store, watchlist
from newsledger.watch import alerts as alert_rules
from newsledger.watch.deliver import Deliverer, DeliveryError, check_target
from newsledger.watch.loop import Watcher, backoff, parse_every

FAST = FetchSettings(timeout_s=0.5, retries=1, backoff_s=0.01, host_interval_s=0.0, host_concurrency=8)


@pytest.fixture()
def server():
    with FeedServer() as running:
        yield running


@pytest.fixture()
def store(db_path):
    with Store(db_path) as opened:
        yield opened


def watcher(store: Store, out: io.StringIO | None = None) -> Watcher:
    return Watcher(store, Fetcher(FAST), Deliverer(out or io.StringIO(), webhook_backoff_s=0.01), workers=4,
                   base_url="http://ledger.example")


def make_due(store: Store) -> None:
    for feed in watchlist.feeds(store):
        watchlist.feed_polled(store, feed["url"], next_due=watchlist.utcnow())


def follow(store: Store, url: str, outlet: str | None = None) -> None:
    watchlist.add_feed(store, url, outlet=outlet, interval_s=600)


def item_outcome(store: Store, url: str) -> str:
    return watchlist.seen_item(store, url)["outcome"]


def test_new_articles_are_stored_once_with_url_feed_and_outlet(server, store):
    server.set("/a/1", article_html("Toll passes 27,000", toll_story(27585)))
    server.set("/a/2", article_html("Aid trucks wait at the crossing", toll_story(27590, place="Khan Younis")))
    server.set("/rss", rss([("Toll passes 27,000", server.url("/a/1"), rfc822("2024-02-07")),
                            ("Aid trucks wait", server.url("/a/2"), rfc822("2024-02-07")),
                            ("Toll passes 27,000 (Middle East)", server.url("/a/1"), rfc822("2024-02-07"))]),
               content_type="application/rss+xml")
    follow(store, server.url("/rss"))
    counts = watcher(store).round()
    assert (counts.feeds_polled, counts.pages_fetched, counts.articles_added) == (1, 2, 2)
    assert server.hits("/a/1") == 1
    rows = {row["url"]: row for row in queries.articles(store)}
    assert set(rows) == {server.url("/a/1"), server.url("/a/2")}
    assert all(row["feed"] == server.url("/rss") and row["outlet"] == "The Daily Ledger" for row in rows.values())
    feed = watchlist.feeds(store)[0]
    assert feed["failures"] == 0 and feed["last_success"] and feed["etag"]
    assert feed["title"] == "The Daily Ledger — World"

    make_due(store)
    again = watcher(store).round()  # the feed answers 304 to its ETag: nothing is fetched again
    assert (again.feeds_polled, again.pages_fetched, again.articles_added) == (1, 0, 0)
    assert server.hits("/a/1") == 1 and server.requests[-1][1].get("If-None-Match") == feed["etag"]


def test_an_article_that_changes_is_a_new_version_linked_to_the_old(server, store):
    server.set("/a/live", article_html("Toll rises", toll_story(27585)))
    server.set("/rss", rss([("Toll rises", server.url("/a/live"), rfc822("2024-02-07", 9))]))
    follow(store, server.url("/rss"))
    watcher(store).round()
    first = watchlist.url_versions(store, server.url("/a/live"))
    assert len(first) == 1 and first[0]["previous_id"] is None

    server.set("/a/live", article_html("Toll rises (updated)", toll_story(27708)))
    server.set("/rss", rss([("Toll rises (updated)", server.url("/a/live"), rfc822("2024-02-07", 15))]))
    make_due(store)
    counts = watcher(store).round()
    assert (counts.articles_added, counts.new_versions) == (1, 1)
    versions = watchlist.url_versions(store, server.url("/a/live"))
    assert [v["previous_id"] for v in versions] == [None, first[0]["article_id"]]
    assert all(store.has_article(v["article_id"]) for v in versions)  # both kept
    assert {r["previous_id"] for r in queries.articles(store)} == {None, first[0]["article_id"]}

    make_due(store)
    server.set("/rss", rss([("Toll rises (updated)", server.url("/a/live"), rfc822("2024-02-07", 16))]))
    assert watcher(store).round().articles_added == 0  # the feed's stamp moved but the page did not: 304
    assert item_outcome(store, server.url("/a/live")) == "unchanged (304)"


def test_the_pages_metadata_wins_and_the_feeds_fills_in(server, store):
    server.set("/a/meta", article_html("The page's own headline", toll_story(27585), published="2024-02-07",
                                       site="Ledger Times"))
    bare = "".join(f"<p>{p}</p>" for p in toll_story(27600))
    server.set("/a/bare", f"<!doctype html><html><head></head><body><article>{bare}</article></body></html>")
    server.set("/rss", rss([("The feed's headline", server.url("/a/meta"), rfc822("2024-03-01")),
                            ("Only the feed names this one", server.url("/a/bare"), rfc822("2024-03-02"))]))
    follow(store, server.url("/rss"))
    watcher(store).round()
    rows = {row["url"]: row for row in queries.articles(store)}
    meta, bare_row = rows[server.url("/a/meta")], rows[server.url("/a/bare")]
    assert (meta["headline"], meta["published"], meta["outlet"]) == ("The page's own headline", "2024-02-07",
                                                                     "Ledger Times")
    assert (bare_row["headline"], bare_row["published"]) == ("Only the feed names this one", "2024-03-02")
    assert store.record(bare_row["id"]).article.published_from == "feed"


def test_an_outlet_named_by_the_user_wins(server, store):
    server.set("/a/1", article_html("Toll", toll_story(27585), site="ledgertimes.example"))
    server.set("/rss", rss([("Toll", server.url("/a/1"), rfc822("2024-02-07"))]))
    follow(store, server.url("/rss"), outlet="Ledger Times")
    watcher(store).round()
    assert queries.articles(store)[0]["outlet"] == "Ledger Times"


def test_a_failing_feed_is_backed_off_and_never_stops_the_others(server, store):
    server.set("/down.xml", "maintenance", status=500, content_type="text/plain")
    server.set("/broken.xml", '<?xml version="1.0"?><rss><channel><title>x &', content_type="application/rss+xml")
    server.set("/a/1", article_html("Toll", toll_story(27585)))
    server.set("/good.xml", rss([("Toll", server.url("/a/1"), rfc822("2024-02-07"))]))
    for path in ("/down.xml", "/broken.xml", "/good.xml"):
        follow(store, server.url(path))
    counts = watcher(store).round()
    assert (counts.feeds_polled, counts.feeds_failed, counts.articles_added) == (1, 2, 1)
    feeds = {f["url"].rsplit("/", 1)[1]: f for f in watchlist.feeds(store)}
    assert feeds["down.xml"]["last_error"] == "HTTP 500 Internal Server Error (after 2 tries)"
    assert feeds["broken.xml"]["last_error"].startswith("malformed feed (")
    assert feeds["down.xml"]["failures"] == 1 and feeds["good.xml"]["failures"] == 0
    waited = watchlist.datetime.fromisoformat(feeds["down.xml"]["next_due"]) - \
        watchlist.datetime.fromisoformat(feeds["down.xml"]["last_polled"])
    assert waited == backoff(600, 1) == timedelta(seconds=1200)

    make_due(store)
    watcher(store).round()
    assert {f["url"].rsplit("/", 1)[1]: f["failures"] for f in watchlist.feeds(store)} == {
        "down.xml": 2, "broken.xml": 2, "good.xml": 0}
    assert backoff(600, 30) == timedelta(days=1)


def test_pages_that_give_no_article_are_skipped_with_their_reason(server, store):
    server.set("/a/ok", article_html("Toll", toll_story(27585)))
    server.set("/a/report.pdf", b"%PDF-1.7", content_type="application/pdf")
    server.set("/a/slow", article_html("Slow", toll_story(27586)), delay_s=1.2)
    server.set("/a/loop", "", status=302, headers={"Location": "/a/loop"})
    server.set("/rss", rss([(name, server.url(f"/a/{name}"), rfc822("2024-02-07"))
                            for name in ("ok", "report.pdf", "gone", "slow", "loop")]))
    follow(store, server.url("/rss"))
    counts = watcher(store).round()
    assert (counts.articles_added, counts.pages_skipped) == (1, 4)
    assert {name: item_outcome(store, server.url(f"/a/{name}"))
            for name in ("ok", "report.pdf", "gone", "slow", "loop")} == {
        "ok": "stored", "report.pdf": "not HTML (application/pdf); skipped", "gone": "HTTP 404 Not Found",
        "slow": "timed out after 0.5 s (after 2 tries)",
        "loop": f"redirect loop ({server.url('/a/loop')} -> {server.url('/a/loop')})"}

    server.set("/a/slow", article_html("Slow", toll_story(27586)))
    make_due(store)
    server.set("/rss", rss([(name, server.url(f"/a/{name}"), rfc822("2024-02-07"))  # a new body, not a 304
                            for name in ("ok", "report.pdf", "gone", "slow", "loop", "ok")]))
    again = watcher(store).round()
    assert again.articles_added == 1  # the timed-out page is asked for again; the PDF and the 404 are not
    assert server.hits("/a/report.pdf") == 1 and server.hits("/a/gone") == 1 and server.hits("/a/ok") == 1


def test_sitemap_index_pages_are_followed(server, store):
    server.set("/sitemap.xml", f"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{server.url('/sitemap-news.xml')}</loc></sitemap><sitemap><loc>/sitemap-missing.xml</loc></sitemap>
</sitemapindex>""", content_type="application/xml")
    server.set("/sitemap-news.xml", f"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{server.url('/a/1')}</loc><lastmod>2024-02-07</lastmod></url></urlset>""", content_type="application/xml")
    server.set("/a/1", article_html("Toll", toll_story(27585)))
    follow(store, server.url("/sitemap.xml"))
    notes = []
    counts = Watcher(store, Fetcher(FAST), Deliverer(io.StringIO()),
                     on_event=lambda kind, message, _: notes.append((kind, message))).round()
    assert counts.articles_added == 1
    assert ("feed-note", f"{server.url('/sitemap.xml')}: sitemap {server.url('/sitemap-missing.xml')}: "
                         "HTTP 404 Not Found") in notes


# -- alerts --------------------------------------------------------------------------------------------------------

def test_figure_alert_hits_are_delivered_once_and_link_to_the_span(server, store, tmp_path):
    hits_file = tmp_path / "hits.jsonl"
    watchlist.save_alert(store, name="gaza-tolls", kind="figures",
                         params=alert_rules.parse_params("figures", ["category=killed", "place=Gaza"]),
                         targets=["stdout", f"jsonl:{hits_file}"])
    server.set("/a/1", article_html("Toll", toll_story(27585)))
    server.set("/a/2", article_html("Protest", ["Thousands marched through central London on Saturday, calling for "
                                                "a ceasefire, organisers said.", "Police said the march was peaceful."]))
    server.set("/rss", rss([("Toll", server.url("/a/1"), rfc822("2024-02-07")),
                            ("Protest", server.url("/a/2"), rfc822("2024-02-07"))]))
    follow(store, server.url("/rss"))
    out = io.StringIO()
    assert watcher(store, out).round().hits == 1
    lines = [json.loads(line) for line in hits_file.read_text().splitlines()]
    assert len(lines) == 1
    hit = lines[0]
    assert hit["span"]["text"] == "At least 27,585 Palestinians" and hit["details"]["place"] == "Gaza"
    assert hit["link"] == (f"http://ledger.example/articles/{hit['article_id']}"
                           f"#span-{hit['span']['start']}-{hit['span']['end']}")
    assert hit["article_url"] == server.url("/a/1") and hit["delivered_at"]
    assert out.getvalue() == f"[gaza-tolls] {hit['summary']}  {hit['link']}\n"

    make_due(store)
    server.set("/rss", rss([("Toll", server.url("/a/1"), rfc822("2024-02-08"))]))
    watcher(store, out).round()
    assert len(hits_file.read_text().splitlines()) == 1  # remembered: never sent twice


def test_quote_alert_by_speaker_and_words(server, store):
    watchlist.save_alert(store, name="doctor", kind="quotes",
                         params=alert_rules.parse_params("quotes", ["speaker=Salem", "search=running out"]),
                         targets=["stdout"])
    watchlist.save_alert(store, name="nobody", kind="quotes",
                         params=alert_rules.parse_params("quotes", ["speaker=Salem", "search=surrender"]),
                         targets=["stdout"])
    server.set("/a/1", article_html("Toll", toll_story(27585)))
    server.set("/rss", rss([("Toll", server.url("/a/1"), rfc822("2024-02-07"))]))
    follow(store, server.url("/rss"))
    out = io.StringIO()
    watcher(store, out).round()
    assert out.getvalue().startswith("[doctor] Ahmed Salem: “We are running out of everything, … The wounded keep "
                                     "coming and we have no beds left for them.”  http://ledger.example/articles/")
    assert watchlist.alert_hits(store, "nobody") == []


def _two_sources(server: FeedServer) -> None:
    server.set("/a/ministry", article_html("Ministry toll", toll_story(27585)))
    server.set("/a/army", article_html("Army figure", toll_story(21000, source="the Israeli military", qualifier="About")))


def test_conflict_alert_fires_when_a_new_figure_contradicts_a_stored_one(server, store):
    watchlist.save_alert(store, name="contradictions", kind="conflicts",
                         params=alert_rules.parse_params("conflicts", ["category=killed"]), targets=["stdout"])
    _two_sources(server)
    server.set("/rss", rss([("Ministry toll", server.url("/a/ministry"), rfc822("2024-02-07"))]))
    follow(store, server.url("/rss"))
    assert watcher(store).round().hits == 0
    server.set("/rss", rss([("Ministry toll", server.url("/a/ministry"), rfc822("2024-02-07")),
                            ("Army figure", server.url("/a/army"), rfc822("2024-02-07"))]))
    make_due(store)
    out = io.StringIO()
    assert watcher(store, out).round().hits == 1
    # "the Israeli military" is listed as the registry's body
    assert out.getvalue().startswith("[contradictions] killed in Gaza as of 2024-02-06: About 21,000 Palestinians "
                                     "(Israel Defense Forces) vs At least 27,585 Palestinians "
                                     "(Gaza Health Ministry, article ")


def test_revision_alert_fires_when_a_bodys_series_jumps(server, store):
    watchlist.save_alert(store, name="ministry-jumps", kind="revision",
                         params=alert_rules.parse_params("revision", ["body=Health Ministry", "over=5%"]),
                         targets=["stdout"])
    server.set("/a/mon", article_html("Monday", toll_story(27000, day="Monday"), published="2024-02-06"))
    server.set("/a/tue", article_html("Tuesday", toll_story(27300, day="Tuesday"), published="2024-02-07"))
    server.set("/a/wed", article_html("Wednesday", toll_story(29000, day="Wednesday"), published="2024-02-08"))
    follow(store, server.url("/rss"))
    out = io.StringIO()
    for day in ("mon", "tue", "wed"):
        server.set("/rss", rss([(day, server.url(f"/a/{day}"), rfc822("2024-02-08"))]))
        make_due(store)
        watcher(store, out).round()
    hits = watchlist.alert_hits(store, "ministry-jumps")
    assert len(hits) == 1  # +1.1% on Tuesday stays quiet; +6.2% on Wednesday is a jump
    assert hits[0]["details"]["previous_value"] == 27300 and hits[0]["details"]["value"] == 29000
    assert "27,300 (2024-02-06) -> 29,000 (2024-02-07), +6.2%" in hits[0]["summary"]


def test_alert_filters_are_checked_with_one_line_errors():
    with pytest.raises(alert_rules.AlertError, match=r"^--figures takes category, place, source, not 'speaker'$"):
        alert_rules.parse_params("figures", ["speaker=Netanyahu"])
    with pytest.raises(alert_rules.AlertError, match=r"^--revision needs body=\.\.\.$"):
        alert_rules.parse_params("revision", ["over=5%"])
    with pytest.raises(alert_rules.AlertError, match=r"^over='lots' is not a percentage like 5%$"):
        alert_rules.parse_params("revision", ["body=Health Ministry", "over=lots"])
    with pytest.raises(alert_rules.AlertError, match=r"^'place' is not KEY=VALUE"):
        alert_rules.parse_params("figures", ["place"])
    assert alert_rules.parse_params("revision", ["body=UN", "over=12.5%"]) == {"body": "UN", "over": 0.125}
    assert parse_every("15m") == 900 and parse_every("1h30m") == 5400 and parse_every("90s") == 90
    with pytest.raises(ValueError, match="not a duration"):
        parse_every("soon")


# -- delivery ------------------------------------------------------------------------------------------------------

def test_webhook_is_retried_and_a_failed_delivery_waits_for_the_next_round(server, store):
    hook = server.url("/hook")
    server.post_statuses["/hook"] = [500, 200]
    watchlist.save_alert(store, name="tolls", kind="figures", params={"category": "killed"},
                         targets=[f"webhook:{hook}"])
    server.set("/a/1", article_html("Toll", toll_story(27585)))
    server.set("/rss", rss([("Toll", server.url("/a/1"), rfc822("2024-02-07"))]))
    follow(store, server.url("/rss"))
    counts = watcher(store).round()
    assert (counts.hits, counts.delivery_failures) == (1, 0)
    assert len(server.posts) == 2 and json.loads(server.posts[-1][1])["alert"] == "tolls"

    server.post_statuses["/hook"] = [503]  # down for good this time
    server.set("/a/2", article_html("Toll", toll_story(27600)))
    server.set("/rss", rss([("Toll 2", server.url("/a/2"), rfc822("2024-02-08"))]))
    make_due(store)
    assert watcher(store).round().delivery_failures == 1
    assert len(watchlist.undelivered_hits(store)) == 1
    server.post_statuses["/hook"] = [200]
    quiet = watcher(store)
    counts = quiet.round()  # nothing new to poll, but the waiting hit goes out
    assert counts.delivery_failures == 0 and watchlist.undelivered_hits(store) == []


class TinySMTP:
    """Just enough SMTP for smtplib on 127.0.0.1: each message's DATA is kept."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.messages: list[str] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn, conn.makefile("rb") as lines:
                conn.sendall(b"220 tiny ESMTP\r\n")
                for raw in lines:
                    command = raw.decode().strip().upper()
                    if command.startswith(("EHLO", "HELO")):
                        conn.sendall(b"250 tiny\r\n")
                    elif command == "DATA":
                        conn.sendall(b"354 go ahead\r\n")
                        data = []
                        for line in lines:
                            if line in (b".\r\n", b".\n"):
                                break
                            data.append(line.decode())
                        self.messages.append("".join(data))
                        conn.sendall(b"250 queued\r\n")
                    elif command == "QUIT":
                        conn.sendall(b"221 bye\r\n")
                        break
                    else:
                        conn.sendall(b"250 ok\r\n")

    def close(self) -> None:
        self.sock.close()


def test_email_through_smtp(server, store, monkeypatch):
    smtp = TinySMTP()
    try:
        monkeypatch.setenv("NEWSLEDGER_SMTP", f"127.0.0.1:{smtp.port}")
        monkeypatch.setenv("NEWSLEDGER_SMTP_FROM", "alerts@ledger.example")
        watchlist.save_alert(store, name="tolls", kind="figures", params={"category": "killed"},
                             targets=[check_target("email:desk@ledger.example")])
        server.set("/a/1", article_html("Toll", toll_story(27585)))
        server.set("/rss", rss([("Toll", server.url("/a/1"), rfc822("2024-02-07"))]))
        follow(store, server.url("/rss"))
        counts = watcher(store).round()
        assert (counts.hits, counts.delivery_failures) == (1, 0)
        message = smtp.messages[0]
        assert "To: desk@ledger.example" in message and "Subject: [newsledger] tolls: At least 27,585" in message
        assert "http://ledger.example/articles/" in message
    finally:
        smtp.close()


def test_targets_are_checked_when_an_alert_is_saved(monkeypatch):
    monkeypatch.delenv("NEWSLEDGER_SMTP", raising=False)
    assert check_target("jsonl:hits.jsonl") == "jsonl:hits.jsonl"
    with pytest.raises(DeliveryError, match=r"^email:desk@x\.example: e-mail needs an SMTP server; set NEWSLEDGER_SMTP"):
        check_target("email:desk@x.example")
    with pytest.raises(DeliveryError, match=r"is not a target; use stdout, jsonl:PATH, webhook:URL or email:ADDRESS$"):
        check_target("pager:42")


def test_the_watch_tables_migration_is_idempotent(db_path):
    from newsledger.store import schema

    with Store(db_path) as first:
        follow(first, "https://news.example/rss")
        with first.engine.begin() as conn:
            schema._create_watch(conn)  # run again, as a merged migration list might
    with Store(db_path) as again:
        assert [f["url"] for f in watchlist.feeds(again)] == ["https://news.example/rss"]
