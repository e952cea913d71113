"""How two names of people or bodies relate: the same, one a shorter form of the other ("Kirby" and "John Kirby",
"J. Kirby"), an acronym ("NSC", "National Security Council"), or a conflict ("John Kirby" and "Jim Kirby").

Rules, not learning: these are facts of how names are written. Titles, honorifics and possessives are stripped
first ("Mr. Kirby's" → "Kirby").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Relation = Literal["same", "short", "initial", "acronym", "overlap", "none", "conflict"]
"""same: equal names; short: one is a surname or first name of the other; initial: initials agree ("J. Kirby");
acronym: one is the other's initials; overlap: they share a word but not a name ("Korean Central News Agency" and
"Korean Workers' Party"); none: nothing in common; conflict: the same surname with different first names."""

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "gen", "col", "lt",
              "sgt", "capt", "adm", "sen", "rep", "gov", "pres", "president", "senator", "representative",
              "governor", "minister", "secretary", "general", "chancellor", "premier", "judge", "justice",
              "mayor", "king", "queen", "prince", "princess", "pope", "saint", "st", "the"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md"}
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SMALL = {"of", "the", "and", "for", "de", "la", "le", "del", "von", "van", "der", "al", "bin", "&"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@dataclass(frozen=True)
class Name:
    """A name cut into words, lower-cased and without accents, titles, honorifics or a possessive."""

    words: tuple[str, ...]

    @classmethod
    @lru_cache(maxsize=65536)
    def parse(cls, text: str) -> "Name":
        text = re.sub(r"[’']s?$", "", text.strip())
        words = [w.strip("-'’") for w in _WORD.findall(_fold(text))]
        words = [w for w in words if w]
        while len(words) > 1 and words[0].rstrip(".") in HONORIFICS:
            words = words[1:]
        while len(words) > 1 and words[-1].rstrip(".") in SUFFIXES:
            words = words[:-1]
        return cls(tuple(words))

    @property
    def last(self) -> str:
        return self.words[-1] if self.words else ""

    @property
    def first(self) -> str:
        return self.words[0] if self.words else ""

    @property
    def acronym(self) -> str:
        return "".join(w[0] for w in self.words if w not in _SMALL)

    def key(self, person: bool) -> str:
        """The blocking key: a person's surname, a body's whole name."""
        return self.last if person else " ".join(self.words)


@lru_cache(maxsize=262144)
def relation(a: str, b: str, person: bool = True) -> Relation:
    """How name ``a`` relates to name ``b`` (symmetric)."""
    x, y = Name.parse(a), Name.parse(b)
    if not x.words or not y.words:
        return "none"
    if x.words == y.words:
        return "same"
    if not person:
        return _body_relation(x, y)
    short, long_ = (x, y) if len(x.words) <= len(y.words) else (y, x)
    if short.last != long_.last:
        if len(short.words) == 1 and short.first == long_.first and len(long_.words) > 1:
            return "short"  # "Hillary" and "Hillary Clinton"
        return "overlap" if set(short.words) & set(long_.words) else "none"
    if len(short.words) == 1:
        return "short"  # "Kirby" and "John Kirby"
    # Same surname, both with given names: the given names must agree, in full or as initials.
    given_s, given_l = short.words[:-1], long_.words[:-1]
    if given_s[0] == given_l[0]:
        middle = set(given_s[1:]) ^ set(given_l[1:])
        if all(len(w) == 1 for w in middle):
            return "same"  # "Donald J. Trump" and "Donald Trump": a middle initial more or less
        return "short" if len(given_s) < len(given_l) else "same"
    if len(given_s[0]) == 1 and given_l[0].startswith(given_s[0]) or \
            len(given_l[0]) == 1 and given_s[0].startswith(given_l[0]):
        return "initial"
    if given_s[0] in given_l or given_l[0] in given_s:
        return "short"  # "Sarah Huckabee Sanders" and "Huckabee Sanders" handled above; "Mary Jo" / "Jo"
    return "conflict"


def _body_relation(x: Name, y: Name) -> Relation:
    short, long_ = (x, y) if len(x.words) <= len(y.words) else (y, x)
    if len(short.words) == 1 and len(short.first) >= 2 and short.first == long_.acronym:
        return "acronym"  # "NSC" and "National Security Council"
    core = [w for w in long_.words if w not in _SMALL]
    if short.words == tuple(core[-len(short.words):]) or short.words == tuple(core[:len(short.words)]):
        return "short"  # "Pentagon" and "the Pentagon"; "Reuters" and "Reuters News"
    return "overlap" if set(short.words) & set(long_.words) - _SMALL else "none"
