"""The learned attribution tagger: windows, labels, decoding, linking, resumable training, and the shipped model."""

from __future__ import annotations

import pytest

from claimgraph.nlp.tagger.decode import link, piece_labels, spans
from claimgraph.nlp.tagger.network import WINDOW, encode, windows


@pytest.mark.parametrize("n", [1, 200, 254, 255, 400, 1000, 3017])
def test_window_cores_tile_the_text_and_fit_the_network(n):
    ws = windows(n)
    covered = [c for _, _, cs, ce in ws for c in range(cs, ce)]
    assert covered == list(range(n))
    for s, e, cs, ce in ws:
        assert e - s <= WINDOW - 2 and s <= cs < ce <= e
        assert cs - s >= min(32, cs) and e - ce >= min(32, n - ce)  # context on both sides where there is any


TEXT = ('Officials in Kyiv said on Tuesday that 1,200 drones had been launched, according to the '
        'air force. “We will respond,” the minister told reporters.')


def _at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def test_labels_decode_back_to_the_spans_they_came_from():
    roles = {"source": [_at(TEXT, "Officials in Kyiv"), _at(TEXT, "the minister")],
             "cue": [_at(TEXT, "said"), _at(TEXT, "told")],
             "content": [_at(TEXT, "1,200 drones had been launched"), _at(TEXT, "We will respond")]}
    enc = encode([TEXT])[0]
    decoded = spans(TEXT, enc, [tuple(t) for t in piece_labels(enc, roles)])
    assert decoded == {role: sorted(r) for role, r in roles.items()}


def test_a_span_ending_inside_a_word_is_snapped_to_the_whole_word():
    enc = encode([TEXT])[0]
    labels = [(0, 0, 0)] * len(enc.ids)
    k = next(i for i, (s, _) in enumerate(enc.offsets) if s == TEXT.index("drones"))
    labels[k] = (0, 0, 1)  # only the first piece of a word is tagged
    assert spans(TEXT, enc, labels)["content"] == [_at(TEXT, "drones")]


def test_link_joins_a_quote_broken_by_its_speaker_and_keeps_nested_statements_apart():
    text = '“We are ready,” he said, “and we will win.” Smith said that Jones claimed the vote was rigged.'
    roles = {"source": [_at(text, "he"), _at(text, "Smith"), _at(text, "Jones")],
             "cue": [_at(text, "said"), (text.index("said that"), text.index("said that") + 4), _at(text, "claimed")],
             "content": [_at(text, "We are ready"), _at(text, "and we will win"),
                         _at(text, "that Jones claimed the vote was rigged"), _at(text, "the vote was rigged")]}
    got = [([text[s:e] for s, e in a.content], text[a.source[0]:a.source[1]] if a.source else None)
           for a in link(text, roles)]
    assert sorted(got) == sorted([
        (["We are ready", "and we will win"], "he"),
        (["that Jones claimed the vote was rigged"], "Smith"),
        (["the vote was rigged"], "Jones"),
    ])


class _Interrupted(Exception):
    pass


@pytest.mark.parametrize("precision", ["float32", "bfloat16"])
def test_training_resumes_from_its_checkpoint_to_the_same_weights(tmp_path, polnear_dev, precision):
    """A run cut off after its first checkpoint and started again ends with exactly the weights of a run that was
    never interrupted (same seed, windows, batch order and dropout), in either precision of the forward pass."""
    from safetensors.torch import load_file

    from claimgraph.training.tagger import TrainConfig, train

    config = TrainConfig(epochs=1, batch=2, limit=2, checkpoint_every=2, threads=1, precision=precision)
    whole = tmp_path / "whole.safetensors"
    train(polnear_dev, polnear_dev, tmp_path / "a", whole, config, log=lambda line: None)

    def stop_at_first_checkpoint(line: str) -> None:
        if line.startswith("epoch 1 step 2/"):
            raise _Interrupted

    resumed = tmp_path / "resumed.safetensors"
    with pytest.raises(_Interrupted):
        train(polnear_dev, polnear_dev, tmp_path / "b", resumed, config, log=stop_at_first_checkpoint)
    assert (tmp_path / "b" / "checkpoint.pt").is_file() and not resumed.exists()
    lines: list[str] = []
    best = train(polnear_dev, polnear_dev, tmp_path / "b", resumed, config, log=lines.append)
    assert lines[0] == "resuming at epoch 1, step 2/" + lines[0].rsplit("/", 1)[1]
    a, b = load_file(str(whole)), load_file(str(resumed))
    assert a.keys() == b.keys() and all((a[k] == b[k]).all() for k in a)
    assert set(best["exact_f1"]) == {"source", "cue", "content"}
    assert (tmp_path / "b" / "train-log.jsonl").read_text().count('"epoch": 1') == 2  # the epoch line, the final one


