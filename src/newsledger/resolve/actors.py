"""Who did it, and to whom, as the ledger names them: an event's actor and target mentions resolved to a person of
the article or to a canonical body of the registry (`resolve.bodies`).

- A person: the entity the mention names ("Netanyahu"), or the person a role description stands for ("the Israeli
  leader" -> the article's "Israeli Prime Minister Benjamin Netanyahu").
- A body: "Israeli troops", "the Israeli military", "Israeli army bulldozers" -> Israel Defense Forces; "Hamas
  gunmen" -> Hamas; "Israeli soldiers", "Israeli warplanes" are read as "Israeli troops" (data/actor_force_nouns.txt);
  bare "troops" or "the army" -> the military the article named before ("An Israeli army spokesman said troops ...").
- Otherwise the entity's name, else nothing (the mention text stands).

The reporting body of a clause is never its actor: "the ministry said troops raided ..." has the ministry as the
report's source and the troops as the actor, because the actor is read from the raid's own clause.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import alternation, load_phrases, load_table
from ..model import Article, Entity, Event, Place, Span
from .bodies import GOVERNMENT, OTHER, PERSON, UNNAMED_OFFICIALS, ArticleBodies, dateline_place, parse_body

PACKAGE = "newsledger.resolve"
PRONOUNS = {"it", "they", "its", "their"}
# Events whose actor, named only by a country, is that country's armed forces.
ARMED_TYPES = {"ASSAULT", "MOBILIZE"}
# Places that act through their government or forces ("a US strike"); a town, camp or site does not.
STATE_FEATURES = {"country", "admin1", "region"}
FORCE_NOUNS = load_phrases("actor_force_nouns.txt", PACKAGE)
ROLE_TITLES = {role: tuple(t.strip() for t in titles.split("|")) for role, titles in
               load_table("actor_roles.tsv", PACKAGE).items()}
# Words of rank in a description that no title spells out: "the top US diplomat", "the veteran leader".
RANK_WORDS = {"top", "senior", "chief", "veteran", "new", "hardline", "embattled"}
_DESCRIPTION = re.compile(r"^(?:the|its|their)\s+(?P<rest>.+)$", re.IGNORECASE)
_FORCE = re.compile(r"^(?P<before>.*?)\b(?:%s)$" % alternation(FORCE_NOUNS), re.IGNORECASE)
_BARE_FORCE = re.compile(r"^(?:the\s+)?(?:army|military|%s)$" % alternation(FORCE_NOUNS), re.IGNORECASE)


def resolve_event_actors(article: Article, events: list[Event], entities: list[Entity],
                         places: list[Place] = ()) -> list[Event]:
    """Each event with its `actor_name` / `target_name`: a person's entity name (a described person's entity is
    linked), else the body the mention names (the entity link then dropped), else the linked entity's name. A town
    that only modifies the event is where it happened, not who did it: "The London attack killed eight people"."""
    context = ArticleBodies.scan(article.text, dateline_place(article.dateline, article.text))
    people = [e for e in entities if e.type == "PERSON"]
    by_id = {e.id: e for e in entities}
    towns = {(p.span.start, p.span.end) for p in places if p.type == "modifier" and p.feature not in STATE_FEATURES}
    resolved = []
    for event in events:
        changes: dict[str, str | None] = {}
        mention = event.actor_mention
        if mention is not None and (mention.start, mention.end) in towns:
            event = replace(event, actor=None, actor_mention=None)
        for role in ("actor", "target"):
            mention = getattr(event, f"{role}_mention")
            if mention is None:
                continue
            person = described_person(mention, people)
            linked = person.id if person is not None else getattr(event, role)
            entity = by_id.get(linked or "")
            if entity is not None and entity.type == "PERSON":
                changes.update({role: linked, f"{role}_name": entity.name})
                continue
            body = body_named(mention, context, force=role == "actor" and event.type in ARMED_TYPES,
                              place_is_body=role == "actor")
            # "Israeli troops" are the IDF, not the entity "Israeli" the mention contains
            changes.update({role: None if body is not None else linked,
                            f"{role}_name": body or (entity.name if entity is not None else None)})
        resolved.append(replace(event, **changes))
    return resolved


def body_named(mention: Span, context: ArticleBodies, force: bool = False, place_is_body: bool = True) -> str | None:
    """The registry's name for the body a mention names: "Israeli troops" -> Israel Defense Forces. With `force`
    (the actor of an attack or a deployment) a country stands for its military: "an Israeli airstrike", "Israel
    struck Gaza" -> Israel Defense Forces. An actor named by its country alone is its government ("Israel
    accused ..."), but a place as a target stays a place ("ordered troops to prepare to operate in Rafah"). A
    pronoun is the body that last reported ("It says it targets militants")."""
    text = mention.text.strip()
    if text.lower() in PRONOUNS:
        body = context.resolve(text, mention.start)
        return body.name if body is not None and body.kind not in (OTHER, PERSON) else None
    body = parse_body(text)
    if not place_is_body and body is not None and body.note == UNNAMED_OFFICIALS:
        return None
    if force and (body is None or body.kind == GOVERNMENT and body.note == UNNAMED_OFFICIALS):
        body = parse_body(f"{text} troops") or body
    if (body is None or body.kind in (OTHER, PERSON)) and (force := _FORCE.match(text)) and force["before"].strip():
        body = parse_body(f"{force['before'].strip()} troops")  # "Israeli soldiers" -> "Israeli troops"
    if (body is None or body.kind in (OTHER, PERSON)) and _BARE_FORCE.match(text):
        body = context.resolve("the military", mention.start)  # "troops" of the army named before
    return body.name if body is not None and body.kind not in (OTHER, PERSON) else None


def described_person(mention: Span, people: list[Entity]) -> Entity | None:
    """ "the Israeli leader": the last person named before it whose title the role stands for and, when the
    description gives a nationality, whose title carries it."""
    found = _DESCRIPTION.match(mention.text.strip())
    if not found:
        return None
    words = found["rest"].lower().split()
    for size in range(len(words), 0, -1):
        role = " ".join(words[-size:])
        if role in ROLE_TITLES:
            qualifier = " ".join(words[:-size])
            break
    else:
        return None
    titles = ROLE_TITLES[role] + (role,)
    candidates = [(max(m.start for m in person.mentions if m.start < mention.start), person) for person in people
                  if any(m.start < mention.start for m in person.mentions)
                  and any(_title_fits(title, titles, qualifier) for title in person.titles)]
    return max(candidates, key=lambda c: c[0])[1] if candidates else None


def _title_fits(title: str, roles: tuple[str, ...], qualifier: str) -> bool:
    """ "the Israeli leader" fits "Israeli Prime Minister"; "the top US diplomat" fits "US Secretary of State"."""
    title = title.lower()
    return any(role in title for role in roles) and all(
        word in title.split() for word in qualifier.split() if word not in RANK_WORDS)
