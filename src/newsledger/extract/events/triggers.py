"""Triggers: a verb from the event lexicon ("dismissed", "shelled"), a verb whose object decides its meaning
("imposed a curfew", "lifted a curfew"), a light verb carrying an event noun ("launched an attack", "held
talks"), or an event noun on its own ("the attack on 7 October"); one act named twice in a clause is merged.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan, Token

from ...layout import column, layout
from ... import syntax
from ...lexicon import data_lines, load_phrases, load_table


def _typed_table(name: str) -> dict[str, tuple[str, str | None]]:
    """key -> (PLOVER type, mode or None), from "key<TAB>TYPE[<TAB>mode]" lines."""
    table = {}
    for line in data_lines(name):
        key, kind, *mode = [part.strip() for part in line.split("\t")]
        table[key.lower()] = (kind, mode[0] if mode and mode[0] else None)
    return table


def _mode_words(name: str) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for line in data_lines(name):
        kind, word, mode = [part.strip() for part in line.split("\t")]
        table.setdefault(kind, {})[word.lower()] = mode
    return table


VERBS = _typed_table("event_verbs.tsv")
VERB_OBJECTS = _typed_table("event_verb_objects.tsv")
NOUNS = _typed_table("event_nouns.tsv")
MODE_WORDS = _mode_words("event_modes.tsv")
SUPPORT_VERBS = set(load_phrases("event_support_verbs.txt"))
MESSAGE_NOUNS = set(load_phrases("event_message_nouns.txt"))
DEMAND_MODALS = set(load_phrases("event_demand_modals.txt"))
# "is willing to withdraw", "ready to talks": willingness is AGREE unless what is offered is force or pressure.
WILLING_WORDS = {"willing", "ready", "eager", "open"}
FORCEFUL_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN"}
# The type of a lexicon reading that is no event at all ("pleaded not guilty", "released photos").
NOT_AN_EVENT = "none"
QUANTITY_NOUNS = set(load_phrases("event_quantity_nouns.txt"))
QUESTION_MARKS = {"if", "whether"}
CALLED_FOR_MARKS = {"for"}
FORCE_NOUNS = set(load_phrases("event_force_nouns.txt"))
MODALS = set(load_phrases("event_modals.txt"))
REPERCUSSION_NOUNS = set(load_phrases("event_repercussion_nouns.txt"))
WARNING_VERBS = {"warn"}
# "The framework had been met with a positive response", "the plan was greeted with anger": how a thing was received.
RECEPTION_VERBS = {"meet", "greet"}
# Who a warning's clause may be about for it to be the warner's own threat: "Iran warned that it would retaliate".
SPEAKER_PRONOUNS = {"it", "they", "we", "he", "she", "i"}
KIND_HEADS = set(load_phrases("event_kind_heads.txt"))
ACCIDENT_WORDS = set(load_phrases("event_accident_words.txt"))
PARTICLES = set(load_phrases("event_particles.txt"))
PROBLEM_NOUNS = set(load_phrases("event_problem_nouns.txt"))
TOPIC_NOUNS = set(load_phrases("event_topic_nouns.txt"))
KNOWING_VERBS = set(load_phrases("event_knowing_verbs.txt"))
RULE_NOUNS = set(load_phrases("event_rule_nouns.txt"))
HELPER_NOUNS = set(load_phrases("event_helper_nouns.txt"))
REFUGE_NOUNS = set(load_phrases("event_refuge_nouns.txt"))
ARRIVAL_VERBS = {"arrive", "land"}
REPORTING_VERBS = set(load_table("cues_verbs.tsv"))
# "Speaking at a rally in Michigan, Trump says ...": a rally someone speaks at is where a speech was made (a campaign
# rally), not a protest the sentence reports; "held a rally against the law" is one.
RALLY_NOUNS = {"rally"}
VENUE_PREPOSITIONS = {"at", "during"}
# "Caddell went on to discuss recently released polls": one speaker discussing a topic states views; a discussion is
# a CONSULT when it has two sides ("the two leaders discussed the truce", "discussed the plan with Egypt").
TALK_VERBS = {"discuss", "debate"}
PLURAL_PRONOUNS = {"they", "we"}
CAUSE_NOUNS = set(load_phrases("event_cause_nouns.txt")) | PROBLEM_NOUNS | RULE_NOUNS
# A line this short without final punctuation, below the first paragraph, is a section title.
SECTION_TITLE_WORDS = 6
# Every verb key begins with the verb's lemma ("call off", "lift curfew"): a lemma outside these matches no table.
TRIGGER_LEMMAS = ({key.split()[0] for key in (*VERBS, *VERB_OBJECTS, *SUPPORT_VERBS)} | ARRIVAL_VERBS
                  | WARNING_VERBS)
SENTENCE_ENDS = (".", "!", "?", ":", '"', "\u201d")
PEOPLE_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj"}


@dataclass
class Trigger:
    anchor: Token               # the word the event hangs on in the parse: the verb, or the event noun
    start: int                  # trigger span, character offsets
    end: int
    type: str
    mode: str | None
    noun: Token | None = None   # the event noun a light verb carries ("launched an attack")
    absorbed: list[Token] = field(default_factory=list)  # event nouns naming the same act ("strikes killed")
    addressee: Token | None = None  # who a demand is made of, when the parse does not say it directly

    @property
    def verbal(self) -> bool:
        return self.anchor.pos_ in ("VERB", "AUX")

    def anchors(self) -> Iterator[Token]:
        yield self.anchor
        if self.noun is not None:
            yield self.noun
        yield from self.absorbed


def find_triggers(sent: SpacySpan) -> Iterator[Trigger]:
    for found in _sentence_triggers(sent):
        if not (_in_section_title(found.anchor) or _accident(found) or _about_a_topic(found)
                or _done_by_a_rule(found) or _incidental_damage(found) or _speech_venue(found.anchor)
                or _a_label(found.anchor)):
            yield found


def _a_label(noun: Token) -> bool:
    """ "The explosion targeted a bakery, in what Macron called an 'attack'": an event noun that is what something
    is called or deemed (an object predicate) names an event told elsewhere in the sentence; it is no event of its
    own."""
    return noun.dep_ == "oprd" and noun.pos_ == "NOUN"



def _speech_venue(noun: Token) -> bool:
    """ "Trump tells his supporters at a Michigan rally to go and vote": the rally at which someone speaks."""
    preposition = noun.head
    return noun.lemma_.lower() in RALLY_NOUNS and noun.dep_ == "pobj" and preposition.lower_ in VENUE_PREPOSITIONS \
        and syntax.lemma(preposition.head) in REPORTING_VERBS


def _incidental_damage(found: Trigger) -> bool:
    """ "The explosion caused significant damage ..., while two cars parked nearby were totally destroyed": what a
    blast wrecks with nobody named as aiming at it is the damage of that blast, not an act of its own (PLOVER codes
    ASSAULT destroy for a deliberate demolition)."""
    verb = found.anchor
    if not found.verbal or found.type != "ASSAULT" or found.mode != "destroy":
        return False
    if syntax.is_passive(verb):
        return syntax.first_child(verb, "agent") is None
    subject = syntax.first_child(verb, "nsubj")
    return subject is not None and subject.lemma_.lower() in NOUNS


def _done_by_a_rule(found: Trigger) -> bool:
    """ "a visa program that allows wealthy foreigners to obtain citizenship", "the system would allow it to
    determine whether ...": what a rule or a device provides for is a standing state, not an act."""
    if not found.verbal:
        return False
    subject = syntax.first_child(found.anchor, "nsubj")
    if subject is not None and subject.tag_ in ("WDT", "WP") and found.anchor.dep_ == "relcl":
        subject = found.anchor.head  # "loopholes that allow developers to defer taxes"
    return subject is not None and subject.lemma_.lower() in RULE_NOUNS


