"""Quotation spans on the Doc, from the text-level quotation finder."""

from __future__ import annotations

from spacy.tokens import Doc

from ...text.quotations import find_quotes
from ..records import doc_text
from .layout import doc_blocks


def quote_component(doc: Doc) -> Doc:
    """Store quotations in ``doc.spans["quotes"]``, one span per quotation (a quote over several paragraphs is one
    span), labelled ``quote`` or ``single``."""
    spans = []
    seen: set[tuple[int, int]] = set()
    for q in find_quotes(doc_text(doc), doc_blocks(doc)):
        if (q.group_start, q.group_end) in seen:
            continue
        seen.add((q.group_start, q.group_end))
        span = doc.char_span(q.group_start, q.group_end, label="single" if q.single else "quote",
                             alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["quotes"] = spans
    return doc


def quote_index(doc: Doc) -> list[int | None]:
    """For every token, the index of the quotation in ``doc.spans["quotes"]`` that holds it, else None."""
    index: list[int | None] = [None] * len(doc)
    for qi, q in enumerate(doc.spans["quotes"] if "quotes" in doc.spans else []):
        for i in range(q.start, q.end):
            index[i] = qi
    return index
