"""Events (PLOVER): what happened, who did it to whom, when and where, and whether it is news at all.

A trigger is a verb from the event lexicon ("dismissed", "shelled"), a verb whose object decides its meaning
("imposed a curfew", "lifted a curfew"), a light verb carrying an event noun ("launched an attack", "held
talks"), or an event noun on its own ("the attack on 7 October"). Its actor and target are read from the
dependency parse (subject and object, passive agent and subject, the controller of an infinitive, the author of
a rejected demand); its date, place and casualty figures are the time expressions, place names and figures whose
nearest event up the parse is this one. Each event is then marked as planned (modal, intended, ordered, still to
come), negated (not, refused to), or background (recalled: a date well before publication, "followed the attack
on 7 October", past perfect in the narrator's voice).

`Event.type` is what the clause says happens ("talks would start on Thursday" is CONSULT, planned);
`plover_category` applies the PLOVER manual's coding rules for the not-yet-done on top of it.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import Article, Event, Figure, Span, TimeExpr
from ..lexicon import data_lines, load_phrases, load_table
from ..layout import layout
from .signals import dating_times


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
INTENT_WORDS = set(load_phrases("event_intent_words.txt"))
OBJECT_CONTROL = set(load_phrases("event_object_control.txt"))
RECALL_CUES = set(load_phrases("event_recall_cues.txt"))
MODALS = set(load_phrases("event_modals.txt"))
DEMAND_MODALS = set(load_phrases("event_demand_modals.txt"))
NEGATING_VERBS = set(load_phrases("event_negating_verbs.txt"))
LEMMA_FIXES = load_table("event_lemma_fixes.tsv")
REPORTING_VERBS = set(load_table("cues_verbs.tsv"))

CASUALTY_CATEGORIES = {"killed", "injured", "missing", "hostages", "detained"}
NOT_PLACE_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into"}
TARGET_PREPOSITIONS = ("against", "on", "upon", "with", "to", "into", "from", "at", "over")
RECIPIENT_PREPOSITIONS = ("to", "for", "with", "from")
AUTHOR_PREPOSITIONS = ("by", "from", "of")
NOT_PARTICIPANT_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
THIRD_PERSON = {"it", "its", "they", "their", "them", "he", "his", "she", "her"}
ACTOR_LABELS = {"PERSON", "NORP", "GPE", "ORG"}
# A recalled event is one dated at least this long before publication.
BACKGROUND_DAYS = 7
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
YIELDING = {"AGREE", "CONCEDE", "RETREAT"}
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
# Governors whose infinitive or clause complement is an act still to come ("agreed to", "demanded that").
FORWARD_TYPES = {"AGREE", "REQUEST", "THREATEN", "CONCEDE"}
_PHRASE_CUT_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "prep"}
_PHRASE_KEPT_PREPS = {"of"}


@dataclass
class _Found:
    anchor: Token               # the word the event hangs on in the parse: the verb, or the event noun
    start: int                  # trigger span, character offsets
    end: int
    type: str
    mode: str | None
    noun: Token | None = None   # the event noun a light verb carries ("launched an attack")
    absorbed: list[Token] = field(default_factory=list)  # anchors of merged consequence clauses
    addressee: Token | None = None  # who a demand is made of, when the parse does not say it directly

    @property
    def verbal(self) -> bool:
        return self.anchor.pos_ in ("VERB", "AUX")

    def anchors(self) -> Iterator[Token]:
        yield self.anchor
        if self.noun is not None:
            yield self.noun
        yield from self.absorbed


def extract_events(doc: Doc, article: Article, times: list[TimeExpr], figures: list[Figure]) -> list[Event]:
    page = layout(doc)
    if not page.text.strip():
        return []
    found = _merge_consequences([f for sent in doc.sents for f in _find_triggers(sent)])
    owner = {token.i: f for f in found for token in f.anchors()}
    dates = _attach(doc, owner, ((t.span, t) for t in dating_times(page.text, times)))
    places = _attach(doc, owner, ((Span(p.start_char, p.end_char, p.text), p) for p in _place_phrases(doc)))
    casualties = _attach(doc, owner, ((f.span, f) for f in figures if f.category in CASUALTY_CATEGORIES))
    published = _as_date(article.published)
    events = []
    for f in sorted(found, key=lambda f: f.start):
        actor, target = _participants(f)
        time = dates.get(id(f), [None])[0]
        place = places.get(id(f), [None])[0]
        event = Event(
            id=f"v{len(events) + 1}", type=f.type, mode=f.mode or _mode_from_words(f),
            trigger=Span.of(page.text, f.start, f.end),
            sentence=Span.trimmed(page.text, page.sentence(f.anchor).start_char, page.sentence(f.anchor).end_char),
            actor_mention=_mention(doc, actor), target_mention=_mention(doc, target),
            date=time.value if time else None, place=_place_name(place) if place else None,
            figures=[fig.id for fig in casualties.get(id(f), [])],
        )
        event.planned, event.negated = _modality(f)
        event.planned = event.planned or _after(event.date, published)
        event.background = not event.planned and _is_background(f, event.date, published)
        events.append(event)
    return events


def plover_category(event: Event) -> str:
    """The PLOVER code of an event, with the manual's rules for acts not yet done: promised cooperation is
    AGREE, an announced retreat is CONCEDE, and announced force or pressure is THREATEN; cooperation
    withheld ("will not accept", "did not open") is REJECT."""
    if event.negated:
        return "REJECT" if event.type in COOPERATIVE | YIELDING else event.type
    if not event.planned:
        return event.type
    if event.type in COOPERATIVE:
        return "AGREE"
    if event.type == "RETREAT":
        return "CONCEDE"
    if event.type in MATERIAL_CONFLICT:
        return "THREATEN"
    return event.type


# -- triggers -------------------------------------------------------------------------------------------------

def _find_triggers(sent: SpacySpan) -> Iterator[_Found]:
    carried: set[int] = set()
    for token in sent:
        if token.pos_ == "VERB" and token.dep_ not in ("amod", "compound"):
            found = _verb_trigger(token)
            if found:
                if found.noun is not None:
                    carried.add(found.noun.i)
                yield found
    for token in sent:
        if (token.pos_ == "NOUN" and token.i not in carried and token.dep_ != "compound"
                and token.lemma_.lower() not in MESSAGE_NOUNS):
            found = _noun_trigger(token)
            if found:
                yield found


def _verb_trigger(verb: Token) -> _Found | None:
    """Verb and object together first ("lifted a curfew"), then a phrasal verb ("called off"), then a light
    verb carrying an event noun ("staged rallies"), then the verb alone; else a demand made with "must"."""
    keys = _verb_keys(verb)
    objects = _objects(verb)
    for obj in objects:
        for obj_key in _noun_keys(obj):
            for key in keys:
                if f"{key} {obj_key}" in VERB_OBJECTS:
                    kind, mode = VERB_OBJECTS[f"{key} {obj_key}"]
                    return _found_span(verb, obj, kind, mode)
    phrasal = [key for key in keys[:-1] if key in VERBS]
    if not phrasal and any(key in SUPPORT_VERBS for key in keys):
        for obj in objects:
            for obj_key in _noun_keys(obj):
                if obj_key in NOUNS:
                    kind, mode = NOUNS[obj_key]
                    return _found_span(verb, obj, kind, mode)
    for key in keys:
        if key in VERBS:
            kind, mode = VERBS[key]
            if kind == "AID" and any(o.lemma_.lower() in MESSAGE_NOUNS for o in objects):
                return None  # "delivered its response" hands over words, not aid
            end = max([verb] + [c for c in verb.children if c.dep_ == "prt"], key=lambda t: t.i)
            return _Found(verb, verb.idx, end.idx + len(end.text), kind, mode)
    for clause in verb.children:
        if clause.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in clause.children):
            return _Found(verb, verb.idx, verb.idx + len(verb.text), "REQUEST", None,
                          addressee=_first_child(clause, "nsubj"))
    return None


def _verb_keys(verb: Token) -> list[str]:
    """ "call off" and "call for" before "call": particles and prepositions that change the verb's meaning."""
    lemma = _lemma(verb)
    extra = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "prep")]
    return extra + [lemma]


