"""The accuracy gate's floors: the best figures ever recorded, lowered only by an explicit, explained entry.

A floor that follows the code down hides a slow loss: each change costs a few tenths and each re-pin looks
harmless. So the floor file keeps the best figure recorded per mode and metric; ``raise_best`` only ever raises it,
and a lower floor needs an entry under ``lowered`` saying what was traded for it (the same words stand in
docs/accuracy.md, where the gate's test looks for them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MODES = ("hybrid", "model", "rules")


def metrics(report: dict[str, Any]) -> dict[str, float]:
    """The gated figures of one ``evaluate_polnear`` report."""
    return {"attribution_f1": report["attribution"]["f1"],
            "content_overlap_f1": report["content"]["overlap"]["f1"],
            **{f"{role}_exact_f1": report[role]["exact"]["f1"] for role in ("source", "cue", "content")}}


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def floor(floors: dict[str, Any], mode: str, metric: str) -> float:
    """The figure a measurement must reach (less the tolerance): the best recorded, or the latest explained
    lowering of it."""
    value = floors["best"][mode][metric]
    for entry in floors.get("lowered", []):
        if entry["mode"] == mode and entry["metric"] == metric:
            value = entry["to"]
    return value


def raise_best(floors: dict[str, Any], mode: str, measured: dict[str, float]) -> dict[str, Any]:
    """A copy of ``floors`` whose best figures for ``mode`` are raised where ``measured`` beats them; never lowered."""
    best = dict(floors["best"].get(mode, {}))
    for metric, value in measured.items():
        best[metric] = max(value, best.get(metric, value))
    return {**floors, "best": {**floors["best"], mode: best}}
