"""The pages under their Content-Security-Policy in a real browser: no violation, the docs and chart still draw."""
from __future__ import annotations

from pathlib import Path

import pytest
from hostile import served
from ledger_corpus import OTHER, corpus_ledger
from ledger_records import article

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")


def test_no_page_breaks_its_content_security_policy(tmp_path):
    from newsledger.api import create_app

    db = corpus_ledger(str(tmp_path / "l.db"))
    with served(create_app(db)) as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                          "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        complaints: list[str] = []
        page.on("console", lambda message: complaints.append(message.text) if message.type == "error" else None)
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        for path in ("/", f"/articles/{article(OTHER, '2024-02-07').id}", "/entities/1",
                     "/figures?category=killed&place=Gaza", "/events", "/search?q=hostage"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        page.goto(base + "/docs")
        page.wait_for_selector(".opblock-summary-path", timeout=20_000)  # Swagger UI drew the operations
        operations = page.locator(".opblock-summary-path").all_inner_texts()
        browser.close()
    assert "/api/quotes" in operations
    assert not [c for c in complaints if "Content Security Policy" in c], complaints
    assert all(url.startswith(base) or url.startswith("data:") for url in requested), requested
