"""Training the claim-matching and stance models on Emergent train, measured by claim-disjoint cross-validation.

Claims are dealt into folds, so no claim is ever both learnt and tested; the figures are what a held-out set of
new claims would give. Claim matching: pairs of headlines of one claim are positive, the nearest headlines of other
claims (and a few at random) negative; the grouping threshold is the one with the best pooled B³ F1 of
``similar.group`` on the held-out folds. Stance: each headline against its claim's headline, three classes.

Emergent's negatives are mostly on other topics; given ECB+ (``--ecbplus``), the claim-matching model also learns
ECB+ train's in-topic pairs (sentences of one topic, of one event or of two different events of one kind: see
``eval.claims_topic``), and the threshold is the best mean of Emergent CV B³ F1 and ECB+ dev in-topic B³ F1.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..claims.similar import (FEATURES, SIGNS, SIMILAR_WEIGHTS, Proposition, SimilarModel, features,
                              find_names, find_numbers, group, load_similar_model)
from ..claims.stance import STANCE_WEIGHTS, StanceModel, load_stance_model, pair_rows, terms
from ..eval.claim_pairs import ClaimPair, decide, label, score_claim_pairs
from ..eval.claims_topic import TopicSentence, read_topic_sentences, same_event, score_in_topic
from ..eval.emergent import TO_EMERGENT, EmergentRow, b3_figures, read_emergent, stance_figures

FOLDS = 5
SEED = 13
NEAREST = 12
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 13))
RELATED = tuple(round(0.05 * i, 2) for i in range(1, 19))
TOPIC_WEIGHT = 0.3
"""The weight of one ECB+ in-topic pair against one Emergent pair (chosen on ECB+ dev and Emergent CV)."""
EMERGENT_FLOOR = 90.0
"""The Emergent CV B³ F1 below which no threshold is chosen when ECB+ dev weighs in too."""
TO_FNC = {"for": "agree", "against": "disagree", "observing": "discuss"}


def common_words(directory: str | Path, least: int = 2) -> frozenset[str]:
    """Words seen in lower case at least ``least`` times, and more often so than capitalised, in running text:
    a capitalised word outside this list is taken for a name."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for path in sorted(Path(directory).glob("**/*.txt")):
        for sentence in re.split(r"(?<=[.!?\"”])\s+|\n+", path.read_text(encoding="utf-8", errors="replace")):
            for word in re.findall(r"[A-Za-z]+", sentence)[1:]:  # a sentence's first word says nothing
                (lower if word[0].islower() else upper)[word.lower()] += 1
    return frozenset(w for w, n in lower.items() if n >= least and n >= upper[w])


def claim_folds(rows: Sequence[EmergentRow], folds: int = FOLDS, seed: int = SEED) -> list[set[str]]:
    claims = sorted({r.claim_id for r in rows})
    random.Random(seed).shuffle(claims)
    return [set(claims[i::folds]) for i in range(folds)]


def pair_examples(props: Sequence[Proposition], claims: Sequence[str], seed: int = SEED,
                  ) -> tuple[list[list[float]], list[int]]:
    """All pairs within a claim (at most 400 per claim) and, for each headline, its NEAREST most similar
    headlines of other claims and as many at random."""
    rng = random.Random(seed)
    matrix = np.asarray([p.vector for p in props], dtype=np.float32)
    cosines = matrix @ matrix.T
    by_claim: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_claim.setdefault(c, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_claim.values():
        inside = [(a, b) for k, a in enumerate(members) for b in members[k + 1:]]
        pairs.update(rng.sample(inside, min(400, len(inside))))
    n = len(props)
    for i in range(n):
        order = [j for j in np.argsort(-cosines[i]) if claims[j] != claims[i]]
        for j in order[:NEAREST] + rng.sample(order, min(NEAREST, len(order))):
            pairs.add((min(i, int(j)), max(i, int(j))))
    X, y = [], []
    for a, b in sorted(pairs):
        f = features(props[a], props[b], float(cosines[a, b]))
        X.append([f[k] for k in FEATURES])
        y.append(int(claims[a] == claims[b]))
    return X, y


def fit_similar(X: list[list[float]], y: list[int], common: frozenset[str], C: float = 1.0,
                sample_weight: Sequence[float] | None = None) -> SimilarModel:
    """A logistic regression whose SIGNS hold: a feature whose weight comes out with the wrong sign is dropped
    (weight zero) and the rest refitted, until every sign holds. ``sample_weight``: one per example (default 1)."""
    from sklearn.linear_model import LogisticRegression

    data = np.asarray(X)
    kept = list(FEATURES)
    while True:
        columns = [FEATURES.index(k) for k in kept]
        fitted = LogisticRegression(C=C, max_iter=5000).fit(data[:, columns], np.asarray(y),
                                                            sample_weight=None if sample_weight is None else
                                                            np.asarray(sample_weight, dtype=np.float64))
        weights = dict(zip(kept, (float(w) for w in fitted.coef_[0])))
        wrong = [k for k, sign in SIGNS.items() if k in weights and weights[k] * sign < 0]
        if not wrong:
            break
        kept.remove(wrong[0])
    return SimilarModel({k: round(weights.get(k, 0.0), 4) for k in FEATURES}, round(float(fitted.intercept_[0]), 4),
                        0.5, common)


def topic_examples(sentences: Sequence[TopicSentence], props: Sequence[Proposition], seed: int = SEED,
                   ) -> tuple[list[list[float]], list[int]]:
    """ECB+ pairs within a topic, of different documents: for each sentence, up to NEAREST sentences that share
    an event chain with it (positive) and its NEAREST most similar sentences that share none (negative; the other
    sub-topic's sentences among them), and NEAREST of each drawn at random."""
    rng = random.Random(seed)
    matrix = np.asarray([p.vector for p in props], dtype=np.float32)
    cosines = matrix @ matrix.T
    by_topic: dict[str, list[int]] = {}
    for i, s in enumerate(sentences):
        by_topic.setdefault(s.topic, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_topic.values():
        for i in members:
            others = sorted((j for j in members if sentences[j].doc != sentences[i].doc), key=lambda j: -cosines[i, j])
            for gold in (True, False):
                order = [j for j in others if same_event(sentences[i], sentences[j]) == gold]
                for j in order[:NEAREST] + rng.sample(order, min(NEAREST, len(order))):
                    pairs.add((min(i, j), max(i, j)))
    X, y = [], []
    for a, b in sorted(pairs):
        f = features(props[a], props[b], float(cosines[a, b]))
        X.append([f[k] for k in FEATURES])
        y.append(int(same_event(sentences[a], sentences[b])))
    return X, y


def topic_props(sentences: Sequence[TopicSentence], vectors: dict[str, list[float]], common: frozenset[str],
                ) -> list[Proposition]:
    return [Proposition(s.text, tuple(vectors[s.text]), find_names(s.text, common), find_numbers(s.text))
            for s in sentences]


def build_props(rows: Sequence[EmergentRow], vectors: dict[str, list[float]], common: frozenset[str],
                ) -> list[Proposition]:
    return [Proposition(r.headline, tuple(vectors[r.headline]), find_names(r.headline, common),
                        find_numbers(r.headline)) for r in rows]


def fold_split(rows: Sequence[EmergentRow], held: set[str]) -> tuple[list[int], list[int]]:
    return ([i for i, r in enumerate(rows) if r.claim_id not in held],
            [i for i, r in enumerate(rows) if r.claim_id in held])


def cv_grouping(rows: Sequence[EmergentRow], props: Sequence[Proposition], models: Sequence[SimilarModel],
                log: Callable[[str], None] = print, thresholds: Sequence[float] = THRESHOLDS,
                ) -> dict[float, dict]:
    """Pooled B³ of ``group`` on each held-out fold, per threshold, with the model fitted on the other folds."""
    gold: list[str] = []
    predicted: dict[float, list[str]] = {t: [] for t in thresholds}
    for k, (held, model) in enumerate(zip(claim_folds(rows), models)):
        _, test = fold_split(rows, held)
        gold += [rows[i].claim_id for i in test]
        for t in thresholds:
            labels = group([props[i] for i in test], SimilarModel(model.weights, model.bias, t, model.common))
            predicted[t] += [f"{k}:{c}" for c in labels]
    figures = {t: b3_figures(gold, predicted[t]) for t in thresholds}
    for t, f in figures.items():
        log(f"threshold {t}: CV B³ P {f['p']} R {f['r']} F1 {f['f1']}")
    return figures


FROM_EMERGENT = {v: k for k, v in TO_EMERGENT.items()}
STANCE_C = (0.03, 0.1, 0.3)


def vocabulary(statements: Sequence[str], least: int = 2) -> tuple[str, ...]:
    """Words and word pairs in at least ``least`` of the training statements."""
    counts: Counter[str] = Counter(t for s in statements for t in terms(s))
    return tuple(sorted(t for t, n in counts.items() if n >= least))


def fit_stance(rows: Sequence[EmergentRow], vectors: dict[str, list[float]], C: float) -> StanceModel:
    from sklearn.linear_model import LogisticRegression

    vocab = vocabulary([r.headline for r in rows])
    X = pair_rows([(r.claim, r.headline, None) for r in rows], vectors, vocab)
    fitted = LogisticRegression(C=C, max_iter=5000).fit(X, [FROM_EMERGENT[r.stance] for r in rows])
    return StanceModel(fitted.coef_, fitted.intercept_, tuple(str(c) for c in fitted.classes_), vocab)


def cv_stance(rows: Sequence[EmergentRow], vectors: dict[str, list[float]], C: float,
              ) -> tuple[dict, list[StanceModel]]:
    """Pooled figures of the stance model on the held-out folds (Emergent's labels), and the fold models."""
    gold: list[str] = []
    predicted: list[str] = []
    models = []
    for held in claim_folds(rows):
        train, test = fold_split(rows, held)
        model = fit_stance([rows[i] for i in train], vectors, C)
        models.append(model)
        gold += [rows[i].stance for i in test]
        X = pair_rows([(rows[i].claim, rows[i].headline, None) for i in test], vectors, model.vocabulary)
        predicted += [TO_EMERGENT[label] for label, _ in model.predict(X)]
    return stance_figures(gold, predicted), models


def emergent_claim_pairs(rows: Sequence[EmergentRow], seed: int = SEED) -> tuple[list[ClaimPair], dict[str, str]]:
    """A claim-pairs dev set from Emergent: each article headline is a one-sentence body, paired with its own
    claim (for → agree, against → disagree, observing → discuss) and with another claim drawn at random
    (unrelated)."""
    rng = random.Random(seed)
    claims = {r.claim_id: r.claim for r in rows}
    ids = sorted(claims)
    pairs: list[ClaimPair] = []
    bodies: dict[str, str] = {}
    for r in rows:
        bodies[r.article_id] = r.headline
        pairs.append(ClaimPair(r.claim, r.article_id, TO_FNC[r.stance]))
        pairs.append(ClaimPair(claims[rng.choice([c for c in ids if c != r.claim_id])], r.article_id, "unrelated"))
    return pairs, bodies


def write_claim_pairs(directory: str | Path, pairs: Sequence[ClaimPair], bodies: dict[str, str]) -> None:
    """The pairs in the FNC-1 layout (``stances.csv``, ``bodies.csv``)."""
    import csv

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "bodies.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([("Body ID", "articleBody"), *bodies.items()])
    with open(directory / "stances.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([("Headline", "Body ID", "Stance"),
                                      *((p.headline, p.body_id, p.stance) for p in pairs)])


def cv_claim_pairs(rows: Sequence[EmergentRow], similar: Sequence[SimilarModel], stance: Sequence[StanceModel],
                   embed: Callable, log: Callable[[str], None] = print) -> dict[float, dict]:
    """FNC-1 figures of the Emergent claim-pairs set per relatedness threshold, each fold's pairs decided by the
    models fitted on the other folds."""
    gold: list[ClaimPair] = []
    decisions: list[tuple[float, str]] = []
    for held, sim, st in zip(claim_folds(rows), similar, stance):
        pairs, bodies = emergent_claim_pairs([r for r in rows if r.claim_id in held])
        gold += pairs
        decisions += list(decide(pairs, bodies, embed, sim, st))
    figures = {t: score_claim_pairs(gold, [label(d, t) for d in decisions]) for t in RELATED}
    for t, f in figures.items():
        log(f"related {t}: CV FNC {f['fnc']['relative']} accuracy {f['accuracy']} macro-F1 {f['macro_f1']}")
    return figures


def cached(embed: Callable, vectors: dict[str, list[float]]) -> Callable:
    def lookup(texts: Sequence[str]) -> list[list[float]]:
        missing = sorted({t for t in texts if t not in vectors})
        if missing:
            vectors.update(zip(missing, embed(missing)))
        return [vectors[t] for t in texts]
    return lookup


def in_topic_data(ecbplus: str | Path, embed: Callable, vectors: dict[str, list[float]], common: frozenset[str],
                  ) -> tuple[list[list[float]], list[int], list[TopicSentence], list[Proposition]]:
    """ECB+ train's in-topic pair examples, and ECB+ dev's sentences with their propositions."""
    train = read_topic_sentences(Path(ecbplus) / "train")
    dev = read_topic_sentences(Path(ecbplus) / "dev")
    embed(sorted({s.text for s in train} | {s.text for s in dev}))
    X, y = topic_examples(train, topic_props(train, vectors, common))
    return X, y, dev, topic_props(dev, vectors, common)


def fit_with_topics(X: list[list[float]], y: list[int], topics: tuple[list[list[float]], list[int]] | None,
                    common: frozenset[str]) -> SimilarModel:
    """``fit_similar`` on the Emergent pairs, with the ECB+ in-topic pairs (weighted TOPIC_WEIGHT) when given."""
    if topics is None:
        return fit_similar(X, y, common)
    return fit_similar(X + topics[0], y + topics[1], common,
                       sample_weight=[1.0] * len(y) + [TOPIC_WEIGHT] * len(topics[1]))


def choose_threshold(grouping: dict[float, dict], in_topic: dict[float, dict] | None) -> float:
    """Emergent alone: the best CV B³ F1. With ECB+: the best mean of Emergent CV B³ F1 and ECB+ dev in-topic B³
    F1, among the thresholds that keep Emergent at EMERGENT_FLOOR or more (all of them if none does)."""
    if in_topic is None:
        return max(THRESHOLDS, key=lambda t: (grouping[t]["f1"], -t))
    kept = [t for t in THRESHOLDS if grouping[t]["f1"] >= EMERGENT_FLOOR] or list(THRESHOLDS)
    return max(kept, key=lambda t: (grouping[t]["f1"] + in_topic[t]["b3"]["f1"], -t))


def train_claims(emergent: str | Path, words: str | Path, log: Callable[[str], None] = print,
                 embed: Callable | None = None, similar_out: str | Path = SIMILAR_WEIGHTS,
                 stance_out: str | Path = STANCE_WEIGHTS, ecbplus: str | Path | None = None) -> dict:
    """Both models from Emergent train, with their claim-disjoint CV figures; ``words`` is a folder of news texts
    for the common-word list. With ``ecbplus`` (a folder holding ECB+ ``train`` and ``dev``), the claim-matching
    model also learns ECB+ train's in-topic pairs and its threshold weighs ECB+ dev's in-topic B³ too."""
    if embed is None:
        from ..nlp.encoder import embed
    rows = [r for r in read_emergent(emergent) if r.claim_id and r.claim and r.stance]
    common = common_words(words)
    log(f"{len(rows)} headlines, {len({r.claim_id for r in rows})} claims, {len(common)} common words")
    vectors: dict[str, list[float]] = {}
    embed = cached(embed, vectors)
    embed(sorted({r.headline for r in rows} | {r.claim for r in rows}))
    props = build_props(rows, vectors, common)
    topics, dev, dev_props = None, [], []
    if ecbplus is not None:
        X_topic, y_topic, dev, dev_props = in_topic_data(ecbplus, embed, vectors, common)
        topics = (X_topic, y_topic)
        log(f"ECB+ train: {len(y_topic)} in-topic pairs ({sum(y_topic)} of one event); ECB+ dev: {len(dev)} "
            "sentences")
    folds = claim_folds(rows)
    similar = []
    for held in folds:
        train, _ = fold_split(rows, held)
        X, y = pair_examples([props[i] for i in train], [rows[i].claim_id for i in train])
        similar.append(fit_with_topics(X, y, topics, common))
    grouping = cv_grouping(rows, props, similar, log)
    X_pairs, y_pairs = pair_examples(props, [r.claim_id for r in rows])
    fitted = fit_with_topics(X_pairs, y_pairs, topics, common)
    in_topic = None
    if topics is not None:
        in_topic = {t: score_in_topic(dev, dev_props, SimilarModel(fitted.weights, fitted.bias, t, common))
                    for t in THRESHOLDS}
        for t, f in in_topic.items():
            log(f"threshold {t}: ECB+ dev in-topic B³ P {f['b3']['p']} R {f['b3']['r']} F1 {f['b3']['f1']}, pairs "
                f"P {f['pairs']['p']} R {f['pairs']['r']} F1 {f['pairs']['f1']}")
    threshold = choose_threshold(grouping, in_topic)

    by_c = {}
    for C in STANCE_C:
        by_c[C] = cv_stance(rows, vectors, C)
        f = by_c[C][0]
        log(f"stance C {C}: CV accuracy {f['accuracy']} macro-F1 {f['macro_f1']} against F1 {f['against_f1']}")
    C = max(STANCE_C, key=lambda c: (by_c[c][0]["accuracy"], by_c[c][0]["macro_f1"]))

    pairs = cv_claim_pairs(rows, similar, by_c[C][1], embed, log)
    related = max(RELATED, key=lambda t: (pairs[t]["fnc"]["relative"], t))

    model = SimilarModel(fitted.weights, fitted.bias, threshold, common, related)
    Path(similar_out).parent.mkdir(parents=True, exist_ok=True)
    Path(similar_out).write_text(model.to_json() + "\n", encoding="utf-8")
    stance_model = fit_stance(rows, vectors, C)
    Path(stance_out).write_text(stance_model.to_json() + "\n", encoding="utf-8")
    load_similar_model.cache_clear()
    load_stance_model.cache_clear()
    return {"headlines": len(rows), "claims": len({r.claim_id for r in rows}), "folds": FOLDS,
            "similar": {"pairs": len(y_pairs), "weights": model.weights, "bias": model.bias,
                        "threshold": threshold, "cv_b3": grouping[threshold],
                        **({"in_topic_pairs": len(topics[1]), "topic_weight": TOPIC_WEIGHT,
                            "ecbplus_dev": in_topic[threshold]} if in_topic else {})},
            "stance": {"C": C, "cv": by_c[C][0]},
            "claim_pairs": {"related": related, "cv": pairs[related]}}
