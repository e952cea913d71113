"""Commands over a corpus and its store: ingest, search, speakers, export, failures, serve."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .common import (DbOption, RulesOnly, app, err, on_store, open_configured_store, out, print_json, progress_bar,
                     settings_from)


@app.command()
def ingest(
    inputs: List[str] = typer.Argument(None, help="Files, folders, JSONL dumps, RSS/Atom feeds, WARC(.gz) archives, "
                                                  "URL lists or URLs."),
    db: Optional[str] = DbOption,
    workers: Optional[int] = typer.Option(None, "--workers", help="Processes analysing documents (default 1)."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Analyse on Dask: tcp://scheduler:8786, or local:N for "
                                                            "a local cluster of N workers."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Also re-run the quarantined documents."),
    rules_only: bool = RulesOnly,
    settings_file: Optional[Path] = typer.Option(None, "--settings", help="TOML settings file."),
) -> None:
    """Analyse articles into the store; already stored inputs are skipped, failures are recorded."""
    from ..ingest.fetch import Fetcher
    from ..corpus.ingest import ingest_inputs as run_ingest

    if not inputs and not retry_failed:
        err.print("claimgraph: nothing to ingest (give inputs or --retry-failed)", highlight=False)
        raise typer.Exit(2)
    settings = settings_from(settings_file, db=db, workers=workers, dask=dask, rules_only=rules_only)
    store = open_configured_store(settings)
    fetcher = Fetcher(settings)
    try:
        with progress_bar("ingest") as progress:
            summary = run_ingest(list(inputs or []), store, settings, fetcher, retry_failed, progress)
    finally:
        fetcher.close()
        store.close()
    typer.echo(summary.line())
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def search(
    query: str = typer.Argument("", help="Words to find in statements (all must occur)."),
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Only statements by a speaker whose name contains this."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Only articles from an outlet whose name contains this."),
    since: Optional[str] = typer.Option(None, "--since", help="Published on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Published on or before YYYY-MM-DD."),
    kind: Optional[str] = typer.Option(None, "--kind", help="direct, indirect or mixed."),
    all_types: bool = typer.Option(False, "--all-types", help="Beliefs, intentions, questions and topics too, "
                                                              "not only claims."),
    limit: int = typer.Option(20, "--limit"),
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Find statements: who said what about a subject, with filters. --speaker goes through identities: "Kirby"
    finds the statements credited to "John Kirby" too."""
    from ..store.queries import people_named_like, search as run_search

    def run(store):
        return (run_search(store, query, speaker, outlet, since, until, kind, limit, all_types=all_types),
                people_named_like(store, speaker) if speaker else [])
    rows, matched = on_store(db, run)
    if len(matched) > 1:
        err.print(f"claimgraph: --speaker {speaker!r} matches {len(matched)} identities, all shown: "
                  + "; ".join(f"{p['name']} (person {p['id']})" for p in matched), markup=False, highlight=False)
    if as_json:
        return print_json(rows)
    from rich.table import Table

    table = Table(expand=True, show_lines=True)
    for col, ratio in (("Published", 1), ("Outlet", 1), ("Speaker", 2), ("Cue", 1), ("Statement", 6)):
        table.add_column(col, ratio=ratio)
    for r in rows:
        table.add_row(r["published"] or "", r["outlet"] or "", r["speaker"] or "", r["cue_text"] or "",
                      r["content_text"][:300])
    out.print(table)
    out.print(f"{len(rows)} statements", style="dim")


@app.command()
def speakers(
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Only articles from an outlet whose name contains this."),
    limit: int = typer.Option(30, "--limit"),
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Who is quoted most, in how many articles, since when."""
    from ..store.queries import speakers as run_speakers

    rows = on_store(db, lambda store: run_speakers(store, outlet, limit))
    if as_json:
        return print_json(rows)
    from rich.table import Table

    table = Table()
    for col in ("Speaker", "Person", "Statements", "Articles", "First", "Last"):
        table.add_column(col, justify="right" if col in {"Person", "Statements", "Articles"} else "left")
    for r in rows:
        table.add_row(r["speaker"], str(r["person_id"] or ""), str(r["statements"]), str(r["articles"]),
                      r["first"] or "", r["last"] or "")
    out.print(table)


@app.command()
def export(
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (analysis per article), csv or parquet (statement per "
                                                      "row), brat (NAME.txt + NAME.ann), claims "
                                                      "(claim per line)."),
    out_dir: Path = typer.Option(..., "--out", help="Folder to write into."),
    db: Optional[str] = DbOption,
) -> None:
    """Export the store."""
    from ..export import EXPORT_FORMATS, export_store as run_export

    if fmt not in EXPORT_FORMATS:
        err.print(f"claimgraph: unknown format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})", highlight=False)
        raise typer.Exit(2)
    paths = on_store(db, lambda store: run_export(store, fmt, out_dir))
    typer.echo(f"wrote {len(paths)} file(s) to {out_dir}")


@app.command()
def failures(
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of lines."),
) -> None:
    """List the quarantined documents and why they failed."""
    rows = on_store(db, lambda store: store.failures())
    if as_json:
        return print_json([{"locator": f.locator, "reason": f.reason, "attempts": f.attempts} for f in rows])
    for f in rows:
        typer.echo(f"{f.locator}\t{f.reason}\t(attempts: {f.attempts})")


@app.command()
def serve(
    db: Optional[str] = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port"),
    token_file: Optional[Path] = typer.Option(None, "--token-file", help="File holding the bearer token that "
                                                                         "allows writes; without it the server is "
                                                                         "read-only."),
    open_writes: bool = typer.Option(False, "--open-writes", help="Allow writes without a token (loopback only)."),
    settings_file: Optional[Path] = typer.Option(None, "--settings", help="TOML settings file."),
) -> None:
    """Serve the reading room (pages) and the JSON API (/api, OpenAPI at /docs) over the store."""
    from ..web import create_app  # the web extra: a missing one is named before anything else happens
    from ..web.access import check_binding

    import uvicorn

    token = None
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            err.print(f"claimgraph: {token_file}: cannot read token file ({exc.strerror})", highlight=False)
            raise typer.Exit(2)
        if not token:
            err.print(f"claimgraph: {token_file}: the token file is empty", highlight=False)
            raise typer.Exit(2)
    settings = settings_from(settings_file, db=db, api_token=token)
    check_binding(host, settings, open_writes)
    uvicorn.run(create_app(settings, open_configured_store(settings), open_writes), host=host, port=port, log_level="info")
