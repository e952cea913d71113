"""Emergent (Ferreira and Vlachos 2016): the same claim across outlets, and each headline's stance toward it.

Grouping reads only what a store sees of an article (``articleId``, ``articleHeadline``, ``url``, ``source``): the
headlines are grouped in file order by ``claims.similar.group`` and scored with B³ against ``claimId``. Stance is
scored where the file gives a ``claimHeadline``: each headline toward it, as ``for``, ``against`` or ``observing``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..claims.similar import group, propositions
from ..claims.stance import stances
from ..errors import DataError
from .coref import b_cubed

EMERGENT_STANCES = ("for", "against", "observing")
TO_EMERGENT = {"supports": "for", "denies": "against", "reports": "observing"}
REQUIRED = ("articleId", "articleHeadline")


@dataclass(frozen=True)
class EmergentRow:
    article_id: str
    headline: str
    url: str = ""
    source: str = ""
    claim_id: str = ""
    claim: str = ""
    stance: str = ""


def csv_rows(path: str | Path, columns: Sequence[str]) -> Iterator[dict[str, str]]:
    """The rows of a CSV file with a header holding ``columns``; DataError names the file and what is wrong."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or ())]
            if missing:
                raise DataError(f"{path}: no {', '.join(missing)} column")
            yield from reader
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path}: cannot be read ({exc})") from exc


def read_emergent(path: str | Path) -> list[EmergentRow]:
    """The rows of an Emergent CSV; ``claimId``, ``claimHeadline`` and the stance may be absent or empty."""
    rows = [EmergentRow(r["articleId"], r["articleHeadline"] or "", r.get("url") or "", r.get("source") or "",
                        r.get("claimId") or "", r.get("claimHeadline") or "",
                        (r.get("articleHeadlineStance") or "").strip().lower()) for r in csv_rows(path, REQUIRED)]
    bad = sorted({r.stance for r in rows if r.stance and r.stance not in EMERGENT_STANCES})
    if bad:
        raise DataError(f"{path}: unknown stance {', '.join(bad)} (expected for, against or observing)")
    return rows


def b3_figures(gold: Sequence[str], predicted: Sequence[int]) -> dict[str, float]:
    """B³ precision, recall and F1 (percent) of predicted cluster ids against gold ids, one per row."""
    def clusters(labels: Sequence) -> list[frozenset[int]]:
        by: dict = {}
        for i, label in enumerate(labels):
            by.setdefault(label, set()).add(i)
        return [frozenset(c) for c in by.values()]
    return b_cubed(clusters(gold), clusters(predicted))


def stance_figures(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = EMERGENT_STANCES,
                   focus: str = "against") -> dict:
    """Accuracy, macro-F1 over ``labels``, per-label P/R/F1 and the F1 of ``focus`` (percent)."""
    per = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == p == label)
        n_pred = sum(1 for p in predicted if p == label)
        n_gold = sum(1 for g in gold if g == label)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        per[label] = {"p": round(100 * p, 2), "r": round(100 * r, 2),
                      "f1": round(100 * (2 * p * r / (p + r) if p + r else 0.0), 2), "gold": n_gold}
    right = sum(1 for g, p in zip(gold, predicted) if g == p)
    return {"pairs": len(gold), "accuracy": round(100 * right / len(gold), 2) if gold else 0.0,
            "macro_f1": round(sum(v["f1"] for v in per.values()) / len(per), 2), f"{focus}_f1": per[focus]["f1"],
            "by_stance": per}


def predict_emergent(rows: Sequence[EmergentRow], embed: Callable | None = None,
                     progress: Callable[[int], None] = lambda n: None, chunk: int = 256,
                     ) -> tuple[list[int], list[str]]:
    """Cluster ids for every row (in file order, as a store would meet them) and, where the row has a claim
    headline, its stance (empty otherwise). ``progress`` advances once per headline embedded and once per
    headline placed."""
    if embed is None:
        from ..nlp.encoder import embed
    headlines = [r.headline for r in rows]
    vectors: list = []
    for start in range(0, len(headlines), chunk):
        vectors += embed(headlines[start:start + chunk])
        progress(len(headlines[start:start + chunk]))
    props = propositions(headlines, vectors)
    clusters = group(props)
    asked = [i for i, r in enumerate(rows) if r.claim]
    found = stances([(rows[i].claim, rows[i].headline, None) for i in asked],
                    vectors={p.text: p.vector for p in props}, embed=embed)
    labels = [""] * len(rows)
    for i, (label, _) in zip(asked, found):
        labels[i] = TO_EMERGENT[label]
    progress(len(rows))
    return clusters, labels


def score_emergent(rows: Sequence[EmergentRow], clusters: Sequence[int], labels: Sequence[str]) -> dict:
    report: dict = {"rows": len(rows), "clusters": len(set(clusters))}
    if rows and all(r.claim_id for r in rows):
        report["claims"] = len({r.claim_id for r in rows})
        report["grouping"] = b3_figures([r.claim_id for r in rows], clusters)
    scored = [i for i, r in enumerate(rows) if r.claim and r.stance]
    if scored:
        report["stance"] = stance_figures([rows[i].stance for i in scored], [labels[i] for i in scored])
    return report


def evaluate_emergent(path: str | Path, progress: Callable[[int], None] = lambda n: None,
                      total: Callable[[int], None] = lambda n: None,
                      ) -> tuple[dict, list[EmergentRow], list[int], list[str]]:
    rows = read_emergent(path)
    total(2 * len(rows))
    clusters, labels = predict_emergent(rows, progress=progress)
    return score_emergent(rows, clusters, labels), rows, clusters, labels


def write_predictions(path: str | Path, rows: Sequence[EmergentRow], clusters: Sequence[int],
                      labels: Sequence[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["articleId", "cluster", "stance"])
        for row, cluster, label in zip(rows, clusters, labels):
            writer.writerow([row.article_id, cluster, label])
