"""How likely a sentence is the writer's own opinion: a logistic regression over a vector of the sentence's first
``MAX_WORDS`` words and counts of evaluative, booster, hedge and deontic words, first and second person,
exclamations and questions.

The vector is what is at hand for free. When the attribution tagger ran, it is the tagger encoder's last layer
averaged over the sentence's word pieces (``states``: no encoder runs for it, and the tagger's training on who
says what makes it the better feature, 0.76 macro-F1 in cross-validation against 0.74 for a MiniLM sentence
embedding). Without the tagger (rules only, the fast mode) it is the mean and maximum of MiniLM's word-piece
embeddings (``pieces``: a table lookup, 0.70). One model per vector is learnt on CheckThat! 2023 subjectivity
train (``claimgraph train --opinion``), shipped in ``weights/opinion.json`` and read with numpy alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from ..lexicon import BOOSTER_WORDS, DEONTIC, EVALUATIVE_WORDS, HEDGE_WORDS
from ..records import StatesRecord

OPINION_WEIGHTS = Path(__file__).with_name("weights") / "opinion.json"
FEATURES = ("states", "pieces")
LEXICAL = ("evaluative", "booster", "hedge", "deontic", "first_person", "second_person", "exclamation",
           "question", "quotation", "superlative", "log_words")
MAX_WORDS = 20
"""A sentence's stance shows early; reading 32 words instead measured no better."""
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_SPACED = re.compile(r"\S+")
_FIRST = frozenset("i we my our us me ours myself ourselves".split())
_SECOND = frozenset("you your yours yourself yourselves".split())


def lexical_features(text: str) -> list[float]:
    """The word-list counts, in ``LEXICAL`` order (from the text alone, so training needs no parse)."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    return [float(sum(w in EVALUATIVE_WORDS for w in words)), float(sum(w in BOOSTER_WORDS for w in words)),
            float(sum(w in HEDGE_WORDS for w in words)), float(sum(w in DEONTIC for w in words)),
            float(sum(w in _FIRST for w in words)), float(sum(w in _SECOND for w in words)), float(text.count("!")),
            float(text.count("?")), float(sum(text.count(q) for q in '"“”')),
            float(sum(w.endswith("est") and len(w) > 5 for w in words)), float(np.log(max(len(words), 1)))]


def first_words_end(text: str) -> int:
    """Where the first ``MAX_WORDS`` words of ``text`` end (words as whitespace separates them)."""
    end = 0
    for k, match in enumerate(_SPACED.finditer(text)):
        if k == MAX_WORDS:
            break
        end = match.end()
    return end


def state_vector(states: StatesRecord, begin: int, end: int) -> np.ndarray:
    """The mean of the encoder's rows for the pieces that start in ``[begin, end)`` (zeros when none)."""
    starts = np.frombuffer(states["starts"], dtype=np.int32)
    rows = np.frombuffer(states["vectors"], dtype=np.float16).reshape(len(starts), states["width"])
    chosen = rows[(starts >= begin) & (starts < end)]
    return chosen.astype(np.float32).mean(axis=0) if len(chosen) else np.zeros(states["width"], np.float32)


@lru_cache(maxsize=1)
def _piece_table() -> np.ndarray:
    from safetensors import safe_open

    from ..tagger.network import base_dir

    with safe_open(str(base_dir() / "model.safetensors"), framework="numpy") as f:
        return f.get_tensor("embeddings.word_embeddings.weight").astype(np.float32)


