"""Who said what: source, cue and content of every attribution.

With the learned tagger in the pipeline (the default), its spans are the attributions and this stage completes
them on the parse: the entity each source stands for, kind, stance, speech or belief. Without it, the rules below
find them on the dependency parse and quotations.

Patterns, each on the parse rather than on surface strings:
  * a reporting verb with a clause ("Putin stated that …", "told POLITICO that …"), an object ("announced a
    package"), or an infinitive ("called on its backers to …");
  * a reporting verb next to a quotation: trailing speakers ("“…,” Putin said"), colon lead-ins ("Kirby declared:
    “…”"), quotations running over sentences and paragraphs;
  * a reporting noun with a that-clause ("claims by Ukraine and South Korea that …", "Austin’s warning that …");
  * "according to X".
Sources are the subject (inherited through "…, declaring …" and "… and added …"); pronouns and relative pronouns
are resolved to the entity they stand for. Results: ``doc._.cg_attributions`` (plain records) and
``doc.spans["attributions"]`` (content spans labelled with their kind).
"""

from __future__ import annotations

import re

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicon import (COGNITION_VERBS, COMMITTING_CUES, CONTAINER_NOUNS, CONTROL_VERBS, DISTANCING_CUES,
                       GOVERNMENT_WORDS, INFINITIVE_VERBS, MEDIA_WORDS, OBJECT_CONTENT_VERBS, SPEECH_NOUNS, SPEECH_VERBS,
                       SUBJECT_PRONOUNS)
from .entities import add_entity, entity_at
from .layout import doc_blocks
from .quotes import quote_index

QUOTE_MARKS = "\"“”«»„‘’'`"
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_INHERIT = {"advcl", "xcomp", "conj", "pcomp", "acl"}
_GENERIC = {"some", "many", "others", "other", "few", "most", "all", "both", "one", "several", "this", "that",
            "these", "those", "it", "there", "something", "nothing", "anyone", "everyone", "someone", "people"}
_SEQUENCE_ADVERBS = {"then", "now", "later", "again", "still", "however", "meanwhile", "instead", "first",
                     "finally", "next", "soon", "today"}  # they place the statement in time, they are not the cue
_PERCEPTION = {"see", "hear", "learn", "find", "show", "understand", "realize", "realise", "recognize",
               "recognise", "know", "read"}


@dataclass
class _Found:
    cue: tuple[int, int] | None           # token range
    source: Token | None                  # head of the source phrase
    content: list[tuple[int, int]]        # token ranges
    statement: bool = True
    """Speech or writing; False for beliefs and intentions ("wants to", "is seeking to")."""
    source_chars: tuple[int, int] | None = None
    """The source's exact character range, where a tagger gave it rather than the parse."""
    confidence: float | None = None


def attribution_component(doc: Doc, min_quote_tokens: int = 4, combine: str = "hybrid",
                          min_confidence: float = 0.95) -> Doc:
    """``combine`` applies when the tagger ran (``doc._.cg_tagged`` set): ``model`` keeps the tagger's attributions
    alone; ``hybrid`` keeps the rules' attributions, takes content and source boundaries from the tagger where it
    found the same cue, and adds the tagger's other attributions of at least ``min_confidence``."""
    ctx = _Context(doc, min_quote_tokens)
    if doc._.cg_tagged is None:
        found = _by_rules(ctx)
    elif combine == "model":
        found = _tagged(ctx, doc._.cg_tagged)
    else:
        found = _hybrid(_by_rules(ctx), _tagged(ctx, doc._.cg_tagged), min_confidence)
    records, spans = [], []
    resolved = {id(hit): _record(ctx, hit) for hit in sorted(found, key=_reading_order)}
    for n, hit in enumerate(sorted(found, key=lambda h: h.content[0][0]), start=1):
        record = {"id": f"a{n}", **resolved[id(hit)]}
        records.append(record)
        spans.append(Span(doc, hit.content[0][0], hit.content[-1][1], label=record["kind"]))
    doc._.cg_attributions = records
    doc.spans["attributions"] = spans
    return doc


