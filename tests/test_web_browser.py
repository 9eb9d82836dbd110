"""The web UI in a real browser: Playwright driving Debian's chromium against a server on 127.0.0.1."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from ledger_corpus import OTHER, corpus_ledger
from ledger_records import article

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from _serving(corpus_ledger(str(tmp_path_factory.mktemp("web") / "ledger.db")))


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """The bundled examples, analysed by the whole pipeline (places included)."""
    from newsledger.pipeline import ingest_into
    from newsledger.store import Store

    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    with Store(db) as store:
        ingest_into(store, [str(Path(__file__).resolve().parents[1] / "examples")])
    yield from _serving(db)


def _serving(db: str):
    import uvicorn

    from newsledger.api import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app_server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not app_server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    app_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                          "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser.new_page(viewport={"width": 1200, "height": 900})
        browser.close()


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


def test_map_draws_the_demo_events_at_their_towns_over_offline_outlines(demo_server, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{demo_server}/map?layer=events")
    page.wait_for_function("document.getElementById('map').dataset.points !== undefined")
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
    page.wait_for_function("document.getElementById('map').dataset.points !== undefined")
    assert int(page.locator("#map").get_attribute("data-points")) > 0
    assert page.locator("#map-legend li").count() >= 1  # one colour per reporting body
    page.screenshot(path=str(ARTEFACTS / "map-figures.png"), full_page=True)
