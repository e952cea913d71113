"""Attribution accuracy on PolNeAR dev, printed as JSON, and the pinned floor of the CI gate.

    python bench/polnear_dev.py [DIR] [--limit N] [--mode hybrid|model|rules]   # figures as JSON, with seconds
    python bench/polnear_dev.py --update-floor     # raise the best figures, all three modes, in tests/accuracy_floor.json

DIR defaults to ../shared/data/polnear/dev beside the repository. Raise the best figures in the same commit as the
change that improved them; the gate (tests/test_accuracy_gate.py) fails when a figure drops by more than the
tolerance below the best recorded, and also when one rises past it without being recorded. Updating never lowers a
figure: a lower floor is an entry under "lowered" in the floor file, with what was traded for it written in
docs/accuracy.md, in a commit of its own.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from claimgraph.eval import floors
from claimgraph.eval.run import evaluate_polnear
from claimgraph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FLOOR = ROOT / "tests" / "accuracy_floor.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("directory", nargs="?", default=str(ROOT.parent / "shared/data/polnear/dev"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--mode", default="hybrid", choices=["hybrid", "model", "rules"], help="attribution setting")
    ap.add_argument("--update-floor", action="store_true")
    args = ap.parse_args()
    modes = ["hybrid", "model", "rules"] if args.update_floor else [args.mode]
    table = floors.load(FLOOR)
    for mode in modes:
        start = time.perf_counter()
        report, _ = evaluate_polnear(args.directory, Settings(attribution=mode), limit=args.limit)
        report["seconds"] = round(time.perf_counter() - start, 1)
        report["attribution_mode"] = mode
        table = floors.raise_best(table, mode, floors.metrics(report))
        print(json.dumps(report, indent=1))
    if args.update_floor:
        FLOOR.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
