"""The time engine, wave 8 (issue #18, "Generalise"): rules measured on TimeBank's tune folds and held-out folds,
each on sentences written for it in the style of wire and business copy."""
from __future__ import annotations

THURSDAY = "2024-10-24"  # in the fourth quarter; the third is the last reported
PUBLISHED = THURSDAY  # what the `times` fixture (conftest.py) reads a text against


def test_a_reported_period_named_a_year_back_is_that_quarter_a_year_before(times):
    found = times("The lender earned $12 million, up from $9 million in the corresponding period last year.")
    assert found["the corresponding period last year"] == ("DATE", "2023-Q3")
    found = times("For the quarter a year ago, the insurer reported a loss of $4 million.")
    assert found["the quarter a year ago"] == ("DATE", "2023-Q3")
    assert "a year ago" not in found
    found = times("Sales in Europe for last year's quarter were about $3 million.")
    assert found["last year's quarter"] == ("DATE", "2023-Q3")


def test_a_participle_of_an_absolute_clause_is_told_in_its_main_verbs_tense(times):
    found = times("The airline said two new flights would leave Sydney on Monday nights from March 30, with the third "
                  "departing each Thursday from August 6.", "2024-02-14")
    assert found["August 6"] == ("DATE", "2024-08-06")


def test_one_day_before_its_verb_is_a_day_to_come(times):
    assert times("Analysts say the port will one day be the busiest in the region.")["one day"] == (
        "DATE", "FUTURE_REF")
    assert times("The farmer hopes to one day buy the land.")["one day"] == ("DATE", "FUTURE_REF")
    assert times("The delegation spent one day visiting the site.")["one day"] == ("DURATION", "P1D")
    assert times("He one day walked out of the office.")["one day"] == ("DURATION", "P1D")


def test_a_part_of_the_day_after_a_preposition_is_of_the_day_the_story_tells(times):
    found = times("The hearings resumed on Tuesday.\n\nIn the morning, lawmakers questioned the envoy.", "2019-11-20")
    assert found["the morning"] == ("TIME", "2019-11-19TMO")
    assert times("By mid afternoon, officials were saying the road was open.", "2019-11-20")["mid afternoon"] == (
        "TIME", "2019-11-20TAF")
    assert times("She said on the morning talk show that she would run.", "2019-11-20") == {}
    assert "the night" not in times("He was shot on the night of Oct. 23.", "2019-11-20")


def test_in_a_count_of_units_ahead_is_a_point_not_a_length(times):
    assert times("The preferred stock would be redeemed in five years.", "1989-11-02")["five years"] == (
        "DATE", "1994")
    assert times("The envoy wrote his second letter in two weeks.")["two weeks"] == ("DURATION", "P2W")
    assert times("The plant will be built in the next five years.")["the next five years"] == ("DURATION", "P5Y")
    assert times("Divide the total by 52 weeks in a year.")["a year"] == ("DURATION", "P1Y")


def test_the_quarter_is_the_one_the_story_reports(times):
    found = times("The retailer said net income fell in the fiscal first quarter. Sales for the quarter rose 4%, "
                  "and in the 2023 period the company earned $9 million.")
    assert found["the fiscal first quarter"] == ("DATE", "2024-Q1")
    assert found["the quarter"] == ("DATE", "2024-Q1")
    assert found["the 2023 period"] == ("DATE", "2023-Q1")
    assert times("Sales for the quarter rose 4%.")["the quarter"] == ("DATE", "2024-Q3")  # none named: the last one
    assert times("The current quarter began well.")["The current quarter"] == ("DATE", "2024-Q4")
