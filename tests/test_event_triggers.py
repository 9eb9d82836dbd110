"""Which words are events, and of which PLOVER type: facts told and questions are no acts, what a threat, request,
agreement or refusal is about is its content, orders that move forces are MOBILIZE, threatening warnings are
THREATEN, and the manual's categories read from their own verbs."""
from __future__ import annotations

import pytest

from newsledger import nlp
from newsledger.eval.wikievents import gold_scope, in_scope
from newsledger.extract.events import extract_events, plover_category
from newsledger.extract.times import extract_times
from newsledger.model import Article, Event, Span

PUBLISHED = "2024-02-07"


@pytest.fixture(scope="module")
def events_of():
    nlp.load()

    def run(text: str) -> list[Event]:
        doc = nlp.parse(text)
        article = Article(id="t", source_path="t", text=text, published=PUBLISHED)
        return extract_events(doc, article, extract_times(doc, PUBLISHED), [])
    return run


def kinds(events: list[Event]) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text) for e in events]


@pytest.mark.parametrize("text", [
    "The health minister conceded that the country is facing a shortage of insulin.",  # a fact admitted
    "The defence lawyer asked the officer if there was any evidence of a plot.",  # a question
    "The militia energetically denied involvement in the ambush.",  # a denial of a claim: a statement
    "She dismissed the rumours that the outbreak was cholera.",
    "The ministry did not provide evidence for the figure.",  # proof handed over is no aid
    "Such a plan allows for the allocation of resources to the border towns.",
    "Villagers said they had no other way to defend their communities.",
    "He faces one count of destroying records in a terrorism inquiry.",
])
def test_statements_questions_and_idioms_are_no_events(events_of, text):
    assert not [e for e in events_of(text) if e.type in ("CONCEDE", "REQUEST", "REJECT", "AID", "SUPPORT")
                or e.trigger.text in ("destroying", "defend")], kinds(events_of(text))


def test_a_refusal_of_the_act_itself_is_still_a_refusal(events_of):
    events = events_of("The government denied the aid convoy entry into the besieged town.")
    assert [e.type for e in events] == ["REJECT"]


def test_threatening_warning_is_a_threat_but_a_forecast_is_not(events_of):
    threat = events_of("Iran warned that it would retaliate against any attack on its territory.")
    assert [(e.type, e.mode, e.trigger.text) for e in threat] == [("THREATEN", "violence", "warned")]
    assert threat[0].actor_mention.text == "Iran"  # the retaliation is what is threatened
    consequences = events_of("The army warned the militants of serious consequences.")
    assert kinds(consequences) == [("THREATEN", "warned")]
    forecast = events_of("Aid workers have warned that a ground assault on the city would be catastrophic.")
    assert "warned" not in [e.trigger.text for e in forecast]
    assert not events_of("The central bank warned of a shortage of hard currency.")


def test_what_a_threat_or_refusal_is_about_is_its_content_and_mode(events_of):
    threat = events_of("Hezbollah threatened to strike Tel Aviv.")
    assert [(e.type, e.mode, e.trigger.text) for e in threat] == [("THREATEN", "violence", "threatened")]
    refusal = events_of("Hamas refused to release the remaining hostages.")
    assert [(e.type, e.mode) for e in refusal] == [("REJECT", "yield")]
    request = events_of("The envoy urged both sides to hold talks in Doha.")
    assert [(e.type, e.mode) for e in request] == [("REQUEST", "meet")]
    # a condition is not content: the attack inside "if" is kept apart as hypothetical
    conditional = events_of("Hezbollah threatened to strike Tel Aviv if Israel attacked Beirut.")
    attack = next(e for e in conditional if e.trigger.text == "attacked")
    assert attack.hypothetical and len(conditional) == 2


