"""The one exception tree of claimgraph: every class claimgraph raises on purpose is defined here.

    ClaimgraphError                 anything claimgraph raises on purpose
     ├── InputError                 a document cannot be read or analysed (names the document and the reason)
     │    └── FetchError            a page or feed could not be fetched; ``transient`` when a retry may succeed
     ├── SettingsError              a setting, settings file or argument is invalid
     ├── ModelError                 the spaCy pipeline or the attribution model cannot be loaded
     ├── DataError                  an evaluation corpus or gold file is malformed
     ├── StoreError                 the store cannot be opened, migrated, written or queried
     ├── UnsafeBinding              refusing to serve writes to the network without a token
     └── MissingExtra               an optional part of claimgraph is used without its extra installed

    OverBudget (a BaseException)    interrupts an analysis that ran past its time budget

Callers that process many documents catch ``InputError`` per document and go on with the rest.
"""

from __future__ import annotations

__all__ = ["ClaimgraphError", "DataError", "FetchError", "InputError", "MissingExtra", "ModelError",
           "OverBudget", "SettingsError", "StoreError", "UnsafeBinding"]


class ClaimgraphError(Exception):
    """Base class: every error claimgraph raises on purpose."""


class InputError(ClaimgraphError):
    """A document that cannot be analysed; ``document`` names it and ``reason`` says why."""

    def __init__(self, document: str, reason: str) -> None:
        super().__init__(f"{document}: {reason}")
        self.document = document
        self.reason = reason


class FetchError(InputError):
    """A URL that could not be fetched. ``transient`` failures (a time-out, 429, 5xx, a dropped connection) are
    retried with backoff; the others (404, refused address, robots.txt) are final."""

    def __init__(self, document: str, reason: str, transient: bool = False) -> None:
        super().__init__(document, reason)
        self.transient = transient


class SettingsError(ClaimgraphError):
    """An invalid setting, settings file, environment variable or argument (an unknown export format)."""


class ModelError(ClaimgraphError):
    """The spaCy pipeline cannot be loaded or is unsuitable."""


class DataError(ClaimgraphError):
    """A corpus or gold annotation file that does not have the expected shape."""


class StoreError(ClaimgraphError):
    """The store cannot be opened, migrated, written or queried."""


class UnsafeBinding(ClaimgraphError):
    """Refusing to serve writes to the network without a token."""


class MissingExtra(ClaimgraphError):
    """A part of claimgraph that needs an optional extra (``postgres``, ``dask``, ``web``, ``parquet``) was used
    without it; the message names the extra to install."""

    def __init__(self, extra: str, needed_for: str) -> None:
        super().__init__(f"{needed_for} needs the '{extra}' extra: pip install 'claimgraph[{extra}]'")
        self.extra = extra


class OverBudget(BaseException):
    """Raised by the analysis timer into whatever code is running when a document's time budget is spent. Not an
    ``Exception``, so that no ``except Exception`` on the way swallows it; the analysis turns it into a failure of
    that document."""
