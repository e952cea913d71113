"""An attribution as a record: character ranges, kind (direct, indirect, mixed), the stance of its cue, and the
entities its source stands for."""

from __future__ import annotations

from ...lexicon import (BELIEF_CUES, COMMITTING_CUES, DISTANCING_CUES, INTENTION_CUES, QUESTION_CUES,
                         TOPIC_CUES)
from ...records import AttributionRecord
from .context import Candidate, Context, trim
from .speakers import source_entities

def reading_order(hit: Candidate) -> int:
    """Pronouns are resolved in the order a reader meets the speakers, so "he … he" chains hold."""
    if hit.source is not None:
        return hit.source.i
    return hit.cue[0] if hit.cue else hit.content[0][0]


def to_record(ctx: Context, hit: Candidate) -> AttributionRecord:
    """The record of a candidate; its ``id`` is given once all are numbered in reading order of their contents."""
    doc = ctx.doc
    source_range = None
    names: list[str] = []
    if hit.source_chars is not None:
        source_range = hit.source_chars
        names = source_entities(ctx, hit.source)
    elif hit.source is not None:
        s, e = trim(doc, hit.source.left_edge.i, hit.source.right_edge.i + 1)
        while s < hit.source.i and (doc[s].ent_type_ in {"DATE", "TIME"} or doc[s].is_punct):
            s += 1  # "On Friday Ukrainian President …": the date is not part of the speaker
        # "Trump, speaking to veterans, said": the speaker is Trump (relative clauses stay: annotators keep them)
        clauses = [c.left_edge.i for c in hit.source.rights if c.dep_ == "acl" and c.tag_ == "VBG"]
        if clauses:
            s, e = trim(doc, s, min(e, min(clauses)))
        for s2, e2 in hit.content:
            if s < s2 < e:
                e = s2
        s, e = trim(doc, s, e)
        if e > s:
            source_range = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
            names = source_entities(ctx, hit.source)
    content = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in hit.content if e > s]
    cue = (doc[hit.cue[0]].idx, doc[hit.cue[1] - 1].idx + len(doc[hit.cue[1] - 1])) if hit.cue else None
    return AttributionRecord(id="", kind=_kind(ctx, hit.content), stance=_stance(ctx, hit), statement=hit.statement,
                             type=attribution_type(ctx, hit),
                             source=source_range, source_entity=names[0] if names else None,
                             source_entities=names, cue=cue, content=content, confidence=hit.confidence)


def attribution_type(ctx: Context, hit: Candidate) -> str:
    """claim, belief, intention, question or topic, from the cue's words and the content's shape: the claim views
    show claims, while PolNeAR's broad notion of attribution counts them all."""
    if hit.cue is None:
        return "claim"
    doc = ctx.doc
    cue = [t for t in doc[hit.cue[0]:hit.cue[1]] if not t.is_punct]
    lemmas = {t.lemma_.lower() for t in cue}
    words = [t for s, e in hit.content for t in doc[s:e] if not (t.is_punct or t.is_space)]
    if not words:
        return "claim"
    quoted = ctx.quote_of[words[0].i] is not None
    if lemmas & QUESTION_CUES or words[0].lower_ in {"whether", "if"} and not quoted:
        return "question"
    if lemmas & INTENTION_CUES:
        return "intention"
    if lemmas & BELIEF_CUES and not lemmas & {"say", "tell", "write"}:
        return "belief"
    inside = {t.i for t in words}
    clause = any(t.pos_ in {"VERB", "AUX"} for t in words if t.head.i not in inside or t.head is t)
    infinitive = any(t.lower_ == "to" and t.pos_ == "PART" for t in words)
    start = hit.content[0][0]
    before = doc[start - 1] if start > 0 else None
    about = cue and cue[-1].pos_ == "ADP" and "accord" not in lemmas or \
        before is not None and before.pos_ == "ADP" and hit.cue[0] <= before.i  # "referring to", "asked about"
    if not infinitive and words[0].lower_ not in {"that", "how", "why", "what", "when"} and \
            (about or not clause and (lemmas & TOPIC_CUES or not quoted and _passive_subject(cue, words))):
        return "topic"
    return "claim"


def _passive_subject(cue: list, words: list) -> bool:
    """"The agreement was ratified by Russian lawmakers": the content is the subject of a passive cue, a thing
    acted on, not anything asserted."""
    verbs = [t for t in cue if t.pos_ == "VERB"]
    return bool(verbs) and words[-1].i < verbs[-1].i and any(
        t.dep_ == "nsubjpass" and t.head.i == verbs[-1].i for t in words)


def _stance(ctx: Context, hit: Candidate) -> str:
    """distancing ("claimed", "purportedly"), committing ("acknowledged", "confirmed", "revealed") or neutral."""
    if hit.cue is None:
        return "neutral"
    doc = ctx.doc
    cue = doc[hit.cue[0]:hit.cue[1]]
    lemmas = {t.lemma_.lower() for t in cue}
    near = {c.lower_ for t in cue for c in t.children if c.dep_ == "advmod"}
    if lemmas & DISTANCING_CUES or near & {"allegedly", "purportedly", "supposedly", "reportedly"}:
        return "distancing"
    if lemmas & COMMITTING_CUES:
        return "committing"
    return "neutral"


def _kind(ctx: Context, ranges: list[tuple[int, int]]) -> str:
    doc = ctx.doc
    words = [doc[i] for s, e in ranges for i in range(s, e)]
    while words and (words[0].lower_ == "that" and words[0].dep_ == "mark" or words[0].is_punct and
                     ctx.quote_of[words[0].i] is None or words[0].is_space):
        words = words[1:]
    words = [t for t in words if not (t.is_punct or t.is_space)]
    quoted = sum(1 for t in words if ctx.quote_of[t.i] is not None)
    if words and quoted == len(words):
        return "direct"
    return "mixed" if quoted else "indirect"