def test_orders_that_move_forces_are_mobilize_by_who_gave_them(events_of):
    for text in ("The prime minister ordered the army to deploy troops along the northern border.",
                 "The prime minister ordered troops to prepare to operate in the southern city."):
        move = [e for e in events_of(text) if e.type == "MOBILIZE"]
        assert len(move) == 1 and move[0].actor_mention.text == "The prime minister" and not move[0].planned
        assert [e.type for e in events_of(text)] == ["MOBILIZE"]
    # what else is ordered stays an event of its own, ordered by a request
    inquiry = events_of("The president ordered an investigation into the shooting.")
    assert "ACCUSE" in [e.type for e in inquiry]


def test_mobilize_moves_forces_only(events_of):
    lobby = events_of("Saudi Arabia has mobilized pressure groups in Washington.")
    assert "MOBILIZE" not in [e.type for e in lobby]
    call_up = events_of("The army called up 300,000 reservists and deployed two divisions to the border.")
    assert [e.type for e in call_up] == ["MOBILIZE", "MOBILIZE"]
    alert = events_of("Israeli troops remained on alert near the border overnight.")
    assert [e.type for e in alert] == ["MOBILIZE"]


def test_demand_told_in_what_is_handed_over(events_of):
    events = events_of("The French president issued a stern reminder to Iraq that it must cooperate with inspectors.")
    assert plover_category(events[0]) == "REQUEST" and events[0].trigger.text == "issued"


def test_a_search_for_people_is_no_raid_and_inviting_force_offers_nothing(events_of):
    assert "searching" not in [e.trigger.text for e in events_of(
        "Rescue teams were still searching for people under the rubble.")]
    assert kinds(events_of("The village was searched by soldiers at dawn."))[0][0] == "COERCE"
    invited = events_of('"It will only invite another massacre," the mayor said.')
    assert "AGREE" not in [e.type for e in invited]


@pytest.mark.parametrize("text, kind, mode", [
    ("President Sisi received a Hamas delegation in Cairo on Sunday.", "CONSULT", "host"),
    ("Dock workers went on strike on Monday over unpaid wages.", "PROTEST", "strike"),
    ("The navy held naval drills in the Gulf on Tuesday.", "MOBILIZE", "troops"),
    ("The two navies held joint exercises in the Red Sea.", "COOPERATE", None),
    ("Police shut down the opposition newspaper in the capital.", "COERCE", "censor"),
    ("The rebels laid down their arms in the northern province.", "RETREAT", "disarm"),
    ("Both sides observed the truce for a third day.", "RETREAT", "ceasefire"),
    ("Uzbekistan opened the Friendship Bridge to aid convoys.", "RETREAT", "access"),
    ("The foreign minister expressed support for the peace plan.", "SUPPORT", None),
    ("Kenya handed over the two suspects to Uganda.", "COOPERATE", None),
    ("Serb forces were engaged in ethnic cleansing in the province.", "ASSAULT", None),
])
def test_manual_categories_from_their_own_verbs(events_of, text, kind, mode):
    events = events_of(text)
    assert [(e.type, e.mode) for e in events][:1] == [(kind, mode)], kinds(events)


def test_a_place_named_after_fighting_is_no_battle(events_of):
    assert not events_of("The army has been holding civilians in the battle zones of the southern sector.")


def test_wikievents_scope_reads_the_mapping(tmp_path):
    mapping = tmp_path / "kairos-plover.tsv"
    mapping.write_text("#kairos\tplover\tcondition\n"
                       "Conflict.Attack.*\tASSAULT\t-\n"
                       "Contact.Contact.*\tREJECT\ttrigger~^(reject|refus)\n"
                       "Life.Die.*\tASSAULT\thas~Killer | trigger~^kill\n"
                       "Contact.Contact.*\tnone\t-\n", encoding="utf-8")
    scope = gold_scope(mapping)

    def event(kind: str, trigger: str) -> Event:
        return Event(id="v1", type=kind, trigger=Span(0, len(trigger), trigger), sentence=Span(0, 1, "x"))
    assert in_scope(event("ASSAULT", "shelled"), scope)
    assert in_scope(event("REJECT", "refused"), scope) and not in_scope(event("REJECT", "dismissed"), scope)
    assert not in_scope(event("SUPPORT", "praised"), scope)  # no KAIROS type becomes SUPPORT
    assert gold_scope(tmp_path / "absent.tsv") == {}


