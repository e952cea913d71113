"""Read every metadata signal a news page carries, each under the name of where it came from.

A signal is a raw candidate value: JSON-LD (NewsArticle and its kin, also inside lists and ``@graph``), OpenGraph
and ``article:*`` meta, ``<meta name=author|byl|date|pubdate…>``, microdata ``itemprop``, ``<time datetime>``,
``<h1>``, ``<title>``, byline elements and the date in the URL's path. ``metadata`` chooses among them and cleans.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
                 "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "report",
                 "socialmediaposting", "scholarlyarticle", "techarticle", "webpage"}
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[^\d]|$)")
_MONTH = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_URL_MONTH_DATE = re.compile(rf"/((?:19|20)\d{{2}})/({'|'.join(_MONTH)})[a-z]*/(\d{{1,2}})/", re.I)
_BYLINE_START = ("//body//*[not(self::a or self::option or ancestor::nav or ancestor::footer)]"
                 "[re:test(text(), '^\\s*(by|von|por|par)(\\s|:|$)', 'i')]")
_REGEXP = {"re": "http://exslt.org/regular-expressions"}
# Class names in either case of their first letter ("byline", "Byline", "article__byline"); translate() is slower.
_BYLINE_XPATH = ("//*[@rel='author' or contains(@class, 'yline') or contains(@class, 'uthor') "
                 "or contains(@class, 'riter') or contains(@class, 'ontributor')]")
_DATE_XPATH = ("//body//*[self::time or contains(@class, 'date') or contains(@class, 'Date') "
               "or contains(@class, 'time') or contains(@class, 'Time') or contains(@class, 'ublish') "
               "or contains(@class, 'osted')]")


@dataclass
class Signals:
    """Candidates per field, in the order the page gave them, each as (source, value)."""

    title: list[tuple[str, str]] = field(default_factory=list)
    published: list[tuple[str, str]] = field(default_factory=list)
    modified: list[tuple[str, str]] = field(default_factory=list)
    authors: list[tuple[str, list[str]]] = field(default_factory=list)
    outlet: list[tuple[str, str]] = field(default_factory=list)


def read_signals(tree, url: str | None) -> Signals:
    """All candidates from a parsed page (an lxml HTML tree) and its address."""
    out = Signals()
    _json_ld(tree, out)
    _meta(tree, out)
    _microdata(tree, out)
    _visible(tree, out)
    match = _URL_DATE.search(url or "")
    named = _URL_MONTH_DATE.search(url or "")
    if match:
        out.published.append(("url", "-".join(match.groups())))
    elif named:
        year, month, day = named.groups()
        out.published.append(("url", f"{year}-{_MONTH[month[:3].lower()]:02d}-{int(day):02d}"))
    return out


def _json_ld(tree, out: Signals) -> None:
    objects = []
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):
            continue
        objects.extend(_flatten(data))
    ids = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    articles.sort(key=lambda o: "webpage" in _types(o))  # a WebPage only when no article object is there
    for obj in articles[:1]:
        _text(out.title, "json-ld", obj.get("headline") or obj.get("name"))
        _text(out.published, "json-ld", obj.get("datePublished") or obj.get("dateCreated"))
        _text(out.modified, "json-ld", obj.get("dateModified"))
        names = [_name(_resolve(ids, a)) for a in _list(obj.get("author"))]
        if any(names):
            out.authors.append(("json-ld", [n for n in names if n]))
        publisher = _list(obj.get("publisher"))[:1]
        if publisher and isinstance(publisher[0], dict):
            _text(out.outlet, "json-ld", _name(_resolve(ids, publisher[0])))
    for obj in objects:
        if _types(obj) & {"newsmediaorganization", "organization"} and obj.get("name"):
            _text(out.outlet, "json-ld", _name(obj))
            break


def _resolve(ids: dict, value):
    """The object a ``{"@id": …}`` reference points to elsewhere in the page's JSON-LD, else the value itself."""
    ref = value.get("@id") if isinstance(value, dict) else None
    return ids.get(ref, value) if isinstance(ref, str) else value


def _flatten(data) -> list[dict]:
    if isinstance(data, list):
        return [o for item in data for o in _flatten(item)]
    if not isinstance(data, dict):
        return []
    return [data] + _flatten(data.get("@graph") or [])


