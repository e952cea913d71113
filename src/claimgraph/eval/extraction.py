"""Article extraction from HTML: body text against the Article Extraction Benchmark (AEB), and title, date and
authors against a labelled set of its pages.

Body F1 is AEB's own measure (its evaluate.py): each text becomes 4-token shingles of ``\\w+`` tokens, each page's
true positives, false positives and false negatives are normalised to sum to one (so long pages weigh no more than
short ones), and precision, recall and F1 come from their sums over all pages.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import DataError, InputError
from ..ingest.extract import Extracted, extract

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingle_counts(true: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page's shingles, normalised to sum to one."""
    gold, found = _shingles(true, n), _shingles(pred, n)
    tp = fp = fn = 0.0
    for key in gold.keys() | found.keys():
        g, f = gold.get(key, 0), found.get(key, 0)
        tp += min(g, f)
        fp += max(0, f - g)
        fn += max(0, g - f)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str, n: int) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def prf(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def aeb_pages(directory: str | Path) -> list[tuple[str, bytes, dict]]:
    """(id, HTML as fetched, gold) for every page of an AEB folder (``ground-truth.json`` and ``html/<id>.html.gz``)."""
    root = Path(directory)
    truth = root / "ground-truth.json"
    if not truth.is_file():
        raise DataError(f"{root}: no ground-truth.json; expected an Article Extraction Benchmark folder")
    gold = json.loads(truth.read_text(encoding="utf-8"))
    out = []
    for key in sorted(gold):
        page = root / "html" / f"{key}.html.gz"
        if page.is_file():
            out.append((key, gzip.decompress(page.read_bytes()), gold[key]))
    return out


def body_of(found: Extracted) -> str:
    """The extracted body without the headline the extractor puts in front of it."""
    if found.title and found.text.startswith(found.title + "\n\n"):
        return found.text[len(found.title) + 2:]
    return found.text


@dataclass(frozen=True)
class ExtractionReport:
    """Body F1 over the AEB pages; title, date and authors over the labelled ones."""

    pages: int
    failed: int
    body_precision: float
    body_recall: float
    body_f1: float
    labelled: int = 0
    title_exact: float = 0.0
    dated: int = 0
    date_same_day: float = 0.0
    authors_exact: float = 0.0
    misses: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


Extractor = Callable[[bytes, str, "str | None"], Extracted]


def evaluate(directory: str | Path, labels: str | Path | None = None, extractor: Extractor = extract,
             progress: Callable[..., None] = lambda total=None, advance=0: None) -> ExtractionReport:
    """Extract every AEB page in ``directory``; score bodies against its gold text and, where ``labels`` (a JSON
    file ``{id: {"title", "published", "authors"}}``) labels a page, its title, date and authors."""
    pages = aeb_pages(directory)
    gold_meta = _labels(labels) if labels else {}
    progress(total=len(pages))
    counts, found = [], {}
    for key, html, gold in pages:
        try:
            found[key] = extractor(html, key, gold.get("url"))
            body = body_of(found[key])
        except InputError:
            body = ""
        counts.append(shingle_counts(gold.get("articleBody", ""), body))
        progress(advance=1)
    precision, recall, f1 = prf(counts)
    failed = len(pages) - len(found)
    if not gold_meta:
        return ExtractionReport(len(pages), failed, precision, recall, f1)
    return _metadata_report(ExtractionReport(len(pages), failed, precision, recall, f1), gold_meta, found)


def _labels(path: str | Path) -> dict[str, dict]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read the metadata labels ({exc})") from exc
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected an object of page id to labels")
    return data


def _metadata_report(report: ExtractionReport, gold: dict[str, dict], found: dict[str, Extracted]) -> ExtractionReport:
    titles = dates = authors = dated = 0
    misses: dict[str, list[str]] = {"title": [], "published": [], "authors": []}
    for key, want in gold.items():
        got = found.get(key)
        if _norm(want.get("title")) == _norm(got.title if got else None):
            titles += 1
        else:
            misses["title"].append(key)
        if want.get("published"):
            dated += 1
            if same_day(want["published"], got.published if got else None):
                dates += 1
            else:
                misses["published"].append(key)
        if _names(want.get("authors") or ()) == _names(got.authors if got else ()):
            authors += 1
        else:
            misses["authors"].append(key)
    n = len(gold)
    return ExtractionReport(report.pages, report.failed, report.body_precision, report.body_recall, report.body_f1,
                            n, titles / n if n else 0.0, dated, dates / dated if dated else 0.0,
                            authors / n if n else 0.0, misses)


def same_day(gold: str, found: str | None) -> bool:
    """Whether ``found`` (an ISO date or date and time) falls on the day ``gold`` names, as the page gives it."""
    try:
        return bool(found) and dt.date.fromisoformat(found[:10]) == dt.date.fromisoformat(gold[:10])
    except ValueError:
        return False


def _norm(value: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", value or "").split()).casefold()


def _names(values: Iterable[str]) -> set[str]:
    return {_norm(v) for v in values}
