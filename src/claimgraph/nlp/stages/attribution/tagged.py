"""The learned tagger's attributions on the parse, and their combination with the rules' (hybrid mode)."""

from __future__ import annotations

from spacy.tokens import Span

from ...lexicon import COGNITION_VERBS, SPEECH_VERBS
from ...records import TaggedRecord
from .clauses import passive
from .context import Candidate, Context, merge, overlaps
from .describe import attribution_type


def from_tagger(ctx: Context, tagged: list[TaggedRecord]) -> list[Candidate]:
    """Attributions from the learned tagger's character ranges (``doc._.cg_tagged``), on this doc's tokens."""
    doc = ctx.doc
    found = []
    for rec in tagged:
        cue = doc.char_span(*rec["cue"], alignment_mode="expand")
        if cue is None or not len(cue) or ctx.skip[cue.start]:
            continue
        cue = _without_dates(cue)
        content = [_with_quote_marks(ctx, sp.start, sp.end) for s, e in rec["content"]
                   if (sp := doc.char_span(s, e, alignment_mode="expand")) is not None and len(sp)]
        if sum(1 for s, e in content for t in doc[s:e] if t.is_alpha or t.like_num) < 2:
            continue  # a lone word ("if", "Russia") is a fragment the tagger left, not a content
        source = doc.char_span(*rec["source"], alignment_mode="expand") if rec["source"] else None
        if source is not None and not len(source):
            source = None
        if source is not None and any(s >= cue.end for s, _ in content):
            # "Kirby, commenting on the dispatch of troops, declared: “…”": what lies between the speaker and the
            # cue is an aside, not a piece of the content that follows the cue
            content = [(s, e) for s, e in content if not (source.end <= s and e <= cue.start)]
        head = next((t for t in reversed(cue) if t.pos_ in {"VERB", "NOUN"}), cue.root)
        lemma = head.lemma_.lower()
        found.append(Candidate(cue=(cue.start, cue.end), source=source.root if source is not None else None,
                            content=content, statement=not (lemma in COGNITION_VERBS and lemma not in SPEECH_VERBS),
                            source_chars=tuple(rec["source"]) if source is not None else None,
                            confidence=rec.get("confidence")))
    return found


def hybrid(ctx: Context, rules: list[Candidate], model: list[Candidate], min_confidence: float) -> list[Candidate]:
    """The rules decide which statements there are; where the model found the same cue, it redraws the content it
    overlaps (content exact F1 on PolNeAR dev: model 56.3, rules 51.7), never taking a fragment that belongs to
    another of the rules' statements, and the source (except a nominal cue's that it does not overlap: "claims by
    Ukraine", where the parse names the source and the model's linking reaches for the nearest name), and it adds
    the statements it is sure of that the rules missed. A belief, intention, question or topic the rules found and the model did not confirm is dropped: on
    their own the rules' readings of these are mostly wrong (19-25% precision on PolNeAR dev)."""
    out = []
    for hit in rules:
        twin = next((m for m in model if hit.cue and overlaps(m.cue, hit.cue)), None)
        if twin is not None:
            others = [r for other in rules if other is not hit for r in [*other.content, *([other.cue] if other.cue else [])]]
            parts = [a for a in twin.content if not any(overlaps(a, b) for b in others)]
            if any(overlaps(a, b) for a in parts for b in hit.content):
                hit.content, hit.confidence = parts, twin.confidence
            if twin.source_chars is not None and (not _nominal(ctx, hit) or hit.source is None or overlaps(
                    twin.source_chars, (hit.source.left_edge.idx, hit.source.right_edge.idx + len(hit.source.right_edge)))):
                hit.source, hit.source_chars = twin.source, twin.source_chars
        elif attribution_type(ctx, hit) != "claim":
            continue
        out.append(hit)
    for m in model:
        if (m.confidence or 0.0) >= min_confidence and not _agentless_passive(ctx, m) and not any(
                hit.cue and overlaps(m.cue, hit.cue) or overlaps(merge(m.content), merge(hit.content))
                for hit in rules):
            out.append(m)
    return out


def _nominal(ctx: Context, hit: Candidate) -> bool:
    return hit.cue is not None and ctx.doc[hit.cue[1] - 1].pos_ == "NOUN"


def _without_dates(cue: Span) -> Span:
    """"said on Friday": the day places the statement in time, it is not the cue (PolNeAR's annotators too leave
    it out more often than not; trimming other dates and times lowered cue exact F1 on dev)."""
    e = cue.end
    if e - cue.start > 1 and cue.doc[e - 1].lower_ in _WEEKDAYS:
        e -= 1
        if e - cue.start > 1 and cue.doc[e - 1].lower_ == "on":
            e -= 1
    return cue.doc[cue.start:e]


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _agentless_passive(ctx: Context, hit: Candidate) -> bool:
    """"It should be noted that …", "The agreement was ratified": a passive cue that names no agent reports
    nobody's statement; the rules drop these too."""
    verbs = [t for t in ctx.doc[hit.cue[0]:hit.cue[1]] if t.pos_ == "VERB"]
    return bool(verbs) and passive(verbs[-1]) and not any(c.dep_ == "agent" for c in verbs[-1].children)


def _with_quote_marks(ctx: "Context", start: int, end: int) -> tuple[int, int]:
    """A content that fills a quotation takes its quotation marks (and the comma before the closing one), as the
    rules' contents do."""
    q = ctx.quote_of[start]
    if q is not None and ctx.quote_of[end - 1] == q:
        span = ctx.quotes[q]
        if all(t.is_punct or t.is_space for t in ctx.doc[span.start:start]) and \
                all(t.is_punct or t.is_space for t in ctx.doc[end:span.end]):
            return span.start, span.end
    return start, end
