"""Reporting bodies: the grammar, the registry, chains and descriptions that point back (resolve/bodies.py)."""
import pytest

from newsledger.resolve.bodies import ArticleBodies, dateline_place, parse_body


@pytest.mark.parametrize("phrase, name, affiliation", [
    ("the health ministry in the Hamas-run territory", "Gaza Health Ministry", "Hamas"),
    ("Gaza's health ministry", "Gaza Health Ministry", "Hamas"),
    ("the Gaza health ministry", "Gaza Health Ministry", "Hamas"),
    ("the Hamas-run health ministry in Gaza", "Gaza Health Ministry", "Hamas"),
    ("health officials in Gaza", "Gaza Health Ministry", "Hamas"),
    ("the health ministry in Khan Younis", "Gaza Health Ministry", "Hamas"),
    ("the Palestinian health ministry in Ramallah", "Palestinian Authority Health Ministry", "Palestinian Authority"),
    ("the Israeli military", "Israel Defense Forces", None),
    ("the IDF", "Israel Defense Forces", None),
    ("the U.N.", "United Nations", "United Nations"),
    ("the U.N.'s humanitarian office", "UN OCHA", "United Nations"),
    ("Russia's state-run Tass news agency", "TASS", "Russia state"),
])
def test_one_body_for_every_way_of_naming_it(phrase, name, affiliation):
    body = parse_body(phrase)
    assert (body.name, body.affiliation) == (name, affiliation)


@pytest.mark.parametrize("phrase, name, kind, jurisdiction", [
    ("Sudan's health ministry", "Sudanese Health Ministry", "health ministry", "Sudan"),
    ("the Maui County police", "Maui County Police", "police", "Maui County"),
    ("police in Lahaina", "Lahaina Police", "police", "Lahaina"),
    ("Lebanon's civil defence", "Lebanese Civil Defence", "civil defence", "Lebanon"),
    ("the health ministry in Kharkiv", "Ukrainian Health Ministry", "health ministry", "Ukraine"),
    # A place or nationality before a national body makes it that country's own (not the ICRC, not a city's police).
    ("the Kenya Red Cross", "Kenya Red Cross Society", "national Red Cross society", "Kenya"),
    ("the Kenyan Red Cross", "Kenya Red Cross Society", "national Red Cross society", "Kenya"),
    ("the Uganda Red Cross", "Uganda Red Cross Society", "national Red Cross society", "Uganda"),
    ("Nigeria state radio", "Radio Nigeria", "state broadcaster", "Nigeria"),
    ("the Philippine National Police", "Philippine National Police", "national police", "Philippines"),
    ("U.S. Secretary of State", "United States Government", "government", "United States"),
])
def test_an_unseen_body_is_composed_from_kind_and_place(phrase, name, kind, jurisdiction):
    body = parse_body(phrase)
    assert (body.name, body.kind, body.jurisdiction) == (name, kind, jurisdiction)


@pytest.mark.parametrize("phrase", ["Israeli officials", "Israeli authorities", "Israel", "official Israeli figures"])
def test_a_nationality_is_its_government_speaking_through_unnamed_officials(phrase):
    body = parse_body(phrase)
    assert (body.name, body.kind, body.note) == ("Israeli Government", "government", "unnamed officials")


def test_a_figure_is_never_credited_to_the_controlling_group_a_place_or_a_nationality():
    for phrase in ("the Hamas-run health ministry", "Palestinian officials", "health officials in Gaza"):
        assert parse_body(phrase).name not in ("Hamas", "Gaza", "Palestinian")


def test_a_chain_keeps_every_link():
    context = ArticleBodies.scan("Some 1,139 people were killed, an AFP tally based on official Israeli figures shows.")
    links = context.chain("an AFP tally based on official Israeli figures", 30)
    assert [b.name for b in links] == ["Agence France-Presse", "Israeli Government"]


def test_descriptions_point_back_to_the_last_compatible_body():
    text = ("GAZA CITY — Gaza's health ministry said on Sunday that hospitals were overwhelmed. The Israeli military "
            "said it had struck 40 targets. The ministry said 120 people were killed. The army said 12 soldiers "
            "were wounded, and it said the strikes would go on.")
    context = ArticleBodies.scan(text, "Gaza City")
    at = text.index
    assert context.resolve("The ministry", at("The ministry")).name == "Gaza Health Ministry"
    assert context.resolve("The army", at("The army")).name == "Israel Defense Forces"
    assert context.resolve("it", at("it said the")).name == "Israel Defense Forces"
    assert context.resolve("ministry spokesman Ashraf al-Qudra", at("The army")).name == "Gaza Health Ministry"


def test_the_story_place_names_a_bare_body_and_officials_stay_unnamed():
    context = ArticleBodies.scan("RAFAH, Gaza Strip — Police said two men were held.", "Rafah")
    assert context.resolve("Police", 21).name == "Rafah Police"
    assert context.resolve("the territory's health ministry", 21).name == "Gaza Health Ministry"
    assert context.resolve("officials", 45).name == "Rafah Police"  # the last body that reported something
    assert ArticleBodies.scan("Two men were held.").resolve("officials", 5).name == "Unnamed officials"


def test_pronouns_and_persons():
    context = ArticleBodies.scan("Angel Sarmiento, president of Aragua Medical School, said 12 died.")
    assert context.resolve("he", 40, person="Angel Sarmiento").name == "Angel Sarmiento"
    assert context.resolve("Angel Sarmiento, president of Aragua Medical School", 0,
                           person="Angel Sarmiento").kind == "person"
    assert parse_body("who") is None
    assert parse_body("WHO") .name == "World Health Organization"


def test_bare_officials_of_a_datelined_story_are_its_countrys_and_a_parliament_is_national():
    nairobi = ArticleBodies.scan("NAIROBI, Kenya (AP) _ At least 82 were killed, officials said.", "Nairobi")
    found = nairobi.resolve("officials", 45)
    assert (found.name, found.note) == ("Kenyan Government", "unnamed officials")
    bonn = ArticleBodies.scan("BONN, Germany (AP)_ The fine is 549,000 marks, parliament said Friday.", "Bonn")
    assert bonn.resolve("parliament", 46).name == "German Parliament"
    assert parse_body("an ICE spokeswoman").name == "Immigration and Customs Enforcement"


def test_a_wire_dateline_with_an_underscore_places_the_story():
    assert dateline_place(None, "NEW YORK _ A Brooklyn woman was killed, the police said.") == "New York"
    assert dateline_place(None, "BONN, Germany (AP)_ A phony address") == "Bonn"
    assert dateline_place(None, "The snake_case name stays.") is None
