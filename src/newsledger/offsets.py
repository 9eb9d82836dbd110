"""Items with character spans, indexed by offset: which of them overlap, hold or start inside a range is found by
bisection instead of a scan, so an engine that asks once per figure or sentence stays near-linear on long pages."""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    def __init__(self, items: Iterable[tuple[int, int, T]]) -> None:
        """`items` are (start, end, item); items with the same start keep their given order."""
        self._items = sorted(items, key=lambda item: item[0])
        self._starts = [start for start, _, _ in self._items]
        # No item starts further back than this before an offset it reaches.
        self._longest = max((end - start for start, end, _ in self._items), default=0)

    def __len__(self) -> int:
        return len(self._items)

    def _near(self, start: int, end: int) -> list[tuple[int, int, T]]:
        low = bisect.bisect_left(self._starts, start - self._longest)
        return self._items[low:bisect.bisect_left(self._starts, end)]

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items that share a character with start..end, by start."""
        return [item for s, e, item in self._near(start, end) if s < end and start < e]

    def holding(self, start: int, end: int) -> list[T]:
        """The items whose span contains start..end, by start."""
        return [item for s, e, item in self._near(start, end + 1) if s <= start and end <= e]

    def starting_in(self, start: int, end: int) -> list[T]:
        """The items that start at or after `start` and before `end`, by start."""
        return [item for _, _, item in self._items[bisect.bisect_left(self._starts, start):
                                                   bisect.bisect_left(self._starts, end)]]


class GrowingSpans:
    """Spans added one at a time, asked whether any of them holds an offset, without a scan of every span added
    before (an engine that keeps what it has claimed so far and asks once per item)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._ends.insert(at, end)
        self._longest = max(self._longest, end - start)

    def holds(self, offset: int) -> bool:
        """Whether a span added so far has start <= offset < end."""
        low = bisect.bisect_left(self._starts, offset - self._longest)
        return any(self._ends[n] > offset for n in range(low, bisect.bisect_right(self._starts, offset)))
