"""The accuracy gate: who-said-what F1 and content token-overlap F1 on PolNeAR dev may not drop more than the
tolerance below the pinned floor (tests/accuracy_floor.json). A rise past the tolerance fails too, until the floor
is raised with ``python bench/polnear_dev.py --update-floor`` in the same commit."""

import json
from pathlib import Path

import pytest

from claimgraph.eval.run import evaluate_polnear

FLOOR = json.loads((Path(__file__).parent / "accuracy_floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_report(polnear_dev):
    report, _ = evaluate_polnear(polnear_dev)
    return report


@pytest.mark.parametrize("name, pick", [
    ("attribution_f1", lambda r: r["attribution"]["f1"]),
    ("content_overlap_f1", lambda r: r["content"]["overlap"]["f1"]),
])
def test_accuracy_holds_the_floor(dev_report, name, pick):
    measured, floor, tolerance = pick(dev_report), FLOOR[name], FLOOR["tolerance"]
    assert measured >= floor - tolerance, f"{name} fell to {measured} (floor {floor}, tolerance {tolerance})"
    assert measured <= floor + tolerance, (f"{name} rose to {measured} (floor {floor}): raise the floor with "
                                           "`python bench/polnear_dev.py --update-floor` in this commit")
