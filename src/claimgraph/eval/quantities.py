"""Scoring figures sentence by sentence against a list of gold quantities (the CQE evaluation's format:
``[{"text", "quantities": [{"value", "normalized_unit"}]}]``).

Each text is analysed on its own. A predicted figure matches a gold one on value (one-to-one, in order; a range
"8-10" needs both ends); for value+unit it must also agree on unit: the unit's name, or the noun it counts, shares
a word with the gold normalised unit ("dollar" for USD, "homes" for "home"); a gold figure without a unit ("-") wants a prediction with neither unit nor counted noun.
Vague amounts with no value
("several thousand") are predictions that match nothing. Figures are percentages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..model import Document, Failure
from ..nlp.stages.quantities.units import unit_words
from ..settings import Settings
from .scorer import Counts

_RANGE = re.compile(r"^(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)$")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class GoldQuantity:
    low: float | None
    high: float | None
    unit: str


@dataclass(frozen=True)
class QuantitySentence:
    text: str
    gold: tuple[GoldQuantity, ...]


@dataclass(frozen=True)
class Predicted:
    low: float | None
    high: float | None
    words: frozenset[str]
    text: str


def read_quantities(path: str | Path) -> list[QuantitySentence]:
    """A CQE-format JSON file; a gold value "8-10" is a range, anything unreadable as a number matches nothing."""
    out = []
    for item in json.loads(Path(path).read_text(encoding="utf-8")):
        gold = []
        for q in item.get("quantities", []):
            low, high = _bounds(str(q.get("value", "")))
            gold.append(GoldQuantity(low, high, str(q.get("normalized_unit") or "")))
        out.append(QuantitySentence(item["text"], tuple(gold)))
    return out


def evaluate_quantities(path: str | Path, settings: Settings | None = None,
                        progress: Callable[..., None] | None = None) -> dict:
    from .run import analyse_each

    sentences = read_quantities(path)
    docs = [Document(f"{Path(path).name}#{i}", s.text) for i, s in enumerate(sentences)]
    predictions = [[] if isinstance(result, Failure) else [_predicted(q) for q in result.quantities]
                   for result in analyse_each(docs, settings, progress)]
    return score_quantities(sentences, predictions)


def score_quantities(sentences: Sequence[QuantitySentence], predictions: Sequence[Sequence[Predicted]]) -> dict:
    value, unit = Counts(), Counts()
    misses: list[dict] = []
    for sentence, pred in zip(sentences, predictions):
        v = _matches(sentence.gold, pred, lambda g, p: True)
        u = _matches(sentence.gold, pred, _same_unit)
        value.add(Counts(v, len(pred), len(sentence.gold)))
        unit.add(Counts(u, len(pred), len(sentence.gold)))
        if u < len(sentence.gold) or u < len(pred):
            misses.append({"text": sentence.text, "gold": [_show_gold(g) for g in sentence.gold],
                           "predicted": [f"{p.text} = {_show(p.low, p.high)} {' '.join(sorted(p.words))}"
                                         for p in pred]})
    return {"sentences": len(sentences), "gold": int(value.gold), "predicted": int(value.pred),
            "value": {**value.prf(), "right": int(value.tp)}, "value+unit": {**unit.prf(), "right": int(unit.tp)},
            "errors": misses}


def _predicted(q) -> Predicted:
    low = q.low if getattr(q, "low", None) is not None else q.value
    high = q.high if getattr(q, "high", None) is not None else q.value
    words = unit_words(q.unit) | _forms(q.counts or "")
    return Predicted(low, high, frozenset(words), q.text)


def _matches(gold: Sequence[GoldQuantity], pred: Sequence[Predicted], unit_ok) -> int:
    used: set[int] = set()
    right = 0
    for g in gold:
        j = next((j for j, p in enumerate(pred) if j not in used and _same(g.low, p.low) and _same(g.high, p.high)
                  and unit_ok(g, p)), None)
        if j is not None:
            used.add(j)
            right += 1
    return right


def _same_unit(g: GoldQuantity, p: Predicted) -> bool:
    """Shared words; a gold figure without a unit ("-") wants a prediction without one."""
    gold = _forms(g.unit)
    return bool(gold & p.words) if gold else not p.words


def _forms(text: str) -> set[str]:
    """Lower-case words with their singular: "homes" also gives "home", "people" stays."""
    out = set()
    for w in _WORD.findall(text.lower()):
        out.add(w)
        if w.endswith("ies") and len(w) > 4:
            out.add(w[:-3] + "y")
        elif w.endswith(("ses", "xes", "ches", "shes")):
            out.add(w[:-2])
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            out.add(w[:-1])
    return out


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)))


def _bounds(value: str) -> tuple[float | None, float | None]:
    value = value.strip().replace(",", "")
    if m := _RANGE.match(value):
        return float(m.group(1)), float(m.group(2))
    try:
        return float(value), float(value)
    except ValueError:
        return None, None


def _show(low, high) -> str:
    return "?" if low is None else (f"{low:g}" if low == high else f"{low:g}-{high:g}")


def _show_gold(g: GoldQuantity) -> str:
    return f"{_show(g.low, g.high)} {g.unit}"


def error_lines(report: dict, limit: int | None = None) -> Iterable[str]:
    for e in report["errors"][:limit]:
        yield f"{e['text']}\n  gold: {e['gold']}\n  pred: {e['predicted']}"
