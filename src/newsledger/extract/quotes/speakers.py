"""Who performs a cue: its subject, the agent of a passive, the name set off after it, the phrase naming the speaker."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...layout import layout
from ... import syntax
from .cues import CUE_FRAMES, Attribution
from .paragraphs import paragraph_break, token_at, token_segments

_SPEAKER_CUT_DEPS = {"relcl", "acl", "advcl", "appos", "parataxis", "punct", "cc", "conj"}
# Verb forms that are active however spaCy attaches them (not "VBN": "a plan proposed by the senator").
_ACTIVE_TAGS = ("VBG", "VBD", "VBZ")
# '"...," said Leslie Wimes': how far after its cue an inverted subject may end.
INVERTED_SUBJECT_REACH = 4


def inverted_aside(tok: Token) -> tuple[Token, list[tuple[int, int]]] | None:
    """ "The plan, said Doyle and others, would fail": spaCy makes "The plan" the cue's subject and the speaker
    the subject of the clause after it. The speaker is the name set off right after the cue; what was said is
    the clause around the aside."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].text != "," or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    fronted = next((c for c in tok.children if c.dep_ in syntax.SUBJECT_DEPS and c.i < tok.i), None)
    if fronted is None:
        return None
    for clause in tok.children:
        if clause.dep_ != "ccomp" or clause.i < tok.i:
            continue
        named = next((c for c in clause.children if c.dep_ in syntax.SUBJECT_DEPS and c.left_edge.i == tok.i + 1), None)
        # "..., said their stump speeches, ...": a possessive marks the clause's own subject, not a source.
        if named is None or named.pos_ not in ("PROPN", "NOUN") or any(c.dep_ == "poss" for c in named.children):
            continue
        closing = named.right_edge
        if closing.text != ",":
            closing = doc[closing.i + 1] if closing.i + 1 < len(doc) else closing
        if closing.text == ",":
            inside = range(named.left_edge.i, closing.i + 1)
            return named, token_segments(list(fronted.subtree) + [t for t in clause.subtree if t.i not in inside])
    return None


def cue_subject(tok: Token) -> Token | None:
    """Who performs the cue: its subject, the agent of a passive, or that of the verb it hangs from."""
    for _ in range(6):
        if main_after_aside(tok) is not None:
            return None  # "Clinton, asked what she would do, said ...": asked by someone unnamed
        subjects = [c for c in tok.children if c.dep_ in syntax.SUBJECT_DEPS]
        if subjects:
            # '"Full panic mode," said Leslie Wimes': spaCy may also take a quoted word for a subject.
            # A relative pronoun stays the mention ("officials who said"); resolution finds its antecedent.
            subject = next((c for c in subjects if tok.i < c.i <= tok.i + INVERTED_SUBJECT_REACH), subjects[-1])
            # "a plan that promises ...": a relative "that" stands for a thing, rarely for a source.
            return None if tok.dep_ == "relcl" and subject.lower_ == "that" else subject
        if passive_cue(tok):
            return syntax.passive_agent(tok)
        if tok.dep_ == "ccomp" and main_after_aside(tok.head) == tok:
            return next(c for c in tok.head.children if c.dep_ in syntax.SUBJECT_DEPS)
        if tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.i == layout(tok.doc).sentence(tok).start:
            return tok.head  # 'Said Ellis: "..."', which spaCy reads as a name
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ in _ACTIVE_TAGS):
            # "a statement saying ...", "Trump, insisting that ...", and a finite verb spaCy hangs on its subject:
            # "Beruff, a Scott ally, called Florida's standards “strong.”"
            return tok.head
        if tok.dep_ == "pcomp" and tok.head.head.i != tok.head.i:
            tok = tok.head.head  # "responded by saying ...": whoever responded
            continue
        if tok.dep_ in ("conj", "xcomp", "advcl", "acomp") and tok.head.i != tok.i:
            tok = tok.head
            continue
        return None
    return None


def passive_cue(tok: Token) -> bool:
    """A passive cue, finite or a participle ("Asked about the plan, Trump said ...": the asker is not Trump)."""
    if syntax.is_passive(tok) or main_after_aside(tok) is not None:
        return True
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl") and not any(c.dep_ == "aux" for c in tok.children)


def main_after_aside(tok: Token) -> Token | None:
    """ "Mrs. Clinton, asked what she would do, said she would review ...": spaCy reads the participle set off
    by commas as the main verb and the real one as its clause. The real main verb, when this is that misparse."""
    doc = tok.doc
    if tok.tag_ not in ("VBD", "VBN") or tok.i == 0 or doc[tok.i - 1].text != ",":
        return None
    if not any(c.dep_ in syntax.SUBJECT_DEPS and c.i < tok.i for c in tok.children):
        return None
    for clause in tok.children:
        if (clause.dep_ == "ccomp" and clause.i > tok.i and doc[clause.i - 1].text == ","
                and clause.tag_ in ("VBD", "VBZ", "VBP") and syntax.lemma(clause) in CUE_FRAMES
                and not any(c.dep_ in syntax.SUBJECT_DEPS for c in clause.children)):
            return clause
    return None


def mention_range(head: Token) -> tuple[int, int]:
    """The noun phrase naming the speaker: the head with its modifiers, without clauses hung on it."""
    doc = head.doc
    left = head.left_edge.i
    right = syntax.phrase_end(head, lambda child: child.dep_ in _SPEAKER_CUT_DEPS)
    # spaCy can run a sentence over a paragraph break ("5:45 p.m.\n\nTrump says"); the name is after it.
    for i in range(head.i - 1, left - 1, -1):
        if paragraph_break(doc[i]):
            left = i + 1
            break
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def paragraph_subject(tok: Token) -> Token | None:
    """The noun phrase that opens the cue's paragraph right before it ("12:15 p.m.\n\nDonald Trump says ...")."""
    before = []
    for t in reversed(tok.doc[max(0, tok.i - 8):tok.i]):
        if paragraph_break(t):
            break
        before.append(t)
    else:
        return None
    nouns = [t for t in before if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not nouns or any(t.pos_ == "VERB" or (t.pos_ == "AUX" and t.head != tok) or t.is_punct for t in before):
        return None
    return nouns[0]


def speaker_between(doc: Doc, attribution: Attribution) -> tuple[int, int] | None:
    """The noun phrase between a quote and its cue ('"...," police Chief Chuck Jordan said')."""
    quote_end = max((r.end for r in attribution.regions if r.end <= attribution.cue.idx), default=None)
    if quote_end is None:
        return None
    gap = [t for t in doc[token_at(doc, quote_end).i:attribution.cue.i] if t.idx >= quote_end]
    heads = [t for t in gap if t.pos_ in ("PROPN", "NOUN", "PRON") and not any(t.head.i == g.i for g in gap)]
    return mention_range(heads[0]) if heads else None
