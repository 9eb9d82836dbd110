"""The time engine, wave 9 (issue #18, "Generalise"): direction from the preposition or construction over a time,
decades, and "today's" as the present age; each rule on sentences written for it in the style of wire, business
and court copy (read on a Tuesday in November unless the test says otherwise)."""
from __future__ import annotations

TUESDAY = "2019-11-19"
PUBLISHED = TUESDAY  # what the `times` fixture (conftest.py) reads a text against


def test_a_month_after_since_is_the_month_past(times):
    assert times("Shares in the miner have fallen since January.")["January"] == ("DATE", "2019-01")
    assert times("Prices are up 10% since February, the agency said.")["February"] == ("DATE", "2019-02")
    assert times("He has lived in Paris since December.")["December"] == ("DATE", "2018-12")


def test_a_bare_season_takes_its_clauses_tense(times):
    assert times("The factory will reopen in the spring, the company said.")["the spring"] == ("DATE", "2020-SP")
    assert times("Sales fell in the spring and recovered later.")["the spring"] == ("DATE", "2019-SP")


def test_todays_holding_a_noun_of_the_age_is_no_day(times):
    assert "today" not in times("The case is for today's youth what the revolution was for their parents.")
    assert "today" not in times("It would cost $5 million in today's dollars.")
    assert times("Today's hearing was short, the clerk said.")["Today"] == ("DATE", TUESDAY)


def test_years_later_count_from_the_year_last_named(times):
    found = times("He was elected mayor in 2011 and re-elected four years later.")
    assert found["four years later"] == ("DATE", "2015")


def test_a_decade_is_the_latest_of_its_name_begun_by_the_story(times):
    assert times("He was a star in the '80s.")["the '80s"] == ("DATE", "198")
    assert times("The club was founded in the '20s.")["the '20s"] == ("DATE", "192")
    assert times("Crime soared in the nineties, police said.")["the nineties"] == ("DATE", "199")
    assert "the nineties" not in times("Temperatures were in the nineties on Sunday.")


def test_a_time_an_event_is_moved_to_is_ahead(times):
    assert times("The case was adjourned to December.")["December"] == ("DATE", "2019-12")
    assert times("The vote was pushed back to Thursday.")["Thursday"] == ("DATE", "2019-11-21")
    assert times("He moved to London in March.")["March"] == ("DATE", "2019-03")


def test_a_passive_infinitive_of_a_noun_is_still_to_happen(times):
    found = times("The report, to be published on Thursday, will detail the abuse.")
    assert found["Thursday"] == ("DATE", "2019-11-21")
    assert times("He was said to be injured on Sunday.")["Sunday"] == ("DATE", "2019-11-17")


def test_a_limit_set_by_a_promise_or_an_order_is_ahead(times):
    assert times("The minister promised an answer by Thursday morning.")["Thursday morning"] == (
        "TIME", "2019-11-21TMO")
    assert times("Residents were ordered out by Thursday morning.")["Thursday morning"] == ("TIME", "2019-11-21TMO")
    assert times("The evacuation was completed by Monday morning.")["Monday morning"] == ("TIME", "2019-11-18TMO")
    assert times("He promised on Monday to resign.")["Monday"] == ("DATE", "2019-11-18")


def test_what_a_participle_says_of_its_noun_is_done(times):
    assert times("The minister, appointed in December, resigned.")["December"] == ("DATE", "2018-12")
    assert times("A ceasefire signed in January has largely held.")["January"] == ("DATE", "2019-01")


def test_a_day_followed_by_last_or_next_year_is_in_that_year(times):
    found = times("The ruling came on Dec. 12 last year.")
    assert found["Dec. 12"] == ("DATE", "2018-12-12")
    assert found["last year"] == ("DATE", "2018")
    assert times("Elections are due on Jan. 12 next year.")["Jan. 12"] == ("DATE", "2020-01-12")


def test_a_copula_completed_by_due_looks_ahead(times):
    assert times("The U.N. team is due back in New York on Sunday.")["Sunday"] == ("DATE", "2019-11-24")


def test_overnight_in_a_clause_that_looks_ahead_is_tonight(times):
    assert times("Temperatures will fall overnight.")["overnight"] == ("TIME", "2019-11-19TNI")
    assert times("Police made two arrests overnight.")["overnight"] == ("TIME", "2019-11-18TNI")
