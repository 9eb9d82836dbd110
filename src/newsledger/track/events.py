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
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import timex
from ..extract.figures.numerals import NUMERAL, QUALIFIERS
from ..model import Event, Span
from ..settings import DEFAULTS
from ..store import Store, queries
from ..store.places import events_within

# "Israel" and "Israeli", "Ukraine" and "Ukrainian": a shared stem this long and this much of the shorter name.
STEM_CHARS = 5
STEM_SHARE = 0.75
_WORD = re.compile(r"\w+")
_LEADING = {"the"}
QUALIFIER_WORDS = {word for qualifier in QUALIFIERS for word in qualifier.lower().split()}


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
        """One per sentence: "struck a school, killing 12 people" names the strike and the killing, one report."""
        return len({(r.article_id, r.event.sentence.start) for r in self.reports})

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


def cluster_events(reports: Iterable[EventReport],
                   window_days: int = DEFAULTS.event_window_days) -> list[EventCluster]:
    """Group reports of the same event; clusters come out in date order (undated last), ids "c1", "c2", ...

    Reports come in date order, so a group whose first report is already out of the window can take no more:
    only the open groups of the same type are tried, which keeps a ledger's thousands of events to linear time.
    """
    groups: list[list[EventReport]] = []
    open_groups: dict[tuple[str, bool, bool], list[list[EventReport]]] = defaultdict(list)
    for report in sorted((r for r in reports if not r.event.negated), key=_sort_key):
        day = report_day(report)
        candidates = open_groups[(report.event.type, report.event.planned, day is None)]
        if day is not None:
            candidates[:] = [g for g in candidates if (day - report_day(g[0])).days <= window_days]
        home = next((g for g in candidates if all(_same_event(report, other, window_days) for other in g)), None)
        if home is None:
            groups.append([report])
            candidates.append(groups[-1])
        else:
            home.append(report)
    clusters = [_summarise(group) for group in groups]
    clusters.sort(key=lambda c: (c.date is None, c.date or "", c.type))
    for n, cluster in enumerate(clusters, 1):
        cluster.id = f"c{n}"
    return clusters


def report_day(report: EventReport) -> dt.date | None:
    """The day the event happened: its own date, else (for current news only) the day it was published."""
    day = timex.day(report.event.date)
    if day is None and not report.event.background:
        day = timex.day(report.published)
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
    targets = (a.target, b.target)
    counted = [bool(t and NUMERAL.search(t)) for t in targets]
    if all(counted) and not same_name(_victims(a.target) or "?", _victims(b.target) or "?"):
        return False
    if any(counted):  # "shelled Kharkiv" and "wounding five civilians"; the same "people" is too little evidence
        targets = (None, None)
    for mine, theirs in ((a.actor, b.actor), targets, (a.event.place, b.event.place)):
        if mine and theirs:
            if not same_name(mine, theirs):
                return False
            shared += 1
    return shared > 0


def _victims(target: str) -> str:
    """ "An Israeli strike killed 12 people in Rafah" and "... killed at least 15 people": a target that counts its
    victims is compared by who they are, not by the toll the reports dispute; "more than 10,000 militants" are
    other victims than "11 people" (a running total is not the night's strike). Counted victims and a place or
    site struck ("struck a school", "killing 12 people") are not compared at all."""
    words = _words(NUMERAL.sub(" ", target))
    return " ".join(w for w in words if w not in QUALIFIER_WORDS)


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



# -- the ledger's events: one per real event, with every article that reports it -------------------------------------

def ledger_events(store: Store, *, type: str | None = None, place: str | None = None, since: str | None = None,
                  until: str | None = None, limit: int | None = 50, offset: int = 0,
                  actor: str | None = None) -> list[dict[str, Any]]:
    """Events across the ledger, newest first (undated last), each with its reports and the articles they sit in.

    Clustered on read, not stored. A report's cluster depends on every report near it in time, so a stored
    clustering would have to be redone around each late-arriving article; reading is cheap instead, because
    `cluster_events` only compares a report with the open clusters of its type and days. Measured on synthetic
    ledgers (10 types, 300 names, a year of dates): 5,000 events read and clustered in 0.2 s, 20,000 in 1.2 s, one
    type of 20,000 in 0.1 s (clustering alone: 0.9 s, where trying every cluster took 116 s). A type filter is
    applied in SQL, since clusters never mix types; place and dates filter the clusters, so an event is shown whole.
    A place matches the event's place or its target (a raid on Jenin is an event in Jenin); an actor matches the
    words of the event's actor ("Israel Defense Forces" for "defense forces").

    A report that names no actor is not listed: PLOVER codes no event without one (manual, "Required entities":
    "4 people were arrested/killed in a suicide bombing" has no named actor), and a ministry's toll ("27,840
    people have been killed") is a figure, kept in the figures table, not an event a coder can use.
    """
    rows = {(row["article_id"], row["local_id"]): row for row in queries.event_reports(store, type=type)
            if row["actor"]}
    inside = events_within(store, place) if place else set()
    clusters = [cluster for cluster in cluster_events(_report(row) for row in rows.values())
                if (_in_place(cluster, place) or any((r.article_id, r.event.id) in inside for r in cluster.reports))
                and _in_dates(cluster, since, until) and _by_actor(cluster, actor)]
    clusters.sort(key=lambda cluster: cluster.date or "", reverse=True)
    clusters.sort(key=lambda cluster: cluster.date is None)
    page = clusters[max(0, offset):] if limit is None else clusters[max(0, offset):max(0, offset) + max(0, limit)]
    return [_ledger_view(cluster, rows) for cluster in page]


