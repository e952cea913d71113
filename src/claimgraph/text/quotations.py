"""Quotation marks paired into quotations (plain text, no parse), including quotes that run over several paragraphs.

Handles curly “…”, straight "…", typewriter ``…'' and ''…'', guillemets, and single ‘…’ quotes (headlines),
telling apostrophes (don’t, Trump's) from closing single quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block

OPEN_DOUBLE = "“«„"
CLOSE_DOUBLE = "”»"
_MARK = re.compile("``|''|[" + re.escape(OPEN_DOUBLE + CLOSE_DOUBLE + "\"‘’'") + "]")
"""Where :func:`_scan` has something to decide: a text is read mark to mark, not character by character."""


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    group_start: int
    """Start of the first paragraph of a quotation that spans paragraphs (else ``start``)."""
    group_end: int
    single: bool = False


def find_quotes(text: str, blocks: list[Block]) -> list[Quote]:
    raw: list[tuple[int, int, bool, bool]] = []  # start, end, single, continues into next block
    for index, block in enumerate(blocks):
        nxt = blocks[index + 1] if index + 1 < len(blocks) else None
        raw.extend(_scan(text, block.start, block.end, nxt))
    quotes: list[Quote] = []
    group: list[tuple[int, int, bool, bool]] = []
    for item in raw:
        group.append(item)
        if not item[3]:
            quotes.extend(Quote(s, e, group[0][0], group[-1][1], single) for s, e, single, _ in group)
            group = []
    if group:
        quotes.extend(Quote(s, e, group[0][0], group[-1][1], single) for s, e, single, _ in group)
    return quotes


def _scan(text: str, start: int, end: int, nxt: Block | None):
    double: int | None = None
    single: int | None = None
    for mark in _MARK.finditer(text, start, end):
        i, two = mark.start(), mark.group()
        c = two[0]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if two == "``":
            if double is None:
                double = i
            continue
        if two == "''":
            after2 = text[i + 2] if i + 2 < end else " "
            if double is not None:
                yield double, i + 2, False, False
                double = None
            elif not before.isalnum() and (after2.isalnum() or after2 in "$(“‘"):
                double = i
            continue
        if c in OPEN_DOUBLE:
            if double is None:
                double = i
        elif c in CLOSE_DOUBLE:
            if double is not None:
                yield double, i + 1, False, False
                double = None
        elif c == '"':
            if double is not None:
                yield double, i + 1, False, False
                double = None
            elif not before.isalnum():
                double = i
        elif c in "‘'" and single is None and not before.isalnum() and (after.isalnum() or after in "$“"):
            single = i
        elif c in "’'" and single is not None and not before.isspace() and not after.isalnum():
            yield single, i + 1, True, False
            single = None
    if double is not None and nxt is not None and _same_style(text[double], text[nxt.start:nxt.start + 2]):
        yield double, end, False, True  # the quotation goes on in the next paragraph


def _same_style(opener: str, next_start: str) -> bool:
    """Multi-paragraph quotations reopen every paragraph with the same mark that opened the first."""
    if opener in OPEN_DOUBLE:
        return next_start[:1] in OPEN_DOUBLE
    if opener == '"':
        return next_start[:1] == '"'
    return next_start in {"``", "''"}


def quoted_chars(text: str, quotes: list[Quote]) -> list[bool]:
    """For each character, whether it lies inside a double quotation (marks included)."""
    inside = [False] * len(text)
    for q in quotes:
        if not q.single:
            for i in range(q.start, q.end):
                inside[i] = True
    return inside
