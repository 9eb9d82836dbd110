"""The look-ahead that lets a scan refuse a position at its first character finds exactly what the pattern finds."""
from __future__ import annotations

import re

import pytest

from newsledger.extract.times import grammar
from newsledger.first_chars import first_chars, grouped_alternation, guarded

WIRE_TEXT = """GAZA CITY (Reuters) - Israeli strikes killed 14 people overnight, health officials said on Tuesday, a day
after talks in Cairo stalled. "We will keep talking," a mediator said at 9 p.m. EST. The truce, agreed in early
November 2023, held for seven days; since the war began, about two months ago, aid has come in every week.
The '80s, the third quarter of 2012, last summer, Nov. 8 and 9, high noon, 2024-03-05 and 10:30 a.m. Monday."""


@pytest.mark.parametrize("pattern, chars", [
    (r"the|a", "[at]"),
    (r"(?:early\s+)?\d+\s+days", r"[\de]"),
    (r"(?<![\w'])Nov\.", "[N]"),
    (r"(?i:high)\s+noon", "(?i:[h])"),
    (r"x|(?i:y)", "(?:[x]|(?i:[y]))"),
])
def test_first_chars_are_those_a_match_can_open_with(pattern, chars):
    assert first_chars(pattern) == chars


@pytest.mark.parametrize("pattern", [r"[^a]b", r"a*", r"(a)?\1", r".x", r"(?:the\s+)?"])
def test_an_unknown_or_empty_start_leaves_the_pattern_unguarded(pattern):
    assert first_chars(pattern) is None
    assert guarded(pattern) == pattern


def test_a_guard_covers_every_branch_of_the_pattern():
    # Without the group around the pattern the look-ahead would guard "9" only, and "x" would still be tried.
    assert re.findall(guarded(r"9|x"), "x9") == ["x", "9"]


def test_the_guarded_time_grammar_finds_what_the_plain_one_finds():
    plain = re.compile(grammar._B + "(?:" + "|".join(f"(?P<{name}>{grammar._named(name, body)}){grammar._E}"
                                                     for name, body in grammar.ALTERNATIVES.items()) + ")")
    def found(pattern):
        return [(m.span(), m.lastgroup, m.groupdict()) for m in pattern.finditer(WIRE_TEXT)]
    assert found(grammar.PATTERN) == found(plain)
    assert len(found(plain)) > 15


def test_phrases_are_grouped_under_their_first_character_in_order():
    assert grouped_alternation([r"[Ee]arly", r"[Ee]nd\s+of", "late"]) == r"(?:[Ee](?:arly|nd\s+of)|l(?:ate))"
    assert grouped_alternation(["about", "Apple", "b"], ignore_case=True) == "(?:a(?:bout|pple)|b(?:))"


@pytest.mark.parametrize("patterns", [
    ["[Ee]arly", "E"],  # "[Ee]" and "E" overlap: regrouping could change which matches first
    ["a?b", "c"],  # the first character is optional
    ["[a-z]x", "c"],  # a range, not a list of letters
])
def test_overlapping_or_unusual_openings_are_not_regrouped(patterns):
    assert grouped_alternation(patterns) == "(?:" + "|".join(patterns) + ")"


def test_a_grouped_alternation_finds_what_the_plain_one_finds():
    phrases = ["health ministry", "health officials", "hamas", "ministry", "military", "the army", "troops"]
    plain = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)", re.IGNORECASE)
    grouped = re.compile(r"(?<!\w)" + grouped_alternation(map(re.escape, phrases), ignore_case=True) + r"(?!\w)",
                         re.IGNORECASE)
    text = "Hamas health officials said the Army and the health ministry disputed what the military troops did."
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(plain.findall(text)) == 6
