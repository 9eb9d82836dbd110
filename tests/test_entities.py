"""Entities: spaCy NER plus within-article name coreference and titles."""
from __future__ import annotations

import pytest

from newsledger import nlp
from newsledger.extract.entities import extract_entities


def entities_of(text: str):
    return {e.name: e for e in extract_entities(nlp.parse(text))}


def test_full_name_absorbs_surname_and_keeps_title():
    text = ("Israeli Prime Minister Benjamin Netanyahu rejected the proposal on Wednesday. "
            "Netanyahu said the army would press on in Rafah.")
    found = entities_of(text)
    netanyahu = found["Benjamin Netanyahu"]
    assert netanyahu.type == "PERSON"
    assert [m.text for m in netanyahu.mentions] == ["Benjamin Netanyahu", "Netanyahu"]
    assert "Israeli Prime Minister" in netanyahu.titles
    assert "Netanyahu" not in found


def test_title_form_joins_full_name_and_title_words_are_not_organisations():
    text = ("US Secretary of State Antony Blinken arrived in Cairo on Tuesday. "
            "Blinken met Egyptian officials before flying on to Doha.")
    found = entities_of(text)
    blinken = found["Antony Blinken"]
    assert len(blinken.mentions) == 2
    assert "US Secretary of State" in blinken.titles
    assert "State" not in found


def test_mentions_index_the_text():
    text = "UN chief Antonio Guterres warned of famine. Guterres urged donors to act."
    doc = nlp.parse(text)
    for entity in extract_entities(doc):
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text


def test_two_people_sharing_a_surname_stay_apart():
    text = ("Former president Bill Clinton and former secretary of state Hillary Clinton attended the funeral. "
            "Clinton spoke first.")
    persons = [e for e in extract_entities(nlp.parse(text)) if e.type == "PERSON"]
    names = {e.name for e in persons}
    assert {"Bill Clinton", "Hillary Clinton"} <= names
    for person in persons:
        if person.name in ("Bill Clinton", "Hillary Clinton"):
            assert [m.text for m in person.mentions] == [person.name]


def test_country_variants_become_one_entity():
    text = "The U.S. said it would send aid. The United States has sent 40 trucks, US officials said."
    countries = [e for e in extract_entities(nlp.parse(text)) if e.name == "United States"]
    assert len(countries) == 1
    assert len(countries[0].mentions) >= 2


@pytest.mark.parametrize("text", ["", "   ", "“", "\u00a0\n\n\u00a0", "((((((("])
def test_degenerate_text_gives_no_entities_and_no_error(text):
    assert extract_entities(nlp.parse(text)) == []


def test_surname_before_any_full_name_is_not_merged_into_a_later_namesake():
    text = ("President Obama spoke at the dinner. First lady Michelle Obama introduced the guests. "
            "Michelle Obama thanked the staff.")
    found = entities_of(text)
    assert "Michelle Obama" in found
    assert all(m.text == "Michelle Obama" for m in found["Michelle Obama"].mentions)
    assert "President" not in found["Michelle Obama"].titles


def test_relative_clause_after_a_name_is_not_a_title():
    text = "Voters will see the leadership of Donald Trump, who is prepared to rebuild the military, in the debate."
    assert entities_of(text)["Donald Trump"].titles == []


def test_apposition_gives_a_title():
    text = "Antony Blinken, the US secretary of state, arrived in Cairo on Tuesday."
    assert any("secretary of state" in t for t in entities_of(text)["Antony Blinken"].titles)
