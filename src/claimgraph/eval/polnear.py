"""Reader for PolNeAR (brat standoff): Source / Cue / Content text-bound spans joined by Attribution events.

Layout: ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME_ANNOTATOR.ann``; ``metadata.tsv`` (in DIR or its
parent) gives publisher and date. Where several annotators annotated one text, the annotation of the annotator
whose ID sorts first is used, so every run reads the same gold. Discontinuous spans (``10 20;30 40``) are kept as
fragments.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from ..errors import DataError
from .annotations import AnnotatedDocument, SpanAttribution, kind_of
from ..text.blocks import blocks
from ..text.quotations import find_quotes, quoted_chars

_ID = re.compile(r"^[TE]\d+$")
_ANN = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


def read_polnear(directory: str | Path, limit: int | None = None,
                 names: list[str] | None = None) -> list[AnnotatedDocument]:
    root = Path(directory)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise DataError(f"{root}: not a PolNeAR compartment (expected text/ and attributions/ folders)")
    chosen: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        m = _ANN.match(path.name)
        if m and m["name"] not in chosen:
            chosen[m["name"]] = path
    meta = _metadata(root)
    selected = sorted(chosen) if names is None else [n for n in names if n in chosen]
    if limit is not None:
        selected = selected[:limit]
    docs = []
    for name in selected:
        text_path = text_dir / f"{name}.txt"
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataError(f"{text_path}: cannot read ({exc})") from exc
        row = meta.get(name, {})
        docs.append(AnnotatedDocument(name, text, parse_ann(chosen[name].read_text(encoding="utf-8"), text,
                                                            str(chosen[name])),
                                      row.get("publisher"), row.get("publication_date"), row))
    return docs


def parse_ann(ann: str, text: str, where: str = "<ann>") -> tuple[SpanAttribution, ...]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for lineno, line in enumerate(ann.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if not _ID.match(parts[0]):
            continue  # a continuation of the previous annotation's text (brat allows newlines there), or A/R/# lines
        try:
            if line.startswith("T"):
                label, _, offsets = parts[1].partition(" ")
                frags = tuple((int(a), int(b)) for a, b in (f.split() for f in offsets.split(";")))
                spans[parts[0]] = (label, frags)
            elif line.startswith("E"):
                args = dict(a.split(":", 1) for a in parts[1].split())
                events.append(args)
        except (IndexError, ValueError) as exc:
            raise DataError(f"{where}:{lineno}: malformed brat line {line!r}") from exc
    inside = quoted_chars(text, find_quotes(text, blocks(text)))
    out = []
    for args in events:
        role = {k.rstrip("0123456789"): v for k, v in args.items()}
        if not any(k.startswith("Attribution") for k in role):
            continue
        content = spans.get(role.get("Content", ""), ("", ()))[1]
        if not content:
            continue
        source = spans.get(role.get("Source", ""), ("", ()))[1]
        cue = spans.get(role.get("Cue", ""), ("", ()))[1]
        out.append(SpanAttribution(content=content, source=source, cue=cue, kind=kind_of(text, content, inside)))
    return tuple(out)


def _metadata(root: Path) -> dict[str, dict[str, str]]:
    for candidate in (root / "metadata.tsv", root.parent / "metadata.tsv"):
        if candidate.is_file():
            with candidate.open(encoding="utf-8", newline="") as fh:
                return {row["filename"]: row for row in csv.DictReader(fh, delimiter="\t")}
    return {}
