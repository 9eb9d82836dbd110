"""An event's arguments from the dependency parse: actor and target (subject and object, passive agent and subject,
the controller of an infinitive or a gerund, the author of a rejected demand, the words that name who did an act
named by a noun: "responsible for", "behind", "accused of", "claimed"), and the dates, places and casualty figures
whose nearest event up the parse is this one.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span as SpacySpan, Token

from ...layout import column, layout
from ...lexicon import data_lines, load_phrases
from ...model import Span
from ... import syntax
from .triggers import (MESSAGE_NOUNS, NOUNS, QUANTITY_NOUNS, REPORTING_VERBS, SUPPORT_VERBS, Trigger, carried_noun,
                       lexicon_type, verb_keys)

OBJECT_CONTROL = set(load_phrases("event_object_control.txt"))
CASUALTY_CATEGORIES = {"killed", "injured", "missing", "hostages", "detained"}
NOT_PLACE_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into"}
TARGET_PREPOSITIONS = ("against", "on", "upon", "with", "to", "into", "from", "at", "over", "between")
# Where someone a thing is aimed at stands: "sanctions against Nigeria", "support from the Assembly",
# "a curfew in Algiers", "a truce with Moslem forces", "a mediation effort between the Emirates and Saudi Arabia".
AIMED_PREPOSITIONS = ("against", "on", "upon", "to", "with", "between", "among", "from", "for", "by", "in", "into",
                      "over")
AUTHOR_PREPOSITIONS = ("by", "from", "of")
NOUN_TARGET_PREPOSITIONS = ("on", "against", "upon", "with", "between")
# A complaint or protest made to someone about something: its target is whoever did what it is about.
GRIEVANCE_TYPES = {"ACCUSE", "PROTEST"}
GRIEVANCE_PREPOSITIONS = ("over", "about", "against")
# Event nouns whose "of" or "at" names who or what it was done to: "the assassination of X", "the arrest of X",
# "an attack at the Rolando cafe".
DONE_TO_TYPES = {"ASSAULT", "COERCE"}
TARGET_NOUNS = set(load_phrases("event_target_nouns.txt"))
ACT_NOUNS = set(load_phrases("event_act_nouns.txt")) | set(NOUNS)
WEAPON_NOUNS = set(load_phrases("event_weapon_nouns.txt"))
USE_VERBS = set(load_phrases("event_use_verbs.txt"))
MARK_NOUNS = set(load_phrases("event_mark_nouns.txt"))
YIELD_NOUNS = set(load_phrases("event_yield_nouns.txt"))
YIELDING_TYPES = {"AGREE", "CONCEDE", "RETREAT"}
TALK_NOUNS = {noun for noun, (kind, _) in NOUNS.items() if kind == "CONSULT"} | set(
    load_phrases("event_talk_nouns.txt"))
TALK_PREPOSITIONS = ("after", "following", "in", "during", "at")
PART_VERBS = set(load_phrases("event_part_verbs.txt"))
HOLDER_NOUNS = set(load_phrases("event_holder_nouns.txt"))
CONTACT_VERBS = set(load_phrases("event_contact_verbs.txt"))
NOT_ACTORS = set(load_phrases("event_not_actors.txt"))
PERPETRATOR_NOUNS = set(load_phrases("event_perpetrator_nouns.txt"))
GROUP_MODIFIERS = set(load_phrases("event_group_modifiers.txt"))
# A gerund after one of these prepositions is done by the governing verb's object: "accused 12 of its employees of
# taking part", "prevented the convoy from entering", "thanked Qatar for mediating".
OBJECT_CONTROL_PREPOSITIONS = {"of", "for", "with", "from"}
# "claimed responsibility for the attack": the claimant did it ("denied responsibility" is negated by the verb).
CLAIM_VERBS = {"claim", "accept", "admit", "take"}
# "threatened to launch a new offensive unless Baghdad accepted its conditions": who must comply is the target.
CONDITION_MARKERS = {"unless", "if"}
# Types whose act moves the actor's own people ("deployed troops"): the object it carries is no target.
OWN_FORCE_TYPES = {"MOBILIZE"}
# The prepositions that put the subject of a verb inside a meeting or a rally (`_participant`); "police fired on
# protesters at a rally" does not put the police in the rally.
PARTICIPANT_PREPOSITIONS = {"CONSULT": ("for", "in", "at", "during"), "PROTEST": ("for",), "ASSAULT": ("in", "during")}
# "in protest of X", "in retaliation for X", "in response to X": what the act answers names its target.
PROTEST_NOUNS = {"protest", "retaliation", "response", "revenge", "reprisal"}
NOT_PARTICIPANT_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
THIRD_PERSON = {"it", "its", "they", "their", "them", "he", "his", "she", "her"}
ACTOR_LABELS = {"PERSON", "NORP", "GPE", "ORG"}
NO_ONE = {"nobody", "none"}


def _culprit_words() -> dict[tuple[str, str], str]:
    """(word, preposition) -> "subject" or "object", from event_culprit_words.tsv."""
    table = {}
    for line in data_lines("event_culprit_words.tsv"):
        word, preposition, who = [part.strip().lower() for part in line.split("\t")]
        table[(word, preposition)] = who
    return table


CULPRIT_WORDS = _culprit_words()
_PHRASE_CUT_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "prep"}
_PHRASE_KEPT_PREPS = {"of"}
# Who or what an act is done to, best first: a passive subject, an indirect object, a direct one, a preposition's.
OBJECT_RANKS = {"nsubjpass": 0, "dative": 1, "dobj": 2, "pobj": 3}


def participants(f: Trigger) -> tuple[Token | None, Token | None]:
    if f.verbal:
        actor, target = _verb_actor(f.anchor), f.addressee or _verb_target(f.anchor, f.noun)
        if f.addressee is not None and target is f.addressee and target.pos_ == "PRON":
            told = _verb_target(f.anchor, f.noun)  # "issued a reminder to Iraq that it must cooperate": Iraq
            target = told if told is not None and _actor_like(told) else target
        if target is None and f.noun is not None and f.type not in OWN_FORCE_TYPES and _actor_like(f.noun) and not \
                _own_forces(f.noun):
            target = f.noun  # "expelled two Russian diplomats", "took 30 hostages": the people the act is done to
        if target is None:
            target = _target_of_occasion(f)
        if target is None and f.type in YIELDING_TYPES:
            target = _party_to_talks(f.anchor)
    else:
        actor, target = _noun_actor(f.anchor), _noun_target(f.anchor, f.type)
        if target is None:  # "The bombing was an attack on a cafe"
            target = next(filter(None, (_noun_target(n, f.type) for n in same_act(f.anchor))), None)
        part = _taken_part_in(f.anchor)
        if part is not None:
            actor, target = actor or _part_taker(part), target or _aimed_through(part)
    if f.verbal and f.type == "ASSAULT" and syntax.lemma(f.anchor) in CONTACT_VERBS:
        actor, target = _laid_by(f.anchor, actor, target)
    actor = _weapon_user(actor)
    if actor is None:  # "were killed in IS attacks": the merged event noun names who did it; so does the noun a
        # verb carries ("the organisation had to admit responsibility for attacks carried out": the organisation)
        actor = next((a for a in map(_noun_actor, [*f.absorbed, *filter(None, [f.noun])]) if a is not None), None)
    if actor is None and f.anchor.dep_ == "relcl" and f.anchor.head.lemma_.lower() in NOUNS:
        actor = _noun_actor(f.anchor.head)  # "Hamas's attack, in which 1,200 people were killed"
    if actor is None and not f.verbal:
        actor = _participant(f.anchor, f.type) or next(filter(None, map(_noun_actor, same_act(f.anchor))), None)
    if actor is not None and names_no_one(actor):  # "The blast, for which no group has claimed responsibility"
        actor = None
    return _antecedent(actor, f.anchor), target


def same_act(noun: Token) -> list[Token]:
    """ "The Cafetería Rolando bombing was an attack ... by ETA": an event noun said to be another is the same act."""
    verb = noun.head
    if verb.lemma_ != "be" or noun.dep_ not in ("nsubj", "attr"):
        return []
    return [c for c in verb.children if c.dep_ in ("nsubj", "attr") and c != noun and c.lemma_.lower() in NOUNS]


def _target_of_occasion(f: Trigger) -> Token | None:
    """ "Palestinian youths resorted to throwing stones during demonstrations against the alleged violations by the
    Israeli military": an act done during an event of its type is aimed where that event is."""
    for occasion in _prep_objects(f.anchor, ("during", "in", "at", "amid")):
        if NOUNS.get(occasion.lemma_.lower(), (None,))[0] == f.type:
            target = _noun_target(occasion, f.type)
            if target is not None:
                return target
    return None


