"""The tunable numbers of a run in one place: batch size, the engines' day windows, the ledger's similarity
thresholds. Language data (cue words, patterns) is not here; it lives in the data/ folders.

`Settings()` holds the documented defaults; `Settings.from_env()` overrides any of them from the environment,
one variable per field, named NEWSLEDGER_ and the field in capitals (NEWSLEDGER_BATCH_SIZE=64). Pass a Settings to
`newsledger.analyse(..., settings=...)`, `pipeline.run_steps` or `track.refresh`; without one they use
`Settings.from_env()`.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

ENV_PREFIX = "NEWSLEDGER_"


@dataclass(frozen=True)
class Settings:
    # Articles per spaCy batch; each batch is also one memory zone, so this bounds the memory a run holds.
    batch_size: int = 32
    # An event dated at least this many days before publication is background (recalled), not news.
    background_days: int = 7
    # With no tense to go by, "in April" read in late October is taken as the April whose middle lies nearest a
    # point this many days before publication: news looks back more often than ahead.
    open_lean_back_days: int = 45
    # A month and day within this many days of publication is in that year whatever the tense says ("had been
    # set to expire Nov. 6" read on Nov. 2; "his vow that Britain would leave the EU on Oct. 31" read on Nov. 20).
    tense_slack_days: int = 30
    # A month in a past clause more than this many days after publication goes back a year, when the story's last
    # named month lies more than `narrative_back_days` before publication ("arrested in April for a March 21 call").
    past_clause_lean_back_days: int = 90
    narrative_back_days: int = 30
    # Estimated Jaccard similarity of word-shingle sets above which two articles are one story.
    story_similarity: float = 0.5
    # Character-level ratio of normalised quote texts above which two quotes by one speaker are the same quote.
    quote_similarity: float = 0.9
    # Reports of one event type whose dates are at most this many days apart may be one event.
    event_window_days: int = 1
    # Figures (and a figure and its reference value) this many days apart are compared as of the same day.
    reference_window_days: int = 1
    # Two unscoped counts are compared only when the larger is at most this many times the smaller.
    unscoped_max_ratio: float = 3.0
    # A pronoun or a description ("he", "the Israeli leader") looks back at most this many characters for the
    # name it stands for: longer than any ordinary report, so only a live blog of hundreds of thousands of
    # characters is cut, where an unbounded look back made each quote cost the whole page before it.
    antecedent_window_chars: int = 20000
    # The learned figure category (extract/figures/category_model.py): "fallback" (the model decides where the
    # rules say "other" with no unit: "16 pence", "235 million guilders"), "off" (the rules alone) or "alone"
    # (the model decides every figure; for measuring only).
    figure_category_model: str = "fallback"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """The defaults, with each NEWSLEDGER_<FIELD> variable that is set taking its place."""
        found = {}
        for setting in fields(cls):
            name = ENV_PREFIX + setting.name.upper()
            if name in environ:
                kind = type(setting.default)
                try:
                    found[setting.name] = kind(environ[name])
                except ValueError:
                    raise ValueError(f"{name}={environ[name]!r} is not a valid {kind.__name__}") from None
        return replace(cls(), **found)


DEFAULTS = Settings()