def _tagged(ctx: "_Context", tagged: list[dict]) -> list[_Found]:
    """Attributions from the learned tagger's character ranges (``doc._.cg_tagged``), on this doc's tokens."""
    doc = ctx.doc
    found = []
    for rec in tagged:
        cue = doc.char_span(*rec["cue"], alignment_mode="expand")
        if cue is None or not len(cue) or ctx.skip[cue.start]:
            continue
        content = [_with_quote_marks(ctx, sp.start, sp.end) for s, e in rec["content"]
                   if (sp := doc.char_span(s, e, alignment_mode="expand")) is not None and len(sp)]
        if sum(1 for s, e in content for t in doc[s:e] if t.is_alpha or t.like_num) < 2:
            continue  # a lone word ("if", "Russia") is a fragment the tagger left, not a content
        source = doc.char_span(*rec["source"], alignment_mode="expand") if rec["source"] else None
        if source is not None and not len(source):
            source = None
        head = next((t for t in reversed(cue) if t.pos_ in {"VERB", "NOUN"}), cue.root)
        lemma = head.lemma_.lower()
        found.append(_Found(cue=(cue.start, cue.end), source=source.root if source is not None else None,
                            content=content, statement=not (lemma in COGNITION_VERBS and lemma not in SPEECH_VERBS),
                            source_chars=tuple(rec["source"]) if source is not None else None,
                            confidence=rec.get("confidence")))
    return found


def _hybrid(rules: list[_Found], model: list[_Found], min_confidence: float) -> list[_Found]:
    """The rules decide which statements there are; where the model found the same cue, it redraws the content
    and source it overlaps (content exact F1 on PolNeAR dev: model 56.3, rules 51.7), never taking a fragment
    that belongs to another of the rules' statements, and it adds the statements it is sure of that the rules
    missed."""
    out = []
    for hit in rules:
        twin = next((m for m in model if hit.cue and _overlaps(m.cue, hit.cue)), None)
        if twin is not None:
            others = [r for other in rules if other is not hit for r in [*other.content, *([other.cue] if other.cue else [])]]
            parts = [a for a in twin.content if not any(_overlaps(a, b) for b in others)]
            if any(_overlaps(a, b) for a in parts for b in hit.content):
                hit.content, hit.confidence = parts, twin.confidence
            if twin.source_chars is not None and (hit.source is None or _overlaps(
                    twin.source_chars, (hit.source.left_edge.idx, hit.source.right_edge.idx + len(hit.source.right_edge)))):
                hit.source, hit.source_chars = twin.source, twin.source_chars
        out.append(hit)
    for m in model:
        if (m.confidence or 0.0) >= min_confidence and not any(
                hit.cue and _overlaps(m.cue, hit.cue) or _overlaps(_merge(m.content), _merge(hit.content))
                for hit in rules):
            out.append(m)
    return out


def _with_quote_marks(ctx: "_Context", start: int, end: int) -> tuple[int, int]:
    """A content that fills a quotation takes its quotation marks (and the comma before the closing one), as the
    rules' contents do."""
    q = ctx.quote_of[start]
    if q is not None and ctx.quote_of[end - 1] == q:
        span = ctx.quotes[q]
        if all(t.is_punct or t.is_space for t in ctx.doc[span.start:start]) and \
                all(t.is_punct or t.is_space for t in ctx.doc[end:span.end]):
            return span.start, span.end
    return start, end


