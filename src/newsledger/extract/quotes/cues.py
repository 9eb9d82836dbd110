"""What a cue is: reporting verbs, stance adjectives, reporting nouns and crediting phrases, with their frames
(cues_*.tsv), and the attribution record each cue starts.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ... import syntax
from ...layout import column
from ...lexicon import load_phrases, load_table
from .regions import Region

CUE_FRAMES = {lemma: set(frames.split()) for lemma, frames in load_table("cues_verbs.tsv").items()}
ADJECTIVE_FRAMES = {lemma: set(frames.split()) for lemma, frames in load_table("cues_adjectives.tsv").items()}
NOUN_FRAMES = {lemma: set(frames.split()) for lemma, frames in load_table("cues_nouns.tsv").items()}
SOURCE_CUES = load_table("cues_sources.tsv")
ADVERB_CUES = set(load_phrases("cues_adverbs.txt"))
ATTITUDE_CUES = set(load_phrases("cues_attitudes.txt"))
ACT_CUES = set(load_phrases("cues_acts.txt"))
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
    claim: str = "statement"  # statement | topic | belief | act | withheld (model.Quote.claim)



def cue_candidates(doc: Doc) -> Iterator[Token]:
    """The words that may be a cue, in text order: a verb of CUE_FRAMES, an adjective of ADJECTIVE_FRAMES after a
    copula, a noun of NOUN_FRAMES, the first word of a crediting phrase, an adverb of ADVERB_CUES. They are picked
    from the token columns, so no Token is built for the other words."""
    tags, deps, lowers, lemmas = column(doc, "POS"), column(doc, "DEP"), column(doc, "LOWER"), syntax.lemmas(doc)
    for i, tag in enumerate(tags):
        if (tag == "VERB" and lemmas[i] in CUE_FRAMES or tag == "ADJ" and deps[i] == "acomp"
                and lowers[i] in ADJECTIVE_FRAMES or tag == "NOUN" and lemmas[i] in NOUN_FRAMES
                or lowers[i] in SOURCE_CUE_FIRST or tag == "ADV" and lowers[i] in ADVERB_CUES):
            yield doc[i]


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
