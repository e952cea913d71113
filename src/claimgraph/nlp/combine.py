"""The step after the stages: join what they wrote separately, without touching their records.

Each attribution gets the hedges over its content and cue, and a certainty (a distancing cue such as "claims"
makes it unknown); the entity table gets the mentions the attribution stage resolved sources to (pronouns, bodies
the recogniser missed), in the order it resolved them, so ids and names come out as if added in place.
"""

from __future__ import annotations

import copy

from spacy.tokens import Doc

from .records import AttributionRecord, EntityRecord, HedgeRecord
from .stages.entities import add_entity
from .stages.hedging import certainty, cues_over


def entities_with_speakers(doc: Doc) -> list[EntityRecord]:
    """The article's entity table with the resolved speakers' mentions added."""
    entities = copy.deepcopy(doc._.cg_entities or [])
    for speaker in doc._.cg_speakers or []:
        add_entity(entities, speaker["name"], speaker["type"], speaker["start"], speaker["end"])
    return entities


def attribution_hedges(doc: Doc, record: AttributionRecord) -> tuple[list[HedgeRecord], str]:
    """The hedges that qualify one attribution (cues on its content or its cue) and its certainty."""
    hedges = doc._.cg_hedges or []
    found: list[HedgeRecord] = []
    for s, e in [*record["content"], *([record["cue"]] if record["cue"] else [])]:
        found += [c for c in cues_over(hedges, s, e) if c not in found]
    return found, certainty(found, distancing=record["stance"] == "distancing")