def _about_a_topic(found: Trigger) -> bool:
    """ "added to the mystery surrounding the incident": a participle on a noun for what is talked about only
    says what it is about ("troops surrounding the hospital" is an act)."""
    anchor = found.anchor
    return found.verbal and anchor.dep_ == "acl" and anchor.head.lemma_.lower() in TOPIC_NOUNS


def _accident(found: Trigger) -> bool:
    """ "After a while, the device detonated accidentally": force nobody meant is no assault."""
    return found.type == "ASSAULT" and any(c.dep_ in ("advmod", "amod") and c.lower_ in ACCIDENT_WORDS
                                           for c in found.anchor.children)


def _in_section_title(token: Token) -> bool:
    """ "Calls for calm", "'Reinforce security'", "Share this video": a short line of its own, without a
    sentence's final punctuation, below the headline, names the section that follows; it reports nothing."""
    page = layout(token.doc)
    start, end = page.blank_lines_around(token.idx)
    if start < 0:  # the first paragraph is the headline or the lead
        return False
    line = page.text[start + 2:end if end >= 0 else len(page.text)].strip()
    return len(line.split()) <= SECTION_TITLE_WORDS and not line.endswith(SENTENCE_ENDS)


def _sentence_triggers(sent: SpacySpan) -> Iterator[Trigger]:
    """Verb (and willingness) triggers, then noun triggers; the words are picked from the token columns."""
    doc = sent.doc
    tags, deps, lowers = column(doc, "POS"), column(doc, "DEP"), column(doc, "LOWER")
    carried: set[int] = set()
    for i in range(sent.start, sent.end):
        if tags[i] == "VERB" and deps[i] not in ("amod", "compound"):
            found = _verb_trigger(doc[i])
            if found:
                if found.noun is not None:
                    carried.add(found.noun.i)
                yield found
        elif tags[i] == "ADJ" and lowers[i] in WILLING_WORDS:
            found = _willingness(doc[i])
            if found:
                yield found
    lemmas = column(doc, "LEMMA")
    for i in range(sent.start, sent.end):
        if tags[i] == "NOUN" and i not in carried and deps[i] != "compound" and lemmas[i].lower() not in MESSAGE_NOUNS:
            found = _noun_trigger(doc[i])
            if found:
                yield found


