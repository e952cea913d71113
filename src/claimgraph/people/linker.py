"""Linking one article's people and bodies to identities that hold across articles.

An article's entity stage has already grouped its mentions ("Vladimir Putin", "Putin", "he") into entities. Each
entity is compared with the identities that share a word of its names (blocking), and joins the best one if the
pairwise model is sure of it and no other candidate comes close; otherwise it becomes a new identity. Rules decide
what can never be the same (people and bodies; two given names that differ, "John Kirby" and "Jim Kirby"; two
entities of one article, which the entity stage kept apart) and what must (a user's merge); the model weighs the
rest: how the names relate, how alike the articles are (MiniLM sentence embeddings), the other people and bodies
around, and the roles given.

The registry of identities is an interface, so the same linker serves the store (incremental, one article at a
time) and the ECB+ evaluation (in memory).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Iterable, Protocol, Sequence

import numpy as np

from .names import Name, Relation, relation
from .score import PairModel, load_pair_model

PERSON_TYPES = frozenset({"person"})
_POSSESSIVE = re.compile(r"[’']s?$")
MAX_CONTEXT = 60  # co-mentioned names and role words kept per identity, most frequent first


def family(type_: str) -> str:
    """People and bodies never share an identity; among bodies, the kinds (government, media, …) may."""
    return "person" if type_ in PERSON_TYPES else "body"


@dataclass
class Mentioned:
    """One entity of one article, as the linker sees it."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    """The names of the other people and bodies of the article."""
    embedding: Sequence[float] | None = None
    """The article's sentence embedding (unit length)."""
    published: str | None = None
    outlet: str | None = None

    @property
    def person(self) -> bool:
        return family(self.type) == "person"

    def keys(self) -> set[str]:
        """Where candidates are looked up: every telling word of its names, and each whole name (so "the United
        States", all common words, still finds "United States")."""
        keys = set()
        for alias in (self.name, *self.aliases):
            words = Name.parse(alias).words
            keys.update(w for w in words if len(w) > 1 and w not in _STOP)
            if words:
                keys.add(" ".join(words))
        return keys


_STOP = {"the", "of", "and", "for", "de", "la", "al", "new", "national", "united", "state", "states", "news",
         "department", "ministry", "party", "office", "house", "council", "university", "group", "company"}


@dataclass
class Identity:
    """What the registry knows of one person or body across articles."""

    id: int | None
    name: str
    type: str
    aliases: dict[str, int] = field(default_factory=dict)
    roles: dict[str, int] = field(default_factory=dict)
    context: dict[str, int] = field(default_factory=dict)
    embedding: list[float] | None = None
    articles: int = 0
    first_seen: str | None = None
    last_seen: str | None = None

    def merge(self, other: "Identity") -> None:
        """Take in another identity found to be the same (names, roles, neighbours, embedding, dates)."""
        for mine, theirs in ((self.aliases, other.aliases), (self.roles, other.roles), (self.context, other.context)):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v
        if other.embedding is not None:
            if self.embedding is None:
                self.embedding = list(other.embedding)
            else:
                n, o = self.articles, other.articles
                self.embedding = [(a * n + b * o) / (n + o or 1) for a, b in zip(self.embedding, other.embedding)]
        self.articles += other.articles
        self.first_seen = min(filter(None, (self.first_seen, other.first_seen)), default=None)
        self.last_seen = max(filter(None, (self.last_seen, other.last_seen)), default=None)

    def absorb(self, m: Mentioned) -> None:
        """Add one article's entity: its names, roles, neighbours and embedding (a running mean)."""
        for alias in {m.name, *m.aliases}:
            self.aliases[alias] = self.aliases.get(alias, 0) + 1
        for role in _role_words(m.roles):
            self.roles[role] = self.roles.get(role, 0) + 1
        for name in m.context:
            self.context[name] = self.context.get(name, 0) + 1
        self.context = dict(sorted(self.context.items(), key=lambda kv: -kv[1])[:MAX_CONTEXT])
        self.roles = dict(sorted(self.roles.items(), key=lambda kv: -kv[1])[:MAX_CONTEXT])
        if m.embedding is not None:
            if self.embedding is None:
                self.embedding = list(m.embedding)
            else:
                n = self.articles
                self.embedding = [(a * n + b) / (n + 1) for a, b in zip(self.embedding, m.embedding)]
        self.articles += 1
        if m.published:
            self.first_seen = min(filter(None, (self.first_seen, m.published)))
            self.last_seen = max(filter(None, (self.last_seen, m.published)))
        # The canonical name: the most frequent name of more than one word, without a possessive; the shorter
        # of two as frequent ("Hillary Clinton" before "Crooked Hillary Clinton").
        self.name = max(self.aliases, key=lambda a: (len(Name.parse(a).words) > 1, not _POSSESSIVE.search(a),
                                                     self.aliases[a], -len(a)))


