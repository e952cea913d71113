"""An article's claim statements: every attribution, and every reported-fact sentence that names someone or
carries a figure (the writer's own checkable assertions). Opinion sentences, captions and page chrome are not
claims; a sentence that holds an attribution's content is represented by that attribution."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Analysis, Quantity

MIN_WORDS = 4
"""Shorter contents ("he said no", "it is true") name no proposition to match across articles."""
MAX_STATEMENTS = 60
"""An article's statements beyond this many are left out: a transcript or a live blog would swamp the index."""


_DATELINE = re.compile(r"^\s*(?:[A-Z][A-Z.'\- ]{3,}(?:, ?[A-Z][A-Za-z.]+)*\s*(?:\([^)]{1,40}\))?|\([^)]{1,40}\))\s*"
                       r"(?:…\s*)?[—–-]{1,2}\s+")
"""A dateline ("SEOUL (AP) — ", "WASHINGTON — "), which says where the story was filed, not what it claims."""
_THAT = re.compile(r"^(?:that|whether)\s+", re.IGNORECASE)
"""The complementizer of an indirect content ("said that …"), which belongs to the reporting, not the claim."""
_DENIAL_CUE = re.compile(r"\b(den(y|ies|ied|ying|ial)|reject\w*|refut\w*|dismiss\w*|disput\w*|contradict\w*|"
                         r"debunk\w*|rebut\w*|disavow\w*|repudiat\w*)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Statement:
    sentence_idx: int
    start: int
    end: int
    text: str
    attribution_idx: int | None = None
    """Its attribution in the analysis; None for a reported-fact sentence."""
    cue: str | None = None
    speaker: str | None = None
    quantities: tuple[Quantity, ...] = ()

    @property
    def denial(self) -> bool:
        """Whether its reporting verb denies its content ("denied that …", "rejected claims that …"): the speaker
        denies exactly what the content says, whatever words the content uses."""
        return bool(self.cue and _DENIAL_CUE.search(self.cue))


def _sentence_of(analysis: Analysis, offset: int) -> int:
    for i, sentence in enumerate(analysis.sentences):
        if sentence.start <= offset < sentence.end:
            return i
    return max(0, len(analysis.sentences) - 1)


def statements(analysis: Analysis) -> list[Statement]:
    """The article's statements in text order."""
    found: list[Statement] = []
    covered: set[int] = set()
    for idx, a in enumerate(analysis.attributions):
        if a.type != "claim":  # a belief, intention, question or topic asserts no proposition
            covered.update(_sentence_of(analysis, p.start) for p in a.parts)
            continue
        text = _THAT.sub("", _DATELINE.sub("", a.content_text.strip()))
        if len(text.split()) < MIN_WORDS:
            continue
        sentence = _sentence_of(analysis, a.content.start)
        covered.update(_sentence_of(analysis, p.start) for p in a.parts)
        found.append(Statement(sentence, a.content.start, a.parts[-1].end, text, idx, a.cue.text if a.cue else None,
                               a.speaker, tuple(q for q in analysis.quantities if a.carries(q))))
    mentions = sorted(m.start for e in analysis.entities for m in e.mentions)
    for idx, sentence in enumerate(analysis.sentences):
        if idx in covered or sentence.voice != "reported" or sentence.role not in {"headline", "body"}:
            continue
        text = _DATELINE.sub("", analysis.text[sentence.start:sentence.end].strip())
        if len(text.split()) < MIN_WORDS + 1:
            continue
        figures = tuple(q for q in analysis.quantities if sentence.start <= q.start < sentence.end)
        named = any(sentence.start <= m < sentence.end for m in mentions)
        if figures or named:
            found.append(Statement(idx, sentence.start, sentence.end, text, quantities=figures))
    found.sort(key=lambda st: (st.start, st.attribution_idx is None))
    return found[:MAX_STATEMENTS]
