"""The reading room: HTML pages and a JSON API over the store (FastAPI). Thin: pages and endpoints call
``claimgraph.query`` and ``claimgraph.service``."""

from .app import create_app

__all__ = ["create_app"]