def _taken_part_in(noun: Token) -> Token | None:
    """The verb by which someone takes part in an event noun (`event_part_verbs.txt`): "Serb forces were engaged in
    ethnic cleansing in Montenegro against the Albanian population of the province"."""
    preposition, verb = noun.head, noun.head.head
    if noun.dep_ != "pobj" or preposition.dep_ != "prep" or verb.pos_ != "VERB":
        return None
    lemma = syntax.lemma(verb)
    keys = [f"{lemma} {preposition.lower_}", *(f"{lemma} {o.lower_} {preposition.lower_}" for o in verb.children
                                               if o.dep_ == "dobj")]
    return verb if any(key in PART_VERBS for key in keys) else None


def _part_taker(verb: Token) -> Token | None:
    """Who takes part: the subject, also of the passive ("were engaged in", "was involved in")."""
    return syntax.first_child(verb, "nsubjpass") if syntax.is_passive(verb) else _verb_actor(verb)


def _aimed_through(verb: Token) -> Token | None:
    """Whom the act taken part in is aimed at, when the parse hangs it on the verb ("engaged in ethnic cleansing ...
    against the Albanian population")."""
    return next((t for t in _beyond_own(_prep_objects(verb, NOUN_TARGET_PREPOSITIONS)) if _aimed_at(t)), None)


def _party_to_talks(verb: Token) -> Token | None:
    """ "The Nigerian Union of Teachers announced Thursday that it has called off a four-day strike after
    deliberations with the Nigerian government": what is yielded or agreed in or after talks with someone is
    yielded to them."""
    for talks in _prep_objects(verb, TALK_PREPOSITIONS):
        if talks.lemma_.lower() in TALK_NOUNS:
            party = next(_prep_objects(talks, ("with",)), None)
            if party is not None and _actor_like(party):
                return party
    return None


def _participant(noun: Token, kind: str) -> Token | None:
    """ "Blinken will travel to Cairo for talks with Sisi", "thousands of Nigerians were converging for a rally",
    "Blinken had raised the deaths of civilians in every meeting": who goes to a meeting or a rally, or speaks in
    it, takes part in it (PARTICIPANT_PREPOSITIONS); who seizes or arrests in a raid carries it out."""
    preposition = noun.head
    verb = preposition.head
    if noun.dep_ != "pobj" or preposition.lower_ not in PARTICIPANT_PREPOSITIONS.get(kind, ()) or verb.pos_ != "VERB" \
            or syntax.is_passive(verb) or _shares_passive(verb):
        return None
    if kind in DONE_TO_TYPES and lexicon_type(verb) not in DONE_TO_TYPES:
        return None  # "police seized weapons in the raid" (the police raided); not "civilians died in the attack"
    return _verb_actor(verb)


