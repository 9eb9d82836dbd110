"""Whether an event is planned (modal, intended, ordered, still to come), negated (not, refused to), or background
(recalled: a date well before publication, "followed the attack on 7 October", past perfect in the narrator's
voice).
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from ... import syntax, timex
from ...lexicon import data_lines, load_phrases
from .arguments import OBJECT_CONTROL, names_no_one
from .triggers import CALLED_FOR_MARKS, MODALS, REPORTING_VERBS, Trigger, lexicon_type

INTENT_WORDS = set(load_phrases("event_intent_words.txt"))
RECALL_CUES = set(load_phrases("event_recall_cues.txt"))
NEGATING_VERBS = set(load_phrases("event_negating_verbs.txt"))
CONDITIONS = {"if", "unless"}
# Governors whose infinitive or clause complement is an act still to come ("agreed to", "demanded that").
FORWARD_TYPES = {"AGREE", "REQUEST", "THREATEN", "CONCEDE"}
# Events whose complement is what they are about, not an event of its own; orders, whose complement is, except
# when it moves forces.
CONTENT_TYPES = {"AGREE", "REQUEST", "THREATEN", "REJECT"}
ORDER_VERBS = {"order", "instruct", "command", "direct"}
CONTENT_MODES = {(kind, content): mode for kind, content, mode in
                 (line.split("\t") for line in data_lines("event_content_modes.tsv"))}


def planned_and_negated(f: Trigger) -> tuple[bool, bool]:
    """(planned, negated) for the event's verb, or for the verb that governs an event noun."""
    verb = f.anchor if f.verbal else _governing_verb(f.anchor)
    planned = negated = False
    if not f.verbal:
        negated = names_no_one(f.anchor)  # "no attack was reported"
        planned = any(c.dep_ == "amod" and c.lower_ in INTENT_WORDS for c in f.anchor.children)
    else:  # "No one was arrested", "killed no civilians": done by, or to, no one
        negated = any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and names_no_one(c) for c in f.anchor.children)
    seen = 0
    while verb is not None and seen < 5:
        seen += 1
        children = list(verb.children)
        negated = negated or any(c.dep_ == "neg" for c in children)
        planned = planned or any(c.dep_ == "aux" and c.lower_ in MODALS for c in children)
        planned = planned or any(c.dep_ == "xcomp" and c.lower_ == "going" for c in children)
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in INTENT_WORDS:  # "Israel has no plans to withdraw"
            planned = True
            negated = negated or any(c.dep_ == "det" and c.lower_ == "no" for c in verb.head.children)
            break
        if verb.dep_ == "conj":
            verb = verb.head
            continue
        if verb.dep_ not in ("xcomp", "ccomp") or verb.head == verb:
            break
        governor = verb.head
        governor_type = lexicon_type(governor)
        if governor_type == "REJECT" or syntax.lemma(governor) in NEGATING_VERBS:
            return False, True
        if verb.dep_ == "ccomp" and syntax.lemma(governor) in REPORTING_VERBS:  # "said it would": the report's modal
            break
        if syntax.lemma(governor) in INTENT_WORDS or governor_type in FORWARD_TYPES or (
                verb.dep_ == "xcomp" and syntax.lemma(governor) in OBJECT_CONTROL):
            planned = True
        if governor.pos_ == "ADJ" or governor_type in FORWARD_TYPES:
            break
        verb = governor
    return planned, negated


def without_contents(found: list[Trigger]) -> list[Trigger]:
    """The triggers less those that are only what another event is about: in "Hezbollah threatened to strike Tel
    Aviv", "agreed to withdraw its troops", "refused to release the hostages", "urged Israel to halt the offensive"
    the strike, the withdrawal, the release and the halt are the content (PLOVER: the mode) of the threat, the
    agreement, the refusal and the request, not events of their own. An order that moves forces is itself the
    move: "Netanyahu ordered the army to deploy troops along the border" is one MOBILIZE by Netanyahu (the manual's
    "military or police moves"), as "ordered troops to prepare to operate in Rafah" is."""
    by_anchor = {f.anchor.i: f for f in found}
    kept = []
    for f in found:
        governor = _content_of(f, by_anchor)
        if governor is None:
            kept.append(f)
        elif syntax.lemma(governor.anchor) in ORDER_VERBS:  # what it orders moves forces
            governor.type, governor.mode = f.type, f.mode
        else:
            governor.mode = governor.mode or CONTENT_MODES.get((governor.type, f.type))
    return kept


