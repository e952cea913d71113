"""Command line: parses arguments, calls the library, prints. Nothing else lives here."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from .errors import ClaimgraphError, InputError
from .settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Who claimed what in the news: sources, cues and contents of attributions.")
out = Console()
err = Console(stderr=True, soft_wrap=True)


@app.callback()
def _root() -> None:
    """claimgraph: read the news critically, at scale."""


RulesOnly = typer.Option(False, "--rules-only", help="Find attributions with the parse rules alone, without the "
                                                    "learned model (faster, lower recall).")


@app.command()
def analyze(
    inputs: List[str] = typer.Argument(..., help="Article files (plain text or HTML); '-' reads standard input."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date, YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help="Print claimgraph.analysis/1 JSON instead of a report."),
    out_dir: Optional[Path] = typer.Option(None, "--out", help="Write one INPUT.json per input into this folder."),
    brat: bool = typer.Option(False, "--brat", help="With --out: write INPUT.txt and INPUT.ann (brat standoff) "
                                                    "for correction in brat or INCEpTION."),
    pipeline: Optional[str] = typer.Option(None, "--pipeline", help="Installed spaCy pipeline to parse with."),
    rules_only: bool = RulesOnly,
    settings_file: Optional[Path] = typer.Option(None, "--settings", help="TOML settings file."),
) -> None:
    """Analyse articles: who claimed what, with source, cue, content and kind."""
    from .analysis import analyze_many, read_document
    from .model import Document, Failure

    settings = _settings(settings_file, pipeline=pipeline, rules_only=rules_only)
    documents: list[Document] = []
    failed = 0
    for name in inputs:
        try:
            documents.append(read_document(name, published))
        except InputError as exc:
            failed += 1
            _error(exc.document, exc.reason)
    if brat and out_dir is None:
        err.print("claimgraph: --brat needs --out DIR", highlight=False)
        raise typer.Exit(2)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    results = list(analyze_many(documents, settings))
    from .report import render

    for document, result in zip(documents, results):
        if isinstance(result, Failure):
            failed += 1
            _error(result.locator, result.reason)
            continue
        if out_dir is not None:
            from .export import write_analysis

            stem = "stdin" if document.locator == "<stdin>" else Path(document.locator).name
            write_analysis(result, out_dir, stem, brat)
        elif as_json:
            indent = 2 if len(documents) == 1 else None  # several documents: one JSON document per line
            typer.echo(result.to_json(indent=indent))
        else:
            out.print(render(result))
    if failed:
        raise typer.Exit(1)


eval_app = typer.Typer(no_args_is_help=True, help="Measure accuracy against gold annotations.")
app.add_typer(eval_app, name="eval")


@eval_app.command("polnear")
def eval_polnear(
    directory: Path = typer.Argument(..., help="A PolNeAR compartment, e.g. ../shared/data/polnear/dev."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Write an HTML page of every miss and false alarm."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N texts (sorted by name)."),
    pipeline: Optional[str] = typer.Option(None, "--pipeline", help="Installed spaCy pipeline to parse with."),
    rules_only: bool = RulesOnly,
    settings_file: Optional[Path] = typer.Option(None, "--settings", help="TOML settings file."),
) -> None:
    """Score attributions on PolNeAR: exact and token-overlap P/R/F1 per role, who-said-what F1."""
    from .eval.error_report import render as render_errors
    from .eval.run import evaluate_polnear
    from .report import render_scores

    settings = _settings(settings_file, pipeline=pipeline, rules_only=rules_only)
    report, results = evaluate_polnear(directory, settings, limit=limit)
    if errors is not None:
        errors.write_text(render_errors(results, report), encoding="utf-8")
    if as_json:
        _print_json(report)
    else:
        out.print(render_scores(report, title=f"PolNeAR {directory} ({report['documents']} texts)"))


@eval_app.command("gold")
def eval_gold(
    gold: Path = typer.Argument(..., help="A claimgraph gold JSON file."),
    text: Path = typer.Option(..., "--text", help="The article the gold file annotates."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (default: the gold's)."),
    pipeline: Optional[str] = typer.Option(None, "--pipeline", help="Installed spaCy pipeline to parse with."),
    rules_only: bool = RulesOnly,
) -> None:
    """Score one article against a hand annotation: required attributions found, precision, chrome marked."""
    from .eval.run import evaluate_gold

    settings = _settings(None, pipeline=pipeline, rules_only=rules_only)
    result = evaluate_gold(gold, text, settings, published)
    _print_json(result)


@app.command()
def train(
    corpus: Path = typer.Argument(..., help="Training compartment in PolNeAR's layout, e.g. ../shared/data/polnear/train."),
    dev: Path = typer.Option(..., "--dev", help="Dev compartment that picks the best epoch."),
    work: Path = typer.Option(Path("train-work"), "--work", help="Checkpoints and train-log.jsonl; a run that "
                                                                  "finds a checkpoint here resumes from it."),
    out_path: Optional[Path] = typer.Option(None, "--out", help="Where the best weights go (default: the "
                                                                 "model that claimgraph ships and loads)."),
    epochs: int = typer.Option(4, "--epochs"),
    seed: int = typer.Option(13, "--seed"),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N texts of each corpus (a trial)."),
) -> None:
    """Train the attribution model (fixed seed, resumable); logs dev figures after every epoch."""
    from .nlp.tagger.network import WEIGHTS
    from .training.tagger import TrainConfig, train as run_train

    best = run_train(corpus, dev, work, out_path or WEIGHTS, TrainConfig(epochs=epochs, seed=seed, limit=limit),
                     log=lambda line: err.print(line, markup=False, highlight=False))
    _print_json(best)


DbOption = typer.Option(None, "--db", help="Store URL: a SQLite path or sqlite:///…, or postgresql://host/db "
                                         "(default ./claimgraph.db).")


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
    from .ingest.fetch import Fetcher
    from .corpus.ingest import ingest_inputs as run_ingest

    if not inputs and not retry_failed:
        err.print("claimgraph: nothing to ingest (give inputs or --retry-failed)", highlight=False)
        raise typer.Exit(2)
    settings = _settings(settings_file, db=db, workers=workers, dask=dask, rules_only=rules_only)
    store = _open(settings)
    fetcher = Fetcher(settings)
    try:
        with _progress("ingest") as progress:
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
    limit: int = typer.Option(20, "--limit"),
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Find statements: who said what about a subject, with filters. --speaker goes through identities: "Kirby"
    finds the statements credited to "John Kirby" too."""
    from .store.queries import people, search as run_search

    def run(store):
        return (run_search(store, query, speaker, outlet, since, until, kind, limit),
                people(store, speaker, limit=10) if speaker else [])
    rows, matched = _on_store(db, run)
    if len(matched) > 1:
        err.print(f"claimgraph: --speaker {speaker!r} matches {len(matched)} identities, all shown: "
                  + "; ".join(f"{p['name']} (person {p['id']})" for p in matched), markup=False, highlight=False)
    if as_json:
        return _print_json(rows)
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
    from .store.queries import speakers as run_speakers

    rows = _on_store(db, lambda store: run_speakers(store, outlet, limit))
    if as_json:
        return _print_json(rows)
    from rich.table import Table

    table = Table()
    for col in ("Speaker", "Person", "Statements", "Articles", "First", "Last"):
        table.add_column(col, justify="right" if col in {"Person", "Statements", "Articles"} else "left")
    for r in rows:
        table.add_row(r["speaker"], str(r["person_id"] or ""), str(r["statements"]), str(r["articles"]),
                      r["first"] or "", r["last"] or "")
    out.print(table)


