"""The writer's voice in every headline and body sentence: reported fact, attributed claim, or the writer's own
opinion — and, for attributed sentences, any framing the writer adds outside the attributed content.

A sentence is ``attributed`` when statements attributed to someone (source, cue and content; not beliefs or
intentions the writer ascribes) cover at least half of its words or its main verb is a cue; otherwise ``opinion`` when, outside quotations and attributed contents, it carries evaluative
words, boosters or a deontic modal (must, should, ought); otherwise ``reported``. Results: ``doc._.cg_sentences``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lexicon import BOOSTER_WORDS, DEONTIC, EVALUATIVE_WORDS
from .hedging import certainty
from .layout import block_role_at, doc_blocks
from .quotes import quote_index


def voice_component(doc: Doc) -> Doc:
    blocks = doc_blocks(doc)
    attributed = [False] * len(doc)
    content = [False] * len(doc)
    cue = [False] * len(doc)
    for rec in doc._.cg_attributions or []:
        if not rec.get("statement", True):
            continue  # "X is seeking to …": the writer ascribing an intention is the writer's own claim
        _mark(doc, rec["content"], content)
        _mark(doc, [r for r in (rec["source"], rec["cue"]) if r] + list(rec["content"]), attributed)
        _mark(doc, [rec["cue"]] if rec["cue"] else [], cue)
    quoted = [q is not None for q in quote_index(doc)]
    records = []
    for sent in doc.sents:
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if not words:
            continue
        role = block_role_at(blocks, words[0].idx)
        record = {"start": words[0].idx, "end": words[-1].idx + len(words[-1]), "voice": None, "framing": [],
                  "hedges": [], "certainty": None}
        if role in {"headline", "body"}:
            markers = [t for t in words if not content[t.i] and not quoted[t.i] and _evaluative(t)]
            share = sum(attributed[t.i] for t in words) / len(words)
            if share >= 0.5 or cue[sent.root.i]:
                record["voice"] = "attributed"
                record["framing"] = [_span(t) for t in markers]
            else:
                record["voice"] = "opinion" if markers or _only_capable(sent) else "reported"
                if record["voice"] == "opinion":
                    record["framing"] = [_span(t) for t in markers]
            cues = [c for c in doc._.cg_hedges or [] if sent.start_char <= c["start"] < sent.end_char]
            record["hedges"] = cues
            record["certainty"] = certainty(cues)
        records.append(record)
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