def _content_of(f: Trigger, by_anchor: dict[int, Trigger]) -> Trigger | None:
    """The event whose content the trigger is, if any."""
    token = f.anchor
    if f.verbal:
        while token.dep_ == "conj":  # "to withdraw and disarm"
            token = token.head
        if token.dep_ not in ("xcomp", "ccomp") and not _called_for(token):
            return None
    else:
        if token.dep_ == "pobj":  # "called for sanctions against Nigeria"
            token = token.head
        if token.dep_ not in ("dobj", "prep"):
            return None
    governor = by_anchor.get(token.head.i)
    if governor is None or governor is f or governor.type not in CONTENT_TYPES:
        return None
    if syntax.lemma(governor.anchor) in ORDER_VERBS and f.type != "MOBILIZE":
        return None  # "ordered an investigation", "ordered the release": what is ordered is an event of its own
    return governor


def _called_for(clause: Token) -> bool:
    """ "pushing hard for the US to support its plan": the clause a call is for is what is asked."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CALLED_FOR_MARKS for c in clause.children)


def is_ultimatum(f: Trigger) -> bool:
    """ "The party said it would pull out of the coalition unless the prime minister resigned": an act announced
    on a condition the other side must meet is a threat (PLOVER THREATEN: "coercive ... warnings"), whatever the act."""
    verb = f.anchor if f.verbal else _governing_verb(f.anchor)
    return verb is not None and any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                                              for m in c.children) for c in verb.children)


def is_hypothetical(f: Trigger) -> bool:
    """ "to help defend Saudi Arabia if it is attacked", "unless Israel ends the war and withdraws its forces": an
    act inside a condition has not happened and is not announced; it is kept apart (and coded as what it is)."""
    token = f.anchor if f.verbal else _governing_verb(f.anchor)
    for _ in range(3):
        if token is None:
            return False
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in token.children):
            return True
        if token.dep_ != "conj":
            return False
        token = token.head
    return False


def _governing_verb(noun: Token) -> Token | None:
    token = noun
    for _ in range(4):
        if token.head == token:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def is_background(f: Trigger, date: str | None, published: dt.date | None, days: int) -> bool:
    """Recalled rather than news: dated at least `days` before publication, a recalled noun ("since the
    invasion"), or the narrator's past perfect about a time not within `days` of publication."""
    if _well_before(date, published, days):
        return True
    if not f.verbal and _recalled_noun(f.anchor):
        return True
    return _narrated_past_perfect(f.anchor) and not _recent(date, published, days)


def _recalled_noun(noun: Token) -> bool:
    """ "followed Hamas's attack", "since the invasion", "in retaliation for the bombing"."""
    head = noun.head
    if head.lemma_.lower() in RECALL_CUES:
        return True
    return head.dep_ == "prep" and head.head.lemma_.lower() in RECALL_CUES


def _narrated_past_perfect(verb: Token) -> bool:
    """ "Hamas had attacked ..." in the narrator's voice; in "X said it had expelled" the past perfect is only
    the reported speech's shifted tense."""
    if not any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children):
        return False
    token = verb
    while token.head != token:
        if token.dep_ in ("ccomp", "parataxis") and token.head.lemma_.lower() in REPORTING_VERBS:
            return False
        token = token.head
    return True


def _well_before(value: str | None, published: dt.date | None, days: int) -> bool:
    last = timex.last_day(value)
    return last is not None and published is not None and (published - last).days >= days


def _recent(value: str | None, published: dt.date | None, days: int) -> bool:
    day = timex.day(value)
    return day is not None and published is not None and abs((published - day).days) < days


def after_publication(value: str | None, published: dt.date | None, f: Trigger) -> bool:
    """A date after the publication day makes an act still to come, unless the verb tells it done: "Militants
    attacked the village on Friday" in a story dated Thursday runs on a clock ahead of its dateline (the times
    engine dates that Friday the day after), and what it tells in the simple past has happened."""
    day = timex.day(value)
    return day is not None and published is not None and day > published and not (
        f.verbal and f.anchor.tag_ == "VBD")
