"""Every spaCy registration of claimgraph: Doc extensions and the pipeline components.

Users with their own pipeline add the components by name::

    nlp.add_pipe("claimgraph_layout", before="parser")   # optional: sentences never cross paragraphs
    nlp.add_pipe("claimgraph_tagger")                    # optional: the learned attribution model
    nlp.add_pipe("claimgraph")                           # quotations, entities, attributions

Without ``claimgraph_tagger`` attributions come from the rules on the parse alone.

Results: ``doc.spans["layout"|"quotes"|"attributions"]`` and plain records in ``doc._.cg_entities``,
``cg_attributions``, ``cg_hedges``, ``cg_sentences``, ``cg_quantities``, ``cg_times``;
``claimgraph.nlp.convert.to_analysis(doc)`` turns them into an :class:`claimgraph.model.Analysis`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .stages.attribution import attribution_component
from .tagger.component import TaggerComponent
from .stages.entities import entity_component
from .stages.hedging import hedging_component
from .stages.layout import layout_component
from .stages.quantities import quantity_component
from .stages.quotes import quote_component
from .stages.times import time_component
from .stages.voice import voice_component

for _name in ("cg_published", "cg_tagged", "cg_entities", "cg_attributions", "cg_hedges", "cg_sentences", "cg_quantities",
              "cg_times"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ClaimgraphComponent:
    """Quotations → entities → attributions → hedging → voice → times → quantities, on a parsed Doc.

    Set ``doc._.cg_published`` (YYYY-MM-DD) before the pipeline runs to resolve relative dates."""

    def __init__(self, min_quote_tokens: int, combine: str = "hybrid", min_confidence: float = 0.95) -> None:
        self.min_quote_tokens = min_quote_tokens
        self.combine = combine
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        if "layout" not in doc.spans:
            layout_component(doc, set_sentence_starts=False)
        quote_component(doc)
        entity_component(doc)
        attribution_component(doc, self.min_quote_tokens, self.combine, self.min_confidence)
        hedging_component(doc)
        voice_component(doc)
        time_component(doc)
        quantity_component(doc)
        return doc


@Language.factory("claimgraph", default_config={"min_quote_tokens": 4, "combine": "hybrid", "min_confidence": 0.95},
                  requires=["token.dep", "token.lemma", "token.pos", "doc.ents", "doc.sents"],
                  assigns=["doc._.cg_entities", "doc._.cg_attributions", "doc._.cg_hedges", "doc._.cg_sentences",
                           "doc._.cg_quantities", "doc._.cg_times", "doc.spans"])
def make_claimgraph(nlp: Language, name: str, min_quote_tokens: int, combine: str,
                    min_confidence: float) -> ClaimgraphComponent:
    """``combine``: with ``claimgraph_tagger`` before it, ``hybrid`` keeps the rules' attributions with the
    tagger's boundaries and adds the tagger's others of at least ``min_confidence``; ``model`` keeps the tagger's
    alone. Without the tagger the rules run alone."""
    return ClaimgraphComponent(min_quote_tokens, combine, min_confidence)


@Language.factory("claimgraph_layout", assigns=["token.is_sent_start", "doc.spans"])
def make_layout(nlp: Language, name: str):
    return layout_component


@Language.factory("claimgraph_tagger", default_config={"weights": "", "threads": 0, "batch_size": 16,
                                                       "min_confidence": 0.6},
                  assigns=["doc._.cg_tagged"])
def make_tagger(nlp: Language, name: str, weights: str, threads: int, batch_size: int,
                min_confidence: float) -> TaggerComponent:
    """Source, cue and content spans from the learned tagger; ``weights`` empty: the model shipped with claimgraph."""
    return TaggerComponent(weights, threads, batch_size, min_confidence)
