"""`newsledger feeds ...`, `newsledger watch` and `newsledger alerts ...` (registered in cli.py)."""
from __future__ import annotations

import json
import signal
import sys
import threading
from typing import Optional

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..ingest import DEFAULT_MAX_BYTES
from ..ingest.fetch import FetchSettings, Fetcher
from ..store import Store, watchlist
from . import alerts as alert_rules
from .deliver import Deliverer, DeliveryError, check_target
from .loop import WatchCounts, Watcher, parse_every

DB_OPT = typer.Option(None, "--db", envvar="NEWSLEDGER_DB", help="SQLite path or database URL (default ./newsledger.db).")
JSON_OPT = typer.Option(False, "--json", help="Print JSON.")
BASE_URL_ENV = "NEWSLEDGER_BASE_URL"
feeds_app = typer.Typer(help="The outlets `watch` follows: RSS, Atom, JSON Feed and sitemaps.", no_args_is_help=True)
alerts_app = typer.Typer(help="Saved watches evaluated on every article `watch` stores.", no_args_is_help=True)


def _open(db: str | None) -> Store:
    from ..cli import _open_store  # at call time: cli.py imports this module while it is being defined

    return _open_store(db)


def _fail(message: str, code: int = 2) -> None:
    from ..cli import err

    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _seconds(every: str) -> int:
    try:
        return parse_every(every)
    except ValueError as exc:
        _fail(f"--every: {exc}")
        raise  # pragma: no cover  (_fail exits)


# -- feeds ---------------------------------------------------------------------------------------------------------

@feeds_app.command("add")
def feeds_add(url: str = typer.Argument(..., help="Feed or sitemap URL (http or https)."),
              outlet: Optional[str] = typer.Option(None, "--outlet", help="The outlet's name (the page's own site "
                                                                           "name otherwise)."),
              every: str = typer.Option("15m", "--every", help="How often to poll it: 15m, 1h, 90s."),
              db: Optional[str] = DB_OPT) -> None:
    """Follow a feed (or update the outlet and interval of one already followed)."""
    from ..cli import console

    if not url.startswith(("http://", "https://")):
        _fail(f"{url!r} is not an http(s) URL")
    seconds = _seconds(every)
    with _open(db) as store:
        new = watchlist.add_feed(store, url, outlet=outlet, interval_s=seconds)
    console.print(f"{'following' if new else 'updated'} {url} every {every}", highlight=False)


@feeds_app.command("list")
def feeds_list(db: Optional[str] = DB_OPT,
               as_json: bool = JSON_OPT) -> None:
    """Followed feeds with their last success, consecutive failures and last error."""
    with _open(db) as store:
        rows = watchlist.feeds(store)
    _print_rows(rows, as_json, ("feed", "outlet", "every", "last success", "failures", "last error", "next due"),
                lambda row: (row["url"], row["outlet"] or row["title"] or "", f"{row['interval_s']}s",
                             row["last_success"] or "never", str(row["failures"]), row["last_error"] or "",
                             row["next_due"]))


def _print_rows(rows: list[dict], as_json: bool, headers: tuple[str, ...], cells) -> None:
    """The rows as JSON, or as a table of the cells `cells(row)` gives under `headers`."""
    from ..cli import console

    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(*headers, box=None)
    for row in rows:
        table.add_row(*cells(row))
    console.print(table)


@feeds_app.command("remove")
def feeds_remove(url: str = typer.Argument(..., help="The feed URL, as `feeds list` shows it."),
                 db: Optional[str] = DB_OPT) -> None:
    """Stop following a feed (the articles it brought stay)."""
    from ..cli import console

    with _open(db) as store:
        if not watchlist.remove_feed(store, url):
            _fail(f"not following {url}", 1)
    console.print(f"no longer following {url}", highlight=False)


# -- watch ---------------------------------------------------------------------------------------------------------