def _laid_by(verb: Token, actor: Token | None, target: Token | None) -> tuple[Token | None, Token | None]:
    """ "Their vehicle struck a roadside bomb planted by insurgents": who laid the weapon run into did it (insurgents,
    else no one named), and what ran into it is the target (the vehicle)."""
    weapon = next((c for c in verb.children if c.dep_ == "dobj" and _weapon(c)), None)
    if weapon is None or actor is None or _actor_like(actor) and actor.pos_ != "NOUN":
        return actor, target
    return _done_by(weapon, None), actor


def _weapon_user(actor: Token | None) -> Token | None:
    """ "were killed by an Israeli strike", "a Hamas bomb exploded", "a bomb planted by militants exploded",
    "insurgents detonated a bomb that killed five soldiers": an event noun or a weapon standing as the actor stands
    for whoever used it, when the phrase names them. A war is no actor ("the war has killed 27,585 people"), nor is
    a number ("28,858 people had been killed and 68,677 wounded")."""
    if actor is None or actor.lemma_.lower() in NOT_ACTORS or actor.like_num and not any(
            c.lower_ == "of" for c in actor.children):  # "two of the gunmen" is an actor
        return None
    if actor.pos_ == "NOUN" and (actor.lemma_.lower() in NOUNS or actor.lemma_.lower() in WEAPON_NOUNS):
        user = _verb_actor(actor.head) if actor.dep_ == "dobj" and actor.lemma_.lower() in WEAPON_NOUNS else None
        return _noun_actor(actor) or _done_by(actor, None) or user or actor
    return actor


def names_no_one(token: Token) -> bool:
    """ "Nobody opposed him — he was confirmed 92 to 0" (PolNeAR), "no group has claimed responsibility", "no one
    was arrested": a phrase that says there is no one; it is no actor, and an act done by or to it is negated."""
    return token.lower_ in NO_ONE or any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


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
        return syntax.passive_agent(verb) or _when_clause_subject(verb)
    if syntax.first_child(verb, "agent") is not None:  # "7 militants killed by a roadside bomb" (a headline)
        return syntax.passive_agent(verb)
    if _shares_passive(verb):  # "the man was shot and killed by police"
        return syntax.passive_agent(verb) or _verb_actor(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "property seized by Algerian government forces"
        return syntax.passive_agent(verb)
    subject = _subject(verb)
    if subject is not None:
        if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":  # "militants who attacked ..."
            return _event_above(verb.head) or verb.head
        return subject
    if depth > 4 or verb.head == verb:
        return None
    governor = verb.head
    if verb.dep_ == "pcomp":
        return _gerund_controller(verb, depth)
    if verb.dep_ == "xcomp" and syntax.is_passive(governor):  # "UNRWA could be forced to halt operations"
        return syntax.first_child(governor, "nsubjpass")
    if verb.dep_ == "conj" and syntax.is_passive(governor) and verb.tag_ != "VBN":
        # "Guterres said nine of the staff had been dismissed, and urged donors ...": the parser hangs the second
        # verb on the reported one; "troops were deployed and opened fire": the troops fired
        if governor.dep_ == "ccomp" and syntax.lemma(governor.head) in REPORTING_VERBS:
            return _verb_actor(governor.head, depth + 1)
        return syntax.first_child(governor, "nsubjpass")
    if verb.dep_ == "xcomp" and syntax.lemma(governor) in OBJECT_CONTROL:
        obj = syntax.first_child(governor, "dobj")
        if obj is not None:
            return obj
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "fighters attacking the base"
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":  # "the IRA's decision to carry out the attacks"
        return syntax.first_child(verb.head, "poss")
    if verb.dep_ in ("xcomp", "conj") or verb.dep_ == "advcl" and (verb.tag_ == "VBG" or _to_clause(
            governor, ("advcl",)) == verb):  # "began a hunger strike to demand ...": the strikers demand
        if governor.pos_ == "ADJ" and governor.head != governor:  # "is ready to send"
            governor = governor.head
        return _verb_actor(governor, depth + 1)
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's last subject, but the first where a comma sets the later ones off: "Members of the Association of
    African Jurists, a body linked to the OAU, investigated ...": the parser makes the apposition a second subject."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    between = verb.doc[subjects[0].i:subjects[-1].left_edge.i] if len(subjects) > 1 else []
    if any(t.lower_ == "," for t in between):
        return subjects[0]
    return subjects[-1] if subjects else None


def _event_above(antecedent: Token) -> Token | None:
    """ "an attack on 13 September at the Rolando cafe in Madrid which killed 13 people": a relative clause the parser
    hangs on a place or site inside an event noun's phrase tells what the event did."""
    if antecedent.ent_type_ in ("PERSON", "ORG", "NORP") or antecedent.lemma_.lower() in NOUNS or not (
            antecedent.lemma_.lower() in TARGET_NOUNS or antecedent.ent_type_ in ("GPE", "LOC", "FAC")):
        return None
    token = antecedent
    for _ in range(4):
        if token.dep_ not in ("pobj", "prep", "appos", "compound"):
            return None
        token = token.head
        if token.pos_ == "NOUN" and token.lemma_.lower() in NOUNS:
            return token
    return None


def _shares_passive(verb: Token) -> bool:
    """ "some 130 more were mutilated, injured and scarred", "was shot and killed": a bare participle listed after a
    passive verb is passive too, with its subject."""
    for _ in range(3):
        if verb.tag_ != "VBN" or verb.dep_ not in ("conj", "advcl") or any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "dobj") for c in verb.children):
            return False
        verb = verb.head
        if syntax.is_passive(verb):
            return True
    return False


