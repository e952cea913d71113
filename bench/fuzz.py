"""The full fuzz run: the properties of tests/test_fuzz.py with many generated inputs each.

    python bench/fuzz.py [EXAMPLES_PER_PROPERTY]     # default 25,000: 100,000 generated cases in all

Prints how many cases ran, how long it took, and whether any failed (a crash, a hang past the test's own time,
or a 500). CI runs the same properties with 150 cases each.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    per_property = int(sys.argv[1]) if len(sys.argv) > 1 else 25_000
    env = {**os.environ, "CLAIMGRAPH_FUZZ_EXAMPLES": str(per_property)}
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_fuzz.py"],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    properties = 4
    if run.returncode:
        print(run.stdout[-6000:] or run.stderr[-6000:])  # the failing case, as hypothesis reports it
    print(run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-2000:])
    print(f"{properties} properties × {per_property:,} generated cases = {properties * per_property:,} cases "
          f"(the API property sends 3 requests a case) in {seconds:.0f} s; exit status {run.returncode}")
    sys.exit(run.returncode)


if __name__ == "__main__":
    main()
