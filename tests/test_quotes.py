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


def test_quote_in_the_next_sentence_continues_the_same_quote():
    _, quotes = quotes_of('"The crossing stays shut," the minister told reporters in Cairo. "Nobody will pass."')
    assert [s.text for s in by_cue(quotes, "told").content] == ["The crossing stays shut,", "Nobody will pass."]


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


def test_cue_reporting_its_own_clause_is_not_a_parenthetical():
    _, quotes = quotes_of("She said leaders had agreed to put together a reform plan by March.")
    quote = by_cue(quotes, "said")
    assert quote.speaker_mention.text == "She"
    assert quote.content[0].text.startswith("leaders had agreed")


def test_occasion_gives_way_to_the_participle_that_reports():
    _, quotes = quotes_of("A senior militia official responded to the army's criticism of the offer, "
                          "saying the group had shown flexibility.")
    assert all(q.cue.text != "responded" for q in quotes)
    assert by_cue(quotes, "saying").content[0].text == "the group had shown flexibility"


def test_transcript_turns_and_headline_credit():
    text = ("Sanders: Clinton must talk about the real issues\n\n"
            "UPDATE: This story has been corrected.\n\n"
            "WALLACE: Will she attend the debate?\n\n"
            '"PENCE: She will not be there tomorrow night.')
    _, quotes = quotes_of(text)
    turns = {q.speaker_mention.text: q for q in quotes if q.cue.text == ":"}
    assert set(turns) == {"Sanders", "WALLACE", "PENCE"}
    assert turns["PENCE"].content[0].text == "She will not be there tomorrow night."
    assert turns["WALLACE"].kind == "direct"


def test_signed_quote_line():
    _, quotes = quotes_of("“We deserve a president who listens to us.” ― Maria Lopez\n"
                          "“He has divided the country.” ― Carlos Ruiz")
    assert [(q.speaker_mention.text, q.content[0].text) for q in quotes] == [
        ("Maria Lopez", "We deserve a president who listens to us."), ("Carlos Ruiz", "He has divided the country.")]


def test_cue_closing_its_paragraph_with_a_colon_introduces_the_next():
    _, quotes = quotes_of("The governor added:\n\nIt is typical of the campaign. Nobody believes it any more.")
    assert by_cue(quotes, "added").content[0].text == "It is typical of the campaign. Nobody believes it any more."


def test_quote_reopened_without_closing_runs_on_as_one_quote():
    # Paragraphs of one quote run together on a line, each reopened and never closed: the figures inside
    # are the speaker's, not the narrator's.
    text = ('"Our schools come first," the MP said. "I want to talk about one thing. Education. '
            '"A survey from 2019 found that 0.6 per cent of adults here hold a degree. '
            '"Four in ten left school at 15." He then opened the new library.')
    _, quotes = quotes_of(text)
    quote = by_cue(quotes, "said")
    assert [s.text for s in quote.content] == [
        "Our schools come first,", "I want to talk about one thing. Education.",
        "A survey from 2019 found that 0.6 per cent of adults here hold a degree.", "Four in ten left school at 15."]
    assert quote.speaker_mention.text == "the MP"
    assert all(text[s.start:s.end] == s.text for s in quote.content)


def test_curly_quote_reopened_after_according_to_keeps_its_source():
    text = ("According to her, “the port will reopen next week. “We have hired more than 3,000 dockers. "
            "“Nobody will be laid off.”")
    _, quotes = quotes_of(text)
    quote = by_cue(quotes, "According to")
    assert quote.speaker_mention.text == "her"
    assert [s.text for s in quote.content][-2:] == ["We have hired more than 3,000 dockers.",
                                                    "Nobody will be laid off."]


def test_an_opener_inside_a_sentence_still_starts_the_quote_again():
    _, quotes = quotes_of("“The plan “is dead,” the senator said.")
    assert [s.text for s in by_cue(quotes, "said").content] == ["is dead,"]


def test_two_closing_single_marks_close_a_double_quote():
    text = ("“It was an attempt to mislead voters,’’ Jane Doe, head of the watchdog, told the BBC. "
            "“And it is wrong for a party to behave that way.”")
    _, quotes = quotes_of(text)
    quote = by_cue(quotes, "told")
    assert quote.speaker_mention.text.startswith("Jane Doe")
    assert [s.text for s in quote.content] == ["It was an attempt to mislead voters,",
                                               "And it is wrong for a party to behave that way."]


def test_sentence_ending_its_paragraph_with_a_colon_introduces_a_multi_paragraph_quote():
    text = ("The former governor wrote to party members on Friday.\n\n"
            "He then listed the qualities needed in a nominee in 2016:\n\n"
            '"Has the candidate fought for lower taxes?\n\n'
            '"Will the candidate stand firm when the pressure mounts?"\n\n'
            "The letter was sent to 4,000 members.")
    _, quotes = quotes_of(text)
    quote = by_cue(quotes, "listed")
    assert quote.speaker_mention.text == "He"
    assert [s.text for s in quote.content] == ["Has the candidate fought for lower taxes?",
                                               "Will the candidate stand firm when the pressure mounts?"]


