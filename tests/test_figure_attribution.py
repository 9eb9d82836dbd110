"""When a figure in a sentence with a reporting verb is the reporter's and when it is the outlet's own: a relative
clause, a clause of time, a clause with its own subject, or the object of "claim" is what the outlet adds."""
from __future__ import annotations

import pytest

from newsledger import nlp


@pytest.fixture(scope="module")
def sources_in(figures_of):
    return lambda text: {f.number: f.source.text if f.source else None for f in figures_of(text)}


@pytest.mark.parametrize("sentence, number", [
    # a relative clause on the way to the reporting verb
    ("The mayor said the city, which recorded more than 400 homicides last year, would hire officers.", "400"),
    ("A man was arrested over the bombings of two embassies that killed 224 people, police said on Friday.", "224"),
    ("The minister called the attack that killed five officers an outrage.", "five"),
    # the time of the report, not its content
    ("The senator wrote that the city would mourn, the day after a gunman killed 49 people at a nightclub.", "49"),
    # the outlet's own clause after the report
    ("Three were stabbed, he said, and the police believe that the eight cases are not related.", "eight"),
    # "claim" reports through a clause only
    ("In all, the bombings claimed at least 217 lives.", "217"),
    # nor does "add": its object is what was added, not what was said
    ("Carlos Ortega homered twice and Dane Whitfield added three hits as the Hawks won again.", "three"),
    # only a record "shows" a figure
    ("Crowds marched as the government showed no sign of backing down and following the deaths of seven more "
     "protesters in two days.", "seven"),
    # "All told" is no speaker
    ("All told, up to 5 million people could be eligible for the programme.", "5 million"),
    # whom the speaker told, and what a subject agreed to, are the outlet's
    ("On the parade ground, he told the 195 cadets, who had finished six months of training, to serve well.", "195"),
    ("The exchange, which was hacked in January, has agreed to be acquired by a brokerage for 3.6 billion yen.",
     "3.6 billion"),
    ("Voters liked the governor's election pledge to create around 20 million jobs a year.", "20 million"),
    # the object of a cue that is no reporting verb is what the subject did, not what it reported
    ("The Minister of Health, Maria Ortiz, spoke on Monday about the status of two diseases affecting the country.",
     "two"),
    ("The government also offered a reward of one million pesetas for information leading to the capture of the "
     "bomber.", "one million"),
    ("Ortiz appointed seven members to the panel, while Baker named four.", "four"),
    # a share of those polled is no speaker
    ("Asked whom they would vote for, 2.1 percent declared support for the Greens, and 0.9 percent for Unity.",
     "0.9"),
])
def test_what_the_outlet_adds_has_no_source(sources_in, sentence, number):
    assert sources_in(sentence)[number] is None


@pytest.mark.parametrize("sentence, number, source", [
    ("Police said the 14 men who were arrested on Tuesday had been released.", "14", "Police"),
    ("The ministry said 20 people were killed and 45 wounded in the strike.", "45", "The ministry"),
    ("The health ministry claimed that 40 people were killed.", "40", "The health ministry"),
    ("The agency reported 300 new cases, the highest count this year.", "300", "The agency"),
    ("That is less than the $53 million figure McKinley cited.", "53 million", "McKinley"),
    ("Second in a recent poll by the Institute of Market Research came the Liberal Party on 12.1 percent.", "12.1",
     "a recent poll by the Institute of Market Research"),
    ("The health authority reported its third case on Sunday after two other cases were found last week.", "two",
     "The health authority"),
    ("In a Marist College poll released Monday, 44 percent of voters chose Ortiz.", "44",
     "a Marist College poll released Monday"),
    ("“Of its 52,400 voters, according to data from the Marion County Election Board, 21,300 are Democrats,” "
     "The Ledger reported.", "21,300", "data from the Marion County Election Board"),
])
def test_what_the_reporter_says_keeps_its_source(sources_in, sentence, number, source):
    assert sources_in(sentence)[number] == source


def test_the_check_gold_is_split_by_document_and_a_bad_split_is_named(tmp_path):
    import json
    from importlib import resources

    from newsledger.eval import figures as scorer
    from newsledger.eval.splits import split_of

    folder = resources.files("newsledger.eval").joinpath("data", "figures-check")
    docs = [json.loads(line) for line in folder.joinpath("docs.jsonl").read_text().splitlines() if line.strip()]
    halves = {split_of(d["doc_id"]) for d in docs}
    assert halves == {"tune", "check"} and sum(len(d["scored"]) for d in docs) >= 150
    with pytest.raises(ValueError, match="unknown split 'dev'"):
        scorer.run(str(folder), split="dev")


def test_the_object_of_a_preposition_is_no_speaker_of_an_indirect_quote(sources_in):
    from newsledger.extract.figures.sources import _reported_in
    from newsledger.model import Quote, Span

    text = "The singer posted on Twitter accusing the label of blocking her first six albums."
    doc = nlp.parse(text)
    six = next(t for t in doc if t.text == "six")

    def quote(speaker: str) -> Quote:
        at = text.index(speaker)
        return Quote(id="q1", kind="indirect", content=[Span.of(text, text.index("the label"), len(text) - 1)],
                     cue=Span.of(text, text.index("accusing"), text.index("accusing") + 8),
                     speaker_mention=Span.of(text, at, at + len(speaker)))

    assert not _reported_in(quote("Twitter"), six)  # where she posted
    assert _reported_in(quote("The singer"), six)
