"""The ledger end to end on a multi-outlet scenario: composed wire reports, the bodies every figure must be credited
to and the conflicts that must (and only those that may) appear.

A scenario is a folder with `reports.jsonl` (articles, as `newsledger ingest` reads them) and `expected.json`:
`bodies` lists [headline, numeral as written, canonical body]; `conflicts` lists [numeral, numeral, kind] (kind
"values" or "stated", sides in either order). The bundled one is eval/data/ledger-scenario.
"""
from __future__ import annotations

import json
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from ..pipeline import ingest_into
from ..store import Store, queries
from ..track.conflicts import find_conflicts

BUNDLED = "ledger-scenario"


def run(path: str | None = None, **_options) -> dict[str, Any]:
    folder = Path(path) if path else Path(str(resources.files("newsledger.eval").joinpath("data", BUNDLED)))
    reports, expected_file = folder / "reports.jsonl", folder / "expected.json"
    for needed in (reports, expected_file):
        if not needed.exists():
            raise FileNotFoundError(f"{needed} not found (expected reports.jsonl and expected.json)")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as scratch, Store(str(Path(scratch) / "scenario.db")) as store:
        ingest_into(store, [str(reports)])
        figures = queries.figures(store, limit=None)
        conflicts = find_conflicts(store)
    wrong_bodies = [{"headline": headline, "figure": numeral, "expected": body, "found": _body_of(figures, headline,
                                                                                                    numeral)}
                    for headline, numeral, body in expected["bodies"]
                    if _body_of(figures, headline, numeral) != body]
    found = {(frozenset((c["a"]["number"], c["b"]["number"])), c["kind"]) for c in conflicts}
    wanted = {(frozenset((_numeral(a), _numeral(b))), kind) for a, b, kind in expected["conflicts"]}
    missing, unexpected = wanted - found, found - wanted
    return {
        "bodies_expected": len(expected["bodies"]), "bodies_right": len(expected["bodies"]) - len(wrong_bodies),
        "wrong_bodies": wrong_bodies, "conflicts_expected": len(wanted), "conflicts_found": len(found),
        "missing_conflicts": [_pair(p) for p in sorted(missing, key=repr)],
        "unexpected_conflicts": [_pair(p) for p in sorted(unexpected, key=repr)],
        "passed": not wrong_bodies and not missing and not unexpected,
    }


def _numeral(written: str) -> str:
    """ "about 29,000" names the numeral "29,000" (a figure's `number` is the numeral alone)."""
    return written.split()[-1] if written[:1].isalpha() and " " in written else written


def _body_of(figures: list[dict[str, Any]], headline: str, written: str) -> str | None:
    numeral = _numeral(written)
    return next((p["source"] for p in figures if p["headline"] == headline and p["number"] == numeral), None)


def _pair(item: tuple[frozenset, str]) -> str:
    numbers, kind = item
    return f"{' vs '.join(sorted(numbers))} ({kind})"


def render(results: dict[str, Any]) -> str:
    lines = [f"bodies     {results['bodies_right']} / {results['bodies_expected']} right",
             f"conflicts  {results['conflicts_found']} found, {results['conflicts_expected']} expected"]
    lines += [f"  wrong body: {w['figure']} in '{w['headline']}': {w['found']} (expected {w['expected']})"
              for w in results["wrong_bodies"]]
    lines += [f"  missing conflict: {p}" for p in results["missing_conflicts"]]
    lines += [f"  unexpected conflict: {p}" for p in results["unexpected_conflicts"]]
    lines.append("PASSED" if results["passed"] else "FAILED")
    return "\n".join(lines)
