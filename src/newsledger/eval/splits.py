"""A fixed tune/check split of a gold set, by a hash of each item's id.

Rules are tuned on the tune half only and the check half says whether a change generalises: a change that helps
tune and hurts check is reverted. The split depends only on the id, so it never moves when items are added or
reordered, and it is the same on every machine (no random seed, no Python hash randomisation).
"""
from __future__ import annotations

import hashlib

SPLITS = ("tune", "check")


def split_of(item_id: str) -> str:
    """ "tune" or "check", half and half on average."""
    return SPLITS[hashlib.sha1(item_id.encode("utf-8")).digest()[0] & 1]
