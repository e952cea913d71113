"""claimgraph: who claimed what in the news.

    >>> import claimgraph
    >>> result = claimgraph.analyze("“We will win,” the mayor said on Monday.", published="2024-10-28")
    >>> [(a.source.text, a.cue.text, a.kind) for a in result.attributions]
    [('the mayor', 'said', 'direct')]
"""

from .errors import ClaimgraphError, DataError, InputError, ModelError, SettingsError
from .model import Analysis, Article, Attribution, Entity, Hedge, Quantity, Sentence, Source, Span, Time
from .service import (Document, Failure, IngestSummary, analyze, analyze_document, analyze_many, ingest_inputs,
                      read_document)
from .settings import Settings
from .store import Store, open_store

__all__ = [
    "Analysis", "Article", "Attribution", "ClaimgraphError", "DataError", "Document", "Entity", "Failure",
    "Hedge", "IngestSummary", "InputError", "ModelError", "Quantity", "Sentence", "Settings", "SettingsError",
    "Source", "Span", "Store", "Time", "analyze", "analyze_document", "analyze_many", "ingest_inputs", "open_store",
    "read_document",
]
__version__ = "0.1.0"
