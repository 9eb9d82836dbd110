"""Whole ingests of generated file sets, good and bad mixed: every good article is stored, nothing bad is, and
every bad file is named in a problem line."""
from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

from hostile import story
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.pipeline import ingest_into
from newsledger.store import Store

GOOD_KINDS = ["txt", "html", "jsonl", "txt.gz", "odd-name"]
BAD_KINDS = ["empty", "blank", "binary", "surrogate-line", "not-json", "nested-divs", "self-link", "dangling-link",
             "corrupt-gzip", "empty-warc", "unsupported"]


def write_good(folder: Path, kind: str, marker: str) -> None:
    text = story(marker)
    if kind == "txt":
        (folder / f"{marker}.txt").write_text(text, encoding="utf-8")
    elif kind == "html":
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        (folder / f"{marker}.html").write_text(f"<html><head><title>{marker} bridge</title></head><body><article>"
                                               f"{paragraphs}</article></body></html>", encoding="utf-8")
    elif kind == "jsonl":
        (folder / f"{marker}.jsonl").write_text(json.dumps({"text": text, "published": "2024-02-07"}) + "\n",
                                                encoding="utf-8")
    elif kind == "txt.gz":
        (folder / f"{marker}.txt.gz").write_bytes(gzip.compress(text.encode("utf-8")))
    else:  # a name whose bytes are not UTF-8
        (folder / os.fsdecode(marker.encode() + b"-\xff\xfe.txt")).write_text(text, encoding="utf-8")


def write_bad(folder: Path, kind: str, marker: str) -> str:
    """Write one bad input; returns its file name, which a problem line must name."""
    names = {"empty": ".txt", "blank": ".txt", "binary": ".txt", "surrogate-line": ".jsonl", "not-json": ".jsonl",
             "nested-divs": ".html", "self-link": ".txt", "dangling-link": ".txt", "corrupt-gzip": ".txt.gz",
             "empty-warc": ".warc", "unsupported": ".pdf", "menu-only-html": ".html"}
    path = folder / f"bad-{marker}{names[kind]}"
    writers = {
        "empty": lambda: path.write_bytes(b""),
        "blank": lambda: path.write_text(" \n\t\n"),
        "binary": lambda: path.write_bytes(b"\x00\x01\x02" * 100 + marker.encode()),
        "surrogate-line": lambda: path.write_text('{"text": "' + marker + ' said \\ud800 on Monday."}\n'),
        "not-json": lambda: path.write_text('{"text": "' + marker + '", \n'),
        "nested-divs": lambda: path.write_text("<html><body>" + "<div>" * 50_000 + marker + "</body></html>"),
        "self-link": lambda: path.symlink_to(path.name),
        "dangling-link": lambda: path.symlink_to(f"missing-{marker}.txt"),
        "corrupt-gzip": lambda: path.write_bytes(gzip.compress(marker.encode() * 50)[:20]),
        "empty-warc": lambda: path.write_bytes(b""),
        "unsupported": lambda: path.write_bytes(b"%PDF-1.4 " + marker.encode()),
    }
    writers[kind]()
    return path.name


FILE_SETS = st.lists(st.one_of(st.tuples(st.just("good"), st.sampled_from(GOOD_KINDS)),
                               st.tuples(st.just("bad"), st.sampled_from(BAD_KINDS))), min_size=1, max_size=7)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_set=FILE_SETS)
def test_every_good_article_of_a_mixed_file_set_is_stored(file_set):
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "inputs"
        inputs.mkdir()
        good, bad_names = [], []
        for number, (quality, kind) in enumerate(file_set):
            marker = f"Quillane{number}"
            if quality == "good":
                write_good(inputs, kind, marker)
                good.append(marker)
            else:
                bad_names.append(write_bad(inputs, kind, marker))
        with Store(str(Path(folder) / "ledger.db")) as store:
            summary = ingest_into(store, [str(inputs)])
            texts = [record.article.text for record in store.records()]
    stored = {marker for marker in (f"Quillane{n}" for n in range(len(file_set))) if any(
        f"{marker} " in text or f"{marker}\n" in text for text in texts)}
    assert stored == set(good), (file_set, [str(p) for p in summary.problems])
    assert summary.added == len(good)
    reported = " ".join(str(p) for p in summary.problems)
    assert all(name in reported for name in bad_names), (bad_names, reported)
