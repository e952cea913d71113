"""Writing results out: one analysis per file (``analyze --out``, ``--brat``) and the whole store (``export``).

Formats: the claimgraph.analysis/1 JSON document; JSONL (one document per article); CSV and Parquet (one row per
statement); the claims across articles as JSONL; brat standoff in PolNeAR's scheme, so annotators can correct claimgraph's output in brat or INCEpTION.
In brat, each attribution becomes Source / Cue / Content text-bound annotations (discontinuous contents as
``s e;s e``), an ``Attribution`` trigger on the cue, and an event joining them (``Attribution-no-source`` when
there is no source); :func:`claimgraph.eval.polnear.parse_ann` reads it back.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from .claims.view import claim_ids, get_claim
from .errors import MissingExtra, SettingsError
from .model import Analysis, Span
from .store import Store
from .store.queries import STATEMENT_COLUMNS, analyses, statement_rows

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "brat", "claims")


def write_analysis(analysis: Analysis, out: Path, stem: str, brat: bool = False) -> list[Path]:
    """One analysis into ``out``: ``STEM.json``, or with ``brat`` ``STEM.txt`` and ``STEM.ann`` beside the
    folder's ``annotation.conf``."""
    out.mkdir(parents=True, exist_ok=True)
    if not brat:
        path = out / f"{stem}.json"
        path.write_text(analysis.to_json(), encoding="utf-8")
        return [path]
    (out / "annotation.conf").write_text(BRAT_CONF, encoding="utf-8")
    return _brat_files(analysis, out, stem)


def _brat_files(analysis: Analysis, out: Path, stem: str) -> list[Path]:
    (out / f"{stem}.txt").write_text(analysis.text, encoding="utf-8", newline="")
    (out / f"{stem}.ann").write_text(to_brat(analysis), encoding="utf-8")
    return [out / f"{stem}.txt", out / f"{stem}.ann"]


def export_store(store: Store, fmt: str, out: Path) -> list[Path]:
    """Write the store: ``jsonl`` (one analysis document per article), ``csv`` and ``parquet`` (one row per
    statement), ``brat`` (article-ID.txt + article-ID.ann per article), ``claims`` (claims.jsonl: one claim per
    line as ``claimgraph claim --json`` prints it). Rows stream: memory stays flat."""
    if fmt not in EXPORT_FORMATS:
        raise SettingsError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise MissingExtra("parquet", "exporting Parquet") from exc
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        path = out / "articles.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for article_id, document in analyses(store):
                fh.write(json.dumps({"id": article_id, **document}, ensure_ascii=False) + "\n")
        return [path]
    if fmt == "claims":
        path = out / "claims.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for claim_id in claim_ids(store):
                found = get_claim(store, claim_id)
                if found is not None and found["statements"]:
                    fh.write(json.dumps(found, ensure_ascii=False) + "\n")
        return [path]
    if fmt == "brat":
        written = []
        for article_id, document in analyses(store):
            written.append(_brat_files(Analysis.from_dict(document), out, f"article-{article_id}")[1])
        (out / "annotation.conf").write_text(BRAT_CONF, encoding="utf-8")
        return written
    if fmt == "csv":
        path = out / "statements.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=STATEMENT_COLUMNS)
            writer.writeheader()
            writer.writerows(statement_rows(store))
        return [path]
    path = out / "statements.parquet"
    schema = pa.schema([(c, pa.int64() if c == "article_id" else pa.string()) for c in STATEMENT_COLUMNS])
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict] = []
        for row in statement_rows(store):
            batch.append(row)
            if len(batch) == 10_000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return [path]


def to_brat(analysis: Analysis) -> str:
    lines: list[str] = []
    n = 0

    def add(label: str, spans: tuple[Span, ...]) -> str:
        nonlocal n
        n += 1
        offsets = ";".join(f"{s.start} {s.end}" for s in spans)
        text = " ".join(s.text.replace("\n", " ") for s in spans)
        lines.append(f"T{n}\t{label} {offsets}\t{text}")
        return f"T{n}"

    for e, att in enumerate(analysis.attributions, start=1):
        args = []
        if att.source is not None:
            args.append(f"Source:{add('Source', (att.source,))}")
        trigger_span = att.cue or att.content
        if att.cue is not None:
            args.append(f"Cue:{add('Cue', (att.cue,))}")
        args.append(f"Content:{add('Content', att.parts)}")
        trigger = add("Attribution", (trigger_span,))
        kind = "Attribution" if att.source is not None else "Attribution-no-source"
        lines.append(f"E{e}\t{kind}:{trigger} " + " ".join(args))
    return "\n".join(lines) + ("\n" if lines else "")


BRAT_CONF = """[entities]
Source
Cue
Content
Discard
Discuss

[relations]

[events]
Attribution\tSource:Source, Cue:Cue, Content:Content
Attribution-no-source\tCue:Cue, Content:Content

[attributes]
"""
