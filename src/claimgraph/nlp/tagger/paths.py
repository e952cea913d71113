"""The most probable valid tag sequence of one role (a constrained Viterbi decoder over the tagger's scores).

Taking each piece's likeliest tag alone lets a span open on I, or split on a stray B in its middle; the best
path over the whole text forbids O → I and charges a span that is cut in two (B right after B or I), so a
content is drawn as one span unless the scores clearly call for two. On PolNeAR dev this raised exact F1 of
source, cue and content by 1.5 to 2 points in model mode (docs/accuracy.md).
"""

from __future__ import annotations

from typing import Sequence

O, B, I = 0, 1, 2
FORBIDDEN = -1e9
SPLIT = -1.0
"""Log score of opening a span right where another ends (B after B or I)."""
_TRANSITIONS = ((0.0, 0.0, FORBIDDEN),   # from O: O, B; never I
                (0.0, SPLIT, 0.0),       # from B
                (0.0, SPLIT, 0.0))       # from I


def best_path(log_probs: Sequence[Sequence[float]]) -> list[int]:
    """Tags (O, B, I) for pieces with log probabilities ``log_probs[k] = (log P(O), log P(B), log P(I))``.
    Written out for the three tags and ``_TRANSITIONS`` (it runs once per role and piece of every text); ties go
    to the earlier tag, O before B before I."""
    if not log_probs:
        return []
    o, b, i = log_probs[0][O], log_probs[0][B], FORBIDDEN
    back: list[tuple[int, int, int]] = []
    for lo, lb, li in log_probs[1:]:
        # to O: from any tag at no cost
        to_o, so = (O, o) if o >= b and o >= i else ((B, b) if b >= i else (I, i))
        # to B: from O at no cost, from B or I at SPLIT
        b_split, i_split = b + SPLIT, i + SPLIT
        to_b, sb = (O, o) if o >= b_split and o >= i_split else ((B, b_split) if b_split >= i_split else (I, i_split))
        # to I: from B or I at no cost, never from O
        o_forbidden = o + FORBIDDEN
        to_i, si = (O, o_forbidden) if o_forbidden >= b and o_forbidden >= i else ((B, b) if b >= i else (I, i))
        back.append((to_o, to_b, to_i))
        o, b, i = so + lo, sb + lb, si + li
    tag = O if o >= b and o >= i else (B if b >= i else I)
    path = [tag]
    for step in reversed(back):
        tag = step[tag]
        path.append(tag)
    return path[::-1]
