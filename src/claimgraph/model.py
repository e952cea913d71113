"""Plain frozen dataclasses shared by every layer; all offsets are character offsets into ``Analysis.text``.

These are the boundary types: spaCy objects never leave ``claimgraph.nlp``; everything else reads these.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "claimgraph.analysis/1"

Role = Literal["headline", "body", "caption", "boilerplate"]
Kind = Literal["direct", "indirect", "mixed"]
Voice = Literal["reported", "attributed", "opinion"]
Certainty = Literal["certain", "probable", "possible", "unknown"]
Stance = Literal["distancing", "neutral", "committing"]
PARTS = ("source", "cue", "content")
"""The three parts of an attribution: who (source), the reporting words (cue) and what (content)."""
PRONOUNS = frozenset({"he", "she", "they", "it", "who", "which", "that", "i", "we", "you", "his", "her", "their"})
"""Sources that name nobody until resolved to an entity."""


@dataclass(frozen=True)
class Origin:
    """Where one input comes from: the ``locator`` that names it in messages, in the failure list and in the
    store (a path, a URL, ``dump.jsonl:12``, ``crawl.warc.gz@1234``), the ``format`` it is read from, and what it
    takes to read it again. Documents of one file share its ``file``, so a batch of work never spans two files."""

    locator: str
    format: Literal["text", "file", "jsonl", "warc", "url"] = "text"
    path: str | None = None
    """The file that holds the document (for file, jsonl and warc)."""
    offset: int | None = None
    """Where in that file it starts: the line's byte offset (jsonl) or the record's (warc)."""
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    """What was known before reading: published, title, outlet (a feed item), fetched_at (a WARC record)."""

    @property
    def file(self) -> str:
        return self.path or self.locator

    def describe(self) -> dict[str, Any]:
        """What it takes to read this input again (kept with a failure, for ``--retry-failed``)."""
        return {"format": self.format, "path": self.path, "offset": self.offset, "url": self.url, "meta": self.meta}

    @classmethod
    def described(cls, locator: str, description: dict[str, Any]) -> "Origin":
        """The origin :meth:`describe` wrote (stores written before 0.2 call the format ``kind``)."""
        return cls(locator, description.get("format") or description.get("kind") or "text", description.get("path"),
                   description.get("offset"), description.get("url"), dict(description.get("meta") or {}))


@dataclass(frozen=True)
class Document:
    """One input, read but not yet analysed: its origin (a bare locator string will do), its raw content, and
    what its source told about it."""

    origin: Origin
    data: bytes | str
    published: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    fetched_at: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.origin, str):
            object.__setattr__(self, "origin", Origin(self.origin))

    @property
    def locator(self) -> str:
        return self.origin.locator

    def raw(self) -> bytes:
        return self.data.encode("utf-8") if isinstance(self.data, str) else self.data


@dataclass(frozen=True)
class Failure:
    """A document that could not be read, analysed or stored: its locator and the reason. ``payload`` (the bytes,
    when they were read) and ``meta`` (what was known of it, and how to read it again) serve a retry; ``attempts``
    counts the failures recorded in a store."""

    locator: str
    reason: str
    payload: bytes | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    attempts: int = 1


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Source(Span):
    """Who is credited: the mention as written (``He``) and the canonical name it stands for."""

    entity: str | None = None
    entities: tuple[str, ...] = ()
    """Every entity credited, in order, when the source coordinates several (``Ukraine and South Korea``)."""


@dataclass(frozen=True)
class Hedge(Span):
    """A hedge ("allegedly", "may", "if true", "up to") or booster ("undoubtedly"), the certainty it signals
    (unknown / possible / probable / certain) and the stretch of text it qualifies."""

    type: Literal["hedge", "booster"] = "hedge"
    level: Certainty = "possible"
    scope: Span | None = None


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    role: Role
    voice: Voice | None = None
    """reported / attributed / opinion for headline and body sentences; None for captions and chrome."""
    certainty: Certainty | None = None
    hedges: tuple[Hedge, ...] = ()
    framing: tuple[Span, ...] = ()
    """Evaluative words of the writer's own: the evidence for ``opinion``, or the framing of an attributed one."""
    confidence: float | None = None
    """How sure the voice is: the opinion model's probability for ``opinion`` or ``reported``, the statements'
    confidence for ``attributed``."""


@dataclass(frozen=True)
class Attribution:
    id: str
    kind: Kind
    source: Source | None
    cue: Span | None
    content: Span
    content_parts: tuple[Span, ...] = ()
    """Every piece of a content interrupted by its source and cue (``“A,” he said. “B.”``), the first being
    ``content``; empty when the content is one piece."""
    hedges: tuple[Hedge, ...] = ()
    certainty: Certainty = "certain"
    stance: Stance = "neutral"
    """The writer's stance in the reporting word: "claimed" keeps distance, "acknowledged" commits."""
    confidence: float | None = None
    """The attribution model's probability for its cue and content (the lower of the two); None from the rules."""
    type: str = "claim"
    """claim (a proposition asserted), belief, intention, question or topic: docs/analysis-format.md."""

    @property
    def parts(self) -> tuple[Span, ...]:
        """Every piece of the content, in order (one piece for most contents)."""
        return self.content_parts or (self.content,)

    @property
    def content_text(self) -> str:
        return " … ".join(p.text for p in self.parts)

    @property
    def speaker(self) -> str | None:
        """Who is credited, by canonical name: the entity the source stands for, else the source as written —
        None when there is no source or it is a pronoun left unresolved."""
        if self.source is None:
            return None
        if self.source.entity:
            return self.source.entity
        return None if self.source.text.lower() in PRONOUNS else self.source.text

    def carries(self, item: Span) -> bool:
        """Whether a figure, date or hedge starts inside this attribution's content."""
        return any(p.start <= item.start < p.end for p in self.parts)


