"""Events exported for conflict analysts: ACLED rows (CSV) and PLOVER JSON, read back the way a user reads them
(pandas when installed, else csv/json) and checked against the columns docs/events-export.md documents."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger import nlp, track
from newsledger.cli import app
from newsledger.model import RawArticle
from newsledger.pipeline import analyse, clean_one
from newsledger.scale.exports import ACLED_COLUMNS, acled_type, conservative_fatalities
from newsledger.store import Store

DOC = Path(__file__).resolve().parents[1] / "docs" / "events-export.md"
PUBLISHED = "2024-02-07"
# One strike told by two outlets with different tolls, a march, and an order still to be carried out.
STORIES = (("Israeli warplanes struck a school in Rafah on Tuesday, killing 12 people, the Gaza health ministry said.",
            "Wire", "Strike on Rafah school"),
           ("Israeli warplanes bombed a school in Rafah on Tuesday, killing at least 15 people, according to the "
            "civil defence.", "Daily", "Rafah school hit"),
           ("Hundreds of protesters marched in Tel Aviv on Tuesday, demanding a hostage deal.", "Wire", "Tel Aviv march"))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    nlp.load()
    path = str(tmp_path_factory.mktemp("export") / "ledger.db")
    with Store(path) as store:
        for text, outlet, headline in STORIES:
            raw = RawArticle(source_path=f"{outlet}.txt", text=text, published=PUBLISHED, outlet=outlet,
                             headline=headline)
            article = clean_one(raw, verbatim=True)
            assert store.save(analyse(article, nlp.parse(article.text)))
        track.refresh(store)
    return path


def exported(db: str, tmp_path: Path, format: str) -> Path:
    out = tmp_path / f"events.{format}"
    result = CliRunner().invoke(app, ["export", "--db", db, "--table", "events", "--format", format, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def read_acled(path: Path) -> list[dict]:
    try:
        import pandas
    except ImportError:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    return pandas.read_csv(path, keep_default_na=False).astype(str).to_dict("records")


def documented_columns(heading: str) -> list[str]:
    """The first column of the table under `heading` in docs/events-export.md."""
    section = DOC.read_text(encoding="utf-8").split(heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(\w+)` \|", section, flags=re.M)


def test_acled_columns_are_the_documented_ones(db, tmp_path):
    rows = read_acled(exported(db, tmp_path, "acled"))
    assert list(rows[0]) == documented_columns("## ACLED columns") == list(ACLED_COLUMNS)


def test_one_strike_reported_twice_is_one_row_with_the_lowest_toll_and_both_reports(db, tmp_path):
    rows = read_acled(exported(db, tmp_path, "acled"))
    strikes = [r for r in rows if r["sub_event_type"] == "Air/drone strike"]
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike["event_type"] == "Explosions/Remote violence" and strike["event_date"] == "2024-02-06"
    assert strike["location"] == "Rafah" and strike["geo_precision"] in ("1", "1.0")
    assert 31 < float(strike["latitude"]) < 32 and 34 < float(strike["longitude"]) < 35
    assert int(float(strike["fatalities"])) == 12  # ACLED takes the most conservative report
    assert "12 people, per the Gaza health ministry" in strike["notes"]
    assert "at least 15 people, per the civil defence" in strike["notes"]
    assert strike["source"] == "Wire; Daily"


def test_statements_are_not_acled_events_and_protests_are(db, tmp_path):
    rows = read_acled(exported(db, tmp_path, "acled"))
    assert {(r["event_type"], r["sub_event_type"]) for r in rows if r["location"] == "Tel Aviv"} == {
        ("Protests", "Peaceful protest")}
    assert acled_type("REQUEST", None, None) is None and acled_type("CONSULT", "visit", "Israel") is None


def test_acled_mapping_separates_battles_from_attacks_on_civilians():
    assert acled_type("ASSAULT", "firearms", "Hamas fighters") == ("Battles", "Armed clash")
    assert acled_type("ASSAULT", "firearms", "a school") == ("Violence against civilians", "Attack")
    assert acled_type("ASSAULT", "explosives", None) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert acled_type("COERCE", "arrest", "activists") == ("Strategic developments", "Arrests")


def test_plover_json_has_the_documented_fields(db, tmp_path):
    records = json.loads(exported(db, tmp_path, "plover").read_text(encoding="utf-8"))
    fields = documented_columns("## PLOVER fields")
    assert records and all(list(r) == fields for r in records)
    strike = next(r for r in records if r["mode"] == "aerial")
    assert strike["event"] == "ASSAULT" and strike["fatalities"] == 12 and len(strike["reports"]) == 2
    assert strike["location"]["placeName"] == "Rafah"


def test_the_documented_mapping_is_the_one_the_export_reads():
    from newsledger.lexicon import data_lines
    documented = DOC.read_text(encoding="utf-8")
    for line in data_lines("acled_types.tsv", "newsledger.scale"):
        assert "| " + " | ".join(part.strip() for part in line.split("\t")) + " |" in documented


def test_fatalities_ignore_reports_without_a_toll():
    assert conservative_fatalities([]) == 0


def test_other_formats_need_the_events_table(db):
    result = CliRunner().invoke(app, ["export", "--db", db, "--table", "figures", "--format", "acled"])
    assert result.exit_code == 2 and "--table events" in result.output
