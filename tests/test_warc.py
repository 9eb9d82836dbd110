"""WARC/ARC reading: HTML responses become articles, the rest is counted, damage is reported with its offset."""
from __future__ import annotations

import gzip
import io
import re
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.clean import clean
from newsledger.ingest import ReadProblem, read_inputs
from newsledger.model import RawArticle


PAGE = ("<html><head><title>Port reopens after storm</title></head><body><article><h1>Port reopens after storm</h1>"
        "<p>The port reopened on Friday after a storm closed it for three days, the harbour authority said.</p>"
        "<p>\"We lost three days of work, but nobody was hurt,\" the harbour master told reporters at the quay.</p>"
        "</article></body></html>")


def _write_warc(path: Path, gzipped: bool = True, content_encoding: str | None = None) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsledger tests"}))
        body = PAGE.encode("utf-8")
        headers = [("Content-Type", "text/html; charset=utf-8")]
        if content_encoding == "gzip":
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        for uri, payload, content_type in (
            ("https://port.example/news/reopens", body, headers),
            ("https://port.example/logo.png", b"\x89PNG\r\n", [("Content-Type", "image/png")]),
        ):
            http = StatusAndHeaders("200 OK", content_type, protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http,
                                               warc_headers_dict={"WARC-Date": "2024-02-09T08:00:00Z"})
            writer.write_record(record)


def _read(path):
    items = list(read_inputs([str(path)]))
    return ([i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, ReadProblem)])


@pytest.mark.parametrize("name,gzipped,encoding", [("plain.warc", False, None), ("pages.warc.gz", True, None),
                                                   ("encoded.warc.gz", True, "gzip")])
def test_html_responses_become_articles_with_the_warc_date_as_fallback(tmp_path, name, gzipped, encoding):
    path = tmp_path / name
    _write_warc(path, gzipped, encoding)
    articles, problems = _read(path)
    [article] = articles
    assert article.source_path == article.url == "https://port.example/news/reopens"
    assert article.published == "2024-02-09" and article.published_from == "warc"
    assert "harbour master" in article.html
    assert [p.reason for p in problems] == [
        "skipped 2 records that are not HTML pages (warcinfo record: 1, not HTML: 1)"]
    cleaned = clean(article)
    assert cleaned.text.startswith("The port reopened on Friday")
    assert cleaned.published == "2024-02-09" and cleaned.published_from == "warc"


def test_a_truncated_record_is_reported_with_its_offset_and_the_next_one_is_read(tmp_path):
    path = tmp_path / "damaged.warc"
    _write_warc(path, gzipped=False)
    sound = path.read_bytes()
    starts = [m.start() for m in re.finditer(rb"WARC/1\.\d\r\n", sound)]
    html_record = starts[1]
    cut_at = sound.index(b"harbour master", html_record)  # lose 40 bytes of the page, as a broken download would
    path.write_bytes(sound[:cut_at] + sound[cut_at + 40:] + sound[html_record:])  # then a sound copy follows
    articles, problems = _read(path)
    assert [a.url for a in articles][-1] == "https://port.example/news/reopens"
    assert "harbour master told reporters" in articles[-1].html
    [damage] = [p for p in problems if "corrupt or truncated" in p.reason]
    assert damage.path == f"{path} (offset {html_record})"
    assert "not HTML: " in [p for p in problems if p.reason.startswith("skipped")][0].reason


def test_garbage_with_a_warc_name_is_one_problem(tmp_path):
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(b"this is not an archive at all\n" * 5)
    articles, problems = _read(path)
    assert articles == [] and len(problems) == 1 and "not a WARC or ARC archive" in problems[0].reason


@pytest.mark.shared
@pytest.mark.parametrize("name", ["example.warc", "example.warc.gz", "example.arc", "example.arc.gz",
                                  "example-iana.org-chunked.warc", "example-wrong-chunks.warc.gz",
                                  "example-bad-non-chunked.warc.gz", "example-wget-bad-target-uri.warc.gz",
                                  "example-space-in-url.arc"])
def test_shared_samples_each_give_their_html_page(shared_data, name):
    articles, problems = _read(shared_data / "warc-samples" / name)
    assert len(articles) == 1
    article = articles[0]
    assert article.url and article.url.startswith("http") and article.source_path == article.url
    assert article.published_from == "warc" and len(article.published) == 10
    assert "<html" in article.html.lower() and "\x1f\x8b" not in article.html  # dechunked and decompressed
    assert not [p for p in problems if "corrupt" in p.reason]
    headline = clean(article).headline
    assert headline and f"<title>{headline}</title>" in article.html


@pytest.mark.shared
def test_shared_truncated_sample_reports_the_damage_and_reads_on(shared_data):
    articles, problems = _read(shared_data / "warc-samples" / "example-trunc.warc")
    assert [a.url for a in articles] == ["http://example.com/"]
    [damage] = [p for p in problems if "corrupt or truncated" in p.reason]
    assert damage.path.endswith("(offset 1197)")
    skipped = [p for p in problems if p.reason.startswith("skipped")]
    assert skipped and "request record: 1" in skipped[0].reason  # the record after the damage was still read


@pytest.mark.shared
@pytest.mark.parametrize("name", ["bad.arc", "example-digest.warc", "example-resource.warc.gz",
                                  "example-space-in-target-uri.warc.gz", "post-test.warc.gz"])
def test_shared_samples_without_readable_pages_never_raise(shared_data, name):
    items = list(read_inputs([str(shared_data / "warc-samples" / name)]))
    assert all(isinstance(i, (RawArticle, ReadProblem)) for i in items)


@pytest.mark.shared
def test_shared_bad_gzip_sample_under_a_warc_name(shared_data, tmp_path):
    path = tmp_path / "example-bad.warc.gz"
    shutil.copy(shared_data / "warc-samples" / "example-bad.warc.gz.bad", path)
    items = list(read_inputs([str(path)]))
    assert all(isinstance(i, (RawArticle, ReadProblem)) for i in items)
    assert any(isinstance(i, RawArticle) for i in items)
