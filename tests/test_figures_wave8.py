"""Figures on the constructions the wave-8 audit of new outlets found (issue 18: humanitarian briefings, courts,
weather, sport and local copy from Ireland, Canada, Egypt, Brazil, South Africa): one class of error per test, on
sentences composed in the style of those outlets."""
from __future__ import annotations

import pytest

from newsledger import nlp
from newsledger.extract.figures import extract_figures
from newsledger.model import Figure, RawArticle
from newsledger.pipeline import clean_one


@pytest.fixture(scope="module")
def figures_in():
    nlp.load()

    def run(text: str) -> list[Figure]:
        article = clean_one(RawArticle(source_path="test", text=text, published="2018-04-05"), verbatim=True)
        return extract_figures(nlp.parse(article.text), article, [], [])

    return run


def numbers(figures: list[Figure]) -> list[str]:
    return [f.number for f in figures]


def only(figures: list[Figure], number: str) -> Figure:
    found = [f for f in figures if f.number == number]
    assert len(found) == 1, numbers(figures)
    return found[0]


def test_money_to_persons_is_no_range(figures_in):
    figures = figures_in("The city paid $2.5 million to 14 artists for the lost murals.")
    assert numbers(figures) == ["2.5 million", "14"]
    assert only(figures, "2.5 million").category == "money"
    assert only(figures, "14").category == "people"


def test_falling_values_are_two_figures(figures_in):
    figures = figures_in("The fare fell from 40 to 25 cents after the strike.")
    assert numbers(figures) == ["40", "25"]


def test_numbers_joined_by_or_are_a_range(figures_in):
    figures = figures_in("Witnesses said 200 or 300 protesters gathered outside the court.")
    toll = only(figures, "200 or 300")
    assert (toll.qualifier, toll.low, toll.high) == ("range", 200, 300)
    assert figures_in("The plant will close in 2031 or 2032, the company said.") == []  # years, not a range


def test_a_pair_counting_a_noun_is_no_slide_counter(figures_in):
    figures = figures_in("The airline lost 12 of 30 checked bags on the route last month.")
    assert numbers(figures) == ["12", "30"]
    assert figures_in("Photo 3 of 12\n\nThe harbour at dawn.") == []


def test_one_or_more_counts(figures_in):
    figure = only(figures_in("Witnesses said one or more gunmen opened fire on the bus."), "one")
    assert (figure.qualifier, figure.low, figure.high) == ("at_least", 1, None)


def test_zero_before_a_singular_noun_is_no_count(figures_in):
    figures = figures_in("The minister promised zero tolerance for graft and zero deaths on the roads.")
    assert numbers(figures) == ["zero"]
    assert only(figures, "zero").category == "killed"


def test_number_in_commas_after_a_singular_role_noun_is_an_age(figures_in):
    assert figures_in("The former reality show winner, 38, was eliminated on Monday night.") == []


def test_participle_before_the_counted_noun(figures_in):
    storms = only(figures_in("The agency expects 15 named storms this year."), "15")
    assert (storms.category, storms.unit) == ("other", "storms")
    held = only(figures_in("Talks resumed on freeing the three remaining hostages on Sunday."), "three")
    assert held.category == "hostages"


def test_nouns_for_persons_the_tables_lacked(figures_in):
    seekers = only(figures_in("Some 2,000 asylum seekers are held on the island."), "2,000")
    assert seekers.category == "displaced"
    crew = only(figures_in("The mission would carry four humans to the Moon."), "four")
    assert crew.category == "people"
    fans = only(figures_in("More than 90,000 netizens shared the clip overnight."), "90,000")
    assert fans.category == "people"


def test_a_part_of_them_counts_what_the_whole_counts(figures_in):
    figures = figures_in("About 4,000 refugees reached the camp in March, two-thirds of them from the north.")
    assert only(figures, "two-thirds").category == "displaced"


def test_a_share_standing_alone(figures_in):
    figures = figures_in("Costs could be cut by a third by 2030, while nearly a fifth have already gone.")
    assert numbers(figures) == ["a third", "a fifth"]
    assert figures_in("The work was done by a third party in Manila.") == []


def test_labels_and_durations_of_seasons(figures_in):
    assert figures_in("He played the Piano Concerto No 2 in Vienna.") == []
    assert figures_in("He spent the past 11 seasons with the club before retiring.") == []


def test_range_repeating_the_currency_sign(figures_in):
    price = only(figures_in("The flats will sell for $310,000 to $345,000 each."), "310,000 to $345,000")
    assert (price.category, price.low, price.high) == ("money", 310000, 345000)


def test_points_of_a_rating_scale_are_no_counts(figures_in):
    assert figures_in("On the hygiene scale, 0 means that urgent work is needed. 4 means that the kitchen is good.") == []
    assert figures_in("Diners rate each stall on a scale of 1 to 10.") == []


def test_digits_joined_by_middle_dots_are_a_code(figures_in):
    assert numbers(figures_in("Come along and taste. 4·1·1. Tickets cost $40 each.")) == ["40"]


def test_an_elided_count_borrows_past_a_price(figures_in):
    figures = figures_in("The builder plans 40 townhouses priced from $400,000 to $450,000. Twelve are sold.")
    assert only(figures, "Twelve").category == "infrastructure"


def test_the_conversion_of_a_measure_is_a_measure(figures_in):
    figures = figures_in("Divers found the wreck 9ft (2.7m) under the silt near the pier.")
    assert [f.category for f in figures] == ["other", "other"]


def test_a_repeated_vague_count_is_one_count(figures_in):
    figures = figures_in("We are collecting billions and billions of dollars from them, the president said.")
    assert [(f.number, f.category) for f in figures] == [("billions", "money")]


def test_only_before_the_verb_counts_one(figures_in):
    assert numbers(figures_in("It only takes one spark to start a fire in this heat.")) == ["one"]


def test_a_benchmark_from_zero_is_no_figure(figures_in):
    assert numbers(figures_in("The maker says 0-60 mph takes 4.1 seconds and the top speed is 130 mph.")) == ["130"]


def test_a_thousands_letter_before_a_singular_noun_is_a_label(figures_in):
    figures = figures_in("Subscribers get 4k streaming, and 20k fans signed up for the 5k run.")
    assert numbers(figures) == ["20k"]


def test_a_multiple_is_no_count_of_what_follows(figures_in):
    figure = only(figures_in("A lean saver has put away 25 times their annual expenses and lives on little."), "25")
    assert (figure.category, figure.unit) == ("other", "times")
