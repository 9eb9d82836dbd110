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


@pytest.mark.parametrize("phrase", [
    "the U.S. Commerce Department", "the U.S. Department of Commerce", "United States Department of Commerce"])
def test_a_department_written_by_its_portfolio_any_way_is_one_body(phrase):
    assert parse_body(phrase).name == "U.S. Department of Commerce"


def test_a_ministry_of_a_portfolio_no_registry_lists_gets_one_composed_name():
    assert (parse_body("the Indian Ministry of Home Affairs").kind, parse_body("India's home ministry").name) == (
        "interior ministry", "Indian Interior Ministry")
    kenya = parse_body("Kenya's Ministry of Education")
    assert (kenya.name, kenya.jurisdiction) == ("Kenyan Education Ministry", "Kenya")
    # Bare, it is a body of the story's country, found by the article context.
    assert parse_body("the Justice Department") is None


def test_a_state_or_provinces_department_is_its_own_not_its_countrys_nor_a_foreign_towns():
    florida = parse_body("the Florida Department of Agriculture")
    assert (florida.name, florida.jurisdiction) == ("Florida Agriculture Ministry", "Florida")  # not Florida, Cuba
    assert parse_body("the Ontario Ministry of Education").jurisdiction == "Ontario"  # not Ontario, California
    assert parse_body("the Texas Department of Transportation").name != "U.S. Department of Transportation"


def test_a_department_in_the_story_of_a_country_is_that_countrys(bodies_in):
    found = bodies_in("WASHINGTON (Reuters) - U.S. retail sales rose 0.6 percent in March, the Commerce Department "
                      "said on Tuesday.")
    assert found["0.6"] == "U.S. Department of Commerce"
    # "Washington" in a story is the seat of the government, not the state.
    found = bodies_in("WASHINGTON (AP) - About 2,000 people were detained last month, a Homeland Security Department "
                      "official said.")
    assert found["2,000"] == "U.S. Department of Homeland Security"


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


def test_a_poll_made_jointly_is_credited_to_the_joint_name_and_the_poll_points_back_to_it(bodies_in):
    found = bodies_in(
        "A Denver Post/KUSA News survey showed a narrow lead for Ortiz with 47 percent to Baker's 43 percent.\n\n"
        "Voters in the suburbs were split, said Sen. Ann Ruiz, D-Colo. In an ABC News/Ipsos poll released Tuesday, 38 percent of respondents "
        "chose Ortiz.\n\n"
        "Ortiz leads the race for governor, according to a Boston Globe/Suffolk University survey released on "
        "Friday. Ortiz has support from 54 percent of likely voters, the poll found.")
    assert found["47"] == found["43"] == "Denver Post/KUSA News"
    assert found["38"] == "ABC News/Ipsos"
    assert found["54"] == "Boston Globe/Suffolk University"


def test_a_figure_a_quotation_credits_to_a_source_of_its_own_is_not_the_quoting_outlets(bodies_in):
    found = bodies_in(
        "The Ledger reports a few facts: “Of its 52,400 registered voters, according to data from the Marion County "
        "Election Board, 21,300 are Democrats.”")
    assert found["52,400"] == found["21,300"] == "Marion County Election Board"


def test_a_spokesperson_speaks_for_the_organisation_named_on_the_title(bodies_in):
    found = bodies_in("A Netflix spokesman, Daniel Ferris, said on Monday that 2.4 million accounts had signed up.")
    assert found["2.4 million"] == "Netflix"


def test_a_person_is_credited_as_themselves_not_as_a_name_on_their_title_or_a_past_role(bodies_in):
    found = bodies_in(
        "“Donors gave tens of thousands of dollars to her rivals,” Ortiz campaign manager Dana Kessler said.\n\n"
        "Baker hired Ron Pettis, a veteran strategist who ran the GOP's 1996 convention. Pettis said Baker "
        "would win at least 300 delegates.\n\n"
        "Mary Holt, a former chairwoman of the Ohio Democratic Party, said the group would target 12 counties.")
    assert found["tens of thousands"] == "Dana Kessler"
    assert found["300"] == "Ron Pettis"
    assert found["12"] == "Mary Holt"


