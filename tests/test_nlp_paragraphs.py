"""A blank line (how Article.text joins paragraphs) always ends a sentence, so a headline is not the lead's subject."""
from newsledger import nlp


def test_headline_and_lead_are_separate_sentences():
    # Without the rule the parser ran this headline into the lead as one sentence.
    text = ("Roadside bomb kills army colonel in Kandahar\n\n"
            "The road south of the city is rife with insurgents\n\n"
            "A colonel was killed on Sunday when a bomb exploded under his convoy, officials said.")
    sentences = [s.text.strip() for s in nlp.parse(text).sents]
    assert sentences == ["Roadside bomb kills army colonel in Kandahar",
                         "The road south of the city is rife with insurgents",
                         "A colonel was killed on Sunday when a bomb exploded under his convoy, officials said."]


def test_no_sentence_runs_over_a_blank_line():
    text = ("Flood waters cut off three villages in Assam\n\nGUWAHATI —\n\n"
            "Rescue teams reached the villages on Sunday, officials said.")
    for sentence in nlp.parse(text).sents:
        assert "\n\n" not in sentence.text.strip()
