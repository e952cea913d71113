"""The span-level view of attributions that every reader produces and the scorer compares.

Spans are tuples of (start, end) character fragments so that discontinuous annotations (a quotation broken by
its speaker) are represented exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text.blocks import blocks
from ..text.quotations import find_quotes, quoted_chars
from ..model import Analysis

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class SpanAttribution:
    content: Fragments
    source: Fragments = ()
    cue: Fragments = ()
    kind: str = ""


@dataclass(frozen=True)
class AnnotatedDocument:
    name: str
    text: str
    attributions: tuple[SpanAttribution, ...]
    publisher: str | None = None
    published: str | None = None
    meta: dict = field(default_factory=dict, compare=False)


def from_analysis(analysis: Analysis) -> tuple[SpanAttribution, ...]:
    out = []
    for att in analysis.attributions:
        parts = att.parts
        out.append(SpanAttribution(
            content=tuple((p.start, p.end) for p in parts),
            source=((att.source.start, att.source.end),) if att.source else (),
            cue=((att.cue.start, att.cue.end),) if att.cue else (),
            kind=att.kind))
    return tuple(out)


def kind_of(text: str, content: Fragments, inside: list[bool] | None = None) -> str:
    """direct / mixed / indirect from the quotation marks alone, so gold without kinds can be broken down too."""
    if inside is None:
        inside = quoted_chars(text, find_quotes(text, blocks(text)))
    chars = [i for s, e in content for i in range(s, e) if text[i].isalnum()]
    if not chars:
        return "indirect"
    quoted = sum(1 for i in chars if inside[i])
    if quoted == len(chars):
        return "direct"
    return "mixed" if quoted else "indirect"
