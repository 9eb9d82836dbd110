"""The record's `quotes` (something said) and `views` (beliefs, topics, acts, withheld speech), and the cues and
shapes added for them in wave 4 of issue 18, on passages composed for these tests."""
from __future__ import annotations

import pytest

import newsledger
from newsledger import nlp
from newsledger.extract.quotes import extract_quotes
from newsledger.model import Record

ARTICLE = (
    "The mayor said the bridge would reopen on Friday. Residents believe the repairs came too late. "
    "The council denounced the contractor's delays. The governor nominated Ana Ruiz for the transport board. "
    "A spokesman declined to say when the inquiry would report."
)


def quotes_of(text: str):
    return extract_quotes(nlp.parse(text))


def only(text: str, cue: str):
    found = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == cue]
    assert len(found) == 1, f"expected one attribution with cue {cue!r}, got {found}"
    return found[0]


def test_record_ships_statements_as_quotes_and_the_rest_as_views():
    record = newsledger.analyse(ARTICLE, published="2026-11-02")
    assert [(q.cue.text, q.claim) for q in record.quotes] == [("said", "statement")]
    assert [(q.cue.text, q.claim) for q in record.views] == [
        ("believe", "belief"), ("denounced", "topic"), ("nominated", "act"), ("declined", "withheld")]
    ids = [q.id for q in record.quotes + record.views]
    assert len(set(ids)) == len(ids)  # one numbering across both lists, so a figure's `quote` stays unambiguous


def test_views_survive_the_stored_json_and_older_records_read_back_without_them():
    record = newsledger.analyse(ARTICLE, published="2026-11-02")
    again = Record.from_dict(record.to_dict())
    assert [q.claim for q in again.views] == [q.claim for q in record.views]
    older = record.to_dict()
    del older["views"]
    assert Record.from_dict(older).views == []
    assert Record.normalised(older)["views"] == []


@pytest.mark.parametrize("text, cue, claim, speaker", [
    ("President Obama nominated Jim Yong Kim for a second term at the World Bank.", "nominated", "act",
     "President Obama"),
    ("The senator thanked voters for their patience after the recount.", "thanked", "act", "The senator"),
    ("Republicans have made the case for a border wall since the spring.", "case", "act", "Republicans"),
    ("Critics took aim at the budget on Monday.", "aim", "belief", "Critics"),
    ("Mr. Hannity is unapologetic about his role in the campaign.", "unapologetic", "belief", "Mr. Hannity"),
    ("The coach would prefer to keep the squad together next season.", "prefer", "belief", "The coach"),
    ("City officials have since balked at the owner's proposal to build a hotel.", "balked", "belief",
     "City officials"),
    ("Her dislike for the establishment shaped the campaign.", "dislike", "belief", "Her"),
])
def test_views_the_new_cues_find(text, cue, claim, speaker):
    found = only(text, cue)
    assert (found.claim, found.speaker_mention.text) == (claim, speaker)


def test_a_call_with_its_object_read_as_a_dative():
    found = only("Ben Carson went on to call Mrs. Clinton a student of Saul Alinsky.", "call")
    assert found.claim == "statement" and found.speaker_mention.text == "Ben Carson"
    assert found.content[0].text == "Mrs. Clinton a student of Saul Alinsky"


def test_the_terms_of_speaking_are_no_topic():
    text = "One official, who spoke on the condition of anonymity, said the talks had stalled."
    assert [q.cue.text for q in quotes_of(text)] == ["said"]
