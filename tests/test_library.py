"""The library entry points and the declared pipeline they run."""
from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

import newsledger
from newsledger import nlp
from newsledger.library import AnalysisError
from newsledger.model import RawArticle
from newsledger.pipeline import GIVEN, STEPS, analyse, clean_one, run_steps, steps_for

STRIKE = ("Israeli strikes killed 27 people in Rafah on Tuesday, the health ministry said.\n\n"
          '"We will not stop," Hamas official Osama Hamdan said.')


def test_importing_newsledger_loads_no_model():
    code = "import sys, newsledger; print('spacy' in sys.modules, 'newsledger.pipeline' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_analyse_a_text_resolves_dates_sources_and_speakers():
    record = newsledger.analyse(STRIKE, published="2024-02-08", outlet="Reuters", url="https://example.com/a")
    assert record.article.outlet == "Reuters" and record.article.url == "https://example.com/a"
    assert record.article.published == "2024-02-08" and record.article.published_from == "caller"
    assert [t.value for t in record.times] == ["2024-02-06"]  # "Tuesday" before 8 February 2024
    toll = next(f for f in record.figures if f.number == "27")
    ministry = next(e for e in record.entities if e.id == toll.source_entity)
    assert toll.category == "killed" and "ministry" in ministry.name.lower()
    hamdan = next(q for q in record.quotes if q.kind == "direct")
    assert hamdan.speaker is not None and hamdan.speaker.name == "Osama Hamdan"


def test_analyse_many_streams_texts_and_dicts_in_order():
    items = iter(["Officials said the talks had failed.",
                  {"text": "Two people died on Monday, police said.", "published": "2024-01-03"}])
    records = newsledger.analyse_many(items, published="2023-12-01")
    assert isinstance(records, Iterator)
    first, second = list(records)
    assert first.article.published == "2023-12-01"  # the default date of an item that gives none
    assert [t.value for t in second.times] == ["2024-01-01"]
    assert second.figures[0].value == 2


def test_analyse_many_rejects_an_unknown_field_by_name():
    with pytest.raises(TypeError, match="unknown article field.*body"):
        list(newsledger.analyse_many([{"body": "Text."}]))


def test_a_failing_article_raises_analysis_error(monkeypatch):
    def broken(*_args):
        raise RuntimeError("engine bug")
    monkeypatch.setattr("newsledger.pipeline.analyse", broken)
    with pytest.raises(AnalysisError, match="analysis failed"):
        list(newsledger.analyse_many(["One text."]))


def test_every_step_reads_what_is_given_or_written_before_it():
    written = set(GIVEN)
    for step in STEPS:
        assert set(step.reads) <= written, (step.name, set(step.reads) - written)
        written.add(step.writes)


def test_selecting_an_output_runs_its_steps_and_nothing_after():
    assert [s.name for s in steps_for(["times"])] == ["times"]
    figure_steps = [s.name for s in steps_for(["figures"])]
    assert figure_steps == ["entities", "entity types", "places", "place resolution", "place entities", "times",
                            "attribution", "speakers", "figures", "figure sources", "figure bodies",
                            "stated disputes", "figure places"]  # a figure points to its place


def test_selected_outputs_are_the_shipped_ones():
    article = clean_one(RawArticle(source_path="t", text=STRIKE, published="2024-02-08"), verbatim=True)
    doc = nlp.parse(article.text)
    assert run_steps(article, doc, wanted=["figures"])["figures"] == analyse(article, doc).figures
