"""Readers: paths, directories and globs -> RawArticle (or a ReadProblem naming the file and the reason)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import RawArticle

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass
class ReadProblem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def read_inputs(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | ReadProblem]:
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        yield RawArticle(source_path=path, text=text)
