"""Scoring the ``opinion`` voice against sentences labelled SUBJ or OBJ (CheckThat! 2023 Task 2 format: sentence
id, sentence, label, optional conflict flag; tab-separated, no header).

Each sentence is analysed on its own; it is SUBJ when any of the sentences the analysis finds in it gets voice
``opinion``. Reported: macro-F1 over the two classes and SUBJ F1 (fractions, as CheckThat! reports them).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from ..model import Document, Failure
from ..settings import Settings


@dataclass(frozen=True)
class LabelledSentence:
    id: str
    text: str
    subjective: bool


def read_subjectivity(path: str | Path) -> list[LabelledSentence]:
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 3 and row[2] in {"SUBJ", "OBJ"}:
                out.append(LabelledSentence(row[0], row[1], row[2] == "SUBJ"))
    return out


def evaluate_subjectivity(path: str | Path, settings: Settings | None = None,
                          progress: Callable[..., None] | None = None) -> dict:
    from .run import analyse_each

    sentences = read_subjectivity(path)
    docs = [Document(f"{Path(path).name}#{s.id}", s.text) for s in sentences]
    predicted = [not isinstance(result, Failure) and any(s.voice == "opinion" for s in result.sentences)
                 for result in analyse_each(docs, settings, progress)]
    return score_subjectivity([s.subjective for s in sentences], predicted)


def score_subjectivity(gold: Sequence[bool], predicted: Sequence[bool]) -> dict:
    f1 = {}
    for label, name in ((True, "SUBJ"), (False, "OBJ")):
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        pred = sum(p == label for p in predicted)
        true = sum(g == label for g in gold)
        prec, rec = tp / pred if pred else 0.0, tp / true if true else 0.0
        f1[name] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0
    return {"sentences": len(gold), "subj": int(sum(gold)), "predicted_subj": int(sum(predicted)),
            "macro_f1": round((f1["SUBJ"] + f1["OBJ"]) / 2, 3), "subj_f1": round(f1["SUBJ"], 3),
            "obj_f1": round(f1["OBJ"], 3),
            "accuracy": round(accuracy, 3)}
