"""The body a figure is credited to when the text names it indirectly: a title written onto a person's name, a
company named in part or as "the company", a national Red Cross society, a state broadcaster, national and local
police (resolve/bodies.py)."""
from __future__ import annotations

import pytest

from newsledger.resolve.bodies import ArticleBodies, parse_body


@pytest.fixture(scope="module")
def bodies_in(figures_of):
    return lambda text: {f.number: f.source_body for f in figures_of(text)}


@pytest.mark.parametrize("phrase", ["the Red Cross", "the Red Cross in Gaza", "the International Committee of the Red "
                                    "Cross"])
def test_the_red_cross_unqualified_or_in_a_place_stays_the_icrc(phrase):
    assert parse_body(phrase).name == "International Committee of the Red Cross"


def test_a_town_is_no_government_but_a_country_or_its_capital_is():
    assert parse_body("Columbia").kind == "other"
    assert parse_body("Nairobi").name == "Kenyan Government"
    assert parse_body("Kenya").name == "Kenyan Government"


def test_a_national_police_force_answers_for_the_country_not_the_city_of_the_story():
    text = "TOKYO (AP) _ A man was held after a fire in Osaka, the National Police Agency said."
    context = ArticleBodies(text, "Japan", "Osaka", None)
    assert context.resolve("the National Police Agency", text.index("the National")).name == "National Police Agency"


def test_bare_police_are_those_the_story_places_else_of_the_state_it_names_most(bodies_in):
    philadelphia = bodies_in(
        "Crowds marched down Broad Street on the opening day of the convention.\n\n"
        "Police reported no arrests late Monday, although 55 people were issued citations.\n\n"
        "The scene mirrored last week in Cleveland, where officers rode bikes. Cleveland was calm.\n\n"
        "Philadelphia police also made heavy use of bikes.")
    assert philadelphia["55"] == "Philadelphia Police"
    wisconsin = bodies_in(
        "Protesters gathered outside a rally in Wisconsin on Tuesday.\n\n"
        "A day earlier, six protesters were arrested at the hotel, police said.\n\n"
        "The candidate had cancelled an event in Chicago. Wisconsin votes next week, and Wisconsin is close.")
    assert wisconsin["six"] == "Wisconsin Police"


def test_a_title_written_onto_a_name_says_whom_the_person_speaks_for(bodies_in):
    found = bodies_in(
        "WASHINGTON (AP) _ U.S. Secretary of State Madeleine Albright said on Tuesday that she was heartened.\n\n"
        "Albright announced on Monday a reward of up to 2 million dollars for information on the bombers.")
    assert found["2 million"] == "United States Government"
    bonn = bodies_in("BONN, Germany (AP)_ The fine will cost the party about 549,000 marks, parliament said Friday. "
                     "Parliamentary president Rita Suessmuth said the party listed a donor as having given about "
                     "274,500 marks.")
    assert bonn["274,500"] == "German Parliament"
    # a head of government stays a person
    assert bodies_in("Prime Minister Benjamin Netanyahu said 1,200 people were killed.")["1,200"] \
        == "Benjamin Netanyahu"


def test_a_company_named_in_part_or_as_the_company_is_the_company_named_before(bodies_in):
    found = bodies_in(
        "Travelers Corp. said third-quarter net income rose 11%.\n\n"
        "Travelers estimated that the earthquake will result in a charge of less than $10 million.\n\n"
        "Midwest Rail Holdings said it would cut 300 jobs. About 1.1 million warrants were issued, the company said.")
    assert found["10 million"] == "Travelers Corp."
    assert found["1.1 million"] == "Midwest Rail Holdings"
