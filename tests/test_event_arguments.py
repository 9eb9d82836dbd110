"""Event actors and targets through the constructions news uses (docs/wave4-args.md): gerunds and passives that
share a subject, participles listed after a passive, the words that name who did an act ("responsible for",
"behind", "accused of", "took part in"), nominal events and their clauses, retellings that name the actor, and
targets of threats, purposes, complaints and occasions."""
from __future__ import annotations

import pytest

from newsledger import nlp
from newsledger.model import Article, Event


def on(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger.text == trigger]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def actor(event: Event) -> str | None:
    return event.actor_mention.text if event.actor_mention else None


def target(event: Event) -> str | None:
    return event.target_mention.text if event.target_mention else None


@pytest.mark.parametrize("text, trigger, expected", [
    # a gerund after a preposition: the governing verb's actor, its object, or its passive subject
    ("Police say two brothers carried the bombs to the finish line before detonating them.", "detonating",
     "two brothers"),
    ("Israel accused 12 of its employees of taking part in the October 7 attack.", "attack", "12 of its employees"),
    ("The two men accused of carrying out the bombing were arrested on Friday.", "carrying out the bombing",
     "The two men"),
    # the controller of an infinitive under a passive verb
    ("He warned that the agency could be forced to halt operations by the end of February.", "halt",
     "the agency"),
    # the parser hangs the second verb of "X said ..., and urged" on the reported verb
    ("Guterres said nine of the staff had been dismissed, and urged donors to keep funding the agency.", "urged",
     "Guterres"),
    # a participle with its own agent, and one listed after a passive verb
    ("Seven militants killed by Afghan forces in Kandahar", "killed", "Afghan forces"),
    ("The man was shot and killed by police near the station.", "killed", "police"),
    # a light verb carrying a stretch of an event, and a state an event noun names
    ("Greek and Turkish frigates on Tuesday began five days of war games off Crete.",
     "began", "Greek and Turkish frigates"),
    ("Indian police stayed on alert in the northern city after the riots.", "stayed on alert", "Indian police"),
    # an apposition the parser makes a second subject
    ("Delegates of the Union of African Doctors, a body linked to the African Union, investigated welfare of some "
     "1,000 Sudanese.", "investigated", "Delegates of the Union of African Doctors"),
])
def test_verb_actors(events_of, text, trigger, expected):
    assert actor(on(events_of(text), trigger)) == expected


@pytest.mark.parametrize("text, trigger, expected", [
    ("Salman Abedi, the bomber behind the Manchester bombing, was seen on CCTV.", "bombing", "Salman Abedi"),
    ("Police said the group was responsible for the attack on the market.", "attack", "the group"),
    ("Investigators believe the militia behind the bombing is based across the border.", "bombing", "the militia"),
    ("Police have blamed the Taliban for the bombing in Kabul.", "bombing", "the Taliban"),
    ("The bombing was attributed to Hamas by investigators.", "bombing", "Hamas"),
    ("Hamas has claimed the bombing.", "bombing", "Hamas"),
    ("Thousands of Nigerians were converging on Thursday for a rally in Lagos.", "rally", "Thousands of Nigerians"),
    ("Blinken will travel to Cairo on Thursday for talks with Egyptian President Abdel Fattah al-Sisi.", "talks",
     "Blinken"),
    ("The bombing was an attack by ETA on a cafe in Madrid.", "bombing", "ETA"),
    ("Militia fighters were engaged in a massacre of villagers in the valley.", "massacre", "Militia fighters"),
    # who has to admit responsibility for the attacks a verb carries did them
    ("The movement had to admit responsibility for attacks carried out in the spring.", "attacks carried",
     "The movement"),
])
def test_nominal_event_actors(events_of, text, trigger, expected):
    assert actor(on(events_of(text), trigger)) == expected


def test_no_actor_where_the_text_names_none(events_of):
    events = events_of("Twelve people were killed in the fighting. Israel and Hamas blamed each other for the blast.")
    assert actor(on(events, "killed")) is None  # a war or fighting is no one
    assert actor(on(events_of("At least 471 people were killed in the blast at the hospital."), "killed")) is None
    assert actor(on(events, "blast")) is None  # "each other" names no culprit


def test_a_retelling_that_names_the_actor_lends_it_back(events_of):
    events = events_of("The cafe bombing was an attack at the Rolando cafe in Madrid which killed 13 people. "
                       "The attack is widely believed to have been carried out by the separatist group ETA.")
    assert {actor(on(events, trigger)) for trigger in ("bombing", "killed")} == {"the separatist group ETA"}


