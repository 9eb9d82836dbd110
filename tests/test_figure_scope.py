"""Figure scope: a running total ("since the war began") against one incident's or one day's count ("in the strike",
"in the past 24 hours"), and conflicts that compare only figures counting the same kind of thing."""
from __future__ import annotations

import pytest
from ledger_records import article, figure, record
from sqlalchemy import create_engine, inspect, select, text

from newsledger import nlp, track
from newsledger.model import Figure, RawArticle
from newsledger.pipeline import analyse, clean_one
from newsledger.store import Store, schema
from newsledger.track.conflicts import find_conflicts


@pytest.fixture(scope="module")
def scopes_in():
    nlp.load()

    def run(text: str) -> dict[str, str | None]:
        article_ = clean_one(RawArticle(source_path="test", text=text, published="2024-02-07"), verbatim=True)
        return {f.number: f.scope for f in analyse(article_, nlp.parse(article_.text)).figures}

    return run


@pytest.mark.parametrize("sentence, expected", [
    ("The Gaza Health Ministry said 27,585 people had been killed in the territory since the war began.",
     {"27,585": "cumulative"}),
    ("At least 29 people were killed in the strike on a school in Rafah, medics said.", {"29": "incident"}),
    ("The death toll in Gaza rose to 27,708 on Wednesday, the health ministry said.", {"27,708": "cumulative"}),
    ("Israel's offensive has killed 27,708 people, according to the health ministry.", {"27,708": "cumulative"}),
    ("An airstrike killed 12 people overnight in Khan Younis, hospital officials said.", {"12": "incident"}),
    ("Seven soldiers were wounded in the attack, the army said.", {"Seven": "incident"}),
    ("Hamas has freed 105 hostages so far, officials said.", {"105": "cumulative"}),
])
def test_one_cue_decides_the_scope(scopes_in, sentence, expected):
    assert scopes_in(sentence) == expected


def test_each_figure_takes_the_cue_of_its_own_clause(scopes_in):
    found = scopes_in("Israeli strikes killed 29 people on Tuesday, the health ministry said, bringing the death "
                      "toll to 27,708.")
    assert found == {"29": "period", "27,708": "cumulative"}


def test_a_daily_increment_is_a_period_toll_not_a_running_total(scopes_in):
    found = scopes_in("The ministry said 107 people were killed in the past 24 hours, raising the toll to 27,708.")
    assert found == {"107": "period", "27,708": "cumulative"}
    assert scopes_in("At least 120 people were killed in Gaza since Saturday, medics said.") == {"120": "period"}


def test_a_shared_cue_covers_figures_joined_in_one_clause(scopes_in):
    found = scopes_in("Since October 7, at least 27,585 Palestinians have been killed and 66,978 wounded, "
                      "the ministry said.")
    assert found == {"27,585": "cumulative", "66,978": "cumulative"}


def test_a_day_that_dates_the_statement_says_nothing_about_the_count(scopes_in):
    assert scopes_in("The UN said on Tuesday that 1.7 million people have fled their homes.") == {"1.7 million": None}
    assert scopes_in("Israeli officials said about 26,000 people had been killed in Gaza.") == {"26,000": None}


def test_odd_input_does_not_break_scope(scopes_in):
    assert scopes_in("") == {}
    assert set(scopes_in("“So far 12 killed in the strike\u200b … since the war began")) == {"12"}
    scopes_in("toll toll toll since since 7 October ⁂ overnight")


def test_scope_is_stored_and_an_old_ledger_gains_the_column(tmp_path):
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # a ledger from before figure scopes: migrations 1-3, no scope column
        schema.metadata.create_all(conn, tables=[schema.schema_version])
        for number, step in enumerate(schema.MIGRATIONS[:3], start=1):
            step(conn)
            conn.execute(schema.schema_version.insert().values(version=number))
        conn.execute(text("ALTER TABLE figures DROP COLUMN scope"))
    engine.dispose()
    with Store(str(path)) as s:
        with s.engine.connect() as conn:
            assert "scope" in {col["name"] for col in inspect(conn).get_columns("figures")}
    text_ = "Twelve people were killed in the strike."
    one = record(article(text_, "2024-02-07"), figures=[_scoped(text_, "Twelve", 12, "incident")])
    with Store(str(tmp_path / "new.db")) as s:
        s.save(one)
        with s.engine.connect() as conn:
            assert conn.execute(select(schema.figures.c.scope)).scalars().all() == ["incident"]
        assert s.record(one.article.id).figures[0].scope == "incident"


def _scoped(text_: str, words: str, value: float, scope: str | None, **options) -> Figure:
    found = figure(text_, "f1", words, value, "killed", as_of="2024-02-07", **options)
    found.scope = scope
    return found


def _ledger(tmp_path, reports: list[tuple[str, str, str, float, str | None, str]]) -> Store:
    """One article per (text, words, source, value, scope, qualifier), all on one day, all about Gaza."""
    s = Store(str(tmp_path / "ledger.db"))
    for n, (text_, words, source, value, scope, qualifier) in enumerate(reports):
        s.save(record(article(text_, "2024-02-07", outlet=f"Outlet{n}"),
                      figures=[_scoped(text_, words, value, scope, source=source, qualifier=qualifier)]))
    track.refresh(s)
    return s


TOTAL = "The Gaza health ministry said 27,708 people had been killed since the war began."


def test_a_strike_toll_never_conflicts_with_a_running_total(tmp_path):
    strike = "Civil defence officials said 29 people were killed in the strike on Rafah."
    with _ledger(tmp_path, [(TOTAL, "27,708", "The Gaza health ministry", 27708, "cumulative", "exact"),
                            (strike, "29", "Civil defence officials", 29, "incident", "exact")]) as s:
        assert find_conflicts(s, category="killed") == []


def test_rival_totals_still_conflict(tmp_path):
    rival = "Israeli officials said about 22,000 people had been killed in Gaza."
    with _ledger(tmp_path, [(TOTAL, "27,708", "The Gaza health ministry", 27708, "cumulative", "exact"),
                            (rival, "22,000", "Israeli officials", 22000, None, "about")]) as s:
        found = find_conflicts(s, category="killed")
    assert len(found) == 1 and {found[0]["a"]["value"], found[0]["b"]["value"]} == {27708, 22000}


def test_an_unscoped_toll_far_smaller_than_a_total_is_a_part_of_it(tmp_path):
    small = "Hospital officials said 40 people were killed in Khan Younis."
    with _ledger(tmp_path, [(TOTAL, "27,708", "The Gaza health ministry", 27708, "cumulative", "exact"),
                            (small, "40", "Hospital officials", 40, None, "exact")]) as s:
        assert find_conflicts(s, category="killed") == []


def test_two_strikes_on_one_day_are_two_counts_not_a_conflict(tmp_path):
    one = "Medics said 29 people were killed in the strike on a school in Rafah."
    other = "The army said 12 militants were killed in the raid near the hospital."
    with _ledger(tmp_path, [(one, "29", "Medics", 29, "incident", "exact"),
                            (other, "12", "The army", 12, "incident", "exact")]) as s:
        assert find_conflicts(s, category="killed") == []
