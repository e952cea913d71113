"""The claim-anatomy stages' share of analysis time, on PolNeAR dev texts.

    python bench/anatomy.py [--limit N] [--json]

The texts are analysed once (claimgraph.analysis.analyze_many, the default settings) and timed, the opinion
model's calls timed inside that run (they share the machine with the attribution model, so they are measured
where they happen); then the parsed documents go through the four anatomy stages again (hedging, voice without
the model, times, quantities; each stage reads what the others wrote and overwrites only its own result, so a
second run does the same work), timed stage by stage. Prints seconds per stage, the analysis total and the anatomy
share; loading the opinion model (once per process) is reported apart.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from claimgraph.analysis import analyze_many
    from claimgraph.model import Document
    from claimgraph.nlp.pipeline import load_pipeline
    from claimgraph.nlp.stages.hedging import hedging_component
    from claimgraph.nlp.stages.opinion import opinion_probabilities
    from claimgraph.nlp.stages.quantities import quantity_component
    from claimgraph.nlp.stages.times import time_component
    from claimgraph.nlp.stages import voice
    from claimgraph.nlp.stages.voice import voice_component
    from claimgraph.settings import Settings

    paths = sorted(DEV.glob("*.txt"))[:args.limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    settings = Settings()
    nlp = load_pipeline(settings)
    start = time.perf_counter()
    opinion_probabilities(["The model is loaded once per process."])
    load_seconds = time.perf_counter() - start
    list(analyze_many([Document("warm-up", texts[0], "2016-09-20")], settings))

    model_seconds = 0.0
    model_sentences = 0

    def timed(texts_, *where):
        nonlocal model_seconds, model_sentences
        start_ = time.perf_counter()
        out = opinion_probabilities(texts_, *where)
        model_seconds += time.perf_counter() - start_
        model_sentences += len(texts_)
        return out

    voice.opinion_probabilities = timed
    start = time.perf_counter()
    results = list(analyze_many((Document(p.name, t, "2016-09-20") for p, t in zip(paths, texts)), settings))
    total = time.perf_counter() - start
    voice.opinion_probabilities = lambda texts_, *where: [0.0] * len(texts_)  # the re-run below times the rest

    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        doc._.cg_published = "2016-09-20"
        docs.append(doc)
    docs = list(nlp.pipe(docs))
    stages = {"hedging": hedging_component, "voice": voice_component, "times": time_component,
              "quantities": quantity_component}
    seconds = {}
    for name, stage in stages.items():
        start = time.perf_counter()
        for doc in docs:
            stage(doc)
        seconds[name] = round(time.perf_counter() - start, 3)
    seconds["opinion model"] = round(model_seconds, 3)
    anatomy = sum(seconds.values())
    report = {"texts": len(texts), "words": sum(len(t.split()) for t in texts),
              "failures": sum(not hasattr(r, "quantities") for r in results),
              "analysis_seconds": round(total, 2), "stage_seconds": seconds, "anatomy_seconds": round(anatomy, 2),
              "anatomy_share_percent": round(100 * anatomy / total, 1),
              "opinion_model_load_seconds": round(load_seconds, 2), "opinion_model_sentences": model_sentences,
              "sentences": sum(len(r.sentences) for r in results if hasattr(r, "sentences"))}
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print(f"{report['texts']} texts, {report['words']} words, {report['sentences']} sentences "
          f"({report['opinion_model_sentences']} read by the opinion model): analysis {report['analysis_seconds']} s")
    for name, s in seconds.items():
        print(f"  {name:<13} {s:7.3f} s  {100 * s / total:5.1f}%")
    print(f"anatomy stages {report['anatomy_seconds']} s = {report['anatomy_share_percent']}% of analysis time "
          f"(opinion model load, once per process: {report['opinion_model_load_seconds']} s)")


if __name__ == "__main__":
    main()
