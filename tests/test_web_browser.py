"""The web UI in a real browser: Playwright driving Debian's chromium against a server on 127.0.0.1."""
from __future__ import annotations

import pytest
from browser_support import ARTEFACTS, browser_page, playwright_or_skip, serving
from ledger_corpus import OTHER, corpus_ledger
from ledger_records import article

pytestmark = pytest.mark.browser
sync_api = playwright_or_skip()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from newsledger.api import create_app

    db = corpus_ledger(str(tmp_path_factory.mktemp("web") / "ledger.db"))
    with serving(create_app(db)) as base:
        yield base


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


def test_an_alert_link_marks_its_span(server, page):
    record = page.request.get(f"{server}/api/articles/{article(OTHER, '2024-02-07').id}").json()
    span = record["figures"][0]["span"]
    page.goto(f"{server}/articles/{record['article']['id']}#span-{span['start']}-{span['end']}")
    page.wait_for_selector(".span-linked")
    marked = "".join(page.locator(".span-linked").all_inner_texts())
    assert marked == span["text"]  # runs are cut at every span edge, so exactly the figure is marked
