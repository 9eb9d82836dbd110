"""Readers: paths, directories and globs -> RawArticle (or a ReadProblem naming the file and the reason).

Every problem is reported and reading goes on: one bad file (or one bad JSONL line, or one corrupt WARC record)
never stops the others.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..model import RawArticle
from .files import DEFAULT_MAX_BYTES, ReadProblem, expand_paths, printable, read_document_file
from .jsonl import read_jsonl
from .warc import read_warc

__all__ = ["DEFAULT_MAX_BYTES", "ReadProblem", "read_inputs"]

_READERS = {"document": read_document_file, "jsonl": read_jsonl, "warc": read_warc}


def read_inputs(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | ReadProblem]:
    for item in expand_paths(paths):
        if isinstance(item, ReadProblem):
            yield item
            continue
        path, kind = item
        try:
            for read in _READERS[kind](path, max_bytes):
                if isinstance(read, RawArticle):
                    read.source_path = printable(read.source_path)
                yield read
        except OSError as exc:  # vanished, unreadable, permission denied
            yield ReadProblem(str(path), f"cannot read file ({exc.strerror or exc})")
