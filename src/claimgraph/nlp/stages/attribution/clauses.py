"""Pieces of a reporting clause read off the parse: its subject, its content (clause, infinitive, predicate,
adjacent or following quotation, parenthetical) and its cue, and the clean-up of overlapping finds."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...lexicon import CONTROL_VERBS, INFINITIVE_VERBS, SPEECH_VERBS
from ..layout import doc_blocks
from .context import QUOTE_MARKS, SUBJECTS, Candidate, Context, subtree, trim

_INHERIT = {"advcl", "xcomp", "conj", "pcomp", "acl"}
_SEQUENCE_ADVERBS = {"then", "now", "later", "again", "still", "however", "meanwhile", "instead", "first",
                     "finally", "next", "soon", "today"}  # they place the statement in time, they are not the cue


def subject(verb: Token) -> Token | None:
    """The verb's subject, climbing through participles, infinitives and coordinated verbs that lack their own."""
    node = verb
    for _ in range(4):
        subj = next((c for c in node.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            if subj.dep_ == "nsubjpass" and not node.lemma_.lower() in {"quote", "cite"}:
                agent = next((c for c in node.children if c.dep_ == "agent"), None)
                pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
                return pobj
            return subj
        if node.dep_ not in _INHERIT or node.head.i == node.i:
            return None
        if node.dep_ == "acl" and node.head.pos_ in {"NOUN", "PROPN"}:
            return node.head  # "Flynn, commenting on …" — the noun is the speaker
        node = node.head
    return None


def passive(verb: Token) -> bool:
    """A passive or bare past participle: "Asked if …", "it should be noted that …"."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "nsubj"} for c in verb.children)


def nearest_named(ctx: Context, verb: Token, content: tuple[int, int]) -> Token | None:
    """When the parse gives the verb no subject, the closest named person, body or pronoun before it in the same
    sentence, outside quotations and outside the content ("South Korean intelligence claims …" parsed as a
    compound, "X, the minister, declared" with the apposition misattached)."""
    sent = verb.sent
    for i in range(verb.i - 1, max(sent.start, verb.i - 30) - 1, -1):
        tok = verb.doc[i]
        if content[0] <= i < content[1] or ctx.quote_of[i] is not None:
            continue
        if tok.pos_ == "VERB" and tok.dep_ not in {"amod", "acl"} and not tok.is_ancestor(verb) and \
                tok.head.i != verb.i:
            break
        if tok.ent_type_ in {"PERSON", "ORG", "GPE"} and tok.ent_iob_ in {"I", "B"} and tok.dep_ != "pobj" \
                and (i + 1 >= len(verb.doc) or verb.doc[i + 1].ent_type_ != tok.ent_type_
                     or verb.doc[i + 1].ent_iob_ == "B"):
            return tok
        if tok.pos_ == "NOUN" and tok.head.i == verb.i and tok.dep_ in {"compound", "npadvmod", "dep", "nmod"}:
            return tok
        if tok.lower_ in {"he", "she", "they"} and tok.dep_ != "pobj":
            return tok
    return None


def predicate(verb: Token, lemma: str) -> list[tuple[int, int]]:
    """"branded the move as “a clear escalation”", "called him a liar": the object and what it is called."""
    if lemma not in {"brand", "describe", "call", "label", "dub", "characterize", "characterise", "term"}:
        return []
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return []
    pred = next((c for c in verb.children if c.dep_ == "oprd"), None)
    pred = pred or next((c for c in [*verb.children, *obj.children] if c.dep_ == "prep" and c.lower_ == "as"), None)
    if pred is None:
        return []
    return [(obj.left_edge.i, max(pred.right_edge.i, obj.right_edge.i) + 1)]


def infinitive(verb: Token, lemma: str) -> list[tuple[int, int]]:
    """"called on its backers to put pressure …", "wants to …": addressee and infinitive as the content."""
    if lemma not in CONTROL_VERBS and lemma not in INFINITIVE_VERBS:
        return []
    xcomp = next((c for c in verb.children if c.dep_ in {"xcomp", "advcl"} and
                  any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
    if xcomp is None:
        return []
    start = xcomp.left_edge.i
    if lemma in CONTROL_VERBS:
        objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        objects += [g for c in verb.children if c.dep_ == "prep" and c.i == verb.i + 1 for g in c.children
                    if g.dep_ == "pobj"]
        if objects:
            start = min(start, min(o.left_edge.i for o in objects))
    elif lemma not in INFINITIVE_VERBS:
        return []
    return [(start, xcomp.right_edge.i + 1)]


def adjacent_quote(ctx: Context, verb: Token) -> Span | None:
    """A statement quotation right before the speaker clause (“…,” Putin said) or right after it (said: “…”)."""
    doc = verb.doc
    clause = [verb.i] + [t.i for c in verb.children if c.dep_ in SUBJECTS | {"aux", "neg", "prt", "dative", "npadvmod"}
                         for t in c.subtree]
    start, end = min(clause), max(clause) + 1
    j = end
    while j < len(doc) and (doc[j].is_space or doc[j].text in {",", ":", "—", "–"}):
        j += 1
    after = None
    if j < len(doc) and ctx.quote_of[j] is not None:
        q = ctx.quotes[ctx.quote_of[j]]
        if q.start == j:
            after = q
    # Straight after the cue or a colon ("replied “Yes.”", "declared: “…”"), any answer is the content.
    if after is not None and after.label_ == "quote" and (j == end or doc[end].text == ":"):
        return after
    i = start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in {",", "—", "–", "-"}):
        i -= 1
    if i >= 0 and ctx.quote_of[i] is not None:
        q = ctx.quotes[ctx.quote_of[i]]
        # “…,” Putin said — but not “… end of story.” The next sentence's speaker said something else.
        if q.end == i + 1 and ctx.is_statement(q) and not _ends_sentence(q):
            return q
    if after is not None and ctx.is_statement(after):
        return after
    return None


def parenthetical(ctx: Context, verb: Token) -> list[tuple[int, int]] | None:
    """"The plan, officials said, will cost $2 billion": the cue clause interrupts the content, which is the rest of
    the clause it hangs from, before and after it."""
    head = verb.head
    if verb.dep_ not in {"parataxis", "advcl", "conj"} or head.i == verb.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    if not any(c.dep_ in SUBJECTS for c in verb.children) or any(c.dep_ == "mark" for c in verb.children):
        return None
    cue_clause = (verb.left_edge.i, verb.right_edge.i + 1)
    if cue_clause[1] - cue_clause[0] > 12:
        return None
    clause = subtree(head)
    parts = [trim(verb.doc, clause[0], cue_clause[0]), trim(verb.doc, cue_clause[1], clause[1])]
    parts = [p for p in parts if p[1] - p[0] >= 2]
    words = sum(1 for s, e in parts for t in verb.doc[s:e] if not t.is_punct)
    return parts if words >= 4 else None


def cut_at_next_statement(ctx: Context, rng: tuple[int, int], cue: Token) -> tuple[int, int]:
    """End a content before a semicolon or before a further statement joined to it ("said X and warned Y",
    "said X, arguing Y"): those are attributions of their own."""
    doc = cue.doc
    start, end = rng
    for i in range(start, end):
        tok = doc[i]
        if ctx.quote_of[i] is not None or i == start:
            continue
        if tok.text == ";" and i > cue.i:
            return trim(doc, start, i)
        if tok.pos_ == "VERB" and tok.dep_ in {"conj", "advcl"} and tok.lemma_.lower() in SPEECH_VERBS \
                and tok.i > cue.i and tok.left_edge.i > start:
            cut = tok.left_edge.i
            while cut > start and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct or doc[cut - 1].is_space):
                cut -= 1
            return trim(doc, start, cut)
    return rng


def _ends_sentence(q: Span) -> bool:
    inner = q.text.rstrip(QUOTE_MARKS + " \n")
    return inner.endswith(".") and not inner.endswith("..")


def extend_to_quotes(ctx: Context, rng: tuple[int, int], cue: Token) -> tuple[int, int]:
    """Grow a content range to the whole of every quotation it touches, unless that would swallow the cue."""
    start, end = rng
    for q in ctx.quotes:
        if q.start < end and q.end > start and not (q.start <= cue.i < q.end):
            start, end = min(start, q.start), max(end, q.end)
    return trim(cue.doc, start, end)


def extend_with_following_quotes(ctx: Context, found: list[Candidate]) -> None:
    """“A,” he said. “B.” — a statement quotation straight after a quoted attribution, in the same paragraph and
    with no other speaker in between, continues it."""
    doc = ctx.doc
    covered = [False] * len(doc)
    for hit in found:
        for s, e in hit.content:
            for i in range(s, e):
                covered[i] = True
    blocks = doc_blocks(doc)
    for hit in sorted(found, key=lambda h: h.content[-1][1]):
        last = hit.content[-1]
        if ctx.quote_of[last[1] - 1] is None and ctx.quote_of[last[0]] is None:
            continue
        anchor = max(last[1], hit.cue[1] if hit.cue else 0,
                     hit.source.right_edge.i + 1 if hit.source is not None else 0)
        block_end = _block_end(doc, blocks, anchor)
        j = anchor
        while j < len(doc) and j < block_end:
            while j < block_end and (doc[j].is_space or doc[j].is_punct) and ctx.quote_of[j] is None:
                j += 1
            if j >= block_end or ctx.quote_of[j] is None:
                break
            q = ctx.quotes[ctx.quote_of[j]]
            if covered[q.start] or not ctx.is_statement(q):
                break
            hit.content.append((q.start, q.end))
            for i in range(q.start, q.end):
                covered[i] = True
            j = q.end


def _block_end(doc: Doc, blocks, token_i: int) -> int:
    char = doc[min(token_i, len(doc) - 1)].idx
    for block in blocks:
        if block.start <= char < block.end:
            span = doc.char_span(block.start, block.end, alignment_mode="expand")
            return span.end if span is not None else len(doc)
    return token_i


def drop_nested(found: list[Candidate]) -> list[Candidate]:
    """Keep the outer attribution when one sits inside another's content ("X said Y claimed that …"), and one
    attribution per content."""
    parts = [(n, s, e) for n, hit in enumerate(found) for s, e in hit.content]
    keep, contents = [], set()
    for n, hit in enumerate(found):
        cue_i = hit.cue[0] if hit.cue else hit.content[0][0]
        key = tuple(hit.content)
        if key in contents or any(m != n and s <= cue_i < e for m, s, e in parts):
            continue
        contents.add(key)
        keep.append(hit)
    return keep


def cue_range(verb: Token) -> tuple[int, int]:
    """The verb with its auxiliaries, negation and adverbs right before it ("has steadfastly refused")."""
    start = verb.i
    for c in sorted(verb.lefts, key=lambda t: -t.i):
        if c.i == start - 1 and (c.dep_ in {"aux", "auxpass", "neg"} or (
                c.dep_ == "advmod" and c.pos_ == "ADV" and c.lower_ not in _SEQUENCE_ADVERBS)):
            start = c.i
    end = verb.i + 1
    for c in verb.rights:
        if c.i == end and (c.dep_ == "prt" or (c.dep_ == "prep" and verb.lemma_ == "call" and c.lower_ == "on")):
            end = c.i + 1
    return start, end
