"""Readers: files, directories, globs, JSONL, encodings, and one clear problem per unreadable input."""
from __future__ import annotations

import gzip
import json

from newsledger.ingest import DEFAULT_MAX_BYTES, ReadProblem, read_inputs
from newsledger.model import RawArticle

PAGE = "Talks resume in Cairo\n\nNegotiators met on Tuesday, officials said.\n"
HTML = "<html><head><title>Talks resume</title></head><body><p>Negotiators met on Tuesday.</p></body></html>"


def _read(*paths, **options):
    items = list(read_inputs([str(p) for p in paths], **options))
    return ([i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, ReadProblem)])


def test_text_html_and_gzipped_html_files(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.html").write_text(HTML, encoding="utf-8")
    with gzip.open(tmp_path / "c.html.gz", "wt", encoding="utf-8") as stream:
        stream.write(HTML)
    articles, problems = _read(tmp_path / "a.txt", tmp_path / "b.html", tmp_path / "c.html.gz")
    assert problems == []
    assert [(a.text, a.html) for a in articles] == [(PAGE, None), (None, HTML), (None, HTML)]
    assert articles[0].source_path == str(tmp_path / "a.txt")


def test_directories_and_globs_are_recursive_and_each_file_is_read_once(tmp_path):
    nested = tmp_path / "desk" / "world"
    nested.mkdir(parents=True)
    (tmp_path / "desk" / "one.txt").write_text(PAGE, encoding="utf-8")
    (nested / "two.txt").write_text(PAGE, encoding="utf-8")
    (nested / ".hidden.txt").write_text(PAGE, encoding="utf-8")
    articles, problems = _read(tmp_path / "desk", str(tmp_path / "**" / "*.txt"))
    assert problems == []
    assert sorted(a.source_path for a in articles) == [str(tmp_path / "desk" / "one.txt"), str(nested / "two.txt")]


def test_each_bad_file_is_one_problem_and_the_rest_are_still_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "big.txt").write_text("word " * 400, encoding="utf-8")
    (tmp_path / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    articles, problems = _read(tmp_path, tmp_path / "missing.txt", tmp_path / "*.none", max_bytes=1000)
    assert [a.source_path for a in articles] == [str(good)]
    reasons = {p.path.rsplit("/", 1)[-1]: p.reason for p in problems}
    assert reasons["notes.pdf"].startswith("unsupported file type")
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"].startswith("empty file")
    assert reasons["image.txt"] == "binary content, not text"
    assert reasons["big.txt"].startswith("too large")
    assert reasons["broken.html.gz"].startswith("corrupt gzip file")
    assert reasons["missing.txt"] == "no such file or directory"
    assert reasons["*.none"] == "no files match this pattern"
    assert all(str(p).startswith(p.path + ": ") for p in problems)


def test_default_cap_is_ten_megabytes():
    assert DEFAULT_MAX_BYTES == 10 * 1024 * 1024


def test_encodings_bom_cp1252_and_mixed_lines(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffCaf\u00e9 owners said prices rose.".encode("utf-8"))
    (tmp_path / "win.txt").write_bytes("\u201cWe left,\u201d she said.".encode("cp1252"))
    (tmp_path / "mixed.txt").write_bytes("Caf\u00e9 line.\n".encode("utf-8") + "\u201cQuoted\u201d line.".encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes("Talks resumed.".encode("utf-16"))
    articles, problems = _read(tmp_path / "bom.txt", tmp_path / "win.txt", tmp_path / "mixed.txt",
                               tmp_path / "utf16.txt")
    assert problems == []
    assert [a.text for a in articles] == ["Caf\u00e9 owners said prices rose.", "\u201cWe left,\u201d she said.",
                                          "Caf\u00e9 line.\n\u201cQuoted\u201d line.", "Talks resumed."]


def test_text_is_only_decoded_so_verbatim_offsets_hold(tmp_path):
    raw = "Line one.\r\n\r\nLine\u00a0two.\r\n"
    (tmp_path / "crlf.txt").write_bytes(raw.encode("utf-8"))
    articles, _ = _read(tmp_path / "crlf.txt")
    assert articles[0].text == raw


def test_html_declared_charset_is_honoured(tmp_path):
    html = '<html><head><meta charset="windows-1251"></head><body><p>Москва</p></body></html>'
    (tmp_path / "ru.html").write_bytes(html.encode("windows-1251"))
    articles, problems = _read(tmp_path / "ru.html")
    assert problems == [] and "Москва" in articles[0].html


def test_jsonl_lines_become_articles_and_bad_lines_are_reported(tmp_path):
    rows = [
        json.dumps({"text": "Talks resumed on Monday.", "url": "https://news.example/a", "published": "2024-02-07",
                    "outlet": "News Example", "headline": "Talks resume"}),
        "",
        "{not json",
        json.dumps({"html": HTML, "published": "2024-02-07T10:15:00Z"}),
        json.dumps(["a", "list"]),
        json.dumps({"url": "https://news.example/no-body"}),
        json.dumps({"text": "Dated badly.", "published": "last Tuesday"}),
        json.dumps({"text": "No metadata at all."}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    articles, problems = _read(path)
    first, second, third = articles
    assert (first.source_path, first.url, first.published, first.published_from, first.outlet, first.headline) == (
        "https://news.example/a", "https://news.example/a", "2024-02-07", "input", "News Example", "Talks resume")
    assert second.html == HTML and second.text is None and second.published == "2024-02-07"
    assert second.source_path == f"{path}:4"
    assert third.text == "No metadata at all." and third.published is None
    assert [p.path for p in problems] == [f"{path}:3", f"{path}:5", f"{path}:6", f"{path}:7"]
    assert all(p.reason.startswith("bad JSONL line") for p in problems)
