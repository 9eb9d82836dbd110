"""What was said: a cue's complement read by its frames (clause, infinitive, predicate, construal, object, occasion,
prep:...), as character segments.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ...layout import layout
from ... import syntax
from .cues import CUE_FRAMES
from .paragraphs import paragraph_break, same_paragraph, token_at, token_segments
from .regions import MARKS, TRAILING, trimmed
from .speakers import INVERTED_SUBJECT_REACH, main_after_aside

_COMPLEMENT_DEPS = {"ccomp", "xcomp", "dobj"}
# Marks that set off a parenthetical cue: '"...," he said, "..."', 'The economy — she said — is strong'.
_ASIDE_MARKS = {",", "—", "–", "--", "(", '"', "”", "’", "''"}


Segments = list[tuple[int, int]]
# A frame reader's answer that what was said lies elsewhere (in a participle), so no other frame may look.
ELSEWHERE: Segments = []


def complement(tok: Token, frames: set[str]) -> tuple[Segments | None, bool]:
    """What was said as character segments ([] when only a quote beside the cue can supply it), and whether it is
    only a noun phrase naming what the words were about ("denounced a court ruling", "complained about the
    delays") rather than the words themselves.

    The readers of FRAME_READERS are tried in order, each only for a cue with its frame; the first that finds
    something decides.
    """
    children = list(tok.children)
    for frame, read in FRAME_READERS:
        if frame is None or frame in frames:
            found = read(tok, children, frames)
            if found is ELSEWHERE:
                return None, False
            if found is not None:
                return found, frame in _NOUN_PHRASE_FRAMES and bool(found) and names_only(tok, found)
    return None, False


# Frames whose reader may find a bare noun phrase (None: the prepositional reader every cue has).
_NOUN_PHRASE_FRAMES = {"object", None}
_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ"}


def names_only(tok: Token, segments: Segments) -> bool:
    """Whether the content is a noun phrase alone: its top words are nominal, with no predicate said of it
    ("called him a master", "accused X of lying" and "denied having sex" say something; "defended the party's
    actions" does not)."""
    if any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in tok.children):
        return False  # "described the video as lighthearted satire"
    doc = tok.doc
    inside = [t for start, end in segments for t in doc[token_at(doc, start).i:token_at(doc, end - 1).i + 1]]
    indices = {t.i for t in inside}
    tops = [t for t in inside if t.head.i not in indices or t.head.i == t.i]
    if not tops or any(t.pos_ not in _NOMINAL or t.dep_ in ("oprd", "ccomp", "xcomp") for t in tops):
        return False
    # "claimed responsibility for shooting down the helicopter": a deed named by a gerund is said of the source.
    return not any(t.dep_ == "pcomp" and t.tag_ == "VBG" and t.head.head.i in {top.i for top in tops} for t in inside)


def _clause(tok: Token, children: list[Token], frames: set[str]) -> Segments | None:
    main = main_after_aside(tok)
    clauses = [c for c in children if same_paragraph(c, tok) and c != main
               and (c.dep_ == "ccomp" or (c.dep_ == "parataxis" and c.i > tok.i) or _that_clause(c))]
    if not clauses:
        clauses = _clause_after_phrase(tok)
    if clauses:
        # '"...," Blinken said, "and ..."': the clauses on both sides of the cue are what was said.
        return token_segments(sorted((t for c in clauses for t in c.subtree), key=lambda t: t.i))
    aside = _parenthetical(tok, frames)
    if aside or _as_clause(tok, frames):
        # "The economy, he said, is strong", "As Reuters reported, the talks failed": the clause the
        # cue interrupts or introduces is what was said.
        inside = range((_aside_start(tok) if aside else tok.left_edge).i, tok.right_edge.i + 1)
        return token_segments([t for t in tok.head.subtree if t.i not in inside])
    return None


def _infinitive(tok: Token, children: list[Token], frames: set[str]) -> Segments | None:
    for child in children:
        # "urged them to leave", and the gerund of a proposal: "proposed dropping the tax".
        if child.dep_ == "xcomp" and (child.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to"
                                                                for c in child.children)):
            objects = [c for c in children if c.dep_ in ("dobj", "dative") and c.i < child.i]
            first = objects[0] if objects else child
            return token_segments(list(tok.doc[first.left_edge.i:child.right_edge.i + 1]))
    return None


def _predicate(tok: Token, children: list[Token], frames: set[str]) -> Segments | None:
    # "Republicans seem confident they have the votes": the state the source is in.
    for child in children:
        if child.dep_ in ("acomp", "attr", "oprd"):
            return token_segments(list(child.subtree))
    return None


def _construal(tok: Token, children: list[Token], frames: set[str]) -> Segments | None:
    # "sees the bill as a threat", "cast himself as a progressive": the object with what it is taken for.
    objects = [c for c in children if c.dep_ == "dobj"]
    as_phrases = [c for c in children if c.dep_ == "prep" and c.lower_ == "as" and objects and c.i > objects[0].i]
    if as_phrases:
        return token_segments(list(objects[0].subtree) + list(as_phrases[0].subtree))
    return None


