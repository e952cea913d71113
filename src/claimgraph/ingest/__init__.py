"""Inputs in, documents out: where articles come from (files, JSONL, feeds, WARC, URL lists, fetched pages) and
their bytes turned into article text and metadata (decoding, HTML extraction)."""
