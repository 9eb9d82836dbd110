"""Events apart from reports: the reports of one event, across articles, clustered into one event.

GDELT deduplicates by exact match on its event fields, so one kidnapping told a hundred ways on one day counts a
hundred times. Here two reports are the same event when they agree on type and on being planned or done, name no
conflicting actor, target or place, share at least one of them, and fall within a day of each other (the event's
own date, else the article's publication day for current news). A report joins the first cluster it fits every
member of, so dates cannot drift along a chain of reports. Negated events ("did not attack") are not events.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Event

WINDOW_DAYS = 1
# "Israel" and "Israeli", "Ukraine" and "Ukrainian": a shared stem this long and this much of the shorter name.
STEM_CHARS = 5
STEM_SHARE = 0.75
_WORD = re.compile(r"\w+")
_LEADING = {"the"}


@dataclass(frozen=True)
class EventReport:
    """One article's report of an event, with the names its actor and target entities resolved to."""

    article_id: str
    published: str | None
    event: Event
    actor: str | None = None
    target: str | None = None


@dataclass
class EventCluster:
    id: str
    type: str
    planned: bool
    actor: str | None
    target: str | None
    place: str | None
    date: str | None
    reports: list[EventReport] = field(default_factory=list)

    @property
    def report_count(self) -> int:
        return len(self.reports)

    @property
    def article_count(self) -> int:
        return len({r.article_id for r in self.reports})

    def to_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "planned": self.planned, "actor": self.actor,
                "target": self.target, "place": self.place, "date": self.date,
                "report_count": self.report_count, "article_count": self.article_count,
                "reports": [{"article": r.article_id, "event": r.event.id, "trigger": r.event.trigger.text,
                             "sentence": r.event.sentence.text, "background": r.event.background}
                            for r in self.reports]}


def cluster_events(reports: Iterable[EventReport], window_days: int = WINDOW_DAYS) -> list[EventCluster]:
    """Group reports of the same event; clusters come out in date order (undated last), ids "c1", "c2", ..."""
    groups: list[list[EventReport]] = []
    for report in sorted((r for r in reports if not r.event.negated), key=_sort_key):
        home = next((g for g in groups if all(_same_event(report, other, window_days) for other in g)), None)
        if home is None:
            groups.append([report])
        else:
            home.append(report)
    clusters = [_summarise(group) for group in groups]
    clusters.sort(key=lambda c: (c.date is None, c.date or "", c.type))
    for n, cluster in enumerate(clusters, 1):
        cluster.id = f"c{n}"
    return clusters


def report_day(report: EventReport) -> dt.date | None:
    """The day the event happened: its own date, else (for current news only) the day it was published."""
    day = _day(report.event.date)
    if day is None and not report.event.background:
        day = _day(report.published)
    return day


def _sort_key(report: EventReport) -> tuple:
    day = report_day(report)
    return (day is None, day or dt.date.min, report.article_id, report.event.trigger.start)


def _same_event(a: EventReport, b: EventReport, window_days: int) -> bool:
    if a.event.type != b.event.type or a.event.planned != b.event.planned:
        return False
    day_a, day_b = report_day(a), report_day(b)
    if (day_a is None) != (day_b is None):
        return False
    if day_a is not None and abs((day_a - day_b).days) > window_days:
        return False
    shared = 0
    for mine, theirs in ((a.actor, b.actor), (a.target, b.target), (a.event.place, b.event.place)):
        if mine and theirs:
            if not same_name(mine, theirs):
                return False
            shared += 1
    return shared > 0


def same_name(a: str, b: str) -> bool:
    """ "Benjamin Netanyahu" and "Netanyahu", "Israel" and "Israeli", "the Gaza Strip" and "Gaza Strip"."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return False
    if words_a == words_b:
        return True
    if words_a[-1] == words_b[-1] and (set(words_a) <= set(words_b) or set(words_b) <= set(words_a)):
        return True
    if len(words_a) == len(words_b) == 1:
        return _shared_stem(words_a[0], words_b[0])
    return False


def _shared_stem(a: str, b: str) -> bool:
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    return common >= STEM_CHARS and common >= STEM_SHARE * min(len(a), len(b))


def _words(name: str) -> list[str]:
    words = _WORD.findall(name.lower())
    while words and words[0] in _LEADING:
        words = words[1:]
    return words


def _summarise(group: list[EventReport]) -> EventCluster:
    days = [d for d in (report_day(r) for r in group) if d is not None]
    return EventCluster(
        id="", type=group[0].event.type, planned=group[0].event.planned,
        actor=_most_common(r.actor for r in group), target=_most_common(r.target for r in group),
        place=_most_common(r.event.place for r in group), date=min(days).isoformat() if days else None,
        reports=list(group))


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _day(value: str | None) -> dt.date | None:
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