def _passive_subject(verb: Token) -> Token | None:
    """The subject of a passive verb, or of the passive verb a bare participle is listed after."""
    while _shares_passive(verb):
        verb = verb.head
    return syntax.first_child(verb, "nsubjpass")


def _gerund_controller(gerund: Token, depth: int) -> Token | None:
    """Who does what a gerund after a preposition tells: the object of the verb it hangs on ("accused 12 of its
    employees of taking part in the attack"), the subject of a passive one ("was arrested after attacking a guard",
    "two men accused of carrying out the bombing"), else that verb's actor ("carried the bombs to the street before
    detonating them"), or the subject of an adjective's clause ("was responsible for planning the attack")."""
    preposition = gerund.head
    governor = preposition.head
    if governor.pos_ == "ADJ":
        return governor.head if governor.dep_ == "amod" else _verb_actor(governor.head, depth + 1)
    if governor.pos_ not in ("VERB", "AUX"):
        return None
    obj = syntax.first_child(governor, "dobj")
    if obj is not None and preposition.lower_ in OBJECT_CONTROL_PREPOSITIONS and (_actor_like(obj) or obj.like_num):
        return obj
    if syntax.is_passive(governor):
        return syntax.first_child(governor, "nsubjpass")
    if governor.dep_ == "acl" and governor.tag_ == "VBN" and governor.head.pos_ in ("NOUN", "PROPN"):
        return governor.head
    return _verb_actor(governor, depth + 1)


def _when_clause_subject(verb: Token) -> Token | None:
    """ "two Palestinians had been killed when Israeli troops surrounded a house": who acted in the clause that
    tells how it happened."""
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(c.dep_ in ("advmod", "mark") and c.lower_ == "when" for c in clause.children):
            subject = syntax.first_child(clause, "nsubj")
            if subject is not None and subject.pos_ != "PRON":
                return subject
    return None


def _verb_target(verb: Token, carried: Token | None, depth: int = 0) -> Token | None:
    """Who the act is done to: the passive subject, the indirect or direct object, or the object of "against",
    "on", "with", "to" ... When the object is a thing rather than someone, whoever it is aimed at, inside it or
    beside it, is the target: "called for sanctions against Nigeria", "demanded support from the Montenegro
    Assembly", "offered its troops to Lebanon's president", "imposed a curfew in Algiers". A demand made of
    someone names them as the subject of what is demanded ("demanded that Hamas renounce ..."); a verb of intent
    or purpose with no target of its own takes its complement's ("agreed to provide aid for Romania", "opened
    fire to disperse demonstrators")."""
    candidates = _done_to(verb, carried)
    if candidates and not _own_forces(candidates[0]) and (
            _actor_like(candidates[0]) or candidates[0].dep_ == "nsubjpass"):
        return _author_of_message(candidates[0], verb)
    grievance = _grievance(verb) if lexicon_type(verb) in GRIEVANCE_TYPES else None
    if grievance is not None:  # "complained to the United Nations over two Israeli air raids": the raids' authors
        return _author_of_message(grievance)
    thing = candidates[0] if candidates else _child_with_prep(verb, ("for", "to"))  # "called for sanctions"
    if not candidates and thing is not None and _actor_like(thing) and not _own_forces(thing):
        return _author_of_message(thing)  # "reduced food supplies to the biggest Cambodian refugee camp in Thailand"
    owner = _child_with_prep(thing, ("of",)) if thing is not None and thing.lemma_.lower() in (
        YIELD_NOUNS | HOLDER_NOUNS) else None
    if owner is not None and _actor_like(owner):  # "demanded the withdrawal of Serbian forces from Bosnia", "to
        return owner  # support the rights of Palestinians"
    holders = [h for h in (thing, carried, verb) if h is not None]
    if thing is not None:  # "an extension of the mandate for the force in Lebanon": one level further in
        holders[1:1] = [t for t in _prep_objects(thing, ("of", "for")) if not _aimed_at(t)]
    aimed_at = next((t for h in holders for t in _beyond_own(_prep_objects(h, AIMED_PREPOSITIONS)) if _aimed_at(t)),
                    None)
    if aimed_at is not None:
        return aimed_at
    if thing is not None and not _own_forces(thing):
        author = _author_of_message(thing, verb)
        purpose = _to_clause(verb, ("advcl",)) if depth < 3 and author is thing else None
        aimed_at = _verb_target(purpose, carried_noun(purpose), depth + 1) if purpose is not None else None
        if aimed_at is not None and _actor_like(aimed_at):
            return aimed_at  # "willing to send material to help defend Saudi Arabia"
        governor = verb.head
        if author is thing and not _actor_like(thing) and depth < 3 and _to_clause(governor, ("advcl",)) == verb:
            aimed_at = _verb_target(governor, carried_noun(governor), depth + 1)
            if aimed_at is not None and _actor_like(aimed_at):
                return aimed_at  # "sent 21 personnel to Bosnia to investigate the feasibility of a force": Bosnia
        return author
    for holder in holders:  # "shot with rubber pellets": what it was done with is no target
        target = next((t for t in _beyond_own(_prep_objects(holder, TARGET_PREPOSITIONS)) if not _weapon(t)), None)
        if target is not None:
            return target
    return _target_through_clauses(verb, bool(candidates), depth)


