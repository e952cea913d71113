"""Whether two statements assert the same proposition, and statements grouped into claims the way a store does.

A logistic regression over a few pair features (MiniLM cosine, shared words, shared and clashing names, agreeing
numbers, length), trained on Emergent train (``claimgraph train --claims``: headlines of one claim are the
positive pairs) and on ECB+ train's in-topic sentence pairs (``--ecbplus``: one event against another event of its
kind), and shipped as ``weights/similar.json`` with the grouping threshold chosen by claim-disjoint
cross-validation on Emergent together with ECB+ dev. Reading it needs only Python and numpy.

Names are capitalised words that are not common words: headlines are often in title case, so capitals alone do not
make a name; the common words (seen in lower case in running news text) ship with the weights. Numbers only ever
add evidence: the same proposition whose figure drifted (10,000, then "up to 12,000") stays one claim.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import ModelError

FEATURES = ("cosine", "cosine_sq", "word_jaccard", "word_share", "name_jaccard", "name_share", "name_clash",
            "names_apart", "no_names", "number_agree", "length_ratio")
SIMILAR_WEIGHTS = Path(__file__).with_name("weights") / "similar.json"
SIGNS = {"number_agree": 1.0, "name_clash": -1.0, "names_apart": -1.0}
"""The sign a feature's weight must have, or be zero: numbers may join statements but never split them, names
that disagree may split them but never join them."""
CANDIDATES = 25
"""Statements of existing clusters scored in full per new statement (the nearest by cosine)."""

STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as into onto over under about after before than then
that this these those it its is are was were be been being has have had do does did will would shall should can
could may might must not no nor so too very just also up down out off per via vs
he she they we you i me him her them us his hers their our your my who whom whose which what when where why how
says said say saying report reports reported reportedly claim claims claimed according new news video photo
""".split())

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*")
_CAPITAL = re.compile(r"(?<![\w'’])([A-Z][A-Za-z’'\-]*|[A-Z]{2,})")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|m|bn|mn|million|billion|thousand|"
                     r"hundred|trillion)?\b", re.I)
_NUMBER_WORDS = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "hundred": 100.0, "dozen": 12.0,
                      "thousand": 1e3, "million": 1e6, "billion": 1e9})
_SCALE = {"k": 1e3, "thousand": 1e3, "hundred": 1e2, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9,
          "billion": 1e9, "trillion": 1e12}


@dataclass(frozen=True)
class Proposition:
    text: str
    vector: tuple[float, ...]
    names: frozenset[str]
    numbers: tuple[float, ...]
    words: frozenset[str] | None = None
    """Its content words, computed once (``propositions`` fills them; None: read from the text when needed)."""


@dataclass(frozen=True)
class SimilarModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    common: frozenset[str]
    related: float = 0.15
    """The best ``same_claim`` of a headline against a body's sentences from which the body counts as reporting
    the headline's claim (chosen on the claim-pairs dev set)."""

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps({"features": list(FEATURES), "weights": self.weights, "bias": self.bias,
                           "threshold": self.threshold, "related": self.related,
                           "common": " ".join(sorted(self.common))}, indent=1)


@lru_cache(maxsize=2)
def load_similar_model(path: str = str(SIMILAR_WEIGHTS)) -> SimilarModel:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return SimilarModel({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                            float(data["threshold"]), frozenset(data["common"].split()),
                            float(data.get("related", 0.15)))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{path}: the claim-matching model cannot be read ({exc}); rebuild it with "
                         "`claimgraph train --claims`") from exc