def _willingness(adjective: Token) -> Trigger | None:
    """ "Syria says it is willing to withdraw its troops from Lebanon": a stated willingness to cooperate or
    yield is AGREE (manual: "agree to, offer, promise, or otherwise indicate willingness"), anchored on the
    clause's verb so that its subject is the actor. Readiness to use force ("ready to attack") is left to the
    complement, which is then planned force: THREATEN."""
    complement = syntax.first_child(adjective, "xcomp")
    holder = adjective.head
    if adjective.dep_ != "acomp" or complement is None or complement.pos_ != "VERB" or holder.pos_ not in (
            "VERB", "AUX") or lexicon_type(complement) in FORCEFUL_TYPES or any(
            c.dep_ == "neg" for c in holder.children):
        return None
    return Trigger(holder, adjective.idx, adjective.idx + len(adjective.text), "AGREE", None)


def _verb_trigger(verb: Token) -> Trigger | None:
    """Verb and object together first ("lifted a curfew"), then a phrasal verb ("called off"), then a light
    verb carrying an event noun ("staged rallies"), then the verb alone; else a demand made with "must"."""
    objects = _objects(verb)
    if syntax.lemma(verb) not in TRIGGER_LEMMAS:  # no table can hold it: most verbs of a story, skipped cheaply
        return _demand(verb, objects)
    if _names_people(verb):
        return None
    keys = verb_keys(verb)
    for obj in objects:
        for obj_key in _noun_keys(obj):
            for key in keys:
                if f"{key} {obj_key}" in VERB_OBJECTS and not _orders_an_event(verb):
                    kind, mode = VERB_OBJECTS[f"{key} {obj_key}"]
                    if (kind, mode) == ("RETREAT", "access") and _gives_refuge(verb):
                        kind, mode = "AID", None
                    return None if kind == NOT_AN_EVENT else _found_span(verb, obj, kind, mode)
    for preposition, obj in _prepositional_objects(verb):  # "police were searching for a man believed to be ..."
        for obj_key in _noun_keys(obj):
            found = VERB_OBJECTS.get(f"{syntax.lemma(verb)} {preposition.lower_} {obj_key}")
            if found is not None:
                return None if found[0] == NOT_AN_EVENT else Trigger(verb, verb.idx, verb.idx + len(verb.text),
                                                                     *found)
    phrasal = [key for key in keys[:-1] if key in VERBS]
    if not phrasal and any(key in SUPPORT_VERBS for key in keys):
        # "launched artillery, mortar, and rocket fire against guerrilla camps": the event noun may be the last
        # of coordinated objects
        for obj in [*objects, *(c for o in objects for c in o.conjuncts)]:
            for obj_key in _noun_keys(obj):
                if obj_key in NOUNS:
                    kind, mode = NOUNS[obj_key]
                    return _found_span(verb, obj, kind, mode)
    for key in keys:
        if key in VERBS:
            kind, mode = VERBS[key]
            if kind == NOT_AN_EVENT or _verb_alone_is_no_event(verb, kind, keys, objects):
                return None
            end = max([verb] + [c for c in verb.children if c.dep_ == "prt"], key=lambda t: t.i)
            return Trigger(verb, verb.idx, end.idx + len(end.text), kind, mode)
    if syntax.lemma(verb) in ARRIVAL_VERBS and _helpers(verb):
        return Trigger(verb, verb.idx, verb.idx + len(verb.text), "AID", None)
    if syntax.lemma(verb) in WARNING_VERBS and _threatening(verb):
        return Trigger(verb, verb.idx, verb.idx + len(verb.text), "THREATEN", None)
    return _demand(verb, objects)


