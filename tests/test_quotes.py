"""The attribution engine on short wire-style passages composed for these tests."""
from __future__ import annotations

import pytest

from newsledger import nlp
from newsledger.eval import polnear
from newsledger.extract.quotes import extract_quotes, sentence_voice


def quotes_of(text: str):
    doc = nlp.parse(text)
    return doc, extract_quotes(doc)


def by_cue(quotes, cue: str):
    found = [q for q in quotes if q.cue is not None and q.cue.text == cue]
    assert found, f"no quote with cue {cue!r} in {[q.cue and q.cue.text for q in quotes]}"
    return found[0]


def test_direct_quote_before_cue_keeps_marks_outside():
    text = '"We will not stop until the siege is lifted," Hamas official Osama Hamdan said on Tuesday.'
    _, quotes = quotes_of(text)
    quote = by_cue(quotes, "said")
    assert quote.kind == "direct"
    assert [s.text for s in quote.content] == ["We will not stop until the siege is lifted,"]
    assert "Osama Hamdan" in quote.speaker_mention.text
    assert all(text[s.start:s.end] == s.text for s in quote.content)


def test_colon_introduced_quote_over_two_sentences():
    _, quotes = quotes_of('The minister said: "The crossing opens at dawn. Trucks will be searched."')
    quote = by_cue(quotes, "said")
    assert quote.kind == "direct"
    assert quote.content[0].text == "The crossing opens at dawn. Trucks will be searched."
    assert quote.speaker_mention.text == "The minister"


def test_interrupted_quote_is_one_quote_with_two_segments():
    _, quotes = quotes_of('"There is still space for agreement," Blinken said, "and we will keep pushing for it."')
    assert len(quotes) == 1
    assert [s.text for s in quotes[0].content] == ["There is still space for agreement,",
                                                   "and we will keep pushing for it."]


def test_paragraph_opening_with_quote_and_no_cue_continues_previous_quote():
    text = ('"The talks are at a delicate stage," the mediator said.\n\n'
            '"Both sides have moved. Nobody should walk away now."\n\n'
            'Officials in Doha declined to comment.')
    _, quotes = quotes_of(text)
    quote = by_cue(quotes, "said")
    assert [s.text for s in quote.content] == ["The talks are at a delicate stage,",
                                               "Both sides have moved. Nobody should walk away now."]


def test_mixed_quote_keeps_reported_clause():
    _, quotes = quotes_of('Blinken said he still saw "space for agreement to be reached" despite the setbacks.')
    quote = by_cue(quotes, "said")
    assert quote.kind == "mixed"
    assert "he still saw" in quote.content[0].text and "space for agreement" in quote.content[0].text


@pytest.mark.parametrize("text, cue, speaker, content", [
    ("The army said that two soldiers were wounded in the clash.", "said", "The army", "two soldiers were wounded"),
    ("She told reporters the convoy had been turned back at the border.", "told", "She", "the convoy had been turned back"),
    ("The talks collapsed late on Sunday, two diplomats said.", "said", "two diplomats", "The talks collapsed"),
    ("Hamas urged all resistance factions to continue the fight.", "urged", "Hamas", "to continue the fight"),
    ("The prime minister denied the report on Monday.", "denied", "The prime minister", "the report"),
    ("The ministry warned that fuel would run out within days.", "warned", "The ministry", "fuel would run out"),
])
def test_indirect_speech(text, cue, speaker, content):
    _, quotes = quotes_of(text)
    quote = by_cue(quotes, cue)
    assert quote.kind == "indirect"
    assert quote.speaker_mention.text == speaker
    assert any(content in s.text for s in quote.content)


def test_parenthetical_cue_splits_content_around_itself():
    _, quotes = quotes_of("The economy, the governor said, is stronger than a year ago.")
    quote = by_cue(quotes, "said")
    assert [s.text for s in quote.content] == ["The economy", "is stronger than a year ago"]


def test_according_to_credits_the_claim():
    _, quotes = quotes_of("At least 40 people were killed in the strike, according to the civil defence agency.")
    quote = by_cue(quotes, "according to")
    assert quote.kind == "according_to"
    assert quote.speaker_mention.text == "the civil defence agency"
    assert quote.content[0].text == "At least 40 people were killed in the strike"


def test_cue_inside_a_quote_is_not_a_second_attribution():
    _, quotes = quotes_of('"I think we can close the gaps this week," the envoy said.')
    assert [q.cue.text for q in quotes] == ["said"]


def test_single_quoted_headline():
    _, quotes = quotes_of("Envoy says deal is 'within reach' as talks resume")
    assert quotes and quotes[0].speaker_mention.text == "Envoy"


def test_ids_in_text_order():
    _, quotes = quotes_of('The mayor said roads were closed. "We are doing what we can," she added.')
    assert [q.id for q in quotes] == ["q1", "q2"]
    assert quotes[0].content[0].start < quotes[1].content[0].start


@pytest.mark.parametrize("text", [
    "", "   \n\n ", '"', '“Unclosed quote, the spokesman said, and more', "He said “”.", '" " " "',
    "‘Mismatched” marks said the aide ’", "Zero\u200bwidth said\u00a0the\u2028official.", "said said said",
])
def test_bad_input_never_crashes(text):
    doc, quotes = quotes_of(text)
    voices = sentence_voice(doc, quotes)
    for q in quotes:
        assert all(text[s.start:s.end] == s.text for s in q.content)
    assert all(v.voice in ("narrator", "quoted") for v in voices)


def test_unbalanced_mark_does_not_silence_the_article():
    text = ('The spokesman said the border would reopen on Friday.\n\n'
            '"The crossing is closed, a guard told reporters.\n\n'
            'The ministry said 12 trucks had entered.')
    _, quotes = quotes_of(text)
    cues = [q.speaker_mention.text for q in quotes if q.speaker_mention]
    assert "The spokesman" in cues and "The ministry" in cues


def test_voice_marks_every_sentence():
    text = ('Fighting continued overnight. "We will not give up," the commander said. '
            'The city was quiet by morning.')
    doc, quotes = quotes_of(text)
    voices = sentence_voice(doc, quotes)
    assert [v.voice for v in voices] == ["narrator", "quoted", "narrator"]
    assert voices[1].quote == quotes[0].id


@pytest.mark.shared
def test_polnear_dev_sample_scores(shared_data):
    results = polnear.run(str(shared_data / "polnear"), split="dev", limit=5)
    assert results["documents"] == 5 and results["gold"] > 0
    assert results["scores"]["content"]["precision"] > 70
