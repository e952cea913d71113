"""eval extraction: article body, title, date and authors from HTML pages against the Article Extraction
Benchmark and labelled metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .analysis import eval_app
from .common import out, print_json, progress_bar


@eval_app.command("extraction")
def eval_extraction(
    directory: Path = typer.Argument(..., help="An Article Extraction Benchmark folder (ground-truth.json and "
                                               "html/), e.g. ../shared/data/aeb."),
    labels: Optional[Path] = typer.Option(None, "--labels", help="JSON of labelled pages {id: {title, published, "
                                                                 "authors}}, e.g. tests/fixtures/aeb_metadata.json."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
) -> None:
    """Score extraction: body token F1 as AEB's evaluate.py computes it; with --labels, title exact, date on the
    same day and authors exact."""
    from ..eval.extraction import evaluate

    with progress_bar("extraction") as step_by:
        report = evaluate(directory, labels, progress=step_by)
    if as_json:
        print_json(report.as_dict())
        return
    out.print(f"AEB {directory}: {report.pages} pages, {report.failed} refused")
    out.print(f"  body    P {report.body_precision:.4f}  R {report.body_recall:.4f}  F1 {report.body_f1:.4f}")
    if report.labelled:
        out.print(f"  title exact     {report.title_exact:.1%} of {report.labelled}")
        out.print(f"  date same day   {report.date_same_day:.1%} of {report.dated}")
        out.print(f"  authors exact   {report.authors_exact:.1%} of {report.labelled}")
