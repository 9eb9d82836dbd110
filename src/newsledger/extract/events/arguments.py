"""An event's arguments from the dependency parse: actor and target (subject and object, passive agent and subject,
the controller of an infinitive, the author of a rejected demand), and the dates, places and casualty figures
whose nearest event up the parse is this one.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span as SpacySpan, Token

from ...layout import layout
from ...lexicon import load_phrases
from ...model import Span
from ... import syntax
from .triggers import MESSAGE_NOUNS, Trigger

OBJECT_CONTROL = set(load_phrases("event_object_control.txt"))
CASUALTY_CATEGORIES = {"killed", "injured", "missing", "hostages", "detained"}
NOT_PLACE_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into"}
TARGET_PREPOSITIONS = ("against", "on", "upon", "with", "to", "into", "from", "at", "over")
RECIPIENT_PREPOSITIONS = ("to", "for", "with", "from")
AUTHOR_PREPOSITIONS = ("by", "from", "of")
NOT_PARTICIPANT_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
THIRD_PERSON = {"it", "its", "they", "their", "them", "he", "his", "she", "her"}
ACTOR_LABELS = {"PERSON", "NORP", "GPE", "ORG"}
_PHRASE_CUT_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "prep"}
_PHRASE_KEPT_PREPS = {"of"}


def participants(f: Trigger) -> tuple[Token | None, Token | None]:
    if f.verbal:
        actor, target = _verb_actor(f.anchor), f.addressee or _verb_target(f.anchor, f.noun)
    else:
        actor, target = _noun_actor(f.anchor), _child_with_prep(f.anchor, ("on", "against"))
    return _antecedent(actor, f.anchor), target


def _antecedent(actor: Token | None, anchor: Token) -> Token | None:
    """ "Syria says it is willing to withdraw", "the committee completed its investigation": a third-person
    pronoun inside a clause stands for the subject of the clause above it."""
    if actor is None or actor.pos_ != "PRON" or actor.lower_ not in THIRD_PERSON:
        return actor
    token = anchor
    for _ in range(6):
        if token.head == token:
            break
        token = token.head
        subject = syntax.first_child(token, "nsubj")
        if subject is not None and subject.pos_ != "PRON" and subject.i != actor.i:
            return subject
    return actor


def _verb_actor(verb: Token, depth: int = 0) -> Token | None:
    if syntax.is_passive(verb):
        return syntax.passive_agent(verb)
    subject = ([c for c in verb.children if c.dep_ == "nsubj"] or [None])[-1]
    if subject is not None:
        if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":  # "militants who attacked ..."
            return verb.head
        return subject
    if depth > 4 or verb.head == verb:
        return None
    governor = verb.head
    if verb.dep_ == "xcomp" and syntax.lemma(governor) in OBJECT_CONTROL:
        obj = syntax.first_child(governor, "dobj")
        if obj is not None:
            return obj
    if verb.dep_ in ("xcomp", "conj") or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        if governor.pos_ == "ADJ" and governor.head != governor:  # "is ready to send"
            governor = governor.head
        return _verb_actor(governor, depth + 1)
    return None


def _verb_target(verb: Token, carried: Token | None, depth: int = 0) -> Token | None:
    """Who the act is done to: the passive subject, the indirect or direct object, or the object of "against",
    "on", "with", "to" ... A recipient beats the thing handed over ("offered its troops to Lebanon's
    president"). When the object is part of the trigger ("cut funding to the agency", "held a meeting with
    the envoy") its own preposition names the target. A verb of intent with no target of its own takes its
    complement's ("agreed to provide aid for Romania")."""
    candidates = [c for c in verb.children if c.dep_ in ("nsubjpass", "dative", "dobj")
                  and c.tag_ not in ("WDT", "WP") and (carried is None or c.i != carried.i)]
    candidates.sort(key=lambda c: ("nsubjpass", "dative", "dobj").index(c.dep_))
    if candidates:
        target = candidates[0]
        handed_over = target.ent_type_ not in ACTOR_LABELS and target.lemma_.lower() not in MESSAGE_NOUNS
        if target.dep_ == "dobj" and handed_over:
            recipient = _child_with_prep(verb, RECIPIENT_PREPOSITIONS) or _child_with_prep(target, ("to", "for"))
            if recipient is not None:
                return recipient
        return _author_of_message(target)
    for holder in ([carried] if carried is not None else []) + [verb]:
        target = _child_with_prep(holder, TARGET_PREPOSITIONS)
        if target is not None:
            return target
    complement = syntax.first_child(verb, "xcomp")
    if complement is not None and complement.pos_ == "VERB" and depth < 3:
        return _verb_target(complement, None, depth + 1)
    return None


def _author_of_message(noun: Token) -> Token:
    """In "rejected North Korea's demand" or "an appeal from President X" the target is who made it."""
    if noun.lemma_.lower() not in MESSAGE_NOUNS:
        return noun
    possessor = syntax.first_child(noun, "poss")
    if possessor is not None:
        return possessor
    author = _child_with_prep(noun, AUTHOR_PREPOSITIONS)
    if author is not None:
        return author
    named = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.ent_type_ in ACTOR_LABELS]
    return named[0] if named else noun


