"""Claim pairs in the FNC-1 format: does an article body report a headline's claim, and with what stance?

A folder holds ``stances.csv`` (``Headline,Body ID[,Stance]``) and ``bodies.csv`` (``Body ID,articleBody``). A
body is related to a headline when one of its sentences asserts the headline's proposition closely enough
(``claims.similar``: the best ``same_claim`` of the headline against the body's sentences reaches ``related``);
a related body's stance is the stance model's (``claims.stance``) over its most related sentences, each weighed by
how well it matches. Each body is split and embedded once, and each distinct headline once.

The score is FNC-1's: 0.25 for each pair rightly called related or unrelated, 0.75 more for each related pair
given the right one of agree, disagree and discuss, as a percentage of the best possible.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

import numpy as np

from ..claims.similar import Proposition, SimilarModel, features, load_similar_model, propositions
from ..claims.stance import StanceModel, load_stance_model, stance_distributions
from ..errors import DataError
from .emergent import csv_rows, stance_figures

FNC_STANCES = ("agree", "disagree", "discuss", "unrelated")
TO_FNC = {"supports": "agree", "denies": "disagree", "reports": "discuss"}
RELATED = {"agree", "disagree", "discuss"}
TOP = 3
"""Sentences of a related body that the stance is read from."""
MAX_SENTENCES = 60
_SENTENCE_END = re.compile(r"\n\s*|(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘'(]?[A-Z0-9])")
BODY_BATCH = 16
"""Bodies embedded together, in the order the pairs first name them."""


@dataclass(frozen=True)
class ClaimPair:
    headline: str
    body_id: str
    stance: str = ""


def read_claim_pairs(directory: str | Path) -> tuple[list[ClaimPair], dict[str, str]]:
    """The pairs in input order and the bodies by id; a pair whose body is missing is an error."""
    directory = Path(directory)
    csv.field_size_limit(1 << 24)
    bodies = {r["Body ID"]: r["articleBody"] or "" for r in csv_rows(directory / "bodies.csv",
                                                                      ("Body ID", "articleBody"))}
    pairs = [ClaimPair(r["Headline"] or "", r["Body ID"], (r.get("Stance") or "").strip().lower())
             for r in csv_rows(directory / "stances.csv", ("Headline", "Body ID"))]
    lost = sorted({p.body_id for p in pairs} - set(bodies))
    if lost:
        raise DataError(f"{directory}: stances.csv names bodies that bodies.csv lacks: {', '.join(lost[:5])}")
    bad = sorted({p.stance for p in pairs if p.stance and p.stance not in FNC_STANCES})
    if bad:
        raise DataError(f"{directory}: unknown stance {', '.join(bad)}")
    return pairs, bodies


def sentences(body: str) -> list[str]:
    """The body's sentences (at most MAX_SENTENCES, the lead first): paragraph breaks and sentence ends."""
    parts = _SENTENCE_END.split(body.strip())
    return [p.strip() for p in parts if len(p.strip()) > 2][:MAX_SENTENCES] or [body.strip() or "(empty)"]


def related_sentences(headline: Proposition, body: list[Proposition], model: SimilarModel,
                      ) -> list[tuple[float, str]]:
    """The body's sentences by how well they assert the headline's proposition, best first."""
    matrix = np.asarray([p.vector for p in body], dtype=np.float32)
    cosines = matrix @ np.asarray(headline.vector, dtype=np.float32)
    scored = [(model.probability(features(headline, s, float(c))), s.text) for s, c in zip(body, cosines)]
    return sorted(scored, key=lambda x: -x[0])


