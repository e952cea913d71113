"""Choose and clean an article's title, dates, authors and outlet from the signals its page carries.

Each field takes the first usable candidate in an order of trust measured on labelled pages (docs/extraction.md),
not the first hit in the page, and records where it came from. A field nothing usable supports stays None: a
guess is never presented as fact.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from .signals import Signals

DATE_TRUST = ("json-ld", "opengraph", "microdata", "meta", "time", "url", "htmldate")
AUTHOR_TRUST = ("json-ld", "microdata", "meta", "opengraph", "byline", "body", "trafilatura")
OUTLET_TRUST = ("opengraph", "json-ld", "meta", "trafilatura", "domain")

_SEPARATOR = re.compile(r"\s+[|\-–—:·•»~/]\s+|\s*\|\s*")
_BY = re.compile(r"^(?:(?:written|words|posted|reporting|report|story|text|article)\s+)?by[:\s]+|^authors?:\s*",
                 re.I)
_CUT = re.compile(r"\s*(?:\d|\b(?:updated|published|posted|last updated|photograph|follow|e-?mail|twitter|read more|"
                  r"share|min read)\b|[|•·(])", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|&|/|\band\b|\bwith\b|\bund\b|\bet\b|\by\b)\s*", re.I)
_ROLE = re.compile(r"\b(?:staff|writer|reporter|correspondent|editor|editors|contributor|contributing|columnist|team|"
                   r"desk|newsroom|press|associated|agency|agencies|bureau|service|wire|admin|administrator|guest|"
                   r"news|media|online|digital|senior|chief|political|producer|analyst|author|journalist|"
                   r"photographer|published|updated|opinion|sport|sports|the)\b", re.I)
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.\-]*$|^(?:de|van|von|der|da|di|del|la|le|bin|al|el|du|dos|y)$", re.U)


@dataclass(frozen=True)
class Metadata:
    """Cleaned metadata, each field with the signal it came from in ``sources``."""

    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


def choose(signals: Signals, domain: str | None) -> Metadata:
    """The trusted, cleaned value of every field ``signals`` supports."""
    sources: dict[str, str] = {}
    outlet = _first(((s, _one_line(v)) for s, v in _ordered(signals.outlet, OUTLET_TRUST)), sources, "outlet")
    if outlet is None and domain:
        outlet, sources["outlet"] = domain, "domain"
    names = {n.lower() for n in (outlet, domain, domain and domain.split(".")[0]) if n}
    names |= {_one_line(v).lower() for _, v in signals.outlet}
    title = _title(signals.title, names, sources)
    published = _first(((s, iso_date(v)) for s, v in _ordered(signals.published, DATE_TRUST)), sources, "published")
    modified = _first(((s, iso_date(v)) for s, v in _ordered(signals.modified, DATE_TRUST)), sources, "modified")
    authors: tuple[str, ...] = ()
    for source, values in _ordered(signals.authors, AUTHOR_TRUST):
        authors = person_names(values, names)
        if authors:
            sources["authors"] = source
            break
    return Metadata(title, published, modified, authors, outlet, sources)


def _ordered(candidates: list, trust: tuple[str, ...]) -> list:
    return sorted(candidates, key=lambda c: trust.index(c[0]) if c[0] in trust else len(trust))


def _first(candidates, sources: dict[str, str], name: str) -> str | None:
    for source, value in candidates:
        if value:
            sources[name] = source
            return value
    return None


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _title(candidates: list[tuple[str, str]], outlets: set[str], sources: dict[str, str]) -> str | None:
    """The visible headline when another signal confirms it, else the most trusted title without its site name."""
    cleaned = [(s, clean_title(v, outlets)) for s, v in candidates]
    cleaned = [(s, v) for s, v in cleaned if v]
    heads = [v for s, v in cleaned if s == "h1"]
    others = [v for s, v in cleaned if s != "h1"]
    if heads and any(_similar(heads[0], o) for o in others):
        sources["title"] = "h1"
        return heads[0]
    order = ("json-ld", "opengraph", "twitter", "microdata", "html-title", "trafilatura")
    for source, value in _ordered([c for c in cleaned if c[0] != "h1"], order):
        sources["title"] = source
        return value
    return None


def _similar(a: str, b: str) -> bool:
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(wa and wb) and len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def clean_title(title: str, outlets: set[str]) -> str | None:
    """A title without the site's name before or after it (" | The Outlet", "Outlet - ")."""
    title = _one_line(title)
    parts = [p for p in _SEPARATOR.split(title) if p.strip()]
    if len(parts) > 1:
        kept = [p for p in parts if not _is_outlet(p, outlets)]
        if kept and len(kept) < len(parts):
            title = _join_kept(title, kept)
        elif " | " in title:
            title = max(title.split(" | "), key=len).strip()  # a pipe separates a site or a section name
    return title.strip(" |-–—:") or None


def _join_kept(title: str, kept: list[str]) -> str:
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end] if start >= 0 and end > start else kept[0]


def _is_outlet(part: str, outlets: set[str]) -> bool:
    low = re.sub(r"^the\s+|\.(com|org|net|co\.uk)$", "", part.strip().lower())
    return any(low == re.sub(r"^the\s+|\.(com|org|net|co\.uk)$", "", o) or (len(low) > 3 and low.replace(" ", "")
               == o.replace(" ", "").split(".")[0]) for o in outlets)


def person_names(values: list[str], outlets: set[str]) -> tuple[str, ...]:
    """Person names from author strings: "By Jane Doe and John Roe, Reuters" gives ("Jane Doe", "John Roe");
    roles, e-mail addresses, "Staff" and outlet names are dropped."""
    out: list[str] = []
    for value in values:
        value = _BY.sub("", _one_line(value))
        value = _CUT.split(value, maxsplit=1)[0]
        for part in _SPLIT.split(value):
            name = _person(part, outlets)
            if name and name.lower() not in {n.lower() for n in out}:
                out.append(name)
    return tuple(out)


def _person(part: str, outlets: set[str]) -> str | None:
    part = _BY.sub("", part.strip(" .:-–—'\"")).strip(" .:-–—'\"")
    words = part.split()
    if not 2 <= len(words) <= 4 or "@" in part or _ROLE.search(part) or _is_outlet(part, outlets):
        return None
    if part.isupper():
        words = [w.capitalize() for w in words]
    if not all(_NAME_WORD.match(w) for w in words):
        return None
    return " ".join(words)


def iso_date(value: str | None) -> str | None:
    """An ISO date, or date and time with its offset where the value gives one; None when it does not parse."""
    value = (value or "").strip()
    if not re.search(r"(19|20)\d\d", value):
        return None
    if re.fullmatch(r"\d{8}", value):
        value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    text = value.replace("/", "-").replace(" ", "T", 1) if re.match(r"\d{4}[-/]\d", value) else value
    text = re.sub(r"(\.\d+)?Z$", "+00:00", text) if text.endswith("Z") else text
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)
    for parse in (dt.datetime.fromisoformat, parsedate_to_datetime):
        try:
            moment = parse(text)
        except (ValueError, TypeError, IndexError):
            continue
        if not 1990 <= moment.year <= dt.date.today().year + 1:
            return None
        has_time = "T" in text or ":" in text
        return moment.isoformat() if has_time else moment.date().isoformat()
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    return None