def test_a_surname_the_tagger_missed_is_the_person_and_a_record_names_no_person(figures_of):
    found = {f.number: f for f in figures_of(
        "Donald Trump said in May he would not sell the shares. Trump reported between $5,000 and $15,000 in "
        "dividends from the stake.\n\n"
        "According to recent polls, Trump holds 14 percent of the vote in the county.")}
    assert found["5,000"].source_body == found["15,000"].source_body == "Donald Trump"
    assert found["14"].source.text == "recent polls" and found["14"].source_kind != "person"


def test_a_record_made_by_someone_is_its_makers_not_the_body_whose_data_it_used(bodies_in):
    found = bodies_in(
        "Thirty-one percent of all reported contributions to state candidates came from retirees, according to an "
        "analysis of Federal Election Commission data by Givewell Labs, a campaign finance research group.")
    assert found["Thirty-one"] == "Givewell Labs"


def test_a_description_with_a_person_in_apposition_is_that_person(bodies_in):
    found = bodies_in("One pastor backing Sen. Ruiz, Darrel Quist of Grace Chapel in Ames, said he had made more than "
                      "150 phone calls to other pastors.")
    assert found["150"] == "Darrel Quist"


def test_a_foreign_affairs_ministry_is_the_foreign_ministry():
    assert parse_body("Tunisian foreign affairs ministry spokesman Ali Mansour").name == "Tunisian Foreign Ministry"


def test_a_described_company_points_back_to_the_company_and_a_name_takes_no_apposition(bodies_in):
    found = bodies_in(
        "Brightline Systems Inc. opened a plant in Ohio. Days before its earnings report, the software company said it "
        "had hired 1,200 workers.\n\n"
        "NASA, Orbital Works and two universities will share the grant, NASA said, and 40 engineers will join.")
    assert found["1,200"] == "Brightline Systems Inc."
    assert found["40"] != "Orbital Works"


def test_the_name_written_onto_a_record_is_its_maker_but_a_day_is_not(bodies_in):
    found = bodies_in(
        "Support for the plan has grown, according to a Quorvey survey in November that found 61 percent in favour.\n\n"
        "The Monday report showed 300 new cases.")
    assert found["61"] == "Quorvey"
    assert found["300"] != "Monday"


@pytest.mark.parametrize("phrase, name", [
    ("FEC records", "Federal Election Commission"),
    ("data from the BLS", "Bureau of Labor Statistics"),
    ("the IMF", "International Monetary Fund"),
    ("the ONS", "Office for National Statistics"),
    ("state news agency Xinhua", "Xinhua"),
    ("Nigeria's central bank", "Central Bank of Nigeria"),
    ("the U.S. central bank", "Federal Reserve"),
    ("the European Central Bank", "European Central Bank"),
])
def test_a_body_that_reports_figures_worldwide_is_named_by_its_acronym_or_its_country(phrase, name):
    assert parse_body(phrase).name == name


def test_a_central_bank_of_no_named_country_is_none_and_an_acronym_matches_only_in_capitals():
    assert parse_body("the central bank") is None  # the story's place decides (the article context)
    assert parse_body("the fed up voters") is None or parse_body("the fed up voters").kind == "other"


def test_a_figure_credited_to_an_acronym_of_a_statistics_office_is_the_office(bodies_in):
    found = bodies_in("Employers added 187,000 jobs in August, according to BLS data released on Friday.")
    assert found["187,000"] == "Bureau of Labor Statistics"


