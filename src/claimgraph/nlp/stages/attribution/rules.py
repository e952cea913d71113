"""The rules: attributions found on the dependency parse and the quotations, without the learned model.

Patterns, each on the parse rather than on surface strings:
  * a reporting verb with a clause ("Putin stated that …", "told POLITICO that …"), an object ("announced a
    package"), or an infinitive ("called on its backers to …");
  * a reporting verb next to a quotation: trailing speakers ("“…,” Putin said"), colon lead-ins ("Kirby declared:
    “…”"), quotations running over sentences and paragraphs;
  * a reporting noun with a that-clause ("claims by Ukraine and South Korea that …", "Austin’s warning that …");
  * "according to X"; quotations signed with a dash or a name and a colon; transcript and headline labels.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ...lexicon import COGNITION_VERBS, OBJECT_CONTENT_VERBS, SPEECH_NOUNS, SPEECH_VERBS
from ...records import doc_text
from ..layout import doc_blocks
from .clauses import (adjacent_quote, cue_range, cut_at_next_statement, drop_nested, extend_to_quotes,
                      extend_with_following_quotes, infinitive, nearest_named, parenthetical, passive, predicate,
                      subject)
from .context import SUBJECTS, Candidate, Context, in_quote, merge, overlaps, subtree, trim

_PERCEPTION = {"see", "hear", "learn", "find", "show", "understand", "realize", "realise", "recognize",
               "recognise", "know", "read"}


def by_rules(ctx: "Context") -> list[Candidate]:
    doc = ctx.doc
    found: list[Candidate] = []
    for tok in doc:
        if ctx.skip[tok.i] or ctx.quote_of[tok.i] is not None:
            continue
        hit = _according_to(ctx, tok) or _verb(ctx, tok) or _noun(ctx, tok)
        if hit is not None:
            found.append(hit)
    found.extend(_signed_quotes(ctx, found))
    labelled = _labelled(ctx) + _signed_lines(ctx)
    if labelled:  # a speaker label is surer than a parse of the line it labels
        taken = {i for hit in labelled for s, e in [*hit.content, hit.cue] for i in range(s, e)}
        found = [h for h in found if not any(i in taken for s, e in [*h.content, *([h.cue] if h.cue else [])]
                                             for i in range(s, e))] + labelled
    found = drop_nested(found)
    extend_with_following_quotes(ctx, found)
    return found


def _verb(ctx: Context, tok: Token) -> Candidate | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in SPEECH_VERBS | COGNITION_VERBS:
        return None
    speech = lemma in SPEECH_VERBS
    content: list[tuple[int, int]] = []
    comps = [c for c in tok.children if c.dep_ == "ccomp" or (c.dep_ in {"parataxis", "dep"} and in_quote(ctx, c))]
    if lemma in _PERCEPTION:
        comps = [c for c in comps if any(m.dep_ == "mark" and m.lower_ in {"that", "whether", "if"}
                                         for m in c.children)]
    if comps:
        content = [subtree(c) for c in comps]
    intention = False
    if not content:
        content = infinitive(tok, lemma)
        intention = bool(content)
    if not content:
        content = predicate(tok, lemma)
    if not content and lemma in OBJECT_CONTENT_VERBS:
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN", "NUM"}), None)
        if obj is not None:
            content = [subtree(obj)]
            charge = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "for"}
                           and c.i > obj.i), None)
            if charge is not None:  # "accused X of Y", "blamed X for Y"
                content = [(obj.left_edge.i, charge.right_edge.i + 1)]
    if not content and speech and not passive(tok):
        q = adjacent_quote(ctx, tok)
        if q is not None:
            content = [(q.start, q.end)]
    parts = None
    if not content and speech:
        parts = parenthetical(ctx, tok)
    if not content and not parts:
        return None
    if parts:
        content = parts
    else:
        content = [cut_at_next_statement(ctx, merge(content), tok)]
        content = [extend_to_quotes(ctx, content[0], tok)]
    if passive(tok) and not any(c.dep_ in SUBJECTS for c in tok.children):
        return None  # "Asked if …": the subject of the main clause was asked, it did not ask
    source = subject(tok)
    if source is None and passive(tok):
        return None  # "Asked if …", "It should be noted that …": the speaker is not named here
    if source is None:
        source = nearest_named(ctx, tok, content[0])
    if source is None and intention:
        return None  # "by threatening to …": an intention with nobody holding it is not an attribution
    cue = cue_range(tok)
    if source is not None and overlaps((source.left_edge.i, source.right_edge.i + 1), content[0]):
        source = None if source.i in range(*content[0]) else source
    return Candidate(cue=cue, source=source, content=content, statement=speech)


def _noun(ctx: Context, tok: Token) -> Candidate | None:
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in SPEECH_NOUNS:
        return None
    clause = next((c for c in tok.children if c.dep_ in {"acl", "ccomp", "appos", "relcl"}
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    source = next((c for c in tok.children if c.dep_ == "poss" or (
        c.i < tok.i and any(g.dep_ == "case" for g in c.children))), None)
    if source is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}), None)
        if prep is not None:
            source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    content = extend_to_quotes(ctx, subtree(clause), tok)
    return Candidate(cue=(tok.i, tok.i + 1), source=source, content=[content])


def _according_to(ctx: Context, tok: Token) -> Candidate | None:
    if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.nbor().lower_ != "to":
        return None
    to = tok.nbor()
    source = next((c for c in to.children if c.dep_ == "pobj"), None) or \
        next((c for c in tok.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    sent = tok.sent
    phrase = (tok.i, max(source.right_edge.i, to.i) + 1)
    before = trim(tok.doc, sent.start, phrase[0])
    after = trim(tok.doc, phrase[1], sent.end)
    parts = [r for r in (before, after) if r[1] - r[0] >= 3]
    if not parts:
        return None
    return Candidate(cue=(tok.i, to.i + 1), source=source, content=[max(parts, key=lambda r: r[1] - r[0])])


def _signed_quotes(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """Quotations signed with a dash (“…” ― Jane Doe, mayor) or introduced by a bare name and a colon
    (Clinton: “…”), common in live blogs and social-media round-ups."""
    doc = ctx.doc
    covered = {i for hit in found for s, e in hit.content for i in range(s, e)}
    out = []
    for q in ctx.quotes:
        words = sum(1 for t in q if not (t.is_punct or t.is_space))
        if q.start in covered or words < ctx.min_quote_tokens or ctx.skip[q.start]:
            continue
        j = q.end
        while j < len(doc) and doc[j].is_space:
            j += 1
        if j + 1 < len(doc) and doc[j].text in {"―", "—", "–", "-"} and doc[j + 1].ent_iob_ == "B" \
                and doc[j + 1].ent_type_ in {"PERSON", "ORG"}:
            ent = next(e for e in doc.ents if e.start == j + 1)
            out.append(Candidate(cue=(j, j + 1), source=ent.root, content=[(q.start, q.end)]))
            continue
        i = q.start - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i > 0 and doc[i].text == ":" and doc[i - 1].ent_type_ in {"PERSON", "ORG"}:
            ent = next((e for e in doc.ents if e.end == i), None)
            if ent is not None and (ent.start == ent.sent.start or doc[ent.start - 1].is_space):
                out.append(Candidate(cue=(i, i + 1), source=ent.root, content=[(q.start, q.end)]))
    return out


_SIGNED_LINE = re.compile(r"^(?P<said>[\"“”‘'].{8,}?)\s*(?P<dash>[―—–]|--)\s*"
                          r"(?P<name>[A-Z][\w'’-]*(?:\.?\s[A-Z][\w'’-]*){0,4})(?:,.{0,100})?[.\s]*$")


def _signed_lines(ctx: Context) -> list[Candidate]:
    """A line that is a quotation signed with a dash and a name (“…” ― Jane Doe), as in readers' voices and quote
    round-ups; found on the line, so that quotation marks that are unusual or unbalanced do not hide it."""
    doc = ctx.doc
    whole = doc_text(doc)
    out = []
    for block in doc_blocks(doc):
        if block.role != "body":
            continue
        at = block.start
        for line in whole[block.start:block.end].split("\n"):
            m = _SIGNED_LINE.match(line)
            if m is not None:
                said, dash, name = (_span(doc, at + m.start(g), at + m.end(g)) for g in ("said", "dash", "name"))
                if said is not None and dash is not None and name is not None:
                    out.append(Candidate(cue=(dash.start, dash.end), source=name.root,
                                         content=[(said.start, said.end)]))
            at += len(line) + 1
    return out


def _span(doc, start: int, end: int):
    return doc.char_span(start, end, alignment_mode="contract") or doc.char_span(start, end, alignment_mode="expand")


_TRANSCRIPT = re.compile(r"^[\"“]?(?P<name>[A-Z][A-Z.'’ -]{1,38}[A-Z.]):\s+(?P<said>\S.*)$", re.S)
_HEADLINE = re.compile(r"^(?P<name>[^:]{2,40}):\s+(?P<said>\S.+)$", re.S)


_RUBRICS = frozenset("""
breaking watch exclusive update updated opinion analysis live video photos editorial review explainer factbox
timeline quiz results correction fact check podcast interview transcript
""".split())
"""Labels of a headline that name its kind, not its speaker ("Exclusive: …"); a poll or a report does speak."""


def _labelled(ctx: Context) -> list[Candidate]:
    """Statements labelled with their speaker: transcript turns ("PENCE: Well, look, …") and the headline form
    "Pence: Flowers won't be at debate"."""
    doc = ctx.doc
    whole = doc_text(doc)
    out = []
    blocks = doc_blocks(doc)
    for n, block in enumerate(blocks):
        if block.role not in {"headline", "body"}:
            continue
        text = whole[block.start:block.end]
        title = n == 0 and len(blocks) > 1 and "\n" not in text.strip() and len(text) <= 200  # a plain text's title
        role = "headline" if title else block.role
        m = _TRANSCRIPT.match(text) if role == "body" else _HEADLINE.match(text)
        if m is None:
            continue
        name = doc.char_span(block.start + m.start("name"), block.start + m.end("name"), alignment_mode="expand")
        said = doc.char_span(block.start + m.start("said"), block.end, alignment_mode="expand")
        if name is None or said is None or len(name) > 6:
            continue
        if role == "headline" and (not (name[0].is_title or name[0].is_upper) or name.text.lower() in _RUBRICS
                                   or any(t.pos_ == "VERB" for t in name)):
            continue
        if not any(t.pos_ in {"VERB", "AUX"} for t in said) and not (role == "headline" and len(said) >= 4):
            continue  # a title-case headline's verbs are often tagged as names
        colon = name.end if name.end < len(doc) and doc[name.end].text == ":" else None
        if colon is None:
            continue
        out.append(Candidate(cue=(colon, colon + 1), source=name.root, content=[trim(doc, said.start, said.end)]))
    return out
