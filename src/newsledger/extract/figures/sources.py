"""Who reported a figure: the speaker of the quote it sits in, "according to X", "reported by X", or the subject of
the reporting verb that governs it; with the chain of sources ("an AFP tally based on official Israeli figures").
"""
from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan, Token

from ...lexicon import load_phrases
from ...model import Quote, Span
from .numerals import UNITS, Numeral

SOURCE_CUES = set(load_phrases("figure_source_cues.txt"))
CHAIN_LINKS = load_phrases("figure_source_chains.txt")
NOT_SOURCES = {"it", "there", "that", "which", "who"}  # expletives and relative pronouns ("bombs that claimed")
_DASHES = {"–", "—", "--"}


def source_of(numeral: Numeral, head: Token, sentence: SpacySpan, text: str,
            quotes: list[Quote]) -> tuple[Span | None, list[str], str | None]:
    """The quote's speaker when the figure sits in a quote; else "according to X" or a reporting verb's subject."""
    reported_by = _reported_by(head)
    if reported_by is not None:  # "the 27,708 reported by the ministry": the nearest credit, even inside a quote
        quote_id = next((q.id for q in quotes if _inside(numeral, q)), None)
        return Span.of(text, reported_by.start_char, reported_by.end_char), _chain(reported_by), quote_id
    for quote in quotes:
        if _inside(numeral, quote):
            according = _according_to(sentence)
            mention = quote.speaker_mention
            # "according to an AFP tally based on official Israeli figures": the whole chain, as the guide writes it
            if according is not None and mention is not None and _chain(according) \
                    and according.start_char <= mention.start and mention.end <= according.end_char:
                return Span.of(text, according.start_char, according.end_char), _chain(according), quote.id
            return mention, [], quote.id
    phrase = _according_to(sentence) or _reporting_subject(head, sentence)
    if phrase is None:
        return None, [], None
    return Span.of(text, phrase.start_char, phrase.end_char), _chain(phrase), None


def _inside(numeral: Numeral, quote: Quote) -> bool:
    return any(part.start <= numeral.start and numeral.end <= part.end for part in quote.content)


def _reported_by(head: Token) -> SpacySpan | None:
    """The agent of a reporting participle on the counted phrase: "the 27,708 reported by the health ministry"."""
    for noun in (head, head.head):
        for verb in noun.children:
            if verb.dep_ == "acl" and verb.lemma_.lower() in SOURCE_CUES:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                if source is not None:
                    return _phrase(source)
    return None


def _according_to(sentence: SpacySpan) -> SpacySpan | None:
    for token in sentence:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if source is not None:
                return _phrase(source)
    return None


def _reporting_subject(head: Token, sentence: SpacySpan) -> SpacySpan | None:
    """The subject of the reporting verb that governs the figure, or of the nearest one in its sentence."""
    cues = [t for t in sentence if t.lemma_.lower() in SOURCE_CUES and t.pos_ in ("VERB", "AUX") and not _passive(t)]
    ancestors = set(head.ancestors)
    for cue in cues:
        # A trailing "..., an AFP tally shows." is often parsed as a clause joined to the one holding the figure.
        trailing = cue.dep_ in ("conj", "parataxis") and cue.head in ancestors and cue.i > head.i
        if cue not in ancestors and not trailing:
            continue
        if _addressed(cue, head):
            continue
        subject = _subject(cue)
        # "47 percent said ...": a share of those polled is a count, not a reporter.
        if subject is None or subject.lower_ in NOT_SOURCES or subject.like_num or subject.lower_ in UNITS \
                or subject.text == "%" or (trailing and subject.i < head.i):
            continue
        phrase = _phrase(subject)
        # "said the young father of two": a figure inside the speaker's own description is not reported by him.
        if not (phrase.start <= head.i < phrase.end):
            return phrase
    return None


def _addressed(cue: Token, head: Token) -> bool:
    """ "Trump tells 3,000 in Reno the NFL has gone soft": the figure counts whom the speaker addressed."""
    branch = next((t for t in (head, *head.ancestors) if t.head.i == cue.i and t.i != cue.i), None)
    if branch is None:
        return False
    return branch.dep_ == "dative" or (branch.dep_ == "dobj" and any(c.dep_ == "ccomp" for c in cue.children))


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it hangs from ("declared ..., recalling ...")."""
    node = verb
    for _ in range(4):
        # The nearest of two subjects: "MACAU (Reuters) – Top donor Sheldon Adelson said" parses the dateline too.
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[-1]
        if node.dep_ not in ("conj", "advcl", "xcomp", "ccomp") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _phrase(token: Token) -> SpacySpan:
    """The token's whole noun phrase, without trailing punctuation or a relative clause."""
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("relcl", "acl") and child.pos_ == "VERB" and child.tag_ != "VBN":
            break
        right = max(right, child.right_edge.i)
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    # "MACAU (Reuters) – Top Republican donor Sheldon Adelson": a dateline before a dash is not the source.
    dash = max((t.i for t in doc[left:token.i] if _is_dash(t)), default=None)
    if dash is not None:
        left = dash + 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left:right + 1]


def _is_dash(token: Token) -> bool:
    """A dash between words, not the hyphen of "anti-war"."""
    spaced = token.i > 0 and bool(token.whitespace_) and bool(token.doc[token.i - 1].whitespace_)
    return token.text in _DASHES or (token.text == "-" and spaced)


def _chain(phrase: SpacySpan) -> list[str]:
    """ "an AFP tally based on official Israeli figures" -> ["AFP", "official Israeli figures"]."""
    lowered = phrase.text.lower()
    for link in CHAIN_LINKS:
        at = re.search(rf"\b{re.escape(link)}\b", lowered)
        if at is None:
            continue
        first = phrase.doc.char_span(phrase.start_char, phrase.start_char + at.start(), alignment_mode="contract")
        rest = phrase.text[at.end():].strip()
        named = [e.text for e in first.ents] if first is not None else []
        head = named[0] if named else re.sub(r"^(?:the|an?)\s+", "", phrase.text[:at.start()].strip(), flags=re.I)
        return [head, re.sub(r"^(?:the|an?)\s+", "", rest, flags=re.I)]
    return []
