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