def test_adjectives_are_no_events(events_of):
    events = events_of("Troops raided three homes in the occupied West Bank, and the wounded soldiers of the "
                       "besieged garrison were flown out.")
    assert [e.trigger.text for e in events] == ["raided"]


def test_a_call_for_someone_to_act_is_a_request_about_the_act(events_of):
    # the parse hangs "for the army to withdraw ..." on the verb as an adverbial clause: still "push for"
    events = events_of("The envoy is pushing hard for the army to withdraw its troops from the town.")
    assert [(e.type, e.trigger.text) for e in events] == [("REQUEST", "pushing")]
    assert events[0].mode == "yield"  # the withdrawal is what is asked, not an event of its own


@pytest.mark.parametrize("text, kind, mode", [
    ("Some 2,000 families sought refuge in the neighbouring country last month.", "REQUEST", "assist"),
    ("The rebels called a ceasefire on Friday and opened talks with the government.", "RETREAT", "ceasefire"),
    ("The judge ordered the four men held until trial.", "ACCUSE", "allege"),
    ("The prime minister received a mission of observers from the regional bloc.", "RETREAT", "access"),
])
def test_asylum_sought_ceasefire_called_trial_held_observers_let_in(events_of, text, kind, mode):
    assert (kind, mode) in [(e.type, e.mode) for e in events_of(text)], kinds(events_of(text))


def test_helpers_who_arrive_bring_aid_and_troops_alone_do_not(events_of):
    helped = events_of("A second contingent of African Union peacekeeping troops arrived in the capital on Monday.")
    assert [(e.type, e.trigger.text) for e in helped] == [("AID", "arrived")], kinds(helped)
    assert events_of("Two medical teams landed in the flooded province.")[0].type == "AID"
    assert not events_of("More troops arrived at the border on Monday.")


def test_a_border_opened_to_people_driven_out_takes_them_in(events_of):
    refuge = events_of("Turkey opened its border on Sunday to Iraqi refugees fleeing the fighting.")
    assert ("AID", "opened its border") in kinds(refuge), kinds(refuge)
    access = events_of("The army opened the road to the aid convoys on Sunday.")
    assert ("RETREAT", "access") in [(e.type, e.mode) for e in access], kinds(access)


def test_an_accidental_blast_is_no_assault(events_of):
    accident = events_of("The device detonated accidentally as the two men were carrying it.")
    assert "ASSAULT" not in [e.type for e in accident], kinds(accident)
    attack = events_of("The device detonated as the convoy passed the checkpoint.")
    assert "ASSAULT" in [e.type for e in attack], kinds(attack)


def test_a_particle_parsed_as_an_adverb_still_makes_the_phrasal_verb(events_of):
    # the parse gives "in" as an adverb: still "move in" (MOBILIZE), a military move
    events = events_of("Two days later, the army moved in to the old quarter of the city to take control of it.")
    assert "MOBILIZE" in [e.type for e in events], kinds(events)


@pytest.mark.parametrize("text, act", [
    # a participle on a noun for what is talked about says what it is about
    ("The leaks added to the controversy surrounding the port contract.",
     "Army units were surrounding the hospital on Tuesday."),
    # force turned on a disease or a fire is a figure of speech
    ("The new funds will help the clinics attack the virus before the rains.",
     "Gunmen attacked the clinic before dawn."),
    # a demand to know is a question, not a demand for an act
    ("Opposition lawmakers have demanded to know why the minister was not told.",
     "Opposition lawmakers have demanded the release of the detained reporters."),
])
def test_topics_figures_of_speech_and_questions_are_no_acts(events_of, text, act):
    assert events_of(text) == [], kinds(events_of(text))
    assert events_of(act), act


