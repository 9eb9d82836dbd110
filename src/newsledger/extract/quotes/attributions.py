"""One attribution per cue, from the parse: a reporting verb or stance adjective, a reporting noun, a crediting
phrase."""
from __future__ import annotations

from spacy.tokens import Token

from ...layout import layout
from ... import syntax
from .cues import (ACT_CUES, ADVERB_CUES, ATTITUDE_CUES, CUE_FRAMES, NOUN_FRAMES, SOURCE_CUE_FIRST, SOURCE_CUES,
                   Attribution, cue_end_of, cue_frames)
from .frames import block_after, complement, noun_complement
from .paragraphs import paragraph_bounds, same_paragraph, token_segments
from .speakers import cue_subject, inverted_aside, mention_range, paragraph_subject, passive_cue


def verb_attribution(tok: Token) -> Attribution | None:
    frames = cue_frames(tok)
    if frames is None:
        return None
    block = block_after(tok) if "clause" in frames else None
    content, topic = ([block], False) if block else complement(tok, frames)
    if content is None or (not content and tok.pos_ == "ADJ"):
        return None
    if content and not block:
        # A complement parsed across a paragraph break belongs to the cue's own paragraph only.
        first, last = paragraph_bounds(tok)
        content = [(start, end) for start, end in content if first <= start < last]
        if not content and "clause" not in frames:
            return None  # a clause cue keeps its chance of a quote beside it
    speaker = cue_subject(tok)
    aside = inverted_aside(tok) if "clause" in frames else None
    if aside is not None:
        speaker, content = aside
    if speaker is not None and not same_paragraph(speaker, tok):
        speaker = paragraph_subject(tok)  # spaCy ran the sentence over a paragraph break
    elif speaker is None and tok.i > 0 and tok.doc[tok.i - 1].pos_ == "PROPN" and tok.dep_ == "ROOT":
        speaker = tok.doc[tok.i - 1]  # "the editorial board of the Post Trump said ...": a name spaCy misplaced
    if "unsourced" in frames and content:
        # "Republicans seem confident": an impression the outlet reports, about its subject, not a claim by it.
        if speaker is not None:
            content = sorted(token_segments(list(speaker.subtree)) + content)
        speaker = None
    elif speaker is None and content and not ("agentless" in frames and passive_cue(tok)):
        # Nobody makes the claim ("plans to cut taxes were dropped"): no attribution, unless a quote beside the
        # cue shows someone speaking.
        return None
    cue_end = cue_end_of(tok)
    claim = ("withheld" if _withheld(tok, frames) else "belief" if _attitude(tok, frames) else
             "act" if syntax.lemma(tok) in ACT_CUES else "topic" if topic else "statement")
    return Attribution(tok, cue_end, "indirect", content, mention_range(speaker) if speaker is not None else None,
                       claim=claim)


def _attitude(tok: Token, frames: set[str]) -> bool:
    """ "Protesters believe ...", "They worry ...", "Republicans are wary of ...", "he appears to be in the
    ballpark": a state of mind or an impression, not words."""
    return "unsourced" in frames or syntax.lemma(tok) in ATTITUDE_CUES or tok.lower_ in ATTITUDE_CUES


_WH_WORDS = {"when", "whether", "if", "how", "what", "which", "who", "whom", "why", "where"}


def _withheld(tok: Token, frames: set[str]) -> bool:
    """Speech refused or negated: "He declined to say when his company's lander would be ready", "he did not
    disclose how large of a payload the company could carry". A negated cue with a that-clause or a plain clause
    still reports one ("didn't say he would run")."""
    if "withholding" in frames:
        return any(c.dep_ == "xcomp" and syntax.lemma(c) in CUE_FRAMES for c in tok.children)
    if not any(c.dep_ == "neg" for c in tok.children):
        return False
    complements = [c for c in tok.children if c.dep_ in ("ccomp", "dobj")]
    return bool(complements) and all(c.dep_ == "dobj" or c.left_edge.lower_ in _WH_WORDS for c in complements)


def noun_attribution(tok: Token) -> Attribution | None:
    """ "Trump's claim that ...", "a statement from the campaign that ...", "issued a warning that ..."."""
    frames = NOUN_FRAMES.get(syntax.lemma(tok))
    if frames is None or tok.pos_ != "NOUN":
        return None
    content, topic = noun_complement(tok, frames)
    speaker = _noun_source(tok) if content else None
    if speaker is None or not same_paragraph(speaker, tok):
        return None
    lemma = syntax.lemma(tok)
    claim = "belief" if lemma in ATTITUDE_CUES else "act" if lemma in ACT_CUES else "topic" if topic else "statement"
    return Attribution(tok, tok.idx + len(tok.text), "indirect", content, mention_range(speaker), claim=claim)


def _noun_source(tok: Token) -> Token | None:
    """Whose claim: the possessor, a "from"/"by" phrase, or the subject of the verb that makes it."""
    for child in tok.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
            if source is not None:
                return source
    if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        return cue_subject(tok.head)
    return None


def source_attribution(tok: Token) -> Attribution | None:
    words = SOURCE_CUE_FIRST.get(tok.lower_)
    if words is None:
        return None
    doc = tok.doc
    last = tok.i + len(words) - 1
    if last >= len(doc) or [t.lower_ for t in doc[tok.i:last + 1]] != words:
        return None
    named = ([t for t in doc[last].subtree if t.dep_ in ("pobj", "dobj")]
             or [t for t in doc[last + 1:last + 4] if t.pos_ in ("PROPN", "NOUN")])
    if not named:
        return None
    source = named[0]
    phrase_start, phrase_end = tok.i, max(source.right_edge.i, last)
    sent = layout(doc).sentence(tok)
    before = [t for t in sent if t.i < phrase_start]
    after = [t for t in sent if t.i > phrase_end]
    # "According to X, the toll rose" credits what follows; "the toll rose, according to X" what precedes.
    side = before if len(before) >= len(after) else after
    if not any(t.is_alpha for t in side):
        return None
    cue_end = doc[last].idx + len(doc[last].text)
    return Attribution(tok, cue_end, SOURCE_CUES[" ".join(words)], token_segments(side), mention_range(source))


def adverb_attribution(tok: Token) -> Attribution | None:
    """ "The FBI is reportedly making arrangements to interview Hillary Clinton": the clause the adverb modifies
    is a claim by someone unnamed."""
    if tok.lower_ not in ADVERB_CUES or tok.pos_ != "ADV" or tok.head.i == tok.i:
        return None
    if tok.head.dep_ in ("relcl", "acl", "advcl") or verb_attribution(tok.head) is not None:
        # "has reportedly told friends that ...": the adverb belongs to the cue's own attribution (not "have
        # reportedly looked at Twitter", where "look" reports nothing); "a call he reportedly made": a description
        # inside another sentence, not a claim of its own.
        return None
    clause = [t for t in tok.head.subtree if t.i != tok.i]
    if not any(t.is_alpha for t in clause):
        return None
    return Attribution(tok, tok.idx + len(tok.text), "indirect", token_segments(clause), None)