def test_a_company_described_by_its_place_or_trade_points_back_to_the_company_named_before(bodies_in):
    found = bodies_in(
        "Harlan Tool Works Inc. said it would close a plant in Ohio.\n\n"
        "The Dayton, Ohio, maker of drill bits said quarterly sales fell 12% to $41.5 million.\n\n"
        "The Midwest-based company also said it expects to cut 150 jobs.")
    assert found["12"] == found["41.5 million"] == "Harlan Tool Works Inc."
    assert found["150"] == "Harlan Tool Works Inc."


def test_a_company_is_named_by_its_legal_form_as_written_not_as_the_tagger_cut_it(bodies_in):
    found = bodies_in(
        "Wendle amp Barr Co. said it will sell its boot unit.\n\n"
        "The company said it expects a charge of $6 million.\n\n"
        "ALCOTT PRODUCTS Inc. cut its dividend. Alcott said sales rose 4%.")
    assert found["6 million"] == "Wendle amp Barr Co."
    assert found["4"] == "ALCOTT PRODUCTS Inc."


def test_a_spokesman_for_a_described_company_speaks_for_that_company_not_for_an_a(bodies_in):
    found = bodies_in(
        "Norland Cable Inc. plans to sell preferred shares.\n\n"
        "A spokesman for the Winnipeg cable television concern said the rate would be set at about 7%.")
    assert found["7"] == "Norland Cable Inc."


def test_a_name_with_a_company_apposition_is_that_company(bodies_in):
    found = bodies_in("Halden Systems Inc. made a loss in the spring. Halden, a maker of computer workstations, "
                      "reported sales of $538.5 million for the quarter, up 39% from $388.5 million a year earlier.")
    assert found["39"] == found["388.5 million"] == "Halden Systems Inc."


def test_the_airline_or_the_group_is_the_company_named_before_when_no_legal_form_or_group_is(bodies_in):
    found = bodies_in(
        "SYDNEY (AP) _ Skyway plans three more flights to Perth each week, the airline announced Friday.\n\n"
        "Veldhoven N.V. said profit rose. The Dutch chemical group said net income gained to 210 million euros.")
    assert found["three"] == "Skyway"
    assert found["210 million"] == "Veldhoven N.V."


def test_a_pollster_named_short_is_the_registered_pollster_and_a_regulator_by_its_acronym(bodies_in):
    found = bodies_in(
        "A Monmouth poll out Monday showed Ortiz with 48 percent of likely voters.\n\n"
        "Baker holds 9.2 percent of the company, according to a recent SEC filing.")
    assert found["48"] == "Monmouth University"
    assert found["9.2"] == "Securities and Exchange Commission"
    assert parse_body("the Monmouth County prosecutor").name != "Monmouth University"
    assert parse_body("the Real Clear Politics average").name == "RealClearPolitics"


def test_a_speaker_cut_at_a_list_of_trades_or_before_its_leader_is_the_whole_phrase(figures_of):
    # The attribution cuts "The Dutch paper, printing and packaging concern" at the comma the parser takes for an
    # apposition's; "led by X" names the body that speaks for the group; a speaker with a described apposition of
    # its own keeps its name alone.
    text = ("Halvorsen Media PLC published its results on Tuesday. The Dutch paper, printing and packaging concern, "
            "said net income fell 12% to 40 million guilders. A group of investors led by Brantley Holdings Ltd. "
            "and its chairman, Owen Marsh, said it holds a 7.5% stake in Coyle Corp.")
    found = {f.number: (f.source.text, f.source_body) for f in figures_of(text)}
    assert found["12"] == ("The Dutch paper, printing and packaging concern", "Halvorsen Media PLC")
    assert found["7.5"][1] == "Brantley Holdings Ltd."


def test_the_company_of_a_summary_above_the_story_is_the_one_named_first_after(bodies_in):
    # Nothing is named before "The company" of the summary; the story below names the company.
    text = ("The company said it had closed 80,000 accounts linked to fraud since May.\n\n"
            "For years, Morvane Networks Inc. has let anyone open an account, and the FBI has warned about it.")
    assert bodies_in(text)["80,000"] == "Morvane Networks Inc."
