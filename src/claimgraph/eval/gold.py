"""Reader and scorer for claimgraph's own gold JSON (hand annotations such as shared/gold/seed-article.json).

Gold contents are substrings of the article, so they are located by search; a predicted attribution matches a
gold one when its content overlaps the gold content and its source (as written, or the entity it stands for)
carries one of the gold source's names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from ..model import Analysis, Attribution


@dataclass(frozen=True)
class GoldAttribution:
    id: str
    source_names: tuple[str, ...]
    cue: str
    content: str
    kind: str
    optional: bool = False
    spans: tuple[tuple[int, int], ...] = ()
    """Every place the content string occurs in the text."""


@dataclass(frozen=True)
class GoldDocument:
    document: str
    published: str | None
    attributions: tuple[GoldAttribution, ...]
    boilerplate: tuple[str, ...] = ()
    raw: dict = field(default_factory=dict, compare=False)


def load_gold(path: str | Path, text: str) -> GoldDocument:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read gold file ({exc})") from exc
    atts = []
    for item in data.get("attributions", []):
        try:
            names = tuple(item.get("source_aliases") or ())
            if not names and item.get("source") not in (None, "unspecified"):
                names = tuple(n.strip() for n in item["source"].split(";"))
            spans = tuple((m.start(), m.end()) for m in re.finditer(re.escape(item["content"]), text))
            if not spans:
                raise DataError(f"{path}: content of {item['id']} is not in the text")
            atts.append(GoldAttribution(item["id"], names, item.get("cue", ""), item["content"],
                                        item.get("kind", ""), bool(item.get("optional")), spans))
        except KeyError as exc:
            raise DataError(f"{path}: attribution without {exc}") from exc
    return GoldDocument(data.get("document", str(path)), data.get("published"), tuple(atts),
                        tuple(data.get("boilerplate", ())), data)


def source_matches(pred: Attribution, gold: GoldAttribution) -> bool:
    if not gold.source_names:
        return pred.source is None
    if pred.source is None:
        return False
    entities = {n.lower() for n in (pred.source.entity, *pred.source.entities) if n}
    written = pred.source.text.lower()
    for name in gold.source_names:
        low = name.lower()
        if low in entities or re.search(r"(?<!\w)" + re.escape(low) + r"(?!\w)", written):
            return True
    return False


def content_overlaps(pred: Attribution, gold: GoldAttribution) -> bool:
    parts = pred.parts
    return any(p.start < e and s < p.end for p in parts for s, e in gold.spans)


@dataclass(frozen=True)
class GoldScore:
    required: int
    found: int
    predicted: int
    correct_predictions: int
    boilerplate_marked: int
    boilerplate_total: int
    missed: tuple[str, ...]
    spurious: tuple[str, ...]

    @property
    def precision(self) -> float:
        return 100.0 * self.correct_predictions / self.predicted if self.predicted else 0.0

    def as_dict(self) -> dict:
        return {"required": self.required, "found": self.found, "predicted": self.predicted,
                "correct_predictions": self.correct_predictions, "precision": round(self.precision, 1),
                "boilerplate_marked": self.boilerplate_marked, "boilerplate_total": self.boilerplate_total,
                "missed": list(self.missed), "spurious": list(self.spurious)}


def score_gold(analysis: Analysis, gold: GoldDocument) -> GoldScore:
    """Required attributions found with the right source, and precision of the predictions (optional gold items
    are neither required nor counted as false alarms). The gold counts claims: predictions of another ``type``
    (belief, intention, question, topic) are left out."""
    def match(p: Attribution, g: GoldAttribution) -> bool:
        return content_overlaps(p, g) and source_matches(p, g)

    claims = [p for p in analysis.attributions if p.type == "claim"]
    required = [g for g in gold.attributions if not g.optional]
    missed = tuple(g.id for g in required if not any(match(p, g) for p in claims))
    spurious = tuple(f"{p.id}: {p.source.text if p.source else '-'} / {p.cue.text if p.cue else '-'} / "
                     f"{p.content.text[:60]}" for p in claims if not any(match(p, g) for g in gold.attributions))
    marked = 0
    text = analysis.text
    for line in gold.boilerplate:
        at = text.find(line)
        if at >= 0 and any(s.start <= at < s.end and s.role in {"boilerplate", "caption"}
                           for s in analysis.sentences):
            marked += 1
    return GoldScore(len(required), len(required) - len(missed), len(claims), len(claims) - len(spurious), marked, len(gold.boilerplate), missed, spurious)
