"""The review commands: `correct ...`, `corrections list/export/import/audit`, `users add/list`, `reanalyse`.

Writing needs a reviewer's token (`--token` or NEWSLEDGER_REVIEW_TOKEN), checked against the users file
(`--users` or NEWSLEDGER_USERS); the name it belongs to is recorded as who made each correction.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from .. import track
from ..store import DEFAULT_DB, Store
from ..store.corrections import CorrectionError, Draft, audit_log, import_corrections
from . import gold, users
from .service import correction_rows

console = Console()
err = Console(stderr=True)
DB_OPT = typer.Option(None, "--db", envvar="NEWSLEDGER_DB", help="SQLite path or database URL (default ./newsledger.db).")
USERS_OPT = typer.Option(None, "--users", envvar=users.USERS_ENV, help="The reviewers' TOML file (default ./users.toml).")
TOKEN_OPT = typer.Option(None, "--token", envvar="NEWSLEDGER_REVIEW_TOKEN", help="Your reviewer token (NAME.SECRET).")
WHY_OPT = typer.Option(..., "--why", help="Why: shown with the correction wherever it is read.")
JSON_OPT = typer.Option(False, "--json", help="Print JSON (what the API returns).")
TARGETS = "quote, figure, time or event"

correct_app = typer.Typer(help="Correct the record (needs a reviewer token); the correction lasts through re-ingest, "
                               "load and re-extraction.", no_args_is_help=True)
corrections_app = typer.Typer(help="Reviewers' corrections: list, export (also as gold data), import, audit log.",
                              no_args_is_help=True)
users_app = typer.Typer(help="The reviewers who may write.", no_args_is_help=True)


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True)
    raise typer.Exit(code)


def _open(db: str | None, read_only: bool = False) -> Store:
    """The ledger; `read_only` for the commands that only read it: they never create, migrate or write it (the
    cross-article pass, reviewers' corrections included, runs after each write)."""
    try:
        return Store(db, read_only=read_only)
    except Exception as exc:  # a bad URL, an unreachable server, a file that is not a database
        _fail(f"cannot open database {db or DEFAULT_DB}: {(str(exc).strip().splitlines() or [type(exc).__name__])[0]}")


def _reviewer(token: str | None, users_file: str | None) -> str:
    path = users.users_path(users_file)
    try:
        known = users.load(path)
    except users.UsersError as exc:
        _fail(str(exc))
    if not known:
        _fail(f"no reviewers in {path}: add one with `newsledger users add NAME --users {path}`")
    who = users.check_token(known, token)
    if who is None:
        _fail(f"a valid reviewer token is needed (--token or NEWSLEDGER_REVIEW_TOKEN; users from {path})", 1)
    return who


def _span(store: Store, article: str, span: str | None, words: str | None, nth: int) -> tuple[str, int, int]:
    matches = store.find_articles(article)
    if len(matches) != 1:
        _fail(f"{'no article' if not matches else 'several articles'} match {article!r}", 1)
    text = store.record(matches[0]).article.text
    if span:
        start, _, end = span.partition(":")
        if not (start.isdigit() and end.isdigit()):
            _fail(f"--span is START:END in characters, not {span!r}")
        return matches[0], int(start), int(end)
    if not words:
        _fail("say where: --text WORDS (as they appear in the article) or --span START:END")
    at = -1
    for _ in range(nth + 1):
        at = text.find(words, at + 1)
        if at < 0:
            _fail(f"{words!r} does not appear {nth + 1} time(s) in article {matches[0]}")
    return matches[0], at, at + len(words)


def _record(db: str | None, token: str | None, users_file: str | None, draft: Draft) -> None:
    from .service import correct

    who = _reviewer(token, users_file)
    with _open(db) as store:
        try:
            made = correct(store, draft, who, door="cli")
        except CorrectionError as exc:
            _fail(str(exc))
        status = next((r["status"] for r in correction_rows(store) if r["id"] == made.id), "pending")
    console.print(f"correction {made.id} ({status}): {made.action} {made.target} “{made.span_text[:60]}” — "
                  f"{made.provenance}", highlight=False, markup=False)


def _located(action: str, db, article, target, span, words, nth, **values) -> Draft:
    if target not in ("quote", "figure", "time", "event"):
        _fail(f"the target is a {TARGETS}, not {target!r}")
    with _open(db) as store:
        aid, start, end = _span(store, article, span, words, nth)
    return Draft(action=action, target=target, start=start, end=end, article_id=aid, **values)


ARTICLE_ARG = typer.Argument(..., help="Article id (or its first characters).")
TARGET_ARG = typer.Argument(..., help=f"What is corrected: {TARGETS}.")
SPAN_OPT = typer.Option(None, "--span", help="START:END character offsets into the article text.")
TEXT_OPT = typer.Option(None, "--text", help="Words as they appear in the article (the record around them).")
NTH_OPT = typer.Option(0, "--nth", help="Which occurrence of --text (0 is the first).")


@correct_app.command("change")
def correct_change(article: str = ARTICLE_ARG, target: str = TARGET_ARG,
                   field: str = typer.Option(..., "--field", help="speaker, kind (quote); value, qualifier, category, "
                                             "source, place, as_of ... (figure); value, type (time); type, date, "
                                             "place, actor, target (event)."),
                   to: str = typer.Option(..., "--to", help="The right value (a name for speaker, source, actor)."),
                   span: Optional[str] = SPAN_OPT, words: Optional[str] = TEXT_OPT, nth: int = NTH_OPT,
                   why: str = WHY_OPT, db: Optional[str] = DB_OPT, users_file: Optional[str] = USERS_OPT,
                   token: Optional[str] = TOKEN_OPT) -> None:
    """Change one field of a record: re-assign a speaker or source, fix a value, qualifier, category, place, date."""
    _record(db, token, users_file, _located("change", db, article, target, span, words, nth, field=field, after=to,
                                            why=why))


def _verdict(action: str):
    def command(article: str = ARTICLE_ARG, target: str = TARGET_ARG, span: Optional[str] = SPAN_OPT,
                words: Optional[str] = TEXT_OPT, nth: int = NTH_OPT, why: str = WHY_OPT, db: Optional[str] = DB_OPT,
                users_file: Optional[str] = USERS_OPT, token: Optional[str] = TOKEN_OPT) -> None:
        _record(db, token, users_file, _located(action, db, article, target, span, words, nth, why=why))

    command.__doc__ = {"accept": "Confirm a record as right (it is then marked as checked).",
                       "reject": "Reject a record the engines got wrong (it disappears from every read)."}[action]
    return command


correct_app.command("accept")(_verdict("accept"))
correct_app.command("reject")(_verdict("reject"))


@correct_app.command("add")
def correct_add(article: str = ARTICLE_ARG, target: str = TARGET_ARG, span: Optional[str] = SPAN_OPT,
                words: Optional[str] = TEXT_OPT, nth: int = NTH_OPT,
                values: list[str] = typer.Option([], "--set", help="FIELD=VALUE, repeated: speaker=..., kind=direct; "
                                                 "value=..., qualifier=..., category=..., source=...; type=..."),
                why: str = WHY_OPT, db: Optional[str] = DB_OPT, users_file: Optional[str] = USERS_OPT,
                token: Optional[str] = TOKEN_OPT) -> None:
    """Add a quote, figure, time or event the engines missed, at the words given."""
    fields = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep:
            _fail(f"--set takes FIELD=VALUE, not {item!r}")
        fields[key.strip()] = value.strip()
    _record(db, token, users_file, _located("add", db, article, target, span, words, nth, after=fields, why=why))


@correct_app.command("merge")
def correct_merge(name: str = typer.Argument(..., help="The canonical entity that is the same as another."),
                  into: str = typer.Option(..., "--into", help="The canonical entity it is."),
                  why: str = WHY_OPT, db: Optional[str] = DB_OPT, users_file: Optional[str] = USERS_OPT,
                  token: Optional[str] = TOKEN_OPT) -> None:
    """Merge two canonical entities (by name): every mention of the first is credited to the second."""
    _record(db, token, users_file, Draft(action="merge", target="entity", name=name, after=into, why=why))


@correct_app.command("move-alias")
def correct_move_alias(alias: str = typer.Argument(..., help="A name as the articles write it."),
                       to: str = typer.Option(..., "--to", help="The entity it belongs to (a new one if none has "
                                              "this name: a split)."),
                       source: Optional[str] = typer.Option(None, "--from", help="The entity it is linked to now."),
                       why: str = WHY_OPT, db: Optional[str] = DB_OPT, users_file: Optional[str] = USERS_OPT,
                       token: Optional[str] = TOKEN_OPT) -> None:
    """Move an alias to another canonical entity, or split it off into one of its own."""
    _record(db, token, users_file, Draft(action="move-alias", target="entity", name=alias, after=to, why=why,
                                         extra={"from": source} if source else {}))


# -- corrections ---------------------------------------------------------------------------------------------------

@corrections_app.command("list")
def corrections_list(db: Optional[str] = DB_OPT, article: Optional[str] = typer.Option(None, "--article"),
                     orphaned: bool = typer.Option(False, "--orphaned", help="Only those whose record is gone."),
                     as_json: bool = JSON_OPT) -> None:
    """Every correction, oldest first, with who, when, why and whether it still applies."""
    with _open(db, read_only=True) as store:
        rows = correction_rows(store, article_id=article, status="orphaned" if orphaned else None)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("id", "status", "action", "target", "article", "text", "change", "who", "when", "why", box=None)
    for r in rows:
        change = f"{r['field']}: {r['before']} → {r['after']}" if r["action"] == "change" else (
            json.dumps(r["after"], ensure_ascii=False) if r["after"] else "")
        table.add_row(str(r["id"]), r["status"], r["action"], r["target"], (r["article_id"] or "")[:8],
                      r["span_text"][:50], change[:60], r["who"], r["created_at"][:10], r["why"][:60])
    console.print(table)


@corrections_app.command("export")
def corrections_export(db: Optional[str] = DB_OPT,
                       as_: str = typer.Option("jsonl", "--as", help="jsonl (the corrections themselves, for "
                                               "`corrections import`), figures-gold, brat or timeml."),
                       out: Optional[Path] = typer.Option(None, "--out", help="A file (jsonl; stdout when left out) "
                                                          "or a folder (gold formats).")) -> None:
    """Export the corrections, or the corrected articles as gold data that `newsledger eval` reads."""
    if as_ != "jsonl" and as_ not in gold.WRITERS:
        _fail(f"--as is jsonl or one of {', '.join(gold.WRITERS)}, not {as_!r}")
    if as_ != "jsonl" and out is None:
        _fail(f"--as {as_} writes a folder: give --out DIR")
    with _open(db, read_only=True) as store:
        if as_ != "jsonl":
            count = gold.export_gold(store, as_, out)
            console.print(f"{count} reviewed article(s) as {as_} → {out}  (newsledger eval "
                          f"{ {'figures-gold': 'figures', 'brat': 'polnear', 'timeml': 'timeml'}[as_]} {out})")
            return
        rows = correction_rows(store)
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if out:
        out.write_text(lines, encoding="utf-8")
        console.print(f"{len(rows)} correction(s) → {out}")
    else:
        sys.stdout.write(lines)


@corrections_app.command("import")
def corrections_import(path: Path = typer.Argument(..., help="A `corrections export` JSONL file."),
                       db: Optional[str] = DB_OPT, users_file: Optional[str] = USERS_OPT,
                       token: Optional[str] = TOKEN_OPT) -> None:
    """Bring corrections from another ledger (e.g. before re-ingesting into a fresh one); those present are skipped."""
    who = _reviewer(token, users_file)
    try:
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        _fail(f"cannot read {path}: {exc}")
    bad = [n for n, item in enumerate(items, 1) if not (isinstance(item, dict) and
                                                       {"action", "target", "span_text", "who", "why"} <= set(item))]
    if bad:
        _fail(f"{path}: line {bad[0]} is not a correction (needs action, target, span_text, who, why)")
    with _open(db) as store:
        added, already = import_corrections(store, items, who)
        track.refresh(store)
    console.print(f"{added} correction(s) imported, {already} already here")


@corrections_app.command("audit")
def corrections_audit(db: Optional[str] = DB_OPT, limit: int = typer.Option(100, "--limit"),
                      as_json: bool = JSON_OPT) -> None:
    """The audit log: every write by a reviewer, newest first."""
    with _open(db, read_only=True) as store:
        rows = audit_log(store, limit=limit)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        console.print(f"{row['at']}  {row['who']:12} {row['action']:20} via {row['detail'].get('door', '?')}",
                      highlight=False, markup=False)


# -- users ---------------------------------------------------------------------------------------------------------

@users_app.command("add")
def users_add(name: str = typer.Argument(..., help="The reviewer's name (recorded with each correction)."),
              users_file: Optional[str] = USERS_OPT) -> None:
    """Add a reviewer (or give one a new token) and print the token once: only its hash is kept."""
    path = users.users_path(users_file)
    try:
        token = users.add_user(path, name)
    except (users.UsersError, OSError) as exc:
        _fail(str(exc))
    console.print(f"{name} added to {path}. Their token (shown once, keep it safe):", highlight=False)
    typer.echo(token)


@users_app.command("list")
def users_list(users_file: Optional[str] = USERS_OPT) -> None:
    """The reviewers in the users file."""
    try:
        known = users.load(users.users_path(users_file))
    except users.UsersError as exc:
        _fail(str(exc))
    for name, entry in sorted(known.items()):
        typer.echo(f"{name}\tsince {entry.get('created', '?')}")


def reanalyse_command(articles: list[str] = typer.Argument(None, help="Article ids (default: every stored one)."),
                      db: Optional[str] = DB_OPT) -> None:
    """Re-extract stored articles with the engines as they are now; corrections are re-applied or listed orphaned."""
    from .reanalyse import reanalyse

    with _open(db) as store:
        ids = None
        if articles:
            ids = [found for prefix in articles for found in store.find_articles(prefix)]
        done, problems = reanalyse(store, ids)
        orphaned = [r for r in correction_rows(store) if r["status"] == "orphaned"]
    for problem in problems:
        err.print(f"skipped {problem}", highlight=False, markup=False, style="yellow")
    console.print(f"[bold]{done}[/bold] article(s) re-extracted; {len(orphaned)} correction(s) orphaned"
                  + (" (newsledger corrections list --orphaned)" if orphaned else ""))


def gold_path(path: str | None, gold_from: str | None, db: str | None, kind: str) -> str:
    """What `eval ... --gold corrections` scores against: the reviewed articles, exported to a temporary folder."""
    if gold_from is None:
        if path is None:
            _fail("give the gold data's path, or --gold corrections for the ledger's reviewed articles")
        return path
    if gold_from != "corrections":
        return gold_from
    folder = tempfile.mkdtemp(prefix=f"newsledger-{kind}-")
    with _open(db, read_only=True) as store:
        if gold.export_gold(store, kind, folder) == 0:
            _fail(f"no reviewed articles to score against yet: correct some {gold.FORMATS[kind]}s first", 1)
    return folder


def register(app: typer.Typer) -> None:
    app.add_typer(correct_app, name="correct")
    app.add_typer(corrections_app, name="corrections")
    app.add_typer(users_app, name="users")
    app.command("reanalyse")(reanalyse_command)

