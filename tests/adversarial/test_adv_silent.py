"""Issue 17, "silently wrong": what used to be stored wrong, or not reported, now is reported and never stored."""
from __future__ import annotations

import io
import json

from hostile import cli, story
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger import track
from newsledger.ingest import ReadProblem, read_inputs
from newsledger.model import Article, Record
from newsledger.store import Store


def test_html_whose_body_cannot_be_extracted_is_reported_and_nothing_is_stored(tmp_path):
    (tmp_path / "nested.html").write_text("<html><body>" + "<div>" * 100_000 + "</div>" * 100_000 + "</body></html>")
    (tmp_path / "bare.html").write_text("<html><head><title>Menu</title></head><body><nav><a href=/>Home</a></nav>"
                                        "</body></html>")
    db = str(tmp_path / "l.db")
    result = cli("ingest", str(tmp_path / "nested.html"), str(tmp_path / "bare.html"), "--db", db)
    assert result.exit_code == 1
    assert result.stderr.count("no article text found") == 2
    with Store(db, read_only=True) as store:
        assert store.stats()["articles"] == 0


def test_jsonl_lines_may_hold_unicode_line_separators(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [json.dumps({"text": story(f"Beck{n}") + f"A note{sep}in one line."}, ensure_ascii=False)
             for n, sep in enumerate(("\u2028", "\u2029", "\u0085"))]
    path.write_text("\n".join(lines) + "\r\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["RawArticle"] * 3
    assert "\u2028" in items[0].text


def _warc(path, pages: int = 2) -> bytes:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        for n in range(pages):
            body = f"<html><body><article><p>{story(f'Calder{n}')}</p></article></body></html>".encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response",
                                                          payload=io.BytesIO(body), http_headers=http))
    return path.read_bytes()


def test_a_truncated_warc_record_is_reported_as_truncated(tmp_path):
    data = _warc(tmp_path / "whole.warc")
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[:data.rfind(b"Calder1") + 3])
    items = list(read_inputs([str(cut)]))
    pages = [i for i in items if not isinstance(i, ReadProblem)]
    problems = [i for i in items if isinstance(i, ReadProblem)]
    assert [p.url for p in pages] == ["https://news.example/0"]
    assert len(problems) == 1 and "https://news.example/1" in problems[0].path
    assert problems[0].reason.startswith("truncated record: the file ends after")


def test_an_empty_warc_gets_a_line(tmp_path):
    (tmp_path / "empty.warc").write_bytes(b"")
    (tmp_path / "blank.warc").write_bytes(b"\n\n")
    problems = list(read_inputs([str(tmp_path / "empty.warc"), str(tmp_path / "blank.warc")]))
    assert [(p.path.rsplit("/", 1)[-1], p.reason) for p in problems] == [
        ("empty.warc", "empty archive (no records)"), ("blank.warc", "empty archive (no records)")]


HOSTILE_HEADLINE = "[/] Markup [link=https://evil.example]click[/link] [bold]x"


def test_rich_markup_in_stored_text_is_printed_literally(tmp_path):
    db = str(tmp_path / "l.db")
    body = story("Dalry")
    records = [Record(article=Article(id=Article.id_for(body + str(n)), source_path=f"[red]{n}.txt", text=body + str(n),
                                      headline=HOSTILE_HEADLINE, outlet="[/]", published="2024-02-0" + str(n + 1)))
               for n in range(2)]
    with Store(db) as store:
        for record in records:
            store.save(record)
        track.refresh(store)
    for command in (["articles"], ["stories"], ["stats"], ["quotes"], ["entities"], ["figures"], ["events"],
                    ["conflicts"], ["show", records[0].article.id[:6]]):
        result = cli(*command, "--db", db)
        assert result.exit_code == 0, (command, result.stderr)
    listing = cli("articles", "--db", db).stdout
    assert "[/]" in listing and "[link=" in listing.replace("\n", "")
