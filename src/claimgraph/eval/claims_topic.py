"""Claim matching within one topic on ECB+: ``claimgraph eval claims-in-topic DIR``.

Emergent's negatives are mostly headlines on other topics; a store of one topic needs statements that share a topic,
a place or a name but report different events kept apart. ECB+ has exactly these: the documents ``N_Mecb`` and
``N_Mecbplus`` share topic N, but their two sub-topics are different events of one kind (two Oscar hosts, two
earthquakes), and its ``ACT`` chains say which event mentions corefer across documents.

Items: the sentences of ``corpus.txt`` that hold a mention of an event chain (``ACT…``, not ``Singleton_ACT…``)
found in at least two sentences. Pairs: two such sentences of different documents of one topic, positive when they
share an event chain. Pairwise precision, recall and F1 of ``same_claim ≥ threshold``; and B³ of ``similar.group``
run on each topic's sentences in document order, pooled over topics, against the sentence's first event chain
(``b3``) and, as multi-event sentences have several, with two sentences counted as one claim when they share any
chain (``b3_any``). The prediction reads only the sentence text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..claims.similar import Proposition, SimilarModel, features, group, load_similar_model, propositions
from ..errors import DataError
from .ecbplus import corpus_tokens

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)(?= |$)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


@dataclass(frozen=True)
class TopicSentence:
    doc: str
    sent: int
    text: str
    chains: tuple[str, ...]
    """Its event chains in token order (gold: read for scoring and training only)."""

    @property
    def topic(self) -> str:
        return self.doc.split("_", 1)[0]

    @property
    def subtopic(self) -> str:
        return self.topic + ("+" if self.doc.endswith("ecbplus") else "")


def detokenise(tokens: Sequence[str]) -> str:
    text = " ".join(tokens).replace("`` ", '"').replace(" ''", '"')
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


def read_topic_sentences(directory: str | Path) -> list[TopicSentence]:
    """The sentences of an ECB+ folder's ``corpus.txt`` that mention an event chain seen in two sentences or more,
    ordered by topic, document and sentence."""
    tokens: dict[tuple[str, int], list[str]] = defaultdict(list)
    chains: dict[tuple[str, int], list[str]] = defaultdict(list)
    for doc, sent, token, chain in corpus_tokens(directory):
        tokens[(doc, sent)].append(token)
        if chain.startswith("ACT") and chain not in chains[(doc, sent)]:
            chains[(doc, sent)].append(chain)
    seen: dict[str, int] = defaultdict(int)
    for found in chains.values():
        for chain in found:
            seen[chain] += 1
    out = []
    for key in sorted(tokens, key=lambda k: (int(k[0].split("_", 1)[0]), k[0], k[1])):
        kept = tuple(c for c in chains.get(key, ()) if seen[c] >= 2)
        if kept:
            out.append(TopicSentence(key[0], key[1], detokenise(tokens[key]), kept))
    return out


def topic_pairs(sentences: Sequence[TopicSentence]) -> Iterator[tuple[int, int]]:
    """Index pairs of sentences of different documents of one topic."""
    by_topic: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        by_topic[s.topic].append(i)
    for members in by_topic.values():
        for k, i in enumerate(members):
            for j in members[k + 1:]:
                if sentences[i].doc != sentences[j].doc:
                    yield i, j


def same_event(a: TopicSentence, b: TopicSentence) -> bool:
    return bool(set(a.chains) & set(b.chains))


def _b3(items: Sequence[int], predicted: Sequence[int], correct: Callable[[int, int], bool]) -> tuple[float, float]:
    """Summed B³ precision and recall of ``items`` (gold relation ``correct``) against predicted cluster ids."""
    clusters: dict[int, list[int]] = defaultdict(list)
    for item, label in zip(items, predicted):
        clusters[label].append(item)
    cluster_of = dict(zip(items, predicted))
    p = r = 0.0
    for i in items:
        mine = clusters[cluster_of[i]]
        gold = [j for j in items if correct(i, j)]
        right = sum(1 for j in mine if correct(i, j))
        p += right / len(mine)
        r += right / len(gold)
    return p, r


def _prf(p: float, r: float) -> dict[str, float]:
    return {"p": round(100 * p, 1), "r": round(100 * r, 1),
            "f1": round(200 * p * r / (p + r), 1) if p + r else 0.0}


def score_in_topic(sentences: Sequence[TopicSentence], props: Sequence[Proposition],
                   model: SimilarModel | None = None) -> dict:
    """Pairwise and B³ figures of ``model`` (default: the shipped one) on the sentences, with their propositions."""
    import numpy as np

    model = model or load_similar_model()
    matrix = np.asarray([p.vector for p in props], dtype=np.float64)
    tp = fp = fn = other_subtopic = other_subtopic_joined = 0
    for i, j in topic_pairs(sentences):
        gold = same_event(sentences[i], sentences[j])
        said = model.probability(features(props[i], props[j], float(matrix[i] @ matrix[j]))) >= model.threshold
        tp += gold and said
        fp += said and not gold
        fn += gold and not said
        if sentences[i].subtopic != sentences[j].subtopic:
            other_subtopic += 1
            other_subtopic_joined += said
    by_topic: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        by_topic[s.topic].append(i)
    first = {"p": 0.0, "r": 0.0}
    anyc = {"p": 0.0, "r": 0.0}
    clusters = 0
    for members in by_topic.values():
        labels = group([props[i] for i in members], model)
        clusters += len(set(labels))
        p, r = _b3(members, labels, lambda a, b: sentences[a].chains[0] == sentences[b].chains[0])
        first["p"] += p
        first["r"] += r
        p, r = _b3(members, labels, lambda a, b: a == b or same_event(sentences[a], sentences[b]))
        anyc["p"] += p
        anyc["r"] += r
    n = max(len(sentences), 1)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"sentences": len(sentences), "topics": len(by_topic),
            "documents": len({s.doc for s in sentences}), "threshold": model.threshold,
            "pairs": {"total": tp + fp + fn + _true_negatives(sentences, tp + fp + fn), "positive": tp + fn,
                      "predicted": tp + fp, **_prf(precision, recall),
                      "other_subtopic": other_subtopic,
                      "other_subtopic_joined": round(100 * other_subtopic_joined / max(other_subtopic, 1), 1)},
            "clusters": clusters, "gold_events": len({s.chains[0] for s in sentences}),
            "b3": _prf(first["p"] / n, first["r"] / n), "b3_any": _prf(anyc["p"] / n, anyc["r"] / n)}


def _true_negatives(sentences: Sequence[TopicSentence], others: int) -> int:
    return sum(1 for _ in topic_pairs(sentences)) - others


def evaluate_in_topic(directory: str | Path, embed: Callable | None = None,
                      model: SimilarModel | None = None) -> dict:
    """Read an ECB+ folder, embed its sentences and score them (see the module's text)."""
    sentences = read_topic_sentences(directory)
    if not sentences:
        raise DataError(f"{directory}: no sentence mentions an event chain")
    texts = [s.text for s in sentences]
    vectors = embed(texts) if embed is not None else None
    return score_in_topic(sentences, propositions(texts, vectors), model)