def _noun_actor(noun: Token) -> Token | None:
    """ "Hamas's attack", "Israeli strikes", "an attack by militants"."""
    possessor = syntax.first_child(noun, "poss")
    if possessor is not None:
        return possessor
    named = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.ent_type_ in ACTOR_LABELS]
    if named:
        return named[0]
    return _child_with_prep(noun, ("by",))


def _child_with_prep(token: Token, prepositions: Iterable[str]) -> Token | None:
    for prep in prepositions:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == prep:
                obj = syntax.first_child(child, "pobj")
                if obj is not None and obj.ent_type_ not in NOT_PARTICIPANT_LABELS:
                    return obj
    return None


def mention(doc: Doc, head: Token | None) -> Span | None:
    """The noun phrase a participant is named by: "Israeli troops", "The United States and Jordan",
    "Rebels in the Ivory Coast", without relative clauses, appositions or trailing clauses."""
    if head is None:
        return None
    kept = [head]
    stack = list(head.children)
    while stack:
        t = stack.pop()
        cut = t.dep_ in _PHRASE_CUT_DEPS and not (t.dep_ == "prep" and t.lower_ in _PHRASE_KEPT_PREPS
                                                  and t.head == head)
        if cut or t.dep_ == "case" and t.head != head:
            continue
        kept.append(t)
        stack.extend(t.children)
    first, last = min(t.i for t in kept), max(t.i for t in kept)
    while last > first and (doc[last].is_punct or doc[last].dep_ == "case"):
        last -= 1
    return Span.of(layout(doc).text, doc[first].idx, doc[last].idx + len(doc[last].text))


def attach(doc: Doc, owner: dict[int, Trigger], items: Iterable[tuple[Span, object]]) -> dict[int, list]:
    """Give each item (a time, a place, a figure) to the nearest event above it in the parse. An item that
    no event governs ("talks would start on Thursday": Thursday hangs on "start") goes to the events below
    the verb it hangs on, unless another event stands between them."""
    attached: dict[int, list] = {}
    loose: dict[int, list] = {}
    for span, item in items:
        chars = doc.char_span(span.start, span.end, alignment_mode="expand")
        if chars is None or not len(chars):
            continue
        event, verb = _governing_event(chars.root, owner)
        if event is not None:
            attached.setdefault(id(event), []).append(item)
        elif verb is not None:
            loose.setdefault(verb.i, []).append(item)
    for f in {id(f): f for f in owner.values()}.values():
        if id(f) in attached:
            continue
        token = f.anchor
        while token.head != token:
            token = token.head
            if token.i in owner:
                break
            if token.i in loose:
                attached[id(f)] = loose[token.i]
                break
    return attached


def _governing_event(token: Token, owner: dict[int, Trigger]) -> tuple[Trigger | None, Token | None]:
    """The nearest event anchor above `token` (or on it), else the nearest verb above it."""
    first_verb = None
    while True:
        if token.i in owner:
            return owner[token.i], None
        if first_verb is None and token.pos_ in ("VERB", "AUX"):
            first_verb = token
        if token.head == token:
            return None, first_verb
        token = token.head


def place_phrases(doc: Doc) -> Iterator[SpacySpan]:
    """ "in Gaza", "near the border town of Rafah", "outside Jenin": a name given as where something happened.
    The small model often labels an unfamiliar town as something else, so any proper name after a place
    preposition counts unless it is tagged as a person, organisation, group or number."""
    entity_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}  # doc.ents is rebuilt per access
    for token in doc:
        if token.dep_ != "pobj" or token.head.lower_ not in PLACE_PREPOSITIONS or token.pos_ != "PROPN":
            continue
        if token.ent_type_ in NOT_PLACE_LABELS:
            continue
        ent = entity_of.get(token.i)
        if ent is None:
            first = min([token] + [c for c in token.children if c.dep_ == "compound"], key=lambda t: t.i)
            ent = doc[first.i:token.i + 1]
        yield ent


def place_name(ent: SpacySpan) -> str:
    words = ent.text.split()
    return " ".join(words[1:]) if words and words[0].lower() == "the" and len(words) > 1 else ent.text
