"""Issue 17, "inputs lost": one bad item costs only itself; every other article of the run is stored."""
from __future__ import annotations

import json
import os
import time

import pytest
from hostile import cli, story

from newsledger import budget, nlp, pipeline
from newsledger.budget import Budget
from newsledger.ingest import ReadProblem
from newsledger.model import RawArticle, Record
from newsledger.scale.batch import BatchSettings, analyse_partition
from newsledger.scale.shards import finished_shards, read_shard
from newsledger.store import Store, queries, schema


def stored_texts(db: str) -> list[str]:
    with Store(db, read_only=True) as store:
        return [r.article.text for r in store.records()]


def test_a_jsonl_line_with_a_lone_surrogate_is_reported_and_the_other_lines_stored(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"text": story("Alderbrook")}) + "\n"
                    + '{"text": "The council said \\ud800 on Monday."}\n'
                    + json.dumps({"text": story("Bramblecote")})[:-1] + ', "url": "https://news.example/\\udc00"}\n'
                    + json.dumps({"text": story("Copperfield")}) + "\n", encoding="utf-8")
    db = str(tmp_path / "l.db")
    result = cli("ingest", str(path), "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "dump.jsonl:2: bad JSONL line" in result.stderr and "lone surrogate" in result.stderr
    texts = stored_texts(db)
    assert sorted(m for m in ("Alderbrook", "Copperfield", "Bramblecote") if any(m in t for t in texts)) == [
        "Alderbrook", "Copperfield"]


def test_a_file_name_that_is_not_utf8_is_stored_with_its_bytes_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.fsdecode(b"r\xe9sum\xe9-report.txt")  # Latin-1 bytes: not UTF-8, carried as surrogate escapes
    (folder / odd).write_text(story("Dunmere"), encoding="utf-8")
    (folder / "plain.txt").write_text(story("Eastwick"), encoding="utf-8")
    db = str(tmp_path / "l.db")
    result = cli("ingest", str(folder), "--db", db)
    assert result.exit_code == 0, result.stderr
    with Store(db, read_only=True) as store:
        paths = sorted(row["source_path"] for row in queries.articles(store))
    assert len(paths) == 2 and any(p.endswith("r\\xe9sum\\xe9-report.txt") for p in paths)


def test_a_text_longer_than_spacys_limit_is_parsed_in_pieces_with_every_offset_kept(monkeypatch):
    # The real gap was 2,000,000 (nlp.max_length) to 10 MB (the reader's cap); scaled down so the test is fast.
    monkeypatch.setattr(budget, "PARSE_CHUNK_CHARS", 3_000)
    monkeypatch.setattr(nlp.load(), "max_length", 6_000)
    text = "\n\n".join(story(f"Fenwick{n}") for n in range(150))
    assert len(text) > 2 * nlp.load().max_length
    doc = nlp.parse(text)
    assert doc.text == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)
    assert len(nlp.pieces(text)) > 2 and all(len(p) <= 3_000 for p in nlp.pieces(text))
    assert "".join(nlp.pieces(text)) == text


def test_a_long_text_is_analysed_and_its_spans_index_it(monkeypatch):
    monkeypatch.setattr(budget, "PARSE_CHUNK_CHARS", 2_000)
    monkeypatch.setattr(nlp.load(), "max_length", 4_000)
    text = "\n\n".join(story(f"Glenholm{n}") for n in range(25))
    raw = RawArticle(source_path="long.txt", text=text)
    [record] = list(pipeline.analyse_articles(pipeline.clean_raw([raw], verbatim=True)))
    assert isinstance(record, Record) and record.article.text == text
    assert record.quotes and all(text[s.start:s.end] == s.text for q in record.quotes for s in q.content)


def test_a_parse_failure_costs_only_its_article(monkeypatch):
    real_parse = nlp.parse

    def choking_parse_many(texts, batch_size=32):
        raise RuntimeError("parser choked")  # what E088 did to the whole batch

    def parse(text):
        if "Hollowmere" in text:
            raise ValueError("this one text cannot be parsed")
        return real_parse(text)

    monkeypatch.setattr(nlp, "parse_many", choking_parse_many)
    monkeypatch.setattr(nlp, "parse", parse)
    raws = [RawArticle(source_path=f"{m}.txt", text=story(m)) for m in ("Ivybridge", "Hollowmere", "Juniper")]
    results = list(pipeline.analyse_articles(pipeline.clean_raw(raws)))
    assert [type(r).__name__ for r in results] == ["Record", "ReadProblem", "Record"]
    assert results[1].path == "Hollowmere.txt" and "parsing failed" in results[1].reason


