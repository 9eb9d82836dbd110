"""Helpers of the adversarial suite (issue 17): the CLI run in this process, and small articles that are certain
to be stored, each with a word of its own so a test can find it in the ledger."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from typer.testing import CliRunner

from newsledger.cli import app

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


@contextmanager
def served(asgi_app) -> Iterator[str]:
    """The app served by uvicorn on a free port of 127.0.0.1, for tests that need real concurrent clients."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(asgi_app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