def test_colon_after_a_later_verb_does_not_hand_the_quote_to_the_cue():
    text = ("She went on to share the website, which carries the following text:\n\n"
            "“Our state has a problem. Let us work together.”")
    _, quotes = quotes_of(text)
    assert not any(q.cue.text == "share" and q.kind == "direct" for q in quotes)


def test_cue_with_nothing_of_its_own_ending_its_paragraph_takes_the_next_quote():
    text = 'In a statement on Friday, the health ministry said.\n\n"We have counted 27,708 dead."'
    _, quotes = quotes_of(text)
    quote = by_cue(quotes, "said")
    assert quote.speaker_mention.text == "the health ministry"
    assert [s.text for s in quote.content] == ["We have counted 27,708 dead."]


def test_quote_after_the_person_urged_is_what_was_urged():
    _, quotes = quotes_of("The crowd laughed when he urged voters, “Look at what I promised and what I delivered.”")
    quote = by_cue(quotes, "urged")
    assert quote.kind == "direct" and quote.speaker_mention.text == "he"
    assert quote.content[0].text == "Look at what I promised and what I delivered."


def test_word_of_the_quote_parsed_as_the_cues_object_does_not_hide_the_quote():
    # spaCy reads "Mistake" as a complement of "asked"; it is the quote's last word.
    text = "The host pressed on.\n“But by using that word, they are hitting you again. Mistake?” he asked.\n"
    _, quotes = quotes_of(text)
    quote = by_cue(quotes, "asked")
    assert quote.kind == "direct" and quote.speaker_mention.text == "he"
    assert quote.content[0].text == "But by using that word, they are hitting you again. Mistake?"


def test_two_apostrophes_mark_a_quote():
    _, quotes = quotes_of("''It is disqualifying to hide the returns,'' the senator said.")
    quote = by_cue(quotes, "said")
    assert quote.kind == "direct" and quote.content[0].text == "It is disqualifying to hide the returns,"


def test_noun_cue_with_a_possessive_source():
    _, quotes = quotes_of("The minister's claim that the border was open drew scorn from aid groups.")
    quote = by_cue(quotes, "claim")
    assert quote.speaker_mention.text.startswith("The minister")
    assert quote.content[0].text == "that the border was open"


def test_impression_verb_has_no_source():
    _, quotes = quotes_of("Republicans seem confident they have the votes to override the veto.")
    quote = by_cue(quotes, "seem")
    assert quote.speaker_mention is None
    assert quote.content[0].text.startswith("Republicans")


@pytest.mark.parametrize("text", [
    "We examined the ministry's figures over three months.",
    "You can call the plan whatever you want.",
])
def test_narrator_and_generic_you_are_not_sources(text):
    _, quotes = quotes_of(text)
    assert not [q for q in quotes if q.speaker_mention and q.speaker_mention.text.lower() in ("we", "you")]


def test_what_the_narrator_knows_is_a_view_not_a_quote():
    # PolNeAR counts the writer's "we know that ..." as an attribution; a reader of who said what does not, so it
    # is kept among the views (claim "belief"), never among the quotes.
    _, quotes = quotes_of("We now know that the bureau is also looking into the charity's accounts.")
    view = by_cue(quotes, "know")
    assert view.speaker_mention.text == "We" and view.claim == "belief"


def test_long_subject_between_quote_and_cue_keeps_the_quote():
    text = ("“A very good reporter, a very good reporter,” Mr. Smith, the party's front-runner nationally and the "
            "polling leader in South Carolina after winning the first two primaries, said on Monday.")
    _, quotes = quotes_of(text)
    quote = by_cue(quotes, "said")
    assert quote.kind == "direct" and quote.content[0].text == "A very good reporter, a very good reporter,"
    assert quote.speaker_mention.text.startswith("Mr. Smith")


def test_narrator_pronoun_inside_a_quote_still_counts():
    _, quotes = quotes_of('"We believe the ceasefire will hold," the foreign minister said.')
    assert by_cue(quotes, "said").speaker_mention.text == "the foreign minister"


def test_punctuation_cue_is_scored_by_covering_it():
    text = "PENCE: She will not be there."
    gold = polnear.parse_ann("T1\tSource 0 5\tPENCE\nT2\tCue 5 6\t:\nT3\tContent 7 29\tShe will not be there.\n"
                             "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3", text)
    _, quotes = quotes_of(text)
    assert polnear.score_article(text, quotes, gold)["cue"]["tp_gold"] == 1


