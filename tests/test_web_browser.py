"""The web UI in a real browser: Playwright driving Debian's chromium against a server on 127.0.0.1."""
from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import ARTEFACTS, browser_page, playwright_or_skip, serving
from ledger_corpus import OTHER, corpus_ledger
from ledger_records import article

pytestmark = pytest.mark.browser
sync_api = playwright_or_skip()


def _serve(db: str):
    from newsledger.api import create_app

    with serving(create_app(db)) as base:
        yield base


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from _serve(corpus_ledger(str(tmp_path_factory.mktemp("web") / "ledger.db")))


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """The bundled examples through the real pipeline, with the bundled reference series (what `demo` serves)."""
    from newsledger.pipeline import ingest_into
    from newsledger.store import Store
    from newsledger.track.series import import_bundled_reference

    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    with Store(db) as store:
        ingest_into(store, [str(Path(__file__).resolve().parents[1] / "examples")])
        import_bundled_reference(store)
    yield from _serve(db)


@pytest.fixture(scope="module")
def page():
    with browser_page(sync_api) as opened:
        yield opened


def test_article_quote_is_highlighted_with_its_speaker_tooltip(server, page):
    ARTEFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/articles/{article(OTHER, '2024-02-07').id}")
    quoted = page.locator(".body .quote").first
    assert "<script>alert(1)</script>" in quoted.inner_text()  # shown as text, never run
    quoted.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "Benjamin Netanyahu" in tip.inner_text()
    page.click("button[data-voice=narrator]")
    assert page.locator("#article-body").get_attribute("data-voice") == "narrator"
    assert float(quoted.evaluate("e => getComputedStyle(e).opacity")) < 0.5
    page.screenshot(path=str(ARTEFACTS / "article.png"), full_page=True)


def test_series_chart_draws_its_points(server, page):
    page.goto(f"{server}/figures?category=killed&place=Gaza")
    page.wait_for_function("document.getElementById('chart').dataset.points !== '0'")
    assert int(page.locator("#chart").get_attribute("data-points")) == 3
    assert page.locator("#chart canvas").count() == 1
    drawn = page.evaluate("window.seriesChart.data.slice(1).map(s => s.filter(v => v !== null).length)")
    assert sum(drawn[:2]) == 3 and drawn[-1] > 0  # two sources' points, and conflicts marked
    page.screenshot(path=str(ARTEFACTS / "series.png"), full_page=True)


def test_search_finds_a_quote(server, page):
    page.goto(server)
    page.fill("input[name=q]", "victory within reach")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    results = page.locator("#quote-results li")
    assert results.count() == 1 and "Total victory" in results.first.inner_text()
    assert "Benjamin Netanyahu" in results.first.locator(".who").inner_text()
    page.screenshot(path=str(ARTEFACTS / "search.png"), full_page=True)


def test_demo_conflicts_page_lists_the_disputes_with_both_sentences(demo_server, page):
    page.goto(f"{demo_server}/conflicts")
    sections = page.locator("section.conflict")
    assert sections.count() >= 3
    kinds = {sections.nth(i).get_attribute("data-kind") for i in range(sections.count())}
    assert kinds == {"stated", "values"}
    text = page.locator("main").inner_text()
    for dispute in ("lower than the 27,708", "killed 40 people", "Between 100 and 300 people"):
        assert dispute in text
    assert sections.first.locator("a[href^='/articles/']").count() == 2  # links to both articles
    page.screenshot(path=str(ARTEFACTS / "conflicts.png"), full_page=True)


