"""Attribution accuracy on PolNeAR dev, printed as JSON, and the pinned floor of the CI gate.

    python bench/polnear_dev.py [DIR] [--limit N] [--mode hybrid|model|rules]   # figures as JSON, with seconds
    python bench/polnear_dev.py --update-floor     # pin today's figures, all three modes, in tests/accuracy_floor.json

DIR defaults to ../shared/data/polnear/dev beside the repository. Raise the floor in the same commit as the change
that improved the figures; the gate (tests/test_accuracy_gate.py) fails when they drop by more than the tolerance,
and also when they rise past it without the floor being raised.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

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
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    for mode in modes:
        start = time.perf_counter()
        report, _ = evaluate_polnear(args.directory, Settings(attribution=mode), limit=args.limit)
        report["seconds"] = round(time.perf_counter() - start, 1)
        report["attribution_mode"] = mode
        floor[mode] = {"attribution_f1": report["attribution"]["f1"],
                       "content_overlap_f1": report["content"]["overlap"]["f1"],
                       **{f"{role}_exact_f1": report[role]["exact"]["f1"] for role in ("source", "cue", "content")}}
        print(json.dumps(report, indent=1))
    if args.update_floor:
        FLOOR.write_text(json.dumps(floor, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
