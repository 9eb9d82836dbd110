"""The events engine: PLOVER types, participants, date and place, planned / negated / background, figures,
and the clustering of reports of one event across articles."""
from __future__ import annotations

import pytest

from newsledger import nlp
from newsledger.extract.events import extract_events, plover_category
from newsledger.extract.times import extract_times
from newsledger.model import Article, Event, Span
from newsledger.pipeline import analyse
from newsledger.track.events import EventReport, cluster_events, same_name

PUBLISHED = "2024-02-07"


@pytest.fixture(scope="module")
def events_of():
    nlp.load()

    def run(text: str, published: str | None = PUBLISHED) -> list[Event]:
        doc = nlp.parse(text)
        article = Article(id="t", source_path="t", text=text, published=published)
        return extract_events(doc, article, extract_times(doc, published), [])
    return run


def only(events: list[Event], kind: str) -> Event:
    matching = [e for e in events if e.type == kind]
    assert len(matching) == 1, [(e.type, e.trigger.text) for e in events]
    return matching[0]


@pytest.mark.parametrize("text, kind, trigger", [
    ("Egypt and Qatar agreed on Monday to host a new round of indirect negotiations.", "AGREE", "agreed"),
    ("Blinken met Netanyahu in Jerusalem on Wednesday.", "CONSULT", "met"),
    ("The German chancellor praised Jordan's efforts to get food into the enclave.", "SUPPORT", "praised"),
    ("The army lifted the curfew in Hebron after three days.", "CONCEDE", "lifted the curfew"),
    ("The two governments shared intelligence on the smuggling routes.", "COOPERATE", "shared intelligence"),
    ("The United Arab Emirates donated 40 tonnes of medical supplies to the Red Crescent.", "AID", "donated"),
    ("Hamas released two elderly hostages late on Monday.", "RETREAT", "released two elderly hostages"),
    ("The foreign minister urged Israel to allow more aid trucks into the territory.", "REQUEST", "urged"),
    ("Human rights groups accused the police of using excessive force.", "ACCUSE", "accused"),
    ("Netanyahu dismissed Hamas's demand for a ceasefire.", "REJECT", "dismissed"),
    ("The militia threatened to close the shipping lane.", "THREATEN", "threatened"),
    ("Thousands of students demonstrated outside parliament on Sunday.", "PROTEST", "demonstrated"),
    ("Washington imposed sanctions on four settlers accused of violence.", "SANCTION", "imposed sanctions"),
    ("The army deployed two additional brigades to the northern border.", "MOBILIZE", "deployed"),
    ("Police arrested 14 protesters near the embassy.", "COERCE", "arrested"),
    ("Israeli jets struck a residential building in Rafah overnight.", "ASSAULT", "struck"),
])
def test_each_plover_type(events_of, text, kind, trigger):
    event = only(events_of(text), kind)
    assert event.trigger.text == trigger
    assert text[event.trigger.start:event.trigger.end] == trigger
    assert event.sentence.text == text


def test_actor_and_target_mentions(events_of):
    event = only(events_of("Israeli troops raided the Nur Shams refugee camp near Tulkarm on Tuesday."), "COERCE")
    assert event.actor_mention.text == "Israeli troops"
    assert "camp" in event.target_mention.text
    rejected = only(events_of("Netanyahu dismissed Hamas's demand for a ceasefire."), "REJECT")
    assert (rejected.actor_mention.text, rejected.target_mention.text) == ("Netanyahu", "Hamas")
    passive = only(events_of("A convoy of aid lorries was attacked by armed men near the crossing."), "ASSAULT")
    assert passive.actor_mention.text == "armed men"
    assert "convoy" in passive.target_mention.text


def test_cut_funding_is_a_sanction_on_the_agency(events_of):
    event = only(events_of("The United States cut funding to the UN agency on Friday."), "SANCTION")
    assert event.trigger.text == "cut funding"
    assert event.target_mention.text == "the UN agency"


def test_date_and_place_of_the_clause(events_of):
    event = only(events_of("Blinken met Netanyahu in Jerusalem on Wednesday."), "CONSULT")
    assert event.date == "2024-02-07"
    assert event.place == "Jerusalem"


def test_future_talks_are_planned_consult(events_of):
    event = only(events_of("Talks would start on Thursday in Cairo, an Egyptian official said."), "CONSULT")
    assert event.planned and not event.background
    assert (event.date, event.place) == ("2024-02-08", "Cairo")
    assert plover_category(event) == "AGREE"  # the manual codes promised meetings as AGREE


def test_order_that_moves_forces_is_one_mobilize_by_who_ordered_it(events_of):
    events = events_of("Netanyahu ordered the army to deploy troops along the border with Egypt.")
    move = only(events, "MOBILIZE")
    assert move.actor_mention.text == "Netanyahu" and not move.planned
    assert [e.type for e in events] == ["MOBILIZE"]


def test_recalled_attack_is_background(events_of):
    events = events_of("The war followed Hamas's surprise attack on southern Israel on 7 October.")
    attack = only(events, "ASSAULT")
    assert attack.background and attack.date == "2023-10-07"
    assert attack.actor_mention.text == "Hamas"


def test_narrated_past_perfect_is_background_but_reported_speech_is_not(events_of):
    recalled = only(events_of("Militants had attacked the checkpoint two years earlier."), "ASSAULT")
    assert recalled.background
    reported = only(events_of("The ministry said troops had arrested three men in Nablus on Tuesday."), "COERCE")
    assert not reported.background and reported.date == "2024-02-06"


def test_current_news_is_not_background(events_of):
    event = only(events_of("Israeli jets struck a residential building in Rafah on Tuesday."), "ASSAULT")
    assert not event.background and not event.planned and not event.negated