def _lemma(token: Token) -> str:
    return LEMMA_FIXES.get(token.lower_, token.lemma_.lower())


def _objects(verb: Token) -> list[Token]:
    """The verb's object; a passive verb's subject ("a curfew was imposed") is its object too."""
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]


def _noun_keys(noun: Token) -> list[str]:
    """ "hunger strike" before "strike": a compound or adjective modifier may make the event; in "a mediation
    effort" the compound is the event."""
    lemma = noun.lemma_.lower()
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod")]
    return [f"{c.lower_} {lemma}" for c in modifiers] + [lemma] + [c.lemma_.lower() for c in modifiers
                                                                    if c.dep_ == "compound"]


def _found_span(verb: Token, noun: Token, kind: str, mode: str | None) -> _Found:
    first, last = min(verb.i, noun.i), max(verb.i, noun.i)
    doc = verb.doc
    if last - first > 4:  # a long gap would make a trigger of half a sentence: keep the verb alone
        return _Found(verb, verb.idx, verb.idx + len(verb.text), kind, mode, noun)
    return _Found(verb, doc[first].idx, doc[last].idx + len(doc[last].text), kind, mode, noun)


def _noun_trigger(noun: Token) -> _Found | None:
    if noun.text[:1].isupper() and noun.i != layout(noun.doc).sentence(noun).start:  # "March", "Strike Force": names, not events
        return None
    for key in _noun_keys(noun):
        if key in NOUNS:
            kind, mode = NOUNS[key]
            first = min([noun] + [c for c in noun.children if c.dep_ == "compound" and key.startswith(c.lower_)],
                        key=lambda t: t.i)
            return _Found(noun, first.idx, noun.idx + len(noun.text), kind, mode)
    return None


