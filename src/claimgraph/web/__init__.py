"""The reading room: HTML pages and a JSON API over the store (FastAPI), the ``web`` extra. Thin: pages and
endpoints call ``claimgraph.store.queries`` and ``claimgraph.analysis``."""

from ..errors import MissingExtra

try:
    import fastapi  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingExtra("web", "the web server") from exc

from .app import create_app  # noqa: E402

__all__ = ["create_app"]