def test_negation_and_refusal(events_of):
    shut = only(events_of("Egypt did not open the Rafah crossing on Monday."), "RETREAT")
    assert shut.negated
    assert plover_category(shut) == "REJECT"
    refusal = events_of("The delegation refused to meet the envoy in Doha.")
    assert [(e.type, e.mode) for e in refusal] == [("REJECT", "meet")]  # the meeting is what is refused
    assert refusal[0].actor_mention.text == "The delegation"


def test_demand_made_with_must(events_of):
    event = only(events_of("The minister said that Hamas must release all the hostages."), "REQUEST")
    assert event.trigger.text == "said"
    assert event.target_mention.text == "Hamas"


def test_casualty_figures_attach_to_their_assault():
    text = ("Israeli troops surrounded a house in Jenin on Tuesday. "
            "An Israeli air strike killed at least 12 people in Rafah overnight, the health ministry said.")
    article = Article(id="t", source_path="t", text=text, published=PUBLISHED)
    record = analyse(article, nlp.parse(text))
    strike = [e for e in record.events if e.type == "ASSAULT"]
    assert len(strike) == 1, [(e.type, e.trigger.text) for e in record.events]
    killed = [f for f in record.figures if f.category == "killed"]
    assert killed and strike[0].figures == [killed[0].id]
    assert strike[0].place == "Rafah"
    assert [e.id for e in record.events] == [f"v{n}" for n in range(1, len(record.events) + 1)]
    assert record.events[0].trigger.start < record.events[-1].trigger.start


BAD_INPUTS = ["", "   \n\n ", "“They attacked", "Attack!!! ” ” “",
              "\u200b\ufeff𝔄𝔱𝔱𝔞𝔠𝔨 — ☃ 🚀"]


@pytest.mark.parametrize("text", BAD_INPUTS)
def test_bad_input_never_crashes(events_of, text):
    for event in events_of(text, published=None):
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text


# -- clustering reports across articles -------------------------------------------------------------------------

def report(article: str, kind: str = "ASSAULT", published: str = PUBLISHED, date: str | None = None,
           actor: str | None = "Israel", target: str | None = None, place: str | None = "Rafah",
           background: bool = False, planned: bool = False, negated: bool = False) -> EventReport:
    trigger = Span(0, 6, "struck")
    event = Event(id="v1", type=kind, trigger=trigger, sentence=trigger, date=date, place=place,
                  background=background, planned=planned, negated=negated)
    return EventReport(article, published, event, actor, target)


def test_reports_of_one_event_cluster_together():
    reports = [report("a1", actor="Israel"), report("a2", actor="Israeli", published="2024-02-08"),
               report("a3", actor=None, date="2024-02-07"), report("a4", place="Gaza City")]
    clusters = cluster_events(reports)
    assert [c.report_count for c in clusters] == [3, 1]
    assert clusters[0].place == "Rafah" and clusters[0].date == "2024-02-07"
    assert clusters[0].actor == "Israel" and clusters[0].article_count == 3


def test_different_days_types_and_modes_stay_apart():
    reports = [report("a1"), report("a2", published="2024-02-10"), report("a3", kind="COERCE"),
               report("a4", planned=True), report("a5", negated=True)]
    clusters = cluster_events(reports)
    assert sorted(c.report_count for c in clusters) == [1, 1, 1, 1]
    assert all(r.article_id != "a5" for c in clusters for r in c.reports)


def test_no_chaining_across_the_window():
    days = ["2024-02-06", "2024-02-07", "2024-02-08"]
    clusters = cluster_events([report(f"a{n}", published=day) for n, day in enumerate(days)])
    assert sorted(c.report_count for c in clusters) == [1, 2]


def test_recalled_event_clusters_by_its_own_date():
    recalled = [report(article, published=published, date="2023-10-07", actor="Hamas", place=None, background=True)
                for article, published in (("a1", "2024-02-07"), ("a2", "2024-03-01"))]
    clusters = cluster_events(recalled)
    assert len(clusters) == 1 and clusters[0].date == "2023-10-07" and clusters[0].report_count == 2


def test_reports_without_participants_or_place_are_not_merged():
    clusters = cluster_events([report("a1", actor=None, place=None), report("a2", actor=None, place=None)])
    assert [c.report_count for c in clusters] == [1, 1]


def test_same_name():
    assert same_name("Benjamin Netanyahu", "Netanyahu")
    assert same_name("Ukraine", "Ukrainian") and same_name("the Gaza Strip", "Gaza Strip")
    assert not same_name("Iran", "Iraq") and not same_name("Austria", "Australia")


@pytest.mark.shared
def test_plover_gold_type_accuracy(shared_data):
    from newsledger.eval.plover import render, run
    results = run(str(shared_data / "plover" / "PLOVER_GSR_CAMEO.txt"))
    assert results["records"] > 300
    assert results["type_main"]["accuracy"] >= 0.80
    assert "type_main" in render(results)


def test_counted_victims_are_compared_by_who_they_are_not_by_the_toll():
    tolls = [report("a1", actor="Israel", place=None, target="12 people"),
             report("a2", actor="Israel", place=None, target="at least 15 people"),
             report("a3", actor="Israel", place=None, target="more than 10,000 militants")]
    assert sorted(c.report_count for c in cluster_events(tolls)) == [1, 2]
    # the same counted "people" is no evidence on its own: nothing else shared, nothing merged
    assert len(cluster_events([report("a1", actor=None, place=None, target="12 people"),
                               report("a2", actor=None, place=None, target="15 people")])) == 2