@pytest.mark.parametrize("text, act", [
    # documents made public are no release of anyone
    ("The senator released his tax returns in 2019, and a poll released on Monday found little change.",
     "The militia released 14 prisoners on Sunday."),
    # what is offered or met is not always a concession or a meeting
    ("The governor offered no proof that the contractor had a role, and did not meet the deadline.",
     "The rebels offered a truce, and the envoy met the rebel commander."),
    # a bounty, and a court throwing out a case
    ("The police offered a reward for information, and a judge dismissed the case against the driver.",
     "The army offered talks, and the minister dismissed the proposal."),
    # a call to a line reports something
    ("A neighbour said she phoned the police hotline.", "The president phoned the Egyptian leader on Monday."),
])
def test_documents_released_proof_offered_and_targets_met_are_no_acts(events_of, text, act):
    assert events_of(text) == [], kinds(events_of(text))
    assert events_of(act), act


def test_what_a_rule_provides_for_is_no_act(events_of):
    rule = events_of("A visa program that allows wealthy investors to obtain residency will expire this month.")
    assert "CONCEDE" not in [e.type for e in rule], kinds(rule)
    act = events_of("The government allowed aid trucks to enter the town on Monday.")
    assert "CONCEDE" in [e.type for e in act], kinds(act)


def test_what_a_blast_wrecks_is_its_damage_not_an_act(events_of):
    damage = events_of("The blast shattered windows, and two cars parked nearby were destroyed.")
    assert [e.trigger.text for e in damage] == ["blast"], kinds(damage)
    act = events_of("Troops demolished the family home of the attacker.")
    assert [(e.type, e.mode) for e in act] == [("ASSAULT", "destroy")], kinds(act)


def test_what_an_act_is_called_is_no_second_act(events_of):
    label = events_of("A fire gutted the depot in what officials called an \"attack.\"")
    assert "attack" not in [e.trigger.text for e in label], kinds(label)
    named = events_of("Officials called the attack on the depot a tragedy.")
    assert [e.type for e in named] == ["ASSAULT"], kinds(named)  # the attack itself is still an event


@pytest.mark.parametrize("text, act, kind", [
    # what endangers is no threat
    ("The agency chief said the cuts threatened aid for more than two million people.",
     "The militia threatened to shell the town if the army advanced.", "THREATEN"),
    ("The war threatens this year's harvest across the region.", "Iran threatened Israel with retaliation.",
     "THREATEN"),
    # a time after the verb makes no "call on"; a naming makes no "call for"
    ("The senator called the singer on Friday to thank her.", "The senator called on the singer to apologise.",
     "REQUEST"),
    ("The surgeon has been called a charlatan by other doctors for promoting quack cures.",
     "The union called for an inquiry into the shooting.", "REQUEST"),
])
def test_a_look_alike_is_no_event_where_the_act_is(events_of, text, act, kind):
    assert kind not in [e.type for e in events_of(text)], kinds(events_of(text))
    assert kind in [e.type for e in events_of(act)], kinds(events_of(act))


def test_a_thing_met_with_a_response_is_no_meeting(events_of):
    received = events_of("The prime minister said the framework had been met with a positive initial response.")
    assert "CONSULT" not in [e.type for e in received], kinds(received)
    meeting = events_of("The envoy was met by the foreign minister at the airport on Monday.")
    assert "CONSULT" in [e.type for e in meeting], kinds(meeting)


def test_a_rally_someone_speaks_at_is_a_venue_not_a_protest(events_of):
    venue = events_of("The candidate told his supporters at a rally in Ohio to go and vote early.")
    assert "PROTEST" not in [e.type for e in venue], kinds(venue)
    protest = events_of("Thousands held a rally in the capital against the new law.")
    assert "PROTEST" in [e.type for e in protest], kinds(protest)


@pytest.mark.parametrize("text, consult", [
    ("The pollster went on to discuss the latest surveys.", False),
    ("The senator discussed his plan for veterans at a campaign event.", False),
    ("The two leaders discussed the truce on Monday.", True),
    ("The envoy discussed the plan with the Egyptian president.", True),
])
def test_one_speaker_discussing_a_topic_is_no_consultation(events_of, text, consult):
    assert ("CONSULT" in [e.type for e in events_of(text)]) is consult, kinds(events_of(text))