def _names_people(participle: Token) -> bool:
    """ "I'm thinking of these injured and their families", "the families of the detained gathered outside the
    court": a past participle standing with a determiner where a noun stands (subject, object) names the people it
    befell; the harm itself is told elsewhere ("the killing of Muslims", a gerund, is an act)."""
    return participle.tag_ == "VBN" and participle.dep_ in PEOPLE_DEPS and any(
        c.dep_ == "det" for c in participle.children) and not any(c.dep_ in ("agent", "dobj") for c in
                                                                  participle.children)


def _demand(verb: Token, objects: list[Token]) -> Trigger | None:
    """A demand made with "must", whatever the verb: "issued a stern reminder to Iraq that it must cooperate"."""
    for clause in _told_clauses(verb, objects):
        if any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in clause.children):
            return Trigger(verb, verb.idx, verb.idx + len(verb.text), "REQUEST", None,
                          addressee=syntax.first_child(clause, "nsubj"))
    return None


def _gives_refuge(verb: Token) -> bool:
    """ "Benin opened its borders to West Africans ordered out of Nigeria": a way in opened to people who flee or are
    driven out (REFUGE_NOUNS, or a people named by nationality) takes them in, AID; to observers it is access."""
    return any(o.dep_ == "pobj" and (o.ent_type_ == "NORP" or o.lemma_.lower() in REFUGE_NOUNS)
               for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children)


def _helpers(verb: Token) -> bool:
    """ "The first deployment of NATO peacekeeping troops has arrived in Bosnia": who arrives is sent to help (the
    subject, or what it is a body of)."""
    subject = syntax.first_child(verb, "nsubj")
    if subject is None:
        return False
    bodies = [o for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
              if o.dep_ == "pobj"]
    return any(key in HELPER_NOUNS for noun in [subject, *bodies] for key in _noun_keys(noun))


