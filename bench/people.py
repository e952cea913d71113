"""People across articles on PolNeAR dev: what linking costs at ingest, and how much the order of ingest matters.

    python bench/people.py [../shared/data/polnear/dev/text] [--rules-only]

Measured in one run, on the same texts:
  a  ingest without linking (link_people = false)
  b  ingest with linking, in one ingest (sorted file order)        → b/a − 1 is what linking adds
  c  ingest with linking in two ingests, second half first         → mentions whose identity moved, against b
  d  c after `link --rebuild`, against b after `link --rebuild`    → the same identities (0 moved)
Also: the identities whose names contain "Clinton", from b.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from claimgraph import Settings
from claimgraph.corpus.ingest import ingest_inputs
from claimgraph.people.link import link_store
from claimgraph.store import open_store
from claimgraph.store import schema as s
from claimgraph.store.queries import people
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent


def grouping(store) -> dict[tuple[str, str], tuple[frozenset, int]]:
    """(article origin, entity name) → (the entities of its identity, its mentions)."""
    with store.scan() as conn:
        rows = conn.execute(select(s.articles.c.origin, s.entities.c.name, s.entities.c.person_id,
                                   func.count(s.mentions.c.entity_id))
                            .join(s.articles, s.articles.c.id == s.entities.c.article_id)
                            .outerjoin(s.mentions, s.mentions.c.entity_id == s.entities.c.id)
                            .where(s.entities.c.person_id.is_not(None))
                            .group_by(s.articles.c.origin, s.entities.c.name, s.entities.c.person_id)).all()
    members: dict[int, set] = {}
    for origin, name, pid, _ in rows:
        members.setdefault(pid, set()).add((Path(origin).name, name))
    return {(Path(o).name, n): (frozenset(members[p]), m) for o, n, p, m in rows}


def differing(a, b) -> float:
    """The share of mentions whose identity moved: identities of ``a`` and ``b`` are paired one to one where they
    share the most mentions (as CEAF pairs clusters), and a mention counts when its entity's identity in ``a`` is
    not paired with its identity in ``b``."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    ga = sorted({g for g, _ in a.values()}, key=sorted)
    gb = sorted({g for g, _ in b.values()}, key=sorted)
    ia, ib = {g: i for i, g in enumerate(ga)}, {g: i for i, g in enumerate(gb)}
    shared = np.zeros((len(ga), len(gb)))
    for key, (group, mentions) in a.items():
        if key in b:
            shared[ia[group], ib[b[key][0]]] += mentions
    rows, cols = linear_sum_assignment(-shared)
    kept = shared[rows, cols].sum()
    total = sum(m for _, m in a.values())
    return 100.0 * (total - kept) / total if total else 0.0


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = Path(args[0] if args else ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text")
    texts = sorted(str(p) for p in folder.iterdir() if p.suffix == ".txt")
    mode = "rules" if "--rules-only" in sys.argv else "hybrid"
    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        stores = {k: open_store(str(Path(tmp) / f"{k}.db")) for k in "abc"}
        ingest_inputs(texts[:1], open_store(str(Path(tmp) / "warm.db")), Settings(attribution=mode))  # load models
        for key, link in (("a", False), ("b", True)):
            start = time.perf_counter()
            summary = ingest_inputs(texts, stores[key], Settings(attribution=mode, link_people=link))
            seconds[key] = time.perf_counter() - start
        seconds["linking"] = summary.linking_seconds
        # once more each, the other way round, into fresh stores: the faster of two runs counts
        for key, link in (("b", True), ("a", False)):
            again = open_store(str(Path(tmp) / f"{key}2.db"))
            start = time.perf_counter()
            ingest_inputs(texts, again, Settings(attribution=mode, link_people=link))
            seconds[key] = min(seconds[key], time.perf_counter() - start)
            again.close()
        half = len(texts) // 2
        ingest_inputs(texts[half:], stores["c"], Settings(attribution=mode))
        ingest_inputs(texts[:half], stores["c"], Settings(attribution=mode))
        b, c = grouping(stores["b"]), grouping(stores["c"])
        link_store(stores["c"], rebuild=True)
        d = grouping(stores["c"])
        started = time.perf_counter()
        link_store(stores["b"], rebuild=True)
        seconds["rebuild"] = time.perf_counter() - started
        b_rebuilt = grouping(stores["b"])
        clinton = [(p["name"], p["id"], list(p["aliases"]), [r["role"] for r in p["roles"]])
                   for p in people(stores["b"], "Clinton")]
        counts = stores["b"].counts()
        for store in stores.values():
            store.close()
    print(f"PolNeAR dev: {len(texts)} texts, mode {mode}; {counts['people']} identities for "
          f"{counts['entities']} entities")
    print(f"a ingest without linking {seconds['a']:.1f} s; b with linking {seconds['b']:.1f} s: "
          f"b/a − 1 = {100 * (seconds['b'] / seconds['a'] - 1):.1f}%; linking itself took {seconds['linking']:.1f} s "
          f"of b's first run, {100 * seconds['linking'] / seconds['a']:.1f}% of a")
    print(f"two ingests, second half first: {differing(c, b):.2f}% of mentions with another identity than in one "
          f"ingest; both after link --rebuild: {differing(d, b_rebuilt):.2f}% "
          f"(rebuild of {len(texts)} articles: {seconds['rebuild']:.1f} s)")
    for row in clinton:
        print("Clinton:", row)


if __name__ == "__main__":
    main()
