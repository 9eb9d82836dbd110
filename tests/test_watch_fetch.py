"""Fetching and reading feeds against a local server: every case gives the right outcome and a one-line reason."""
from __future__ import annotations

import json
import threading
import time

import pytest

from feed_server import FeedServer, article_html, atom, rfc822, rss
from newsledger.ingest.feeds import FeedProblem, parse_listing
from newsledger.ingest.fetch import USER_AGENT, FetchError, Fetcher, FetchSettings, page_html

FAST = FetchSettings(timeout_s=0.5, retries=1, backoff_s=0.01, host_interval_s=0.0, host_concurrency=4,
                     max_bytes=2 * 1024 * 1024)


@pytest.fixture()
def server():
    with FeedServer() as running:
        yield running


@pytest.fixture()
def fetcher():
    with Fetcher(FAST) as client:
        yield client


def fetch_listing(fetcher: Fetcher, url: str):
    fetched = fetcher.get(url)
    return parse_listing(fetched.body, fetched.url, fetched.content_type)


def one_line(reason: str) -> None:
    assert reason and "\n" not in reason


# -- good feeds ----------------------------------------------------------------------------------------------------

def test_rss_items_in_order_with_dates_and_absolute_links(server, fetcher):
    server.set("/rss", rss([("Strikes hit Rafah", "/world/rafah-strikes", rfc822("2024-02-07")),
                            ("Talks resume in Cairo", server.url("/world/cairo-talks"), rfc822("2024-02-08"))]),
               content_type="application/rss+xml")
    listing = fetch_listing(fetcher, server.url("/rss"))
    assert listing.title == "The Daily Ledger — World"
    assert [(i.url, i.title, i.published) for i in listing.items] == [
        (server.url("/world/rafah-strikes"), "Strikes hit Rafah", "2024-02-07"),
        (server.url("/world/cairo-talks"), "Talks resume in Cairo", "2024-02-08")]
    assert listing.notes == []


def test_atom_feed(server, fetcher):
    server.set("/atom", atom([("Ceasefire talks stall", server.url("/a/talks"), "2024-02-09T08:00:00Z")]),
               content_type="application/atom+xml")
    listing = fetch_listing(fetcher, server.url("/atom"))
    assert [(i.url, i.title, i.published) for i in listing.items] == [
        (server.url("/a/talks"), "Ceasefire talks stall", "2024-02-09")]


def test_json_feed(server, fetcher):
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Ledger JSON",
            "items": [{"id": "1", "url": "/j/1", "title": "Aid trucks wait", "date_published": "2024-02-10T07:00:00+02:00"},
                      {"id": "2", "external_url": server.url("/j/2"), "title": "Second"},
                      {"id": "3", "title": "no link, so nothing to fetch"}]}
    server.set("/feed.json", json.dumps(feed), content_type="application/feed+json")
    listing = fetch_listing(fetcher, server.url("/feed.json"))
    assert listing.title == "Ledger JSON"
    assert [(i.url, i.published) for i in listing.items] == [(server.url("/j/1"), "2024-02-10"),
                                                            (server.url("/j/2"), None)]


def test_google_news_sitemap(server, fetcher):
    server.set("/news-sitemap.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>{server.url('/n/1')}</loc><news:news><news:publication><news:name>Ledger Times</news:name>
    <news:language>en</news:language></news:publication><news:publication_date>2024-02-11T06:00:00Z</news:publication_date>
    <news:title>Hospital runs short of fuel &amp; beds</news:title></news:news></url>
</urlset>""", content_type="application/xml")
    listing = fetch_listing(fetcher, server.url("/news-sitemap.xml"))
    assert listing.title == "Ledger Times"
    assert [(i.url, i.title, i.published) for i in listing.items] == [
        (server.url("/n/1"), "Hospital runs short of fuel & beds", "2024-02-11")]


def test_sitemap_index_lists_child_sitemaps(server, fetcher):
    server.set("/sitemap.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{server.url('/sitemap-1.xml')}</loc></sitemap><sitemap><loc>/sitemap-2.xml</loc></sitemap>
</sitemapindex>""", content_type="application/xml")
    listing = fetch_listing(fetcher, server.url("/sitemap.xml"))
    assert listing.sitemaps == [server.url("/sitemap-1.xml"), server.url("/sitemap-2.xml")] and listing.items == []


def test_same_article_listed_twice_is_kept_once_with_a_note(server, fetcher):
    server.set("/rss", rss([("Top story", server.url("/a/1"), rfc822("2024-02-07")),
                            ("Other", server.url("/a/2"), rfc822("2024-02-07")),
                            ("Top story (again, in the Middle East section)", server.url("/a/1"), rfc822("2024-02-07"))]),
               content_type="application/rss+xml")
    listing = fetch_listing(fetcher, server.url("/rss"))
    assert [i.url for i in listing.items] == [server.url("/a/1"), server.url("/a/2")]
    assert listing.notes == ["1 item(s) listed more than once; each page is fetched once"]


