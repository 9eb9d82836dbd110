"""Reporting bodies in the ledger: one body per real body, stated disputes, period tolls, revisions, the scenario."""
import pytest

from newsledger.model import Article, Entity, Figure, Span
from newsledger.resolve.disputes import mark_stated_disputes
from newsledger.resolve.entity_types import correct_entity_types


def _figure(text, number, local_id, body):
    start = text.index(number)
    return Figure(id=local_id, span=Span.of(text, start, start + len(number)), number=number, value=None, low=None,
                  high=None, qualifier="exact", category="killed", source_body=body)


def test_a_comparison_the_text_makes_is_a_dispute():
    text = ("Israeli officials said about 26,000 people had been killed in Gaza, lower than the 27,708 reported by "
            "the health ministry.")
    first, second = _figure(text, "26,000", "f1", "Israeli Government"), _figure(text, "27,708", "f2",
                                                                                 "Gaza Health Ministry")
    marked = mark_stated_disputes(Article(id="a1", source_path="a1.txt", text=text), [first, second])
    assert [f.disputes for f in marked] == [None, "f1"]
    assert second.disputes is None  # a new record, the extracted one left as it was


def test_a_body_agreeing_with_itself_or_two_sentences_is_no_dispute():
    text = "The ministry said 27,708 were killed. Lower than the 27,000 of last week, the ministry said."
    first, second = _figure(text, "27,708", "f1", "Gaza Health Ministry"), _figure(text, "27,000", "f2",
                                                                                   "Gaza Health Ministry")
    marked = mark_stated_disputes(Article(id="a1", source_path="a1.txt", text=text), [first, second])
    assert [f.disputes for f in marked] == [None, None]


def _entity(text, local_id, name, kind, *at):
    return Entity(local_id, name, kind, mentions=[Span.of(text, i, i + len(name)) for i in at])


def test_places_are_never_people_and_surnames_join_their_full_names():
    text = "Antony Blinken met Mohammed bin Abdulrahman Al Thani in Khan Younis. Blinken and Al Thani spoke."
    entities = [_entity(text, "e1", "Antony Blinken", "PERSON", 0),
                _entity(text, "e2", "Mohammed bin Abdulrahman Al Thani", "PERSON", 19),
                _entity(text, "e3", "Khan Younis", "PERSON", text.index("Khan")),
                _entity(text, "e4", "Blinken", "GPE", text.rindex("Blinken")),
                _entity(text, "e5", "Al Thani", "PERSON", text.rindex("Al Thani"))]
    kept = correct_entity_types(entities)
    assert [(e.name, e.type) for e in kept] == [("Antony Blinken", "PERSON"),
                                                ("Mohammed bin Abdulrahman Al Thani", "PERSON"),
                                                ("Khan Younis", "GPE")]
    assert len(kept[0].mentions) == 2 and len(kept[1].mentions) == 2


@pytest.fixture(scope="module")
def scenario():
    from newsledger.eval import ledger

    return ledger.run()


def test_the_multi_outlet_scenario_passes(scenario):
    # three names of one ministry and its revisions (30,534, 30,631, 30,717) must raise no conflict of their own:
    # any conflict beyond the expected four fails the scenario
    assert scenario["wrong_bodies"] == []
    assert scenario["missing_conflicts"] == [] and scenario["unexpected_conflicts"] == []
    assert scenario["passed"] and scenario["conflicts_expected"] == 4

