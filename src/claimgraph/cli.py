"""Command line: parses arguments, calls the library, prints. Nothing else lives here."""

from __future__ import annotations

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
err = Console(stderr=True)


@app.callback()
def _root() -> None:
    """claimgraph: read the news critically, at scale."""


@app.command()
def analyze(
    inputs: List[str] = typer.Argument(..., help="Article files (plain text or HTML); '-' reads standard input."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date, YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help="Print claimgraph.analysis/1 JSON instead of a report."),
    out_dir: Optional[Path] = typer.Option(None, "--out", help="Write one INPUT.json per input into this folder."),
    pipeline: Optional[str] = typer.Option(None, "--pipeline", help="Installed spaCy pipeline to parse with."),
    settings_file: Optional[Path] = typer.Option(None, "--settings", help="TOML settings file."),
) -> None:
    """Analyse articles: who claimed what, with source, cue, content and kind."""
    from .service import Document, Failure, analyze_many, read_document

    settings = _settings(settings_file, pipeline=pipeline)
    documents: list[Document] = []
    failed = 0
    for name in inputs:
        try:
            documents.append(read_document(name, published))
        except InputError as exc:
            failed += 1
            _error(exc.document, exc.reason)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    try:
        results = list(analyze_many(documents, settings))
    except ClaimgraphError as exc:
        err.print(f"claimgraph: {exc}", markup=False, highlight=False)
        raise typer.Exit(2)
    from .report import render

    for document, result in zip(documents, results):
        if isinstance(result, Failure):
            failed += 1
            _error(result.name, result.reason)
            continue
        if out_dir is not None:
            stem = "stdin" if document.name == "<stdin>" else Path(document.name).name
            (out_dir / f"{stem}.json").write_text(result.to_json(), encoding="utf-8")
        elif as_json:
            indent = 2 if len(documents) == 1 else None  # several documents: one JSON document per line
            typer.echo(result.to_json(indent=indent))
        else:
            out.print(render(result))
    if failed:
        raise typer.Exit(1)


def _settings(file: Optional[Path], **flags) -> Settings:
    try:
        return Settings.load(file, **flags)
    except ClaimgraphError as exc:
        err.print(f"claimgraph: {exc}", markup=False, highlight=False)
        raise typer.Exit(2)


def _error(document: str, reason: str) -> None:
    err.print(f"claimgraph: {document}: {reason}", markup=False, highlight=False)


def main() -> None:
    app()