def _role_words(roles: Iterable[str]) -> set[str]:
    return {w for r in roles for w in Name.parse(r).words if len(w) > 2 and w not in _STOP}


class Registry(Protocol):
    def candidates(self, keys: set[str], family: str) -> list[Identity]: ...

    def save(self, identity: Identity, m: Mentioned) -> Identity:
        """Store the identity after it absorbed ``m`` (a new one gets its id here)."""

    def merge(self, keep: Identity, other: Identity) -> None:
        """``other`` turned out to be ``keep`` (which has already taken it in): everything of it moves there."""


@dataclass(frozen=True)
class Decision:
    identity: Identity
    probability: float | None
    """The model's probability for the link; None for a new identity."""


def features(m: Mentioned, identity: Identity) -> dict[str, float] | None:
    """The pairwise features of an entity and an identity (but ``ambiguity``, which the caller knows: how many
    candidates fit); None where the rules say they can never be one."""
    if family(m.type) != family(identity.type):
        return None
    best: Relation = "none"
    order = ["conflict", "none", "overlap", "acronym", "initial", "short", "same"]
    for alias in identity.aliases:
        for name in (m.name, *m.aliases):
            rel = relation(name, alias, m.person)
            if rel == "conflict" and len(Name.parse(name).words) > 1 and len(Name.parse(alias).words) > 1:
                return None  # "John Kirby" is never "Jim Kirby"
            if order.index(rel) > order.index(best):
                best = rel
    if best in {"none", "conflict"}:
        return None
    if m.person and len(Name.parse(m.name).words) > 1 and len(Name.parse(identity.name).words) > 1 and \
            relation(m.name, identity.name) in {"conflict", "none", "overlap"}:
        return None  # two full names of people that are not one name: "Chelsea Clinton" is not "Clinton Breaks"
    words = len(Name.parse(m.name).words)
    cos = _cosine(m.embedding, identity.embedding)
    context = set(m.context)
    shared = sum(1 for n in context if n in identity.context)
    roles = _role_words(m.roles)
    return {
        f"rel_{best}": 1.0,
        "single_word": 1.0 if words == 1 else 0.0,
        "cosine": cos,
        "shared_context": math.log1p(shared),
        "context_jaccard": shared / len(context | set(identity.context)) if context or identity.context else 0.0,
        "shared_roles": 1.0 if roles & set(identity.roles) else 0.0,
        "person": 1.0 if m.person else 0.0,
    }


def _cosine(a: Sequence[float] | None, b: Sequence[float] | None) -> float:
    if a is None or b is None:
        return 0.0
    x, y = np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)
    norms = float(np.linalg.norm(x) * np.linalg.norm(y))
    return float(x @ y) / norms if norms else 0.0


