"""Quantity extraction on news text: claimgraph's own stage against quantulum3, on hand-annotated articles.

    pip install quantulum3   # only for this comparison; claimgraph does not depend on it
    python bench/quantities.py

Gold: the seed article's required quantities (../shared/gold/seed-article.json) and the two PolNeAR dev articles in
tests/fixtures/polnear_anatomy.json. A prediction matches a gold quantity when their spans overlap; "value" counts
matches with the right value, "value+qualifier" also needs the right qualifier (quantulum3 has no qualifiers, so it
is scored as "exact" throughout).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import claimgraph
from claimgraph.eval.anatomy import quantity_agrees, score_items
from claimgraph.eval.scorer import Counts

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@dataclass
class Found:
    start: int
    end: int
    text: str
    value: float | None
    qualifier: str = "exact"


def corpus() -> list[tuple[str, str, str, list[dict]]]:
    out = []
    text = (SHARED / "seeds" / "000_70435aaee199c165.txt").read_text(encoding="utf-8")
    gold = json.loads((SHARED / "gold" / "seed-article.json").read_text(encoding="utf-8"))
    items = []
    for q in gold["quantities"]:
        if not q.get("optional"):
            at = text.index(q["text"])
            items.append({**q, "start": at, "end": at + len(q["text"])})
    out.append(("seed", text, gold["published"], items))
    fixture = json.loads((ROOT / "tests" / "fixtures" / "polnear_anatomy.json").read_text(encoding="utf-8"))
    for doc in fixture["documents"]:
        t = (SHARED / "data" / "polnear" / "dev" / "text" / f"{doc['name']}.txt").read_text(encoding="utf-8")
        out.append((doc["name"], t, doc["published"], doc["quantities"]))
    return out


def run_quantulum(text: str) -> list[Found]:
    from quantulum3 import parser

    return [Found(q.span[0], q.span[1], q.surface, q.value) for q in parser.parse(text)]


def run_claimgraph(text: str, published: str) -> list:
    return list(claimgraph.analyze(text, published=published).quantities)


def main() -> None:
    docs = corpus()
    value_only = lambda g, p: quantity_agrees({**g, "qualifier": p.qualifier}, p)  # noqa: E731
    report = {}
    for name, fn in (("claimgraph", lambda t, d: run_claimgraph(t, d)), ("quantulum3", lambda t, d: run_quantulum(t))):
        try:
            start = time.perf_counter()
            preds = [fn(text, published) for _, text, published, _ in docs]
            seconds = time.perf_counter() - start
        except ImportError:
            report[name] = "not installed"
            continue
        totals = {"value": Counts(), "value+qualifier": Counts()}
        for (_, _, _, gold), pred in zip(docs, preds):
            for key, agree in (("value", value_only), ("value+qualifier", quantity_agrees)):
                s = score_items(gold, pred, agree)
                totals[key].add(Counts(s.right, s.predicted, s.gold))
        result = {key: {**c.prf(), "right": int(c.tp), "predicted": int(c.pred), "gold": int(c.gold)}
                  for key, c in totals.items()}
        result["seconds"] = round(seconds, 2)
        report[name] = result
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