def _object(tok: Token, children: list[Token], frames: set[str]) -> Segments | None:
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and syntax.passive_agent(tok) is not None:
        # "a plan proposed by the senator": the noun phrase the participle hangs from.
        inside = range(tok.left_edge.i, tok.right_edge.i + 1)
        return token_segments([t for t in tok.head.subtree if t.i not in inside])
    # "Trump called Clinton, his challenger, an ISIS “co-founder.”": spaCy may parse the object as the predicate.
    # With its own subject: "officials deemed responsible for abuses" names no one's words.
    objectless = ((any(c.dep_ in syntax.SUBJECT_DEPS for c in children) or _finite_acl(tok))
                  and not any(c.dep_ == "dobj" for c in children))
    for child in children:
        passive_object = child.dep_ == "nsubjpass" and syntax.passive_agent(tok) is not None
        # "Big Machine have twice denied doing anything wrong": a gerund is the deed the object names.
        gerund = objectless and child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i > tok.i
        # "went on to call Mrs. Clinton a student of Saul Alinsky": the object parsed as a dative.
        called = child.dep_ == "dative" and any(c.dep_ == "oprd" and c.i > child.i for c in children)
        if (child.dep_ == "dobj" or passive_object or _free_relative(child) or gerund or called
                or (objectless and child.dep_ == "oprd" and child.i > tok.i)):
            # "called him a master", "deemed the plan unworkable": the object with what it is called.
            # "accused Republicans of placing the NRA first": the object with what it is accused of.
            named = set(_prepositions(frames))
            predicates = [t for c in children
                          if c.i > child.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in named))
                          for t in c.subtree]
            return token_segments(list(child.subtree) + predicates)
    return None


def _finite_acl(tok: Token) -> bool:
    """ "Beruff, a Scott ally, called Florida's standards “strong.”": a finite verb spaCy hangs on its subject."""
    return tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBZ")


def _occasion(tok: Token, children: list[Token], frames: set[str]) -> Segments | None:
    # "responded to the criticism, saying ...": what was said is in the participle, not the occasion.
    return ELSEWHERE if any(_reports_for(child) for child in children) else None


def _prepositional(tok: Token, children: list[Token], frames: set[str]) -> Segments | None:
    return _prepositional_complement(tok, frames)


def _quote_beside(tok: Token, children: list[Token], frames: set[str]) -> Segments | None:
    """A clause cue with nothing of its own to report: a quote beside it may supply what was said."""
    # Whom a message is addressed to is no complement: '"...," she told MSNBC', 'He tells the crowd: "..."'.
    spoken_to = ("dobj",) if "addressee" in frames else ()
    # A complement before the cue is a word of the quote before it ('“... again. Mistake?” he asked').
    if (not any(c.dep_ in ("dobj", "xcomp") and c.dep_ not in spoken_to and c.i > tok.i for c in children)
            or _introduces_quote(tok)):
        return []
    return None


# Each frame's reader of the cue's dependents, in the order they are tried (None: every cue).
FRAME_READERS: tuple[tuple[str | None, Callable[[Token, list[Token], set[str]], Segments | None]], ...] = (
    ("clause", _clause),
    ("infinitive", _infinitive),
    ("predicate", _predicate),
    ("construal", _construal),
    ("object", _object),
    ("occasion", _occasion),
    (None, _prepositional),
    ("clause", _quote_beside),
)


def _reports_for(child: Token) -> bool:
    """A participle that reports what its head's subject said ("..., saying the group had shown flexibility")."""
    return (child.dep_ in ("advcl", "xcomp") and child.tag_ == "VBG"
            and "clause" in CUE_FRAMES.get(syntax.lemma(child), ()) and any(c.dep_ == "ccomp" for c in child.children))


def _free_relative(child: Token) -> bool:
    """ "condemned what he called a brazen breach": a what-clause that spaCy hangs on as a clause is an object."""
    return child.dep_ == "ccomp" and child.left_edge.lower_ in ("what", "whatever") and child.i > child.head.i


def _clause_after_phrase(tok: Token) -> list[Token]:
    """ "told The Hill in a statement that her client did not intend ...", "said on Monday that ...": spaCy hangs
    the that-clause on the last noun of the phrase between the cue and it."""
    doc = tok.doc
    for t in doc[tok.i + 1:min(len(doc), tok.i + _RECIPIENT_REACH)]:
        if t.lower_ != "that" or t.dep_ != "mark":
            continue
        clause = t.head
        # A "that" marking the clause, not a relative pronoun: spaCy may still call the clause relcl.
        if (clause.dep_ in ("acl", "ccomp", "relcl") and clause.head.i < t.i and _opens_with_that(clause)
                and any(a.i == tok.i for a in clause.head.ancestors) and same_paragraph(clause, tok)):
            return [clause]
        return []
    return []


# How far after its cue such a that-clause may begin ("told reporters at the White House on Monday that").
_RECIPIENT_REACH = 14


