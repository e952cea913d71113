"""The pairwise model: the probability that an article's entity and an identity are one person or body.

A logistic regression over the features of ``linker.features``, trained on ECB+ train (``claimgraph train
people``) and shipped as a small JSON file of weights; the threshold was chosen on ECB+ dev. Reading it needs
nothing but Python.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ModelError

FEATURES = ("rel_same", "rel_short", "rel_initial", "rel_acronym", "rel_overlap", "single_word", "cosine",
            "shared_context", "context_jaccard", "shared_roles", "ambiguity", "person")
PAIR_WEIGHTS = Path(__file__).with_name("weights") / "pairs.json"


@dataclass(frozen=True)
class PairModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps({"features": list(FEATURES), "weights": self.weights, "bias": self.bias,
                           "threshold": self.threshold}, indent=2)


@lru_cache(maxsize=2)
def load_pair_model(path: str = str(PAIR_WEIGHTS)) -> PairModel:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return PairModel({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                         float(data["threshold"]))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{path}: the identity model cannot be read ({exc}); rebuild it with "
                         "`claimgraph train people`") from exc
