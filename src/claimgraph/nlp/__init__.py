"""The spaCy side of claimgraph: pipeline loading (``pipeline``), one registered component per stage
(``registry``, ``stages``, ``tagger``), the records they write (``records``), and the step that combines those
records into the dataclasses of ``claimgraph.model`` (``combine``, ``convert``).

Only this package imports spaCy.
"""