def _opens_with_that(clause: Token) -> bool:
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ == "mark" and first.head.i == clause.i


def _that_clause(child: Token) -> bool:
    """ "tweeted in the early hours that the deal was dead": spaCy may hang the clause on as an adverbial."""
    return child.dep_ == "advcl" and child.left_edge.lower_ == "that" and child.left_edge.i > child.head.i


def _as_clause(tok: Token, frames: set[str]) -> bool:
    """ "As Reuters reported, the talks failed": a cue in an as-clause with no complement of its own."""
    if tok.dep_ != "advcl" or tok.head.i == tok.i or _has_complement(tok, frames):
        return False
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)


def _parenthetical(tok: Token, frames: set[str]) -> bool:
    """A cue set into the clause it reports ("The economy, he said, is strong"), not one that reports its own
    complement ("She said leaders had agreed to a plan": "agreed" is not an aside about "She said")."""
    if tok.dep_ not in ("parataxis", "ccomp") or tok.head.i == tok.i or tok.i <= tok.head.left_edge.i:
        return False
    if _has_complement(tok, frames):
        return False
    first = _aside_start(tok)
    return first.i > 0 and tok.doc[first.i - 1].text in _ASIDE_MARKS


def _aside_start(tok: Token) -> Token:
    """Where a parenthetical cue's aside begins: its subject ("he said"), or the cue itself when the subject
    follows it ("The real problem, said Doyle, is ...": spaCy may also make "The real problem" a subject)."""
    if any(c.dep_ in syntax.SUBJECT_DEPS and tok.i < c.i <= tok.i + INVERTED_SUBJECT_REACH for c in tok.children):
        return tok
    subject = next((c for c in tok.children if c.dep_ in syntax.SUBJECT_DEPS and c.i < tok.i), tok)
    return subject.left_edge


def _has_complement(tok: Token, frames: set[str]) -> bool:
    """Whether the cue reports something of its own; whom it was told to is no complement ("as she told AP")."""
    spoken_to = "dobj" if "addressee" in frames else None
    return any(c.dep_ in _COMPLEMENT_DEPS and c.dep_ != spoken_to for c in tok.children)


def _introduces_quote(tok: Token) -> bool:
    """'Trump said: "..."': spaCy hangs the quote on the cue as an object; the quote region supplies it."""
    after = tok.doc[tok.i + 1:tok.i + 3]
    return bool(len(after)) and after[0].text in (":", ",") and any(MARKS.fullmatch(t.text) for t in after)


def block_after(tok: Token) -> tuple[int, int] | None:
    """ "The governor added:" closing its paragraph introduces the next paragraph as what was said."""
    after = tok.doc[tok.i + 1:tok.i + 3]
    if len(after) < 2 or after[0].text != ":" or not paragraph_break(after[1]):
        return None
    text = layout(tok.doc).text
    start = after[1].idx + len(after[1].text)
    end = text.find("\n", start) % (len(text) + 1)
    start, end = trimmed(text, start, end)
    while start < end and text[start] in TRAILING:
        start += 1
    return (start, end) if end > start else None


def noun_complement(tok: Token, frames: set[str]) -> tuple[Segments | None, bool]:
    """What a reporting noun reports, and whether that is a noun phrase alone ("criticism of the plan")."""
    for child in tok.children:
        if child.dep_ not in ("acl", "ccomp") or child.i < tok.i:
            continue
        marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "aux")}
        if ("clause" in frames and "that" in marks) or ("infinitive" in frames and "to" in marks):
            return token_segments(list(child.subtree)), False
    found = _prepositional_complement(tok, frames)
    if found is None and tok.dep_ == "dobj":
        # "Critics took aim at the budget": spaCy hangs the noun's preposition on the verb, right after the noun.
        found = _prepositional_complement(tok.head, frames, right_after=tok.right_edge.i)
    return found, bool(found) and names_only(tok, found)


def _prepositional_complement(tok: Token, frames: set[str], right_after: int | None = None) -> Segments | None:
    """The object of a listed preposition: "complained about the delays", "criticism of the plan" (with
    `right_after`, only a preposition at the next token)."""
    for preposition in _prepositions(frames):
        for child in tok.children:
            if right_after is not None and child.i != right_after + 1:
                continue
            if child.dep_ == "prep" and child.lower_ == preposition:
                # "spoke on Tuesday": a date is when, not what about; "spoke on condition of anonymity": the terms
                # of speaking, not its topic.
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")
                           and c.ent_type_ not in ("DATE", "TIME") and c.lemma_ != "condition"]
                if objects:
                    return token_segments(list(objects[0].subtree))
            if child.dep_ == "advcl" and child.left_edge.lower_ == preposition and child.left_edge.i > tok.i:
                # "is calling for the United States to step up": spaCy reads "for ... to" as a clause.
                return token_segments(list(child.subtree)[1:])
    return None


def _prepositions(frames: set[str]) -> list[str]:
    return [word for frame in frames if frame.startswith("prep:") for word in frame[5:].split(",")]