def decide(pairs: Sequence[ClaimPair], bodies: dict[str, str], embed: Callable | None = None,
           similar_model: SimilarModel | None = None, stance_model: StanceModel | None = None,
           progress: Callable[[int], None] = lambda n: None) -> Iterator[tuple[float, str]]:
    """For each pair in input order: how well the body's best sentence asserts the headline's proposition, and
    the stance of the body's best sentences (those within half of the best) toward it."""
    if embed is None:
        from ..nlp.encoder import embed
    similar_model = similar_model or load_similar_model()
    stance_model = stance_model or load_stance_model()
    heads = sorted({p.headline for p in pairs})
    head_props = dict(zip(heads, propositions(heads, embed(heads)))) if heads else {}
    order = {b: i for i, b in enumerate(dict.fromkeys(p.body_id for p in pairs))}
    listed = list(order)
    body_props: dict[str, list[Proposition]] = {}
    for pair in pairs:
        if pair.body_id not in body_props:
            start = order[pair.body_id]
            batch = [b for b in listed[start:start + BODY_BATCH] if b not in body_props]
            split = [sentences(bodies[b]) for b in batch]
            flat = [s for parts in split for s in parts]
            props = propositions(flat, embed(flat))
            for b, parts in zip(batch, split):
                body_props[b], props = props[:len(parts)], props[len(parts):]
        head, body = head_props[pair.headline], body_props[pair.body_id]
        ranked = related_sentences(head, body, similar_model)
        top = [r for r in ranked[:TOP] if r[0] >= ranked[0][0] / 2]
        found = stance_distributions([(pair.headline, text, None) for _, text in top],
                                     vectors={p.text: p.vector for p in [head, *body]}, model=stance_model)
        totals: dict[str, float] = {}
        for (weight, _), dist in zip(top, found):
            for label, p in dist.items():
                totals[label] = totals.get(label, 0.0) + (weight + 1e-6) * p
        progress(1)
        yield ranked[0][0], TO_FNC[max(totals, key=totals.__getitem__)]


def label(decision: tuple[float, str], related: float) -> str:
    best, stance = decision
    return stance if best >= related else "unrelated"


def predict_claim_pairs(pairs: Sequence[ClaimPair], bodies: dict[str, str], embed: Callable | None = None,
                        similar_model: SimilarModel | None = None, stance_model: StanceModel | None = None,
                        related: float | None = None, progress: Callable[[int], None] = lambda n: None,
                        ) -> list[str]:
    """One FNC-1 label per pair, in input order."""
    similar_model = similar_model or load_similar_model()
    related = similar_model.related if related is None else related
    return [label(d, related) for d in decide(pairs, bodies, embed, similar_model, stance_model, progress)]


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """FNC-1's weighted score: the points earned and the share (percent) of the best possible."""
    def points(g: str, p: str) -> float:
        earned = 0.25 if (g in RELATED) == (p in RELATED) else 0.0
        return earned + (0.75 if g in RELATED and g == p else 0.0)
    earned = sum(points(g, p) for g, p in zip(gold, predicted))
    best = sum(points(g, g) for g in gold)
    return {"points": earned, "best": best, "relative": round(100 * earned / best, 2) if best else 0.0}


def score_claim_pairs(pairs: Sequence[ClaimPair], labels: Sequence[str]) -> dict:
    report: dict = {"pairs": len(pairs), "bodies": len({p.body_id for p in pairs}),
                    "predicted": {s: sum(1 for x in labels if x == s) for s in FNC_STANCES}}
    scored = [i for i, p in enumerate(pairs) if p.stance]
    if scored:
        gold = [pairs[i].stance for i in scored]
        predicted = [labels[i] for i in scored]
        report["fnc"] = fnc_score(gold, predicted)
        report.update(stance_figures(gold, predicted, FNC_STANCES, focus="disagree"))
        del report["pairs"]
        report["pairs"] = len(pairs)
        related_right = sum(1 for g, p in zip(gold, predicted) if (g in RELATED) == (p in RELATED))
        report["related_accuracy"] = round(100 * related_right / len(gold), 2)
    return report


def evaluate_claim_pairs(directory: str | Path, progress: Callable[[int], None] = lambda n: None,
                         total: Callable[[int], None] = lambda n: None) -> tuple[dict, list[ClaimPair], list[str]]:
    pairs, bodies = read_claim_pairs(directory)
    total(len(pairs))
    labels = predict_claim_pairs(pairs, bodies, progress=progress)
    return score_claim_pairs(pairs, labels), pairs, labels


def write_predictions(path: str | Path, pairs: Sequence[ClaimPair], labels: Sequence[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"])
        for pair, label in zip(pairs, labels):
            writer.writerow([pair.headline, pair.body_id, label])
