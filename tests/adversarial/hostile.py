"""Helpers of the adversarial suite (issue 17): the CLI run in this process, a live server, and small articles that are certain
to be stored, each with a word of its own so a test can find it in the ledger."""
from __future__ import annotations

from typer.testing import CliRunner

from newsledger.cli import app

from browser_support import serving as served  # noqa: F401  (a live server on a free local port)

runner = CliRunner()


def cli(*args: str):
    """The CLI's result (exit code, stdout, stderr); an uncaught exception fails the test, as a traceback would."""
    return runner.invoke(app, list(args), catch_exceptions=False)


def story(marker: str) -> str:
    """A short report whose text contains `marker` (a word found nowhere else)."""
    return (f"Workers in {marker} reopened the river bridge on Monday after three weeks of repairs, the city "
            f"council said.\n\n\"The {marker} crossing is safe again,\" the mayor told reporters.\n")


def one_line_error(stderr: str) -> str:
    """The error a command printed: exactly one line, and no traceback."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    assert len(lines) == 1, stderr
    return lines[0]


