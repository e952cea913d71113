"""Hedges and boosters with their scope, and the certainty they give a stretch of text.

Cues come from the lexicon (``HEDGE_WORDS``, ``HEDGE_PHRASES``, ``BOOSTER_WORDS``); a cue's scope is the clause
it belongs to (its head's subtree, within the sentence). Results: ``doc._.cg_hedges``
(:class:`~claimgraph.nlp.records.HedgeRecord`); ``nlp.combine`` gives each attribution the hedges over it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import BOOSTER_PHRASES, BOOSTER_WORDS, HEDGE_PHRASES, HEDGE_WORDS
from ..records import HedgeRecord

_ORDER = {"unknown": 0, "possible": 1, "probable": 2, "certain": 3}


_FIRST_WORDS = {p[0] for p in HEDGE_PHRASES} | {p[0] for p in BOOSTER_PHRASES}


def hedging_component(doc: Doc) -> Doc:
    cues = []
    skip: set[int] = set()
    lowers = [t.lower_ for t in doc]
    for tok in doc:
        low = lowers[tok.i]
        if tok.i in skip or not (low in _FIRST_WORDS or low in BOOSTER_WORDS or low in HEDGE_WORDS):
            continue
        found = _phrase(doc, lowers, tok.i) if low in _FIRST_WORDS else None
        if found is not None:
            end, kind, level = found
        elif tok.lower_ in BOOSTER_WORDS:
            end, kind, level = tok.i + 1, "booster", "certain"
        elif tok.lower_ in HEDGE_WORDS and _real_hedge(tok):
            end, kind, level = tok.i + 1, "hedge", HEDGE_WORDS[tok.lower_]
        else:
            continue
        skip.update(range(tok.i, end))
        scope = _scope(doc, tok.i, end)
        cues.append({"start": tok.idx, "end": doc[end - 1].idx + len(doc[end - 1]),
                     "text": doc[tok.i:end].text, "type": kind, "level": level,
                     "scope": [doc[scope[0]].idx, doc[scope[1] - 1].idx + len(doc[scope[1] - 1])]})
    doc._.cg_hedges = cues
    return doc


def certainty(cues: list[HedgeRecord], distancing: bool = False) -> str:
    """certain / probable / possible / unknown: the most doubtful cue wins; no cue reads as certain. A
    ``distancing`` cue ("X claims that …") makes it unknown: the writer does not vouch for it."""
    if distancing:
        return "unknown"
    if not cues:
        return "certain"
    return min((c["level"] for c in cues), key=_ORDER.__getitem__)


def cues_over(hedges: list[HedgeRecord], start: int, end: int) -> list[HedgeRecord]:
    """Cues inside [start, end) or whose scope covers it."""
    out = []
    for c in hedges:
        inside = start <= c["start"] < end
        covers = c["scope"][0] <= start and end <= c["scope"][1]
        if inside or covers:
            out.append(c)
    return out


def _phrase(doc: Doc, lowers: list[str], i: int) -> tuple[int, str, str] | None:
    for n in (3, 2):
        words = tuple(lowers[i:i + n])
        if len(words) < n:
            continue
        if words in HEDGE_PHRASES:
            if words == ("up", "to") and not (i + 2 < len(doc) and (doc[i + 2].like_num or doc[i + 2].text == "$")):
                continue  # "up to" only before an amount
            return i + n, "hedge", HEDGE_PHRASES[words]
        if words in BOOSTER_PHRASES:
            return i + n, "booster", "certain"
    return None


def _real_hedge(tok: Token) -> bool:
    if tok.lower_ == "may" and (tok.ent_type_ == "DATE" or tok.pos_ == "PROPN"):
        return False  # the month
    if tok.lower_ in {"could", "might", "may"} and tok.pos_ != "AUX":
        return False
    if tok.lower_ == "possible" and tok.dep_ == "amod" and tok.head.lower_ in {"way", "means"}:
        return False
    return True


def _scope(doc: Doc, start: int, end: int) -> tuple[int, int]:
    tok = doc[start]
    head = tok.head if tok.dep_ in {"advmod", "aux", "amod", "neg", "quantmod", "npadvmod", "prep"} else tok
    sent = tok.sent
    s, e = max(head.left_edge.i, sent.start), min(head.right_edge.i + 1, sent.end)
    return min(s, start), max(e, end)