def _done_to(verb: Token, carried: Token | None) -> list[Token]:
    """Who or what the verb's clause says the act is done to, best first: its passive subject, indirect and direct
    objects (not the carried event noun, not a weapon), else the subject a listed participle, a reduced relative or
    a subjectless passive clause shares."""
    objects = [c for c in [*verb.children, *_up_to(verb)] if c.dep_ in ("nsubjpass", "dative", "dobj", "pobj")
               and c.tag_ not in ("WDT", "WP") and (carried is None or c.i != carried.i and c not in carried.conjuncts)
               and not _weapon(c)]  # "fired rockets at the town": the town; "staged marches and a strike": none
    shifted = _shifted_object(verb)
    if shifted is not None and not any(c.dep_ == "dobj" for c in objects):
        objects.append(shifted)
    objects.sort(key=lambda c: OBJECT_RANKS.get(c.dep_, OBJECT_RANKS["dobj"]))
    # "issued a stern reminder to Iraq": the parse may make the preposition the dative; its object is the one
    objects = [syntax.first_child(c, "pobj") or c if c.dep_ == "dative" and c.pos_ == "ADP" else c for c in objects]
    if not objects and _shares_passive(verb):  # "some 130 more were mutilated, injured ...": the 130
        objects = [t for t in (_passive_subject(verb),) if t is not None]
    if not objects and verb.dep_ in ("acl", "relcl") and verb.tag_ in ("VBN", "VBD") and verb.head.pos_ in (
            "NOUN", "PROPN", "NUM", "PRON") and syntax.first_child(verb, "nsubj") is None:
        objects = [verb.head]  # "four men injured", "the curfew imposed in Sudan", "those killed"
    if not objects and verb.dep_ == "xcomp" and syntax.is_passive(verb):  # "appears to have been shot": who appears
        objects = [t for t in (syntax.first_child(verb.head, "nsubj"),) if t is not None]
    bare_participle = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj", "nsubj") for c in verb.children)
    if not objects and verb.dep_ in ("advcl", "pcomp") and (syntax.is_passive(verb) or bare_participle):
        objects = [t for t in (_undergoer(verb),) if t is not None]  # "died in hospital after being shot"
    return objects


def _shifted_object(verb: Token) -> Token | None:
    """ "Albania denounced as an ugly crime Serbia's suppression of the unrest": an object put after the verb's "as"
    phrase is parsed as an apposition to what the phrase calls it."""
    label = _child_with_prep(verb, ("as",))
    return syntax.first_child(label, "appos") if label is not None else None


def _to_clause(token: Token, deps: tuple[str, ...]) -> Token | None:
    """The infinitive clause of purpose under a verb or an event noun: "send material to help defend ...", "a rally
    to protest ..."."""
    return next((c for c in token.children if c.dep_ in deps and c.pos_ == "VERB" and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


def _undergoer(verb: Token) -> Token | None:
    """Who a passive clause without a subject of its own is about: the subject of the clause it hangs on ("the
    soldier died in hospital after being shot", "two men were arrested, having been wounded in the raid")."""
    governor = verb.head.head if verb.dep_ == "pcomp" else verb.head
    return syntax.first_child(governor, "nsubj") or syntax.first_child(governor, "nsubjpass")


def _up_to(verb: Token) -> list[Token]:
    """ "kidnapped up to 16 Russian civilian advisers": the parser reads the count's "up to" as a particle and a
    preposition; the counted people are the object."""
    particle = syntax.first_child(verb, "prt")
    if particle is None or particle.lower_ != "up":
        return []
    to = particle.nbor(1) if particle.i + 1 < len(particle.doc) else None
    counted = syntax.first_child(to, "pobj") if to is not None and to.lower_ == "to" and to.head in (
        verb, particle) else None
    return [counted] if counted is not None and any(c.dep_ == "nummod" for c in counted.children) else []


def _weapon(noun: Token) -> bool:
    """A weapon used is no target: "fired rockets at the town", "exploded a series of bombs"."""
    counted = _child_with_prep(noun, ("of",)) if noun.lemma_.lower() in QUANTITY_NOUNS else None
    return (counted or noun).lemma_.lower() in WEAPON_NOUNS


def _grievance(verb: Token) -> Token | None:
    """What a complaint is about ("complained to the UN over two Israeli air raids"), or who the clause it tells
    says did wrong ("charged that Hamas had broken the truce")."""
    about = _child_with_prep(verb, GRIEVANCE_PREPOSITIONS)
    if about is not None:
        return about
    told = syntax.first_child(verb, "ccomp")
    subject = syntax.first_child(told, "nsubj") if told is not None else None
    return subject if subject is not None and subject.pos_ != "PRON" and _actor_like(subject) else None


def _target_through_clauses(verb: Token, has_object: bool, depth: int) -> Token | None:
    """A verb with no target of its own: the subject of what is demanded, whoever did what is protested, its
    complement's target, or the target of the verb it is coordinated with."""
    if lexicon_type(verb) == "THREATEN":
        condition = _condition_subject(verb)
        if condition is not None:
            return condition
    # "demanded that Hamas renounce ...", "refused to allow United Nations planes to land": the parser makes the
    # one asked or allowed the subject of the clause
    demanded = next((c for c in verb.children if c.dep_ == "ccomp" and (lexicon_type(verb) == "REQUEST" or any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children))), None)
    if demanded is not None and syntax.first_child(demanded, "nsubj") is not None:
        return syntax.first_child(demanded, "nsubj")
    protested = next(filter(None, map(_protested, (verb, *syntax.children_with(verb, ("dobj",))))), None)
    if protested is not None:
        return protested
    willing = [syntax.first_child(c, "xcomp") for c in verb.children if c.dep_ == "acomp"]  # "is willing to withdraw"
    complement = next((c for c in [*verb.children, *filter(None, willing)] if c.pos_ == "VERB" and (
        c.dep_ == "xcomp" or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))),
        None)
    if complement is None and lexicon_type(verb) == "PROTEST":  # "marched ..., demanding the resignation of ..."
        complement = _demanding(verb)
    if complement is not None and depth < 3:  # "threatened to cut off electricity to Nakhichevan": not electricity
        return _verb_target(complement, carried_noun(complement), depth + 1)
    shared = syntax.first_child(verb, "conj")  # "donated and delivered goods to the school": what both did
    if shared is not None and shared.pos_ == "VERB" and not has_object and depth < 3:
        return _verb_target(shared, None, depth + 1)
    return None


