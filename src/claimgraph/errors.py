"""The one exception tree of claimgraph.

    ClaimgraphError                 anything claimgraph raises on purpose
     ├── InputError                 a document cannot be read or analysed (names the document and the reason)
     ├── SettingsError              a setting or settings file is invalid
     ├── ModelError                 the spaCy pipeline cannot be loaded or lacks what a stage needs
     └── DataError                  an evaluation corpus or gold file is malformed

Callers that process many documents catch ``InputError`` per document and go on with the rest.
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class: every error claimgraph raises on purpose."""


class InputError(ClaimgraphError):
    """A document that cannot be analysed; ``document`` names it and ``reason`` says why."""

    def __init__(self, document: str, reason: str) -> None:
        super().__init__(f"{document}: {reason}")
        self.document = document
        self.reason = reason


class SettingsError(ClaimgraphError):
    """An invalid setting, settings file or environment variable."""


class ModelError(ClaimgraphError):
    """The spaCy pipeline cannot be loaded or is unsuitable."""


class DataError(ClaimgraphError):
    """A corpus or gold annotation file that does not have the expected shape."""
