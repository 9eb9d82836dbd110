"""What each attribution credits its source with (statement, topic, belief, withheld speech), and the cues and
quote shapes added for issue 18, on passages composed for these tests."""
from __future__ import annotations

import pytest

from newsledger import nlp
from newsledger.eval import polnear
from newsledger.extract.quotes import extract_quotes


def quotes_of(text: str):
    return extract_quotes(nlp.parse(text))


def claim_of(text: str, cue: str) -> str:
    found = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == cue]
    assert found, f"no quote with cue {cue!r}"
    return found[0].claim


@pytest.mark.parametrize("text, cue, claim", [
    ("The minister said the crossing would open at dawn.", "said", "statement"),
    ("Protesters believe the new law erodes the city's autonomy.", "believe", "belief"),
    ("Foreign Secretary Dominic Raab defended the party's actions on Tuesday.", "defended", "topic"),
    ("The city's police deny accusations of brutality.", "deny", "topic"),
    ("The mayor described the video as lighthearted satire.", "described", "statement"),
    ("The rebels claimed responsibility for shooting down the helicopter.", "claimed", "statement"),
    ("The regulator accused the company of hiding its losses.", "accused", "statement"),
    ("He declined to say when the lander would be ready.", "declined", "withheld"),
    ("The company did not disclose how large a payload the craft could carry.", "disclose", "withheld"),
])
def test_claim_kind(text, cue, claim):
    assert claim_of(text, cue) == claim


def test_quoted_words_are_a_statement_whatever_the_cue():
    quote = [q for q in quotes_of('"We will keep fighting," the protesters insisted.') if q.kind == "direct"][0]
    assert quote.claim == "statement"


def test_straight_opening_mark_closed_by_a_curly_one():
    quotes = quotes_of('"You know, we learned a lot about ground games in one week,” he said.')
    assert [(q.kind, q.content[0].text, q.speaker_mention.text) for q in quotes] == [
        ("direct", "You know, we learned a lot about ground games in one week,", "he")]


def test_opening_mark_typed_as_the_closer():
    quotes = quotes_of("“If she loses Iowa, that could create real problems for her here,“ said Jim Clyburn, "
                       "a congressman from South Carolina.")
    assert quotes and quotes[0].kind == "direct"
    assert quotes[0].content[0].text.endswith("problems for her here,")
    assert "Jim Clyburn" in quotes[0].speaker_mention.text


def test_signature_on_a_line_of_its_own():
    text = ('"Boeing and GE and other multinationals pay zero taxes."\n\n- Sanders.\n\n'
            "This is a complex issue, subject to fierce debate.")
    quotes = quotes_of(text)
    assert [(q.content[0].text, q.speaker_mention.text) for q in quotes] == [
        ("Boeing and GE and other multinationals pay zero taxes.", "Sanders")]


def test_bulleted_sentence_after_a_quote_is_no_signature():
    text = '"We will win."\n\n- The senator from the north of the state voted against the bill twice last year.'
    assert not [q for q in quotes_of(text) if q.content[0].text == "We will win."]


def test_reportedly_credits_its_clause_to_no_one_named():
    quotes = quotes_of("Both Google and Facebook have reportedly looked at Twitter and passed.")
    assert len(quotes) == 1 and quotes[0].speaker_mention is None
    assert "looked at Twitter and passed" in quotes[0].content[-1].text


def test_reportedly_on_a_reporting_verb_leaves_the_verbs_own_attribution():
    quotes = quotes_of("Prince Andrew has reportedly told friends that the interview was a great success.")
    assert [(q.cue.text, q.speaker_mention.text) for q in quotes] == [("told", "Prince Andrew")]


def test_that_clause_after_a_long_recipient_phrase():
    text = ("Sonya Zoghlin, the man's attorney, told The Hill in a statement that her client did not mean to "
            "cause harm.")
    quote = [q for q in quotes_of(text) if q.cue.text == "told"][0]
    assert quote.content[0].text.startswith("that her client") or quote.content[0].text.startswith("her client")
    assert quote.speaker_mention.text.startswith("Sonya Zoghlin")


def test_train_slices_are_fixed_disjoint_eighths():
    names = [f"article-{n}" for n in range(800)]
    slices = [polnear.train_slice(name) for name in names]
    assert slices == [polnear.train_slice(name) for name in names]  # depends on the name alone
    assert 60 < slices.count("train-check") < 140 and 60 < slices.count("train-tune") < 140
    assert slices.count(None) == 800 - slices.count("train-check") - slices.count("train-tune")


def test_unknown_polnear_split_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown PolNeAR split 'test'"):
        polnear.load_split(tmp_path, "test")


def test_embedded_post_signed_under_its_text():
    text = ("Many people on Twitter pointed it out.\n\nYes this is real and the state spent half a million dollars "
            "on it: https://t.co/abc\n\n— Dianna Anderson (@diannaeanderson) November 18, 2019\n\nThe governor "
            "answered later.")
    quotes = [q for q in quotes_of(text) if q.cue.text in ("—",)]
    assert [(q.content[0].text[:17], q.speaker_mention.text) for q in quotes] == [
        ("Yes this is real ", "Dianna Anderson")]


def test_embedded_post_over_two_lines_keeps_its_text():
    text = ("The governor saw the reaction and doubled down.\n\nHey Twitter, the whole point of this campaign is to "
            "raise awareness. #OnIt\n⬇️⬇️ https://t.co/xyz\n\n— Governor Jane Roe (@govjaneroe) November 18, 2019")
    quotes = [q for q in quotes_of(text) if q.cue.text == "—"]
    assert [(q.content[0].text[:11], q.speaker_mention.text) for q in quotes] == [("Hey Twitter", "Governor Jane Roe")]


def test_colon_hands_a_quote_to_the_person_its_lead_in_names():
    text = ("The early lead does not surprise the pollster Daron Shaw: “Lesser-known candidates who win early contests "
            "have seen the biggest boost.”")
    quotes = [q for q in quotes_of(text) if q.kind == "direct"]
    assert [(q.cue.text, q.speaker_mention.text, q.content[0].text[:20]) for q in quotes] == [
        (":", "Daron Shaw", "Lesser-known candida")]


def test_colon_lead_in_naming_nobody_credits_nobody():
    quotes = quotes_of("The message on the banner was short: “Go home.”")
    assert not [q for q in quotes if q.kind == "direct"]


def test_a_denied_deed_named_by_a_gerund_is_a_statement():
    quote = [q for q in quotes_of("Big Machine have twice denied doing anything wrong.") if q.cue.text == "denied"][0]
    assert quote.content[0].text == "doing anything wrong" and quote.claim == "statement"


def test_object_parsed_as_predicate_of_call():
    quotes = quotes_of("Speaking at a rally, Trump called Clinton, his Democratic challenger, an ISIS “co-founder.” "
                       "Hewitt laughed.")
    quote = [q for q in quotes if q.cue.text == "called"][0]
    assert quote.speaker_mention.text == "Trump" and "Clinton" in quote.content[0].text


def test_report_with_no_agent_is_a_quote_without_speaker():
    quotes = quotes_of("His mother, Queen Elizabeth, was said to have been disapproving of the idea.")
    assert [(q.cue.text, q.speaker_mention) for q in quotes] == [("said", None)]
