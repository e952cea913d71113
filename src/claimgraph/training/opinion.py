"""Training the opinion model on CheckThat! 2023 subjectivity: a logistic regression over sentence features
(``nlp.stages.opinion``), classes balanced. The feature set (embedding alone, or with the word-list counts), the
strength C and the threshold are the ones with the best macro-F1 on dev, so what ships is what dev measured.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np

from ..eval.subjectivity import read_subjectivity, score_subjectivity
from ..nlp.stages.opinion import LEXICAL, OPINION_WEIGHTS, OpinionModel, feature_rows, load_opinion_model

STRENGTHS = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.3 + 0.025 * i, 3) for i in range(17))


def train_opinion(train: str | Path, dev: str | Path, out: str | Path = OPINION_WEIGHTS,
                  log: Callable[[str], None] = print) -> dict:
    """Fit on ``train``, choose on ``dev``, write the weights to ``out``; returns the dev figures."""
    from sklearn.linear_model import LogisticRegression

    tr, dv = read_subjectivity(train), read_subjectivity(dev)
    log(f"{len(tr)} train sentences ({sum(s.subjective for s in tr)} SUBJ), {len(dv)} dev")
    x_tr, x_dv = feature_rows([s.text for s in tr]), feature_rows([s.text for s in dv])
    y_tr, y_dv = np.asarray([s.subjective for s in tr]), [s.subjective for s in dv]
    n = len(LEXICAL)
    mean, scale = x_tr[:, -n:].mean(axis=0), x_tr[:, -n:].std(axis=0) + 1e-6
    best = None
    for lexical in (False, True):
        for c in STRENGTHS:
            rows = x_tr.copy()
            rows[:, -n:] = (rows[:, -n:] - mean) / scale if lexical else 0.0
            fitted = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(rows, y_tr)
            coef = fitted.coef_[0].copy()
            if not lexical:
                coef[-n:] = 0.0
            model = OpinionModel(coef, mean, scale, float(fitted.intercept_[0]), 0.5)
            p = model.probabilities(x_dv)
            for threshold in THRESHOLDS:
                figures = score_subjectivity(y_dv, [bool(v >= threshold) for v in p])
                if best is None or figures["macro_f1"] > best[0]["macro_f1"]:
                    best = (figures, lexical, c, threshold, model)
    figures, lexical, c, threshold, model = best
    model = OpinionModel(model.coef, model.mean, model.scale, model.bias, threshold)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(model.to_json() + "\n", encoding="utf-8")
    load_opinion_model.cache_clear()
    log(f"lexical counts {lexical}, C {c}, threshold {threshold}: dev macro-F1 {figures['macro_f1']}")
    return {"lexical": lexical, "C": c, "threshold": threshold, "dev": figures, "weights": str(out)}
