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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

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


def aeb_pages(directory: str | Path) -> list[tuple[str, str, dict]]:
    """(id, HTML, gold) for every page of an AEB folder (``ground-truth.json`` and ``html/<id>.html.gz``)."""
    root = Path(directory)
    truth = root / "ground-truth.json"
    if not truth.is_file():
        raise DataError(f"{root}: no ground-truth.json; expected an Article Extraction Benchmark folder")
    gold = json.loads(truth.read_text(encoding="utf-8"))
    out = []
    for key in sorted(gold):
        page = root / "html" / f"{key}.html.gz"
        if page.is_file():
            out.append((key, gzip.decompress(page.read_bytes()).decode("utf-8", "replace"), gold[key]))
    return out


def body_of(found: Extracted) -> str:
    """The extracted body without the headline the extractor puts in front of it."""
    if found.title and found.text.startswith(found.title + "\n\n"):
        return found.text[len(found.title) + 2:]
    return found.text
