"""Command line: parses arguments, calls the library, prints. Nothing else lives here.

``common`` holds the app and what commands share; each other module registers its commands on import."""

# Importing a module registers its commands, in the order --help lists them.
from . import analysis  # noqa: F401
from . import store  # noqa: F401
from . import people  # noqa: F401
from . import claims  # noqa: F401
from . import anatomy  # noqa: F401
from . import extraction  # noqa: F401
from .common import app, main

__all__ = ["app", "main"]
