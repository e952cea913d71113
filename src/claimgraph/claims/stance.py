"""A statement's stance toward a claim: it supports it, denies it, or only reports it (hedged, attributed, asked).

A multinomial logistic regression trained on Emergent train (``claimgraph train --claims``: each article headline
against its claim's headline; for → supports, against → denies, observing → reports), shipped as
``weights/stance.json`` and read with numpy alone. Its inputs: cue words counted in the statement (denial, debunking,
negation the claim lacks, hedging, attribution, a question), the reporting verb when the caller knows it, the
pair's cosine, the words and word pairs of the statement (a vocabulary learnt with the weights), and the MiniLM
embeddings of the statement and of its difference from the claim.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..errors import ModelError

STANCES = ("supports", "denies", "reports")
STANCE_WEIGHTS = Path(__file__).with_name("weights") / "stance.json"

_DENY = re.compile(r"\b(den(y|ies|ied|ying|ial)|reject\w*|refut\w*|dismiss\w*|debunk\w*|deb(u|o)nk|fake\w*|hoax\w*|"
                   r"false\w*|bogus|untrue|not true|myth|satir\w*|spoof|parody|prank\w*|scam\w*|lie|lies|lying|"
                   r"rumou?rs? (is|are) (false|untrue|wrong)|no evidence|no proof|baseless|unfounded|"
                   r"made[- ]up|made (it|this|that|\w+ )?(all )?up|"
                   r"fabricat\w*|doctored|photoshop\w*|isn'?t|aren'?t|wasn'?t|weren'?t|didn'?t|doesn'?t|don'?t|"
                   r"won'?t|hasn'?t|haven'?t|not|never|no longer|nope|alive|mistaken\w*|misleading|"
                   r"nonsense|shoots? down|slams?|laughs? off|quash\w*|contradict\w*)\b", re.I)
_DEBUNK = re.compile(r"\b(hoax\w*|fake\w*|debunk\w*|satir\w*|false\w*|bogus|untrue|not true|no evidence|"
                     r"spoof|prank\w*|scam\w*|myth|fabricat\w*|doctored|photoshop\w*)\b", re.I)
_DENY_VERB = re.compile(r"\b(den(y|ies|ied|ying|ial)|reject\w*|refut\w*|dismiss\w*|debunk\w*|quash\w*|"
                        r"shoots? down|laughs? off|contradict\w*)\b", re.I)
_NEGATION = re.compile(r"\b(not|no|never|n't|isn'?t|aren'?t|wasn'?t|weren'?t|didn'?t|doesn'?t|don'?t|won'?t|"
                       r"hasn'?t|haven'?t|nothing|nobody|none)\b", re.I)
_HEDGE = re.compile(r"\b(reported\w*|allegedly|alleged|claim\w*|may|might|could|possibl\w*|rumou?r\w*|"
                    r"purported\w*|supposedly|apparently|unconfirmed|unverified|speculat\w*|according to|"
                    r"sources?|report|reports|says?|said|suggests?|believed|thought to|appears?|seems?|"
                    r"if true|tipped|leak\w*|expected|likely|probably|would|plans?|to be)\b", re.I)
_ATTRIBUTION = re.compile(r"\b(says?|said|claims?|claimed|according to|reports?|reported|tells?|told|insists?|"
                          r"announc\w*|confirm\w*|reveal\w*)\b", re.I)
_CONFIRM = re.compile(r"\b(confirm\w*|officially|proof|proves?|proven|indeed|really|actually|it's true|"
                      r"is real|genuine|verified|finally)\b", re.I)
LEXICAL = ("deny", "debunk", "deny_verb", "negation_added", "negation_dropped", "hedge", "attribution", "confirm",
           "question", "cosine")


_TOKEN = re.compile(r"\w[\w'’]*|\?")


def terms(text: str) -> set[str]:
    """The statement's lower-cased words and word pairs: the learned cue words ("fake", "won't say", "?")."""
    words = [w.replace("’", "'") for w in _TOKEN.findall(text.lower())]
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


@dataclass(frozen=True)
class StanceModel:
    coef: np.ndarray       # classes × features
    intercept: np.ndarray  # classes
    classes: tuple[str, ...]
    vocabulary: tuple[str, ...] = ()

    def distribution(self, rows: np.ndarray) -> np.ndarray:
        """The probability of each class (columns in ``classes`` order), one row per input row."""
        z = rows @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, rows: np.ndarray) -> list[tuple[str, float]]:
        p = self.distribution(rows)
        return [(self.classes[int(k)], round(float(row[k]), 4)) for row, k in zip(p, p.argmax(axis=1))]

    def to_json(self) -> str:
        return json.dumps({"features": [*LEXICAL, "statement_vector", "statement_minus_claim", "terms"],
                           "vocabulary": self.vocabulary, "classes": self.classes,
                           "coef": [[round(float(x), 5) for x in row] for row in self.coef],
                           "intercept": [round(float(x), 5) for x in self.intercept]})


