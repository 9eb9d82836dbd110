"""Loading the language data that lives in each stage's data/ folder (one phrase per line, or tab-separated tables).

The default package is the engines' (`newsledger/extract/data`); every other stage names its own.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources


@functools.lru_cache(maxsize=None)
def data_lines(name: str, package: str = "newsledger.extract") -> tuple[str, ...]:
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


def load_phrases(name: str, package: str = "newsledger.extract") -> tuple[str, ...]:
    """Lower-cased phrases, longest first so greedy matching prefers "prime minister" to "minister"."""
    return tuple(sorted({line.lower() for line in data_lines(name, package)}, key=lambda p: (-len(p), p)))


def load_table(name: str, package: str = "newsledger.extract") -> dict[str, str]:
    """A two-column tab-separated table: lower-cased key -> value."""
    table = {}
    for line in data_lines(name, package):
        key, _, value = line.partition("\t")
        table[key.strip().lower()] = value.strip()
    return table


def phrase_pattern(phrase: str) -> str:
    """The phrase escaped for a regex, any run of white space between its words ("according\nto")."""
    return r"\s+".join(map(re.escape, phrase.split()))


def alternation(phrases: Iterable[str], spaced: bool = False) -> str:
    """The phrases as one regex alternation, escaped, in the order given (`load_phrases` gives longest first, which
    greedy matching needs); `spaced` lets any run of white space stand between words."""
    return "|".join(map(phrase_pattern if spaced else re.escape, phrases))
