"""A date after "since" opens a period: it neither dates a figure nor makes an event background."""
from __future__ import annotations

from newsledger import nlp
from newsledger.model import RawArticle
from newsledger.pipeline import analyse, clean_one


def record_of(text: str, published: str):
    article = clean_one(RawArticle(source_path="since.txt", text=text), verbatim=True, published=published)
    return analyse(article, nlp.parse(article.text))


def test_cumulative_toll_is_as_of_the_statement_not_the_start_of_the_war():
    record = record_of("At least 27,708 people have been killed in Gaza since October 7, "
                       "the health ministry said on Thursday.", "2024-02-09")
    toll = next(f for f in record.figures if f.number == "27,708")
    assert toll.as_of == "2024-02-08"
    assert all(not e.background for e in record.events if e.trigger.text == "killed")


def test_a_date_that_dates_the_figure_is_still_used():
    record = record_of("On Tuesday, 11 people were killed in a strike on a house in Rafah, officials said.",
                       "2024-02-09")
    assert next(f for f in record.figures if f.number == "11").as_of == "2024-02-06"


def test_event_spans_carry_no_surrounding_blank_lines():
    record = record_of("Israeli troops raided Jenin on Tuesday.\n\nTwo people were arrested.", "2024-02-09")
    for event in record.events:
        assert event.sentence.text == event.sentence.text.strip()


def test_voice_sentences_carry_no_surrounding_blank_lines():
    record = record_of('"We will not stop," the minister said.\n\nThe talks resume on Monday.', "2024-02-09")
    assert [v.voice for v in record.voice] == ["quoted", "narrator"]
    for voice in record.voice:
        assert voice.sentence.text == voice.sentence.text.strip()
