"""What every engine asks of a spaCy parse: a word's lemma (with the model's known slips fixed), its subject, whether
a verb is passive, a child by label, and the extent of a noun phrase.

The dependency labels are ClearNLP's, as the English models emit them; the sets below name the roles the engines
read, so that a label is spelled in one place.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from . import layout
from .lexicon import load_table

LEMMA_FIXES = load_table("lemma_fixes.tsv", "newsledger")
_LEMMA_COLUMN = "lemma with fixes"

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Any one of these under a verb makes it passive: "was imposed" (auxpass), "a curfew was imposed" (nsubjpass),
# "what he said was denied" (csubjpass).
PASSIVE_DEPS = frozenset({"auxpass", "nsubjpass", "csubjpass"})
# The clause links a subject is shared across: "declared ..., recalling ..." (advcl), "said and added" (conj).
SUBJECT_SHARING_DEPS = frozenset({"conj", "advcl", "xcomp", "ccomp"})


def lemma(token: Token) -> str:
    """The lower-cased lemma, with the model's known slips fixed ("hopes" is "hope", not "hop")."""
    return LEMMA_FIXES.get(token.lower_, token.lemma_.lower())


def lemmas(doc: Doc) -> list[str]:
    """`lemma` of every token of the Doc, in token order, read from its token columns (kept with them)."""
    columns = layout.layout(doc).columns
    found = columns.get(_LEMMA_COLUMN)
    if found is None:
        found = columns[_LEMMA_COLUMN] = [LEMMA_FIXES.get(lower, lemma.lower()) for lower, lemma
                                          in zip(layout.column(doc, "LOWER"), layout.column(doc, "LEMMA"))]
    return found


def first_child(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def children_with(token: Token, deps: Iterable[str]) -> list[Token]:
    wanted = set(deps)
    return [c for c in token.children if c.dep_ in wanted]


def is_passive(verb: Token) -> bool:
    """A passive verb: one of PASSIVE_DEPS hangs from it."""
    return any(c.dep_ in PASSIVE_DEPS for c in verb.children)


def shared_subject(verb: Token, climb: int = 4) -> Token | None:
    """The verb's subject, or that of the verb it hangs from ("declared ..., recalling ..."), up to `climb` links.

    Of two subjects the nearest wins: "MACAU (Reuters) – Top donor Sheldon Adelson said" parses the dateline too.
    """
    node = verb
    for _ in range(climb):
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[-1]
        if node.dep_ not in SUBJECT_SHARING_DEPS or node.head.i == node.i:
            return None
        node = node.head
    return None


def phrase_end(head: Token, stops: Callable[[Token], bool]) -> int:
    """The index of the last token of the head's phrase: its right dependents up to the first that `stops` it
    (a relative clause, an apposition ...), without trailing punctuation or space."""
    right = head.i
    for child in head.rights:
        if stops(child):
            break
        right = max(right, child.right_edge.i)
    doc = head.doc
    while right > head.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return right


def passive_agent(verb: Token) -> Token | None:
    """Who does a passive verb's act: "endorsed by the Times" -> "Times"."""
    agent = first_child(verb, "agent")
    return first_child(agent, "pobj") if agent is not None else None
