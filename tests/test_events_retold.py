"""One real event, once (issue 19): a definite event noun that retells an event already told is a mention of it,
not a new event; the retelling may add what the first telling lacked. The WikiEvents scorer counts such mentions
against the gold's event mentions."""
from __future__ import annotations

import pytest

from newsledger.eval.wikievents import match
from newsledger.extract.events import plover_category
from newsledger.model import Event, Span


def assaults(events: list[Event]) -> list[Event]:
    return [e for e in events if plover_category(e) == "ASSAULT"]


def test_the_attack_in_a_later_paragraph_is_the_attack_told_before(events_of):
    events = events_of("Gunmen attacked a police post in the north on Tuesday, officials said.\n\n"
                       "The attack was the third on the post this month, the governor said.")
    [attack] = assaults(events)
    assert attack.trigger.text == "attacked" and [m.text for m in attack.mentions] == ["attack"]
    assert attack.actor_mention.text == "Gunmen"


def test_a_retelling_adds_the_place_the_first_telling_lacked(events_of):
    events = events_of("A car bomb exploded outside a bank on Friday, police said.\n\n"
                       "Witnesses said the explosion in Kandahar shattered windows across the street.")
    [blast] = [e for e in assaults(events) if e.trigger.text == "exploded"]
    assert [m.text for m in blast.mentions] == ["explosion"] and blast.place == "Kandahar"
    assert not [e for e in events if e.trigger.text == "explosion"]


def test_a_retelling_that_names_other_doers_is_another_event(events_of):
    events = events_of("Rebels attacked a convoy near the border on Monday, officials said.\n\n"
                       "Residents said the attack by government troops on Tuesday was revenge.")
    assert sorted(e.trigger.text for e in assaults(events)) == ["attack", "attacked"]
    assert not any(e.mentions for e in events)


def test_an_indefinite_noun_or_another_kind_of_act_is_no_retelling(events_of):
    events = events_of("Militants attacked a checkpoint on Monday, officials said.\n\n"
                       "An attack on a market followed a day later.")
    assert len(assaults(events)) == 2
    events = events_of("A roadside bomb exploded near a bus stop, killing three people.\n\n"
                       "The killing of three civilians in an earlier raid was also condemned.")
    assert not any(m.text == "killing" for e in events for m in e.mentions)


def test_the_scorer_matches_each_gold_mention_an_event_keeps():
    text = "Gunmen attacked a post. The attack lasted an hour."
    event = Event(id="v1", type="ASSAULT", trigger=Span(7, 15, "attacked"), sentence=Span(0, 23, text[:23]),
                  mentions=[Span(28, 34, "attack")])
    gold = [{"trigger_start": start, "trigger_end": end, "sentence_start": 0, "sentence_end": len(text),
             "plover_type": "ASSAULT"} for start, end in ((7, 15), (28, 34))]
    pairs = match(gold, [event], text)
    assert [(p.event.id, p.span.text) for p in pairs] == [("v1", "attacked"), ("v1", "attack")]


def test_a_claim_for_a_retold_bombing_names_who_did_what_only_a_bomb_did(events_of):
    events = events_of("A roadside bomb exploded near an army convoy on Sunday, killing two soldiers.\n\n"
                       "The Taliban claimed the bombing in a statement.")
    blast = next(e for e in events if e.trigger.text == "exploded")
    assert blast.actor_mention.text == "The Taliban" and [m.text for m in blast.mentions] == ["bombing"]
    events = events_of("A roadside bomb exploded near an army convoy on Sunday.\n\n"
                       "Officials said the Taliban carried out the bombing.")
    [blast] = assaults(events)
    assert blast.actor_mention.text == "the Taliban" and blast.mentions[0].text == "carried out the bombing"


@pytest.mark.parametrize("text, trigger, expected", [
    # who planted a weapon, in a relative clause on it, also one inside a report, used it
    ("A car bomb, which officials said was planted by the PKK, exploded near a police station.", "exploded",
     "the PKK"),
    ("A car bomb, which was planted by the PKK, exploded near a police station.", "exploded", "the PKK"),
    # whom a relative clause puts the act on did it
    ("The blast, which police blamed on Basque separatists, wounded 30 people.", "wounded", "Basque separatists"),
    # what someone else did about it names no doer
    ("The attack, which was condemned by the United Nations, killed five people.", "killed", "The attack"),
    ("The bomb, which was found by police, exploded in the market.", "exploded", "The bomb"),
    # whose mark an act is said to carry did it
    ("The attack bore the hallmarks of al-Qaeda, officials said.", "attack", "al-Qaeda"),
    ("Authorities say the bombing was the work of Chechen separatists.", "bombing", "Chechen separatists"),
    ("The attack was the work of a moment.", "attack", None),
])
def test_doers_named_in_a_clause_on_the_act(events_of, text, trigger, expected):
    [event] = [e for e in events_of(text) if e.trigger.text == trigger]
    assert (event.actor_mention.text if event.actor_mention else None) == expected


def test_harm_told_in_the_passive_after_an_assault_is_its_doers(events_of):
    events = events_of("A suicide bomber struck a crowded market in the city on Sunday.\n\n"
                       "Twelve people were killed, police said.")
    assert next(e for e in events if e.trigger.text == "killed").actor_mention.text == "A suicide bomber"


@pytest.mark.parametrize("text", [
    # fighters killed after their own attack were killed by the other side
    "Taliban gunmen attacked an army base on Friday. Twenty insurgents were killed.",
    # one of the doers killed, or harm done in a new event, names no doer
    "Two brothers, Tamerlan and Dzhokhar, detonated the bombs. Tamerlan was killed days later.",
    "Gunmen attacked a checkpoint on Friday. Two officers were killed in a gun battle with smugglers.",
])
def test_harm_after_an_assault_that_someone_else_did(events_of, text):
    assert next(e for e in events_of(text) if e.trigger.text == "killed").actor_mention is None
