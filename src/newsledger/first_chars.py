"""The characters a regular expression's match can begin with, worked out from the pattern itself, so a scan can
turn a position down at its first character.

Python's `re` tries every alternative of a large alternation at every position: the time grammar's twenty
alternatives, most opening with optional modifiers ("early", "the", "last"), cost as much at "said" as at "March".
`guarded(pattern)` puts a one-character look-ahead in front, `(?=[...])`, holding exactly the characters a match can
start with, which the engine checks in one step. The look-ahead only refuses positions where the pattern cannot
match, so what the pattern finds is unchanged; where the start cannot be worked out (a negated class, a
back-reference, a pattern that can match the empty string) the pattern is returned as it is. Characters matched
case-insensitively stay so in the look-ahead (`(?i:[ht])`), so that `re` applies its own case folds to them; a
pattern compiled with re.IGNORECASE makes its whole look-ahead case-insensitive the same way.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants as sre, _parser as sre_parse  # the parser `re.compile` itself uses

_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}
_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class _Unknown(Exception):
    """A part of the pattern whose first characters are not worked out."""


def guarded(pattern: str) -> str:
    """The pattern behind a look-ahead for the characters its matches start with, or unchanged if unknown."""
    chars = first_chars(pattern)
    return pattern if chars is None else f"(?={chars})(?:{pattern})"


def first_chars(pattern: str) -> str | None:
    """A pattern of one character (`[\\d\\s'Tt]`) for every character a match of the pattern can start with;
    None when that cannot be told."""
    try:
        parsed = sre_parse.parse(pattern)
        found, can_be_empty = _sequence(parsed.data, parsed.state.flags)
    except _Unknown:
        return None
    if can_be_empty:
        return None
    exact = _char_class(c for c, caseless in found if not caseless)
    caseless = _char_class(c for c, caseless in found if caseless)
    if exact and caseless:
        return f"(?:{exact}|(?i:{caseless}))"
    return exact or f"(?i:{caseless})"


def _char_class(members: Iterable[str]) -> str:
    members = set(members)
    if not members:
        return ""
    categories = sorted(c for c in members if len(c) > 1)
    return "[" + "".join(categories) + "".join(re.escape(c) for c in sorted(c for c in members if len(c) == 1)) + "]"


def _sequence(items, flags: int) -> tuple[set[tuple[str, bool]], bool]:
    """The first characters of a sequence of items, each with whether it is matched case-insensitively, and
    whether the whole sequence can match nothing."""
    found: set[tuple[str, bool]] = set()
    for op, value in items:
        chars, can_be_empty = _item(op, value, flags)
        found |= chars
        if not can_be_empty:
            return found, False
    return found, True


def _item(op, value, flags: int) -> tuple[set[tuple[str, bool]], bool]:
    caseless = bool(flags & re.IGNORECASE)
    if op is sre.LITERAL:
        return {(chr(value), caseless)}, False
    if op is sre.IN:
        return {(c, caseless) for c in _class(value)}, False
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, inner = value
        return _sequence(inner.data, (flags | add_flags) & ~del_flags)
    if op is sre.BRANCH:
        found, can_be_empty = set(), False
        for branch in value[1]:
            chars, empty = _sequence(branch.data, flags)
            found |= chars
            can_be_empty |= empty
        return found, can_be_empty
    if op in _REPEATS:
        low, _high, inner = value
        chars, empty = _sequence(inner.data, flags)
        return chars, empty or low == 0
    if op in _ZERO_WIDTH:  # a look-around or anchor consumes nothing: the next item starts the match
        return set(), True
    raise _Unknown(op)


def _class(members) -> set[str]:
    found = set()
    for op, value in members:
        if op is sre.LITERAL:
            found.add(chr(value))
        elif op is sre.RANGE:
            found.update(chr(c) for c in range(value[0], value[1] + 1))
        elif op is sre.CATEGORY and value in _CATEGORIES:
            found.add(_CATEGORIES[value])
        else:  # a negated class or an unusual category
            raise _Unknown(op)
    return found



# The opening character of a phrase pattern: a class of letters ("[Ee]"), an escaped character ("\-") or a plain one.
_HEAD = re.compile(r"(?:\[([^]\\^-]+)\]|\\(\W)|([^\\[\](){}|?*+.^$]))(?![?*+{])")


def grouped_alternation(patterns: Iterable[str], ignore_case: bool = False) -> str:
    """The alternation of phrase patterns, grouped by the character each opens with: "[Ee]arly|[Ee]nd\\s+of|late"
    becomes "(?:[Ee](?:arly|nd\\s+of)|l(?:ate))", so a scan enters one group at a position, not every phrase (with
    re.IGNORECASE `re` cannot turn a phrase down at its first letter, and tries each).

    Order is kept within a group, and no two groups open with a common character (`ignore_case`: in either case),
    so the first phrase that matches is the one the plain alternation finds. Where the openings are not plain
    characters or do overlap, the plain alternation is returned."""
    patterns = list(patterns)
    groups: dict[frozenset[str], tuple[str, list[str]]] = {}
    for pattern in patterns:
        head = _HEAD.match(pattern)
        if head is None:
            return "(?:" + "|".join(patterns) + ")"
        chars = frozenset(head.group(1) or head.group(2) or head.group(3))
        if ignore_case:
            chars = frozenset(c.lower() for c in chars) | frozenset(c.upper() for c in chars)
        groups.setdefault(chars, (head.group(0), []))[1].append(pattern[head.end():])
    keys = list(groups)
    if any(a & b for n, a in enumerate(keys) for b in keys[n + 1:]):
        return "(?:" + "|".join(patterns) + ")"
    return "(?:" + "|".join(f"{head}(?:{'|'.join(rests)})" for head, rests in groups.values()) + ")"