def test_demo_chart_draws_one_line_per_body(demo_server, page):
    page.goto(f"{demo_server}/figures?category=killed")  # the most reported place by default: Gaza
    page.wait_for_function("document.getElementById('chart').dataset.points !== '0'")
    headings = [h.split("\n")[0] for h in page.locator("main h2").all_inner_texts()]
    bodies = [h.split(" health ministry")[0].split(" government")[0] for h in headings]
    assert len(bodies) == len(set(bodies))  # one series per body
    assert any(h.startswith("Gaza Health Ministry") for h in headings)
    labels = page.evaluate("window.seriesChart.series.slice(1).map(s => s.label)")
    drawn = [label for label in labels if not label.endswith("(reference)") and label != "conflict"]
    assert len(drawn) == len(set(drawn)) == len(headings)  # one line and colour per body
    assert int(page.locator("#chart").get_attribute("data-lines")) >= 2  # bodies with running totals to draw
    assert "Gaza Health Ministry (TFP) (reference)" in labels
    legend = page.locator(".u-legend .u-series[title*='named as']").first
    assert "Hamas-run" in legend.get_attribute("title")  # the aliases on hover
    page.screenshot(path=str(ARTEFACTS / "series-bodies.png"), full_page=True)


def test_an_alert_link_marks_its_span(server, page):
    record = page.request.get(f"{server}/api/articles/{article(OTHER, '2024-02-07').id}").json()
    span = record["figures"][0]["span"]
    page.goto(f"{server}/articles/{record['article']['id']}#span-{span['start']}-{span['end']}")
    page.wait_for_selector(".span-linked")
    marked = "".join(page.locator(".span-linked").all_inner_texts())
    assert marked == span["text"]  # runs are cut at every span edge, so exactly the figure is marked
def test_map_draws_the_demo_events_at_their_towns_over_offline_outlines(demo_server, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{demo_server}/map?layer=events")
    page.wait_for_selector("#map[data-points]", state="attached")  # no string evaluation: the CSP forbids eval
    assert int(page.locator("#map").get_attribute("data-points")) > 0
    assert page.locator("#map path.leaflet-interactive.map-point").count() > 0  # the event circles
    assert page.locator("#map svg path").count() > 100  # the Natural Earth outlines
    assert all(url.startswith(demo_server) for url in requested)  # no tile server, no CDN
    assert page.locator("script:not([src])").count() == 0
    drawn = page.evaluate("fetch('/api/map/events').then(r => r.json())")
    towns = {f["properties"]["place"]: f["geometry"]["coordinates"] for f in drawn["features"]}
    assert {"Jenin", "Rafah", "Nur Shams camp"} <= set(towns)
    assert abs(towns["Jenin"][1] - 32.46) < 0.05 and abs(towns["Jenin"][0] - 35.30) < 0.05
    page.screenshot(path=str(ARTEFACTS / "map-events.png"), full_page=True)
    page.goto(f"{demo_server}/map?layer=figures&since=2024-02-01&until=2024-02-29")
    page.wait_for_selector("#map[data-points]", state="attached")  # no string evaluation: the CSP forbids eval
    assert int(page.locator("#map").get_attribute("data-points")) > 0
    assert page.locator("#map-legend li").count() >= 1  # one colour per reporting body
    page.screenshot(path=str(ARTEFACTS / "map-figures.png"), full_page=True)


def test_places_page_maps_the_demo_places_and_links_to_their_events(demo_server, page):
    page.goto(f"{demo_server}/places")
    page.wait_for_selector("#map[data-points]", state="attached")  # no string evaluation: the CSP forbids eval
    assert int(page.locator("#map").get_attribute("data-points")) > 0
    assert page.locator("#map path.leaflet-interactive.map-point").count() > 0  # one circle per place
    assert page.locator("#map-legend li").count() >= 1  # one colour per kind of place
    names = page.locator("#places tbody tr td:first-child a").all_inner_texts()
    assert "Khan Younis" in names and "Rafah" in names  # towns the small model types as people
    page.screenshot(path=str(ARTEFACTS / "places.png"), full_page=True)
    row = page.locator("#places tbody tr", has=page.locator("td:first-child a", has_text="Gaza Strip")).first
    row.locator("a.events").click()
    page.wait_for_load_state()
    assert "/events?place=Gaza+Strip" in page.url
    assert page.locator("text=Khan Younis").count() + page.locator("text=Rafah").count() > 0