def test_a_search_for_whoever_did_it_is_an_investigation(events_of):
    manhunt = events_of("Police in the city were searching for a man believed to be responsible for the blast.")
    assert ("ACCUSE", "searching") in kinds(manhunt)
    rescue = events_of("Rescue teams were still searching for people under the rubble.")
    assert rescue == [], kinds(rescue)


@pytest.mark.parametrize("text, act", [
    ("The campaign seized on the remarks within hours.", "Police seized weapons at the checkpoint."),
    ("He has surrounded himself with loyal advisers.", "Troops surrounded the hospital on Tuesday."),
    ("The line may have been lifted from an old script.", "The government lifted the curfew."),
])
def test_figures_of_speech_of_force_and_capture_are_no_acts(events_of, text, act):
    assert events_of(text) == [], kinds(events_of(text))
    assert events_of(act), act


@pytest.mark.parametrize("text", [
    "\"I'm thinking of these injured and their families,\" the mayor said.",
    "The wounded were taken to hospitals in Kandahar.",
    "Doctors treated the injured at the scene.",
    "The families of the detained gathered outside the court.",
])
def test_a_participle_standing_for_people_is_no_event(events_of, text):
    assert events_of(text) == [], kinds(events_of(text))


def test_a_participle_with_its_own_object_or_agent_is_still_an_act(events_of):
    assert kinds(events_of("Gunmen killed the guard and wounded two others.")) == [
        ("ASSAULT", "killed"), ("ASSAULT", "wounded")]
    assert ("ASSAULT", "wounded") in kinds(events_of("The two men wounded by the police were taken to hospital."))


def test_a_number_told_as_a_noun_counts_the_events_or_weapons_of_its_of(events_of):
    attacks = events_of("The Shabab, the radical Islamist group that has carried out hundreds of terrorist attacks "
                        "in Somalia and Kenya, denied the report.")
    assault = [e for e in attacks if e.type == "ASSAULT"]
    assert len(assault) == 1 and "group" in assault[0].actor_mention.text, kinds(attacks)
    rockets = [e for e in events_of("Hamas fired dozens of rockets at Tel Aviv on Monday.") if e.type == "ASSAULT"]
    assert [e.target_mention.text for e in rockets] == ["Tel Aviv"]


def test_peacekeepers_sent_home_are_a_sanction_and_own_troops_a_retreat(events_of):
    shipped = events_of("Forty Dutch peacekeepers were shipped out of the northern enclave on Monday.")
    assert [(e.type, e.mode) for e in shipped] == [("SANCTION", "withdraw")]
    observers = events_of("The United Nations pulled out its observers from the border zone last week.")
    assert [(e.type, e.mode) for e in observers] == [("SANCTION", "withdraw")]
    troops = events_of("Government troops pulled out of the town on Tuesday.")
    assert [(e.type, e.mode) for e in troops] == [("RETREAT", "withdraw")]


@pytest.mark.parametrize("text, trigger", [
    ("The electoral commission issued a decree recognizing the opposition's victory in the mayoral race.",
     "recognizing the opposition's victory"),
    ("The incumbent mayor acknowledged defeat late on Sunday.", "acknowledged defeat"),
    ("The military council has taken steps to expand political freedoms since the coup.", "expand political freedoms"),
])
def test_a_rival_victory_recognised_and_freedoms_widened_are_concessions(events_of, text, trigger):
    assert kinds(events_of(text)) == [("CONCEDE", trigger)]


def test_a_protest_verb_closing_a_report_is_a_complaint_not_a_demonstration(events_of):
    told = events_of("Local officials are failing to protect the homes of returning refugees, a human rights group "
                     "protested here Tuesday.")
    assert [(e.type, e.mode) for e in told if e.trigger.text == "protested"] == [("ACCUSE", "disapprove")]
    marched = events_of("Thousands of students protested in the capital on Sunday.")
    assert [(e.type, e.mode) for e in marched] == [("PROTEST", "demo")]
    where = events_of("Riot police dispersed the crowd outside parliament, where hundreds of farmers protested.")
    assert ("PROTEST", "protested") in kinds(where)
