"""Mark blocks (headline, body, caption, boilerplate) and start a sentence at every block.

Runs before the parser, which respects preset sentence starts, so a headline without a full stop never merges
with the first sentence of the body.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...text.blocks import Block, blocks


def layout_component(doc: Doc, set_sentence_starts: bool = True) -> Doc:
    spans = []
    for block in blocks(doc.text):
        span = doc.char_span(block.start, block.end, label=block.role, alignment_mode="expand")
        if span is None:
            continue
        spans.append(span)
        if set_sentence_starts:
            if span.start > 0:
                doc[span.start].is_sent_start = True
            if span.end < len(doc):
                doc[span.end].is_sent_start = True
    doc.spans["layout"] = spans
    return doc


def doc_blocks(doc: Doc) -> list[Block]:
    """The blocks stored by :func:`layout_component` (computed now when the stage did not run)."""
    if "layout" not in doc.spans:
        return blocks(doc.text)
    return [Block(s.start_char, s.end_char, s.label_) for s in doc.spans["layout"]]  # type: ignore[arg-type]


def block_role_at(blocks_: list[Block], char: int) -> str:
    for block in blocks_:
        if block.start <= char < block.end:
            return block.role
    return "body"
