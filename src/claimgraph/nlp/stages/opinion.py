"""How likely a sentence is the writer's own opinion: a logistic regression over the sentence's MiniLM embedding
and counts of evaluative, booster, hedge and deontic words, first and second person, exclamations and questions.

Learnt on CheckThat! 2023 subjectivity train (``claimgraph train --opinion``), its strength and threshold chosen
on dev, shipped as ``weights/opinion.json`` and read with numpy alone; the voice stage asks it about the sentences
no attribution covers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from ..encoder import embed
from ..lexicon import BOOSTER_WORDS, DEONTIC, EVALUATIVE_WORDS, HEDGE_WORDS

OPINION_WEIGHTS = Path(__file__).with_name("weights") / "opinion.json"
LEXICAL = ("evaluative", "booster", "hedge", "deontic", "first_person", "second_person", "exclamation",
           "question", "quotation", "superlative", "log_words")
MAX_WORDS = 20
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_FIRST = frozenset("i we my our us me ours myself ourselves".split())
_SECOND = frozenset("you your yours yourself yourselves".split())


def lexical_features(text: str) -> list[float]:
    """The word-list counts, in ``LEXICAL`` order (from the text alone, so training needs no parse)."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    return [float(sum(w in EVALUATIVE_WORDS for w in words)), float(sum(w in BOOSTER_WORDS for w in words)),
            float(sum(w in HEDGE_WORDS for w in words)), float(sum(w in DEONTIC for w in words)),
            float(sum(w in _FIRST for w in words)), float(sum(w in _SECOND for w in words)), float(text.count("!")),
            float(text.count("?")), float(sum(text.count(q) for q in '"“”')),
            float(sum(w.endswith("est") and len(w) > 5 for w in words)), float(np.log(max(len(words), 1)))]


def feature_rows(texts: Sequence[str], vectors: Sequence[Sequence[float]] | None = None) -> np.ndarray:
    """One row per text: the 384 embedding values (of the first ``MAX_WORDS`` words: the encoder's time grows
    with length, and a sentence's stance shows early), then the ``LEXICAL`` counts."""
    vectors = embed([" ".join(t.split()[:MAX_WORDS]) for t in texts]) if vectors is None else vectors
    return np.asarray([list(v) + lexical_features(t) for t, v in zip(texts, vectors)], dtype=np.float64)


@dataclass(frozen=True)
class OpinionModel:
    coef: np.ndarray
    """One weight per feature; lexical counts are standardised with ``mean`` and ``scale`` first."""
    mean: np.ndarray
    scale: np.ndarray
    bias: float
    threshold: float
    """The probability from which a sentence reads as opinion."""

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if len(rows) == 0:
            return np.zeros(0)
        x = rows.copy()
        x[:, -len(LEXICAL):] = (x[:, -len(LEXICAL):] - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(x @ self.coef + self.bias)))

    def to_json(self) -> str:
        return json.dumps({"lexical": list(LEXICAL), "coef": [round(float(w), 5) for w in self.coef],
                           "mean": [round(float(m), 5) for m in self.mean],
                           "scale": [round(float(s), 5) for s in self.scale], "bias": round(self.bias, 5),
                           "threshold": self.threshold})


@lru_cache(maxsize=4)
def load_opinion_model(path: str = str(OPINION_WEIGHTS)) -> OpinionModel:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return OpinionModel(np.asarray(data["coef"]), np.asarray(data["mean"]), np.asarray(data["scale"]),
                        float(data["bias"]), float(data["threshold"]))


def opinion_probabilities(texts: Sequence[str]) -> list[float]:
    """The probability that each text is the writer's opinion (no texts: no work, no model loaded)."""
    if not texts:
        return []
    model = load_opinion_model()
    return [float(p) for p in model.probabilities(feature_rows(texts))]