@lru_cache(maxsize=2)
def load_stance_model(path: str = str(STANCE_WEIGHTS)) -> StanceModel:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return StanceModel(np.asarray(data["coef"], dtype=np.float64), np.asarray(data["intercept"],
                           dtype=np.float64), tuple(data["classes"]), tuple(data.get("vocabulary", ())))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{path}: the stance model cannot be read ({exc}); rebuild it with "
                         "`claimgraph train --claims`") from exc


def lexical(claim: str, statement: str, cue: str | None, cosine: float) -> list[float]:
    """The cue-word features of one pair, in LEXICAL order. A reporting verb the caller found ("denied") counts
    as if the statement carried it, as headlines do ("Police deny reports that ...")."""
    def count(pattern: re.Pattern, text: str) -> float:
        return float(min(3, len(pattern.findall(text))))
    if cue and cue.lower() not in statement.lower():
        statement = f"{cue} {statement}"
    neg_claim = {w.lower() for w in _NEGATION.findall(claim)}
    neg_statement = {w.lower() for w in _NEGATION.findall(statement)}
    return [count(_DENY, statement), count(_DEBUNK, statement), count(_DENY_VERB, statement),
            float(bool(neg_statement - neg_claim)), float(bool(neg_claim - neg_statement)),
            count(_HEDGE, statement), count(_ATTRIBUTION, statement), count(_CONFIRM, statement),
            float("?" in statement), cosine]


def pair_rows(pairs: Sequence[tuple[str, str, str | None]], vectors: dict[str, Sequence[float]],
              vocabulary: Sequence[str] = ()) -> np.ndarray:
    """The model's input, one row per (claim, statement, cue): cue features, the statement's vector, the
    statement's vector less the claim's, and which of ``vocabulary`` the statement (with its cue) holds."""
    index = {t: i for i, t in enumerate(vocabulary)}
    rows = []
    for claim, statement, cue in pairs:
        vc = np.asarray(vectors[claim], dtype=np.float64)
        vs = np.asarray(vectors[statement], dtype=np.float64)
        bag = np.zeros(len(index))
        for term in terms(f"{cue} {statement}" if cue else statement):
            if term in index:
                bag[index[term]] = 1.0
        rows.append(np.concatenate([lexical(claim, statement, cue, float(vc @ vs)), vs, vs - vc, bag]))
    return np.asarray(rows)


def _rows(pairs: Sequence[tuple[str, str, str | None]], vectors: dict[str, Sequence[float]] | None,
          embed: Callable | None, model: StanceModel) -> np.ndarray:
    vectors = dict(vectors or {})
    missing = sorted({t for claim, statement, _ in pairs for t in (claim, statement)} - set(vectors))
    if missing:
        if embed is None:
            from ..nlp.encoder import embed
        vectors.update(zip(missing, embed(missing)))
    return pair_rows(pairs, vectors, model.vocabulary)


def stances(pairs: Sequence[tuple[str, str, str | None]], vectors: dict[str, Sequence[float]] | None = None,
            embed: Callable | None = None, model: StanceModel | None = None) -> list[tuple[str, float]]:
    """(stance, confidence) for each (claim, statement, cue); every text is embedded once, in one batch, unless
    ``vectors`` already holds it."""
    if not pairs:
        return []
    model = model or load_stance_model()
    return model.predict(_rows(pairs, vectors, embed, model))


def stance_distributions(pairs: Sequence[tuple[str, str, str | None]],
                         vectors: dict[str, Sequence[float]] | None = None, embed: Callable | None = None,
                         model: StanceModel | None = None) -> list[dict[str, float]]:
    """The probability of each stance for each pair, for callers that weigh several statements together."""
    if not pairs:
        return []
    model = model or load_stance_model()
    rows = model.distribution(_rows(pairs, vectors, embed, model))
    return [dict(zip(model.classes, map(float, row))) for row in rows]


def stance(claim: str, statement: str, cue: str | None = None) -> tuple[str, float]:
    """The stance of ``statement`` toward ``claim`` and the model's confidence in it."""
    return stances([(claim, statement, cue)])[0]