def _condition_subject(threat: Token) -> Token | None:
    """ "Iran threatened to launch a new offensive unless Baghdad accepted its conditions": the subject of the
    condition, on the threat or on what is threatened."""
    for verb in (threat, *syntax.children_with(threat, ("xcomp",))):
        for clause in syntax.children_with(verb, ("advcl",)):
            if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in clause.children):
                subject = syntax.first_child(clause, "nsubj")
                if subject is not None and subject.pos_ != "PRON":
                    return subject
    return None


def _protested(verb: Token) -> Token | None:
    """ "continuing a hunger strike in protest of the Russian government's refusal" (on the verb or on the strike):
    whoever did what is protested or retaliated for."""
    for cause in _prep_objects(verb, ("in",)):
        if cause.lemma_.lower() in PROTEST_NOUNS:
            act = _child_with_prep(cause, ("of", "against", "at", "over", "for", "to"))
            if act is not None:
                return _author_of_message(act)
    return None


def _own_forces(noun: Token) -> bool:
    """ "withdraw its troops from Lebanon", "offered their forces to the coalition": what the actor moves or
    hands over is its own, not the target."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


def _beyond_own(objects: Iterable[Token]) -> Iterator[Token]:
    """The objects, with what the actor's own thing is for in place of it (in "impose restrictions on its labour
    market for new EU members" the restrictions are aimed at the new members, not at the market), and a common noun
    by the name in apposition to it ("the capital Kabul")."""
    for obj in objects:
        name = next((c for c in obj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if _own_forces(obj):
            yield from _prep_objects(obj, AIMED_PREPOSITIONS)
        elif name is not None and obj.pos_ == "NOUN" and not _actor_like(obj):
            yield name  # "exploded a series of bombs in the capital Kabul": Kabul
        else:
            yield obj


def _prep_objects(token: Token, prepositions: Iterable[str]) -> Iterator[Token]:
    for prep in prepositions:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == prep:
                obj = syntax.first_child(child, "pobj")
                if obj is not None and obj.ent_type_ not in NOT_PARTICIPANT_LABELS:
                    yield obj


def _aimed_at(token: Token) -> bool:
    """ "sanctions against Nigeria", "a curfew in Algiers"; but "killed in a market" says where, not whom."""
    if token.head.lower_ in ("in", "into"):
        return _named(token) or any(_named(named) for named in _prep_objects(token, ("of",)))
    return _actor_like(token)


def _named(token: Token) -> bool:
    """A name, as "blocked roads in Algiers" has; so has "blocked roads in the capital city of Algiers" through its
    "of" (`_aimed_at`)."""
    return token.ent_type_ in ACTOR_LABELS or token.pos_ == "PROPN"


def _actor_like(token: Token) -> bool:
    """Someone or something an act can be aimed at: a named person, group or country, a noun for people
    ("refugees") or for a site that is hit ("raided the Jenin refugee camp in the occupied West Bank": the camp), or a
    thing of a named one ("Serbia's feuding republics", "to allow United Nations planes to land")."""
    return token.ent_type_ in ACTOR_LABELS or token.pos_ == "PROPN" or token.lemma_.lower() in TARGET_NOUNS or any(
        c.dep_ in ("poss", "compound", "amod", "nmod") and c.ent_type_ in ACTOR_LABELS for c in token.children)


def _author_of_message(noun: Token, act: Token | None = None) -> Token:
    """In "rejected North Korea's demand", "an appeal from President X" or "denounced Serbia's suppression of
    unrest" the target is who made it, or who did it; of a thing someone made or did ("demand the return of
    property seized by Algerian government forces", "rejected the plan drafted by Egypt"), whoever did it, unless
    that is the `act` itself ("the property seized by the forces": the property)."""
    if noun.lemma_.lower() not in MESSAGE_NOUNS and noun.lemma_.lower() not in ACT_NOUNS:
        return _done_by(noun, act) or noun
    possessor = syntax.first_child(noun, "poss")
    if possessor is not None:
        return possessor
    author = _child_with_prep(noun, AUTHOR_PREPOSITIONS)
    if author is not None:
        return author
    named = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.ent_type_ in ACTOR_LABELS]
    return named[0] if named else noun


def _done_by(noun: Token, act: Token | None) -> Token | None:
    """The agent of the participle that tells what was done with a thing: "property seized by Algerian government
    forces"; one level down an "of": "the return of property seized by ..."; or of a relative clause on it, also
    one inside a report: "a car bomb, which officials said was planted by the PKK, exploded"."""
    for thing in (noun, *_prep_objects(noun, ("of",))):
        for participle in _clauses_on(thing):
            if participle.tag_ == "VBN" and participle != act and (
                    participle.dep_ == "acl" or syntax.lemma(participle) in USE_VERBS):
                agent = syntax.passive_agent(participle)
                if agent is not None and agent.ent_type_ not in NOT_PARTICIPANT_LABELS:
                    return agent
    return None


def _clauses_on(noun: Token) -> Iterator[Token]:
    """The participle and relative clauses on a noun; for a relative clause that reports ("which officials said
    was planted by the PKK"), the clause it reports."""
    for clause in syntax.children_with(noun, ("acl", "relcl")):
        yield clause
        if clause.dep_ == "relcl" and syntax.lemma(clause) in REPORTING_VERBS:
            yield from syntax.children_with(clause, ("ccomp",))


def _noun_target(noun: Token, kind: str) -> Token | None:
    """ "an Israeli strike on a school", "demonstrations against the violations by the Israeli military" (the
    military), "the assassination of Luis Carrero Blanco", "an attack at the Rolando cafe", "talks with the
    envoy"."""
    prepositions = NOUN_TARGET_PREPOSITIONS + (("of", "at") if kind in DONE_TO_TYPES else ())
    target = _child_with_prep(noun, prepositions)
    if target is None:  # "described an Israeli strike on a school": the parser hangs "on a school" on the verb
        target = next((t for t in _prep_objects(noun.head, NOUN_TARGET_PREPOSITIONS)
                       if t.head.i == noun.i + 1), None)
    if target is None:
        target = _site_of_clause(noun, prepositions)
    purpose = _to_clause(noun, ("acl",)) or _demanding(noun)
    if target is None and purpose is not None:  # "a rally in Lagos to protest the violations by fundamentalists",
        return _verb_target(purpose, carried_noun(purpose), 1)  # "a demonstration calling for the removal of ..."
    if target is None and noun.dep_ == "pobj" and noun.head.dep_ == "agent":
        return syntax.first_child(noun.head.head, "nsubjpass")  # "the bakery was hit by an explosion"
    return _author_of_message(target) if target is not None else None


def _demanding(token: Token) -> Token | None:
    """The participle that says what a protest demands: "a demonstration calling for the removal of the president",
    "marched through the capital, demanding the resignation of the governor"."""
    return next((c for c in token.children if c.dep_ in ("acl", "advcl") and c.tag_ == "VBG"
                 and lexicon_type(c) == "REQUEST"), None)


def _site_of_clause(noun: Token, prepositions: tuple[str, ...]) -> Token | None:
    """ "the shooting, which took place at a school", "an attack carried out at the market": where the clause on the
    event noun says it was aimed."""
    for clause in syntax.children_with(noun, ("acl", "relcl")):
        for verb in (clause, *syntax.children_with(clause, ("xcomp",))):
            target = next((t for t in _prep_objects(verb, prepositions) if _actor_like(t)), None)
            if target is not None:
                return target
    return None


def _noun_actor(noun: Token) -> Token | None:
    """ "Hamas's attack", "Israeli strikes", "an attack by militants", "the attack was carried out by ETA",
    "IS claimed responsibility for the attack"."""
    possessor = syntax.first_child(noun, "poss")
    if possessor is not None and possessor.ent_type_ not in ("DATE", "TIME"):
        return possessor
    named = [c for c in noun.children if c.dep_ in ("compound", "amod") and (
        c.ent_type_ in ACTOR_LABELS or c.lemma_.lower() in GROUP_MODIFIERS)]
    if named:
        return named[0]
    culprit = _culprit(noun)
    if culprit is not None and not (_actor_like(culprit) or culprit.pos_ == "PRON" or culprit.like_num):
        culprit = None  # someone is behind an attack, not "the name of" someone
    return (_child_with_prep(noun, ("by",)) or _carried_out_by(noun) or _claimed_by(noun) or _perpetrator(noun)
            or culprit or _marked_by(noun))


def _marked_by(noun: Token) -> Token | None:
    """ "The bombing was the work of Chechen separatists", "the attack bore the hallmarks of al-Qaeda": whose mark
    the act is said to carry (`event_mark_nouns.txt`)."""
    if noun.dep_ != "nsubj":
        return None
    marks = [c for c in noun.head.children if c.dep_ in ("attr", "dobj") and c.lemma_.lower() in MARK_NOUNS]
    doer = next((t for mark in marks for t in _prep_objects(mark, ("of",))), None)
    return doer if doer is not None and _actor_like(doer) else None


def _perpetrator(noun: Token) -> Token | None:
    """ "Salman Abedi, the bomber behind the Manchester bombing" (Abedi), "the ringleader of Saturday's attack": the
    noun for whoever did it that the event noun hangs on, or the name it describes."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("of", "behind", "in", "for"):
        return None
    doer = noun.head.head
    if doer.lemma_.lower() not in PERPETRATOR_NOUNS:
        return None
    return doer.head if doer.dep_ == "appos" else doer


def _culprit(noun: Token) -> Token | None:
    """ "the group was responsible for the attack", "Hamas was behind the attack", "police blamed the Taliban for
    the bombing", "two men were charged with the killings", "took part in the October 7 attack": who the words
    before the event noun say did it (event_culprit_words.tsv)."""
    preposition = noun.head
    if noun.dep_ in ("dobj", "nsubjpass"):  # "some blamed the attack on the far right"
        return _named_by(noun.head)
    named = next(filter(None, (_named_by(p) for p in _clauses_on(noun) if p.tag_ in ("VBN", "VBD"))), None)
    if named is not None:  # "the bombing, blamed on the rebels, killed four soldiers"; "the blast, which police
        return named  # blamed on Basque separatists, wounded 30"
    if noun.dep_ != "pobj" or preposition.dep_ != "prep":
        return None
    word = preposition.head
    keys = [("-", preposition.lower_)] + [(key, preposition.lower_) for key in (
        *(f"{syntax.lemma(word)} {c.lower_}" for c in word.children if c.dep_ == "dobj"), syntax.lemma(word))]
    who = next((CULPRIT_WORDS[key] for key in keys if key in CULPRIT_WORDS), None)
    if who is None:
        return None
    if word.pos_ in ("NOUN", "PROPN"):  # "the militia behind the bombing", "the men involved in ..."
        return word
    if word.pos_ == "ADJ":  # "the group responsible for the attack", "X was responsible for the attack"
        if word.dep_ == "amod":
            return word.head
        clause = word.head
        while clause.dep_ == "xcomp" and clause.head != clause:
            clause = clause.head
        if clause.dep_ == "acl" and clause.head.pos_ in ("NOUN", "PROPN"):
            return clause.head  # "a man believed to be responsible for the blast"
        return _verb_actor(word.head)
    if word.pos_ not in ("VERB", "AUX"):
        return None
    if who == "subject":
        return _verb_actor(word)
    obj = syntax.first_child(word, "dobj")
    if obj is not None and (_actor_like(obj) or obj.like_num):  # not "blamed each other for the explosion"
        return obj
    if syntax.is_passive(word):
        return syntax.first_child(word, "nsubjpass")
    if word.dep_ == "acl" and word.head.pos_ in ("NOUN", "PROPN"):  # "two men accused of the bombing"
        return word.head
    return None


def _named_by(verb: Token) -> Token | None:
    """Whom a verb that puts an act on someone names ("blamed ... on", "attributed to")."""
    return next((t for p, who in CULPRIT_WORDS.items() if who == "named" and p[0] == syntax.lemma(verb)
                 for t in _prep_objects(verb, (p[1],))), None)


def _carried_out_by(noun: Token) -> Token | None:
    """ "attacks carried out by the group", "the attack is believed to have been carried out by ETA": the agent
    of a support verb the event noun is the subject or the head of (not of any verb: "the attack was condemned
    by the UN")."""
    verbs = [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    if noun.dep_ in ("nsubjpass", "nsubj"):
        verbs.append(noun.head)
    for verb in verbs:
        subject = syntax.first_child(verb, "nsubj")
        if verb.dep_ == "relcl" and subject is not None and subject.tag_ not in ("WDT", "WP") and any(
                key in SUPPORT_VERBS or key in CLAIM_VERBS for key in verb_keys(verb)):
            return subject  # "the attack that the group carried out", "the bombing, which IS claimed"
        for _ in range(3):  # down the chain of complements: "believed to have been carried out"
            agent = syntax.first_child(verb, "agent")
            if agent is not None and any(key in SUPPORT_VERBS or key in CLAIM_VERBS for key in verb_keys(verb)):
                return syntax.first_child(agent, "pobj")  # also "the attack, claimed by IS"
            verb = syntax.first_child(verb, "xcomp")
            if verb is None:
                break
    return None


def _claimed_by(noun: Token) -> Token | None:
    """ "IS claimed responsibility for the attack", "IS has claimed the bombing": who claims an act is taken to
    have done it; so is who has to ("the organisation had to admit responsibility for attacks carried out")."""
    prep = noun.head
    if noun.dep_ == "dobj" and syntax.lemma(prep) == "claim":
        claim = prep
    elif prep.lower_ != "for" or prep.head.lemma_.lower() != "responsibility":
        return None
    else:
        claim = prep.head.head
    if claim.lemma_.lower() not in CLAIM_VERBS or any(c.dep_ == "neg" for c in claim.children):
        return None
    return _verb_actor(claim)


def _child_with_prep(token: Token, prepositions: Iterable[str]) -> Token | None:
    return next(_prep_objects(token, prepositions), None)


def _of_a_name(preposition: Token) -> bool:
    """ "Delegates of the Union of African Doctors": an "of" inside a name that an "of" phrase keeps is part of it."""
    named = preposition.head
    return preposition.dep_ == "prep" and preposition.lower_ in _PHRASE_KEPT_PREPS and named.pos_ == "PROPN" \
        and named.dep_ == "pobj" and named.head.lower_ in _PHRASE_KEPT_PREPS


def _whose_people(preposition: Token) -> bool:
    """ "Angry activists from the defeated Fatah Party have staged rallies", "Doctors from two American aid groups":
    people "from" a named group, party or country are named by it; "rockets from Gaza" are things."""
    people, whose = preposition.head, syntax.first_child(preposition, "pobj")
    return preposition.lower_ == "from" and people.tag_ == "NNS" and people.lemma_.lower() not in WEAPON_NOUNS \
        and whose is not None and _actor_like(whose)


def mention(doc: Doc, head: Token | None) -> Span | None:
    """The noun phrase a participant is named by: "Israeli troops", "The United States and Jordan",
    "Rebels in the Ivory Coast", "A temporary camp for Congolese refugees", without relative clauses,
    appositions or trailing clauses."""
    if head is None:
        return None
    kept = [head]
    stack = list(head.children)
    while stack:
        t = stack.pop()
        cut = t.dep_ in _PHRASE_CUT_DEPS and not (t.dep_ == "prep" and t.head == head and (
            t.lower_ in _PHRASE_KEPT_PREPS or t.lower_ == "for" and head.lemma_.lower() in TARGET_NOUNS
            or _whose_people(t)) or _of_a_name(t))
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
    deps, tags = column(doc, "DEP"), column(doc, "POS")
    for i in range(len(doc)):
        if deps[i] != "pobj" or tags[i] != "PROPN":
            continue
        token = doc[i]
        if token.head.lower_ not in PLACE_PREPOSITIONS:
            continue
        if token.ent_type_ in NOT_PLACE_LABELS or _seat_of_reporter(token.head.head):
            continue
        ent = entity_of.get(token.i)
        if ent is None:
            first = min([token] + [c for c in token.children if c.dep_ == "compound"], key=lambda t: t.i)
            ent = doc[first.i:token.i + 1]
        yield ent


def _seat_of_reporter(noun: Token) -> bool:
    """ "The Palestinian health ministry in Ramallah said two Palestinians had been killed when Israeli troops
    surrounded a house near Tulkarem": Ramallah is where the ministry sits, not where anything happened. A place
    modifying the subject of a reporting verb, or the body of "according to", belongs to the report's source."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if noun.dep_ in ("nsubj", "nsubjpass") and syntax.lemma(noun.head) in REPORTING_VERBS:
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lower_ == "according"


def place_name(ent: SpacySpan) -> str:
    words = ent.text.split()
    return " ".join(words[1:]) if words and words[0].lower() == "the" and len(words) > 1 else ent.text
