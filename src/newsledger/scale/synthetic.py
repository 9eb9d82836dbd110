"""A synthetic wire-news stream of any length for benchmarks and load tests: composed sentences, reproducible by seed.

Every article is different (its lead carries a figure no other article has), so a stream of N gives N article ids.
"""
from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from ..lexicon import data_lines
from ..model import RawArticle

PACKAGE = "newsledger.scale"
FIRST_DAY = date(2024, 1, 1)


def _fillers() -> dict[str, tuple[str, ...]]:
    values: dict[str, list[str]] = defaultdict(list)
    for line in data_lines("synthetic_fillers.tsv", PACKAGE):
        slot, _, value = line.partition("\t")
        values[slot.strip()].append(value.strip())
    return {slot: tuple(choices) for slot, choices in values.items()}


def _sentence(template: str, rng: random.Random, fillers: dict[str, tuple[str, ...]], number: int) -> str:
    slots = {slot: rng.choice(choices) for slot, choices in fillers.items()}
    slots.update(number=f"{number:,}", small=str(rng.randint(2, 40)), day=str(rng.randint(1, 28)))
    sentence = template.format_map(slots)
    return sentence[0].upper() + sentence[1:]


def synthetic_article(index: int, seed: int = 0) -> RawArticle:
    templates = data_lines("synthetic_sentences.txt", PACKAGE)
    fillers = _fillers()
    rng = random.Random(f"{seed}:{index}")
    lead = _sentence(templates[0], rng, fillers, number=12 + index)
    sentences = [_sentence(rng.choice(templates[1:]), rng, fillers, rng.randint(10, 5000))
                 for _ in range(rng.randint(3, 8))]
    paragraphs = [lead] + [" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2)]
    return RawArticle(source_path=f"synthetic:{seed}/{index}", text="\n\n".join(paragraphs),
                      published=(FIRST_DAY + timedelta(days=index % 366)).isoformat(), published_from="cli")


def synthetic_articles(count: int | None = None, seed: int = 0) -> Iterator[RawArticle]:
    """`count` articles, or an endless stream when None."""
    indices = itertools.count() if count is None else range(count)
    return (synthetic_article(index, seed) for index in indices)