def _merge_consequences(found: list[_Found]) -> list[_Found]:
    """One act told twice in one clause is one event: "attacked the camp, killing 156 people" (a participle
    clause under its head), "Israeli strikes killed 27 people" (an event noun as the subject of its verb)."""
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
    if anchor.pos_ == "VERB":  # "..., killing 156 people"; "the attack, in which 1,200 people were killed"
        return anchor.dep_ == "advcl" and anchor.tag_ == "VBG" or anchor.dep_ == "relcl" and anchor.head.pos_ == "NOUN"
    return anchor.dep_ in ("nsubj", "pobj")


def _mode_from_words(f: _Found) -> str | None:
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


# -- actor and target -----------------------------------------------------------------------------------------

def _participants(f: _Found) -> tuple[Token | None, Token | None]:
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
        subject = _first_child(token, "nsubj")
        if subject is not None and subject.pos_ != "PRON" and subject.i != actor.i:
            return subject
    return actor


def _verb_actor(verb: Token, depth: int = 0) -> Token | None:
    children = {c.dep_: c for c in verb.children}
    if "nsubjpass" in children or "auxpass" in children:
        agent = children.get("agent")
        return _first_child(agent, "pobj") if agent is not None else None
    subject = children.get("nsubj")
    if subject is not None:
        if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":  # "militants who attacked ..."
            return verb.head
        return subject
    if depth > 4 or verb.head == verb:
        return None
    governor = verb.head
    if verb.dep_ == "xcomp" and _lemma(governor) in OBJECT_CONTROL:
        obj = _first_child(governor, "dobj")
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
    complement = _first_child(verb, "xcomp")
    if complement is not None and complement.pos_ == "VERB" and depth < 3:
        return _verb_target(complement, None, depth + 1)
    return None


def _author_of_message(noun: Token) -> Token:
    """In "rejected North Korea's demand" or "an appeal from President X" the target is who made it."""
    if noun.lemma_.lower() not in MESSAGE_NOUNS:
        return noun
    possessor = _first_child(noun, "poss")
    if possessor is not None:
        return possessor
    author = _child_with_prep(noun, AUTHOR_PREPOSITIONS)
    if author is not None:
        return author
    named = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.ent_type_ in ACTOR_LABELS]
    return named[0] if named else noun


def _noun_actor(noun: Token) -> Token | None:
    """ "Hamas's attack", "Israeli strikes", "an attack by militants"."""
    possessor = _first_child(noun, "poss")
    if possessor is not None:
        return possessor
    named = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.ent_type_ in ACTOR_LABELS]
    if named:
        return named[0]
    return _child_with_prep(noun, ("by",))