def _verb_alone_is_no_event(verb: Token, kind: str, keys: list[str], objects: list[Token]) -> bool:
    """An event verb whose object, subject or complement shows it does not do its event here."""
    if kind == "AID" and any(o.lemma_.lower() in MESSAGE_NOUNS for o in objects):
        return True  # "delivered its response" hands over words, not aid
    if kind == "AGREE" and any(NOUNS.get(k, ("",))[0] in FORCEFUL_TYPES for o in objects for k in _noun_keys(o)):
        return True  # "It will only invite another massacre": brings force about, offers nothing
    if kind == "MOBILIZE" and objects and not any(_is_force(o) for o in objects):
        return True  # "mobilized pressure groups", "reinforce the security of public sites"
    if kind == "ASSAULT" and objects and all(o.lemma_.lower() in PROBLEM_NOUNS for o in objects):
        return True  # "to attack the virus", "battled the blaze": force in a figure of speech
    if syntax.lemma(verb) in TALK_VERBS and _one_sided(verb):
        return True  # "Trump discussed his commitment to veterans at an event": a statement
    if _received(verb, keys):
        return True  # "the plan was met with criticism": a reception, not a meeting
    if kind == "THREATEN" and _endangers(verb):
        return True  # "the cuts threatened aid for more than two million people"
    # "lawmakers have demanded to know why ...": a question, not a demand for an act
    return kind == "REQUEST" and any(c.dep_ == "xcomp" and syntax.lemma(c) in KNOWING_VERBS for c in verb.children)


def _one_sided(verb: Token) -> bool:
    """One speaker, no one it is discussed with: a single subject, no "with" (on the verb or its object), not a
    passive."""
    subject = syntax.shared_subject(verb)
    near = [*verb.children, *(t for c in verb.children if c.dep_ == "dobj" for t in c.children)]
    if subject is None or syntax.is_passive(verb) or any(c.dep_ == "prep" and c.lower_ == "with" for c in near):
        return False
    return subject.tag_ in ("NN", "NNP", "PRP") and subject.lower_ not in PLURAL_PRONOUNS and not any(
        c.dep_ == "conj" for c in subject.children) and not any(c.dep_ == "conj" for c in verb.children)


def _received(verb: Token, keys: list[str]) -> bool:
    lemma = syntax.lemma(verb)
    return lemma in RECEPTION_VERBS and syntax.is_passive(verb) and f"{lemma} with" in keys


def _endangers(verb: Token) -> bool:
    """A threat whose subject is a thing or a turn of events endangers; no one threatens (`event_cause_nouns.txt`)."""
    subject = syntax.first_child(verb, "nsubj")
    return subject is not None and subject.pos_ == "NOUN" and (subject.lemma_.lower() in CAUSE_NOUNS
                                                               or subject.lemma_.lower() in NOUNS)


def _prepositional_objects(verb: Token) -> Iterator[tuple[Token, Token]]:
    for preposition in syntax.children_with(verb, ("prep",)):
        for obj in syntax.children_with(preposition, ("pobj",)):
            yield preposition, obj


