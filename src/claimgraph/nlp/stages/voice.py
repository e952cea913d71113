"""The writer's voice in every headline and body sentence: reported fact, attributed claim, or the writer's own
opinion — and, for attributed sentences, any framing the writer adds outside the attributed content.

A sentence is ``attributed`` when claims attributed to someone (source, cue and content; not the beliefs,
intentions, questions or topics the writer ascribes) cover at least half of its words or its main verb is a cue; otherwise ``opinion``
when, outside quotations and attributed contents, it carries evaluative words, boosters or a deontic modal (must,
should, ought) or rules on what alone can be done, or when the opinion model (``stages.opinion``, learnt on news
sentences labelled subjective or objective) reads it so; otherwise ``reported``. Each voice has a confidence: the model's probability for the
voice it gives (``RULE_CONFIDENCE`` for an opinion the words decide), the statements' confidence for an
attributed sentence. The evaluative words are the ``framing``. Results: ``doc._.cg_sentences``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lexicon import BOOSTER_WORDS, DEONTIC, EVALUATIVE_WORDS
from .hedging import certainty
from .layout import block_role_at, doc_blocks
from .opinion import opinion_probabilities, opinion_threshold
from .quotes import quote_index


RULE_CONFIDENCE = 0.84
"""The precision of the word rules alone on CheckThat! 2023 subjectivity dev: the confidence of an opinion they
decide (the model is not asked: asking it as well measured lower on dev, 0.689 against 0.699)."""


MIN_WORDS = 5
SHORT_CONFIDENCE = 0.7
"""Sentences of fewer than ``MIN_WORDS`` words ("Read the rest here.", "6:05 p.m.", datelines) are ``reported``
without asking the model; 70% of such sentences are objective in CheckThat! 2023 train and dev."""


def _claim(rec) -> bool:
    """Only claims make a sentence attributed: a belief, intention, question or topic ascribed to someone ("X is
    seeking to …", "condemnations of …") is the writer's own statement about them."""
    return rec.get("statement", True) and rec.get("type", "claim") == "claim"


def voice_component(doc: Doc) -> Doc:
    blocks = doc_blocks(doc)
    attributed = [False] * len(doc)
    content = [False] * len(doc)
    cue = [False] * len(doc)
    claims = [rec for rec in doc._.cg_attributions or [] if _claim(rec)]
    for rec in claims:
        _mark(doc, rec["content"], content)
        _mark(doc, [r for r in (rec["source"], rec["cue"]) if r] + list(rec["content"]), attributed)
        _mark(doc, [rec["cue"]] if rec["cue"] else [], cue)
    quoted = [q is not None for q in quote_index(doc)]
    confidence = [0.0] * len(doc)
    for rec in claims:
        for s, e in rec["content"]:
            span = doc.char_span(s, e, alignment_mode="expand")
            for i in range(span.start, span.end) if span is not None else ():
                confidence[i] = max(confidence[i], float(rec.get("confidence") or 1.0))
    records = []
    pending = []  # (record, sentence) the model reads, in one batch
    for sent in doc.sents:
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if not words:
            continue
        role = block_role_at(blocks, words[0].idx)
        record = {"start": words[0].idx, "end": words[-1].idx + len(words[-1]), "voice": None, "framing": [],
                  "hedges": [], "certainty": None, "confidence": None}
        if role in {"headline", "body"}:
            markers = [t for t in words if not content[t.i] and not quoted[t.i] and _evaluative(t)]
            share = sum(attributed[t.i] for t in words) / len(words)
            if share >= 0.5 or cue[sent.root.i]:
                record["voice"] = "attributed"
                record["framing"] = [_span(t) for t in markers]
                record["confidence"] = round(max((confidence[t.i] for t in words), default=0.0) or 1.0, 3)
            else:
                record["framing"] = [_span(t) for t in markers]
                if markers or _only_capable(sent):
                    record["voice"], record["confidence"] = "opinion", RULE_CONFIDENCE
                elif len(words) < MIN_WORDS:
                    record["voice"], record["confidence"] = "reported", SHORT_CONFIDENCE
                else:
                    pending.append((record, sent))
            cues = [c for c in doc._.cg_hedges or [] if sent.start_char <= c["start"] < sent.end_char]
            record["hedges"] = cues
            record["certainty"] = certainty(cues)
        records.append(record)
    states, doc._.cg_states = doc._.cg_states, None  # read once, then released: it is the largest record
    threshold = opinion_threshold(states) if pending else 0.5
    for (record, _), p in zip(pending, opinion_probabilities([s.text for _, s in pending],
                                                             [s.start_char for _, s in pending], states)):
        record["voice"] = "opinion" if p >= threshold else "reported"
        record["confidence"] = round(p if p >= threshold else 1.0 - p, 3)
    doc._.cg_sentences = records
    return doc


def _mark(doc: Doc, ranges, flags: list[bool]) -> None:
    """Set ``flags`` for every token inside the character ranges."""
    for s, e in ranges:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                flags[i] = True


def _evaluative(tok: Token) -> bool:
    low = tok.lower_
    if low in EVALUATIVE_WORDS or tok.lemma_.lower() in EVALUATIVE_WORDS or low in BOOSTER_WORDS:
        return True
    if tok.pos_ == "ADV" and low.endswith("ly") and low[:-2] in EVALUATIVE_WORDS:
        return True  # "absurdly", "recklessly" from "absurd", "reckless"
    return low in DEONTIC and tok.pos_ == "AUX"


def _only_capable(sent: Span) -> bool:
    """"The only force capable of …", "the only way to …": the writer ruling on what can be done."""
    text = sent.text.lower()
    return "the only" in text and any(w in text for w in (" capable ", " way to ", " answer ", " solution "))


def _span(tok: Token) -> list:
    return [tok.idx, tok.idx + len(tok), tok.text]
