"""What the attribution patterns share: the working ``Candidate`` (token ranges on the parse), the per-document
``Context`` (quotations, skipped blocks, the entity table being resolved into) and small range helpers."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...records import EntityRecord, SpeakerRecord
from ..entities import add_entity
from ..layout import doc_blocks
from ..quotes import quote_index

QUOTE_MARKS = "\"“”«»„‘’'`"
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}


@dataclass
class Candidate:
    cue: tuple[int, int] | None           # token range
    source: Token | None                  # head of the source phrase
    content: list[tuple[int, int]]        # token ranges
    statement: bool = True
    """Speech or writing; False for beliefs and intentions ("wants to", "is seeking to")."""
    source_chars: tuple[int, int] | None = None
    """The source's exact character range, where a tagger gave it rather than the parse."""
    confidence: float | None = None


class Context:
    """Per-document lookups the patterns share: which tokens are quoted, skipped, in which block; and a working
    copy of the entity table that speaker resolution adds to, in reading order, so a later pronoun can find a
    body an earlier source named. What it adds is kept in ``speakers``: the stage never writes the entity
    stage's records."""

    def __init__(self, doc: Doc, min_quote_tokens: int) -> None:
        self.doc = doc
        self.min_quote_tokens = min_quote_tokens
        self.skip = [False] * len(doc)
        for block in doc_blocks(doc):
            if block.role in {"boilerplate", "caption"}:
                span = doc.char_span(block.start, block.end, alignment_mode="expand")
                if span is not None:
                    for i in range(span.start, span.end):
                        self.skip[i] = True
        self.quotes: list[Span] = list(doc.spans["quotes"]) if "quotes" in doc.spans else []
        self.quote_of = quote_index(doc)
        self.entities: list[EntityRecord] = copy.deepcopy(doc._.cg_entities or [])
        self.speakers: list[SpeakerRecord] = []

    def add_speaker(self, name: str, type_: str, start: int, end: int) -> EntityRecord:
        """A source resolved to ``name``: found in (or added to) the working entity table, and recorded."""
        self.speakers.append(SpeakerRecord(name=name, type=type_, start=start, end=end))
        return add_entity(self.entities, name, type_, start, end)

    def is_statement(self, q: Span) -> bool:
        words = [t for t in q if not (t.is_punct or t.is_space)]
        return len(words) >= self.min_quote_tokens and (
            any(t.pos_ in {"VERB", "AUX"} for t in words) or len(words) >= 8)


def subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def merge(ranges: list[tuple[int, int]]) -> tuple[int, int]:
    return min(s for s, _ in ranges), max(e for _, e in ranges)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def in_quote(ctx: Context, tok: Token) -> bool:
    return ctx.quote_of[tok.i] is not None


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].is_space or doc[start].text in {",", ":", "—", "–", ";"}):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in {",", ":", "—", "–", ";"}
                           or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end
