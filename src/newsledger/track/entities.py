"""Canonical entities across articles: one row per real person, organisation or place in the whole store.

Each article already resolved its own mentions ("Israeli PM Benjamin Netanyahu" ... "Netanyahu" ... "the Israeli
leader" is one article entity). Here article entities are linked across articles, incrementally: only entity rows
without a `canonical_id` are looked at, against an in-memory index of the canonical rows, so the pass after an
ingest costs what the new articles cost.

People: a full name matches the same full name, or one whose first name is an initial of it ("B. Netanyahu"). A
surname alone joins the one full name with that surname; when several people share it, the titles decide
("Prime Minister Netanyahu"), and with no deciding title it stays a canonical of its own rather than be guessed.
A surname-only canonical is folded into the full name as soon as that name is the only one with the surname.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from ..lexicon import load_phrases
from ..store import schema

PRONOUNS = set(load_phrases("pronouns.txt", "newsledger.track"))
_TITLE_FILLER = {"the", "of", "a", "an", "and", "for"}
_NON_WORD = re.compile(r"[^\w\s-]")


def name_key(name: str) -> str:
    """The form names are compared in: lower case, no dots, no possessive, single spaces."""
    name = re.sub(r"(?:'s|’s)$", "", name.strip())
    return " ".join(_NON_WORD.sub("", name.lower()).split())


def _type_group(entity_type: str) -> str:
    # Within an article spaCy calls one country GPE, NORP or ORG by turns; a person never merges with those.
    return "PERSON" if entity_type == "PERSON" else "OTHER"


def _title_words(titles: list[str]) -> set[str]:
    return {w for t in titles for w in name_key(t).split() if w not in _TITLE_FILLER}


def _compatible_first(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


@dataclass
class Canonical:
    id: int
    name: str
    type: str
    key: str
    titles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    first_seen: str | None = None
    changed: bool = False

    @property
    def tokens(self) -> list[str]:
        return self.key.split()

    def absorb(self, name: str, titles: list[str], aliases: set[str], published: str | None) -> None:
        for title in titles:
            if title not in self.titles:
                self.titles.append(title)
        known = {self.name.lower(), *(a.lower() for a in self.aliases)}
        for alias in [name, *sorted(aliases)]:
            if alias.lower() not in known:
                known.add(alias.lower())
                self.aliases.append(alias)
        if published and (self.first_seen is None or published < self.first_seen):
            self.first_seen = published
        self.changed = True


class CanonicalIndex:
    """The canonical entities in memory, findable by exact key and (people) by surname."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.by_key: dict[tuple[str, str], Canonical] = {}
        self.by_surname: dict[str, list[Canonical]] = defaultdict(list)
        self.merged: dict[int, int] = {}  # surname-only canonical id -> the full name it was folded into
        c = schema.canonical_entities
        for row in conn.execute(select(c)):
            self._add(Canonical(row.id, row.name, row.type, row.key, json.loads(row.titles), json.loads(row.aliases),
                                row.first_seen))

    def _add(self, canonical: Canonical) -> None:
        self.by_key[(_type_group(canonical.type), canonical.key)] = canonical
        if canonical.type == "PERSON":
            self.by_surname[canonical.tokens[-1]].append(canonical)

    def _remove(self, canonical: Canonical) -> None:
        del self.by_key[(_type_group(canonical.type), canonical.key)]
        if canonical.type == "PERSON":
            self.by_surname[canonical.tokens[-1]].remove(canonical)

    def match(self, name: str, entity_type: str, titles: list[str]) -> Canonical | None:
        key = name_key(name)
        if not key:
            return None
        found = self.by_key.get((_type_group(entity_type), key))
        if found or entity_type != "PERSON":
            return found
        tokens = key.split()
        full_names = [c for c in self.by_surname.get(tokens[-1], []) if len(c.tokens) > 1]
        if len(tokens) > 1:
            same = [c for c in full_names if _compatible_first(c.tokens[0], tokens[0])]
            return same[0] if len(same) == 1 else None
        return _decide_by_titles(full_names, titles)

    def create(self, name: str, entity_type: str) -> Canonical:
        key = name_key(name)
        c = schema.canonical_entities
        new_id = self.conn.execute(insert(c).values(name=name, type=entity_type, key=key, titles="[]", aliases="[]",
                                                    articles=0)).inserted_primary_key[0]
        canonical = Canonical(new_id, name, entity_type, key, changed=True)
        self._add(canonical)
        return canonical

    def fold_surnames(self) -> None:
        """A surname-only canonical joins the full name once exactly one person with that surname is known."""
        for people in list(self.by_surname.values()):
            full_names = [c for c in people if len(c.tokens) > 1]
            bare = [c for c in people if len(c.tokens) == 1]
            if len(full_names) != 1 or not bare:
                continue
            target = full_names[0]
            for orphan in bare:
                target.absorb(orphan.name, orphan.titles, set(orphan.aliases), orphan.first_seen)
                self._remove(orphan)
                self.merged[orphan.id] = target.id

    def save(self) -> None:
        c, e = schema.canonical_entities, schema.entities
        for old, new in self.merged.items():
            self.conn.execute(update(e).where(e.c.canonical_id == old).values(canonical_id=new))
            self.conn.execute(delete(c).where(c.c.id == old))
        changed = [x for x in self.by_key.values() if x.changed]
        if not changed:
            return
        counts = dict(self.conn.execute(
            select(e.c.canonical_id, func.count(func.distinct(e.c.article_id)))
            .where(e.c.canonical_id.in_([x.id for x in changed])).group_by(e.c.canonical_id)).all())
        self.conn.execute(
            update(c).where(c.c.id == bindparam("cid"))
            .values(titles=bindparam("t"), aliases=bindparam("al"), articles=bindparam("n"), first_seen=bindparam("fs")),
            [{"cid": x.id, "t": json.dumps(x.titles, ensure_ascii=False), "al": json.dumps(x.aliases, ensure_ascii=False),
              "n": counts.get(x.id, 0), "fs": x.first_seen} for x in changed])


