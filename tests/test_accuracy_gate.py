"""The accuracy gate: on PolNeAR dev, who-said-what F1, content token-overlap F1 and exact-span F1 per role may not
drop more than the tolerance below the floor pinned in tests/accuracy_floor.json, in every attribution mode
(hybrid, the default; the learned model alone; the rules alone). A rise past the tolerance fails too, until the floor is raised with
``python bench/polnear_dev.py --update-floor`` in the same commit."""

import json
from pathlib import Path

import pytest

from claimgraph.eval.run import evaluate_polnear
from claimgraph.settings import Settings

FLOOR = json.loads((Path(__file__).parent / "accuracy_floor.json").read_text(encoding="utf-8"))
MODES = ("hybrid", "model", "rules")
METRICS = {
    "attribution_f1": lambda r: r["attribution"]["f1"],
    "content_overlap_f1": lambda r: r["content"]["overlap"]["f1"],
    "source_exact_f1": lambda r: r["source"]["exact"]["f1"],
    "cue_exact_f1": lambda r: r["cue"]["exact"]["f1"],
    "content_exact_f1": lambda r: r["content"]["exact"]["f1"],
}


@pytest.fixture(scope="module")
def dev_reports(polnear_dev):
    return {mode: evaluate_polnear(polnear_dev, Settings(attribution=mode))[0] for mode in MODES}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", list(METRICS))
def test_accuracy_holds_the_floor(dev_reports, mode, name):
    measured, floor, tolerance = METRICS[name](dev_reports[mode]), FLOOR[mode][name], FLOOR["tolerance"]
    assert measured >= floor - tolerance, f"{mode}: {name} fell to {measured} (floor {floor}, tolerance {tolerance})"
    assert measured <= floor + tolerance, (f"{mode}: {name} rose to {measured} (floor {floor}): raise the floor "
                                           "with `python bench/polnear_dev.py --update-floor` in this commit")