def _first_child(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def _child_with_prep(token: Token, prepositions: Iterable[str]) -> Token | None:
    for prep in prepositions:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == prep:
                obj = _first_child(child, "pobj")
                if obj is not None and obj.ent_type_ not in NOT_PARTICIPANT_LABELS:
                    return obj
    return None


def _mention(doc: Doc, head: Token | None) -> Span | None:
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


# -- when, where, how many ------------------------------------------------------------------------------------

def _attach(doc: Doc, owner: dict[int, _Found], items: Iterable[tuple[Span, object]]) -> dict[int, list]:
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


def _governing_event(token: Token, owner: dict[int, _Found]) -> tuple[_Found | None, Token | None]:
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


def _place_phrases(doc: Doc) -> Iterator[SpacySpan]:
    """ "in Gaza", "near the border town of Rafah", "outside Jenin": a name given as where something happened.
    The small model often labels an unfamiliar town as something else, so any proper name after a place
    preposition counts unless it is tagged as a person, organisation, group or number."""
    for token in doc:
        if token.dep_ != "pobj" or token.head.lower_ not in PLACE_PREPOSITIONS or token.pos_ != "PROPN":
            continue
        if token.ent_type_ in NOT_PLACE_LABELS:
            continue
        ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        if ent is None:
            first = min([token] + [c for c in token.children if c.dep_ == "compound"], key=lambda t: t.i)
            ent = doc[first.i:token.i + 1]
        yield ent


def _place_name(ent: SpacySpan) -> str:
    words = ent.text.split()
    return " ".join(words[1:]) if words and words[0].lower() == "the" and len(words) > 1 else ent.text


# -- planned, negated, background -----------------------------------------------------------------------------

def _modality(f: _Found) -> tuple[bool, bool]:
    """(planned, negated) for the event's verb, or for the verb that governs an event noun."""
    verb = f.anchor if f.verbal else _governing_verb(f.anchor)
    planned = negated = False
    if not f.verbal:
        negated = any(c.dep_ == "det" and c.lower_ == "no" for c in f.anchor.children)
        planned = any(c.dep_ == "amod" and c.lower_ in INTENT_WORDS for c in f.anchor.children)
    seen = 0
    while verb is not None and seen < 5:
        seen += 1
        children = list(verb.children)
        negated = negated or any(c.dep_ == "neg" for c in children)
        planned = planned or any(c.dep_ == "aux" and c.lower_ in MODALS for c in children)
        planned = planned or any(c.dep_ == "xcomp" and c.lower_ == "going" for c in children)
        if verb.dep_ == "conj":
            verb = verb.head
            continue
        if verb.dep_ not in ("xcomp", "ccomp") or verb.head == verb:
            break
        governor = verb.head
        governor_type = _lexicon_type(governor)
        if governor_type == "REJECT" or _lemma(governor) in NEGATING_VERBS:
            return False, True
        if verb.dep_ == "ccomp" and _lemma(governor) in REPORTING_VERBS:  # "said it would": the report's modal
            break
        if _lemma(governor) in INTENT_WORDS or governor_type in FORWARD_TYPES or (
                verb.dep_ == "xcomp" and _lemma(governor) in OBJECT_CONTROL):
            planned = True
        if governor.pos_ == "ADJ" or governor_type in FORWARD_TYPES:
            break
        verb = governor
    return planned, negated


def _lexicon_type(verb: Token) -> str | None:
    for key in _verb_keys(verb):
        if key in VERBS:
            return VERBS[key][0]
    return None


def _governing_verb(noun: Token) -> Token | None:
    token = noun
    for _ in range(4):
        if token.head == token:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _is_background(f: _Found, date: str | None, published: dt.date | None) -> bool:
    if _well_before(date, published):
        return True
    if not f.verbal and _recalled_noun(f.anchor):
        return True
    return _narrated_past_perfect(f.anchor) and not _recent(date, published)


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


def _as_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _day(value: str | None) -> dt.date | None:
    return _as_date(value) if value and len(value) >= 10 and value[4] == "-" else None


def _well_before(value: str | None, published: dt.date | None) -> bool:
    last = _last_day(value)
    return last is not None and published is not None and (published - last).days >= BACKGROUND_DAYS


def _last_day(value: str | None) -> dt.date | None:
    """The last day a TIMEX3 date value covers: the day itself, the end of its month, or of its year."""
    if not value or not value[:4].isdigit():
        return None
    if _day(value):
        return _day(value)
    year = int(value[:4])
    if len(value) == 7 and value[4] == "-" and value[5:].isdigit() and 1 <= int(value[5:]) <= 12:
        month = int(value[5:])
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    if len(value) == 4:
        return dt.date(year, 12, 31)
    return None


def _recent(value: str | None, published: dt.date | None) -> bool:
    day = _day(value)
    return day is not None and published is not None and abs((published - day).days) < BACKGROUND_DAYS


def _after(value: str | None, published: dt.date | None) -> bool:
    day = _day(value)
    return day is not None and published is not None and day > published