def _told_clauses(verb: Token, objects: list[Token]) -> Iterator[Token]:
    """What the verb says: its clause complement, or the clause of what it hands over ("issued a stern reminder to
    Iraq that it must cooperate fully with UN inspectors")."""
    yield from (c for c in verb.children if c.dep_ == "ccomp")
    yield from (c for o in objects for c in o.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX"))


def _is_force(noun: Token) -> bool:
    """ "troops", "two divisions", "the army's reserves", "riot police units"."""
    return noun.lemma_.lower() in FORCE_NOUNS or noun.lower_ in FORCE_NOUNS or any(
        c.dep_ == "compound" and c.lemma_.lower() in FORCE_NOUNS for c in noun.children)


def _threatening(warning: Token) -> bool:
    """A warning is a threat when it announces the warner's own force or repercussions: "Iran warned that it
    would retaliate", "warned Hamas not to attack", "warned of serious consequences"; not "aid workers warned that
    an assault would be catastrophic" (a forecast)."""
    for clause in warning.children:
        if clause.dep_ in ("ccomp", "xcomp") and lexicon_type(clause) in FORCEFUL_TYPES:
            return True
        if clause.dep_ == "ccomp" and any(c.dep_ == "nsubj" and c.lower_ in SPEAKER_PRONOUNS for c in clause.children) \
                and any(c.dep_ == "aux" and c.lower_ in MODALS for c in clause.children):
            return True
        if clause.dep_ == "dobj" and (_repercussion(clause) or any(_repercussion(c) for c in clause.children)):
            return True  # "warned Hamas of serious consequences": the parse hangs "of" on the one warned
        if _repercussion(clause):
            return True
    return False


def _repercussion(token: Token) -> bool:
    """ "consequences" as the thing warned of, or "of consequences"."""
    if token.dep_ == "prep" and token.lower_ == "of":
        token = syntax.first_child(token, "pobj") or token
    return token.dep_ in ("dobj", "pobj") and token.lemma_.lower() in REPERCUSSION_NOUNS


def carried_noun(verb: Token) -> Token | None:
    """The object that makes the verb's event ("cut off electricity", "impose import restrictions"), if any."""
    found = _verb_trigger(verb)
    return found.noun if found is not None else None


def _orders_an_event(verb: Token) -> bool:
    """ "ordered troops to prepare to operate in Rafah" moves forces (MOBILIZE), but in "ordered the army to
    deploy troops" the deployment is the event, and the order a REQUEST."""
    return any(c.dep_ == "xcomp" and lexicon_type(c) is not None for c in verb.children)


def lexicon_type(verb: Token) -> str | None:
    """The type the verb lexicon gives the verb on its own (phrasal readings first)."""
    for key in verb_keys(verb):
        if key in VERBS:
            return VERBS[key][0]
    return None


def verb_keys(verb: Token) -> list[str]:
    """ "call off" and "call for" before "call", "plead guilty" before "plead": particles, prepositions and
    complements that change the verb's meaning."""
    lemma = syntax.lemma(verb)
    extra = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "acomp")
             or c.dep_ == "prep" and _phrasal_preposition(verb, c) or c.dep_ == "advmod" and c.lower_ in PARTICLES]
    extra += [f"{lemma} {mark}" for mark in map(_clause_mark, verb.children) if mark]
    if not extra and _closes_a_report(verb):
        extra.append(f"{lemma} that")
    return extra + [lemma]


def _closes_a_report(verb: Token) -> bool:
    """ "Croatian authorities are failing to uphold the property rights of Croatian Serb refugees, a human rights
    group protested here Wednesday": a verb ending the sentence after a comma, with its subject, tells the clause
    before it as "protested that ..." would (the parse may hang it on that clause's last noun as a modifier)."""
    subject = verb.head if verb.dep_ == "acl" else syntax.first_child(verb, "nsubj")
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or verb.dep_ not in ("acl", "ROOT"):
        return False
    start, sent = subject.left_edge.i, verb.sent
    return start > sent.start + 2 and verb.doc[start - 1].text == "," and verb.right_edge.i >= sent.end - 2 \
        and not any(c.dep_ in ("dobj", "prep") for c in verb.children)


def _phrasal_preposition(verb: Token, preposition: Token) -> bool:
    """A preposition that may make a phrasal verb: not one that gives a time ("Clinton called Machado on Friday" is
    no "call on"), nor one after a naming ("has been called a charlatan by physicians for promoting quack cures" is
    no "call for")."""
    obj = syntax.first_child(preposition, "pobj")
    if obj is not None and obj.ent_type_ in ("DATE", "TIME"):
        return False
    return not any(c.dep_ == "oprd" for c in verb.children)


def _clause_mark(clause: Token) -> str | None:
    """ "that" for a clause of fact ("conceded that ...", "denied it was involved"), "if" or "whether" for a
    question ("asked him if there was any evidence", which the parse may hang on the verb as an adverbial), "for"
    for what is called for ("the UK is pushing hard for the US to support its plan", which the parse hangs on the
    verb as an adverbial clause: the verb is "push for")."""
    if clause.dep_ not in ("ccomp", "advcl"):
        return None
    mark = next((c.lower_ for c in clause.children if c.dep_ == "mark"), None)
    if mark in QUESTION_MARKS or mark in CALLED_FOR_MARKS and clause.dep_ == "advcl":
        return mark
    return "that" if clause.dep_ == "ccomp" else None


