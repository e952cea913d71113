"""Attribution accuracy on PolNeAR (default: the dev compartment), printed as JSON.

    python bench/polnear_dev.py [DIR] [--limit N]

DIR defaults to ../shared/data/polnear/dev relative to the repository.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from claimgraph import Document, Settings, analyze_many
from claimgraph.eval.annotations import from_analysis
from claimgraph.eval.polnear import read_polnear
from claimgraph.eval.scorer import score

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("directory", nargs="?", default=str(ROOT.parent / "shared/data/polnear/dev"))
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    docs = read_polnear(args.directory, limit=args.limit)
    start = time.perf_counter()
    results = list(analyze_many([Document(d.name, d.text) for d in docs], Settings()))
    elapsed = time.perf_counter() - start
    report = score((d, from_analysis(r)) for d, r in zip(docs, results))
    report["seconds"] = round(elapsed, 1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
