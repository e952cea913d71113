"""Every spaCy registration of claimgraph: the Doc extensions and one component per stage, each declaring what it
requires and assigns (``nlp.analyze_pipes()`` shows them).

Users with their own pipeline add the components by name, in this order (or call :func:`add_stages`)::

    nlp.add_pipe("claimgraph_layout", before="parser")   # optional: sentences never cross paragraphs
    nlp.add_pipe("claimgraph_tagger")                    # optional: the learned attribution model
    for name in STAGES:                                  # quotes, entities, attributions, hedges, voice, ...
        nlp.add_pipe(name)

Without ``claimgraph_tagger`` attributions come from the rules on the parse alone. Each component writes only its
own records (``claimgraph.nlp.records``); ``claimgraph.nlp.convert.to_analysis(doc, article)`` combines them into
an :class:`claimgraph.model.Analysis`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..settings import HYBRID_CONFIDENCE, MODEL_CONFIDENCE
from .records import EXTENSIONS
from .stages.attribution import attribution_component
from .stages.entities import entity_component
from .stages.hedging import hedging_component
from .stages.layout import layout_component
from .stages.quantities import quantity_component
from .stages.quotes import quote_component
from .stages.times import time_component
from .stages.voice import voice_component
from .tagger.component import TaggerComponent

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

STAGES = ("claimgraph_quotes", "claimgraph_entities", "claimgraph_attributions", "claimgraph_hedges",
          "claimgraph_voice", "claimgraph_times", "claimgraph_quantities")
"""The stages after the parse, in the order they run."""

_PARSE = ["token.dep", "token.lemma", "doc.sents"]


def add_stages(nlp: Language, min_quote_tokens: int = 4, combine: str = "hybrid",
               min_confidence: float = HYBRID_CONFIDENCE) -> None:
    """Add the stages after the parse (``STAGES``); the attribution stage takes the configuration."""
    for name in STAGES:
        config = {"min_quote_tokens": min_quote_tokens, "combine": combine, "min_confidence": min_confidence} \
            if name == "claimgraph_attributions" else {}
        nlp.add_pipe(name, config=config)


@Language.factory("claimgraph_layout", assigns=["token.is_sent_start", "doc.spans"])
def make_layout(nlp: Language, name: str):
    """Blocks (headline, body, caption, chrome) in ``doc.spans["layout"]``; a sentence starts at every block."""
    return layout_component


@Language.factory("claimgraph_tagger", default_config={"weights": "", "threads": 0, "batch_size": 16,
                                                       "precision": "auto", "min_confidence": MODEL_CONFIDENCE},
                  assigns=["doc._.cg_tagged", "doc._.cg_states"])
def make_tagger(nlp: Language, name: str, weights: str, threads: int, batch_size: int, precision: str,
                min_confidence: float) -> TaggerComponent:
    """Source, cue and content spans from the learned tagger; ``weights`` empty: the model shipped with claimgraph;
    ``precision``: ``auto``, ``float32`` or ``bfloat16`` (``Settings.model_precision``)."""
    return TaggerComponent(weights, threads, batch_size, min_confidence, precision)


@Language.factory("claimgraph_quotes", assigns=["doc.spans"])
def make_quotes(nlp: Language, name: str):
    """Quotations in ``doc.spans["quotes"]``."""
    return quote_component


@Language.factory("claimgraph_entities", requires=["doc.ents", "token.dep"], assigns=["doc._.cg_entities"])
def make_entities(nlp: Language, name: str):
    """People and bodies, one record per entity with its mentions and roles."""
    return entity_component


@Language.factory("claimgraph_attributions",
                  default_config={"min_quote_tokens": 4, "combine": "hybrid", "min_confidence": HYBRID_CONFIDENCE},
                  requires=[*_PARSE, "doc.ents", "doc._.cg_entities"],
                  assigns=["doc._.cg_attributions", "doc._.cg_speakers", "doc.spans"])
def make_attributions(nlp: Language, name: str, min_quote_tokens: int, combine: str, min_confidence: float):
    """``combine``: with ``claimgraph_tagger`` before it, ``hybrid`` keeps the rules' attributions with the
    tagger's boundaries and adds the tagger's others of at least ``min_confidence``; ``model`` keeps the tagger's
    alone. Without the tagger the rules run alone."""
    return AttributionStage(min_quote_tokens, combine, min_confidence)


class AttributionStage:
    """The attribution stage with its configuration (a class, so a pipeline can be pickled)."""

    def __init__(self, min_quote_tokens: int, combine: str, min_confidence: float) -> None:
        self.min_quote_tokens, self.combine, self.min_confidence = min_quote_tokens, combine, min_confidence

    def __call__(self, doc: Doc) -> Doc:
        return attribution_component(doc, self.min_quote_tokens, self.combine, self.min_confidence)


@Language.factory("claimgraph_hedges", requires=["token.dep"], assigns=["doc._.cg_hedges"])
def make_hedges(nlp: Language, name: str):
    """Hedges and boosters with their scope and level."""
    return hedging_component


@Language.factory("claimgraph_voice", requires=["doc.sents", "doc._.cg_attributions", "doc._.cg_hedges"],
                  assigns=["doc._.cg_sentences"])
def make_voice(nlp: Language, name: str):
    """Each sentence reported, attributed or the writer's opinion."""
    return voice_component


@Language.factory("claimgraph_times", requires=["doc.ents"], assigns=["doc._.cg_times"])
def make_times(nlp: Language, name: str):
    """Dates resolved against ``doc._.cg_published``."""
    return time_component


@Language.factory("claimgraph_quantities", requires=["token.dep", "doc._.cg_times"],
                  assigns=["doc._.cg_quantities"])
def make_quantities(nlp: Language, name: str):
    """Figures with value, unit, qualifier and what they count."""
    return quantity_component
