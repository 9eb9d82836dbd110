"""The phrase-alternation helper every stage builds its word lists into regexes with."""
from __future__ import annotations

import re
from pathlib import Path

from newsledger.lexicon import alternation, phrase_pattern

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsledger"


def test_alternation_escapes_and_keeps_the_order_given():
    pattern = re.compile(rf"(?:{alternation(['prime minister', 'minister', 'U.N.'])})")
    assert pattern.match("prime minister Sharif").group() == "prime minister"
    assert pattern.fullmatch("U.N.") and not pattern.fullmatch("UxNx")


def test_spaced_phrases_match_across_any_white_space():
    assert re.fullmatch(alternation(["according to"], spaced=True), "according\n  to")
    assert not re.fullmatch(alternation(["according to"]), "according\n  to")
    assert phrase_pattern("ad hoc") == r"ad\s+hoc"


def test_no_module_joins_escaped_phrases_by_hand():
    idiom = re.compile(r"""["']\|["']\.join\((?:map\(re\.escape|re\.escape\()""")
    by_hand = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
               if path.name != "lexicon.py" and idiom.search(path.read_text(encoding="utf-8"))]
    assert by_hand == []