def _by_rules(ctx: "_Context") -> list[_Found]:
    doc = ctx.doc
    found: list[_Found] = []
    for tok in doc:
        if ctx.skip[tok.i] or ctx.quote_of[tok.i] is not None:
            continue
        hit = _according_to(ctx, tok) or _verb(ctx, tok) or _noun(ctx, tok)
        if hit is not None:
            found.append(hit)
    found.extend(_signed_quotes(ctx, found))
    labelled = _labelled(ctx)
    if labelled:  # a speaker label is surer than a parse of the line it labels
        taken = {i for hit in labelled for s, e in [*hit.content, hit.cue] for i in range(s, e)}
        found = [h for h in found if not any(i in taken for s, e in [*h.content, *([h.cue] if h.cue else [])]
                                             for i in range(s, e))] + labelled
    found = _drop_nested(found)
    _extend_with_following_quotes(ctx, found)
    return found


class _Context:
    """Per-document lookups the patterns share: which tokens are quoted, skipped, in which block."""

    def __init__(self, doc: Doc, min_quote_tokens: int) -> None:
        self.doc = doc
        self.min_quote_tokens = min_quote_tokens
        self.skip = [False] * len(doc)
        for block in doc_blocks(doc):
            if block.role in {"boilerplate", "caption"}:
                span = doc.char_span(block.start, block.end, alignment_mode="expand")
                if span is not None:
                    for i in range(span.start, span.end):
                        self.skip[i] = True
        self.quotes: list[Span] = list(doc.spans["quotes"]) if "quotes" in doc.spans else []
        self.quote_of = quote_index(doc)

    def is_statement(self, q: Span) -> bool:
        words = [t for t in q if not (t.is_punct or t.is_space)]
        return len(words) >= self.min_quote_tokens and (
            any(t.pos_ in {"VERB", "AUX"} for t in words) or len(words) >= 8)


# --- patterns ---------------------------------------------------------------------------------------------------

def _verb(ctx: _Context, tok: Token) -> _Found | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in SPEECH_VERBS | COGNITION_VERBS:
        return None
    speech = lemma in SPEECH_VERBS
    content: list[tuple[int, int]] = []
    comps = [c for c in tok.children if c.dep_ == "ccomp" or (c.dep_ in {"parataxis", "dep"} and _in_quote(ctx, c))]
    if lemma in _PERCEPTION:
        comps = [c for c in comps if any(m.dep_ == "mark" and m.lower_ in {"that", "whether", "if"}
                                         for m in c.children)]
    if comps:
        content = [_subtree(c) for c in comps]
    intention = False
    if not content:
        content = _infinitive(tok, lemma)
        intention = bool(content)
    if not content:
        content = _predicate(tok, lemma)
    if not content and lemma in OBJECT_CONTENT_VERBS:
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN", "NUM"}), None)
        if obj is not None:
            content = [_subtree(obj)]
            charge = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "for"}
                           and c.i > obj.i), None)
            if charge is not None:  # "accused X of Y", "blamed X for Y"
                content = [(obj.left_edge.i, charge.right_edge.i + 1)]
    if not content and speech and not _passive(tok):
        q = _adjacent_quote(ctx, tok)
        if q is not None:
            content = [(q.start, q.end)]
    parts = None
    if not content and speech:
        parts = _parenthetical(ctx, tok)
    if not content and not parts:
        return None
    if parts:
        content = parts
    else:
        content = [_cut_at_next_statement(ctx, _merge(content), tok)]
        content = [_extend_to_quotes(ctx, content[0], tok)]
    if _passive(tok) and not any(c.dep_ in _SUBJECTS for c in tok.children):
        return None  # "Asked if …": the subject of the main clause was asked, it did not ask
    source = _subject(tok)
    if source is None and _passive(tok):
        return None  # "Asked if …", "It should be noted that …": the speaker is not named here
    if source is None:
        source = _nearest_named(ctx, tok, content[0])
    if source is None and intention:
        return None  # "by threatening to …": an intention with nobody holding it is not an attribution
    cue = _cue_range(tok)
    if source is not None and _overlaps((source.left_edge.i, source.right_edge.i + 1), content[0]):
        source = None if source.i in range(*content[0]) else source
    return _Found(cue=cue, source=source, content=content, statement=speech)


