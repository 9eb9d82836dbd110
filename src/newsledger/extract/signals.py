"""Temporal signals shared by the engines: a date after "since" or "from" opens a period rather than dating it.

"At least 27,708 people have been killed since October 7, the ministry said on Thursday": the figure is as of
Thursday, and the killing is not an event of 7 October.
"""
from __future__ import annotations

import re

from ..model import TimeExpr
from ..lexicon import alternation, load_phrases

_PERIOD_OPENERS = re.compile(
    r"\b(?:" + alternation(load_phrases("time_period_openers.txt")) + r")\s+(?:the\s+)?$",
    re.IGNORECASE)
_LOOKBACK = 24


def opens_period(text: str, time: TimeExpr) -> bool:
    """Whether the time expression is the start of a period ("since October 7", "from 7 October")."""
    return bool(_PERIOD_OPENERS.search(text, max(0, time.span.start - _LOOKBACK), time.span.start))


def dating_times(text: str, times: list[TimeExpr]) -> list[TimeExpr]:
    """The DATE and TIME expressions that date what their sentence reports (not those opening a period)."""
    return [t for t in times if t.type in ("DATE", "TIME") and not opens_period(text, t)]
