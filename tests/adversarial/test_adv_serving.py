"""Issue 17, "reading and serving": reads never create or migrate, read-only files are read and served, every
response carries the security headers, and what cannot be written is one clear line."""
from __future__ import annotations

import gc
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hostile import cli, one_line_error, story
from ledger_corpus import corpus_ledger
from ledger_records import article, entity, figure, quote, record, time as time_expr

from newsledger import store as store_module
from newsledger.api import create_app
from newsledger.store import LedgerUnavailable, Store, schema


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> str:
    return corpus_ledger(str(tmp_path_factory.mktemp("serving") / "l.db"))


def test_a_mistyped_path_is_one_line_and_creates_nothing(tmp_path):
    missing = tmp_path / "ledgr.db"
    for command in (["articles"], ["stats"], ["quotes"], ["export", "--table", "quotes"], ["serve"]):
        result = cli(*command, "--db", str(missing))
        assert result.exit_code == 2
        assert "no ledger at" in one_line_error(result.stderr)
    with pytest.raises(LedgerUnavailable, match="no ledger at"):
        create_app(str(missing))
    assert list(tmp_path.iterdir()) == []


def test_reads_never_write_the_file(ledger, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(ledger, copy)
    before = copy.read_bytes()
    client = TestClient(create_app(str(copy)))
    assert client.get("/api/articles").status_code == 200 and client.get("/").status_code == 200
    for command in (["articles"], ["corrections", "list"], ["corrections", "export"], ["corrections", "audit"]):
        assert cli(*command, "--db", str(copy)).exit_code == 0, command
    assert copy.read_bytes() == before


def test_an_older_schema_is_refused_by_reads_and_upgraded_by_migrate(ledger, tmp_path):
    copy = tmp_path / "old.db"
    shutil.copy(ledger, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("DELETE FROM schema_version WHERE version = ?", (len(schema.MIGRATIONS),))
    result = cli("articles", "--db", str(copy))
    assert result.exit_code == 2 and "run `newsledger migrate`" in one_line_error(result.stderr)
    assert cli("migrate", "--db", str(copy)).exit_code == 0
    assert cli("articles", "--db", str(copy)).exit_code == 0


def test_a_newer_schema_is_refused_by_reads_and_writes(ledger, tmp_path):
    copy = tmp_path / "new.db"
    shutil.copy(ledger, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?)", (len(schema.MIGRATIONS) + 1,))
    for command in (["articles"], ["migrate"], ["track"]):
        result = cli(*command, "--db", str(copy))
        assert result.exit_code == 2 and "is newer than this newsledger knows" in one_line_error(result.stderr)
    with pytest.raises(LedgerUnavailable, match="newer"):
        create_app(str(copy))


def _read_only_mount(folder: Path, command: str) -> subprocess.CompletedProcess:
    """Run `command` with `folder` remounted read-only in a private mount namespace (root, util-linux unshare)."""
    if not shutil.which("unshare"):
        pytest.skip("needs util-linux unshare to make a read-only filesystem")
    script = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} {folder} && {command}"
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120)
    if "mount:" in result.stderr or "unshare:" in result.stderr:
        pytest.skip(f"cannot make a read-only mount here: {result.stderr.strip()[:200]}")
    return result


READ_ONLY_CHECKS = """
import sys
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from newsledger.api import create_app
from newsledger.cli import app
db = sys.argv[1]
answer = TestClient(create_app(db)).get("/api/articles")
print("served", answer.status_code, len(answer.json()["items"]))
listed = CliRunner().invoke(app, ["articles", "--db", db, "--json"])
print("listed", listed.exit_code, listed.stdout.count('"id"'))
migrated = CliRunner().invoke(app, ["migrate", "--db", db])
print("migrate", migrated.exit_code, migrated.stderr.strip())
"""


def test_a_ledger_on_a_read_only_filesystem_is_read_and_served(ledger, tmp_path):
    folder = tmp_path / "published"
    folder.mkdir()
    shutil.copy(ledger, folder / "l.db")
    (tmp_path / "checks.py").write_text(READ_ONLY_CHECKS)
    result = _read_only_mount(folder, f"{sys.executable} {tmp_path / 'checks.py'} {folder / 'l.db'}")
    lines = result.stdout.splitlines()
    assert lines[:2] == ["served 200 3", "listed 0 3"], result.stderr[-2000:]
    assert lines[2].startswith("migrate 2 error: cannot write to ledger") and "read-only" in lines[2]


def test_an_immutable_snapshot_is_served(ledger):
    client = TestClient(create_app(ledger, immutable=True))
    assert len(client.get("/api/articles").json()["items"]) == 3


def test_every_response_carries_the_security_headers_and_pages_have_no_inline_script(ledger):
    client = TestClient(create_app(ledger))
    for path in ("/", "/entities", "/entities/1", "/figures?category=killed&place=Gaza", "/conflicts", "/events",
                 "/search?q=hostage", "/docs", "/api/articles", "/static/ledger.js", "/no/such/page"):
        answer = client.get(path)
        csp = answer.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp.split(
            "script-src")[1].split(";")[0]
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "same-origin"
        if answer.headers["content-type"].startswith("text/html"):
            scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", answer.text, re.DOTALL)
            assert all('src="/static/' in attrs or ('type="application/json"' in attrs) for attrs, _ in scripts)
            assert "cdn" not in answer.text.lower() and "https://" not in " ".join(a for a, _ in scripts)