def _decide_by_titles(people: list[Canonical], titles: list[str]) -> Canonical | None:
    if len(people) == 1:
        return people[0]
    words = _title_words(titles)
    if not words:
        return None
    scored = sorted(((len(words & _title_words(p.titles)), p.id, p) for p in people), reverse=True)
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][2]
    return None


def assign_canonical_entities(conn: Connection) -> int:
    """Link every entity row that has no canonical entity yet; returns how many were linked."""
    e, a = schema.entities, schema.articles
    rows = conn.execute(
        select(e.c.article_id, e.c.local_id, e.c.name, e.c.type, e.c.titles, a.c.published)
        .join(a, a.c.id == e.c.article_id).where(e.c.canonical_id.is_(None))).all()
    if not rows:
        return 0
    spoken = _speaker_mentions(conn, {r.article_id for r in rows})
    index = CanonicalIndex(conn)
    # Full names first, so that the surnames of the same batch find them.
    rows = sorted(rows, key=lambda r: (r.type != "PERSON", -len(name_key(r.name).split()), r.published or "", r.name))
    links = []
    for row in rows:
        titles = json.loads(row.titles)
        canonical = index.match(row.name, row.type, titles) or index.create(row.name, row.type)
        canonical.absorb(row.name, titles, spoken.get((row.article_id, row.local_id), set()), row.published)
        links.append({"aid": row.article_id, "lid": row.local_id, "cid": canonical.id})
    conn.execute(update(e).where(e.c.article_id == bindparam("aid"), e.c.local_id == bindparam("lid"))
                 .values(canonical_id=bindparam("cid")), links)
    index.fold_surnames()
    index.save()
    return len(links)


def _speaker_mentions(conn: Connection, article_ids: set[str]) -> dict[tuple[str, str], set[str]]:
    """How each article named its speakers ("the Israeli leader"): aliases of the person they resolved to.

    Only people: a mention resolved to an organisation or place often names a part of it ("Gaza's health ministry"
    resolved to Gaza), which is no alias of the whole."""
    q, e = schema.quotes, schema.entities
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    ids = sorted(article_ids)
    for start in range(0, len(ids), 500):
        for aid, local, mention in conn.execute(
                select(q.c.article_id, q.c.speaker_entity, q.c.speaker_mention)
                .join(e, (e.c.article_id == q.c.article_id) & (e.c.local_id == q.c.speaker_entity))
                .where(q.c.article_id.in_(ids[start:start + 500]), e.c.type == "PERSON",
                       q.c.speaker_mention.is_not(None))):
            cleaned = " ".join(mention.split())
            if cleaned and cleaned.lower() not in PRONOUNS:
                found[(aid, local)].add(cleaned)
    return found


def reset_canonical_entities(conn: Connection) -> None:
    """Forget every cross-article link (for a rebuild from scratch)."""
    conn.execute(update(schema.entities).values(canonical_id=None))
    conn.execute(delete(schema.canonical_entities))
