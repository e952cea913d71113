"""Numbers as news writes them: digits ("12,000", "1.5"), fractions ("1/4", "10 1/2"), words ("three dozen",
"half a million", "two hundred and fifty"), scales glued to digits ("1.5bn", "$3m"), and vague amounts ("tens of
billions", "several thousand") that have no single value."""

from __future__ import annotations

import re

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "half": 0.5, "quarter": 0.25, "third": 1 / 3,
    "quarters": 0.25, "thirds": 1 / 3, "fifths": 0.2, "tenths": 0.1, "½": 0.5, "¼": 0.25, "¾": 0.75,
}
_PARTS = {"half", "quarter", "third", "quarters", "thirds", "fifths", "tenths"}
SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12,
         "bn": 1e9, "mn": 1e6, "mln": 1e6, "bln": 1e9, "k": 1e3, "m": 1e6, "b": 1e9, "tn": 1e12, "trn": 1e12}
SHORT_SCALES = {"k", "m", "b", "tn", "trn", "bn", "mn", "mln", "bln"}
"""Scales written short: after money only ("$3 m"), as "m" is also metres."""
VAGUE_SCALES = {"tens", "dozens", "hundreds", "thousands", "millions", "billions", "trillions", "scores"}
VAGUE_LEAD = {"several", "few", "many", "some"}  # only before a scale word: "several thousand"
NUMERIC = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+(\.\d+)?$")
FRACTION = re.compile(r"^(\d+)/(\d+)$")
GLUED_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(million|billion|trillion|bn|mn|mln|m|b|k|tn)$", re.I)
"""A scale glued to digits: "$1billion", "1.5bn", "$3.5m"."""
GLUED_UNIT = re.compile(r"^(\d+(?:[.,]\d+)*)([^\d\s,.].*)$")
"""Digits with anything glued after them ("200lbs", "75ml", "40°C"); the stage decides whether it is a unit."""


def is_fraction(text: str) -> bool:
    """"1/4", "3/8": a proper fraction with a usual denominator; "9/11" and "24/7" are names."""
    m = FRACTION.match(text)
    return bool(m) and int(m.group(1)) < int(m.group(2)) and int(m.group(2)) in {2, 3, 4, 5, 8, 10, 16, 32, 100}


def is_number_word(low: str) -> bool:
    """A spelled-out number: "seven", "twenty-five"."""
    return low in SMALL or ("-" in low and all(p in SMALL for p in low.split("-")))


def value_of(words: list[str]) -> tuple[float | int | None, bool]:
    """Numeric value of the number words (lower case), and whether the amount is vague ("tens of billions")."""
    if any(w in VAGUE_SCALES or w in VAGUE_LEAD for w in words):
        return None, True
    total, current = 0.0, None
    for k, w in enumerate(words):
        if w in {"and", "of", "a", "an", "-"}:
            continue
        if w in _PARTS and current is not None and words[k - 1] not in {"a", "and"}:
            current *= SMALL[w]  # "two-thirds", "three quarters"
            continue
        if NUMERIC.match(w):
            current = (current or 0) + float(w.replace(",", ""))
        elif m := FRACTION.match(w):
            if not is_fraction(w):
                return None, False
            current = (current or 0) + int(m.group(1)) / int(m.group(2))
        elif m := GLUED_SCALE.match(w):
            total, current = total + float(m.group(1)) * SCALE[m.group(2).lower()], None
        elif is_number_word(w) and "-" in w:
            parts = [SMALL[p] for p in w.split("-")]
            hyphened = parts[0] * parts[-1] if w.split("-")[-1] in _PARTS else sum(parts)  # "two-thirds"
            current = (current or 0) + hyphened
        elif w in SMALL:
            current = (current or 0) + SMALL[w]
        elif w in SCALE:
            current = (current if current is not None else 1) * SCALE[w]
            if SCALE[w] >= 1e3:
                total, current = total + current, None
        else:
            return None, False
    total += current or 0
    return tidy(total), False


def tidy(value: float) -> float | int:
    """An integer when it is one, else six decimals."""
    return int(value) if float(value).is_integer() else round(value, 6)
