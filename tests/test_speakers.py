"""Speaker resolution within an article, on passages composed for these tests."""
from __future__ import annotations

from newsledger import nlp
from newsledger.extract.entities import extract_entities
from newsledger.extract.quotes import extract_quotes
from newsledger.resolve.speakers import resolve_speakers


def resolved(text: str):
    doc = nlp.parse(text)
    entities = extract_entities(doc)
    quotes = extract_quotes(doc)
    return resolve_speakers(doc, quotes, entities)


def speaker_of(quotes, mention: str):
    found = [q for q in quotes if q.speaker_mention is not None and q.speaker_mention.text == mention]
    assert found, f"no quote with speaker mention {mention!r}: {[q.speaker_mention and q.speaker_mention.text for q in quotes]}"
    return found[0]


def test_name_with_title_resolves_to_the_person():
    quotes = resolved("Israeli Prime Minister Benjamin Netanyahu said the army would press on in the south.")
    assert speaker_of(quotes, "Israeli Prime Minister Benjamin Netanyahu").speaker.name == "Benjamin Netanyahu"


def test_surname_and_title_form_join_the_full_name():
    quotes = resolved("Antony Blinken landed in Cairo on Monday.\n\n"
                      "US envoy Blinken said a deal was still possible.")
    assert [q.speaker.name for q in quotes] == ["Antony Blinken"]


def test_she_said_two_paragraphs_after_the_name():
    text = ("Health Minister Maria Lopez toured the northern hospitals on Tuesday.\n\n"
            "Doctors there reported shortages of fuel and antibiotics.\n\n"
            "Convoys were held up at the crossing for a third day.\n\n"
            "She said the ministry would send generators by Friday.")
    quote = speaker_of(resolved(text), "She")
    assert quote.speaker.name == "Maria Lopez"


def test_pronoun_skips_a_person_of_the_other_gender():
    text = ("Mr. David Cohen met Sarah Levin in Geneva.\n\n"
            "She said the meeting had been useful.")
    assert speaker_of(resolved(text), "She").speaker.name == "Sarah Levin"


def test_description_matches_earlier_title():
    text = ("Israeli Prime Minister Benjamin Netanyahu met the hostages' families on Sunday.\n\n"
            "The Israeli leader said the operation would continue.")
    quote = speaker_of(resolved(text), "The Israeli leader")
    assert quote.speaker.name == "Benjamin Netanyahu"
    assert quote.speaker_description == "The Israeli leader"


def test_cataphora_names_the_unnamed_official_for_both_quotes():
    text = ("A senior Hamas official responded within hours, saying the group would never disarm.\n\n"
            "The official, Osama Hamdan, urged all resistance factions to continue the fight.")
    quotes = resolved(text)
    first = speaker_of(quotes, "A senior Hamas official")
    second = speaker_of(quotes, "The official")
    assert first.speaker.name == second.speaker.name == "Osama Hamdan"
    assert first.speaker_description == "A senior Hamas official"
    assert first.speaker_affiliation.name == "Hamas"


def test_he_after_an_unnamed_source_stays_with_that_source():
    text = ('Israeli Prime Minister Benjamin Netanyahu rejected the plan.\n\n'
            'A senior Hamas official responded within hours. "We will not give up our weapons," he said.')
    quote = speaker_of(resolved(text), "he")
    assert quote.speaker_description == "A senior Hamas official"
    assert quote.speaker is None or quote.speaker.name != "Benjamin Netanyahu"


def test_unnamed_source_is_described_and_affiliated_to_its_country():
    quote = speaker_of(resolved("An official from mediator Egypt said talks would resume next week."),
                       "An official from mediator Egypt")
    assert quote.speaker is None
    assert quote.speaker_description == "An official from mediator Egypt"
    assert quote.speaker_affiliation.name == "Egypt"


def test_unnamed_source_with_knowledge_of_the_matter():
    quote = speaker_of(resolved("A Hamas source with knowledge of the matter said the reply was ready."),
                       "A Hamas source with knowledge of the matter")
    assert quote.speaker is None
    assert quote.speaker_affiliation.name == "Hamas"


def test_unnamed_source_without_an_organisation_has_no_affiliation():
    quote = speaker_of(resolved("A senior defense official said the carrier would stay in the region."),
                       "A senior defense official")
    assert quote.speaker is None and quote.speaker_affiliation is None
    assert quote.speaker_description == "A senior defense official"


def test_an_entity_in_a_modifier_is_not_the_source():
    quotes = resolved("The strike killed 12 people, according to the health ministry in the Hamas-run enclave.")
    quote = next(q for q in quotes if q.kind == "according_to")
    assert quote.speaker is None or quote.speaker.name != "Hamas"
    assert quote.speaker is not None or quote.speaker_description.startswith("the health ministry")


def test_a_document_is_its_authors():
    quotes = resolved("About 1,200 people were killed in the attack, according to an AFP tally.")
    assert next(q for q in quotes if q.kind == "according_to").speaker.name == "AFP"


def test_relative_pronoun_resolves_to_its_antecedent():
    quotes = resolved("The plan was welcomed by Egypt, which said it would host the next round of talks.")
    quote = speaker_of(quotes, "which")
    assert quote.speaker.name == "Egypt"


def test_relative_pronoun_without_a_name_is_described_by_its_antecedent():
    quotes = resolved("The deal was attacked by lawmakers who said it rewarded aggression.")
    quote = speaker_of(quotes, "who")
    assert quote.speaker is None and quote.speaker_description == "lawmakers"


def test_organisation_pronoun():
    text = ("The World Health Organization visited the hospital on Monday.\n\n"
            "It said the building could no longer treat patients.")
    assert speaker_of(resolved(text), "It").speaker.name.endswith("World Health Organization")


def test_no_entities_leaves_speakers_empty():
    quotes = resolved("He said the road was closed.")
    assert quotes and quotes[0].speaker is None
