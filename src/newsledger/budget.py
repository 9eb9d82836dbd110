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
# text the reader accepts can be parsed (spaCy refuses texts over `nlp.max_length`) with its offsets unchanged, and
# parsed in time linear in its length. Pieces are kept this small because a larger piece costs more than its share:
# the arrays numpy allocates for it are backed by transparent huge pages the kernel has to find and zero on first
# touch, so a 160,000-character piece took 4.2 s in tok2vec on its first parse in a process and 0.7 s on its second,
# and its entity recogniser 0.185 s per 10,000 characters against 0.139 s for pieces up to 80,000 (a 320,000-character
# text parsed in 15.3 s in pieces of at most 200,000 characters, 9.3 s in pieces of at most 50,000). No news article
# in the gold sets is this long (the longest is under 40,000 characters), so only live blogs are ever cut.
PARSE_CHUNK_CHARS = 50_000
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


@dataclass
class _Watched:
    budget: Budget
    started: float
    start_rss: int
    reason: list[str]


class _Watchdog:
    """One daemon thread that looks, every _POLL_SECONDS, at each analysis under way (one per thread)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.watched: dict[int, _Watched] = {}
        self.thread: threading.Thread | None = None

    def watch(self, thread_id: int, watched: _Watched) -> None:
        with self.lock:
            self.watched[thread_id] = watched
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="newsledger-budget", daemon=True)
                self.thread.start()

    def release(self, thread_id: int) -> None:
        with self.lock:
            watched = self.watched.pop(thread_id)
            if watched.reason:
                _interrupt(thread_id, None)  # fired as the block ended: not to be raised later, elsewhere

    def _run(self) -> None:
        while True:
            time.sleep(_POLL_SECONDS)
            rss = None
            with self.lock:
                for thread_id, watched in self.watched.items():
                    if watched.reason:
                        continue
                    if rss is None and watched.budget.memory_bytes and watched.start_rss:
                        rss = resident_bytes()
                    if time.monotonic() - watched.started > watched.budget.seconds:
                        watched.reason.append(f"took over {watched.budget.seconds:g} s")
                    elif rss and rss - watched.start_rss > watched.budget.memory_bytes:
                        watched.reason.append(f"used over {watched.budget.memory_bytes / 2**20:,.0f} MB")
                    if watched.reason:
                        _interrupt(thread_id, OverBudget)


_WATCHDOG = _Watchdog()


@contextmanager
def held_to(budget: Budget) -> Iterator[list[str]]:
    """Run the block under the watchdog, which raises OverBudget in it when it passes its budget.

    Yields a list that holds, once OverBudget was raised, the reason in words ("took over 120 s").
    """
    thread_id = threading.get_ident()
    watched = _Watched(budget, time.monotonic(), resident_bytes(), [])
    _WATCHDOG.watch(thread_id, watched)
    try:
        yield watched.reason
    finally:
        _WATCHDOG.release(thread_id)
