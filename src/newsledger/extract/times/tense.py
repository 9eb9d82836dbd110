"""The direction of an expression whose own words leave it open ("Wednesday", "in November"): the tense of the verb
that governs it, looked up in the parse only for those matches.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ...lexicon import load_phrases

FUTURE_CUES = set(load_phrases("time_future_cues.txt"))
DEADLINE_PREPOSITIONS = set(load_phrases("time_deadline_prepositions.txt"))
LIMIT_PREPOSITIONS = set(load_phrases("time_limit_prepositions.txt"))
START_PREPOSITIONS = set(load_phrases("time_start_prepositions.txt"))
DEFERRAL_VERBS = set(load_phrases("time_deferral_verbs.txt"))
COMMITMENT_VERBS = set(load_phrases("time_commitment_verbs.txt"))
PAST = -1
OPEN = 0
FUTURE = 1


def governing_tense(doc: Doc, start: int, end: int) -> int:
    """PAST, FUTURE or OPEN from the verb that governs the characters start..end.

    The expression must hang from its verb directly or through one preposition: in "the Jan. 14 deadline" or
    "payable Dec. 7" a noun or adjective stands between, and the clause's tense says nothing about the date.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return OPEN
    token = span.root.head
    if _is_preposition(token) and token.head.i != token.i:
        direction = _preposition_direction(token)
        if direction is not None:
            return direction
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return FUTURE if token.lower_ in FUTURE_CUES else OPEN  # "as soon as Tuesday", "ahead of the weekend"
    return _clause_tense(token)


def _preposition_direction(preposition) -> int | None:
    """The direction a preposition over a time gives by itself, or None where its head's tense decides."""
    word, head = preposition.lower_, preposition.head
    if word in START_PREPOSITIONS:
        return PAST
    if word == "to" and _moved_by(preposition).lemma_.lower() in DEFERRAL_VERBS:
        return FUTURE
    if word not in DEADLINE_PREPOSITIONS | LIMIT_PREPOSITIONS:
        return None
    verb = head if head.pos_ in ("VERB", "AUX") else _verb_above(preposition)
    if verb is not None and verb.lemma_.lower() in COMMITMENT_VERBS and not _past_perfect(verb):
        return FUTURE  # a limit set by a promise or an order: "the minister promised an answer by Thursday"
    if verb is head:
        if word in DEADLINE_PREPOSITIONS:
            return PAST if _past_perfect(head) else FUTURE
        return _clause_tense(head) or FUTURE
    if verb is not None and _clause_tense(verb) == FUTURE:
        # a limit held by a noun in a clause that looks ahead: "the airline will add two flights to Lagos by
        # August" (the August to come); in a past clause it stays open
        return FUTURE
    return None


def _moved_by(preposition):
    """The verb a preposition hangs from, through a particle: "pushed back to Thursday" -> pushed."""
    head = preposition.head
    return head.head if head.dep_ in ("advmod", "prt") and head.head.i != head.i else head


def _is_preposition(token) -> bool:
    """A preposition over a time, also where spaCy calls it a conjunction: "shares have fallen since January"
    (since/SCONJ, tag IN), read in November, is the January past, not the one to come."""
    return token.pos_ == "ADP" or (token.tag_ == "IN" and token.dep_ == "prep")


def clause_tense(doc: Doc, start: int, end: int) -> int:
    """The tense of the clause an expression sits in, through the nouns between: weaker evidence than
    `governing_tense`, enough to say which way an open weekday points: "Djokovic and Murray will make their first
    appearance on Wednesday" (the Wednesday to come). A possessive says nothing of the clause's time: "vowed to
    avenge Monday's attack"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span.root.dep_ == "poss":
        return OPEN
    return _tense_above(span.root)


def _tense_above(token) -> int:
    """The tense of the first verb above the token, at most _CLAUSE_STEPS heads up."""
    verb = _verb_above(token)
    return OPEN if verb is None else _clause_tense(verb)


def _verb_above(token):
    """The first verb above the token, at most _CLAUSE_STEPS heads up, or None."""
    for _ in range(_CLAUSE_STEPS):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


_CLAUSE_STEPS = 4  # head steps from the expression to its clause's verb: "on Wednesday" -> appearance -> make


def _past_perfect(verb) -> bool:
    """ "had not called", "had been scheduled to expire": told as already over, whatever was planned."""
    planner = verb.head if verb.dep_ == "xcomp" else verb
    return any(child.dep_ == "aux" and child.lower_ in ("had", "'d") for child in (*verb.children, *planner.children))


def _clause_tense(verb) -> int:
    if _past_perfect(verb):
        return PAST
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    main = _main_verb_of_participle(verb) if verb.tag_ == "VBG" and not auxiliaries else None
    if main is not None:
        # a participle clause has no tense of its own; it is told in its main verb's: "shares have swung widely,
        # climbing to a peak in July from $12 in March" (the March past), "two flights would leave on Monday, with
        # the third departing from August 6" (the August to come)
        return _clause_tense(main)
    # A participle describing a noun reports a fact, not a plan: "the record high set on Aug. 6".
    describes_noun = verb.dep_ == "acl" and verb.tag_ == "VBN"
    words = {child.lower_ for child in auxiliaries} | (set() if describes_noun else {verb.lower_})
    # A plan names the time of what is planned, whatever the tense of the planning: "has scheduled a news
    # conference Thursday", "planned a rally on Saturday".
    if words & FUTURE_CUES or verb.head.lower_ in FUTURE_CUES or (verb.head.lemma_ == "go" and "to" in words):
        return FUTURE
    if verb.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in FUTURE_CUES for c in verb.children):
        return FUTURE  # "the U.N. team is due back in New York on Sunday": the cue completes the copula
    # An infinitive completing a verb looks ahead: "is to resume trading Tuesday", "agreed to resume talks Tuesday";
    # one of purpose or of a noun is timed by its clause: "staged celebrations to mark the entry on Friday", "the
    # countries to join on Friday" (which spaCy may also parse as the subject: "the first countries to join on
    # Friday were Poland and Hungary").
    if verb.tag_ == "VB" and "to" in words and verb.dep_ in ("xcomp", "ccomp", "conj", "ROOT"):
        return FUTURE
    if describes_noun and not auxiliaries and verb.lower_ not in FUTURE_CUES:
        # what a participle says of its noun is done: "the minister, appointed in December, resigned" (the
        # December past); a plan's participle stays open ("the rally set for Saturday")
        return PAST
    if verb.tag_ == "VBN" and {"to", "be"} <= words and (verb.dep_ == "acl" or verb.head.lemma_ == "be"):
        # a passive infinitive of a noun or of "be" is still to happen: "the report, to be published on Thursday",
        # "the bridge is to be opened in January" (but "he was said to be injured on Sunday" is told)
        return FUTURE
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries) or (
            verb.tag_ == "VBN" and any(child.lemma_ == "have" for child in auxiliaries)):
        return PAST
    if verb.tag_ in ("VBP", "VBZ") and not auxiliaries and verb.pos_ == "VERB":
        return FUTURE  # news present tense with a date is a schedule: "talks resume Wednesday"
    return OPEN


def _main_verb_of_participle(verb):
    """The verb a participle clause hangs from: directly ("climbing" under "swung") or through the preposition of
    an absolute clause ("with the third departing" under "leave")."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    elif verb.dep_ not in ("advcl", "conj"):
        return None
    return head if head.pos_ in ("VERB", "AUX") else None
