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
from typing import Callable

from .signals import Signals

DATE_TRUST = ("url", "json-ld", "opengraph", "microdata", "meta", "time", "htmldate")
AUTHOR_TRUST = ("json-ld", "microdata", "meta", "opengraph", "byline", "visible", "body")
OUTLET_TRUST = ("opengraph", "json-ld", "meta")

_SEPARATOR = re.compile(r"\s+[|\-–—:·•»~/]\s+|\s*\|\s*")
_BY = re.compile(r"^(?:(?:written|words|posted|reporting|report|story|text|article|analysis|opinion|commentary|"
                 r"review|photos?|video)\s+)?(?:by|von|por|par|door|av)[:\s]+|^(?:authors?|текст|автор)\s*:\s*",
                 re.I)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_CUT = re.compile(r"\s*(?:\d|\b(?:updated|published|posted|last updated|photograph|follow|e-?mail|twitter|read more|"
                  r"share|min read|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                  r"(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.|" + "|".join(_MONTHS) +
                  r")\b|(?-i:\bon\b)|[|•·(])", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|&|/|\band\b|\bwith\b|(?-i:\bund\b|\bet\b|\by\b|\bи\b))\s*|(?<=[a-z]{2})\.\s+", re.I)
_ROLE = re.compile(r"\b(?:staff|writer|reporter|correspondent|editor|editors|contributor|contributing|columnist|team|"
                   r"desk|newsroom|press|associated|agency|agencies|bureau|service|wire|admin|administrator|guest|"
                   r"news|media|online|digital|senior|chief|political|producer|analyst|author|journalist|"
                   r"photographer|published|updated|opinion|sport|sports|the|international|network|magazine|daily|"
                   r"times|journal|group|inc|ltd|llc|company|science|institute|foundation|official|office|"
                   r"department)\b", re.I)
_ORG_TAIL = re.compile(r"agency|service|group|inc|ltd|llc|times|journal|network|institute|foundation|company|"
                       r"magazine|daily|office|department|international|media|university|council|ministry", re.I)
_PARTICLES = {"de", "van", "von", "der", "da", "di", "del", "la", "le", "bin", "al", "el", "du", "dos", "ten", "ter"}
_KICKER = re.compile(r"^(?:breaking(?: news)?|exclusive|watch|video|live|update[d]?|photos|opinion|analysis|"
                     r"just in|revealed)\s*[:|]\s+", re.I)


@dataclass(frozen=True)
class Metadata:
    """Cleaned metadata, each field with the signal it came from in ``sources``."""

    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


def choose(signals: Signals, domain: str | None, shown: Callable[[], list[str]] = list) -> Metadata:
    """The trusted, cleaned value of every field ``signals`` supports; ``shown`` reads the dates the page shows,
    only when a UTC timestamp may fall on another day there."""
    sources: dict[str, str] = {}
    outlet = _first(((s, _one_line(v)) for s, v in _ordered(signals.outlet, OUTLET_TRUST)), sources, "outlet")
    if outlet is None and domain:
        outlet, sources["outlet"] = domain, "domain"
    names = {n.lower() for n in (outlet, domain, domain and domain.split(".")[0]) if n}
    names |= {_one_line(v).lower() for _, v in signals.outlet}
    title = _title(signals.title, names, sources)
    published = _first(((s, iso_date(v)) for s, v in _ordered(signals.published, DATE_TRUST)), sources, "published")
    published = _local_day(published, shown, sources)
    modified = _first(((s, iso_date(v)) for s, v in _ordered(signals.modified, DATE_TRUST)), sources, "modified")
    authors: tuple[str, ...] = ()
    for source, values in _ordered(signals.authors, AUTHOR_TRUST):
        authors = person_names(values, names)
        if authors:
            sources["authors"] = source
            break
    return Metadata(title, published, modified, authors, outlet, sources)


def _local_day(published: str | None, shown: Callable[[], list[str]], sources: dict[str, str]) -> str | None:
    """A UTC morning timestamp that the page shows to readers on the day before (in its own time zone, west of
    Greenwich) becomes the shown day."""
    moment = dt.datetime.fromisoformat(published) if published and "T" in published else None
    if moment is None or moment.utcoffset() not in (None, dt.timedelta(0)) or moment.hour >= 12:
        return published
    day = moment.date()
    for text in shown():
        seen = _spelled_date(text)
        if seen and (day - dt.date.fromisoformat(seen)).days == 1:
            sources["published"] = "shown"
            return seen
        if seen == day.isoformat():
            break
    return published


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
    cleaned = [(s, clean_title(v, outlets, s == "h1")) for s, v in candidates]
    cleaned = [(s, v) for s, v in cleaned if v]
    heads = [v for s, v in cleaned if s == "h1"]
    others = [v for s, v in cleaned if s != "h1"]
    if heads and any(_similar(heads[0], o) for o in others):
        sources["title"] = "h1"
        return heads[0]
    order = ("json-ld", "opengraph", "twitter", "microdata", "html-title")
    for source, value in _ordered([c for c in cleaned if c[0] != "h1"], order):
        sources["title"] = source
        return value
    return None


def _similar(a: str, b: str) -> bool:
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(wa and wb) and len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def clean_title(title: str, outlets: set[str], visible: bool = False) -> str | None:
    """A title without the site's name before or after it (" | The Outlet", "Outlet - ") or a kicker ("BREAKING:");
    a ``visible`` headline loses only an outlet's name."""
    title = _KICKER.sub("", _one_line(title))
    parts = [p for p in _SEPARATOR.split(title) if p.strip()]
    if len(parts) > 1:
        kept = [p for p in parts if not _is_outlet(p, outlets)]
        if kept and len(kept) < len(parts):
            title = _join_kept(title, kept)
        elif " | " in title and not visible:
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
    """The person's name that ``part`` starts with (its leading capitalised words, before any role or other
    word), or None."""
    part = _BY.sub("", part.strip(" .:-–—'\"")).strip(" .:-–—'\"")
    if "@" in part or _is_outlet(part, outlets):
        return None
    words: list[str] = []
    for word in part.split():
        if _ORG_TAIL.fullmatch(word.strip(".,")):
            return None  # "European Space Agency", "Sputnik International": an organisation
        if _ROLE.fullmatch(word.strip(".,")) or _is_outlet(word, outlets) or not _name_word(word):
            break
        words.append(word.capitalize() if word.isupper() and len(word) > 2 else word)
    while words and words[-1].lower() in _PARTICLES:
        words.pop()
    return " ".join(words) if 2 <= len(words) <= 4 else None


def _name_word(word: str) -> bool:
    return word.lower() in _PARTICLES or (word[0].isupper() and all(c.isalpha() or c in "'’.-" for c in word))


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
    spelled = _spelled_date(value)
    if spelled:
        return spelled
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    return None


_SPELLED = re.compile(r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?,?"
                      r"|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)\s+((?:19|20)\d\d)\b", re.I)


def _spelled_date(value: str) -> str | None:
    """"Feb 16, 2018", "November 18th, 2019" or "16 February 2018" as an ISO date."""
    match = _SPELLED.search(value)
    if not match:
        return None
    day, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    number = next((i for i, m in enumerate(_MONTHS, 1) if m.startswith(month.lower()[:3])), None)
    try:
        return dt.date(int(match.group(5)), number, int(day)).isoformat() if number else None
    except ValueError:
        return None