@dataclass(frozen=True)
class Quantity(Span):
    value: float | int | None = None
    """None for vague amounts ("several thousand", "tens of billions")."""
    unit: str | None = None
    """ISO currency code, "percent", or a unit of measure."""
    qualifier: Literal["exact", "up_to", "at_least", "at_most", "approximate"] = "exact"
    counts: str | None = None
    per: str | None = None
    low: float | int | None = None
    high: float | int | None = None
    """The ends of a range ("10,000 to 12,000", "between 3 and 5"), whose ``value`` is None."""


@dataclass(frozen=True)
class Period:
    start: str
    end: str


@dataclass(frozen=True)
class Time(Span):
    value: str | list[str] | None = None
    """ISO date, month or year ("2024-10-24", "2024-10", "2024"), two of them for "27 or 28", None if unresolved."""
    precision: Literal["day", "week", "month", "quarter", "year"] | None = None
    type: Literal["date", "duration", "set"] = "date"
    """TIMEX3's kinds: a point or calendar period, or a stretch counted from the publication day."""
    range: Period | None = None
    """The first and last day the expression covers; None when it cannot be placed."""


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    mentions: tuple[Span, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    id: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str = "en"
    published_at: str | None = None
    """The publication moment as the page gives it: ISO date, or date and time with its offset."""
    modified: str | None = None
    metadata_sources: dict[str, str] = field(default_factory=dict)
    """Where each metadata field came from, e.g. ``{"published": "json-ld"}``."""


@dataclass(frozen=True)
class Analysis:
    """The result of analysing one article."""

    article: Article
    text: str
    sentences: tuple[Sentence, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    entities: tuple[Entity, ...] = field(default_factory=tuple)
    quantities: tuple[Quantity, ...] = ()
    times: tuple[Time, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The claimgraph.analysis/1 document as plain JSON-ready data."""
        data = asdict(self)
        for key in ("sentences", "attributions", "entities", "quantities", "times"):
            data[key] = [_lists(item) for item in data[key]]
        data["article"] = _lists(data["article"])
        return {"schema": SCHEMA, **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Analysis":
        """Rebuild an analysis from its claimgraph.analysis/1 document (as stored or exported)."""
        def span(d):
            return Span(d["start"], d["end"], d["text"]) if d else None

        def hedge(d):
            return Hedge(d["start"], d["end"], d["text"], d["type"], d["level"], span(d.get("scope")))

        art = data["article"]
        return cls(
            article=Article(art["id"], art.get("title"), tuple(art.get("authors") or ()), art.get("published"),
                            art.get("url"), art.get("outlet"), art.get("language") or "en", art.get("published_at"),
                            art.get("modified"), dict(art.get("metadata_sources") or {})),
            text=data["text"],
            sentences=tuple(Sentence(d["start"], d["end"], d["role"], d.get("voice"), d.get("certainty"),
                                     tuple(hedge(h) for h in d.get("hedges", ())),
                                     tuple(span(f) for f in d.get("framing", ())), d.get("confidence"))
                           for d in data["sentences"]),
            attributions=tuple(Attribution(
                d["id"], d["kind"],
                Source(d["source"]["start"], d["source"]["end"], d["source"]["text"], d["source"].get("entity"),
                       tuple(d["source"].get("entities", ()))) if d.get("source") else None,
                span(d.get("cue")), span(d["content"]), tuple(span(p) for p in d.get("content_parts", ())),
                tuple(hedge(h) for h in d.get("hedges", ())), d.get("certainty", "certain"),
                d.get("stance", "neutral"), d.get("confidence"), d.get("type", "claim")) for d in data["attributions"]),
            entities=tuple(Entity(d["id"], d["name"], d["type"], tuple(span(m) for m in d.get("mentions", ())),
                                  tuple(d.get("roles", ()))) for d in data.get("entities", ())),
            quantities=tuple(Quantity(d["start"], d["end"], d["text"], d.get("value"), d.get("unit"),
                                      d.get("qualifier", "exact"), d.get("counts"), d.get("per"), d.get("low"),
                                      d.get("high"))
                             for d in data.get("quantities", ())),
            times=tuple(Time(d["start"], d["end"], d["text"], d.get("value"), d.get("precision"), d.get("type", "date"),
                             Period(**d["range"]) if d.get("range") else None) for d in data.get("times", ())),
        )

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def speakers(self) -> dict[str, list[Attribution]]:
        """Attributions grouped by speaker (:attr:`Attribution.speaker`); a source that names nobody is grouped
        under its words and "(unresolved)", an attribution without a source under "(no source)"."""
        groups: dict[str, list[Attribution]] = {}
        for att in self.attributions:
            key = att.speaker or (f"{att.source.text} (unresolved)" if att.source else "(no source)")
            groups.setdefault(key, []).append(att)
        return groups

    def stated_by(self, quantity: Quantity) -> Attribution | None:
        """The attribution whose content carries the quantity, if any: who stated the figure."""
        return next((att for att in self.attributions if att.carries(quantity)), None)


def _lists(value: Any) -> Any:
    """asdict keeps tuples; JSON wants lists."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value
