"""Ingest throughput and search latency of the store, on SQLite and PostgreSQL.

    python bench/store.py [--db URL ...] [--workers 2] [--limit N] [--queries 100]

Builds a JSONL dump from PolNeAR train + dev (text plus publisher, date and title from metadata.tsv, read from
../shared), ingests it into each store (which must be empty), ingests it again (nothing may be added), then times
search queries (statement search with and without filters) and prints one JSON object per store.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from claimgraph import Settings, open_store
from claimgraph.corpus.ingest import ingest_inputs
from claimgraph.store.queries import search, speakers

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
WORDS = ["tax", "debate", "election", "email", "police", "poll", "campaign", "immigration", "health", "economy",
         "Russia", "wall", "jobs", "women", "trade", "foundation", "security", "votes", "climate", "court"]


def build_dump(path: Path, limit: int | None) -> int:
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8", newline="") as fh:
        meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for compartment in ("train", "dev"):
            for text_path in sorted((POLNEAR / compartment / "text").glob("*.txt")):
                row = meta.get(text_path.stem, {})
                out.write(json.dumps({"text": text_path.read_text(encoding="utf-8"), "outlet": row.get("publisher"),
                                      "published": row.get("publication_date"), "title": row.get("title"),
                                      "url": f"https://polnear.example/{compartment}/{text_path.stem}"}) + "\n")
                n += 1
                if limit and n >= limit:
                    return n
    return n


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def bench(url: str, dump: Path, workers: int, queries: int) -> dict:
    store = open_store(url)
    if store.counts()["articles"]:
        raise SystemExit(f"{url} already holds articles: give an empty store")
    first = ingest_inputs([str(dump)], store, Settings(workers=workers))
    counts = store.counts()
    second = ingest_inputs([str(dump)], store, Settings(workers=workers))
    unchanged = store.counts() == counts
    names = [r["speaker"] for r in speakers(store, limit=30)]
    rng = random.Random(7)
    latencies = []
    for i in range(queries):
        kwargs = {"query": rng.choice(WORDS)}
        if i % 3 == 1:
            kwargs["speaker"] = rng.choice(names).split()[-1]
        if i % 3 == 2:
            kwargs["since"] = "2016-06-01"
        start = time.perf_counter()
        search(store, **kwargs, limit=20)
        latencies.append((time.perf_counter() - start) * 1000)
    store.close()
    return {"store": url.split("@")[-1] if "@" in url else url, "articles": counts["articles"],
            "statements": counts["attributions"], "workers": workers,
            "ingest_seconds": round(first.seconds, 1),
            "articles_per_s": round((first.added + first.versions) / first.seconds, 2),
            "first_run": first.line(), "second_run_added": second.added + second.versions,
            "second_run_unchanged": unchanged,
            "search_ms": {"queries": queries, "p50": round(percentile(latencies, 50), 2),
                          "p95": round(percentile(latencies, 95), 2)}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", action="append", help="store URL (repeatable); default: a fresh SQLite file")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--queries", type=int, default=100)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "polnear.jsonl"
        n = build_dump(dump, args.limit)
        for url in args.db or [f"sqlite:///{Path(tmp) / 'bench.db'}"]:
            print(json.dumps({"texts": n, **bench(url, dump, args.workers, args.queries)}))


if __name__ == "__main__":
    main()