def test_sentence_ends_counted_once_agree_with_a_scan_of_each_gap():
    """Linking counts sentence ends between spans by bisection over ends found once; it must count what a scan of
    each gap counts (here over every pair of positions of a text written for the test)."""
    import random

    from claimgraph.nlp.tagger.decode import _SENTENCE_END, _Marks

    text = ("“We will win,” she said. “The vote is Friday.” Officials agreed! Was it true? (Nobody knew.) "
            "The mayor said so.\n\nA new paragraph. 'Quoted,' he added. End.")
    marks = _Marks(text)
    rng = random.Random(7)
    for _ in range(2000):
        a, b, c, d = sorted(rng.sample(range(len(text) + 1), 4))
        frag, cue = ((a, b), (c, d)) if rng.random() < 0.5 else ((c, d), (a, b))
        lo, hi = (frag[1], cue[0]) if frag[1] <= cue[0] else (cue[1], frag[0])
        quoted = text[max(0, frag[0] - 1):frag[0] + 1].strip()[:1] in "\"“‘" or \
            text[frag[1] - 1:frag[1] + 2].strip()[-1:] in "\"”’"
        scanned = 0 if hi <= lo or quoted else len(_SENTENCE_END.findall(text, lo, min(len(text), hi + 3)))
        assert marks.ends(frag, cue) == scanned, (frag, cue)
        assert marks.breaks(frag, cue) == (text.count("\n", lo, hi) if hi > lo else 0)


def test_best_path_never_opens_a_span_on_i_and_keeps_a_span_whole():
    from math import log

    from claimgraph.nlp.tagger.paths import best_path

    def lp(o, b, i):
        return (log(o), log(b), log(i))
    # O, then a piece whose likeliest tag is I: the valid path opens the span with B
    assert best_path([lp(.9, .05, .05), lp(.2, .3, .5), lp(.1, .1, .8)]) == [0, 1, 2]
    # a stray, barely likelier B inside a span does not cut it in two
    assert best_path([lp(.1, .8, .1), lp(.1, .1, .8), lp(.1, .46, .44), lp(.1, .1, .8)]) == [1, 2, 2, 2]


def test_best_path_is_the_viterbi_path_of_the_transition_table():
    """The decoder written out for three tags finds what a plain Viterbi over ``_TRANSITIONS`` finds, ties
    included (the earlier tag wins), on random scores."""
    import random
    from math import log

    from claimgraph.nlp.tagger.paths import _TRANSITIONS, best_path

    def viterbi(lps):
        score, back = [lps[0][0], lps[0][1], -1e9], []
        for lp in lps[1:]:
            prev = [max(range(3), key=lambda p: score[p] + _TRANSITIONS[p][cur]) for cur in range(3)]
            score = [score[prev[cur]] + _TRANSITIONS[prev[cur]][cur] + lp[cur] for cur in range(3)]
            back.append(prev)
        tag = max(range(3), key=lambda t: score[t])
        path = [tag]
        for prev in reversed(back):
            tag = prev[tag]
            path.append(tag)
        return path[::-1]

    rng = random.Random(3)
    for _ in range(2000):
        lps = []
        for _ in range(rng.randrange(1, 40)):
            if rng.random() < 0.2:  # tied scores
                lps.append(tuple(rng.choice([0.0, -1.0, -2.0]) for _ in range(3)))
            else:
                x = [rng.random() ** 3 + 1e-9 for _ in range(3)]
                lps.append(tuple(log(v / sum(x)) for v in x))
        assert best_path(lps) == viterbi(lps)


def test_bfloat16_tags_are_the_float32_tags_on_a_news_article(seed_path):
    """The network's matrix products in bfloat16 (``model_precision``) leave the decoded tags of a whole article
    as in float32, but for a handful of pieces at most."""
    from claimgraph.nlp.tagger.network import load_weights, predict

    enc = encode([seed_path.read_text(encoding="utf-8")])
    model = load_weights()
    full, half = predict(model, enc)[0], predict(model, enc, bfloat16=True)[0]
    assert len(full.labels) == len(half.labels) > 1000
    differ = sum(a != b for a, b in zip(full.labels, half.labels))
    assert differ <= 0.005 * len(full.labels), differ
    assert half.states.dtype == full.states.dtype and abs(half.states.astype(float) - full.states).mean() < 0.01


