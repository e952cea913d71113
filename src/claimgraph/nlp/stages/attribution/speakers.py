"""Who a source stands for: the named entity, the body a noun phrase names ("Pentagon officials"), or the
antecedent of a pronoun. Resolutions go into the context's working entity table and are recorded as speakers, in
order, for ``nlp.combine`` to add to the article's entity table."""

from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import CONTAINER_NOUNS, GOVERNMENT_WORDS, MEDIA_WORDS, SUBJECT_PRONOUNS
from ...records import EntityRecord
from ..entities import entity_at
from .context import SUBJECTS, Context

_GENERIC = {"some", "many", "others", "other", "few", "most", "all", "both", "one", "several", "this", "that",
            "these", "those", "it", "there", "something", "nothing", "anyone", "everyone", "someone", "people"}


def source_entities(ctx: Context, head: Token) -> list[str]:
    names = []
    for conj in [head, *head.conjuncts]:
        record = _entity_for(ctx, conj)
        if record is not None and record["name"] not in names:
            names.append(record["name"])
    return names


def _entity_for(ctx: Context, tok: Token) -> EntityRecord | None:
    doc = ctx.doc
    lower = tok.lower_
    if tok.pos_ == "PRON" or lower in SUBJECT_PRONOUNS:
        if lower in {"who", "which", "that"}:
            noun = tok.head.head if tok.head.dep_ == "relcl" else None
            record = _entity_for(ctx, noun) if noun is not None and noun.i != tok.i else None
        elif lower in {"he", "she", "they", "it"}:
            record = _antecedent(ctx, tok)
        else:
            return None
        if record is not None:
            ctx.add_speaker(record["name"], record["type"], tok.idx, tok.idx + len(tok))
        return record
    record = entity_at(ctx.entities, tok.idx, tok.idx + len(tok))  # the head is (part of) a known name
    if record is not None:
        return record
    for child in tok.children:  # "Its general secretary, Tomas Kearney": the apposition names the speaker
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            record = entity_at(ctx.entities, child.idx, child.idx + len(child))
            if record is not None:
                return record
    if tok.lemma_.lower() in CONTAINER_NOUNS:
        named = [c for c in tok.children if c.dep_ in {"compound", "poss", "nmod", "appos"}]
        named += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"by", "of", "from"}
                  for g in c.children if g.dep_ == "pobj"]
        for child in named:
            record = entity_at(ctx.entities, child.idx, child.idx + len(child)) if child.ent_type_ else None
            if record is None and child.pos_ in {"NOUN", "PROPN"} and child.lower_ not in _GENERIC:
                record = _entity_for(ctx, child)
            if record is not None:
                return record
    if tok.pos_ in {"NOUN", "PROPN"} and lower not in _GENERIC:
        words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ in {"compound", "amod", "nmod"}
                 and t.head.i >= t.i] + [tok]
        words = [t for t in words if t.i >= min(w.i for w in words)]
        core = doc[min(t.i for t in words):tok.i + 1]
        text = core.text.strip()
        if any(w[:1].isupper() for w in text.split()) or tok.lemma_.lower() in GOVERNMENT_WORDS | MEDIA_WORDS:
            type_ = "media" if {w.lower() for w in text.split()} & MEDIA_WORDS else (
                "government" if {w.lower() for w in text.split()} & GOVERNMENT_WORDS else "organisation")
            return ctx.add_speaker(text, type_, core.start_char, core.end_char)
    return None


def _antecedent(ctx: Context, pron: Token) -> EntityRecord | None:
    """The entity a third-person pronoun most likely stands for: the latest fitting mention before it, subjects
    first, looking back up to five sentences and never into quotations."""
    doc = ctx.doc
    wanted = {"he": {"person"}, "she": {"person"}, "it": {"organisation", "government", "media", "country"},
              "they": {"organisation", "government", "media", "country", "group"}}[pron.lower_]
    sent = pron.sent
    sentences = [sent]
    start = sent.start
    while len(sentences) < 4 and start > 0:
        previous = doc[start - 1].sent
        start = previous.start
        if previous.text.strip():  # paragraph breaks are white-space "sentences" of their own
            sentences.append(previous)
    window_start = doc[start].idx
    best = None
    for record in ctx.entities:
        if record["type"] not in wanted:
            continue
        for ms, me in record["mentions"]:
            if not (window_start <= ms and me <= pron.idx):
                continue
            span = doc.char_span(ms, me, alignment_mode="expand")
            if span is None or ctx.quote_of[span.root.i] is not None:
                continue
            # Subjects outrank other mentions across the window; the latest wins among equals.
            key = (span.root.dep_ in SUBJECTS, ms)
            if best is None or key > best[0]:
                best = (key, record)
    return best[1] if best is not None else None
