"""The spine end to end through the CLI: extract, ingest (idempotent), bad input, show, stats, demo."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from newsledger.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def every_span(record: dict):
    """Yield every span object anywhere in an output record."""
    stack = [record]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if set(item) >= {"start", "end", "text"} and isinstance(item.get("start"), int):
                yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def test_extract_page_copy_gives_clean_body_and_metadata(examples_dir: Path):
    result = run("extract", str(examples_dir / "gaza-truce-talks.txt"))
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    article = record["article"]
    assert article["headline"] == "Hamas sends truce reply as Netanyahu vows to press on"
    assert article["alt_headline"] == "Israel's leader rejects Hamas terms while mediators push for a deal"
    assert article["published"] == "2024-02-07"
    assert article["captions"] and article["captions"][0].endswith("[Getty]")
    body = article["text"]
    for furniture in ("Skip to main content", "4 min read", "Live Story", "Advertisement", "Read more",
                      "Sign up for our newsletter", "[Getty]"):
        assert furniture not in body
    assert body.startswith("Hamas on Tuesday delivered its response")
    assert '"There is a lot of work to be done," Blinken said' in body
    assert "\n\n\n" not in body
    for paragraph in article["paragraphs"]:
        assert body[paragraph["start"]:paragraph["end"]].strip() == body[paragraph["start"]:paragraph["end"]]
    for span in every_span(record):
        assert body[span["start"]:span["end"]] == span["text"]


def test_extract_contract_fields_present(examples_dir: Path):
    record = json.loads(run("extract", str(examples_dir / "rafah-strike-ap.txt")).stdout)
    assert set(record) >= {"article", "entities", "quotes", "figures", "times", "events", "voice"}
    assert set(record["article"]) >= {"id", "source_path", "headline", "alt_headline", "standfirst", "published",
                                      "published_from", "outlet", "byline", "dateline", "captions", "text",
                                      "paragraphs"}
    assert len(record["article"]["id"]) == 16


def test_verbatim_offsets_index_the_file(tmp_path: Path):
    page = tmp_path / "page.txt"
    raw = "Skip to main content\n\nOfficials said on Monday that 12 people were hurt.\n"
    page.write_text(raw, encoding="utf-8")
    record = json.loads(run("extract", "--verbatim", str(page)).stdout)
    assert record["article"]["text"] == raw
    for span in every_span(record):
        assert raw[span["start"]:span["end"]] == span["text"]


def test_jsonl_output_has_one_line_per_article(examples_dir: Path):
    result = run("extract", "--format", "jsonl", str(examples_dir / "wire-feed.jsonl"))
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 3
    assert {r["article"]["outlet"] for r in lines} == {"Wire News", "Regional Herald", "Capital Gazette"}


def table_rows(db: str) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name IN ('articles','entities','quotes','figures','times','events')")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def without_ingest_time(rows: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    with_time = dict(rows)
    with_time["articles"] = [r[:-1] for r in rows["articles"]]  # ingested_at is the last column
    return with_time


def test_ingest_twice_leaves_exactly_the_same_rows(examples_dir: Path, db_path: str):
    first = run("ingest", str(examples_dir), "--db", db_path)
    assert first.exit_code == 0, first.output
    before = table_rows(db_path)
    assert len(before["articles"]) >= 10
    second = run("ingest", str(examples_dir), "--db", db_path)
    assert second.exit_code == 0
    assert "0 added" in second.stdout
    assert without_ingest_time(table_rows(db_path)) == without_ingest_time(before)
    assert table_rows(db_path)["articles"] == before["articles"]


def test_bad_inputs_are_reported_one_line_each_and_the_rest_is_stored(tmp_path: Path, db_path: str,
                                                                      examples_dir: Path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "notes.xyz").write_text("hello")
    good = tmp_path / "good.txt"
    good.write_text((examples_dir / "hostages-israel-says.txt").read_text())
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", db_path])
    assert result.exit_code == 0
    output = result.output
    assert "Traceback" not in output
    for name in ("empty.txt", "blob.txt", "notes.xyz"):
        assert sum(name in line for line in output.splitlines()) == 1
    assert "1 added" in output


def test_nothing_readable_exits_1_and_keeps_what_was_stored(tmp_path: Path, db_path: str, examples_dir: Path):
    run("ingest", str(examples_dir / "west-bank-raid.txt"), "--db", db_path)
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db", db_path])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert len(table_rows(db_path)["articles"]) == 1


def test_missing_path_is_a_clear_error(tmp_path: Path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.output and "Traceback" not in result.output


def test_bad_published_date_is_rejected(examples_dir: Path):
    result = runner.invoke(app, ["extract", "--published", "last tuesday", str(examples_dir / "west-bank-raid.txt")])
    assert result.exit_code == 2
    assert "--published" in result.output


def test_show_and_stats(examples_dir: Path, db_path: str):
    run("ingest", str(examples_dir / "gaza-truce-talks.txt"), "--db", db_path)
    listed = json.loads(run("articles", "--db", db_path, "--json").stdout)
    assert len(listed) == 1
    shown = run("show", listed[0]["id"][:6], "--db", db_path)
    assert shown.exit_code == 0
    assert "Hamas sends truce reply" in shown.stdout
    stats = json.loads(run("stats", "--db", db_path, "--json").stdout)
    assert stats["articles"] == 1 and stats["schema_version"] >= 2


def test_demo_builds_a_fresh_ledger(examples_dir: Path, tmp_path: Path):
    db = str(tmp_path / "demo.db")
    result = run("demo", "--no-serve", "--db", db, "--examples", str(examples_dir))
    assert result.exit_code == 0, result.output
    assert "newsledger demo" in result.stdout
    assert len(table_rows(db)["articles"]) >= 10
