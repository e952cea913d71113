"""Run the analysis over a gold corpus and score it: the library side of ``claimgraph eval``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..errors import DataError
from ..analysis import analyze, analyze_many, read_document
from ..model import Analysis, Document, Failure
from ..settings import Settings
from .annotations import AnnotatedDocument, from_analysis
from .gold import load_gold, score_gold
from .polnear import read_polnear
from .scorer import Match, match_document, score


@dataclass(frozen=True)
class DocumentResult:
    gold: AnnotatedDocument
    analysis: Analysis
    match: Match


def analyse_each(documents: Sequence[Document], settings: Settings | None = None,
                 progress: Callable[..., None] | None = None) -> Iterator[Analysis | Failure]:
    """Every document's analysis (or failure) in order, with ``progress(total=n)`` once and
    ``progress(advance=1)`` per document when given: what every evaluation over a corpus runs."""
    if progress:
        progress(total=len(documents))
    for result in analyze_many(documents, settings):
        if progress:
            progress(advance=1)
        yield result


def evaluate_polnear(directory: str | Path, settings: Settings | None = None, limit: int | None = None,
                     progress: Callable[..., None] | None = None) -> tuple[dict, list[DocumentResult]]:
    """Analyse every PolNeAR text in ``directory`` and score it; returns the report and per-document outcomes.
    ``progress``, when given, is called as ``progress(total=n)`` once and ``progress(advance=1)`` per text."""
    docs = read_polnear(directory, limit=limit)
    if not docs:
        raise DataError(f"{directory}: no annotated texts found")
    results: list[DocumentResult] = []
    for gold, analysis in zip(docs, analyse_each([Document(d.name, d.text) for d in docs], settings, progress)):
        if isinstance(analysis, Failure):
            raise DataError(f"{gold.name}: {analysis.reason}")
        pred = from_analysis(analysis)
        results.append(DocumentResult(gold, analysis, match_document(gold.text, gold.attributions, pred)))
    report = score((r.gold, from_analysis(r.analysis)) for r in results)
    return report, results


def evaluate_gold(gold_path: str | Path, text_path: str | Path, settings: Settings | None = None,
                  published: str | None = None) -> dict:
    """Score one article against a claimgraph gold JSON file."""
    document = read_document(text_path)
    analysis = analyze(document.data, published, settings, name=document.locator)
    gold = load_gold(gold_path, analysis.text)
    if published is None and gold.published:
        analysis = analyze(document.data, gold.published, settings, name=document.locator)
    return {"document": gold.document, **score_gold(analysis, gold).as_dict()}
