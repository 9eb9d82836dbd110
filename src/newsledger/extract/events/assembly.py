"""Each trigger made an event: its arguments attached, its mode, modality and background read."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from ... import syntax, timex
from ...layout import layout
from ...lexicon import data_lines, load_phrases
from ...model import Article, Event, Figure, Span, TimeExpr
from ...settings import DEFAULTS, Settings
from ..signals import dating_times
from .arguments import (CASUALTY_CATEGORIES, PERPETRATOR_NOUNS, WEAPON_NOUNS, attach, mention, participants,
                        place_name, place_phrases, same_act)
from .modality import (CONTENT_MODES, after_publication, is_background, is_hypothetical, is_ultimatum,
                       planned_and_negated, without_contents)
from .triggers import NOUNS, Trigger, find_triggers, merge_consequences, mode_from_words

ANAPHORIC_DETERMINERS = {"the", "this", "that", "these", "those"}
FIGHTER_NOUNS = set(load_phrases("event_fighter_nouns.txt")) | PERPETRATOR_NOUNS
# lemma -> the lemmas that tell the same act ("explosion" -> blast, explode, bomb, ...)
_RETOLD = {word: set(line.split()) for line in data_lines("event_retold_words.txt") for word in line.split()}


def extract_events(doc: Doc, article: Article, times: list[TimeExpr], figures: list[Figure],
                   settings: Settings = DEFAULTS) -> list[Event]:
    page = layout(doc)
    if not page.text.strip():
        return []
    found = without_contents(merge_consequences([f for sent in page.sentences for f in find_triggers(sent)]))
    owner = {token.i: f for f in found for token in f.anchors()}
    dates = attach(doc, owner, ((t.span, t) for t in dating_times(page.text, times)))
    places = attach(doc, owner, ((Span(p.start_char, p.end_char, p.text), p) for p in place_phrases(doc)))
    casualties = attach(doc, owner, ((f.span, f) for f in figures if f.category in CASUALTY_CATEGORIES))
    published = timex.day(article.published)
    told = _Told()
    for f in sorted(found, key=lambda f: f.start):
        actor, target = participants(f)
        time = dates.get(id(f), [None])[0]
        place = places.get(id(f), [None])[0]
        date = time.value if time else None
        planned, negated = planned_and_negated(f)
        planned = planned or after_publication(date, published, f)
        if planned and not negated and f.type != "THREATEN" and is_ultimatum(f):
            f.type, f.mode = "THREATEN", CONTENT_MODES.get(("THREATEN", f.type))
        event = Event(
            id=f"v{len(told.events) + 1}", type=f.type, mode=f.mode or mode_from_words(f),
            trigger=Span.of(page.text, f.start, f.end),
            sentence=Span.trimmed(page.text, page.sentence(f.anchor).start_char, page.sentence(f.anchor).end_char),
            actor_mention=mention(doc, actor), target_mention=mention(doc, target),
            date=date, place=place_name(place) if place else None,
            figures=[fig.id for fig in casualties.get(id(f), [])],
            planned=planned, negated=negated, hypothetical=is_hypothetical(f),
            background=not planned and is_background(f, date, published, settings.background_days),
        )
        if actor is not None and actor.pos_ == "NOUN" and actor.lemma_.lower() in NOUNS.keys() | WEAPON_NOUNS:
            told.things.add(event.id)
        _lend_actor_back(f, event, told)
        before = _told_before(f, event, told)
        if before is not None:
            told.retell(before, f, event)
            continue
        told.add(f, _toll_of_the_assault_before(f, _recall_participants(f, event, told, actor), told.events,
                                                page.text, target))
    return told.events


@dataclass
class _Told:
    """The article's events told so far, in order, with the trigger each was first told by, the events whose actor
    is only a weapon or an act ("a roadside bomb exploded": no one, `things`), and the events told with each lemma
    (`by_word`: "explosion" -> the events an explosion told, retellings included)."""

    events: list[Event] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    things: set[str] = field(default_factory=set)
    by_word: dict[str, list[int]] = field(default_factory=dict)

    def add(self, f: Trigger, event: Event) -> None:
        self.events.append(event)
        self.triggers.append(f)
        self._index_words(f, len(self.events) - 1)

    def retell(self, index: int, f: Trigger, event: Event) -> None:
        """The event at `index` told again by `f` (`_retelling`); `event` is not kept, and its id goes to the next."""
        self.events[index] = _retelling(self.events[index], event, self.things)
        self.things.discard(event.id)
        self._index_words(f, index)

    def _index_words(self, f: Trigger, index: int) -> None:
        for anchor in f.anchors():
            self.by_word.setdefault(anchor.lemma_.lower(), []).append(index)


def _lend_actor_back(f: Trigger, event: Event, told: _Told) -> None:
    """ "The Cafetería Rolando bombing was an attack on 13 September 1974 ... the attack is widely believed to have
    been carried out by ETA": an event noun that points back and names who did it names the actor of the event it
    retells (`_retold`), and of what that one is said to be ("The bombing was an attack"), when they named none or
    only a weapon ("A roadside bomb exploded near the convoy ... The Taliban claimed the bombing")."""
    if f.verbal or event.actor_mention is None or event.id in told.things or not _points_back(f.anchor):
        return
    index = _retold(f.anchor, event.type, told, with_actor=False)
    if index is None:
        return
    same = [told.triggers[index].anchor, *same_act(told.triggers[index].anchor)]
    for n, earlier in enumerate(told.events):
        named_by = earlier.actor_mention
        # "... an attack at the Rolando cafe which killed 13 people": what the attack did, ETA did
        if (named_by is None or earlier.id in told.things) and told.triggers[n].anchor in same or \
                named_by is not None and any(named_by.start <= a.idx < named_by.end for a in same):
            told.events[n] = replace(earlier, actor_mention=event.actor_mention)
            told.things.discard(earlier.id)


def _retelling_noun(f: Trigger) -> Token | None:
    """The event noun a trigger tells the act by: itself, or the one its light verb carries ("the Taliban carried
    out the attack")."""
    return f.noun if f.verbal else f.anchor


def _retold(noun: Token, kind: str, told: _Told, with_actor: bool) -> int | None:
    """The index of the earlier event an event noun that points back retells: the last one of its type told with
    the same noun ("the IRA's decision to carry out the Bloody Friday attacks ... Within 10 days of the attacks"),
    else the last one of its type; with `with_actor`, among those that name an actor."""
    earlier = [n for n, e in enumerate(told.events)
               if e.type == kind and (e.actor_mention is not None or not with_actor)]
    lemma = noun.lemma_.lower()
    return next((n for n in reversed(earlier) if any(a.lemma_.lower() == lemma for a in told.triggers[n].anchors())),
                earlier[-1] if earlier else None)


def _recall_participants(f: Trigger, event: Event, told: _Told, actor: Token | None) -> Event:
    """ "Israeli warplanes struck Rafah overnight. ... The strike destroyed two homes": an event noun that points
    back, with no actor of its own, is an earlier event of its type retold, and takes its actor, and its target and
    place where it names none. The event it retells is the last one told with the same noun ("the IRA's decision to
    carry out the Bloody Friday attacks ... Within 10 days of the attacks"), else the last one of its type."""
    if f.verbal:
        return _recall_actor(actor, event, told)
    if event.actor_mention is not None or not _points_back(f.anchor):
        return event
    index = _retold(f.anchor, event.type, told, with_actor=True)
    if index is None:
        return event
    earlier = told.events[index]
    return replace(event, actor_mention=earlier.actor_mention,
                   target_mention=event.target_mention or earlier.target_mention, place=event.place or earlier.place)


def _toll_of_the_assault_before(f: Trigger, event: Event, events: list[Event], text: str,
                                 victims: Token | None) -> Event:
    """ "A suicide bomber struck a market in Kabul on Sunday. Twelve people were killed and 30 wounded": harm told
    in the passive with no one named, in the sentence right after an assault whose doer is named, is that
    assault's toll and that doer's act (KAIROS annotates such arguments across sentences). Not when the victims
    are fighters ("Twenty insurgents were killed" after the insurgents' attack: someone else killed them) or among
    the doers named before ("two brothers, Tamerlan and Dzhokhar, detonated the bombs ... Tamerlan was killed"), nor
    when a new event is what harmed them ("was killed in a gun battle with police")."""
    if not f.verbal or f.type != "ASSAULT" or event.actor_mention is not None or not syntax.is_passive(f.anchor) \
            or not events or victims is not None and victims.lemma_.lower() in FIGHTER_NOUNS or any(
            o.lemma_.lower() in NOUNS and not _points_back(o) for o in _occasions(f.anchor)):
        return event
    earlier = events[-1]
    if earlier.type != "ASSAULT" or earlier.actor_mention is None or earlier.planned or earlier.negated or \
            earlier.sentence.end > event.sentence.start or text[earlier.sentence.end:event.sentence.start].strip():
        return event
    doers = f.anchor.doc.char_span(earlier.actor_mention.start, earlier.actor_mention.end, alignment_mode="expand")
    if victims is not None and doers is not None and victims.lower_ in {t.lower_ for t in doers.root.subtree}:
        return event
    return replace(event, actor_mention=earlier.actor_mention)


def _occasions(verb: Token) -> list[Token]:
    return [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("in", "during") for o in p.children
            if o.dep_ == "pobj"]


def _recall_actor(actor: Token | None, event: Event, told: _Told) -> Event:
    """ "Militants ambushed a patrol on Sunday; the ambush killed six soldiers": an event noun that points back,
    standing as the actor of a verb, stands for whoever did the event it retells."""
    if actor is None or actor.pos_ != "NOUN" or actor.lemma_.lower() not in NOUNS or not _points_back(actor):
        return event
    index = _retold(actor, NOUNS[actor.lemma_.lower()][0], told, with_actor=True)
    return event if index is None else replace(event, actor_mention=told.events[index].actor_mention)


def _told_before(f: Trigger, event: Event, told: _Told) -> int | None:
    """The index of the earlier event a definite event noun tells again: after "a roadside bomb exploded near the
    convoy", "the explosion circulated on social media" and "the attack killed 13" are the same event, not new ones;
    so is "the attack" two paragraphs after "Taliban gunmen attacked Camp Shorabak". The noun must point back ("the",
    "this", "Saturday's") and agree with the earlier event on type, on being done (not planned, negated or only a
    condition), and on every actor, target, place and date both name (`_agree`). It retells the last such event of
    its own sentence, or of those told with a word of its class (`event_retold_words.txt`, looked up in
    `_Told.by_word`): "the attack" after "a bomb exploded, killing three" is no retelling of the killing."""
    noun = _retelling_noun(f)
    if noun is None or not _points_back(noun):
        return None
    family = _RETOLD.get(noun.lemma_.lower(), {noun.lemma_.lower()})
    candidates = {n for lemma in family for n in told.by_word.get(lemma, ())}
    index = len(told.events) - 1
    while index >= 0 and told.events[index].sentence == event.sentence:
        candidates.add(index)
        index -= 1
    return next((n for n in sorted(candidates, reverse=True)
                 if _agree(told.events[n], event, told.events[n].id in told.things)), None)


def _agree(earlier: Event, event: Event, thing_acted: bool) -> bool:
    """Same type, both done, and no participant, place or date that tells them apart (a weapon as the earlier
    actor is no one)."""
    actors = (None if thing_acted else _text(earlier.actor_mention), _text(event.actor_mention))
    return earlier.type == event.type and not (earlier.negated or event.negated or event.hypothetical) and (
        earlier.planned == event.planned and earlier.hypothetical == event.hypothetical) and _within(
        earlier.date, event.date) and _compatible(earlier.place, event.place) and _compatible(*actors) and _compatible(
        _text(earlier.target_mention), _text(event.target_mention))


def _retelling(earlier: Event, event: Event, things: set[str]) -> Event:
    """The earlier event with a retelling's words kept as its mention, and what only the retelling says: "the
    blast killed 13 in Rolando's cafe" adds the toll and the place; "the Taliban carried out the attack" who did
    what only a weapon did before."""
    figures = earlier.figures + [f for f in event.figures if f not in earlier.figures]
    actor = earlier.actor_mention
    if event.actor_mention is not None and event.id not in things and (actor is None or earlier.id in things):
        actor = event.actor_mention
        things.discard(earlier.id)
    date = max(earlier.date or "", event.date or "", key=len) or None  # the more precise of two that agree
    return replace(earlier, mentions=[*earlier.mentions, event.trigger], figures=figures, date=date,
                   place=earlier.place or event.place, actor_mention=actor,
                   target_mention=earlier.target_mention or event.target_mention)


def _points_back(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS
               or c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME") for c in noun.children)


def _within(a: str | None, b: str | None) -> bool:
    """Two dates that may be one day: "on Tuesday" (2024-02-06) and "this month" (2024-02)."""
    return not a or not b or a.startswith(b) or b.startswith(a)


def _compatible(a: str | None, b: str | None) -> bool:
    return not a or not b or a.lower() == b.lower()


def _text(span: Span | None) -> str | None:
    return span.text if span else None