def _noun(ctx: _Context, tok: Token) -> _Found | None:
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
    content = _extend_to_quotes(ctx, _subtree(clause), tok)
    return _Found(cue=(tok.i, tok.i + 1), source=source, content=[content])


def _according_to(ctx: _Context, tok: Token) -> _Found | None:
    if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.nbor().lower_ != "to":
        return None
    to = tok.nbor()
    source = next((c for c in to.children if c.dep_ == "pobj"), None) or \
        next((c for c in tok.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    sent = tok.sent
    phrase = (tok.i, max(source.right_edge.i, to.i) + 1)
    before = _trim(tok.doc, sent.start, phrase[0])
    after = _trim(tok.doc, phrase[1], sent.end)
    parts = [r for r in (before, after) if r[1] - r[0] >= 3]
    if not parts:
        return None
    return _Found(cue=(tok.i, to.i + 1), source=source, content=[max(parts, key=lambda r: r[1] - r[0])])


def _signed_quotes(ctx: _Context, found: list[_Found]) -> list[_Found]:
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
            out.append(_Found(cue=(j, j + 1), source=ent.root, content=[(q.start, q.end)]))
            continue
        i = q.start - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i > 0 and doc[i].text == ":" and doc[i - 1].ent_type_ in {"PERSON", "ORG"}:
            ent = next((e for e in doc.ents if e.end == i), None)
            if ent is not None and (ent.start == ent.sent.start or doc[ent.start - 1].is_space):
                out.append(_Found(cue=(i, i + 1), source=ent.root, content=[(q.start, q.end)]))
    return out


_TRANSCRIPT = re.compile(r"^[\"“]?(?P<name>[A-Z][A-Z.'’ -]{1,38}[A-Z.]):\s+(?P<said>\S.*)$", re.S)
_HEADLINE = re.compile(r"^(?P<name>[^:]{2,40}):\s+(?P<said>\S.+)$", re.S)


def _labelled(ctx: _Context) -> list[_Found]:
    """Statements labelled with their speaker: transcript turns ("PENCE: Well, look, …") and the headline form
    "Pence: Flowers won't be at debate"."""
    doc = ctx.doc
    out = []
    for block in doc_blocks(doc):
        if block.role not in {"headline", "body"}:
            continue
        text = doc.text[block.start:block.end]
        m = _TRANSCRIPT.match(text) if block.role == "body" else _HEADLINE.match(text)
        if m is None:
            continue
        name = doc.char_span(block.start + m.start("name"), block.start + m.end("name"), alignment_mode="expand")
        said = doc.char_span(block.start + m.start("said"), block.end, alignment_mode="expand")
        if name is None or said is None or len(name) > 6:
            continue
        if block.role == "headline" and not (name[0].is_title or name[0].is_upper) or \
                not any(t.pos_ in {"VERB", "AUX"} for t in said):
            continue
        colon = name.end if name.end < len(doc) and doc[name.end].text == ":" else None
        if colon is None:
            continue
        out.append(_Found(cue=(colon, colon + 1), source=name.root, content=[_trim(doc, said.start, said.end)]))
    return out


# --- pieces -----------------------------------------------------------------------------------------------------

def _subject(verb: Token) -> Token | None:
    """The verb's subject, climbing through participles, infinitives and coordinated verbs that lack their own."""
    node = verb
    for _ in range(4):
        subj = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
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


def _passive(verb: Token) -> bool:
    """A passive or bare past participle: "Asked if …", "it should be noted that …"."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "nsubj"} for c in verb.children)


def _nearest_named(ctx: _Context, verb: Token, content: tuple[int, int]) -> Token | None:
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


def _predicate(verb: Token, lemma: str) -> list[tuple[int, int]]:
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


def _infinitive(verb: Token, lemma: str) -> list[tuple[int, int]]:
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


def _adjacent_quote(ctx: _Context, verb: Token) -> Span | None:
    """A statement quotation right before the speaker clause (“…,” Putin said) or right after it (said: “…”)."""
    doc = verb.doc
    clause = [verb.i] + [t.i for c in verb.children if c.dep_ in _SUBJECTS | {"aux", "neg", "prt", "dative", "npadvmod"}
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


def _parenthetical(ctx: _Context, verb: Token) -> list[tuple[int, int]] | None:
    """"The plan, officials said, will cost $2 billion": the cue clause interrupts the content, which is the rest of
    the clause it hangs from, before and after it."""
    head = verb.head
    if verb.dep_ not in {"parataxis", "advcl", "conj"} or head.i == verb.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    if not any(c.dep_ in _SUBJECTS for c in verb.children) or any(c.dep_ == "mark" for c in verb.children):
        return None
    cue_clause = (verb.left_edge.i, verb.right_edge.i + 1)
    if cue_clause[1] - cue_clause[0] > 12:
        return None
    clause = _subtree(head)
    parts = [_trim(verb.doc, clause[0], cue_clause[0]), _trim(verb.doc, cue_clause[1], clause[1])]
    parts = [p for p in parts if p[1] - p[0] >= 2]
    words = sum(1 for s, e in parts for t in verb.doc[s:e] if not t.is_punct)
    return parts if words >= 4 else None


def _cut_at_next_statement(ctx: _Context, rng: tuple[int, int], cue: Token) -> tuple[int, int]:
    """End a content before a semicolon or before a further statement joined to it ("said X and warned Y",
    "said X, arguing Y"): those are attributions of their own."""
    doc = cue.doc
    start, end = rng
    for i in range(start, end):
        tok = doc[i]
        if ctx.quote_of[i] is not None or i == start:
            continue
        if tok.text == ";" and i > cue.i:
            return _trim(doc, start, i)
        if tok.pos_ == "VERB" and tok.dep_ in {"conj", "advcl"} and tok.lemma_.lower() in SPEECH_VERBS \
                and tok.i > cue.i and tok.left_edge.i > start:
            cut = tok.left_edge.i
            while cut > start and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct or doc[cut - 1].is_space):
                cut -= 1
            return _trim(doc, start, cut)
    return rng


def _ends_sentence(q: Span) -> bool:
    inner = q.text.rstrip(QUOTE_MARKS + " \n")
    return inner.endswith(".") and not inner.endswith("..")


def _extend_to_quotes(ctx: _Context, rng: tuple[int, int], cue: Token) -> tuple[int, int]:
    """Grow a content range to the whole of every quotation it touches, unless that would swallow the cue."""
    start, end = rng
    for q in ctx.quotes:
        if q.start < end and q.end > start and not (q.start <= cue.i < q.end):
            start, end = min(start, q.start), max(end, q.end)
    return _trim(cue.doc, start, end)


def _extend_with_following_quotes(ctx: _Context, found: list[_Found]) -> None:
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


def _drop_nested(found: list[_Found]) -> list[_Found]:
    """Keep the outer attribution when one sits inside another's content ("X said Y claimed that …"), and one
    attribution per content."""
    covered: dict[int, set[int]] = {}  # token → the attributions whose content holds it
    for n, hit in enumerate(found):
        for s, e in hit.content:
            for i in range(s, e):
                covered.setdefault(i, set()).add(n)
    keep, contents = [], set()
    for n, hit in enumerate(found):
        cue_i = hit.cue[0] if hit.cue else hit.content[0][0]
        key = tuple(hit.content)
        if covered.get(cue_i, set()) - {n} or key in contents:
            continue
        contents.add(key)
        keep.append(hit)
    return keep


def _cue_range(verb: Token) -> tuple[int, int]:
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


def _subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _merge(ranges: list[tuple[int, int]]) -> tuple[int, int]:
    return min(s for s, _ in ranges), max(e for _, e in ranges)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _in_quote(ctx: _Context, tok: Token) -> bool:
    return ctx.quote_of[tok.i] is not None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].is_space or doc[start].text in {",", ":", "—", "–", ";"}):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in {",", ":", "—", "–", ";"}
                           or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


# --- output -----------------------------------------------------------------------------------------------------

def _reading_order(hit: _Found) -> int:
    """Pronouns are resolved in the order a reader meets the speakers, so "he … he" chains hold."""
    if hit.source is not None:
        return hit.source.i
    return hit.cue[0] if hit.cue else hit.content[0][0]


def _record(ctx: _Context, hit: _Found) -> dict:
    doc = ctx.doc
    source_range = None
    names: list[str] = []
    if hit.source_chars is not None:
        source_range = hit.source_chars
        names = _source_entities(ctx, hit.source)
    elif hit.source is not None:
        s, e = _trim(doc, hit.source.left_edge.i, hit.source.right_edge.i + 1)
        while s < hit.source.i and (doc[s].ent_type_ in {"DATE", "TIME"} or doc[s].is_punct):
            s += 1  # "On Friday Ukrainian President …": the date is not part of the speaker
        # "Trump, speaking to veterans, said": the speaker is Trump (relative clauses stay: annotators keep them)
        clauses = [c.left_edge.i for c in hit.source.rights if c.dep_ == "acl" and c.tag_ == "VBG"]
        if clauses:
            s, e = _trim(doc, s, min(e, min(clauses)))
        for s2, e2 in hit.content:
            if s < s2 < e:
                e = s2
        s, e = _trim(doc, s, e)
        if e > s:
            source_range = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
            names = _source_entities(ctx, hit.source)
    content = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in hit.content if e > s]
    cue = (doc[hit.cue[0]].idx, doc[hit.cue[1] - 1].idx + len(doc[hit.cue[1] - 1])) if hit.cue else None
    return {"kind": _kind(ctx, hit.content), "stance": _stance(ctx, hit), "statement": hit.statement,
            "source": source_range,
            "source_entity": names[0] if names else None, "source_entities": names,
            "cue": cue, "content": content, "confidence": hit.confidence}


def _stance(ctx: _Context, hit: _Found) -> str:
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


def _kind(ctx: _Context, ranges: list[tuple[int, int]]) -> str:
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


def _source_entities(ctx: _Context, head: Token) -> list[str]:
    names = []
    for conj in [head, *head.conjuncts]:
        record = _entity_for(ctx, conj)
        if record is not None and record["name"] not in names:
            names.append(record["name"])
    return names


def _entity_for(ctx: _Context, tok: Token) -> dict | None:
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
            add_entity(doc, record["name"], record["type"], tok.idx, tok.idx + len(tok))
        return record
    record = entity_at(doc, tok.idx, tok.idx + len(tok))  # the head is (part of) a known name
    if record is not None:
        return record
    for child in tok.children:  # "Its general secretary, Tomas Kearney": the apposition names the speaker
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            record = entity_at(doc, child.idx, child.idx + len(child))
            if record is not None:
                return record
    if tok.lemma_.lower() in CONTAINER_NOUNS:
        named = [c for c in tok.children if c.dep_ in {"compound", "poss", "nmod", "appos"}]
        named += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"by", "of", "from"}
                  for g in c.children if g.dep_ == "pobj"]
        for child in named:
            record = entity_at(doc, child.idx, child.idx + len(child)) if child.ent_type_ else None
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
            return add_entity(doc, text, type_, core.start_char, core.end_char)
    return None


def _antecedent(ctx: _Context, pron: Token) -> dict | None:
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
    for record in doc._.cg_entities:
        if record["type"] not in wanted:
            continue
        for ms, me in record["mentions"]:
            if not (window_start <= ms and me <= pron.idx):
                continue
            span = doc.char_span(ms, me, alignment_mode="expand")
            if span is None or ctx.quote_of[span.root.i] is not None:
                continue
            # Subjects outrank other mentions across the window; the latest wins among equals.
            key = (span.root.dep_ in _SUBJECTS, ms)
            if best is None or key > best[0]:
                best = (key, record)
    return best[1] if best is not None else None
