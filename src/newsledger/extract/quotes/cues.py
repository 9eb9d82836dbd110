"""What a cue is: reporting verbs, stance adjectives, reporting nouns and crediting phrases, with their frames
(cues_*.tsv), and the attribution record each cue starts.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ... import syntax
from ...lexicon import load_phrases, load_table
from .regions import Region

CUE_FRAMES = {lemma: set(frames.split()) for lemma, frames in load_table("cues_verbs.tsv").items()}
ADJECTIVE_FRAMES = {lemma: set(frames.split()) for lemma, frames in load_table("cues_adjectives.tsv").items()}
NOUN_FRAMES = {lemma: set(frames.split()) for lemma, frames in load_table("cues_nouns.tsv").items()}
SOURCE_CUES = load_table("cues_sources.tsv")
ADVERB_CUES = set(load_phrases("cues_adverbs.txt"))
ADVERB_CUES = set(load_phrases("cues_adverbs.txt"))
ATTITUDE_CUES = set(load_phrases("cues_attitudes.txt"))
SOURCE_CUE_FIRST = {phrase.split()[0]: phrase.split() for phrase in SOURCE_CUES}


@dataclass
class Attribution:
    cue: Token
    cue_end: int
    kind: str
    content: list[tuple[int, int]]
    speaker: tuple[int, int] | None
    paragraph: int = 0
    regions: list[Region] = field(default_factory=list)
    claim: str = "statement"  # statement | topic | belief | withheld (model.Quote.claim)



def cue_frames(tok: Token) -> set[str] | None:
    """A reporting verb's frames, or those of a stance adjective after a copula ("is wary of ...")."""
    if tok.pos_ == "VERB":
        return CUE_FRAMES.get(syntax.lemma(tok))
    if tok.pos_ == "ADJ" and tok.dep_ == "acomp":
        return ADJECTIVE_FRAMES.get(tok.lower_)
    return None


def cue_end_of(tok: Token) -> int:
    """The cue's end character: phrasal particles belong to it ("pointed out")."""
    end = tok.idx + len(tok.text)
    for child in tok.rights:
        if child.dep_ == "prt":
            end = max(end, child.idx + len(child.text))
    return end