class Linker:
    """Links the entities of one article at a time to a registry of identities."""

    def __init__(self, registry: Registry | None = None, model: PairModel | None = None,
                 threshold: float | None = None, margin: float = 0.15) -> None:
        self.registry = registry
        self.model = model or load_pair_model()
        self.threshold = self.model.threshold if threshold is None else threshold
        self.margin = margin

    def link_article(self, entities: list[Mentioned], must: dict[int, int] | None = None,
                     cannot: dict[int, set[int]] | None = None) -> list[Decision]:
        """Decisions in the order of ``entities``. ``must`` maps an entity's position to the identity id a user
        tied it to; ``cannot`` to the identity ids it may not join. Two entities of one article never share an
        identity: where two want the same one, the closer fit has it ("Mexico" before "New Mexico") and the other
        chooses again without it. Entities that join nobody become new identities, in the article's order."""
        must, cannot = must or {}, cannot or {}
        self._merged: dict[int, Identity] = {}  # identities that turned out to be another, during this article
        found = {i: [c for c in self.registry.candidates(m.keys(), family(m.type)) if c.id not in cannot.get(i, ())]
                 for i, m in enumerate(entities)}
        taken: set[int] = set()
        chosen: dict[int, tuple[Identity | None, float | None]] = {}
        pending = set(range(len(entities)))
        while pending:
            best = None
            for i in sorted(pending):
                open_ = [c for c in found[i] if c.id not in taken and c.id not in self._merged]
                forced = next((c for c in open_ if c.id == must.get(i)), None)
                choice, p, rank = (forced, 1.0, (-1, -1)) if forced is not None else self._choose(entities[i], open_)
                key = (choice is None, rank, -(p or 0.0), i)
                if best is None or key < best[0]:
                    best = (key, i, choice, p)
            _, i, choice, p = best
            pending.discard(i)
            chosen[i] = (choice, p)
            if choice is not None:
                taken.add(choice.id)
        out = []
        for i, m in enumerate(entities):
            choice, p = chosen[i]
            while choice is not None and choice.id in self._merged:
                choice = self._merged[choice.id]
            if choice is None:
                choice, p = Identity(None, m.name, m.type), None
            choice.absorb(m)
            out.append(Decision(self.registry.save(choice, m), p))
        return out

    def _choose(self, m: Mentioned, candidates: list[Identity]
                ) -> tuple[Identity | None, float | None, tuple[int, int]]:
        """The identity ``m`` joins, the model's probability, and how its names fit (lower is closer)."""
        compatible = [(c, f) for c in candidates if (f := features(m, c)) is not None]
        scored = []
        for c, f in compatible:
            f["ambiguity"] = math.log(len(compatible))
            # How the canonical names relate ranks first, then the best of the names seen.
            named = relation(m.name, c.name, m.person)
            rank = (RELATIONS.index(named) if named in RELATIONS else len(RELATIONS),
                    next(i for i, r in enumerate(RELATIONS) if f.get(f"rel_{r}")))
            scored.append((rank, self.model.probability(f), c))
        none = (None, None, (len(RELATIONS), len(RELATIONS)))
        if not scored:
            return none
        scored.sort(key=lambda x: (x[0], -x[1], -x[2].articles))
        rank, best_p, best = scored[0]
        if rank[0] == 0 and _full_name(m):
            # The same full name: the identity of that name. Two identities of that very name are one that was
            # split while it was known by less (its surname, say): they become one again.
            twins = [c for r, _, c in scored[1:] if r[0] == 0 and Name.parse(c.name) == Name.parse(best.name)]
            keep = max([best, *twins], key=lambda c: c.articles)
            for twin in [best, *twins]:
                if twin is not keep:
                    keep.merge(twin)
                    self.registry.merge(keep, twin)
                    self._merged[twin.id] = keep
            return keep, best_p, rank
        if best_p < self.threshold:
            return none
        for r, p, rival in scored[1:]:
            if r != rank or best_p - p >= self.margin:
                break
            if different(best, rival, m.person) and rival.articles * PROMINENCE > best.articles:
                return none  # two people fit as well and nothing tells them apart: an unsure merge stays apart
        return best, best_p, rank


NAMED_BODIES = frozenset({"organisation", "government", "media", "group", "country"})


def _full_name(m: Mentioned) -> bool:
    """A name that picks out one person or body: a person's given name and surname, or a body's proper name —
    not a surname alone, a common noun ("the host") or a day ("Friday")."""
    written = m.name.split()
    if not written or not written[-1][:1].isupper():
        return False
    return len(Name.parse(m.name).words) > 1 if m.person else m.type in NAMED_BODIES


def different(a: Identity, b: Identity, person: bool) -> bool:
    """Whether two identities are known to be different people or bodies (their full names conflict, or share
    nothing), rather than one that was split."""
    rel = relation(a.name, b.name, person)
    return rel in {"conflict", "none", "overlap"}


PROMINENCE = 3
"""A bare surname that fits two people means the one written about at least this many times as often ("Trump" in
an election year), if one is; otherwise it stays apart."""
RELATIONS = ("same", "initial", "short", "acronym", "overlap")
"""How closely a name fits, best first: a fuller fit wins over a closer context ("Bernie Sanders" joins the
identity of that name, not one known only as "Sanders"). A person's full name, or a body's whole name, written
the same is the same identity whatever the context: in the news a full name is near-unique, which ECB+, whose
topics never share a person, cannot teach the model."""


class MemoryRegistry:
    """Identities in memory, indexed by the words of their names (the ECB+ evaluation, tests)."""

    def __init__(self) -> None:
        self.identities: dict[int, Identity] = {}
        self.by_key: dict[str, set[int]] = {}
        self.merged: dict[int, int] = {}
        self._next = 1

    def resolve(self, identity_id: int) -> int:
        """The identity an id stands for now (identities merged since point to the one that kept them)."""
        while identity_id in self.merged:
            identity_id = self.merged[identity_id]
        return identity_id

    def merge(self, keep: Identity, other: Identity) -> None:
        self.merged[other.id] = keep.id
        del self.identities[other.id]
        for ids in self.by_key.values():
            if other.id in ids:
                ids.discard(other.id)
                ids.add(keep.id)

    def candidates(self, keys: set[str], family_: str) -> list[Identity]:
        ids = sorted({i for k in keys for i in self.by_key.get(k, ())})
        return [self.identities[i] for i in ids if family(self.identities[i].type) == family_]

    def save(self, identity: Identity, m: Mentioned) -> Identity:
        if identity.id is None:
            identity.id, self._next = self._next, self._next + 1
            self.identities[identity.id] = identity
        for k in m.keys():
            self.by_key.setdefault(k, set()).add(identity.id)
        return identity
