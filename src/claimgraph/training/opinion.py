"""Training the opinion models on CheckThat! 2023 subjectivity: one logistic regression per sentence vector
(``nlp.stages.opinion.FEATURES``), classes balanced, fitted on train. The strength C and the threshold are chosen
on train's 5-fold out-of-fold probabilities and dev's together (dev alone, 219 sentences, moves by 0.02 from one
threshold step to the next), for the model as the voice stage asks it: only where the word rules left a sentence.

The ``states`` model reads the shipped attribution tagger's encoder, so it is retrained whenever the tagger is.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..eval.subjectivity import read_subjectivity, score_subjectivity
from ..nlp.tagger.network import weights_digest
from ..nlp.stages.opinion import (FEATURES, OPINION_WEIGHTS, OpinionModel, feature_rows, first_words_end,
                                  lexical_features, load_opinion_model, piece_vectors, state_vector)

STRENGTHS = (0.001, 0.003, 0.01, 0.03, 0.1)
THRESHOLDS = tuple(round(0.3 + 0.025 * i, 3) for i in range(17))
FOLDS = 5
SEED = 13


def _vectors(features: str, texts: Sequence[str]) -> list[np.ndarray]:
    """Each text's vector as the pipeline makes it when the text is analysed alone."""
    if features == "pieces":
        return piece_vectors(texts)
    from ..nlp.tagger.network import encode, load_weights, predict, states_record

    encoded = encode(list(texts))
    return [state_vector(states_record(enc, tags), 0, first_words_end(text))
            for text, enc, tags in zip(texts, encoded, predict(load_weights(), encoded))]


def _fit(rows: np.ndarray, gold: np.ndarray, c: float, features: str) -> OpinionModel:
    from sklearn.linear_model import LogisticRegression

    mean, scale = rows.mean(axis=0), rows.std(axis=0) + 1e-6
    fitted = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit((rows - mean) / scale, gold)
    return OpinionModel(features, fitted.coef_[0].copy(), mean, scale, float(fitted.intercept_[0]), 0.5)


def _words_decide(texts: Sequence[str]) -> np.ndarray:
    """Whether the voice stage's word rules call a text opinion before the model is asked (evaluative or booster
    words, a deontic modal), as far as the words alone tell."""
    return np.asarray([bool(f[0] or f[1] or f[3]) for f in map(lexical_features, texts)])


def _choose(train_rows: np.ndarray, gold: np.ndarray, train_rule: np.ndarray, dev_rows: np.ndarray,
            dev_gold: np.ndarray, dev_rule: np.ndarray, features: str) -> tuple[float, float, float]:
    """(macro-F1, C, threshold) with the best macro-F1 over train's out-of-fold probabilities and dev's, pooled
    (1,049 sentences where dev alone has 219), of the model as the voice stage uses it: behind the word rules."""
    from sklearn.model_selection import StratifiedKFold

    best = (-1.0, 0.0, 0.5)
    every_gold = list(gold) + list(dev_gold)
    rule = np.concatenate([train_rule, dev_rule])
    for c in STRENGTHS:
        p = np.zeros(len(gold))
        for fit_on, held in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(train_rows, gold):
            p[held] = _fit(train_rows[fit_on], gold[fit_on], c, features).probabilities(train_rows[held])
        p = np.concatenate([p, _fit(train_rows, gold, c, features).probabilities(dev_rows)])
        for threshold in THRESHOLDS:
            f1 = score_subjectivity(every_gold, list(rule | (p >= threshold)))["macro_f1"]
            if f1 > best[0]:
                best = (f1, c, threshold)
    return best


def train_opinion(train: str | Path, dev: str | Path, out: str | Path = OPINION_WEIGHTS,
                  log: Callable[[str], None] = print) -> dict:
    """Fit both models on ``train``, measure them on ``dev``, write the weights to ``out``; returns the figures."""
    import json

    tr, dv = read_subjectivity(train), read_subjectivity(dev)
    log(f"{len(tr)} train sentences ({sum(s.subjective for s in tr)} SUBJ), {len(dv)} dev")
    gold = np.asarray([s.subjective for s in tr])
    dev_gold = np.asarray([s.subjective for s in dv])
    rules = _words_decide([s.text for s in tr]), _words_decide([s.text for s in dv])
    models, report = {}, {}
    for features in FEATURES:
        rows = feature_rows([s.text for s in tr], _vectors(features, [s.text for s in tr]))
        dev_rows = feature_rows([s.text for s in dv], _vectors(features, [s.text for s in dv]))
        pooled, c, threshold = _choose(rows, gold, rules[0], dev_rows, dev_gold, rules[1], features)
        model = replace(_fit(rows, gold, c, features), threshold=threshold,
                        tagger=weights_digest() if features == "states" else None)
        p = model.probabilities(dev_rows)
        alone = score_subjectivity(list(dev_gold), [bool(v >= threshold) for v in p])
        behind = score_subjectivity(list(dev_gold), list(rules[1] | (p >= threshold)))
        models[features] = model.to_dict()
        report[features] = {"C": c, "threshold": threshold, "pooled_macro_f1": pooled, "dev_model_alone": alone,
                            "dev_behind_word_rules": behind}
        log(f"{features}: C {c}, threshold {threshold}: pooled macro-F1 {pooled}; dev, the model alone "
            f"{alone['macro_f1']}, behind the word rules {behind['macro_f1']}")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(models) + "\n", encoding="utf-8")
    load_opinion_model.cache_clear()
    return {**report, "weights": str(out)}
