"""Speaker resolution within an article (issue 3): names, pronouns, descriptions, appositions, titles.

Each quote's speaker mention is tied to an entity of the article:
- a mention holding a name is that entity ("US envoy Blinken" -> Antony Blinken);
- a pronoun is the nearest earlier entity it can stand for (gender from honorifics, first names and the
  pronouns already resolved to it; "they" and "it" for organisations and countries);
- a definite description ("the Israeli leader", "the ministry") is the person named in apposition right
  after it ("The official, Osama Hamdan,"), else the latest entity whose titles or name hold a role word
  that matches its head noun, and whose titles hold its other words ("Israeli");
- the entity must name the phrase's head: "the health ministry in the Hamas-run territory" is no Hamas quote;
- an unnamed source ("a senior Hamas official") keeps its words as the description, has no speaker and is
  affiliated to the organisation it names, until a later "The official, Osama Hamdan" names it (cataphora);
- a document ("an AFP tally", "the ministry's statement") is its author's;
- a relative pronoun ("officials who said") stands for the phrase the clause hangs from.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ..lexicon import load_phrases, load_table
from ..layout import column, layout
from ..model import Entity, Quote, Span, SpeakerRef
from ..settings import DEFAULTS, Settings

_DATA = "newsledger.resolve"
PRONOUNS = load_table("speaker_pronouns.tsv", _DATA)
FIRST_NAMES = load_table("speaker_first_names.tsv", _DATA)
ROLES = {noun: words.split() for noun, words in load_table("speaker_roles.tsv", _DATA).items()}
UNNAMED_HEADS = set(load_phrases("speaker_unnamed.txt", _DATA))
DOCUMENT_HEADS = set(load_phrases("speaker_documents.txt", _DATA))
_PERSON_GENDERS = {"m", "f"}
_ORG_TYPES = {"ORG", "GPE", "NORP"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_WORD = re.compile(r"[\w.’'-]+")


@dataclass
class _Mention:
    start: int
    end: int
    entity: Entity


@dataclass
class _Resolution:
    """What resolution finds for one quote; a later quote may still name an earlier one's speaker (cataphora)."""

    speaker: SpeakerRef | None = None
    description: str | None = None
    affiliation: SpeakerRef | None = None


def resolve_speakers(doc: Doc, quotes: list[Quote], entities: list[Entity],
                     settings: Settings = DEFAULTS) -> list[Quote]:
    """The quotes with `speaker`, `speaker_description` and `speaker_affiliation` filled in, in the same order."""
    text = layout(doc).text
    window = settings.antecedent_window_chars
    resolved = {q.id: _Resolution(q.speaker, q.speaker_description, q.speaker_affiliation) for q in quotes}
    mentions = sorted((_Mention(s.start, s.end, e) for e in entities for s in e.mentions), key=lambda m: m.start)
    starts = [m.start for m in mentions]
    genders = {e.id: e.gender or _first_name_gender(e) for e in entities}
    unnamed: dict[str, list[_Resolution]] = {}
    descriptions = _unnamed_descriptions(doc)
    description_starts = [d[0] for d in descriptions]
    for quote in sorted(quotes, key=lambda q: q.speaker_mention.start if q.speaker_mention else 0):
        span = quote.speaker_mention
        if span is not None and span.text.lower() in PRONOUNS and PRONOUNS[span.text.lower()] == "relative":
            # "officials who said ...": the relative pronoun stands for the phrase it hangs from.
            span = _antecedent(doc, span)
        phrase = doc.char_span(span.start, span.end, alignment_mode="expand") if span else None
        words = [w.lower() for w in _WORD.findall(span.text)] if span else []
        if not words or phrase is None or not len(phrase):
            continue
        found = resolved[quote.id]
        inside = [m for m in mentions[bisect.bisect_left(starts, span.start):bisect.bisect_left(starts, span.end)]
                  if m.end <= span.end]
        named = _named_head(phrase, inside)
        speaker = affiliation = None
        if named is not None:
            speaker = named  # "Hamas", "the Health Ministry", "US envoy Blinken": the name is the head
        elif len(words) == 1 and words[0] in PRONOUNS:
            antecedent = _pronoun(words[0], span, _earlier(mentions, starts, span, window), genders)
            speaker = antecedent.entity if antecedent else None
            description = _unnamed_antecedent(words[0], span, antecedent, descriptions, description_starts)
            if description is not None:
                # "A senior Hamas official responded. '...,' he said": the unnamed source, not an older name.
                found.description = text[description[0]:description[1]]
                speaker, affiliation = None, _organisation_in(description, mentions, starts)
                unnamed.setdefault(description[2], []).append(found)
        else:
            found.description = span.text
            head = phrase.root.lower_
            speaker = _apposition(text, span, mentions, starts)
            if speaker is not None:
                for earlier in unnamed.pop(head, []):
                    earlier.speaker = _ref(speaker)
            elif head in DOCUMENT_HEADS:
                speaker = _author(phrase, inside)  # "an AFP tally", "the ministry's statement"
            elif words[0] in _DEFINITE:
                speaker = _described(words, _earlier(mentions, starts, span, window))
            if head in UNNAMED_HEADS:
                affiliation = _organisation(inside)
                if speaker is None:
                    unnamed.setdefault(head, []).append(found)
        found.speaker = _ref(speaker) if speaker is not None else None
        found.affiliation = _ref(affiliation) if affiliation is not None else None
    return [replace(q, speaker=resolved[q.id].speaker, speaker_description=resolved[q.id].description,
                    speaker_affiliation=resolved[q.id].affiliation) for q in quotes]