def _normal(word: str) -> str:
    word = word.lower().replace("’", "'")
    return word[:-2] if word.endswith("'s") else word.strip("'-")


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words that carry content, with a plural or possessive s taken off."""
    words = set()
    for raw in _WORD.findall(text):
        for part in _normal(raw).split("-"):
            if part and part not in STOPWORDS and not part[0].isdigit():
                words.add(part[:-1] if len(part) > 4 and part.endswith("s") and not part.endswith("ss") else part)
    return frozenset(words)


def find_names(text: str, common: frozenset[str] = frozenset()) -> frozenset[str]:
    """Capitalised words that are not common words ("Apple", "Foley", "ISIS"), lower-cased, hyphens split."""
    names = set()
    for raw in _CAPITAL.findall(text):
        for part in _normal(raw).split("-"):
            if len(part) > 1 and part not in common and part not in STOPWORDS:
                names.add(part)
    return frozenset(names)


def find_numbers(text: str) -> tuple[float, ...]:
    """Numeric values: "12,000" → 12000, "10 million" and "10M" → 1e7, "five" → 5."""
    values = []
    for digits, scale in _NUMBER.findall(text):
        try:
            value = float(digits.replace(",", ""))
        except ValueError:
            continue
        values.append(value * _SCALE.get(scale.lower(), 1.0) if scale else value)
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _NUMBER_WORDS and word not in ("hundred", "thousand", "million", "billion"):
            values.append(_NUMBER_WORDS[word])
    return tuple(values)


def propositions(texts: Sequence[str], vectors: Sequence[Sequence[float]] | None = None) -> list[Proposition]:
    """One Proposition per text; the texts are embedded in one batch unless their vectors are given."""
    if vectors is None:
        from ..nlp.encoder import embed

        vectors = embed(list(texts))
    common = load_similar_model().common
    return [Proposition(t, tuple(np.asarray(v, dtype=np.float64).tolist()), find_names(t, common), find_numbers(t),
                        content_words(t)) for t, v in zip(texts, vectors)]


def _agree(x: float, y: float) -> bool:
    return abs(x - y) <= 0.1 * max(abs(x), abs(y)) if x or y else True


def features(a: Proposition, b: Proposition, cosine: float | None = None) -> dict[str, float]:
    """The pair features the model weighs; symmetric in ``a`` and ``b``."""
    if cosine is None:
        cosine = float(np.dot(a.vector, b.vector))
    wa = a.words if a.words is not None else content_words(a.text)
    wb = b.words if b.words is not None else content_words(b.text)
    shared_words = len(wa & wb)
    shared_names = len(a.names & b.names)
    both_named = bool(a.names) and bool(b.names)
    la, lb = max(len(wa), 1), max(len(wb), 1)
    return {
        "cosine": cosine,
        "cosine_sq": cosine * cosine,
        "word_jaccard": shared_words / max(len(wa | wb), 1),
        "word_share": shared_words / min(la, lb),
        "name_jaccard": shared_names / max(len(a.names | b.names), 1),
        "name_share": shared_names / min(len(a.names), len(b.names)) if both_named else 0.0,
        "name_clash": 1.0 if both_named and not shared_names else 0.0,
        "names_apart": 1.0 if a.names - b.names and b.names - a.names else 0.0,
        "no_names": 0.0 if both_named else 1.0,
        "number_agree": 1.0 if any(_agree(x, y) for x in a.numbers for y in b.numbers) else 0.0,
        "length_ratio": min(la, lb) / max(la, lb),
    }


def same_claim(a: Proposition, b: Proposition) -> float:
    """The probability that ``a`` and ``b`` assert the same proposition."""
    return load_similar_model().probability(features(a, b))


def threshold() -> float:
    """The shipped decision threshold for ``same_claim`` and ``group``."""
    return load_similar_model().threshold


def group(props: Sequence[Proposition], model: SimilarModel | None = None) -> list[int]:
    """Cluster ids 0..k-1 in input order, built incrementally as a store builds them: each proposition joins the
    existing cluster with the highest mean ``same_claim`` over its statements, when that reaches the threshold,
    or else starts a cluster. The mean, not the best match, keeps a cluster from drifting along a chain of
    neighbours (one ISIS beheading to the next); clusters are only considered when one of their statements is
    among the CANDIDATES nearest by cosine."""
    model = model or load_similar_model()
    if not props:
        return []
    matrix = np.asarray([p.vector for p in props], dtype=np.float32)
    cosines = matrix @ matrix.T
    labels: list[int] = []
    members: list[list[int]] = []
    for i, prop in enumerate(props):
        best, best_score = -1, -1.0
        for cluster in dict.fromkeys(labels[j] for j in np.argsort(-cosines[i, :i])[:CANDIDATES]):
            score = sum(model.probability(features(prop, props[j], float(cosines[i, j])))
                        for j in members[cluster]) / len(members[cluster])
            if score > best_score:
                best, best_score = cluster, score
        if best_score < model.threshold:
            best = len(members)
            members.append([])
        members[best].append(i)
        labels.append(best)
    return labels
