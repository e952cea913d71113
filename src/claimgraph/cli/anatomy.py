"""Commands that measure claim anatomy: figures (eval quantities) and the writer's opinion (eval subjectivity)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .analysis import eval_app
from .common import RulesOnly, out, print_json, progress_bar, settings_from


@eval_app.command("quantities")
def eval_quantities(
    gold: Path = typer.Argument(..., help="Sentences with gold figures: [{text, quantities: [{value, "
                                          "normalized_unit}]}], e.g. ../shared/data/quantities/currency-model.json."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    errors: int = typer.Option(0, "--errors", help="Also list the first N sentences with a miss or a false alarm."),
    pipeline: Optional[str] = typer.Option(None, "--pipeline", help="Installed spaCy pipeline to parse with."),
    rules_only: bool = RulesOnly,
    settings_file: Optional[Path] = typer.Option(None, "--settings", help="TOML settings file."),
) -> None:
    """Score figures sentence by sentence: value F1 and value+unit F1 (a unit or counted noun sharing a word with
    the gold unit counts)."""
    from ..eval.quantities import error_lines, evaluate_quantities

    settings = settings_from(settings_file, pipeline=pipeline, rules_only=rules_only)
    with progress_bar("quantities") as step_by:
        report = evaluate_quantities(gold, settings, progress=step_by)
    shown = list(error_lines(report, errors)) if errors else []
    if as_json:
        report = {k: v for k, v in report.items() if k != "errors"}
        if errors:
            report["errors"] = shown
        print_json(report)
        return
    out.print(f"{gold}: {report['sentences']} sentences, {report['gold']} gold figures, {report['predicted']} "
              f"found", highlight=False)
    for key in ("value", "value+unit"):
        s = report[key]
        out.print(f"  {key:<11} P {s['p']:5.1f}  R {s['r']:5.1f}  F1 {s['f1']:5.1f}", highlight=False)
    for line in shown:
        out.print(line, markup=False, highlight=False)


@eval_app.command("subjectivity")
def eval_subjectivity(
    labelled: Path = typer.Argument(..., help="Sentences labelled SUBJ/OBJ, tab-separated (CheckThat! format), "
                                              "e.g. ../shared/data/subjectivity/dev_en.tsv."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    pipeline: Optional[str] = typer.Option(None, "--pipeline", help="Installed spaCy pipeline to parse with."),
    rules_only: bool = RulesOnly,
    settings_file: Optional[Path] = typer.Option(None, "--settings", help="TOML settings file."),
) -> None:
    """Score the opinion voice: a sentence is SUBJ when any of its sentences gets voice opinion; macro-F1 and
    SUBJ F1."""
    from ..eval.subjectivity import evaluate_subjectivity

    settings = settings_from(settings_file, pipeline=pipeline, rules_only=rules_only)
    with progress_bar("subjectivity") as step_by:
        report = evaluate_subjectivity(labelled, settings, progress=step_by)
    if as_json:
        print_json(report)
        return
    out.print(f"{labelled}: {report['sentences']} sentences ({report['subj']} SUBJ, {report['predicted_subj']} "
              f"predicted): macro-F1 {report['macro_f1']:.3f}, SUBJ F1 {report['subj_f1']:.3f}, OBJ F1 "
              f"{report['obj_f1']:.3f}", highlight=False)
