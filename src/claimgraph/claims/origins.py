"""Where an article's reporting comes from: near-duplicates (wire copies, syndication, light rewrites) found by
MinHash over word shingles, and the outlets and agencies it credits ("(AP)", "Reuters reported", "according to
the Washington Post", "told CNN"). Forty outlets reprinting one wire story are one origin, not forty.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array

import numpy as np

from ..model import Analysis

SHINGLE = 5
PERMUTATIONS = 64
BANDS = 16
"""16 bands of 4 rows: articles whose shingle sets overlap by half or more share a band with probability ≥ 0.64,
by 0.8 or more with probability ≥ 0.999; at 0.2 overlap they meet in 2.5% of pairs."""
NEAR_DUPLICATE = 0.5
"""Estimated Jaccard overlap of shingles from which one article is a copy or light rewrite of another."""
_rng = np.random.RandomState(20161)
_MASKS = _rng.randint(0, 1 << 62, size=PERMUTATIONS, dtype=np.int64).astype(np.uint64)
_ODD = _rng.randint(0, 1 << 62, size=PERMUTATIONS, dtype=np.int64).astype(np.uint64) * np.uint64(2) + np.uint64(1)

AGENCIES = {
    "ap": "Associated Press", "associated press": "Associated Press", "reuters": "Reuters",
    "afp": "Agence France-Presse", "agence france-presse": "Agence France-Presse",
    "agence france presse": "Agence France-Presse", "upi": "United Press International",
    "united press international": "United Press International", "bloomberg": "Bloomberg", "dpa": "dpa",
    "xinhua": "Xinhua", "tass": "TASS", "interfax": "Interfax", "ria novosti": "RIA Novosti", "yonhap": "Yonhap",
    "kyodo": "Kyodo", "ansa": "ANSA", "efe": "EFE", "pa": "PA Media", "press association": "PA Media",
    "pti": "Press Trust of India", "press trust of india": "Press Trust of India", "ani": "ANI", "cnn": "CNN",
    "ukrinform": "Ukrinform", "anadolu": "Anadolu", "kcna": "KCNA", "korean central news agency": "KCNA",
}
"""Wire agencies and broadcasters credited by a bare name or abbreviation, to one spelling each."""
_DATELINE = re.compile(r"\((?P<name>AP|Reuters|AFP|UPI|dpa|DPA|Xinhua|TASS|Interfax|Yonhap|Kyodo|ANSA|EFE|PA|PTI|"
                       r"ANI|CNN|Bloomberg|Anadolu)\)")
_WORDS = "|".join(sorted((re.escape(k) for k in AGENCIES if len(k) > 3 or k in {"ap", "afp", "upi", "pti"}),
                         key=len, reverse=True))
_PHRASES = re.compile(
    rf"\b(?:according to|told|reported by|(?:the )?(?:news agency|agency)|(?:wrote|said|told|reported) (?:to )?)"
    rf"\s+(?:the\s+)?(?P<a>{_WORDS})\b|\b(?:the\s+)?(?P<b>{_WORDS})\s+(?:reported|said|news agency|reports|wrote|"
    rf"contributed)\b", re.IGNORECASE)
_TOKEN = re.compile(r"\w+", re.UNICODE)


def minhash(text: str) -> array:
    """The MinHash signature of the text's lower-cased word 5-shingles (64 values)."""
    words = _TOKEN.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    digest = b"".join(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest() for s in shingles)
    hashes = np.frombuffer(digest, dtype="<u8")
    # 64 hash functions by multiply-shift over well-mixed 64-bit keys (the product wraps modulo 2**64 by design)
    values = ((hashes[:, None] ^ _MASKS[None, :]) * _ODD[None, :]) >> np.uint64(32)
    return array("I", values.min(axis=0).astype(np.uint32).tolist())


def bands(signature: array) -> list[str]:
    """The LSH keys of a signature: articles sharing one are near-duplicate candidates."""
    rows = len(signature) // BANDS
    return [f"{b}:{zlib.crc32(signature[b * rows:(b + 1) * rows].tobytes()):08x}" for b in range(BANDS)]


def overlap(a: array, b: array) -> float:
    """The estimated Jaccard overlap of two articles' shingles."""
    return sum(x == y for x, y in zip(a, b)) / max(1, len(a))


def credits(analysis: Analysis) -> list[str]:
    """The outlets and agencies the article credits, one spelling each, in order of first credit: a dateline
    "(AP)", a named agency credited in the text, and every media body an attribution is credited to."""
    found: dict[str, None] = {}
    head = analysis.text[:400]
    for m in _DATELINE.finditer(head):
        found[AGENCIES[m.group("name").lower()]] = None
    for m in _PHRASES.finditer(analysis.text):
        found[AGENCIES[(m.group("a") or m.group("b")).lower()]] = None
    media = {e.name for e in analysis.entities if e.type == "media"}
    for a in analysis.attributions:
        if a.source is not None and a.source.entity in media and a.source.entity[:1].isupper():  # not "the agency"
            name = a.source.entity
            found[AGENCIES.get(name.lower().removeprefix("the "), name)] = None
    return list(found)
