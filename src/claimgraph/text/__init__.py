"""Plain-text structure, before any parse: blocks (headline, body, caption, page chrome) and quotations.

Both the spaCy stages and the evaluation read text through these, so offsets agree everywhere.
"""
