"""What every command shares: the Typer app, the consoles, common options, opening the store, progress bars,
JSON output, and the entry point that turns a ClaimgraphError into one line on standard error."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from ..errors import ClaimgraphError
from ..settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Who claimed what in the news: sources, cues and contents of attributions.")
out = Console()
err = Console(stderr=True, soft_wrap=True)


@app.callback()
def _root() -> None:
    """claimgraph: read the news critically, at scale."""


RulesOnly = typer.Option(False, "--rules-only", help="Find attributions with the parse rules alone, without the "
                                                    "learned model (faster, lower recall).")

DbOption = typer.Option(None, "--db", help="Store URL: a SQLite path or sqlite:///…, or postgresql://host/db "
                                         "(default ./claimgraph.db).")


@contextlib.contextmanager
def progress_bar(what: str, quiet: bool = False):
    """A progress bar on standard error with count, rate and time left, when standard error is a terminal (never
    mixed into what goes to standard output); yields ``progress(total=, advance=)``."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    if quiet or not err.is_terminal:
        yield lambda total=None, advance=0: None
        return

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f}/s"), TimeRemainingColumn()]
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task(what, total=None, rate=0.0)

        def progress(total: int | None = None, advance: int = 0) -> None:
            if total is not None:
                bar.update(task, total=total)
            if advance:
                bar.advance(task, advance)
                elapsed = bar.tasks[0].elapsed or 0.0
                bar.update(task, rate=bar.tasks[0].completed / elapsed if elapsed else 0.0)
        yield progress


def on_store(db: Optional[str], read):
    """Open the store named by ``--db`` (or the settings), run ``read(store)``, close it."""
    store = open_configured_store(settings_from(None, db=db))
    try:
        return read(store)
    finally:
        store.close()


def print_json(data) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def open_configured_store(settings: Settings):
    from ..store import open_store

    return open_store(settings.db, settings.query_timeout_ms)


def settings_from(file: Optional[Path], rules_only: bool = False, **flags) -> Settings:
    return Settings.load(file, **flags, attribution="rules" if rules_only else None)


def report_error(document: str, reason: str) -> None:
    err.print(f"claimgraph: {document}: {reason}", markup=False, highlight=False)


def main() -> None:
    """Entry point: a ClaimgraphError anywhere becomes one line on standard error and exit status 2."""
    try:
        app()
    except ClaimgraphError as exc:
        err.print(f"claimgraph: {exc}", markup=False, highlight=False)
        raise SystemExit(2) from None
