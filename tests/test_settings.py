"""One settings object: documented defaults, overridden per call or from the environment."""
from __future__ import annotations

import pytest

import newsledger
from newsledger.settings import DEFAULTS, Settings

RECALLED = "The army said on Thursday that troops had shelled the town on Monday."


def test_the_environment_overrides_a_default_with_its_own_type():
    settings = Settings.from_env({"NEWSLEDGER_BATCH_SIZE": "64", "NEWSLEDGER_STORY_SIMILARITY": "0.7"})
    assert settings.batch_size == 64 and settings.story_similarity == 0.7
    assert settings.background_days == DEFAULTS.background_days


def test_a_bad_environment_value_is_named():
    with pytest.raises(ValueError, match="NEWSLEDGER_BATCH_SIZE='many' is not a valid int"):
        Settings.from_env({"NEWSLEDGER_BATCH_SIZE": "many"})


def test_a_setting_passed_to_analyse_changes_what_counts_as_background():
    # Published Friday 9 February 2024: the shelling on Monday the 5th is four days back.
    usual = newsledger.analyse(RECALLED, published="2024-02-09")
    shelled = next(e for e in usual.events if e.trigger.text == "shelled")
    assert shelled.date == "2024-02-05" and not shelled.background
    strict = newsledger.analyse(RECALLED, published="2024-02-09", settings=Settings(background_days=3))
    assert next(e for e in strict.events if e.trigger.text == "shelled").background


def test_analyse_reads_the_environment_when_given_no_settings(monkeypatch):
    monkeypatch.setenv("NEWSLEDGER_BACKGROUND_DAYS", "3")
    record = newsledger.analyse(RECALLED, published="2024-02-09")
    assert next(e for e in record.events if e.trigger.text == "shelled").background