def test_symlink_loops_are_reported_and_globs_stay_finite(tmp_path, monkeypatch):
    folder = tmp_path / "feed"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "one.txt").write_text(story("Kestrel"), encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")  # a link to itself
    (folder / "deep" / "parent").symlink_to("..")  # a directory loop: ** once expanded without end
    db = str(tmp_path / "l.db")
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    result = cli("ingest", "feed/**/*.txt", "--db", db)
    assert time.monotonic() - started < 30
    assert result.exit_code == 0, result.stderr
    assert "feed/loop.txt: symbolic link loop" in result.stderr
    assert [t for t in stored_texts(db) if "Kestrel" in t]
    again = cli("ingest", str(folder), "--db", db)  # the folder walk: same outcome, the article already stored
    assert again.exit_code == 0 and "symbolic link loop" in again.stderr and "1 already stored" in again.stdout


def _slow_for(marker: str, monkeypatch, work) -> None:
    real = pipeline.analyse

    def analyse(article, doc, **options):
        if marker in article.text:
            work()
        return real(article, doc, **options)

    monkeypatch.setattr(pipeline, "analyse", analyse)


def test_an_article_over_its_time_budget_is_reported_and_skipped(monkeypatch):
    def spin():  # pure Python, as the engines are: the watchdog interrupts it between bytecodes
        while True:
            sum(range(100))

    _slow_for("Larkspur", monkeypatch, spin)
    raws = [RawArticle(source_path=f"{m}.txt", text=story(m)) for m in ("Larkspur", "Millbrook")]
    started = time.monotonic()
    results = list(pipeline.analyse_articles(pipeline.clean_raw(raws), budget=Budget(seconds=0.3)))
    assert time.monotonic() - started < 10
    assert isinstance(results[0], ReadProblem) and "took over 0.3 s" in results[0].reason
    assert isinstance(results[1], Record)


def test_an_article_over_its_memory_budget_is_reported_and_skipped(monkeypatch):
    hoard = []

    def grow():
        while True:
            hoard.append(bytearray(8 * 2**20))  # 8 MB at a time, touched so that it is resident
            time.sleep(0.001)

    _slow_for("Northgate", monkeypatch, grow)
    raws = [RawArticle(source_path=f"{m}.txt", text=story(m)) for m in ("Northgate", "Oakhurst")]
    results = list(pipeline.analyse_articles(pipeline.clean_raw(raws),
                                             budget=Budget(seconds=30, memory_bytes=200 * 2**20)))
    hoard.clear()
    assert isinstance(results[0], ReadProblem) and "used over 200 MB" in results[0].reason
    assert isinstance(results[1], Record)


def test_an_article_that_cannot_be_stored_is_reported_and_the_others_are(tmp_path, monkeypatch):
    from newsledger.store import rows

    real = rows.record_rows

    def record_rows(record):
        if "Pinewood" in record.article.text:
            raise ValueError("a value this database cannot hold")
        return real(record)

    monkeypatch.setattr("newsledger.store.record_rows", record_rows)
    for marker in ("Pinewood", "Queensbury"):
        (tmp_path / f"{marker}.txt").write_text(story(marker), encoding="utf-8")
    db = str(tmp_path / "l.db")
    result = cli("ingest", str(tmp_path / "Pinewood.txt"), str(tmp_path / "Queensbury.txt"), "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "Pinewood.txt: could not be stored (ValueError" in result.stderr
    assert [m for m in ("Pinewood", "Queensbury") if any(m in t for t in stored_texts(db))] == ["Queensbury"]


def test_a_batch_partition_keeps_its_good_articles_when_one_is_bad(tmp_path):
    raws = [RawArticle(source_path="good-1.txt", text=story("Ravenscar")),
            RawArticle(source_path="nested.html", html="<html><body>" + "<div>" * 100_000 + "</body></html>"),
            RawArticle(source_path="good-2.txt", text=story("Stonebridge"))]
    articles, problems = analyse_partition(str(tmp_path), 0, raws, BatchSettings())
    assert articles == 2
    assert [p.path for p in problems] == ["nested.html"] and "no article text" in problems[0].reason
    [shard] = finished_shards(tmp_path)
    texts = [row["text"] for row in read_shard(shard)[schema.articles]]
    assert len(texts) == 2 and "Ravenscar" in texts[0] and "Stonebridge" in texts[1]


@pytest.mark.parametrize("scheduler", ["tcp://127.0.0.1:9", "not-an-address"])
def test_an_unreachable_dask_scheduler_is_one_line(tmp_path, monkeypatch, scheduler):
    from hostile import one_line_error

    from newsledger.scale import batch

    monkeypatch.setattr(batch, "CONNECT_SECONDS", 1)
    (tmp_path / "a.txt").write_text(story("Thornbury"), encoding="utf-8")
    result = cli("batch", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--scheduler", scheduler)
    assert result.exit_code == 2
    assert f"cannot reach the Dask scheduler at {scheduler}" in one_line_error(result.stderr)


def test_an_input_path_is_never_walked_twice_through_a_link(tmp_path):
    (tmp_path / "a.txt").write_text(story("Upfield"), encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    items = list(pipeline.clean_inputs([str(tmp_path)]))
    assert len(items) == 1 and "Upfield" in items[0].text
