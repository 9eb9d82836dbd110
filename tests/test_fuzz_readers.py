"""Hypothesis fuzzing: no reader and no cleaner may raise, whatever the bytes or text."""
from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.clean import clean
from newsledger.ingest import ReadProblem, read_inputs
from newsledger.model import RawArticle

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".html", ".htm.gz", ".jsonl", ".warc", ".warc.gz", ".arc", ".gz"]
NEWS_BITS = st.sampled_from([
    "“", "”", "\"", "'", "‘", "’", "«", "\u00a0", "\u200b", "\r\n", "\n\n", "\t", "—", " said.", "By Jane Doe",
    "GAZA CITY (AP) — ", "07 February, 2024", "4 min read", "Advertisement", "[Getty]", "Read more: ",
    "<p>", "</p>", "<div", "<script>", "<!--", "&amp;", "&#x0;", "\x00", "\ufffd", "WARC/1.0\r\n", "{\"text\": ",
])
TEXTS = st.lists(st.one_of(st.text(max_size=40), NEWS_BITS), max_size=40).map("".join)
MIXED_BYTES = st.lists(st.one_of(st.binary(max_size=30), TEXTS.map(lambda t: t.encode("utf-8")),
                                 TEXTS.map(lambda t: t.encode("cp1252", "replace"))), max_size=12).map(b"".join)


def _read_bytes(data: bytes, suffix: str, compress: bool = False) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(gzip.compress(data) if compress else data)
        items = list(read_inputs([str(path)], max_bytes=2_000_000))
    assert all(isinstance(item, (RawArticle, ReadProblem)) for item in items)
    for item in items:
        if isinstance(item, RawArticle):
            clean(item)
            clean(item, verbatim=True)
    return items


@FUZZ
@given(data=MIXED_BYTES, suffix=st.sampled_from(SUFFIXES), compress=st.booleans())
def test_readers_never_raise_on_random_or_mixed_bytes(data, suffix, compress):
    _read_bytes(data, suffix, compress and suffix.endswith(".gz"))


@FUZZ
@given(text=TEXTS)
def test_page_cleaner_never_raises_and_keeps_its_promises(text):
    article = clean(RawArticle(source_path="fuzz.txt", text=text))
    assert "\n\n\n" not in article.text and "\u00a0" not in article.text
    for paragraph in article.paragraphs:
        assert article.text[paragraph.start:paragraph.end].strip()
    # verbatim keeps every character in place; only NUL, which PostgreSQL cannot store, becomes a space
    assert clean(RawArticle(source_path="fuzz.txt", text=text), verbatim=True).text == text.replace("\x00", " ")


@FUZZ
@given(markup=TEXTS)
def test_html_cleaner_never_raises_on_broken_markup(markup):
    clean(RawArticle(source_path="fuzz.html", html=f"<html><body><p>{markup}</div><p>{markup}", url="http://x.example/"))


@settings(max_examples=6, deadline=None)
@given(line=st.sampled_from(["", "“", "Officials said ", "<p>", "\u00a0"]), size=st.integers(200_000, 1_000_000))
def test_one_megabyte_single_lines_are_handled(line, size):
    text = (line + "x " * (size // 2))[:size]
    _read_bytes(text.encode("utf-8"), ".txt")
    clean(RawArticle(source_path="long.txt", text=text))