def _report(row: dict[str, Any]) -> EventReport:
    sentence = Span(row["start"], row["end"], row["sentence"] or "")
    event = Event(id=row["local_id"], type=row["type"], mode=row["mode"], sentence=sentence,
                  trigger=_trigger_span(row, sentence), date=row["date"], place=row["place"],
                  background=bool(row["background"]), planned=bool(row["planned"]))
    return EventReport(row["article_id"], row["published"], event, row["actor"], row["target"])


def _trigger_span(row: dict[str, Any], sentence: Span) -> Span:
    """The trigger where the events table puts it. Rows stored before it kept the trigger's position have only its
    words: there the trigger is their first whole-word occurrence in the sentence (the sentence itself if the words
    are not found, e.g. in a hand-edited row)."""
    trigger, start, end = row["trigger"], row["trigger_start"], row["trigger_end"]
    if start is not None and end is not None and sentence.start <= start <= end <= sentence.end:
        return Span(start, end, sentence.text[start - sentence.start:end - sentence.start])
    found = re.search(rf"(?<!\w){re.escape(trigger)}(?!\w)", sentence.text) if trigger else None
    if found is None:
        return sentence
    return Span(sentence.start + found.start(), sentence.start + found.end(), found.group(0))


def _in_place(cluster: EventCluster, place: str | None) -> bool:
    if not place:
        return True
    wanted = set(_words(place))
    names = {cluster.place, cluster.target, *(r.event.place for r in cluster.reports),
             *(r.target for r in cluster.reports)}
    return bool(wanted) and any(name and wanted <= set(_words(name)) for name in names)


def _by_actor(cluster: EventCluster, actor: str | None) -> bool:
    wanted = set(_words(actor or ""))
    return not wanted or any(name and wanted <= set(_words(name)) for name in
                             {cluster.actor, *(r.actor for r in cluster.reports)})


def _in_dates(cluster: EventCluster, since: str | None, until: str | None) -> bool:
    if not (since or until):
        return True
    return cluster.date is not None and (not since or cluster.date >= since) and (not until or cluster.date <= until)


def _ledger_view(cluster: EventCluster, rows: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    first = cluster.reports[0]
    details = [rows[(r.article_id, r.event.id)] for r in cluster.reports]
    published = sorted(d["published"] for d in details if d["published"])
    sentences: dict[tuple[str, int], list[EventReport]] = {}  # the events one sentence reports: one report
    for r in cluster.reports:
        sentences.setdefault((r.article_id, r.event.sentence.start), []).append(r)
    return {
        "id": f"{first.article_id}-{first.event.id}", "type": cluster.type, "planned": cluster.planned,
        "actor": cluster.actor, "actor_id": _entity_id(cluster.actor, details, "actor"),
        "target": cluster.target, "target_id": _entity_id(cluster.target, details, "target"),
        "place": cluster.place, "date": cluster.date, "report_count": cluster.report_count,
        "article_count": cluster.article_count,
        "first_reported": published[0] if published else None, "last_reported": published[-1] if published else None,
        "mode": _most_common(d["mode"] for d in details),
        "reports": [{"article_id": r.article_id, "headline": d["headline"], "outlet": d["outlet"],
                     "published": d["published"], "event": r.event.id,
                     "events": [same.event.id for same in sentences[(r.article_id, r.event.sentence.start)]],
                     "date": r.event.date, "background": r.event.background, "trigger": _span_dict(r.event.trigger),
                     "sentence": _span_dict(r.event.sentence)}
                    for r, d in zip(cluster.reports, details)
                    if sentences[(r.article_id, r.event.sentence.start)][0] is r],
    }


def _entity_id(name: str | None, details: list[dict[str, Any]], role: str) -> int | None:
    """The canonical entity the cluster's actor or target name belongs to, for linking to its page."""
    return next((d[f"{role}_id"] for d in details if name and d[role] == name and d[f"{role}_id"] is not None), None)


def _span_dict(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def figure_events(store: Store, points: list[dict[str, Any]]) -> dict[tuple[str, str], set[str]]:
    """The real events each figure counts: the clusters of the events reported in the figure's own sentence.

    Two outlets' tolls of one hospital blast ("471 killed", "between 100 and 300") are then one event's counts,
    though their wording keeps them out of one story. Only the events of these figures' articles are clustered.
    """
    articles = {p["article_id"] for p in points}
    if not articles:
        return {}
    rows = [row for row in queries.event_reports(store) if row["article_id"] in articles]
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_article[row["article_id"]].append(row)
    for point in points:
        for row in by_article[point["article_id"]]:
            if not row["start"] <= point["start"] <= point["end"] <= row["end"]:
                continue
            # "Between 100 and 300 people were killed in the blast at the Gaza City hospital": an event whose own
            # place was not found takes the place of the toll counted in its sentence.
            if row["place"] is None and point["place"]:
                row["place"] = point["place"]
    clusters = {(r.article_id, r.event.id): cluster.id for cluster in cluster_events(_report(row) for row in rows)
                for r in cluster.reports}
    found: dict[tuple[str, str], set[str]] = {}
    for point in points:
        found[(point["article_id"], point["local_id"])] = {
            clusters[(row["article_id"], row["local_id"])] for row in by_article[point["article_id"]]
            if row["start"] <= point["start"] and point["end"] <= row["end"]}
    return found
