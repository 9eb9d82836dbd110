"""What happened, as news tells it (issue 19, wave 8): weapons set off, acts told in the simple past on a story
clock ahead of its dateline, and event nouns a light verb carries along a list."""
from __future__ import annotations

import pytest

from newsledger import nlp
from newsledger.extract.events import plover_category
from newsledger.model import RawArticle
from newsledger.pipeline import analyse, clean_one


@pytest.fixture(scope="module")
def events_in():
    nlp.load()

    def run(text: str, published: str = "2024-02-08"):
        article = clean_one(RawArticle(source_path="t.txt", text=text, published=published), verbatim=True)
        return analyse(article, nlp.parse(article.text)).events
    return run


def test_to_set_off_a_bomb_is_to_detonate_it(events_in):
    [blast] = [e for e in events_in("The two brothers set off two bombs near the finish line, officials said.")
               if plover_category(e) == "ASSAULT"]
    assert blast.trigger.text.startswith("set off") and blast.actor_mention.text == "The two brothers"
    assert not [e for e in events_in("The ruling set off a debate in parliament.") if plover_category(e) == "ASSAULT"]


def test_an_act_told_in_the_past_on_a_clock_ahead_of_the_dateline_happened(events_in):
    # published on a Thursday; the times engine dates "on Friday" in past copy the day after
    [attack] = events_in("Boko Haram militants attacked the village on Friday, officials said.")
    assert attack.date == "2024-02-09" and not attack.planned and plover_category(attack) == "ASSAULT"
    [talks] = events_in("Officials said talks would start on Friday.")
    assert talks.planned



def test_a_light_verb_carries_the_last_of_its_coordinated_objects(events_in):
    [strike] = [e for e in events_in("The unions staged marches and a general strike on Monday.")
                if plover_category(e) == "PROTEST"]
    assert strike.actor_mention.text == "The unions" and strike.target_mention is None