@app.command()
def link(
    rebuild: bool = typer.Option(False, "--rebuild", help="Forget every identity and link the whole store again "
                                                          "(your merges and splits are kept)."),
    db: Optional[str] = DbOption,
) -> None:
    """Link the people and bodies of stored articles to identities across the store (new articles only, unless
    --rebuild)."""
    from .people.link import link_store

    def run(store):
        with _progress("link") as progress:
            return link_store(store, rebuild, progress)
    result = _on_store(db, run)
    typer.echo(f"linked {result['entities']} people and bodies in {result['articles']} articles; "
               f"{result['people']} identities in the store")


people_app = typer.Typer(help="People and bodies across articles: one identity each, with names and roles.")
app.add_typer(people_app, name="people")


@people_app.callback(invoke_without_command=True)
def people(
    ctx: typer.Context,
    search_: Optional[str] = typer.Option(None, "--search", help="Only identities one of whose names contains this."),
    limit: int = typer.Option(30, "--limit"),
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List identities, most written about first (subcommands: show, merge, split)."""
    if ctx.invoked_subcommand is not None:
        return
    from .store.queries import people as run_people

    rows = _on_store(db, lambda store: run_people(store, search_, limit))
    if as_json:
        return _print_json(rows)
    from rich.table import Table

    table = Table()
    for col in ("Id", "Name", "Type", "Articles", "Also written", "Roles", "First", "Last"):
        table.add_column(col, justify="right" if col in {"Id", "Articles"} else "left")
    for r in rows:
        table.add_row(str(r["id"]), r["name"], r["type"], str(r["articles"]),
                      ", ".join(a for a in r["aliases"] if a != r["name"])[:80],
                      ", ".join(x["role"] for x in r["roles"][:3]), r["first_seen"] or "", r["last_seen"] or "")
    out.print(table)


@people_app.command("show")
def people_show(person_id: int = typer.Argument(..., help="The identity's id."), db: Optional[str] = DbOption) -> None:
    """One identity as JSON: names, roles over time, statements, outlets."""
    from .store.queries import person

    found = _on_store(db, lambda store: person(store, person_id))
    if found is None:
        err.print(f"claimgraph: there is no person {person_id}", highlight=False)
        raise typer.Exit(1)
    _print_json(found)


@people_app.command("merge")
def people_merge(keep: int = typer.Argument(..., help="The identity that stays."),
                 other: int = typer.Argument(..., help="The identity merged into it."),
                 db: Optional[str] = DbOption) -> None:
    """Two identities are one person or body (kept across link --rebuild)."""
    from .people.link import merge_people

    typer.echo(f"person {_on_store(db, lambda store: merge_people(store, keep, other))} now holds person {other}")


@people_app.command("split")
def people_split(person_id: int = typer.Argument(..., help="The identity to split."),
                 name: str = typer.Option(..., "--name", help="Entities written exactly so (case aside) become a "
                                                              "new identity."),
                 db: Optional[str] = DbOption) -> None:
    """Take the entities written NAME out of an identity into a new one (kept across link --rebuild)."""
    from .people.link import split_person

    typer.echo(f"new person {_on_store(db, lambda store: split_person(store, person_id, name))}")


@app.command()
def export(
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (analysis per article), csv or parquet (statement per "
                                                      "row), brat (NAME.txt + NAME.ann)."),
    out_dir: Path = typer.Option(..., "--out", help="Folder to write into."),
    db: Optional[str] = DbOption,
) -> None:
    """Export the store."""
    from .export import EXPORT_FORMATS, export_store as run_export

    if fmt not in EXPORT_FORMATS:
        err.print(f"claimgraph: unknown format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})", highlight=False)
        raise typer.Exit(2)
    paths = _on_store(db, lambda store: run_export(store, fmt, out_dir))
    typer.echo(f"wrote {len(paths)} file(s) to {out_dir}")


@app.command()
def failures(
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of lines."),
) -> None:
    """List the quarantined documents and why they failed."""
    rows = _on_store(db, lambda store: store.failures())
    if as_json:
        return _print_json([{"locator": f.locator, "reason": f.reason, "attempts": f.attempts} for f in rows])
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
    from .web import create_app  # the web extra: a missing one is named before anything else happens
    from .web.access import check_binding

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
    settings = _settings(settings_file, db=db, api_token=token)
    check_binding(host, settings, open_writes)
    uvicorn.run(create_app(settings, _open(settings), open_writes), host=host, port=port, log_level="info")


@contextlib.contextmanager
def _progress(what: str):
    """A progress bar on standard error with count, rate and time left; yields ``progress(total=, advance=)``."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

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


def _on_store(db: Optional[str], read):
    """Open the store named by ``--db`` (or the settings), run ``read(store)``, close it."""
    store = _open(_settings(None, db=db))
    try:
        return read(store)
    finally:
        store.close()


def _print_json(data) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _open(settings: Settings):
    from .store import open_store

    return open_store(settings.db, settings.query_timeout_ms)


def _settings(file: Optional[Path], rules_only: bool = False, **flags) -> Settings:
    return Settings.load(file, **flags, attribution="rules" if rules_only else None)


def _error(document: str, reason: str) -> None:
    err.print(f"claimgraph: {document}: {reason}", markup=False, highlight=False)


def main() -> None:
    """Entry point: a ClaimgraphError anywhere becomes one line on standard error and exit status 2."""
    try:
        app()
    except ClaimgraphError as exc:
        err.print(f"claimgraph: {exc}", markup=False, highlight=False)
        raise SystemExit(2) from None