def _antecedent(doc: Doc, span: Span) -> Span | None:
    """The noun phrase a relative clause hangs from, without the clause: "nations that oppose it" -> "nations"."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return None
    clause = tokens.root.head
    if clause.dep_ != "relcl" or clause.head.i >= tokens.root.i:
        return None
    noun = clause.head
    left = noun.left_edge
    end = noun.idx + len(noun.text)
    return Span(left.idx, end, doc[left.i:noun.i + 1].text)


def _named_head(phrase, inside: list[_Mention]) -> Entity | None:
    """The entity whose mention holds the phrase's head word: "the health ministry in the Hamas-run territory"
    names no entity (Hamas only sits in a modifier); "Israeli Prime Minister Benjamin Netanyahu" does."""
    head = phrase.root
    for m in inside:
        if m.start <= head.idx < m.end:
            return m.entity
    # spaCy may parse a name as a modifier of the word after it; a person's name that starts the phrase
    # still names the speaker ("Michael Mulgrew, president of the union").
    people = [m for m in inside if m.entity.type == "PERSON"]
    if people and people[0].start == phrase[0].idx and head.pos_ == "PROPN":
        return people[0].entity
    return None


def _author(phrase, inside: list[_Mention]) -> Entity | None:
    """Who wrote a document named as a source: the name modifying its head ("an AFP tally")."""
    head = phrase.root
    modifiers = [t for t in head.children if t.dep_ in ("compound", "poss", "nmod", "amod") and t.i < head.i]
    for m in inside:
        if any(m.start <= t.idx < m.end for t in modifiers):
            return m.entity
    return None


def _organisation(inside: list[_Mention]) -> Entity | None:
    """The organisation or country an unnamed source speaks for: "An official from mediator Egypt" -> Egypt."""
    bodies = [m.entity for m in inside if m.entity.type in _ORG_TYPES]
    return bodies[-1] if bodies else None


def _unnamed_descriptions(doc: Doc) -> list[tuple[int, int, str]]:
    """Indefinite descriptions of one unnamed person ("a senior Hamas official"): start, end, head noun."""
    found = []
    tags, lowers = column(doc, "TAG"), column(doc, "LOWER")
    for i in range(len(doc)):
        if tags[i] == "NN" and lowers[i] in UNNAMED_HEADS:
            tok = doc[i]
            if tok.left_edge.lower_ in ("a", "an"):
                found.append((tok.left_edge.idx, tok.idx + len(tok.text), tok.lower_))
    return found


def _unnamed_antecedent(word: str, span: Span, antecedent: _Mention | None,
                        descriptions: list[tuple[int, int, str]], starts: list[int]) -> tuple[int, int, str] | None:
    """The unnamed person a he/she stands for when one was described after the last compatible name."""
    if PRONOUNS[word] not in _PERSON_GENDERS:
        return None
    index = bisect.bisect_left(starts, span.start)
    if index == 0:
        return None
    latest = descriptions[index - 1]
    return latest if antecedent is None or antecedent.start < latest[0] else None


def _organisation_in(span: tuple[int, int, str], mentions: list[_Mention], starts: list[int]) -> Entity | None:
    return _organisation(mentions[bisect.bisect_left(starts, span[0]):bisect.bisect_left(starts, span[1])])


def _ref(entity: Entity) -> SpeakerRef:
    return SpeakerRef(entity.id, entity.name, entity.type)


def _first_name_gender(entity: Entity) -> str | None:
    if entity.type != "PERSON" or " " not in entity.name:
        return None
    return FIRST_NAMES.get(entity.name.split()[0].lower())


def _earlier(mentions: list[_Mention], starts: list[int], span: Span, window: int) -> list[_Mention]:
    """The mentions that start before `span` and at most `window` characters before it, nearest last."""
    return mentions[bisect.bisect_left(starts, span.start - window):bisect.bisect_left(starts, span.start)]


def _pronoun(word: str, span: Span, before: list[_Mention], genders: dict[str, str | None]) -> _Mention | None:
    kind = PRONOUNS[word]
    if kind == "relative":
        # "Clinton, who said ...": the name just before the relative pronoun.
        near = [m for m in before[-1:] if span.start - m.end <= 3]
        return near[0] if near else None
    for m in reversed(before):
        entity = m.entity
        if kind in _PERSON_GENDERS and entity.type == "PERSON" and genders.get(entity.id) in (kind, None):
            # What a pronoun said about a person is evidence of their gender for later pronouns.
            genders[entity.id] = kind
            return m
        if kind in ("group", "thing") and entity.type in _ORG_TYPES:
            return m
    return None


def _apposition(text: str, span: Span, mentions: list[_Mention], starts: list[int]) -> Entity | None:
    """ "The official, Osama Hamdan," names the official."""
    after = text[span.end:span.end + 3]
    if not after.startswith(","):
        return None
    index = bisect.bisect_left(starts, span.end)
    if index < len(mentions):
        m = mentions[index]
        if m.entity.type == "PERSON" and not text[span.end + 1:m.start].strip():
            return m.entity
    return None


def _described(words: list[str], before: list[_Mention]) -> Entity | None:
    """ "the Israeli leader" -> the latest earlier entity with a matching title ("Israeli Prime Minister")."""
    head = words[-1]
    roles = ROLES.get(head, [head])
    modifiers = [w for w in words[1:-1] if w not in _DEFINITE]
    for m in reversed(before):
        labels = " ".join(m.entity.titles + [m.entity.name]).lower()
        if any(re.search(rf"\b{re.escape(role)}\b", labels) for role in roles) and all(w in labels for w in modifiers):
            return m.entity
    return None