def _types(obj: dict) -> set[str]:
    return {str(t).lower().rpartition("/")[2] for t in _list(obj.get("@type"))}


def _list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _name(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
        if isinstance(value, list):
            value = value[0] if value else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _text(into: list, source: str, value) -> None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and value.strip():
        into.append((source, " ".join(value.split())))


_META_FIELDS = {
    "og:title": ("title", "opengraph"), "twitter:title": ("title", "twitter"),
    "article:published_time": ("published", "opengraph"), "og:article:published_time": ("published", "opengraph"),
    "article:modified_time": ("modified", "opengraph"), "og:updated_time": ("modified", "opengraph"),
    "article:author": ("authors", "opengraph"), "og:site_name": ("outlet", "opengraph"),
    "author": ("authors", "meta"), "byl": ("authors", "meta"), "dc.creator": ("authors", "meta"),
    "parsely-author": ("authors", "meta"), "sailthru.author": ("authors", "meta"),
    "date": ("published", "meta"), "pubdate": ("published", "meta"), "publishdate": ("published", "meta"),
    "publish-date": ("published", "meta"), "dc.date": ("published", "meta"), "dc.date.issued": ("published", "meta"),
    "parsely-pub-date": ("published", "meta"), "sailthru.date": ("published", "meta"),
    "article.published": ("published", "meta"), "displaydate": ("published", "meta"),
    "dcterms.created": ("published", "meta"), "last-modified": ("modified", "meta"),
    "dcterms.modified": ("modified", "meta"), "application-name": ("outlet", "meta"),
}


def _meta(tree, out: Signals) -> None:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key not in _META_FIELDS or not content:
            continue
        name, source = _META_FIELDS[key]
        if name == "authors":
            if not content.startswith(("http://", "https://", "/")):
                out.authors.append((source, [content]))
        else:
            getattr(out, name).append((source, " ".join(content.split())))


def _microdata(tree, out: Signals) -> None:
    for node in tree.xpath("//*[@itemprop]"):
        prop = node.get("itemprop").strip()
        value = node.get("content") or node.get("datetime") or ""
        if prop == "datePublished":
            _text(out.published, "microdata", value or node.text_content())
        elif prop == "dateModified":
            _text(out.modified, "microdata", value or node.text_content())
        elif prop == "headline" and node.tag != "meta":
            _text(out.title, "microdata", value or node.text_content())
        elif prop == "author":
            names = node.xpath(".//*[@itemprop='name']")
            text = (names[0].get("content") or names[0].text_content()) if names else value or node.text_content()
            if text.strip() and len(text) < 200:
                out.authors.append(("microdata", [" ".join(text.split())]))


def _visible(tree, out: Signals) -> None:
    for node in tree.iter("time"):
        if node.get("datetime"):
            _text(out.published, "time", node.get("datetime"))
            break
    heads = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    heads = [h for h in heads if len(h.split()) >= 2]
    if heads:
        out.title.append(("h1", heads[0]))
    titles = tree.xpath("//head/title | //title")
    if titles:
        _text(out.title, "html-title", titles[0].text_content())
    for node in tree.xpath(_BYLINE_XPATH):
        marks = " ".join(filter(None, (node.get("class"), node.get("rel"), node.get("id"))))
        if node.tag in ("script", "style", "meta", "body", "html", "a") and node.get("rel") != "author":
            continue
        text = _words(node)
        if 3 <= len(text) <= 150 and not re.search(r"bio|avatar|image|photo|img|more|comment", marks, re.I):
            out.authors.append(("byline", [text]))
            break
    for node in tree.xpath(_BYLINE_START, namespaces=_REGEXP)[:5]:
        text = _words(node)
        if len(text) <= 5 and node.getparent() is not None:
            text = _words(node.getparent())  # "By" alone, the name beside it
        if len(text) <= 200:
            out.authors.append(("visible", [text]))


def shown_dates(tree) -> list[str]:
    """Dates as the page shows them to readers (in its own time zone), from its date elements."""
    texts = (_words(node) for node in tree.xpath(_DATE_XPATH)[:8])
    return [t for t in texts if len(t) <= 200 and re.search(r"(19|20)\d\d", t)]


def _words(node) -> str:
    return " ".join(" ".join(node.itertext()).split())