# -- bad feeds -----------------------------------------------------------------------------------------------------

def test_malformed_xml_without_items_is_a_problem(server, fetcher):
    server.set("/broken", '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken & unescaped<ti',
               content_type="application/rss+xml")
    with pytest.raises(FeedProblem) as caught:
        fetch_listing(fetcher, server.url("/broken"))
    assert str(caught.value).startswith("malformed feed (")
    one_line(str(caught.value))


def test_malformed_xml_with_items_is_read_leniently_and_says_so(server, fetcher):
    server.set("/truncated", f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
               f'<item><title>Kept</title><link>{server.url("/a/kept")}</link></item>', content_type="application/rss+xml")
    listing = fetch_listing(fetcher, server.url("/truncated"))
    assert [i.url for i in listing.items] == [server.url("/a/kept")]
    assert listing.notes == ["malformed XML read leniently (<unknown>:1:156: no element found)"]


def test_html_page_is_not_a_feed(server, fetcher):
    server.set("/home", article_html("Home", ["Welcome to the site."]))
    with pytest.raises(FeedProblem) as caught:
        fetch_listing(fetcher, server.url("/home"))
    assert str(caught.value) == "not a feed: an HTML page (find the site's RSS or Atom link)"


def test_malformed_sitemap(server, fetcher):
    server.set("/bad-sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>http://x/1</loc></url>')
    with pytest.raises(FeedProblem) as caught:
        fetch_listing(fetcher, server.url("/bad-sitemap.xml"))
    assert str(caught.value).startswith("malformed sitemap XML (")


def test_wrong_declared_encoding_is_read_as_windows_1252_and_noted(server, fetcher):
    body = rss([("São Paulo: café owners protest", server.url("/a/sp"), rfc822("2024-02-07"))]).encode("cp1252")
    server.set("/latin", body, content_type="application/rss+xml; charset=utf-8")
    listing = fetch_listing(fetcher, server.url("/latin"))
    assert [i.title for i in listing.items] == ["São Paulo: café owners protest"]
    assert listing.notes == ["wrong encoding: document declared as utf-8, but parsed as windows-1252"]


def test_page_in_wrong_encoding_still_decodes(server, fetcher):
    html = article_html("Résumé of the talks", ["The café was closed."], charset="utf-8").encode("cp1252")
    server.set("/page-latin", html, content_type="text/html")
    assert "Résumé of the talks" in page_html(fetcher.get(server.url("/page-latin")))


# -- HTTP failures -------------------------------------------------------------------------------------------------

def test_404_is_not_retried(server, fetcher):
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/missing"))
    assert caught.value.reason == "HTTP 404 Not Found" and not caught.value.retry
    assert server.hits("/missing") == 1


def test_500_is_retried_then_reported(server, fetcher):
    server.set("/flaky", "oops", status=500, content_type="text/plain")
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/flaky"))
    assert caught.value.reason == "HTTP 500 Internal Server Error (after 2 tries)" and caught.value.retry
    assert server.hits("/flaky") == 2


def test_timeout(server, fetcher):
    server.set("/slow", "late", delay_s=1.5)
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/slow"))
    assert caught.value.reason == "timed out after 0.5 s (after 2 tries)"
    assert time.monotonic() - started < 2.5


def test_redirect_loop_is_named(server, fetcher):
    server.set("/loop-a", "", status=302, headers={"Location": "/loop-b"})
    server.set("/loop-b", "", status=302, headers={"Location": server.url("/loop-a")})
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/loop-a"))
    assert caught.value.reason == (f"redirect loop ({server.url('/loop-a')} -> {server.url('/loop-b')} -> "
                                   f"{server.url('/loop-a')})")


def test_redirects_are_followed_up_to_the_cap(server, fetcher):
    for step in range(8):
        server.set(f"/hop/{step}", "", status=301, headers={"Location": f"/hop/{step + 1}"})
    server.set("/hop/8", article_html("Arrived", ["The last hop."]))
    server.set("/short/0", "", status=307, headers={"Location": "/hop/8"})
    assert fetcher.get(server.url("/short/0")).url == server.url("/hop/8")
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/hop/0"))
    assert caught.value.reason == "more than 5 redirects"


def test_a_50_mb_body_is_capped_while_streaming(server, fetcher):
    sent = []

    def fifty_megabytes():
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        for _ in range(50 * 16):  # 50 MB in 64 KB chunks
            sent.append(len(chunk))
            yield chunk

    server.set("/huge", fifty_megabytes)  # no Content-Length: only reading tells the size
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/huge"))
    assert caught.value.reason == "body over the 2.0 MB cap; stopped reading"
    time.sleep(0.2)
    assert sum(sent) < 10 * 1024 * 1024  # the server stopped well short of 50 MB once the client hung up


def test_announced_oversize_body_is_refused_before_reading(server, fetcher):
    server.set("/huge-declared", lambda: iter([b"x" * 1024]), length=50 * 1024 * 1024)
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/huge-declared"))
    assert caught.value.reason == "body too large (50.0 MB announced, the cap is 2.0 MB)"


def test_non_html_page_is_skipped_with_its_type(server, fetcher):
    server.set("/report.pdf", b"%PDF-1.7 binary", content_type="application/pdf")
    with pytest.raises(FetchError) as caught:
        page_html(fetcher.get(server.url("/report.pdf")))
    assert caught.value.reason == "not HTML (application/pdf); skipped"


# -- politeness ----------------------------------------------------------------------------------------------------

def test_user_agent_names_newsledger(server, fetcher):
    server.set("/ua", "ok", content_type="text/plain")
    fetcher.get(server.url("/ua"))
    headers = next(h for path, h in server.requests if path == "/ua")
    assert headers["User-Agent"] == USER_AGENT and USER_AGENT.startswith("newsledger/")


def test_conditional_get_gives_304(server, fetcher):
    server.set("/rss", rss([("One", server.url("/a/1"), rfc822("2024-02-07"))]))
    first = fetcher.get(server.url("/rss"))
    again = fetcher.get(server.url("/rss"), etag=first.etag)
    assert first.etag and again.not_modified and again.body == b""
    assert dict(server.requests[-1][1])["If-None-Match"] == first.etag


def test_robots_txt_is_respected(server, fetcher):
    server.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.set("/private/page", article_html("Secret", ["Not for crawlers."]))
    server.set("/public/page", article_html("Open", ["For everyone."]))
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/private/page"))
    assert caught.value.reason == "robots.txt disallows it"
    assert fetcher.get(server.url("/public/page")).status == 200
    assert server.hits("/private/page") == 0 and server.hits("/robots.txt") == 1


def test_unreachable_robots_txt_allows_nothing(server, fetcher):
    server.set("/robots.txt", "down", status=503, content_type="text/plain")
    server.set("/page", article_html("Page", ["Text."]))
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/page"))
    assert caught.value.reason == ("robots.txt answered HTTP 503 Service Unavailable; not fetching from this host")
    assert server.hits("/page") == 0


def test_requests_to_one_host_are_spaced_and_capped(server):
    server.set("/slowish", "ok", content_type="text/plain", delay_s=0.2)
    settings = FetchSettings(timeout_s=2, retries=0, host_interval_s=0.1, host_concurrency=2)
    in_flight, peak, lock = [0], [0], threading.Lock()
    starts = []
    with Fetcher(settings) as client:
        original = client._request

        def counted(url, **validators):
            with lock:
                in_flight[0] += 1
                peak[0] = max(peak[0], in_flight[0])
                starts.append(time.monotonic())
            try:
                return original(url, **validators)
            finally:
                with lock:
                    in_flight[0] -= 1

        client._request = counted
        launched = time.monotonic()
        threads = [threading.Thread(target=client.get, args=(server.url("/slowish"),)) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    starts.sort()
    assert peak[0] == 2
    # Each request has its own turn, 0.1 s after the one before (robots.txt, read once, is the first): a late thread
    # may start after its turn, never before it.
    assert len(starts) == 7 and server.hits("/robots.txt") == 1
    assert all(start - launched >= 0.1 * turn - 0.005 for turn, start in enumerate(starts))


def test_rss_1_0_rdf_feed(server, fetcher):
    server.set("/rdf", f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="{server.url('/')}"><title>Ledger RDF</title><link>{server.url('/')}</link></channel>
  <item rdf:about="{server.url('/r/1')}"><title>Mediators meet in Doha</title><link>{server.url('/r/1')}</link>
    <dc:date>2024-02-12T08:00:00Z</dc:date></item>
</rdf:RDF>""", content_type="application/rdf+xml")
    listing = fetch_listing(fetcher, server.url("/rdf"))
    assert (listing.title, [(i.url, i.published) for i in listing.items]) == (
        "Ledger RDF", [(server.url("/r/1"), "2024-02-12")])


def test_429_waits_as_the_server_asks_before_trying_again(server, fetcher):
    server.set("/busy", "slow down", status=429, content_type="text/plain", headers={"Retry-After": "1"})
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/busy"))
    assert caught.value.reason == "HTTP 429 Too Many Requests (after 2 tries)"
    assert time.monotonic() - started >= 1.0 and server.hits("/busy") == 2
