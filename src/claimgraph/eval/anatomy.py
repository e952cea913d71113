"""Scoring quantities and time expressions against hand annotations with offsets
(tests/fixtures/polnear_anatomy.json, the seed gold file).

A prediction matches a gold item when their character spans overlap (one-to-one, in text order); a matched
quantity is right when value (or a range's low and high) and qualifier agree, a matched time when its resolved value agrees.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from .scorer import Counts


@dataclass(frozen=True)
class ItemScore:
    gold: int
    predicted: int
    found: int
    right: int
    wrong: tuple[str, ...]
    missed: tuple[str, ...]
    spurious: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"gold": self.gold, "predicted": self.predicted, "found": self.found, "right": self.right,
                **Counts(self.right, self.predicted, self.gold).prf(), "wrong": list(self.wrong),
                "missed": list(self.missed), "spurious": list(self.spurious)}


def score_items(gold: Sequence[dict], pred: Sequence[Any], agree: Callable[[dict, Any], bool]) -> ItemScore:
    used: set[int] = set()
    found = right = 0
    wrong, missed = [], []
    for g in gold:
        j = next((j for j, p in enumerate(pred) if j not in used and p.start < g["end"] and g["start"] < p.end), None)
        if j is None:
            missed.append(g["text"])
            continue
        used.add(j)
        found += 1
        if agree(g, pred[j]):
            right += 1
        else:
            wrong.append(f"{g['text']!r}: gold {_show(g)} / predicted {_show(vars(pred[j]))}")
    spurious = tuple(p.text for j, p in enumerate(pred) if j not in used)
    return ItemScore(len(gold), len(pred), found, right, tuple(wrong), tuple(missed), spurious)


def quantity_agrees(g: dict, p: Any) -> bool:
    ends = _same(g.get("low"), getattr(p, "low", None)) and _same(g.get("high"), getattr(p, "high", None))
    return _same(g.get("value"), p.value) and ends and g.get("qualifier", "exact") == p.qualifier


def time_agrees(g: dict, p: Any) -> bool:
    return g.get("value") == p.value


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) < 1e-6 * max(1.0, abs(float(a)))


def _show(item: dict) -> str:
    keys = ("value", "unit", "qualifier", "counts", "per")
    return "{" + ", ".join(f"{k}={item.get(k)!r}" for k in keys if k in item) + "}"