@pytest.mark.parametrize("text", [
    "", "   \n\n ", '"', '“Unclosed quote, the spokesman said, and more', "He said “”.", '" " " "',
    "‘Mismatched” marks said the aide ’", "Zero\u200bwidth said\u00a0the\u2028official.", "said said said",
    "''", "'''' said", "X:", ": : :", "“” ― ", "― Name", "He added:\n\n", "The claim that", "PENCE:\n\nx",
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


def test_appearance_is_the_outlets_impression_with_its_subject_in_the_content():
    _, quotes = quotes_of("The ruling coalition appears ready to drop the fuel tax before the vote.")
    quote = by_cue(quotes, "appears")
    assert quote.speaker_mention is None
    assert any("coalition" in s.text for s in quote.content)


def test_agentless_passive_question_has_no_speaker():
    _, quotes = quotes_of("The governor was asked whether he would sign the budget bill this week.")
    quote = by_cue(quotes, "asked")
    assert quote.speaker_mention is None
    assert "sign the budget bill" in " ".join(s.text for s in quote.content)


def test_asked_participle_is_not_credited_to_the_one_who_answers():
    _, quotes = quotes_of("Asked whether the ceasefire would hold, the minister said talks would resume on Monday.")
    asked = [q for q in quotes if q.cue.text == "Asked"]
    assert all(q.speaker_mention is None for q in asked)
    assert by_cue(quotes, "said").speaker_mention.text == "the minister"


def test_knowledge_is_attributed_to_its_subject():
    _, quotes = quotes_of("Party leaders know the bill cannot pass without votes from the opposition.")
    quote = by_cue(quotes, "know")
    assert quote.speaker_mention.text == "Party leaders"
    assert "cannot pass" in quote.content[0].text


def test_said_with_an_object_reports_it():
    _, quotes = quotes_of("The senator said the same of the governor's budget plan on Friday.")
    quote = by_cue(quotes, "said")
    assert quote.speaker_mention.text == "The senator"
    assert "the same" in quote.content[0].text


def test_newsletter_item_credits_the_quote_after_a_dash():
    text = 'LATE DECIDERS BROKE FOR THE CHALLENGER - Maria Lopez: "Voters who decided in the last week favored him."'
    _, quotes = quotes_of(text)
    quote = next(q for q in quotes if q.speaker_mention and q.speaker_mention.text == "Maria Lopez")
    assert quote.kind == "direct"
    assert quote.content[0].text.startswith("Voters who decided")


def test_a_dash_before_a_name_and_colon_without_a_quote_is_no_turn():
    _, quotes = quotes_of("The schedule changed again - Tuesday: the vote moves to the afternoon session.")
    assert not any(q.speaker_mention and "Tuesday" in q.speaker_mention.text for q in quotes)


def test_seeing_something_as_something_is_a_view():
    _, quotes = quotes_of("Many farm-state Republicans see the trade deal as a threat to their growers.")
    quote = by_cue(quotes, "see")
    assert quote.speaker_mention.text == "Many farm-state Republicans"
    assert "the trade deal as a threat" in " ".join(s.text for s in quote.content)


def test_seeing_without_as_is_no_attribution():
    _, quotes = quotes_of("Residents saw a column of smoke over the harbor on Monday.")
    assert not any(q.cue.text == "saw" for q in quotes)


def test_name_set_off_after_the_cue_is_the_speaker():
    _, quotes = quotes_of("The cost of the delay, said Senator Maria Lopez, would fall on small farmers.")
    quote = by_cue(quotes, "said")
    assert "Maria Lopez" in quote.speaker_mention.text
    content = " ".join(s.text for s in quote.content)
    assert content.startswith("The cost of the delay") and "Lopez" not in content


def test_asked_aside_leaves_the_subject_to_the_main_cue():
    _, quotes = quotes_of("The governor, asked whether she would sign the bill, said she had not decided.")
    said = by_cue(quotes, "said")
    assert said.speaker_mention.text == "The governor"
    assert [s.text for s in said.content] == ["she had not decided"]
    asked = [q for q in quotes if q.cue.text == "asked"]
    assert all(q.speaker_mention is None and "said" not in " ".join(s.text for s in q.content) for q in asked)


def test_as_clause_with_an_addressee_reports_the_main_clause():
    _, quotes = quotes_of("As the minister told reporters on Monday, the ceasefire talks have stalled.")
    quote = by_cue(quotes, "told")
    assert quote.speaker_mention.text == "the minister"
    assert "the ceasefire talks have stalled" in " ".join(s.text for s in quote.content)


def test_stance_adjectives_after_a_copula_are_cues():
    _, quotes = quotes_of("Union leaders are wary of the merger. The mayor was confident that the levy would pass.")
    wary, confident = by_cue(quotes, "wary"), by_cue(quotes, "confident")
    assert wary.speaker_mention.text == "Union leaders" and wary.content[0].text == "the merger"
    assert confident.speaker_mention.text == "The mayor"
    assert "the levy would pass" in confident.content[0].text


def test_adjective_without_complement_or_copula_is_no_cue():
    _, quotes = quotes_of("A wary crowd gathered outside the courthouse. The lawyers were confident.")
    assert not quotes


def test_a_date_is_not_what_was_spoken_about():
    _, quotes = quotes_of("The senator spoke on Tuesday at a rally in Des Moines.")
    assert not any("Tuesday" in s.text for q in quotes for s in q.content)


@pytest.mark.shared
def test_polnear_dev_sample_scores(shared_data):
    results = polnear.run(str(shared_data / "polnear"), split="dev", limit=5)
    assert results["documents"] == 5 and results["gold"] > 0
    assert results["scores"]["content"]["precision"] > 70
