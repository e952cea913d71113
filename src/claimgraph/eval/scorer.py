"""Scores predicted attributions against gold, as documented in docs/evaluation.md.

* exact: a predicted role span (source, cue or content) is right when, after trimming white space, quotation
  marks and punctuation from each fragment, its fragments equal those of a not yet matched gold span.
* overlap: word tokens (runs of letters and digits) labelled with the role, pooled over the corpus;
  P = shared / predicted tokens, R = shared / gold tokens.
* attribution ("who said what"): a prediction matches a gold attribution when their contents share at least half
  of each one's tokens and their sources share a token, or neither has a source; one-to-one, best overlap first.
Breakdowns by kind (direct / mixed / indirect: gold by its own kind, predictions by theirs) and by publisher.
All figures are percentages.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..model import PARTS
from .annotations import AnnotatedDocument, Fragments, SpanAttribution

KINDS = ("direct", "mixed", "indirect")
_WORD = re.compile(r"\w+")
_TRIM = set(" \t\r\n\"'“”‘’«»„`.,;:!?()[]{}—–-…")


@dataclass
class Counts:
    tp: float = 0
    pred: float = 0
    gold: float = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    def prf(self, tp_gold: float | None = None) -> dict[str, float]:
        p = 100.0 * self.tp / self.pred if self.pred else 0.0
        r = 100.0 * (self.tp if tp_gold is None else tp_gold) / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 1), "r": round(r, 1), "f1": round(f, 1)}


@dataclass
class _Tally:
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in PARTS})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in PARTS})
    attribution: Counts = field(default_factory=Counts)
    kind_pred: Counter = field(default_factory=Counter)
    kind_pred_ok: Counter = field(default_factory=Counter)
    kind_gold: Counter = field(default_factory=Counter)
    kind_gold_ok: Counter = field(default_factory=Counter)
    kind_exact: dict = field(default_factory=lambda: {k: {r: Counts() for r in PARTS} for k in KINDS})


@dataclass(frozen=True)
class Match:
    """The outcome for one document: which gold attributions were found and which predictions were wrong."""

    matched: tuple[tuple[int, int], ...]
    missed: tuple[int, ...]
    spurious: tuple[int, ...]


def trim(text: str, frags: Fragments) -> Fragments:
    out = []
    for s, e in sorted(frags):
        while s < e and text[s] in _TRIM:
            s += 1
        while e > s and text[e - 1] in _TRIM:
            e -= 1
        if e > s:
            if out and text[out[-1][1]:s].strip(" \t\r\n") == "":
                out[-1] = (out[-1][0], e)  # fragments separated by white space only are one span
            else:
                out.append((s, e))
    return tuple(out)


def tokens(text: str, frags: Fragments) -> set[int]:
    return {m.start() for s, e in frags for m in _WORD.finditer(text, s, e)}


def match_document(text: str, gold: Sequence[SpanAttribution], pred: Sequence[SpanAttribution]) -> Match:
    """One-to-one who-said-what matching, best content overlap first."""
    g_tok = [tokens(text, g.content) for g in gold]
    p_tok = [tokens(text, p.content) for p in pred]
    g_src = [tokens(text, g.source) for g in gold]
    p_src = [tokens(text, p.source) for p in pred]
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            shared = len(g_tok[i] & p_tok[j])
            if not shared or shared < 0.5 * len(g_tok[i]) or shared < 0.5 * len(p_tok[j]):
                continue
            sources_ok = (not g.source and not p.source) or bool(g_src[i] & p_src[j])
            if sources_ok:
                pairs.append((shared / max(len(g_tok[i] | p_tok[j]), 1), i, j))
    used_g, used_p, matched = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            matched.append((i, j))
    return Match(tuple(sorted(matched)), tuple(i for i in range(len(gold)) if i not in used_g),
                 tuple(j for j in range(len(pred)) if j not in used_p))


def _tally_document(t: _Tally, text: str, gold: Sequence[SpanAttribution], pred: Sequence[SpanAttribution]) -> Match:
    for role in PARTS:
        g_spans = Counter(trim(text, getattr(g, role)) for g in gold if getattr(g, role))
        p_spans = Counter(trim(text, getattr(p, role)) for p in pred if getattr(p, role))
        g_spans.pop((), None)
        p_spans.pop((), None)
        t.exact[role].add(Counts(sum((g_spans & p_spans).values()), sum(p_spans.values()), sum(g_spans.values())))
        g_tok = set().union(*(tokens(text, getattr(g, role)) for g in gold)) if gold else set()
        p_tok = set().union(*(tokens(text, getattr(p, role)) for p in pred)) if pred else set()
        t.overlap[role].add(Counts(len(g_tok & p_tok), len(p_tok), len(g_tok)))
        for kind in KINDS:
            gk = Counter(trim(text, getattr(g, role)) for g in gold if getattr(g, role) and g.kind == kind)
            pk = Counter(trim(text, getattr(p, role)) for p in pred if getattr(p, role) and p.kind == kind)
            gk.pop((), None)
            pk.pop((), None)
            t.kind_exact[kind][role].add(Counts(sum((gk & pk).values()), sum(pk.values()), sum(gk.values())))
    m = match_document(text, gold, pred)
    t.attribution.add(Counts(len(m.matched), len(pred), len(gold)))
    for i, j in m.matched:
        t.kind_gold_ok[gold[i].kind] += 1
        t.kind_pred_ok[pred[j].kind] += 1
    t.kind_gold.update(g.kind for g in gold)
    t.kind_pred.update(p.kind for p in pred)
    return m


def _summary(t: _Tally) -> dict:
    out: dict = {r: {"exact": t.exact[r].prf(), "overlap": t.overlap[r].prf()} for r in PARTS}
    out["attribution"] = {**t.attribution.prf(), "matched": int(t.attribution.tp),
                          "predicted": int(t.attribution.pred), "gold": int(t.attribution.gold)}
    by_kind = {}
    for kind in KINDS:
        c = Counts(t.kind_pred_ok[kind], t.kind_pred[kind], t.kind_gold[kind])
        by_kind[kind] = {"attribution": {**c.prf(tp_gold=t.kind_gold_ok[kind]), "gold": t.kind_gold[kind],
                                         "predicted": t.kind_pred[kind]},
                         **{r: {"exact": t.kind_exact[kind][r].prf()} for r in PARTS}}
    out["by_kind"] = by_kind
    return out


def score(pairs: Iterable[tuple[AnnotatedDocument, Sequence[SpanAttribution]]]) -> dict:
    """Score (gold document, predictions) pairs; returns the JSON object of ``claimgraph eval``."""
    total = _Tally()
    by_pub: dict[str, _Tally] = defaultdict(_Tally)
    n = 0
    for doc, pred in pairs:
        n += 1
        _tally_document(total, doc.text, doc.attributions, pred)
        _tally_document(by_pub[doc.publisher or "unknown"], doc.text, doc.attributions, pred)
    out = _summary(total)
    out["by_publisher"] = {pub: {r: {"exact": s[r]["exact"]} for r in PARTS} | {"attribution": s["attribution"]}
                           for pub, s in sorted((p, _summary(t)) for p, t in by_pub.items())}
    out["documents"] = n
    return out
