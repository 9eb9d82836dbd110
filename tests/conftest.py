"""Shared fixtures: the gold data folder (../shared) and a temporary ledger."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or a skip when this checkout has no shared folder beside it."""
    if not SHARED.is_dir():
        pytest.skip(f"gold data not found at {SHARED} (tests marked 'shared' need ../shared)")
    return SHARED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture()
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "ledger.db")


@pytest.fixture(scope="session")
def figures_of():
    """The shipped pipeline's figures (sources and bodies resolved) on a text taken verbatim."""
    from newsledger import nlp
    from newsledger.model import RawArticle
    from newsledger.pipeline import clean_one, run_steps

    nlp.load()

    def run(text: str):
        article = clean_one(RawArticle(source_path="test", text=text, published="2024-02-07"), verbatim=True)
        return run_steps(article, nlp.parse(article.text), wanted=("figures",))["figures"]

    return run


@pytest.fixture(scope="session")
def events_of():
    """The events engine alone (no times, no figures) on a text published 2024-02-07."""
    from newsledger import nlp
    from newsledger.extract.events import extract_events
    from newsledger.model import Article

    nlp.load()

    def run(text: str):
        article = Article(id="t", source_path="t", text=text, published="2024-02-07")
        return extract_events(nlp.parse(text), article, [], [])

    return run


@pytest.fixture(scope="module")
def times(request):
    """The time engine on a text: {span as written: (TIMEX3 type, value)}, read on the test module's PUBLISHED date
    unless the call names another."""
    from newsledger import nlp
    from newsledger.extract.times import extract_times

    def run(text: str, published: str | None = request.module.PUBLISHED) -> dict[str, tuple[str, str]]:
        return {t.span.text: (t.type, t.value) for t in extract_times(nlp.parse(text), published)}

    return run