def test_api_docs_come_from_vendored_assets(ledger):
    client = TestClient(create_app(ledger))
    page = client.get("/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/static/") for s in sources)
    for source in sources:
        assert client.get(source).status_code == 200
    assert client.get("/openapi.json").json()["paths"]["/api/quotes"]
    licence = Path(__file__).resolve().parents[2] / "src/newsledger/web/static/vendor/swagger-ui/LICENSE"
    assert "Apache License" in licence.read_text()


def test_the_host_allow_list_refuses_other_hosts(ledger):
    client = TestClient(create_app(ledger, allowed_hosts=["news.example"]), base_url="http://news.example")
    assert client.get("/api/articles").status_code == 200
    assert client.get("/api/articles", headers={"host": "attacker.example"}).status_code == 400


def test_a_full_disk_is_one_line(tmp_path, monkeypatch):
    db = str(tmp_path / "l.db")
    Store(db).close()
    pages = sqlite3.connect(db).execute("PRAGMA page_count").fetchone()[0]
    real = store_module._sqlite_pragmas

    def full_disk(dbapi_conn, record):  # the file may not grow by a page: SQLITE_FULL, as on a full disk
        real(dbapi_conn, record)
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(store_module, "_sqlite_pragmas", full_disk)
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(story(f"Elmstead{n}") + "word " * 2000, encoding="utf-8")
    result = cli("ingest", str(tmp_path / "0.txt"), str(tmp_path / "1.txt"), str(tmp_path / "2.txt"), "--db", db)
    assert result.exit_code == 2
    assert "database or disk is full" in one_line_error(result.stderr)


def test_export_into_a_missing_directory_is_one_line(ledger, tmp_path):
    for format in ("csv", "parquet"):
        result = cli("export", "--table", "quotes", "--format", format, "--out", str(tmp_path / "no" / "q.out"),
                     "--db", ledger)
        assert result.exit_code == 2 and "no such directory" in one_line_error(result.stderr)


def test_export_writes_the_same_rows_in_every_format(ledger, tmp_path):
    import csv
    import json

    assert cli("export", "--table", "quotes", "--format", "csv", "--out", str(tmp_path / "q.csv"),
               "--db", ledger).exit_code == 0
    lines = cli("export", "--table", "quotes", "--db", ledger).stdout.splitlines()
    rows = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8")))
    assert [r["content"] for r in rows] == [json.loads(line)["content"] for line in lines] and len(rows) == 3


def long_record(characters: int = 120_000):
    """A long article with a quote, a figure and a date in every paragraph, as a live blog has."""
    paragraph = ("Rescue teams reached the Farleigh valley on Tuesday, where 27 people were missing, the regional "
                 "office said. \"We are working through the night,\" the mayor said.")
    text = "\n\n".join([paragraph] * (characters // (len(paragraph) + 2)))
    art = article(text, "2024-02-06")
    mayor = entity(text, "e1", "the mayor")
    quotes, figures, times = [], [], []
    for n in range(text.count(paragraph)):
        quotes.append(quote(text, f"q{n}", "We are working through the night", mayor, "the mayor", mention_nth=n)
                      if n == 0 else _nth_quote(text, n, mayor))
        figures.append(_nth(figure(text, f"f{n}", "27 people", 27, "missing"), text, "27 people", n))
        times.append(_nth(time_expr(text, f"t{n}", "Tuesday", "2024-02-06"), text, "Tuesday", n))
    return record(art, [mayor], quotes, figures, times)


def _nth(item, text: str, words: str, n: int):
    from dataclasses import replace

    from ledger_records import span

    return replace(item, span=span(text, words, n))


def _nth_quote(text, n, mayor):
    from dataclasses import replace

    from ledger_records import span

    made = quote(text, f"q{n}", "We are working through the night", mayor, "the mayor")
    return replace(made, content=[span(text, "We are working through the night", n)],
                   cue=span(text, "said", 2 * n + 1), speaker_mention=span(text, "the mayor", n))


def _page_client(tmp_path: Path, characters: int):
    from newsledger import track

    long = long_record(characters)
    db = str(tmp_path / f"l{characters}.db")
    with Store(db) as writer:
        writer.save(long)
        track.refresh(writer)
    client = TestClient(create_app(db))
    client.get(f"/articles/{long.article.id}")  # the first view compiles the template
    return client, long


def _view_seconds(client: TestClient, long) -> float:
    """The processor time of one view: time this process spent working, not waiting for a core that the test
    machine's other processes hold (under load the wall clock of a view varied fourfold)."""
    started = time.process_time()
    page = client.get(f"/articles/{long.article.id}")
    spent = time.process_time() - started
    assert page.status_code == 200 and page.text.count('class="quote') >= len(long.quotes)
    return spent


def test_a_page_view_costs_time_linear_in_the_article(tmp_path):
    # Testing every mark against every cut made a 120,000-character article take 7 s a view (16x for 4x the
    # text). The absolute figure (< 0.5 s) is measured by benchmarks/scaling.py on a quiet machine; here the
    # shape is checked (linear is 4x, the old cost 16x). The two sizes are viewed in turn, seven times each, the
    # best of each kept, with the cyclic collector held off while viewing: when it runs depends on everything the
    # test process holds, not on the article.
    short_view, long_view = _page_client(tmp_path, 30_000), _page_client(tmp_path, 120_000)
    short, long = [], []
    gc.collect()
    gc.disable()
    try:
        for _ in range(7):
            short.append(_view_seconds(*short_view))
            long.append(_view_seconds(*long_view))
    finally:
        gc.enable()
    short, long = min(short), min(long)
    assert long / short < 8, f"30k: {short:.3f} s, 120k: {long:.3f} s"
