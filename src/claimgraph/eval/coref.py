"""Coreference metrics over clusters of mentions: MUC, B³, CEAF-e and their mean, the CoNLL F1.

The definitions are those of the reference scorer (Pradhan et al. 2014), singletons included as the ECB+ setup
scores them: a key and a response are lists of clusters, each a set of hashable mention ids.
"""

from __future__ import annotations

from typing import Hashable, Iterable, Sequence

Cluster = frozenset


def _prf(num_r: float, den_r: float, num_p: float, den_p: float) -> dict[str, float]:
    r = num_r / den_r if den_r else 0.0
    p = num_p / den_p if den_p else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(100 * f, 2)}


def _index(clusters: Sequence[Cluster]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> dict[str, float]:
    """Links: for each cluster, its size less the number of parts the other side splits it into."""
    def links(a: Sequence[Cluster], b: Sequence[Cluster]) -> tuple[int, int]:
        where = _index(b)
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den
    nr, dr = links(key, response)
    np_, dp = links(response, key)
    return _prf(nr, dr, np_, dp)


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> dict[str, float]:
    """Per mention: the share of its cluster that the other side's cluster holds too (none, where the other side
    lacks the mention)."""
    def side(a: Sequence[Cluster], b: Sequence[Cluster]) -> tuple[float, int]:
        where = _index(b)
        total = 0.0
        n = 0
        for c in a:
            for m in c:
                if m in where:
                    total += len(c & b[where[m]]) / len(c)
                n += 1
        return total, n
    nr, dr = side(key, response)
    np_, dp = side(response, key)
    return _prf(nr, dr, np_, dp)


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> dict[str, float]:
    """The best one-to-one alignment of clusters by φ4 similarity (2|K∩R| / (|K|+|R|))."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not key or not response:
        return _prf(0, len(key), 0, len(response))
    where = _index(response)
    sim = np.zeros((len(key), len(response)))
    for i, k in enumerate(key):
        for m in k:
            j = where.get(m)
            if j is not None and sim[i, j] == 0:
                sim[i, j] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return _prf(total, len(key), total, len(response))


def conll(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict:
    """MUC, B³ and CEAF-e, and CoNLL F1 (the mean of their F1)."""
    k = [frozenset(c) for c in key]
    r = [frozenset(c) for c in response]
    out = {"muc": muc(k, r), "b3": b_cubed(k, r), "ceaf_e": ceaf_e(k, r)}
    out["conll_f1"] = round(sum(v["f1"] for v in out.values()) / 3, 2)
    return out