def watch(db: Optional[str] = DB_OPT,
          once: bool = typer.Option(False, "--once", help="Poll what is due once and exit (for cron)."),
          every: str = typer.Option("1m", "--every", help="Without --once: wake at least this often to poll the "
                                                          "feeds that are due."),
          workers: int = typer.Option(8, "--workers", min=1, help="Fetches in flight at once."),
          timeout: float = typer.Option(20.0, "--timeout", help="Seconds to wait for a server."),
          retries: int = typer.Option(2, "--retries", min=0, help="Retries of a fetch that may pass (timeout, 5xx)."),
          host_interval: float = typer.Option(1.0, "--host-interval", min=0.0,
                                              help="Seconds between two requests to one host."),
          host_concurrency: int = typer.Option(2, "--host-concurrency", min=1, help="Requests to one host at once."),
          max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Drop bodies larger than this."),
          base_url: str = typer.Option("", "--base-url", envvar=BASE_URL_ENV,
                                       help="Where `newsledger serve` runs, for the links in hits.")) -> None:
    """Poll the due feeds, store new and changed articles, deliver alert hits. SIGTERM finishes the article in hand."""
    from ..cli import err

    every_s = _seconds(every)
    settings = FetchSettings(timeout_s=timeout, retries=retries, host_interval_s=host_interval,
                             host_concurrency=host_concurrency, max_bytes=max_bytes)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    hits_out = sys.stdout  # taken before Rich's live display, so hits go to stdout and progress to stderr
    with _open(db) as store, Fetcher(settings) as fetcher, \
            Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                     redirect_stdout=False) as progress:
        task = progress.add_task("starting", total=None)

        def on_event(kind: str, message: str, counts: WatchCounts) -> None:
            progress.update(task, description=_progress_line(watcher.total, counts))
            if kind in ("feed-failed", "page-skipped", "delivery-failed", "feed-note"):
                style = "red" if kind in ("feed-failed", "delivery-failed") else "yellow"
                progress.console.print(f"{kind.replace('-', ' ')}: {message}", highlight=False, markup=False,
                                       style=style)

        watcher = Watcher(store, fetcher, Deliverer(hits_out), workers=workers, base_url=base_url,
                          on_event=on_event, stop=stop)
        watcher.run(once=once, every_s=every_s)
    err.print(("stopped: " if stop.is_set() else "") + _progress_line(watcher.total, WatchCounts()), highlight=False)


def _progress_line(total: WatchCounts, current: WatchCounts) -> str:
    def n(name: str) -> int:
        return getattr(total, name) + getattr(current, name)

    return (f"round {n('rounds')} · feeds due {n('feeds_due')} · polled {n('feeds_polled')} · "
            f"failed {n('feeds_failed')} · pages fetched {n('pages_fetched')} · skipped {n('pages_skipped')} · "
            f"articles added {n('articles_added')} ({n('new_versions')} new versions) · hits {n('hits')}")


# -- alerts --------------------------------------------------------------------------------------------------------

@alerts_app.command("add")
def alerts_add(name: str = typer.Argument(..., help="A name for the alert (also its Atom feed's name)."),
               filters: Optional[list[str]] = typer.Argument(None, help="KEY=VALUE filters of the kind chosen."),
               figures: bool = typer.Option(False, "--figures", help="New figures: category= place= source="),
               quotes: bool = typer.Option(False, "--quotes", help="New quotes: speaker= search="),
               conflicts: bool = typer.Option(False, "--conflicts", help="New conflicts: category= place="),
               revision: bool = typer.Option(False, "--revision",
                                             help="A body's series jumps: body= over=5% category= place="),
               to: Optional[list[str]] = typer.Option(None, "--to", help="stdout (default), jsonl:PATH, webhook:URL "
                                                                         "or email:ADDRESS; repeatable."),
               db: Optional[str] = DB_OPT) -> None:
    """Save an alert, e.g. `alerts add gaza-tolls --figures category=killed place=Gaza --to jsonl:hits.jsonl`."""
    from ..cli import console

    kinds = [kind for kind, chosen in (("figures", figures), ("quotes", quotes), ("conflicts", conflicts),
                                       ("revision", revision)) if chosen]
    if len(kinds) != 1:
        _fail("choose one of --figures, --quotes, --conflicts or --revision")
    try:
        params = alert_rules.parse_params(kinds[0], filters or [])
        targets = [check_target(target) for target in (to or ["stdout"])]
    except (alert_rules.AlertError, DeliveryError) as exc:
        _fail(str(exc))
    with _open(db) as store:
        new = watchlist.save_alert(store, name=name, kind=kinds[0], params=params, targets=targets)
    console.print(f"{'saved' if new else 'replaced'} alert {name}: {kinds[0]} {json.dumps(params)} → "
                  f"{', '.join(targets)}", highlight=False, markup=False)


@alerts_app.command("list")
def alerts_list(db: Optional[str] = DB_OPT,
                as_json: bool = JSON_OPT) -> None:
    """Saved alerts."""
    with _open(db) as store:
        rows = watchlist.alerts(store)
    _print_rows(rows, as_json, ("name", "kind", "filters", "delivered to"),
                lambda row: (row["name"], row["kind"], " ".join(f"{k}={v}" for k, v in row["params"].items()),
                             ", ".join(row["targets"])))


@alerts_app.command("remove")
def alerts_remove(name: str = typer.Argument(...),
                  db: Optional[str] = DB_OPT) -> None:
    """Delete an alert and the record of its hits."""
    from ..cli import console

    with _open(db) as store:
        if not watchlist.remove_alert(store, name):
            _fail(f"no alert named {name!r}", 1)
    console.print(f"removed alert {name}", highlight=False)

