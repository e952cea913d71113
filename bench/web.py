"""Latency of the article, speaker and search pages over a store of all PolNeAR train + dev articles.

    python bench/store.py --db sqlite:////tmp/polnear.db     # build the store once (about 100 s with 2 workers)
    python bench/web.py --db sqlite:////tmp/polnear.db [--requests 100]

Starts the web app with uvicorn on a free loopback port and requests each kind of page in turn (random articles,
the 50 most quoted speakers, one- and two-word searches), printing p50/p95 in milliseconds as JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import threading
import time
from urllib.parse import quote

import httpx
import uvicorn

from claimgraph import Settings, open_store
from claimgraph.store.queries import list_articles, speakers
from claimgraph.web import create_app

WORDS = ["tax", "debate", "election", "email", "police", "poll", "campaign", "immigration", "health care",
         "economy", "Russia", "wall", "jobs", "women", "trade deal", "foundation", "security", "votes", "climate"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--requests", type=int, default=100)
    args = ap.parse_args()
    settings = Settings(db=args.db)
    store = open_store(args.db)
    total = list_articles(store, 1, 1)["total"]
    ids = [a["id"] for a in list_articles(store, 1, total)["items"]]
    names = [s["speaker"] for s in speakers(store, limit=50)]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings, store), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    rng = random.Random(11)
    paths = {"article": lambda: f"/articles/{rng.choice(ids)}",
             "speaker": lambda: "/speakers/" + quote(rng.choice(names), safe=""),
             "search": lambda: "/search?q=" + quote(rng.choice(WORDS))}
    report = {"articles": total, "requests_per_page": args.requests}
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        for name, make in paths.items():
            client.get(make())  # warm-up
            times = []
            for _ in range(args.requests):
                start = time.perf_counter()
                r = client.get(make())
                times.append((time.perf_counter() - start) * 1000)
                assert r.status_code == 200, (r.status_code, r.url)
            q = statistics.quantiles(times, n=100, method="inclusive")
            report[name] = {"p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1)}
    server.should_exit = True
    thread.join(10)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
