"""Training the identity model on ECB+: a logistic regression over the linker's pairwise features.

Each training document's mention groups (found as the evaluation finds them) meet the identities built so far
from the gold chains of the documents before it (teacher forcing): every fitting candidate is one example,
positive when it is the group's gold chain. The threshold is then chosen on dev by the CoNLL F1 of the whole
procedure, so what ships is what the evaluation measures.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Callable

from ..eval.ecbplus import document_groups, lead, predict, read_ecbplus, score, to_mentioned
from ..people.linker import Identity, Linker, MemoryRegistry, features, family
from ..people.score import FEATURES, PAIR_WEIGHTS, PairModel, load_pair_model

THRESHOLDS = (0.03, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
NOISE = 0.25
"""CoNLL F1 points on dev within which thresholds count as equal (ECB+ dev has 330 gold clusters)."""


def pair_examples(directory: str | Path, embed: Callable) -> tuple[list[list[float]], list[int]]:
    corpus = read_ecbplus(directory)
    docs = list(document_groups(corpus))
    vectors = dict(zip([d for d, _ in docs], embed([lead(corpus, d) for d, _ in docs])))
    gold: dict[str, Identity] = {}
    by_key: dict[str, set[str]] = {}
    X: list[list[float]] = []
    y: list[int] = []
    for doc, groups in docs:
        for group in sorted(groups, key=lambda g: -max(len(m.core().split()) for m in g)):
            m = to_mentioned(group, groups, vectors[doc])
            chain = Counter(x.chain for x in group).most_common(1)[0][0]
            candidates = [gold[c] for c in sorted({c for k in m.keys() for c in by_key.get(k, ())})
                          if family(gold[c].type) == family(m.type)]
            fitting = [(c, f) for c in candidates if (f := features(m, c)) is not None]
            for c, f in fitting:
                f["ambiguity"] = math.log(len(fitting))
                X.append([f.get(name, 0.0) for name in FEATURES])
                y.append(1 if c.name == chain else 0)
            identity = gold.setdefault(chain, Identity(None, chain, m.type))
            name = identity.name
            identity.absorb(m)
            identity.name = name  # the gold chain, to label later candidates
            for k in m.keys():
                by_key.setdefault(k, set()).add(chain)
    return X, y


def _leads(corpus, embed) -> tuple[list[str], list]:
    leads = sorted({lead(corpus, doc) for doc in {m.doc for m in corpus.mentions}})
    return leads, embed(leads)


def train_people(train: str | Path, dev: str | Path, out: str | Path = PAIR_WEIGHTS,
                 log: Callable[[str], None] = print) -> dict:
    """Fit on ``train``, choose the threshold on ``dev``, write the weights to ``out``; returns the figures."""
    from sklearn.linear_model import LogisticRegression

    from ..nlp.encoder import embed

    X, y = pair_examples(train, embed)
    log(f"{len(y)} candidate pairs, {sum(y)} positive")
    fitted = LogisticRegression(C=1.0, max_iter=2000).fit(X, y)
    weights = {name: round(float(w), 4) for name, w in zip(FEATURES, fitted.coef_[0])}
    bias = round(float(fitted.intercept_[0]), 4)
    corpus = read_ecbplus(dev)
    vectors = dict(zip(*_leads(corpus, embed)))  # the dev leads are embedded once, not once per threshold
    figures = {}
    for threshold in THRESHOLDS:
        linker = Linker(MemoryRegistry(), PairModel(weights, bias, threshold))
        figures[threshold] = score(corpus, predict(corpus, linker, lambda leads: [vectors[t] for t in leads]))[
            "conll_f1"]
        log(f"threshold {threshold}: dev CoNLL F1 {figures[threshold]}")
    # The most cautious threshold within NOISE of the best: an unsure merge stays apart.
    top = max(figures.values())
    best = max((t, f) for t, f in figures.items() if f >= top - NOISE)
    model = PairModel(weights, bias, best[0])
    Path(out).write_text(model.to_json() + "\n", encoding="utf-8")
    load_pair_model.cache_clear()
    return {"pairs": len(y), "positive": sum(y), "weights": weights, "bias": bias, "threshold": best[0],
            "dev_conll_f1": best[1], "dev_by_threshold": figures}
