"""Mark blocks (headline, body, caption, boilerplate) and start a sentence at every block.

Runs before the parser, which respects preset sentence starts, so a headline without a full stop never merges
with the first sentence of the body.
"""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.tokens import Doc

from ...text.blocks import Block, blocks
from ..records import doc_text


def layout_component(doc: Doc, set_sentence_starts: bool = True) -> Doc:
    spans = []
    starts = doc.to_array(SENT_START) if set_sentence_starts and len(doc) else None
    for block in blocks(doc_text(doc)):
        span = doc.char_span(block.start, block.end, label=block.role, alignment_mode="expand")
        if span is None:
            continue
        spans.append(span)
        if starts is not None:
            if span.start > 0:
                starts[span.start] = 1
            if span.end < len(doc):
                starts[span.end] = 1
    if starts is not None:  # at once: each Token.is_sent_start = True scans the whole Doc for a parse first
        doc.from_array([SENT_START], starts.reshape(-1, 1))
    doc.spans["layout"] = spans
    return doc


def doc_blocks(doc: Doc) -> list[Block]:
    """The blocks stored by :func:`layout_component` (computed now when the stage did not run)."""
    if "layout" not in doc.spans:
        return blocks(doc_text(doc))
    return [Block(s.start_char, s.end_char, s.label_) for s in doc.spans["layout"]]  # type: ignore[arg-type]


def block_role_at(blocks_: list[Block], char: int) -> str:
    for block in blocks_:
        if block.start <= char < block.end:
            return block.role
    return "body"
