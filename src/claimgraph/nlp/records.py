"""The records each spaCy component writes, in one place: plain dicts (msgpack-safe, so docs survive spaCy's
multiprocessing) typed here. Every range is a pair of character offsets into ``doc.text``.

Each component writes only its own extension; ``nlp.combine`` joins them (hedges onto attributions, resolved
speakers into the entity table) and ``nlp.convert`` turns them into the dataclasses of ``claimgraph.model``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NotRequired, Optional, TypedDict

if TYPE_CHECKING:
    from spacy.tokens import Doc

Range = tuple[int, int]
_TEXT = "claimgraph.text"


def doc_text(doc: "Doc") -> str:
    """``doc.text``, the text every range points into, kept with the Doc: spaCy joins it anew from every token at
    each access (about 4 ms for an article), and the components read it several times."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def keep_text(doc: "Doc", text: str) -> "Doc":
    """Record ``text`` as the Doc's text when the Doc was just made from it: spaCy's tokeniser loses no character,
    so ``doc.text`` would join the same string again."""
    doc.user_data[_TEXT] = text
    return doc


class TaggedRecord(TypedDict):
    """``doc._.cg_tagged``: an attribution as the learned tagger linked it (its ``Linked``, as plain data)."""
    cue: Range
    content: list[Range]
    source: Optional[Range]
    confidence: float


class StatesRecord(TypedDict):
    """``doc._.cg_states``: the tagger encoder's last layer, which the voice stage's opinion model reads and then
    releases: each word piece's start offset (``starts``, int32) and its ``width`` float16 values (``vectors``),
    as bytes; ``model``, the digest of the tagger's weights file."""
    starts: bytes
    vectors: bytes
    width: int
    model: str


class EntityRecord(TypedDict):
    """``doc._.cg_entities``: a person or body of the article, all its mentions, and the roles it is given."""
    id: str
    name: str
    type: str
    mentions: list[list[int]]
    roles: list[str]


class SpeakerRecord(TypedDict):
    """``doc._.cg_speakers``: a mention the attribution stage resolved a source to (a pronoun, or a body the
    recogniser missed), to be added to the entity table in this order."""
    name: str
    type: str
    start: int
    end: int


class AttributionRecord(TypedDict):
    """``doc._.cg_attributions``: one attribution as the attribution stage found it."""
    id: str
    kind: Literal["direct", "indirect", "mixed"]
    stance: Literal["distancing", "neutral", "committing"]
    statement: bool
    """Speech or writing; False for beliefs and intentions the writer ascribes ("wants to", "is seeking to")."""
    type: Literal["claim", "belief", "intention", "question", "topic"]
    """What is attributed: a proposition asserted (claim), held (belief), an aim (intention), a question asked,
    or only what someone spoke about (topic); see docs/analysis-format.md."""
    source: Optional[Range]
    source_entity: Optional[str]
    source_entities: list[str]
    cue: Optional[Range]
    content: list[Range]
    confidence: Optional[float]


class HedgeRecord(TypedDict):
    """``doc._.cg_hedges``: a hedge or booster and the stretch of text it qualifies."""
    start: int
    end: int
    text: str
    type: Literal["hedge", "booster"]
    level: Literal["certain", "probable", "possible", "unknown"]
    scope: list[int]


class SentenceRecord(TypedDict):
    """``doc._.cg_sentences``: the writer's voice in one sentence, with its hedges and framing words."""
    start: int
    end: int
    voice: Optional[str]
    framing: list[list]
    hedges: list[HedgeRecord]
    certainty: Optional[str]
    confidence: Optional[float]


class TimeRecord(TypedDict):
    """``doc._.cg_times``: a date expression resolved against ``doc._.cg_published``."""
    start: int
    end: int
    text: str
    value: "str | list[str] | None"
    precision: Optional[str]
    type: NotRequired[str]
    range: NotRequired[Optional[dict]]


class QuantityRecord(TypedDict):
    """``doc._.cg_quantities``: a figure with its unit, qualifier and what it counts."""
    start: int
    end: int
    text: str
    value: "float | int | None"
    unit: Optional[str]
    qualifier: str
    counts: Optional[str]
    per: Optional[str]
    low: NotRequired["float | int | None"]
    high: NotRequired["float | int | None"]


EXTENSIONS = ("cg_published", "cg_tagged", "cg_states", "cg_entities", "cg_speakers", "cg_attributions", "cg_hedges",
              "cg_sentences", "cg_quantities", "cg_times")
"""The Doc extensions: ``cg_published`` (YYYY-MM-DD, set before the pipeline runs), ``cg_tagged`` (the
tagger's attributions), ``cg_states`` (its encoder's last layer, until the voice stage has read it) and one per record type above.

One attribution takes four shapes, each for a reason: the tagger's ``TaggedRecord`` (character ranges, before the
parse), the attribution stage's working ``Candidate`` (token ranges on the parse), its ``AttributionRecord``
(character ranges, plain data on the Doc) and the boundary type :class:`claimgraph.model.Attribution`."""
