"""Extraction time per page: claimgraph's extraction (body, metadata and the page-size bound) against the plain
trafilatura call it replaced, measured in the same run on the same pages.

    python bench/extraction.py [AEB folder] [--rounds N]

Both paths are warmed up on a few pages first (imports, dateparser's tables), then timed over all pages in
alternating rounds; prints each path's mean milliseconds per page and the ratio new/old.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.eval.extraction import aeb_pages
from claimgraph.ingest.extract import extract

ROOT = Path(__file__).resolve().parent.parent


def old(html: str, url: str | None) -> None:
    import trafilatura

    trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False,
                                favor_precision=False)


def new(html: str, url: str | None) -> None:
    try:
        extract(html, "page", url)
    except InputError:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "data" / "aeb"))
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    pages = [(html, gold.get("url")) for _, html, gold in aeb_pages(args.folder)]
    for html, url in pages[:10]:
        old(html, url), new(html, url)
    spent = {"old": 0.0, "new": 0.0}
    for _ in range(args.rounds):
        for name, run in (("old", old), ("new", new)):
            start = time.perf_counter()
            for html, url in pages:
                run(html, url)
            spent[name] += time.perf_counter() - start
    per_page = {name: 1000 * seconds / (len(pages) * args.rounds) for name, seconds in spent.items()}
    print(f"{len(pages)} pages x {args.rounds} rounds: old {per_page['old']:.1f} ms/page, "
          f"new {per_page['new']:.1f} ms/page, ratio new/old {per_page['new'] / per_page['old']:.3f}")


if __name__ == "__main__":
    main()
