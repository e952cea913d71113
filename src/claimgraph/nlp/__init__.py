"""The spaCy side of claimgraph: pipeline loading, component registrations, stages and Doc → dataclass conversion.

Only this package imports spaCy.
"""
