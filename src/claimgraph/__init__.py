"""claimgraph: who claimed what in the news.

    >>> import claimgraph
    >>> result = claimgraph.analyze("“We will win,” the mayor said on Monday.", published="2024-10-28")
    >>> [(a.source.text, a.cue.text, a.kind) for a in result.attributions]
    [('the mayor', 'said', 'direct')]
"""

from .errors import ClaimgraphError, DataError, InputError, ModelError, SettingsError
from .model import Analysis, Article, Attribution, Entity, Sentence, Source, Span
from .service import Document, Failure, analyze, analyze_many, read_document
from .settings import Settings

__all__ = [
    "Analysis", "Article", "Attribution", "ClaimgraphError", "DataError", "Document", "Entity", "Failure",
    "InputError", "ModelError", "Sentence", "Settings", "SettingsError", "Source", "Span", "analyze",
    "analyze_many", "read_document",
]
__version__ = "0.1.0"
