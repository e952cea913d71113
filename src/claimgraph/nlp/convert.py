"""Doc → plain dataclasses: the only reader of spaCy spans and records outside the stages."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import (Analysis, Article, Attribution, Entity, Hedge, Period, Quantity, Sentence, Source, Span,
                     Time)
from .combine import attribution_hedges, entities_with_speakers
from .records import doc_text
from .stages.layout import block_role_at, doc_blocks


def to_analysis(doc: Doc, article: Article) -> Analysis:
    text = doc_text(doc)
    blocks = doc_blocks(doc)
    sentences = []
    voices = doc._.cg_sentences or []  # one record per sentence, in order
    k = 0
    for sent in doc.sents:
        start, end = _strip(text, sent.start_char, sent.end_char)
        if end > start:
            # a voice record starts at the sentence's first word, after any opening quotation mark or bracket
            while k < len(voices) and voices[k]["start"] < start:
                k += 1
            v = voices[k] if k < len(voices) and voices[k]["start"] < end else {}
            sentences.append(Sentence(start, end, block_role_at(blocks, start), v.get("voice"),  # type: ignore[arg-type]
                                      v.get("certainty"), tuple(_hedge(text, c) for c in v.get("hedges", ())),
                                      tuple(_span(text, s, e) for s, e, _ in v.get("framing", ())),
                                      v.get("confidence")))
    attributions = []
    for rec in doc._.cg_attributions or []:
        parts = tuple(_span(text, s, e) for s, e in rec["content"])
        source = None
        if rec["source"] is not None:
            s, e = rec["source"]
            source = Source(s, e, text[s:e], rec["source_entity"], tuple(rec["source_entities"]))
        cue = _span(text, *rec["cue"]) if rec["cue"] is not None else None
        hedges, certainty = attribution_hedges(doc, rec)
        attributions.append(Attribution(rec["id"], rec["kind"], source, cue, parts[0],
                                        parts if len(parts) > 1 else (), tuple(_hedge(text, c) for c in hedges),
                                        certainty, rec["stance"], rec["confidence"], rec.get("type", "claim")))
    entities = tuple(
        Entity(rec["id"], rec["name"], rec["type"], tuple(_span(text, s, e) for s, e in rec["mentions"]),
               tuple(rec.get("roles", ())))
        for rec in entities_with_speakers(doc))
    quantities = tuple(Quantity(q["start"], q["end"], q["text"], q["value"], q["unit"], q["qualifier"], q["counts"],
                                q["per"], q.get("low"), q.get("high")) for q in doc._.cg_quantities or [])
    times = tuple(Time(t["start"], t["end"], t["text"], t["value"], t["precision"], t.get("type", "date"),
                       Period(**t["range"]) if t.get("range") else None) for t in doc._.cg_times or [])
    return Analysis(article=article, text=text, sentences=tuple(sentences), attributions=tuple(attributions),
                    entities=entities, quantities=quantities, times=times)


def _hedge(text: str, c: dict) -> Hedge:
    return Hedge(c["start"], c["end"], c["text"], c["type"], c["level"], _span(text, *c["scope"]))


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