@pytest.mark.parametrize("text, trigger, expected", [
    ("Some 130 more were mutilated, injured and scarred by the blast.", "injured", "Some 130 more"),
    ("Switzerland said it had expelled two Russian diplomats based in Geneva for spying.",
     "expelled two Russian diplomats", "two Russian diplomats"),
    ("Afghan rebels have kidnapped up to 16 Russian civilian advisers from a town bazaar.", "kidnapped up",
     "16 Russian civilian advisers"),
    ("The UNITA militarist wing refused to allow United Nations planes to land.", "refused",
     "United Nations planes"),
    ("Iran threatened to launch a new offensive unless Baghdad accepted its conditions.", "threatened", "Baghdad"),
    ("Norway is willing to send material to help defend Saudi Arabia.", "willing", "Saudi Arabia"),
    ("The United Nations reduced food supplies to the biggest Cambodian refugee camp in Thailand.",
     "reduced food supplies", "the biggest Cambodian refugee camp"),
    ("Palestinian youths resorted to throwing stones during demonstrations against the Israeli military.",
     "throwing stones", "the Israeli military"),
    ("Algerian landowners began a hunger strike to demand the return of property seized by government forces.",
     "demand", "government forces"),
    ("Israel charged that Hamas had broken the truce.", "charged", "Hamas"),
    ("Rebels exploded a series of bombs in the capital Kabul on Monday.", "exploded", "Kabul"),
    ("The soldier died in hospital on Tuesday after being shot.", "shot", "The soldier"),
    ("The bakery was rocked by an explosion on Friday.", "explosion", "The bakery"),
    ("The shooting, which took place at a school in Texas, shocked the country.", "shooting", "a school"),
    # who is to yield, not the place left; and what a protest's participle demands
    ("The ministers demanded the withdrawal of the rebel forces from the province.", "demanded", "the rebel forces"),
    ("Crowds gathered for a demonstration calling for the removal of Governor Alvarez.", "demonstration",
     "Governor Alvarez"),
    ("Thousands of students marched through the capital, demanding the resignation of the governor.", "marched",
     "the governor"),
    # the one told, not the pronoun of what they must do; where a purpose clause's act is aimed
    ("The president issued a stern reminder on Saturday to Iran that it must cooperate fully with the inspectors.",
     "issued", "Iran"),
    ("The agency has sent 21 experts to Bosnia on Wednesday to investigate the feasibility of a mission.",
     "investigate", "Bosnia"),
    # what it was done with is no target; a passive under "appears" is about who appears
    ("The student appears to have been shot with rubber pellets.", "shot", "The student"),
    ("Police fired tear gas at a rally in the capital.", "fired", "a rally"),
    # whose rights or cause an act is for
    ("The league openly supported the rights of Kurdish farmers in their dispute with the government.", "supported",
     "Kurdish farmers"),
    # an object shifted after the verb's "as" phrase
    ("Greece on Monday condemned as a grave provocation Turkey's suppression of the protests.", "condemned",
     "Turkey"),
])
def test_targets(events_of, text, trigger, expected):
    assert target(on(events_of(text), trigger)) == expected


def test_weapons_and_own_things_are_no_targets(events_of):
    events = events_of("Rebels exploded a series of bombs in the capital on Monday.")
    assert target(on(events, "exploded")) is None
    events = events_of("The army deployed its troops to the northern border.")
    assert target(on(events, "deployed")) != "its troops"


def test_the_ones_a_restriction_is_for_not_the_actors_own_market(events_of):
    event = on(events_of("Greece plans to impose restrictions on its labour market for new EU members."),
               "impose restrictions")
    assert target(event) == "new EU members"


def test_a_place_that_names_who_acted_is_not_where_it_happened():
    from newsledger.pipeline import analyse
    text = ("At least 471 people were killed in the blast at a hospital in Gaza City on Tuesday. Israel and "
            "Palestinian militants blamed each other for the explosion, which hit the hospital courtyard.")
    record = analyse(Article(id="t", source_path="t", text=text, published="2023-10-18"), nlp.parse(text))
    assert {e.trigger.text: e.place for e in record.events}["hit"] is None
    assert {e.trigger.text: e.place for e in record.events}["killed"] == "Gaza City"


@pytest.mark.parametrize("text, trigger, expected", [
    # a weapon's user named by the participle on it
    ("A bomb planted by militants exploded near the market, killing five people.", "exploded", "militants"),
    ("Rockets fired by the militia hit the town on Friday.", "hit", "the militia"),
    # an event noun that points back, standing as a verb's actor, stands for who did the event it retells
    ("Gunmen ambushed a patrol on Sunday. The ambush killed six soldiers, officials said.", "killed", "Gunmen"),
    # an act put on someone by a participle on it, or admitted to
    ("The bombing, blamed on the rebels, killed four soldiers.", "killed", "the rebels"),
    ("The rebels admitted to the attack on the convoy.", "attack", "The rebels"),
    # a weapon as the object of a verb was used by that verb's actor
    ("Insurgents detonated a bomb that killed five soldiers.", "killed", "Insurgents"),
    ("Police were searching for a man believed to be responsible for the blast.", "blast", "a man"),
    # who arrests or seizes in a raid carries it out; who dies in an attack does not
    ("Troops arrested 18 suspects during the raid on the camp.", "raid", "Troops"),
])
def test_the_user_of_a_weapon_and_the_doer_of_a_retold_act(events_of, text, trigger, expected):
    assert actor(on(events_of(text), trigger)) == expected


def test_who_runs_into_a_weapon_is_its_target_and_who_laid_it_the_actor(events_of):
    struck = on(events_of("Five soldiers died when their vehicle struck a roadside bomb planted by insurgents."),
                "struck")
    assert (actor(struck), target(struck)) == ("insurgents", "their vehicle")
    hit = on(events_of("A patrol hit a landmine near the border."), "hit")
    assert (actor(hit), target(hit)) == (None, "A patrol")


def test_who_dies_in_an_attack_is_not_its_actor(events_of):
    assert actor(on(events_of("Civilians died in the attack on the market."), "attack")) is None