_BERT_SPACE = re.compile("[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
"""What MiniLM's tokenizer splits words on first (Unicode White_Space; not Python's ``str.split``, which also
splits on the separators U+001C-U+001F that the tokenizer deletes)."""


@lru_cache(maxsize=50_000)
def word_pieces(word: str) -> tuple[int, ...]:
    """One word's MiniLM piece ids, kept for the 50,000 words last used (about 14 MB)."""
    from ..tagger.network import tokenizer

    return tuple(tokenizer().encode(word, add_special_tokens=False).ids)


def piece_ids(text: str) -> list[int]:
    """MiniLM's piece ids of ``text``: the tokenizer splits words at white space before anything else, so a text's
    pieces are its words' pieces, each word encoded once (encoding each sentence anew took 4x as long)."""
    return [i for word in _BERT_SPACE.split(text) for i in word_pieces(word)]


def piece_vectors(texts: Sequence[str]) -> list[np.ndarray]:
    """Per text, the mean and the maximum of MiniLM's embeddings of the pieces of its first ``MAX_WORDS`` words."""
    table = _piece_table()
    out = []
    for text in texts:
        ids = piece_ids(text[:first_words_end(text)])
        if not ids:
            out.append(np.zeros(2 * table.shape[1], np.float32))
            continue
        rows = table[ids]
        out.append(np.concatenate([rows.mean(axis=0), rows.max(axis=0)]))
    return out


def feature_rows(texts: Sequence[str], vectors: Sequence[np.ndarray]) -> np.ndarray:
    """One row per text: its vector, then the ``LEXICAL`` counts."""
    return np.asarray([np.concatenate([v, lexical_features(t)]) for t, v in zip(texts, vectors)], dtype=np.float64)


@dataclass(frozen=True)
class OpinionModel:
    features: str
    """Which vector the rows start with (``FEATURES``)."""
    coef: np.ndarray
    """One weight per feature, applied after standardising with ``mean`` and ``scale``."""
    mean: np.ndarray
    scale: np.ndarray
    bias: float
    threshold: float
    """The probability from which a sentence reads as opinion."""
    tagger: str | None = None
    """For ``states``: the digest of the tagger weights whose states it learnt on."""

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if len(rows) == 0:
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-(((rows - self.mean) / self.scale) @ self.coef + self.bias)))

    def to_dict(self) -> dict:
        return {"lexical": list(LEXICAL), "coef": [round(float(w), 6) for w in self.coef],
                "mean": [round(float(m), 6) for m in self.mean], "scale": [round(float(s), 6) for s in self.scale],
                "bias": round(self.bias, 6), "threshold": self.threshold,
                **({"tagger": self.tagger} if self.tagger else {})}


@lru_cache(maxsize=4)
def load_opinion_model(features: str = "states", path: str = str(OPINION_WEIGHTS)) -> OpinionModel:
    data = json.loads(Path(path).read_text(encoding="utf-8"))[features]
    return OpinionModel(features, np.asarray(data["coef"]), np.asarray(data["mean"]), np.asarray(data["scale"]),
                        float(data["bias"]), float(data["threshold"]), data.get("tagger"))


def _model_for(states: StatesRecord | None) -> tuple[OpinionModel, StatesRecord | None]:
    """The ``states`` model and the states, if it learnt on the tagger that wrote them; else the ``pieces`` model
    (rules only, or another tagger's weights until ``claimgraph train --opinion`` is run again)."""
    model = load_opinion_model("states")
    if states is not None and states.get("model") == model.tagger:
        return model, states
    return load_opinion_model("pieces"), None


def opinion_probabilities(texts: Sequence[str], starts: Sequence[int] = (),
                          states: StatesRecord | None = None) -> list[float]:
    """The probability that each text is the writer's opinion, from ``states`` (the tagger's, for the document
    the texts start in at ``starts``) where the ``states`` model can read them, else from the word-piece table."""
    if not texts:
        return []
    model, states = _model_for(states)
    if states is not None:
        vectors = [state_vector(states, s, s + first_words_end(t)) for t, s in zip(texts, starts)]
    else:
        vectors = piece_vectors(texts)
    return [float(p) for p in model.probabilities(feature_rows(texts, vectors))]


def opinion_threshold(states: StatesRecord | None) -> float:
    """The threshold of the model that :func:`opinion_probabilities` uses for these states."""
    return _model_for(states)[0].threshold
