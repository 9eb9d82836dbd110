"""Reporters the text names only by a pronoun, a role or a record (wave 9, figures-fresh2's tune half): "it said"
after a company, an unnamed spokesperson, "the poll" after a poll its maker's name is written on, research and
federal statistics, a named record on the figure's own clause, "Data show"."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def credited(figures_of):
    return lambda text: {f.number: (f.source.text if f.source else None, f.source_body) for f in figures_of(text)}


@pytest.mark.parametrize("text, number, source, body", [
    # "it", the subject of an active reporting verb, points back to the company named before
    ("Halvorsen Shipping ASA reported results on Thursday. It said revenue rose 12 percent in the quarter.", "12",
     "It", "Halvorsen Shipping ASA"),
    # an unnamed spokesperson speaks for the organisation named last before, else for the body that reported last
    ("Brennan Foods Inc. will close its plant in Ohio. A spokeswoman said about 400 workers would lose their jobs.",
     "400", "A spokeswoman", "Brennan Foods Inc."),
    ("Gaza's health ministry said 31 people were killed overnight. A spokesman said 80 more were wounded.", "80",
     "A spokesman", "Gaza Health Ministry"),
    # ... and so do its unnamed officers and executives
    ("Halvorsen Shipping ASA expects revenue of $40 million next year, company executives said.", "40 million",
     "company executives", "Halvorsen Shipping ASA"),
    # "the poll" is made by whoever's name the last poll carried, though the tagger took it for no organisation
    ("A Harrington poll shows voters split on the measure. Support stands at 48 percent, according to the poll.",
     "48", "the poll", "Harrington"),
    # ... a name that stays inside its sentence
    ("Voters in Ohio favor Maria Ortiz. A Harrington poll shows her ahead. She has 51 percent, according to the "
     "poll.", "51", "the poll", "Harrington"),
    # research and federal statistics credit their maker
    ("Small donors gave $3.1 million in the first quarter, according to new Crowdpac research.", "3.1 million",
     "new Crowdpac research", "Crowdpac"),
    ("About 4.2 million veterans live in rural counties of the United States, according to federal statistics.",
     "4.2 million",
     "federal statistics", "United States Government"),
    # a named record on the figure's own clause, not only at the sentence's start
    ("The senator won just 7 percent of the vote in a Washington Post-ABC News poll released Sunday.", "7",
     "a Washington Post-ABC News poll released Sunday", "Washington Post-ABC News"),
    # an average of polls "shows" a figure as a poll does; USA TODAY is a registered outlet in capitals too
    ("An average of recent polls by RealClearPolitics shows the governor ahead by about 6 points.", "6",
     "An average of recent polls by RealClearPolitics", "RealClearPolitics"),
    ("USA TODAY reported last month that the charity spent more than 300 trips on staff.", "300", "USA TODAY",
     "USA Today"),
    # "Data show", though the tagger lemmatises "Data" oddly
    ("Data from the 2015 American Community Survey show that renters made up about 37 percent of households.", "37",
     "Data from the 2015 American Community Survey", "Census Bureau"),
])
def test_a_reporter_named_by_pronoun_role_or_record_is_credited(credited, text, number, source, body):
    assert credited(text)[number] == (source, body)


@pytest.mark.parametrize("text, number", [
    # an expletive "it" of a passive report is no reporter
    ("The shelter was hit twice. It is estimated that 50 people died.", "50"),
    # a named record in another clause is not the figure's
    ("Police said 12 people were killed in the attack, which was shown in a CNN video.", "12"),
])
def test_an_expletive_or_another_clauses_record_is_no_reporter(credited, text, number):
    source, _ = credited(text)[number]
    assert source in (None, "Police")