def test_training_from_trained_weights_scores_them_first_and_keeps_them_when_nothing_improves(tmp_path, polnear_dev):
    """``init`` starts from the shipped model: its dev figures are logged as epoch 0 (far above fresh heads), and
    an epoch that changes nothing (learning rate 0) does not replace them."""
    import json

    from safetensors.torch import load_file

    from claimgraph.nlp.tagger.network import WEIGHTS
    from claimgraph.training.tagger import TrainConfig, train

    out = tmp_path / "out.safetensors"
    config = TrainConfig(epochs=1, batch=2, limit=2, threads=1, lr=0.0, head_lr=0.0, init=str(WEIGHTS))
    best = train(polnear_dev, polnear_dev, tmp_path / "w", out, config, log=lambda line: None)
    entries = [json.loads(line) for line in (tmp_path / "w" / "train-log.jsonl").read_text().splitlines()]
    assert [e.get("epoch") for e in entries[:2]] == [0, 1] and entries[0]["init"] == str(WEIGHTS)
    assert entries[0]["attribution_f1"] > 50 and best["epoch"] == 0
    shipped, written = load_file(str(WEIGHTS)), load_file(str(out))
    assert shipped.keys() == written.keys() and all((shipped[k] == written[k]).all() for k in shipped)


def test_the_encoder_computes_what_berts_reference_implementation_computes(seed_path):
    """Our plain-torch MiniLM, with the shipped weights, gives transformers' BertModel's last layer on an article's
    windows (a padded batch included)."""
    import torch
    from transformers import BertConfig, BertModel

    from claimgraph.nlp.tagger.network import base_dir, batch_tensors, load_weights

    model = load_weights()
    reference = BertModel(BertConfig.from_pretrained(str(base_dir())), add_pooling_layer=False).eval()
    state = {k[len("bert."):]: v for k, v in model.state_dict().items() if k.startswith("bert.")}
    reference.load_state_dict(state, strict=False)
    ids = encode([seed_path.read_text(encoding="utf-8")])[0].ids
    chunks = [ids[s:e] for s, e, _, _ in windows(len(ids))][:3] + [ids[:40]]
    batch, mask = batch_tensors(chunks)
    assert not bool(mask.all())
    with torch.inference_mode():
        ours = model.bert(batch, mask)
        theirs = reference(input_ids=batch, attention_mask=mask).last_hidden_state
    real = mask.bool()
    assert ours[real].shape[0] > 700 and torch.allclose(ours[real], theirs[real], atol=1e-4)


@pytest.mark.parametrize("bfloat16", [False, True])
def test_the_traced_network_tags_as_the_network_does(seed_path, bfloat16):
    """What analysis runs (``network.compiled``: traced, weights cast once) gives the labels and states of the
    network it was traced from, run eagerly (under autocast where bfloat16), on texts of several lengths."""
    import numpy as np

    from claimgraph.nlp.tagger.network import compiled, load_weights, predict

    text = seed_path.read_text(encoding="utf-8")
    enc = encode([text, text[:300], text[:2000]])
    eager = predict(load_weights(), enc, bfloat16=bfloat16)
    traced = predict(compiled(bfloat16=bfloat16), enc)
    for a, b in zip(eager, traced):
        assert a.labels == b.labels and np.abs(np.asarray(a.inside) - np.asarray(b.inside)).max() < 1e-3
        assert np.abs(a.states.astype(float) - b.states).max() < 1e-2
    assert sum(1 for tags in traced[0].labels if any(tags)) > 100  # the seed is full of attributions


def test_training_precision_is_used_recorded_and_kept_on_resume(tmp_path, polnear_dev):
    """bfloat16 and float32 forward passes train different weights; the checkpoint records the precision chosen,
    so a run is never resumed in the other one; an unknown precision is refused before anything is read."""
    from safetensors.torch import load_file

    from claimgraph.errors import DataError, SettingsError
    from claimgraph.training.tagger import TrainConfig, train

    quiet = lambda line: None  # noqa: E731
    weights = {}
    for precision in ("float32", "bfloat16"):
        config = TrainConfig(epochs=1, batch=2, limit=1, checkpoint_every=1, threads=1, precision=precision)
        train(polnear_dev, polnear_dev, tmp_path / precision, tmp_path / f"{precision}.safetensors", config, log=quiet)
        weights[precision] = load_file(str(tmp_path / f"{precision}.safetensors"))
    assert any((weights["float32"][k] != weights["bfloat16"][k]).any() for k in weights["float32"])
    other = TrainConfig(epochs=1, batch=2, limit=1, checkpoint_every=1, threads=1, precision="float32")
    with pytest.raises(DataError, match="checkpoint of a different configuration"):
        train(polnear_dev, polnear_dev, tmp_path / "bfloat16", tmp_path / "again.safetensors", other, log=quiet)
    with pytest.raises(SettingsError, match="not 'float8'"):
        train(polnear_dev, polnear_dev, tmp_path / "x", tmp_path / "w.safetensors", TrainConfig(precision="float8"),
              log=quiet)
    assert not (tmp_path / "x").exists()
