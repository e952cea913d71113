"""Training the attribution tagger on a brat corpus (PolNeAR layout), reproducibly and resumably.

A fixed seed fixes the initial heads, the window cuts and the batch order of every epoch, so an interrupted run
resumes from its last checkpoint (written atomically every ``checkpoint_every`` steps) to the same result. After
each epoch the dev corpus is scored with the project's scorer; the best epoch's weights are written to ``out``.
Progress and figures go to ``WORK/train-log.jsonl``.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable

from ..errors import DataError
from ..eval.annotations import SpanAttribution, kind_of
from ..eval.polnear import read_polnear
from ..eval.scorer import Counts, score, trim
from ..model import PARTS
from ..nlp.tagger.decode import link, piece_labels, spans
from ..nlp.tagger.network import (FROZEN, WEIGHTS, WINDOW, Encoded, batch_tensors, build, encode, predict,
                                  runs_bfloat16, trained_state)


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 4
    batch: int = 16
    lr: float = 8e-5
    head_lr: float = 1e-3
    warmup: float = 0.06
    weight_decay: float = 0.01
    seed: int = 13
    threads: int = 2
    checkpoint_every: int = 25
    limit: int | None = None
    """Train on the first N texts only (for a quick trial)."""
    init: str | None = None
    """Start from these trained weights instead of the base model and fresh heads (more epochs on a shipped
    model, usually with a lower ``lr``); they are scored on dev first, as epoch 0, so a run that improves
    nothing writes them back unchanged."""
    precision: str = "auto"
    """``bfloat16`` runs the forward pass under torch's autocast (weights, gradients and optimiser stay float32):
    a step took 2.1-2.6 s against 3.1-4.6 s in ``float32`` on a CPU that multiplies bfloat16 in hardware, where
    ``auto`` takes it. The checkpoint records the precision chosen: a run is never resumed in the other one."""


def _gold_roles(text: str, atts) -> dict[str, list[tuple[int, int]]]:
    return {role: sorted({f for a in atts for f in trim(text, getattr(a, role))}) for role in PARTS}


def _examples(docs) -> tuple[list[Encoded], list[list[list[int]]]]:
    encoded = encode([d.text for d in docs])
    return encoded, [piece_labels(enc, _gold_roles(d.text, d.attributions)) for d, enc in zip(docs, encoded)]


def _epoch_batches(lengths: list[int], seed: int, epoch: int, batch: int) -> list[list[tuple[int, int, int]]]:
    """Windows cut at a random offset per text and epoch, shuffled into batches: (text, start, end)."""
    rng = random.Random(seed * 1000 + epoch)
    inner = WINDOW - 2
    cuts = []
    for d, n in enumerate(lengths):
        offset = rng.randrange(inner) if n > inner else 0
        starts = ([0] if offset else []) + list(range(offset, n, inner))
        cuts.extend((d, s, min(n, s + (offset if s == 0 and offset else inner))) for s in starts)
    rng.shuffle(cuts)
    return [cuts[k:k + batch] for k in range(0, len(cuts), batch)]


def evaluate(model, docs, encoded: list[Encoded] | None = None) -> dict:
    """Tagging F1 per role (trimmed fragments) and the full scorer report on the linked attributions."""
    model.eval()
    encoded = encoded or encode([d.text for d in docs])
    frag = {role: Counts() for role in PARTS}
    pairs = []
    for doc, enc, tags in zip(docs, encoded, predict(model, encoded)):
        roles = spans(doc.text, enc, tags.labels)
        gold = _gold_roles(doc.text, doc.attributions)
        for role in PARTS:
            p = {f for s in roles[role] for f in trim(doc.text, (s,))}
            frag[role].add(Counts(len(p & set(gold[role])), len(p), len(gold[role])))
        pairs.append((doc, to_spans(doc.text, link(doc.text, roles))))
    report = score(pairs)
    return {"tagging_f1": {r: frag[r].prf()["f1"] for r in PARTS},
            "exact_f1": {r: report[r]["exact"]["f1"] for r in PARTS},
            "attribution_f1": report["attribution"]["f1"]}


def to_spans(text: str, linked) -> list[SpanAttribution]:
    return [SpanAttribution(content=a.content, source=(a.source,) if a.source else (), cue=(a.cue,),
                            kind=kind_of(text, a.content)) for a in linked]


def _load_trained(model, path: str) -> None:
    from safetensors.torch import load_file

    if not Path(path).is_file():
        raise DataError(f"{path}: no such weights file to start from")
    missing, unexpected = model.load_state_dict({k: v.float() for k, v in load_file(path).items()}, strict=False)
    if unexpected or set(missing) - {FROZEN}:
        raise DataError(f"{path}: weights do not fit the network (missing {missing}, unexpected {unexpected})")


def _selection(figures: dict) -> float:
    return sum(figures["exact_f1"].values()) / 3 + figures["attribution_f1"]


def train(corpus: str | Path, dev: str | Path, work: str | Path, out: str | Path = WEIGHTS,
          config: TrainConfig = TrainConfig(), log: Callable[[str], None] = print,
          progress: Callable[..., None] | None = None) -> dict:
    """Train (or resume) and write the best epoch's weights to ``out``; returns the best dev figures.
    ``progress``, when given, is called as ``progress(total=steps)`` once and ``progress(advance=n)`` as steps
    are done (a resumed run starts with the steps already done)."""
    import torch
    from safetensors.torch import save_file

    bfloat16 = runs_bfloat16(config.precision)
    config = replace(config, precision="bfloat16" if bfloat16 else "float32")  # as the checkpoint records it
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    log_path, ckpt_path = work / "train-log.jsonl", work / "checkpoint.pt"
    torch.manual_seed(config.seed)
    random.seed(config.seed)
    train_docs = read_polnear(corpus, limit=config.limit)
    dev_docs = read_polnear(dev, limit=config.limit)
    if not train_docs or not dev_docs:
        raise DataError(f"no annotated texts in {corpus if not train_docs else dev}")
    encoded, labels = _examples(train_docs)
    dev_encoded = encode([d.text for d in dev_docs])
    model = build(config.threads)
    if config.init:
        _load_trained(model, config.init)
    lengths = [len(e.ids) for e in encoded]
    steps_per_epoch = len(_epoch_batches(lengths, config.seed, 0, config.batch))
    total = steps_per_epoch * config.epochs
    head = [p for n, p in model.named_parameters() if n.startswith("head.")]
    body = [p for n, p in model.named_parameters() if not n.startswith("head.") and p.requires_grad]
    optim = torch.optim.AdamW([{"params": body, "lr": config.lr}, {"params": head, "lr": config.head_lr}],
                              weight_decay=config.weight_decay)
    warm = max(1, int(config.warmup * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    def record(entry: dict) -> None:
        with log_path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry) + "\n")

    state = {"epoch": 0, "step": 0, "best": None, "history": []}
    if ckpt_path.is_file():
        saved = torch.load(ckpt_path, weights_only=False)
        if saved["config"] != asdict(config):
            raise DataError(f"{ckpt_path}: checkpoint of a different configuration; remove {work} to start over")
        model.load_state_dict(saved["model"], strict=False)
        optim.load_state_dict(saved["optim"])
        sched.load_state_dict(saved["sched"])
        torch.set_rng_state(saved["torch_rng"])
        state = saved["state"]
        log(f"resuming at epoch {state['epoch'] + 1}, step {state['step']}/{steps_per_epoch}")
    elif config.init:
        figures = evaluate(model, dev_docs, dev_encoded)
        figures.update(epoch=0, seconds=0.0, loss=None, init=config.init)
        log(f"epoch 0 (the initial weights) dev: {json.dumps(figures)}")
        record(figures)
        state["best"] = figures
        state["history"].append(figures)
        save_file(trained_state(model), str(work / "best.safetensors"))
    if progress:
        progress(total=total)
        progress(advance=state["epoch"] * steps_per_epoch + state["step"])

    def checkpoint() -> None:
        tmp = ckpt_path.with_suffix(".tmp")
        torch.save({"config": asdict(config), "model": {k: v for k, v in model.state_dict().items() if k != FROZEN},
                    "optim": optim.state_dict(), "sched": sched.state_dict(), "torch_rng": torch.get_rng_state(),
                    "state": state}, tmp)
        tmp.replace(ckpt_path)

    loss_fn = torch.nn.CrossEntropyLoss(reduction="none")
    while state["epoch"] < config.epochs:
        epoch = state["epoch"]
        batches = _epoch_batches(lengths, config.seed, epoch, config.batch)
        model.train()
        started, running = time.time(), []
        for step in range(state["step"], len(batches)):
            part = batches[step]
            ids, mask = batch_tensors([encoded[d].ids[s:e] for d, s, e in part])
            target = torch.zeros((len(part), ids.shape[1], len(PARTS)), dtype=torch.long)
            for row, (d, s, e) in enumerate(part):
                target[row, 1:1 + e - s] = torch.tensor(labels[d][s:e])
            keep = mask.clone()
            keep[:, 0] = 0
            keep[torch.arange(len(part)), mask.sum(1) - 1] = 0  # [SEP]
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bfloat16):
                logits = model(ids, mask)
            loss = loss_fn(logits.float().reshape(-1, 3), target.reshape(-1)).view(len(part), -1, len(PARTS))
            loss = (loss.sum(-1) * keep).sum() / keep.sum()
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            running.append(loss.item())
            state["step"] = step + 1
            if progress:
                progress(advance=1)
            if state["step"] % config.checkpoint_every == 0:
                checkpoint()
                rate = (time.time() - started) / max(1, len(running))
                log(f"epoch {epoch + 1} step {state['step']}/{len(batches)} loss {sum(running[-25:]) / len(running[-25:]):.4f}"
                    f" ({rate:.2f} s/step)")
        figures = evaluate(model, dev_docs, dev_encoded)
        figures.update(epoch=epoch + 1, seconds=round(time.time() - started, 1),
                       loss=round(sum(running) / max(1, len(running)), 4) if running else None)
        log(f"epoch {epoch + 1} dev: {json.dumps(figures)}")
        record(figures)
        state["history"].append(figures)
        if state["best"] is None or _selection(figures) > _selection(state["best"]):
            state["best"] = figures
            save_file(trained_state(model), str(work / "best.safetensors"))
        state["epoch"], state["step"] = epoch + 1, 0
        checkpoint()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes((work / "best.safetensors").read_bytes())
    log(f"best epoch {state['best']['epoch']}: {json.dumps(state['best'])}; weights written to {out}")
    record({"final": state["best"], "out": str(out)})
    return state["best"]


if __name__ == "__main__":  # python -m claimgraph.nlp.tagger.train TRAIN DEV WORK [OUT]
    import sys

    args = sys.argv[1:]
    train(args[0], args[1], args[2], *(args[3:4]))
