"""Claims across articles on PolNeAR train + dev (924 texts with outlet and date): what linking claims costs at
ingest, the claims it finds across outlets, and the wire credits it reads against PolNeAR's own.

    python bench/claims.py [--workers 2] [--limit N] [--show 10]

Measured in one run, on the same dump (built as bench/store.py builds it):
  a  ingest with people linked but claims not (link_claims = false)
  b  ingest with claims linked too                                 → b/a − 1 is what claims add
Then, from b: claims reported in several outlets (the --show largest, by independent origins), and the agency
each article credits against metadata.tsv's `wire` column (AP, UPI, Reuters, AFP).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store import POLNEAR, build_dump  # noqa: E402  (bench/store.py)

from claimgraph import Settings, open_store  # noqa: E402
from claimgraph.claims.view import get_claim, list_claims  # noqa: E402
from claimgraph.corpus.ingest import ingest_inputs  # noqa: E402
from claimgraph.store import schema as s  # noqa: E402
from sqlalchemy import select  # noqa: E402

WIRES = {"AP": "Associated Press", "UPI": "United Press International", "reuters": "Reuters",
         "AFP": "Agence France-Presse"}


def credits_against_metadata(store) -> dict:
    """How often the credited agency matches PolNeAR's `wire` label: found where labelled, found where not."""
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8", newline="") as fh:
        wire = {r["filename"]: WIRES.get(r["wire"]) for r in csv.DictReader(fh, delimiter="\t")}
    with store.scan() as conn:
        rows = conn.execute(select(s.articles.c.url, s.article_prints.c.credits).join(
            s.article_prints, s.article_prints.c.article_id == s.articles.c.id)).all()
    labelled = found = unlabelled_credited = unlabelled = 0
    for url, credits in rows:
        credited = set(json.loads(credits)) & set(WIRES.values())
        label = wire.get(url.rsplit("/", 1)[-1])
        if label:
            labelled += 1
            found += label in credited
        else:
            unlabelled += 1
            unlabelled_credited += bool(credited)
    return {"wire_labelled": labelled, "wire_found": found, "unlabelled": unlabelled,
            "unlabelled_crediting_a_wire": unlabelled_credited}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "polnear.jsonl"
        texts = build_dump(dump, args.limit)
        warm = Path(tmp) / "warm.jsonl"  # one article, to load the models before timing
        warm.write_text(dump.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        ingest_inputs([str(warm)], open_store(str(Path(tmp) / "warm.db")), Settings(workers=1), None)
        seconds = {}
        for key, link in (("a", False), ("b", True)):
            store = open_store(str(Path(tmp) / f"{key}.db"))
            start = time.perf_counter()
            summary = ingest_inputs([str(dump)], store, Settings(workers=args.workers, link_claims=link))
            seconds[key] = round(time.perf_counter() - start, 1)
        shared = list_claims(store, min_articles=2, limit=100_000)
        outlets = [c for c in shared if c["outlets"] > 1]
        print(json.dumps({"texts": texts, "seconds": seconds, "claims_adds": round(seconds["b"] / seconds["a"] - 1, 3),
                          "claims_seconds": round(summary.claims_seconds, 1), "people_seconds":
                              round(summary.linking_seconds, 1), "claims": store.counts()["claims"],
                          "claims_in_several_articles": len(shared), "claims_in_several_outlets": len(outlets),
                          **credits_against_metadata(store)}))
        for c in outlets[:args.show]:
            full = get_claim(store, c["id"])
            print(f"\n#{c['id']} {c['articles']} articles, {c['outlets']} outlets, {c['origins']} origins, "
                  f"{c['deniers']} deniers, drift {c['drift']}: {c['text'][:160]}")
            for st in full["statements"][:8]:
                print(f"   {st['published']} {st['outlet']:<12} {st['stance'] or '':<9} {st['speaker'] or '-'}: "
                      f"{st['text'][:110]}")


if __name__ == "__main__":
    main()
