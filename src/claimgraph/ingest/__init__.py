"""Bytes in, article text and metadata out: decoding, HTML extraction and page layout (chrome, captions)."""
