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
The rules live in ``rules`` (patterns) and ``clauses`` (pieces of a reporting clause), the model's attributions
and the hybrid in ``tagged``, speaker resolution in ``speakers``, the records in ``describe``.
Sources are the subject (inherited through "…, declaring …" and "… and added …"); pronouns and relative pronouns
are resolved to the entity they stand for. Results: ``doc._.cg_attributions`` (plain records) and
``doc.spans["attributions"]`` (content spans labelled with their kind), and ``doc._.cg_speakers``: the mentions
sources were resolved to, which ``nlp.combine`` adds to the entity table.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...records import AttributionRecord
from ....settings import HYBRID_CONFIDENCE
from .context import Context
from .describe import reading_order, to_record
from .rules import by_rules
from .tagged import from_tagger, hybrid


def attribution_component(doc: Doc, min_quote_tokens: int = 4, combine: str = "hybrid",
                          min_confidence: float = HYBRID_CONFIDENCE) -> Doc:
    """``combine`` applies when the tagger ran (``doc._.cg_tagged`` set): ``model`` keeps the tagger's attributions
    alone; ``hybrid`` keeps the rules' attributions, takes content and source boundaries from the tagger where it
    found the same cue, and adds the tagger's other attributions of at least ``min_confidence``."""
    ctx = Context(doc, min_quote_tokens)
    if doc._.cg_tagged is None:
        found = by_rules(ctx)
    elif combine == "model":
        found = from_tagger(ctx, doc._.cg_tagged)
    else:
        found = hybrid(ctx, by_rules(ctx), from_tagger(ctx, doc._.cg_tagged), min_confidence)
    records: list[AttributionRecord] = []
    spans = []
    resolved = {id(hit): to_record(ctx, hit) for hit in sorted(found, key=reading_order)}
    for n, hit in enumerate(sorted(found, key=lambda h: h.content[0][0]), start=1):
        record = resolved[id(hit)]
        record["id"] = f"a{n}"
        records.append(record)
        spans.append(Span(doc, hit.content[0][0], hit.content[-1][1], label=record["kind"]))
    doc._.cg_attributions = records
    doc._.cg_speakers = ctx.speakers
    doc.spans["attributions"] = spans
    return doc
