"""The time engine on composed wire-style sentences, anchored on publication dates that fall on different weekdays."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsledger import nlp
from newsledger.extract.times import extract_times

SHARED_TIMEBANK = Path(__file__).resolve().parents[2] / "shared" / "data" / "timebank"

WEDNESDAY = "2024-02-07"
SATURDAY = "2023-10-14"
MONDAY = "2024-01-29"


@pytest.fixture(scope="module")
def times():
    def run(text: str, published: str | None = WEDNESDAY) -> dict[str, tuple[str, str]]:
        return {t.span.text: (t.type, t.value) for t in extract_times(nlp.parse(text), published)}
    return run


def test_past_tense_weekday_is_the_latest_on_or_before_publication(times):
    found = times("Israeli troops raided the hospital on Monday, officials said.", WEDNESDAY)
    assert found["Monday"] == ("DATE", "2024-02-05")
    found = times("The ministry said 40 people were killed on Saturday.", SATURDAY)
    assert found["Saturday"] == ("DATE", "2023-10-14")


def test_future_tense_weekday_is_the_next_one(times):
    found = times("Blinken will travel to Cairo on Thursday for talks.", WEDNESDAY)
    assert found["Thursday"] == ("DATE", "2024-02-08")
    found = times("The talks would start on Thursday, a diplomat said.", SATURDAY)
    assert found["Thursday"] == ("DATE", "2023-10-19")
    found = times("Negotiators are going to meet Friday in Doha.", MONDAY)
    assert found["Friday"] == ("DATE", "2024-02-02")


def test_last_this_next_week_month_year(times):
    found = times("Last week the army said it had widened the offensive, and this week it paused.", WEDNESDAY)
    assert found["Last week"] == ("DATE", "2024-W05")
    assert found["this week"] == ("DATE", "2024-W06")
    found = times("Aid deliveries fell last month and will resume next year.", MONDAY)
    assert found["last month"] == ("DATE", "2023-12")
    assert found["next year"] == ("DATE", "2025")


def test_month_in_past_tense_is_the_latest_before_publication(times):
    found = times("The group seized the town in November.", WEDNESDAY)
    assert found["November"] == ("DATE", "2023-11")
    found = times("Elections will be held in November.", WEDNESDAY)
    assert found["November"] == ("DATE", "2024-11")


def test_day_and_month_in_either_order(times):
    found = times("The attack on 7 October killed about 1,200 people.", WEDNESDAY)
    assert found["7 October"] == ("DATE", "2023-10-07")
    found = times("Hamas fighters crossed the border on October 7, the army said.", WEDNESDAY)
    assert found["October 7"] == ("DATE", "2023-10-07")
    found = times("The ceasefire expires on March 3.", WEDNESDAY)
    assert found["March 3"] == ("DATE", "2024-03-03")


def test_explicit_year_wins_and_no_anchor_leaves_the_year_open(times):
    found = times("The accord was signed on Jan. 14, 1999, in Geneva.", WEDNESDAY)
    assert found["Jan. 14, 1999"] == ("DATE", "1999-01-14")
    found = times("The attack came on 7 October.", None)
    assert found["7 October"] == ("DATE", "XXXX-10-07")


def test_deictic_words(times):
    found = times("Officials said yesterday that the crossing would reopen tomorrow, "
                  "and strikes continued overnight and into this morning.", SATURDAY)
    assert found["yesterday"] == ("DATE", "2023-10-13")
    assert found["tomorrow"] == ("DATE", "2023-10-15")
    assert found["overnight"] == ("TIME", "2023-10-13TNI")
    assert found["this morning"] == ("TIME", "2023-10-14TMO")
    found = times("The cabinet will meet tonight.", WEDNESDAY)
    assert found["tonight"] == ("TIME", "2024-02-07TNI")


def test_earlier_this_month_and_present_and_past_references(times):
    found = times("Earlier this month the minister said talks were now at a critical stage, "
                  "as they had been recently.", WEDNESDAY)
    assert found["Earlier this month"] == ("DATE", "2024-02")
    assert found["now"] == ("DATE", "PRESENT_REF")
    assert found["recently"] == ("DATE", "PAST_REF")


def test_durations(times):
    found = times("In the past 24 hours, 107 people were killed; the war is in its fifth month "
                  "and a deal is still months away after six weeks of talks.", MONDAY)
    assert found["the past 24 hours"] == ("DURATION", "PT24H")
    assert found["months"] == ("DURATION", "PXM")
    assert found["six weeks"] == ("DURATION", "P6W")
    found = times("It was the worst two-year stretch in a decade.", MONDAY)
    assert found["two-year"] == ("DURATION", "P2Y")


def test_ages_are_not_durations(times):
    assert times("A 6-year-old boy was among the wounded.", MONDAY) == {}


def test_counted_offsets(times):
    found = times("Two weeks ago the army pulled out; three days ago it returned, and a year ago the "
                  "border was open.", SATURDAY)
    assert found["Two weeks ago"] == ("DATE", "2023-W39")
    assert found["three days ago"] == ("DATE", "2023-10-11")
    assert found["a year ago"] == ("DATE", "2022")


def test_clock_times_and_sets(times):
    found = times("The truce began at 7 a.m. on Friday and convoys will cross daily.", SATURDAY)
    assert found["7 a.m."] == ("TIME", "2023-10-14T07:00")
    assert found["Friday"] == ("DATE", "2023-10-13")
    assert found["daily"] == ("SET", "P1D")
    found = times("Talks resume at 10 p.m. Wednesday.", MONDAY)
    assert found["10 p.m. Wednesday"] == ("TIME", "2024-01-31T22:00")


def test_quarters_and_years(times):
    found = times("Profit rose in the third quarter of 2023, and in 2022 it fell.", MONDAY)
    assert found["the third quarter of 2023"] == ("DATE", "2023-Q3")
    assert found["2022"] == ("DATE", "2022")


def test_relative_date_in_a_quote_is_anchored_the_same_way(times):
    found = times('"We struck the depot on Tuesday," the spokesman said.', MONDAY)
    assert found["Tuesday"] == ("DATE", "2024-01-23")


def test_ids_follow_text_order_and_spans_index_the_text(times):
    text = "On Monday the talks stalled; on Tuesday they resumed."
    found = extract_times(nlp.parse(text), WEDNESDAY)
    assert [t.id for t in found] == ["t1", "t2"]
    assert all(text[t.span.start:t.span.end] == t.span.text for t in found)


@pytest.mark.parametrize("text", ["", "   ", '"Unbalanced quote on Friday', "\u200b\u00a0May 5\ufffd 2024-13-45 31 February",
                                  "Sept. 31 at 99:99 p.m. the 1st-quarter", "last last last week week"])
def test_bad_input_never_crashes(text, times):
    for published in (WEDNESDAY, None, "not a date"):
        times(text, published)


@pytest.mark.shared
@pytest.mark.skipif(not SHARED_TIMEBANK.is_dir(), reason="needs ../shared/data/timebank")
def test_timebank_value_f1_on_a_sample():
    from newsledger.eval import timeml
    results = timeml.run(str(SHARED_TIMEBANK), limit=20)
    assert results["gold"] > 0 and results["relaxed"]["f1"] > 80
    assert results["value"]["f1"] > 60
