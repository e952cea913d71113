"""From per-piece BIO labels to role spans, and from role spans to attributions.

Spans are snapped to whole words. Linking is anchored on cues, as in PolNeAR, where every attribution has exactly
one cue of its own: each content span goes to the nearest cue outside it (a cue inside a content belongs to a
statement reported within it), the content spans of one cue form one attribution (``“A,” he said, “B.”``), and
each cue takes the nearest source outside its content, which several statements may share.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Sequence

from .network import B, I, O, PARTS, Encoded

Range = tuple[int, int]
MAX_CUE_GAP = 400       # characters between a content and its cue
MAX_SOURCE_GAP = 250    # characters between a cue and its source
MAX_HOLE = 10           # characters of a hole inside one content (PolNeAR dev: 20 and more join what is apart)


@dataclass(frozen=True)
class Linked:
    cue: Range
    content: tuple[Range, ...]
    source: Range | None
    confidence: float = 1.0
    """The tagger's mean probability over the cue's and the content's pieces, the lower of the two."""


def spans(text: str, enc: Encoded, labels: Sequence[tuple[int, int, int]]) -> dict[str, list[Range]]:
    """Character spans per role from piece labels (an I without a B opens a span too)."""
    out: dict[str, list[Range]] = {}
    for r, role in enumerate(PARTS):
        found: list[Range] = []
        start = None
        for k, tags in enumerate(labels):
            tag = tags[r] if tags is not None else O
            if start is not None and (tag != I):
                found.append((enc.offsets[start][0], enc.offsets[k - 1][1]))
                start = None
            if tag in (B, I) and start is None:
                start = k
        if start is not None:
            found.append((enc.offsets[start][0], enc.offsets[len(labels) - 1][1]))
        out[role] = _merge([_snap(text, s, e) for s, e in found])
    return out


def _snap(text: str, s: int, e: int) -> Range:
    while s > 0 and text[s - 1].isalnum() and text[s].isalnum():
        s -= 1
    while e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
        e += 1
    return s, e


def _merge(ranges: list[Range]) -> list[Range]:
    out: list[Range] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def piece_labels(enc: Encoded, roles: dict[str, Sequence[Range]]) -> list[list[int]]:
    """Training labels: per piece, one BIO tag per role, from character spans (longest spans first)."""
    labels = [[O] * len(PARTS) for _ in enc.ids]
    for r, role in enumerate(PARTS):
        for s, e in sorted(roles.get(role, ()), key=lambda x: x[0] - x[1]):
            first = True
            for k, (ps, pe) in enumerate(enc.offsets):
                if ps < e and pe > s:
                    if labels[k][r] == O:
                        labels[k][r] = B if first else I
                    first = False
    return labels


def confidence(enc: Encoded, inside: Sequence[tuple[float, float, float]], linked: list[Linked]) -> list[Linked]:
    """Each attribution with its confidence: how sure the tagger was of its cue and of its content."""
    ends = [e for _, e in enc.offsets]

    def mean(role: int, ranges) -> float:
        ps = []
        for rs, re_ in ranges:  # the pieces overlapping each range, found by bisection: this runs per document
            k = bisect_right(ends, rs)
            while k < len(ends) and enc.offsets[k][0] < re_:
                ps.append(inside[k][role])
                k += 1
        return sum(ps) / len(ps) if ps else 0.0
    return [Linked(a.cue, a.content, a.source, round(min(mean(1, [a.cue]), mean(2, a.content)), 3)) for a in linked]


def _gap(a: Range, b: Range) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _inside(inner: Range, outer: Range) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def link(text: str, roles: dict[str, list[Range]]) -> list[Linked]:
    cues, contents, sources = roles["cue"], roles["content"], roles["source"]
    marks = _Marks(text)
    by_cue: dict[Range, list[Range]] = {}
    for frag in contents:
        candidates = [(_gap(frag, c) + marks.breaks(frag, c) * 200 + marks.ends(frag, c) * MAX_CUE_GAP, c)
                      for c in cues if not _inside(c, frag)]
        candidates = [x for x in candidates if x[0] <= MAX_CUE_GAP]
        if candidates:
            by_cue.setdefault(min(candidates)[1], []).append(frag)
    out = []
    for cue, frags in sorted(by_cue.items()):
        frags = sorted(frags)
        options = [(_gap(cue, s) + marks.breaks(cue, s) * 200, s) for s in sources
                   if not any(_inside(s, f) or _gap(s, f) == 0 and _inside(s, (f[0] - 1, f[1] + 1)) for f in frags)]
        options = [o for o in options if o[0] <= MAX_SOURCE_GAP]
        out.append(Linked(cue, tuple(frags), min(options)[1] if options else None))
    return out


def close_holes(text: str, roles: dict[str, list[Range]], linked: list[Linked]) -> list[Linked]:
    """A content with a hole the tagger left (a word or two it was unsure of) is one span: the pieces of a
    content are kept apart only by a cue or a source (``“A,” he said, “B.”``) or a paragraph break. Done after
    ``confidence``, which measures the pieces the tagger did tag."""
    marks = [*roles["cue"], *roles["source"]]
    return [Linked(a.cue, tuple(_close(text, list(a.content), marks)), a.source, a.confidence) for a in linked]


_HOLE_STOP = re.compile(r"\n|[.?!;]")


def _close(text: str, frags: list[Range], marks: list[Range]) -> list[Range]:
    out = [frags[0]]
    for s, e in frags[1:]:
        gap = (out[-1][1], s)
        if s - out[-1][1] <= MAX_HOLE and not _HOLE_STOP.search(text, gap[0], gap[1]) and \
                not any(m[0] < gap[1] and gap[0] < m[1] for m in marks):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


_SENTENCE_END = re.compile(r"[.?!][\"'”’)]*\s+[\"“‘(]*[A-Z]")


class _Marks:
    """Where the text's sentence ends and line breaks are, found once, so that counting them between two spans
    is a bisection rather than a scan: linking stays linear in the length of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
        self.end_starts = [a for a, _ in found]
        self.end_ends = [b for _, b in found]
        self.newlines = [i for i, c in enumerate(text) if c == "\n"]

    def ends(self, frag: Range, cue: Range) -> int:
        """Sentence ends between a content and a cue; none count for a quotation (“It’s finished,” she said.
        “In my head, anyway.”), whose sentences are the speaker's own."""
        text = self.text
        lo, hi = (frag[1], cue[0]) if frag[1] <= cue[0] else (cue[1], frag[0])
        quoted = text[max(0, frag[0] - 1):frag[0] + 1].strip()[:1] in "\"“‘" or \
            text[frag[1] - 1:frag[1] + 2].strip()[-1:] in "\"”’"
        if hi <= lo or quoted:
            return 0
        # the matches wholly inside [lo, hi + 3): they never overlap, so those found once are those a scan finds
        first = bisect_left(self.end_starts, lo)
        last = bisect_right(self.end_ends, min(len(text), hi + 3))
        return max(0, last - first)

    def breaks(self, a: Range, b: Range) -> int:
        """Paragraph breaks between two spans: statements rarely reach across them."""
        lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
        return bisect_left(self.newlines, hi) - bisect_left(self.newlines, lo) if hi > lo else 0
