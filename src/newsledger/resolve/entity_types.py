"""Entities a reader can trust: spaCy's small model checked against a gazetteer and the article's own names.

- A known place is never a PERSON: "Khan Younis" and "Rafah" tagged PERSON become GPE.
- A name of several capitalised words headed by an organisation's word is an ORG, not a PERSON, even where its first
  word is a first name: "George Washington University", "Brennan Center" (tagged PERSON).
- A name whose first word is a known first name is a person: "Maria Eugenia Landaeta" tagged ORG.
- A name the registry knows as a body other than a government, and no known place, is an ORG: "Quinnipiac" (a
  pollster) tagged GPE.
- A one-word "person" that is no known first name and that the article treats as a company is an ORG: "Twitter"
  tagged PERSON throughout a story that writes "125,000 Twitter accounts" and then "the social media company said"
  (a company trait after the name, a company word such as "Inc.", or an apposition describing a company).
- A known person's surname is never a GPE or an ORG: "Blinken" (GPE) and "Maduro" (ORG) join "Antony Blinken" and
  "Nicolás Maduro"; a partial name joins its full form: "Al Thani" joins "Mohammed bin Abdulrahman Al Thani".

Run right after entity extraction, so speakers, figure sources and the ledger see the corrected entities.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import alternation, load_phrases
from ..model import Article, Entity, Span
from .bodies import (COMPANY_WORDS, DEMONYMS, FIRST_NAMES, GOVERNMENT, NAME_JOINERS, PACKAGE, describes_company,
                     national_jurisdiction, registered_kind)

NAMED_TYPES = {"ORG", "GPE", "NORP"}
_WORD = re.compile(r"[\w'’-]+")
# After the name: a company trait, possessed or as a modifier ("Twitter's shares", "Twitter accounts"), a company
# word ("Teck Corp."), or an apposition ("Teck, the Canadian mining company,").
_TRAIT = re.compile(r"(?:'s|’s)?\s+(?:%s)\b" % alternation(load_phrases("company_traits.txt", PACKAGE)))
ORGANISATION_HEADS = set(load_phrases("organisation_heads.txt", PACKAGE))
_HEAD_JOINERS = {"of", "for"}
_NEXT_WORD = re.compile(r",?\s+([A-Z][\w.&-]*)")
_APPOSITION = re.compile(r"\s*,\s*(?:a|an|the)\s+([^,.;:\n]{3,80}?)\s*(?:,|\.|$)")


def _words(name: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(name)]


def correct_entity_types(entities: list[Entity], article: Article | None = None) -> list[Entity]:
    """The entities retyped (a known place is never a PERSON, a first name makes one, a name the article treats as
    a company is an ORG), and each surname or partial name folded into the one fuller name of the article it ends
    ("Blinken" into "Antony Blinken")."""
    text = article.text if article is not None else ""
    typed = [replace(entity, type=_corrected_type(entity, text, entities)) for entity in entities]
    people = [e for e in typed if e.type == "PERSON" and len(_words(e.name)) > 1]
    current = {id(entity): entity for entity in typed}
    kept = []
    for entity in typed:
        fuller = _fuller_person(entity, people)
        if fuller is None:
            kept.append(entity)
            continue
        whole, part = current[id(fuller)], current[id(entity)]
        current[id(fuller)] = replace(whole, mentions=sorted([*whole.mentions, *part.mentions], key=lambda m: m.start),
                                      titles=whole.titles + [t for t in part.titles if t not in whole.titles])
    return [current[id(entity)] for entity in kept]


def _corrected_type(entity: Entity, text: str, entities: list[Entity]) -> str:
    if entity.type == "PERSON" and _is_known_place(entity.name):
        return "GPE"
    if entity.type == "PERSON" and (_headed_as_organisation(entity.name)
                                    or _treated_as_company(entity, text, entities)):
        return "ORG"
    if entity.type in ("PERSON", "GPE") and _registered_organisation(entity, entities):
        return "ORG"
    if entity.type == "ORG" and _looks_like_person(entity.name):
        return "PERSON"
    return entity.type


def _is_known_place(name: str) -> bool:
    words = _words(name)
    return bool(words) and words[0] not in FIRST_NAMES and national_jurisdiction(name) is not None


def _headed_as_organisation(name: str) -> bool:
    """Several capitalised words (and joiners) of which the last, or one before "of"/"for", heads an organisation's
    name: "Millard Fillmore Suburban Hospital", "Beverly Hills Police Department", "Center for American Progress"."""
    words = name.split()
    if len(words) < 2 or not all(w[:1].isupper() or w.lower() in NAME_JOINERS for w in words):
        return False
    lowered = [w.lower() for w in words]
    return lowered[-1] in ORGANISATION_HEADS or any(
        word in ORGANISATION_HEADS and after in _HEAD_JOINERS for word, after in zip(lowered, lowered[1:]))


def _registered_organisation(entity: Entity, entities: list[Entity]) -> bool:
    """A name the registry knows as a body other than a government ("Hamas", the pollster "Quinnipiac"), that is no
    known place, first name or surname of a fuller person of the article."""
    kind = registered_kind(entity.name)
    return kind is not None and kind != GOVERNMENT and national_jurisdiction(entity.name) is None \
        and _words(entity.name)[0] not in FIRST_NAMES and not _surname_of_fuller(entity, entities)


def _surname_of_fuller(entity: Entity, entities: list[Entity]) -> bool:
    """ "Murray" of "Patty Murray"."""
    words = _words(entity.name)
    return any(other.type == "PERSON" and len(_words(other.name)) > len(words)
               and _words(other.name)[-len(words):] == words for other in entities)


def _treated_as_company(entity: Entity, text: str, entities: list[Entity]) -> bool:
    """A one-word name, no known first name and no surname of a fuller person of the article, that some mention
    writes as a company's."""
    words = _words(entity.name)
    if len(words) != 1 or " " in entity.name or words[0] in FIRST_NAMES or _surname_of_fuller(entity, entities):
        return False
    return any(_company_after(text, mention) for mention in entity.mentions)


def _company_after(text: str, mention: Span) -> bool:
    after = text[mention.end:mention.end + 90] if text[mention.start:mention.end] == mention.text else ""
    if _TRAIT.match(after):
        return True
    word = _NEXT_WORD.match(after)
    if word and word.group(1).lower() in COMPANY_WORDS:
        return True
    apposition = _APPOSITION.match(after)
    return bool(apposition) and describes_company(apposition.group(1))


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and _words(name)[0] in FIRST_NAMES and all(w[:1].isupper() for w in words) \
        and not _headed_as_organisation(name) and words[-1].lower() not in COMPANY_WORDS  # "Charles Schwab Corp."


def _fuller_person(entity: Entity, people: list[Entity]) -> Entity | None:
    """The one person of the article whose full name ends with this name ("Blinken", "Al Thani"), if any."""
    words = _words(entity.name)
    if not words or entity.type not in NAMED_TYPES | {"PERSON"} or entity.name.lower() in DEMONYMS:
        return None
    if entity.type != "PERSON" and national_jurisdiction(entity.name) is not None:
        return None  # "Jordan" the country is no surname
    matches = [p for p in people if p is not entity and len(_words(p.name)) > len(words)
               and _words(p.name)[-len(words):] == words]
    return matches[0] if len(matches) == 1 else None
