"""Stories: near-duplicate reports of one story, and quotes repeated across articles.

Articles are compared by MinHash over word shingles (datasketch); a signature is computed once per article and
kept, so re-clustering after an ingest only shingles the new articles. Wire copies and their updates share most of
their five-word shingles; two different stories on the same day share almost none.

A quote repeated across articles (same speaker, near-identical words) is grouped under its first copy, so the
ledger lists it once with every article it appeared in.
"""
from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher

import numpy as np
from datasketch import MinHash, MinHashLSH
from sqlalchemy import Connection, String, cast, delete, func, insert, literal, select

from ..settings import DEFAULTS
from ..store import schema

SHINGLE_WORDS = 5
NUM_PERM = 128
# Stored signatures are only comparable with ones made the same way; the scheme is pinned with them.
MINHASH_SCHEME = "affine32"
SIGNATURE_DTYPE = np.uint32
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    return minhash


def cluster_stories(conn: Connection, threshold: float = DEFAULTS.story_similarity, force: bool = False) -> int:
    """Sign the new articles and, if there were any, re-cluster the store; returns how many were signed."""
    a, sig = schema.articles, schema.article_signatures
    unsigned = conn.execute(select(a.c.id, a.c.text).outerjoin(sig, sig.c.article_id == a.c.id)
                            .where(sig.c.article_id.is_(None))).all()
    if unsigned:
        conn.execute(insert(sig), [{"article_id": aid, "signature": signature(body).hashvalues.astype(SIGNATURE_DTYPE).tobytes()}
                                   for aid, body in unsigned])
    if not unsigned and not force:
        return 0
    order = {aid: n for n, (aid,) in enumerate(conn.execute(select(a.c.id).order_by(a.c.published, a.c.id)))}
    hashes = {aid: MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME,
                           hashvalues=np.frombuffer(blob, dtype=SIGNATURE_DTYPE))
              for aid, blob in conn.execute(select(sig.c.article_id, sig.c.signature))}
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for aid, minhash in hashes.items():
        lsh.insert(aid, minhash)
    parent = {aid: aid for aid in hashes}

    def root(aid: str) -> str:
        while parent[aid] != aid:
            parent[aid] = parent[parent[aid]]
            aid = parent[aid]
        return aid

    for aid, minhash in hashes.items():
        for other in lsh.query(minhash):
            if other != aid and minhash.jaccard(hashes[other]) >= threshold:
                first, second = sorted((root(aid), root(other)), key=order.__getitem__)
                parent[second] = first
    conn.execute(delete(schema.story_members))
    conn.execute(insert(schema.story_members), [{"article_id": aid, "story_id": root(aid)} for aid in hashes])
    return len(unsigned)


def normalise_quote(content: str) -> str:
    return " ".join(_WORD.findall(content.lower()))


def near_identical(a: str, b: str, similarity: float = DEFAULTS.quote_similarity) -> bool:
    if a == b:
        return True
    shorter, longer = sorted((len(a), len(b)))
    if not longer or shorter / longer < similarity:
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= similarity


def group_repeated_quotes(conn: Connection, similarity: float = DEFAULTS.quote_similarity) -> int:
    """Put every quote not yet grouped under the first copy of it by the same speaker; returns how many."""
    q, g, a = schema.quotes, schema.quote_groups, schema.articles
    speaker = _speaker_key_column()
    fresh = conn.execute(
        select(q.c.article_id, q.c.local_id, q.c.content, speaker.label("speaker"))
        .select_from(_quotes_with_speakers().outerjoin(g, (g.c.article_id == q.c.article_id)
                                                       & (g.c.local_id == q.c.local_id)))
        .join(a, a.c.id == q.c.article_id)
        .where(g.c.article_id.is_(None)).order_by(a.c.published, q.c.article_id, q.c.local_id)).all()
    if not fresh:
        return 0
    speakers = {row.speaker for row in fresh if row.speaker}
    firsts: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for aid, lid, content, who in conn.execute(
            select(q.c.article_id, q.c.local_id, q.c.content, speaker)
            .select_from(_quotes_with_speakers().join(g, (g.c.article_id == q.c.article_id)
                                                      & (g.c.local_id == q.c.local_id)))
            .where(g.c.group_article == q.c.article_id, g.c.group_local == q.c.local_id, speaker.in_(speakers))):
        firsts[who].append((aid, lid, normalise_quote(content)))
    rows = []
    for aid, lid, content, who in fresh:
        text = normalise_quote(content)
        first = next((f for f in firsts.get(who, []) if near_identical(text, f[2], similarity) and f[0] != aid), None) if who else None
        if first is None:
            first = (aid, lid, text)
            if who:
                firsts[who].append(first)
        rows.append({"article_id": aid, "local_id": lid, "group_article": first[0], "group_local": first[1]})
    conn.execute(insert(g), rows)
    return len(rows)


def _quotes_with_speakers():
    q, e = schema.quotes, schema.entities
    return q.outerjoin(e, (e.c.article_id == q.c.article_id) & (e.c.local_id == q.c.speaker_entity))


def _speaker_key_column():
    """Who a quote is by, across articles: the canonical entity, else the name as written."""
    q, e = schema.quotes, schema.entities
    return func.coalesce(literal("c", String) + cast(e.c.canonical_id, String),
                         literal("n", String) + func.lower(q.c.speaker_name))
