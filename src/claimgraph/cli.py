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
    brat: bool = typer.Option(False, "--brat", help="With --out: write INPUT.txt and INPUT.ann (brat standoff) "
                                                    "for correction in brat or INCEpTION."),
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
    if brat and out_dir is None:
        err.print("claimgraph: --brat needs --out DIR", highlight=False)
        raise typer.Exit(2)
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
            if brat:
                from .eval.brat import BRAT_CONF, to_brat

                (out_dir / f"{stem}.txt").write_text(result.text, encoding="utf-8", newline="")
                (out_dir / f"{stem}.ann").write_text(to_brat(result), encoding="utf-8")
                (out_dir / "annotation.conf").write_text(BRAT_CONF, encoding="utf-8")
            else:
                (out_dir / f"{stem}.json").write_text(result.to_json(), encoding="utf-8")
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
    settings_file: Optional[Path] = typer.Option(None, "--settings", help="TOML settings file."),
) -> None:
    """Score attributions on PolNeAR: exact and token-overlap P/R/F1 per role, who-said-what F1."""
    from .eval.error_report import render as render_errors
    from .eval.run import evaluate_polnear
    from .report import render_scores

    settings = _settings(settings_file, pipeline=pipeline)
    try:
        report, results = evaluate_polnear(directory, settings, limit=limit)
    except ClaimgraphError as exc:
        err.print(f"claimgraph: {exc}", markup=False, highlight=False)
        raise typer.Exit(2)
    if errors is not None:
        errors.write_text(render_errors(results, report), encoding="utf-8")
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        out.print(render_scores(report, title=f"PolNeAR {directory} ({report['documents']} texts)"))


@eval_app.command("gold")
def eval_gold(
    gold: Path = typer.Argument(..., help="A claimgraph gold JSON file."),
    text: Path = typer.Option(..., "--text", help="The article the gold file annotates."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (default: the gold's)."),
    pipeline: Optional[str] = typer.Option(None, "--pipeline", help="Installed spaCy pipeline to parse with."),
) -> None:
    """Score one article against a hand annotation: required attributions found, precision, chrome marked."""
    from .eval.run import evaluate_gold

    settings = _settings(None, pipeline=pipeline)
    try:
        result = evaluate_gold(gold, text, settings, published)
    except ClaimgraphError as exc:
        err.print(f"claimgraph: {exc}", markup=False, highlight=False)
        raise typer.Exit(2)
    typer.echo(json.dumps(result, indent=2, ensure_ascii=False))


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