def _objects(verb: Token) -> list[Token]:
    """The verb's object; a passive verb's subject ("a curfew was imposed") is its object too; in "launched a
    series of attacks" the object is the attacks; in "went on strike" the strike."""
    objects = [_counted(c) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    lemma = syntax.lemma(verb)  # "went on strike": what a light verb's preposition carries
    objects += [o for c in verb.children if c.dep_ == "prep" and f"{lemma} {c.lower_}" in SUPPORT_VERBS
                for o in c.children if o.dep_ == "pobj"]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ == "NOUN":  # "the photo released by police"
        objects.append(verb.head)
    return objects


def _counted(noun: Token) -> Token:
    if noun.lemma_.lower() in QUANTITY_NOUNS or noun.pos_ == "NUM":  # "nine of the 12 accused staff"
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return syntax.first_child(of, "pobj") or noun if of is not None else noun
    return noun


def _noun_keys(noun: Token) -> list[str]:
    """ "hunger strike" before "strike": a compound or adjective modifier may make the event; in "a mediation
    effort" the compound is the event."""
    lemma = noun.lemma_.lower()
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod")]
    kinds = [] if lemma in KIND_HEADS else [c.lemma_.lower() for c in modifiers if c.dep_ == "compound"]
    return [f"{c.lower_} {lemma}" for c in modifiers] + [lemma] + kinds


def _found_span(verb: Token, noun: Token, kind: str, mode: str | None) -> Trigger:
    first, last = min(verb.i, noun.i), max(verb.i, noun.i)
    doc = verb.doc
    if last - first > 4:  # a long gap would make a trigger of half a sentence: keep the verb alone
        return Trigger(verb, verb.idx, verb.idx + len(verb.text), kind, mode, noun)
    return Trigger(verb, doc[first].idx, doc[last].idx + len(doc[last].text), kind, mode, noun)


def _noun_trigger(noun: Token) -> Trigger | None:
    # "March", "Strike Force": names, not events
    if noun.text[:1].isupper() and noun.i != layout(noun.doc).sentence(noun).start:
        return None
    for key in _noun_keys(noun):
        if key in NOUNS:
            kind, mode = NOUNS[key]
            first = min([noun] + [c for c in noun.children if c.dep_ == "compound" and key.startswith(c.lower_)],
                        key=lambda t: t.i)
            return Trigger(noun, first.idx, noun.idx + len(noun.text), kind, mode)
    return None


def merge_consequences(found: list[Trigger]) -> list[Trigger]:
    """One act named twice in one clause is one event: "Israeli strikes killed 27 people", "were killed in an
    airstrike" (an event noun as the subject of its verb, or as where its verb happened). A consequence told in a
    clause of its own is an event of its own, with the actor of the act it follows: in "attacked the camp, killing
    156 people" and "the attack, in which 1,200 people were killed" the attack and the killing are two events, as
    event annotation (KAIROS: Attack, Die) counts them; the events track lists them as one real event."""
    by_anchor = {f.anchor.i: f for f in found}
    kept = []
    for f in found:
        head = by_anchor.get(_clause_head(f.anchor).i)
        if head is not None and head is not f and head.type == f.type and _restates(f.anchor):
            head.absorbed.append(f.anchor)
        else:
            kept.append(f)
    return kept


def _clause_head(token: Token) -> Token:
    """The word a prepositional object's phrase hangs on ("killed in an airstrike"), else the token's head."""
    if token.dep_ == "pobj":
        return token.head.head
    return token.head


def _restates(anchor: Token) -> bool:
    return anchor.pos_ != "VERB" and anchor.dep_ in ("nsubj", "pobj")


def mode_from_words(f: Trigger) -> str | None:
    words = MODE_WORDS.get(f.type)
    if not words:
        return None
    clause = f.anchor.subtree if f.verbal else layout(f.anchor.doc).sentence(f.anchor)
    lemmas = [t.lemma_.lower() for t in clause]
    for n, lemma in enumerate(lemmas):
        pair = " ".join(lemmas[n:n + 2])
        if pair in words:
            return words[pair]
        if lemma in words:
            return words[lemma]
    return None

