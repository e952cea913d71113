"""claimgraph: who claimed what in the news.

    >>> import claimgraph
    >>> result = claimgraph.analyze("“We will win,” the mayor said on Monday.", published="2024-10-28")
    >>> [(a.source.text, a.cue.text, a.kind) for a in result.attributions]
    [('the mayor', 'said', 'direct')]
"""

from .analysis import analyze, analyze_document, analyze_many, read_document
from .corpus.ingest import IngestSummary, ingest_inputs
from .errors import (ClaimgraphError, DataError, FetchError, InputError, MissingExtra, ModelError, OverBudget,
                     SettingsError, StoreError, UnsafeBinding)
from .model import (Analysis, Article, Attribution, Document, Entity, Failure, Hedge, Origin, Quantity, Sentence,
                    Source, Span, Time)
from .settings import Settings
from .store import Store, open_store

__all__ = [
    "Analysis", "Article", "Attribution", "ClaimgraphError", "DataError", "Document", "Entity", "Failure",
    "FetchError", "Hedge", "IngestSummary", "InputError", "MissingExtra", "ModelError", "Origin", "OverBudget",
    "Quantity",
    "Sentence", "Settings", "SettingsError", "Source", "Span", "Store", "StoreError", "Time", "UnsafeBinding",
    "analyze", "analyze_document", "analyze_many", "ingest_inputs", "open_store", "read_document",
]
__version__ = "0.2.0"
