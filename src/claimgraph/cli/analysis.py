"""Commands that analyse articles one by one: analyze, eval, train."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..errors import InputError
from .common import RulesOnly, app, err, out, print_json, progress_bar, report_error, settings_from


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
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar on standard error."),
) -> None:
    """Analyse articles: who claimed what, with source, cue, content and kind. Each result is written as soon as
    it is ready (several inputs with --json: one JSON document per line), so memory stays flat however many."""
    from collections import deque

    from ..analysis import analyze_many, read_document
    from ..export import write_analysis
    from ..model import Document, Failure
    from ..report import render

    settings = settings_from(settings_file, pipeline=pipeline, rules_only=rules_only)
    if brat and out_dir is None:
        err.print("claimgraph: --brat needs --out DIR", highlight=False)
        raise typer.Exit(2)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    pending: deque[Document] = deque()  # read and handed to analysis, in order

    def documents():
        nonlocal failed
        for name in inputs:
            try:
                document = read_document(name, published, settings.max_input_bytes)
            except InputError as exc:
                failed += 1
                report_error(exc.document, exc.reason)
                step()
                continue
            pending.append(document)
            yield document

    with progress_bar("analyze", quiet or len(inputs) < 2) as step_by:
        step_by(total=len(inputs))

        def step() -> None:
            step_by(advance=1)

        for result in analyze_many(documents(), settings):
            document = pending.popleft()
            step()
            if isinstance(result, Failure):
                failed += 1
                report_error(result.locator, result.reason)
            elif out_dir is not None:
                write_analysis(result, out_dir, "stdin" if document.locator == "<stdin>" else
                               Path(document.locator).name, brat)
            elif as_json:
                typer.echo(result.to_json(indent=2 if len(inputs) == 1 else None))
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
    from ..eval.error_report import render as render_errors
    from ..eval.run import evaluate_polnear
    from ..report import render_scores

    settings = settings_from(settings_file, pipeline=pipeline, rules_only=rules_only)
    report, results = evaluate_polnear(directory, settings, limit=limit)
    if errors is not None:
        errors.write_text(render_errors(results, report), encoding="utf-8")
    if as_json:
        print_json(report)
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
    from ..eval.run import evaluate_gold

    settings = settings_from(None, pipeline=pipeline, rules_only=rules_only)
    result = evaluate_gold(gold, text, settings, published)
    print_json(result)


@eval_app.command("ecbplus")
def eval_ecbplus(
    directory: Path = typer.Argument(..., help="An ECB+ folder with corpus.txt and entity_mentions.json, e.g. "
                                               "../shared/data/ecbplus/dev."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    out_path: Optional[Path] = typer.Option(None, "--out", help="Write the response in the reference scorer's "
                                                                "CoNLL format."),
) -> None:
    """Entity coreference across documents on gold mentions: MUC, B³, CEAF-e and CoNLL F1."""
    from ..eval.ecbplus import conll_response, evaluate_ecbplus

    report, corpus, response = evaluate_ecbplus(directory)
    if out_path is not None:
        out_path.write_text(conll_response(corpus, response), encoding="utf-8")
    if as_json:
        return print_json(report)
    from rich.table import Table

    table = Table(title=f"ECB+ {directory} ({report['documents']} documents, {report['mentions']} mentions)",
                  title_justify="left")
    for col in ("", "MUC F1", "B³ F1", "CEAF-e F1", "CoNLL F1", "mentions"):
        table.add_column(col, justify="right" if col else "left")
    for name, r in [("all", report), *report["by_type"].items()]:
        table.add_row(name, *(f"{r[k]['f1']:.1f}" for k in ("muc", "b3", "ceaf_e")), f"{r['conll_f1']:.1f}",
                      str(r.get("mentions", "")))
    out.print(table)


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
    people: bool = typer.Option(False, "--people", help="Train the identity model on ECB+ (../shared/data/ecbplus"
                                                        "/train, --dev ../shared/data/ecbplus/dev)."),
) -> None:
    """Train the attribution model (fixed seed, resumable); logs dev figures after every epoch. With --people,
    CORPUS and --dev are ECB+ folders and the identity model is trained instead."""
    if people:
        from ..people.score import PAIR_WEIGHTS
        from ..training.people import train_people

        return print_json(train_people(corpus, dev, out_path or PAIR_WEIGHTS,
                                        log=lambda line: err.print(line, markup=False, highlight=False)))
    from ..nlp.tagger.network import WEIGHTS
    from ..training.tagger import TrainConfig, train as run_train

    best = run_train(corpus, dev, work, out_path or WEIGHTS, TrainConfig(epochs=epochs, seed=seed, limit=limit),
                     log=lambda line: err.print(line, markup=False, highlight=False))
    print_json(best)
