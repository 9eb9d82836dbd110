"""What one article may cost: the limits of a run in one place, and the watchdog that holds an analysis to them.

An article over its time or memory budget is reported and skipped, like any other article that cannot be analysed;
the run goes on. (A 1.9-million-character live blog once ran for over fifteen minutes and took 6.35 GB before the
engines were made near-linear; the budget is the guard for whatever input is still slow.)
"""
from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

# The reader's cap on one input file (bytes on disk, or once decompressed).
MAX_INPUT_BYTES = 10 * 1024 * 1024
# Texts longer than this are parsed in pieces cut at paragraph breaks and joined back into one Doc, so that every
# text the reader accepts can be parsed (spaCy refuses texts over `nlp.max_length`) with its offsets unchanged.
PARSE_CHUNK_CHARS = 200_000
# Seconds and resident memory (growth over the run's level when the article started) one analysis may take.
ARTICLE_SECONDS = float(os.environ.get("NEWSLEDGER_ARTICLE_SECONDS", 120))
ARTICLE_MEMORY_BYTES = int(float(os.environ.get("NEWSLEDGER_ARTICLE_MEMORY_MB", 3072)) * 1024 * 1024)
# How often the watchdog looks at the clock and the process's memory.
_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class Budget:
    seconds: float = ARTICLE_SECONDS
    memory_bytes: int = ARTICLE_MEMORY_BYTES


class OverBudget(BaseException):
    """Raised inside an analysis that went over its budget. A BaseException, so that no engine's `except
    Exception` swallows it."""


def resident_bytes() -> int:
    """This process's resident memory now (Linux /proc; 0 where it cannot be read, which disables the check)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _interrupt(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise `exception` in that thread at its next bytecode (None cancels one not yet raised)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exception) if exception else None)


@contextmanager
def held_to(budget: Budget) -> Iterator[list[str]]:
    """Run the block under a watchdog that raises OverBudget in it when it passes its budget.

    Yields a list that holds, once OverBudget was raised, the reason in words ("took over 120 s").
    """
    reason: list[str] = []
    thread_id = threading.get_ident()
    finished = threading.Event()
    lock = threading.Lock()
    started, start_rss = time.monotonic(), resident_bytes()

    def watch() -> None:
        while not finished.wait(_POLL_SECONDS):
            why = None
            if time.monotonic() - started > budget.seconds:
                why = f"took over {budget.seconds:g} s"
            elif start_rss and budget.memory_bytes and resident_bytes() - start_rss > budget.memory_bytes:
                why = f"used over {budget.memory_bytes / 2**20:,.0f} MB"
            if why:
                with lock:
                    if not finished.is_set():
                        reason.append(why)
                        _interrupt(thread_id, OverBudget)
                return

    watcher = threading.Thread(target=watch, name="newsledger-budget", daemon=True)
    watcher.start()
    try:
        yield reason
    finally:
        with lock:
            finished.set()
            if reason:
                _interrupt(thread_id, None)  # fired as the block ended: not to be raised later, elsewhere
        watcher.join()
