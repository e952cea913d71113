"""Imported by the forkserver of analysis workers, last of ``pool.PRELOAD``: loads and runs the pipeline of the
pool that started the server (see :func:`claimgraph.corpus.pool.warm_server`)."""

from .pool import warm_server

warm_server()
