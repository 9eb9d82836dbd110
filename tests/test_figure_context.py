"""Figures read with their context: elided nouns, "including" subsets, source chains inside attributions,
"reported by" credits, and dates that name an event rather than date the figure."""
from __future__ import annotations

from newsledger import nlp
from newsledger.model import RawArticle
from newsledger.pipeline import analyse, clean_one


def figures_of(text: str, published: str = "2024-02-07"):
    article = clean_one(RawArticle(source_path="context.txt", text=text), verbatim=True, published=published)
    return {f.number: f for f in analyse(article, nlp.parse(article.text)).figures}


def test_the_issue_example_hostages_and_their_dead_subset():
    figures = figures_of("Israel believes that 29 of the hostages still held in Gaza are dead, a spokesman said. "
                         "Israel says 132 remain in Gaza, of whom 29 are believed to have died.")
    remain = figures["132"]
    dead = [f for f in figures_of("Israel says 132 remain in Gaza, of whom 29 are believed to have died.").values()
            if f.number == "29"][0]
    assert remain.category == "hostages"
    assert remain.source.text == "Israel"
    assert dead.category == "killed" and dead.parent is not None


def test_elided_noun_counts_what_the_figure_before_counted():
    figures = figures_of("Nearly 200 aid trucks entered Gaza on Thursday, far fewer than the 500 a day "
                         "that crossed before the war, a UN spokeswoman said.")
    assert figures["200"].category == "aid"
    assert figures["500"].category == "aid"


def test_including_makes_a_subset_of_the_same_kind():
    figures = figures_of("An airstrike on a house in Rafah killed 11 people, including four children, "
                         "hospital officials said.")
    assert figures["11"].category == "killed"
    assert figures["four"].category == "killed"
    assert figures["four"].parent == figures["11"].id


def test_a_chain_inside_an_according_to_attribution_is_kept_whole():
    figures = figures_of("The attack resulted in the deaths of about 1,160 people, mostly civilians, "
                         "according to an AFP tally based on official Israeli figures.")
    toll = figures["1,160"]
    assert toll.source.text == "an AFP tally based on official Israeli figures"
    assert toll.source_chain == ["AFP", "official Israeli figures"]


def test_reported_by_credits_the_nearest_source_even_inside_a_quote():
    figures = figures_of("Israeli officials said about 26,000 people had been killed, lower than the 27,708 "
                         "reported by the health ministry.")
    assert figures["26,000"].source.text == "Israeli officials"
    assert figures["27,708"].source.text == "the health ministry"


def test_a_date_naming_an_event_does_not_date_the_figure():
    figures = figures_of("At least nine countries have suspended funding after Israel accused 12 staff of "
                         "taking part in the October 7 attack.", published="2024-01-29")
    assert figures["nine"].as_of == "2024-01-29"
