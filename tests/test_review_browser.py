"""Review mode in a real browser: a reviewer signs in, corrects a speaker on the article page, adds a missed quote by
selecting its words, and finds the corrections on the entity pages."""
from __future__ import annotations

import httpx
import pytest
from browser_support import ARTEFACTS, browser_page, playwright_or_skip, serving
from ledger_corpus import OTHER, corpus_ledger
from ledger_records import article

pytestmark = pytest.mark.browser
sync_api = playwright_or_skip()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from newsledger.api import create_app
    from newsledger.review.users import add_user

    folder = tmp_path_factory.mktemp("review-web")
    db = corpus_ledger(str(folder / "ledger.db"))
    token = add_user(folder / "users.toml", "alice")
    with serving(create_app(db, users=str(folder / "users.toml"))) as base:
        yield base, token


@pytest.fixture(scope="module")
def page():
    with browser_page(sync_api) as opened:
        yield opened


def _save_correction(page, field: str, value: str, why: str) -> None:
    """Fill the open review form and submit it; the page reloads with the correction applied."""
    page.select_option("#review-form select[name=field]", field)
    page.fill("#review-form input[name=after]", value)
    page.fill("#review-form input[name=why]", why)
    with page.expect_navigation():
        page.click("#review-form button[type=submit]")


def _entity_id(base: str, name: str) -> int:
    found = httpx.get(f"{base}/api/entities", params={"search": name}).json()["items"]
    return next(e["id"] for e in found if e["name"] == name)


def test_reviewer_corrects_a_speaker_and_sees_it_on_the_entity_page(server, page):
    base, token = server
    aid = article(OTHER, "2024-02-07").id
    page.goto(f"{base}/articles/{aid}")
    assert page.locator("#review-form").count() == 0  # anonymous readers get the read-only page
    page.click("text=Sign in to review")
    page.fill("input[name=token]", token)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"**/articles/{aid}")
    page.locator(".body .quote").first.click()
    form = page.locator("#review-form")
    form.wait_for(state="visible")
    assert "quote q1" in page.locator("#review-what").inner_text()
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "review-article.png"), full_page=True)
    _save_correction(page, "speaker", "Yair Netanyahu", "the son posted it, not the father")
    assert "corrected by alice" in page.locator("#review-notes").inner_text()
    page.locator(".body .quote").first.hover()
    assert "Yair Netanyahu" in page.locator("#tip").inner_text()

    page.goto(f"{base}/entities/{_entity_id(base, 'Yair Netanyahu')}")
    assert "We will not stop until every hostage is home" in page.locator("ol.quotes").inner_text()
    page.goto(f"{base}/entities/{_entity_id(base, 'Benjamin Netanyahu')}")
    assert "We will not stop" not in page.locator("ol.quotes").inner_text()
    page.screenshot(path=str(ARTEFACTS / "review-entity.png"), full_page=True)


def test_reviewer_adds_a_missed_quote_by_selecting_it(server, page):
    base, _ = server
    aid = article(OTHER, "2024-02-07").id
    page.goto(f"{base}/articles/{aid}")  # still signed in
    words = "disputing Palestinian counts"
    start = OTHER.index(words)
    page.evaluate("""([start, end]) => {
        const body = document.getElementById("article-body");
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let seen = 0, node;
        while ((node = walker.nextNode())) {
            const length = node.textContent.length;
            if (seen <= start && start <= seen + length) range.setStart(node, start - seen);
            if (seen <= end && end <= seen + length) { range.setEnd(node, end - seen); break; }
            seen += length;
        }
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        body.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
    }""", [start, start + len(words)])
    page.locator("#review-form").wait_for(state="visible")
    assert f"({start}..{start + len(words)})" in page.locator("#review-what").inner_text()
    page.select_option("#review-form select[name=target]", "quote")
    _save_correction(page, "speaker", "Israeli officials", "the officials' words, reported")
    assert "added by alice" in page.locator("#review-notes").inner_text()
    quotes = httpx.get(f"{base}/api/quotes", params={"speaker": "Israeli officials"}).json()["items"]
    assert [q["content"] for q in quotes] == [words]


def test_reviewer_merges_two_entities_on_the_entity_page(server, page):
    base, _ = server
    page.goto(f"{base}/entities/{_entity_id(base, 'Israeli officials')}")
    page.fill("#merge-form input[name=after]", "Benjamin Netanyahu")
    page.fill("#merge-form input[name=why]", "a test of the merge form")
    with page.expect_navigation():
        page.click("#merge-form button[type=submit]")
    names = [e["name"] for e in httpx.get(f"{base}/api/entities", params={"limit": 100}).json()["items"]]
    assert "Israeli officials" not in names
    page.goto(f"{base}/entities/{_entity_id(base, 'Benjamin Netanyahu')}")
    assert "merged by alice" in page.locator(".review-notes").inner_text()
