"""The store: analysed articles in SQLite (a plain file, the default) or PostgreSQL, one schema for both."""

from .base import Store, open_store

__all__ = ["Store", "open_store"]
