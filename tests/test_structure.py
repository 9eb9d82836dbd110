"""The shape of the code, checked from its source: stages import only earlier stages, and no function is a maze.

Stages in data-path order: ingest, clean, nlp, extract, resolve, store, track; api, web, scale, cli and eval sit on
top and may import any stage. The root helpers (model, lexicon, layout, syntax, timex, offsets, settings) import no
stage and are importable by all.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsledger"
STAGES = ["ingest", "clean", "nlp", "extract", "resolve", "store", "track"]
ON_TOP = {"api", "web", "scale", "cli", "eval", "pipeline", "library", "terminal"}
ROOT_HELPERS = {"model", "lexicon", "layout", "syntax", "timex", "offsets", "settings"}
MAX_BRANCH_POINTS = 40


def _modules() -> list[tuple[tuple[str, ...], ast.Module]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found.append((parts, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))))
    return found


def _top(parts: tuple[str, ...]) -> str:
    return parts[0] if parts else "newsledger"


def _imported_tops(parts: tuple[str, ...], tree: ast.Module) -> set[str]:
    """The first package level under newsledger of every module this one imports."""
    package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
    tops = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            tops |= {alias.name.split(".")[1] for alias in node.names
                     if alias.name.startswith("newsledger.") and alias.name.count(".") >= 1}
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                if node.module and node.module.startswith("newsledger."):
                    tops.add(node.module.split(".")[1])
                elif node.module == "newsledger":
                    tops |= {alias.name for alias in node.names}
                continue
            base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
            target = base + tuple(node.module.split(".")) if node.module else base
            tops |= {target[0]} if target else {alias.name for alias in node.names}
    return tops


def _rank(top: str) -> int | None:
    return STAGES.index(top) if top in STAGES else None


def test_no_stage_imports_a_later_stage_and_clean_never_extract():
    upward = []
    for parts, tree in _modules():
        top = _top(parts)
        for imported in _imported_tops(parts, tree) - {top}:
            if top in ROOT_HELPERS and imported not in ROOT_HELPERS:
                upward.append(f"{'/'.join(parts)} (a root helper) imports {imported}")
            elif _rank(top) is not None and imported in ON_TOP:
                upward.append(f"{'/'.join(parts)} imports {imported}, which sits on top")
            elif _rank(top) is not None and _rank(imported) is not None and _rank(imported) > _rank(top):
                upward.append(f"{'/'.join(parts)} ({top}) imports the later stage {imported}")
    assert upward == []


def test_the_check_sees_relative_imports():
    tree = ast.parse("from ..extract.figures import extract_figures\nfrom ... import syntax\nfrom . import lines\n")
    assert _imported_tops(("extract", "figures", "assembly"), tree) == {"extract", "syntax"}
    assert _imported_tops(("clean", "page"), ast.parse("from ..extract import x\nfrom . import lines")) == {
        "extract", "clean"}


def branch_points(function: ast.AST) -> int:
    """if/elif, loops, except, with, boolean operators (one per extra operand), ternaries, comprehension ifs and
    match cases, not counting nested functions (they are counted on their own)."""
    count = 0
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, (ast.If, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.With, ast.AsyncWith,
                             ast.IfExp, ast.match_case)):
            count += 1
        elif isinstance(node, ast.BoolOp):
            count += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            count += len(node.ifs)
        stack.extend(ast.iter_child_nodes(node))
    return count


def test_branch_points_are_counted_as_documented():
    source = "def f(x):\n    if x and y or z:\n        pass\n    elif x:\n        pass\n    return [a for a in x if a]\n"
    assert branch_points(ast.parse(source).body[0]) == 5


def test_no_function_has_more_than_forty_branch_points():
    mazes = []
    for parts, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and branch_points(node) > MAX_BRANCH_POINTS:
                mazes.append(f"{'/'.join(parts)}.py:{node.lineno} {node.name} ({branch_points(node)})")
    assert mazes == []
