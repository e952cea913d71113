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
    all_types: bool = typer.Option(False, "--all-types", help="Report beliefs, intentions, questions and topics "
                                                              "attributed, not only claims."),
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
                out.print(render(result, all_types=all_types))
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
    with progress_bar("polnear") as step_by:
        report, results = evaluate_polnear(directory, settings, limit=limit, progress=step_by)
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


@eval_app.command("emergent")
def eval_emergent(
    path: Path = typer.Argument(..., help="An Emergent CSV (claimId, claimHeadline, articleId, articleHeadline, "
                                          "articleHeadlineStance, url, source), e.g. "
                                          "../shared/data/emergent/train.csv."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    out_path: Optional[Path] = typer.Option(None, "--out", help="Write articleId,cluster,stance per headline."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar on standard error."),
) -> None:
    """The same claim across outlets: headlines grouped into claims (B³ against claimId, reading only the
    headline, id, url and source) and each headline's stance toward its claim headline (for, against, observing)."""
    from ..eval.emergent import evaluate_emergent, write_predictions

    with progress_bar("emergent", quiet) as step_by:
        report, rows, clusters, labels = evaluate_emergent(path, progress=lambda n: step_by(advance=n),
                                                           total=lambda n: step_by(total=n))
    if out_path is not None:
        write_predictions(out_path, rows, clusters, labels)
    if as_json:
        return print_json(report)
    from rich.table import Table

    table = Table(title=f"Emergent {path} ({report['rows']} headlines, {report['clusters']} clusters found)",
                  title_justify="left")
    for col in ("", "P", "R", "F1", "accuracy", "macro-F1"):
        table.add_column(col, justify="right" if col else "left")
    if "grouping" in report:
        g = report["grouping"]
        table.add_row(f"grouping B³ ({report['claims']} claims)", str(g["p"]), str(g["r"]), str(g["f1"]), "", "")
    if "stance" in report:
        st = report["stance"]
        table.add_row(f"stance ({st['pairs']} headlines)", "", "", "", str(st["accuracy"]), str(st["macro_f1"]))
        for name, r in st["by_stance"].items():
            table.add_row(f"  {name}", str(r["p"]), str(r["r"]), str(r["f1"]), "", "")
    out.print(table)


@eval_app.command("claims-in-topic")
def eval_claims_in_topic(
    directory: Path = typer.Argument(..., help="An ECB+ folder with corpus.txt, e.g. ../shared/data/ecbplus/dev."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
) -> None:
    """Claim matching within one topic: sentences of one event joined, of another event of the same kind (ECB+
    sub-topics) kept apart. Pairwise P/R/F1 of same_claim and B³ of the grouping."""
    from ..eval.claims_topic import evaluate_in_topic

    report = evaluate_in_topic(directory)
    if as_json:
        return print_json(report)
    pairs = report["pairs"]
    out.print(f"ECB+ {directory}: {report['sentences']} sentences, {report['topics']} topics, "
              f"{report['gold_events']} events, {report['clusters']} clusters found (threshold "
              f"{report['threshold']})\n"
              f"pairs ({pairs['total']}, {pairs['positive']} of one event): P {pairs['p']} R {pairs['r']} "
              f"F1 {pairs['f1']}; other sub-topic joined {pairs['other_subtopic_joined']}%\n"
              f"B³ (first event): P {report['b3']['p']} R {report['b3']['r']} F1 {report['b3']['f1']}; "
              f"B³ (any shared event): F1 {report['b3_any']['f1']}", highlight=False)


@eval_app.command("claim-pairs")
def eval_claim_pairs(
    directory: Path = typer.Argument(..., help="A folder with stances.csv (Headline, Body ID[, Stance]) and "
                                               "bodies.csv (Body ID, articleBody): the FNC-1 layout."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    out_path: Optional[Path] = typer.Option(None, "--out", help="Write Headline,Body ID,Stance in input order."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar on standard error."),
) -> None:
    """Does the body report the headline's claim, and with what stance: agree, disagree, discuss or unrelated.
    Scored as FNC-1 scores (weighted, as a percentage of the best possible), with accuracy and macro-F1."""
    from ..eval.claim_pairs import evaluate_claim_pairs, write_predictions

    with progress_bar("claim pairs", quiet) as step_by:
        report, pairs, labels = evaluate_claim_pairs(directory, progress=lambda n: step_by(advance=n),
                                                     total=lambda n: step_by(total=n))
    if out_path is not None:
        write_predictions(out_path, pairs, labels)
    if as_json:
        return print_json(report)
    from rich.table import Table

    table = Table(title=f"Claim pairs {directory} ({report['pairs']} pairs, {report['bodies']} bodies)",
                  title_justify="left")
    for col in ("", "P", "R", "F1", "predicted"):
        table.add_column(col, justify="right" if col else "left")
    for name, r in report.get("by_stance", {}).items():
        table.add_row(name, str(r["p"]), str(r["r"]), str(r["f1"]), str(report["predicted"][name]))
    out.print(table)
    if "fnc" in report:
        out.print(f"FNC-1 score {report['fnc']['relative']}% of the best possible; accuracy {report['accuracy']}, "
                  f"macro-F1 {report['macro_f1']}, related/unrelated right {report['related_accuracy']}",
                  highlight=False)


@app.command()
def train(
    corpus: Path = typer.Argument(..., help="Training compartment in PolNeAR's layout, e.g. ../shared/data/polnear/train."),
    dev: Optional[Path] = typer.Option(None, "--dev", help="Dev compartment that picks the best epoch (with "
                                                          "--claims: news texts for the common-word list, "
                                                          "default ../polnear/train beside the Emergent folder)."),
    work: Path = typer.Option(Path("train-work"), "--work", help="Checkpoints and train-log.jsonl; a run that "
                                                                  "finds a checkpoint here resumes from it."),
    out_path: Optional[Path] = typer.Option(None, "--out", help="Where the best weights go (default: the "
                                                                 "model that claimgraph ships and loads)."),
    epochs: int = typer.Option(4, "--epochs"),
    seed: int = typer.Option(13, "--seed"),
    init: Optional[Path] = typer.Option(None, "--init", help="Go on training these weights (e.g. the shipped "
                                                             "model) instead of starting from the base model; "
                                                             "they count as epoch 0 when the best is chosen."),
    lr: float = typer.Option(8e-5, "--lr", help="Encoder learning rate (the heads take 12.5 times it)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N texts of each corpus (a trial)."),
    precision: str = typer.Option("auto", "--precision", help="The attribution model's forward pass in float32 or "
                                                              "bfloat16; auto takes bfloat16 where the CPU "
                                                              "multiplies it in hardware."),
    people: bool = typer.Option(False, "--people", help="Train the identity model on ECB+ (../shared/data/ecbplus"
                                                        "/train, --dev ../shared/data/ecbplus/dev)."),
    claims: bool = typer.Option(False, "--claims", help="Train the claim-matching and stance models on Emergent "
                                                        "(CORPUS: ../shared/data/emergent/train.csv)."),
    ecbplus: Optional[Path] = typer.Option(None, "--ecbplus", help="With --claims: an ECB+ folder holding train "
                                                                   "and dev (../shared/data/ecbplus); claim "
                                                                   "matching also learns in-topic pairs."),
    opinion: bool = typer.Option(False, "--opinion", help="Train the opinion model (CORPUS: ../shared/data/"
                                                          "subjectivity/train_en.tsv, --dev: dev_en.tsv)."),
) -> None:
    """Train the attribution model (fixed seed, resumable); logs dev figures after every epoch. With --people,
    CORPUS and --dev are ECB+ folders and the identity model is trained instead; with --claims, CORPUS is
    Emergent train and both claim models are trained and measured by claim-disjoint cross-validation."""
    log = lambda line: err.print(line, markup=False, highlight=False)  # noqa: E731
    if claims:
        from ..training.claims import train_claims

        words = dev or corpus.resolve().parent.parent / "polnear" / "train"
        return print_json(train_claims(corpus, words, log=log, ecbplus=ecbplus))
    if dev is None:
        err.print("claimgraph: train needs --dev", highlight=False)
        raise typer.Exit(2)
    if opinion:
        from ..training.opinion import train_opinion

        return print_json(train_opinion(corpus, dev, out_path or _opinion_weights(), log=log))
    if people:
        from ..people.score import PAIR_WEIGHTS
        from ..training.people import train_people

        return print_json(train_people(corpus, dev, out_path or PAIR_WEIGHTS,
                                        log=lambda line: err.print(line, markup=False, highlight=False)))
    from ..nlp.tagger.network import WEIGHTS
    from ..training.tagger import TrainConfig, train as run_train

    config = TrainConfig(epochs=epochs, seed=seed, limit=limit, lr=lr, head_lr=lr * 12.5,
                         init=str(init) if init else None, precision=precision)
    with progress_bar("train") as step_by:
        best = run_train(corpus, dev, work, out_path or WEIGHTS, config, log=log, progress=step_by)
    print_json(best)


def _opinion_weights() -> Path:
    from ..nlp.stages.opinion import OPINION_WEIGHTS

    return OPINION_WEIGHTS
