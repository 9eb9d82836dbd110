"""A period toll's days from the time engine ("on Tuesday", "in the past 24 hours", "since Saturday", "last week",
"overnight"), stored on the figure and used to decide which period tolls of rival bodies are compared."""
from __future__ import annotations

import datetime as dt

import pytest
from ledger_records import article, figure, record

from newsledger import nlp, timex, track
from newsledger.model import RawArticle
from newsledger.pipeline import analyse, clean_one
from newsledger.store import Store, queries
from newsledger.track.conflicts import comparable, find_conflicts

PUBLISHED = "2024-02-07"  # a Wednesday


@pytest.fixture(scope="module")
def periods_in():
    nlp.load()

    def run(text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
        article_ = clean_one(RawArticle(source_path="test", text=text, published=PUBLISHED), verbatim=True)
        return {f.number: (f.scope, f.period_start, f.period_end)
                for f in analyse(article_, nlp.parse(article_.text)).figures}

    return run


@pytest.mark.parametrize("sentence, number, days", [
    ("At least 120 people were killed in Gaza on Tuesday, the health ministry said.", "120",
     ("2024-02-06", "2024-02-06")),
    ("The ministry said 107 people were killed in the past 24 hours.", "107", ("2024-02-06", "2024-02-07")),
    ("At least 300 people have been killed in Gaza since Saturday, medics said.", "300", ("2024-02-03", "2024-02-07")),
    ("Last week 500 people were wounded in Khan Younis, the ministry said.", "500", ("2024-01-29", "2024-02-04")),
    ("Over the past week, 70 people were killed in Rafah, officials said.", "70", ("2024-01-31", "2024-02-07")),
])
def test_a_period_toll_spans_the_days_its_cue_names(periods_in, sentence, number, days):
    assert periods_in(sentence)[number] == ("period", *days)


def test_the_night_before_and_a_running_total_without_days(periods_in):
    found = periods_in("Israeli strikes killed 12 people overnight, the ministry said, bringing the death toll "
                       "to 27,708.")
    assert found["12"] == ("period", "2024-02-06", "2024-02-07")  # the night of the 6th ends on the 7th
    assert found["27,708"] == ("cumulative", None, None)


def test_values_read_as_days():
    assert timex.days_of("2024-W02") == (dt.date(2024, 1, 8), dt.date(2024, 1, 14))
    assert timex.days_of("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert timex.days_of("2024-02-06TNI") == (dt.date(2024, 2, 6), dt.date(2024, 2, 6))
    assert timex.days_of("PAST_REF") is None and timex.days_of("2024-W99") is None
    assert [timex.duration_days(v) for v in ("PT24H", "P1D", "P1W", "P3D", "PT5H", "P")] == [1, 1, 7, 3, None, None]


def _point(start: str | None, end: str | None, as_of: str = PUBLISHED) -> dict:
    return {"scope": "period", "period_start": start, "period_end": end, "as_of": as_of}


def test_period_tolls_are_compared_when_their_days_overlap():
    tuesday, past_day = _point("2024-02-06", "2024-02-06", "2024-02-06"), _point("2024-02-06", "2024-02-07")
    monday = _point("2024-02-05", "2024-02-05", "2024-02-05")
    assert comparable(tuesday, past_day) and not comparable(tuesday, monday)
    # a period without days falls back to the figures' date
    assert comparable(_point(None, None), _point(None, None)) and not comparable(_point(None, None, "2024-02-06"),
                                                                                 _point(None, None))


def test_period_days_are_stored_listed_and_decide_conflicts(tmp_path):
    one = "The health ministry said 120 people were killed in Gaza on Tuesday."
    other = "The Israeli military said 40 people were killed in Gaza on Tuesday."
    monday = "Hospital officials said 300 people were killed in Gaza on Monday."
    with Store(str(tmp_path / "ledger.db")) as s:
        for n, (text_, words, source, value, day) in enumerate([
                (one, "120", "The health ministry", 120, "2024-02-06"),
                (other, "40", "The Israeli military", 40, "2024-02-06"),
                (monday, "300", "Hospital officials", 300, "2024-02-05")]):
            found = figure(text_, "f1", words, value, "killed", as_of=PUBLISHED, source=source)
            found.scope, found.period_start, found.period_end = "period", day, day
            s.save(record(article(text_, PUBLISHED, outlet=f"Outlet{n}"), figures=[found]))
        track.refresh(s)
        points = {p["value"]: (p["period_start"], p["period_end"]) for p in queries.figures(s, category="killed")}
        conflicts = find_conflicts(s, category="killed")
    assert points == {120: ("2024-02-06", "2024-02-06"), 40: ("2024-02-06", "2024-02-06"),
                      300: ("2024-02-05", "2024-02-05")}
    # one as-of day for all three, but only the two Tuesday tolls count over one period
    assert [{c["a"]["value"], c["b"]["value"]} for c in conflicts] == [{120, 40}]
