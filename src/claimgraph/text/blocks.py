"""Split article text into blocks (paragraphs or lines) and say which are headline, body, caption or page chrome.

Chrome ("English", "Loading", "Share this", cookie notices, bylines) and photo captions stay in the text so offsets
never move; they are marked here and later stages never look for claims in them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Role

_CHROME_LINES = {
    "advertisement", "ad", "ads", "loading", "loading...", "loading…", "share", "share this", "share this article",
    "share this story", "share on facebook", "share on twitter", "share on x", "tweet", "email", "e-mail", "print",
    "comments", "comment", "read more", "read more:", "more", "related", "related articles", "related stories",
    "related content", "skip to content", "skip to main content", "menu", "search", "close", "subscribe",
    "sign up", "sign in", "log in", "login", "log out", "follow us", "click here", "continue reading",
    "back to top", "top stories", "most read", "most popular", "trending", "newsletter", "listen", "listen to this article",
    "watch", "video", "photo", "photos", "gallery", "next", "previous", "home", "copy link", "link copied",
    "english", "español", "espanol", "français", "francais", "deutsch", "italiano", "português", "русский",
    "türkçe", "العربية", "中文", "日本語", "한국어", "polski", "українська", "sinhala", "tamil", "(function",
}
_CHROME_PATTERNS = [
    re.compile(p, re.I) for p in (
        r"^(we|this (site|website)) uses? cookies\b",
        r"\bcookies?\b.*\b(accept|consent|privacy policy|settings|preferences)\b",
        r"^(accept|reject|manage)( all)? cookies",
        r"^(©|\(c\)|copyright\b)",
        r"\ball rights reserved\.?$",
        r"^(updated|published|posted|last (updated|modified))( on| at)?:?\s+\S.{0,60}$",
        r"^by\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3}(\s*(,|and|&)\s*[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3})*"
        r"(\s*[,|–-]\s*[\w .]{0,40})?$",
        r"^(sign up|subscribe) (for|to) (our|the)\b.{0,80}$",
        r"^(follow|like) us on\b",
        r"^(read|see) (more|also)\s*:",
        r"^(image|photo|picture|video) (source|credit)\s*:",
        r"^\d+\s+(comments?|shares?)$",
        r"^(min|minute)s? read$|^\d+\s*min(ute)?s?\s+read$",
        r"^(january|february|march|april|may|june|july|august|september|october|november|december)"
        r"\s+\d{1,2},\s+\d{4}(\s*[,|]?\s*\d{1,2}:\d{2}.*)?$",
    )
]
_CAPTION = re.compile(
    r"([\[(]\s*[^\[\]()]{0,80}?\b(photo|photograph|image|picture|file|credit|ap|afp|reuters|getty|epa|xinhua|"
    r"sputnik|tass|anadolu|shutterstock|bloomberg|pool)\b[^\[\]()]{0,80}[\])]\s*$)"
    r"|(\b(photo|photograph|image|picture)\s*(credit)?\s*:\s*\S.{0,80}$)"
    r"|(/\s*(getty images|ap|afp|reuters|epa|shutterstock)\s*$)",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)\]]\s*$")


@dataclass(frozen=True)
class Block:
    """A paragraph (or a line, where the text has no blank lines) with its role."""

    start: int
    end: int
    role: Role


def blocks(text: str) -> list[Block]:
    """Blocks of ``text`` in order, each trimmed of surrounding white space, with roles."""
    spans = list(_spans(text))
    out: list[Block] = []
    seen_headline = False
    seen_body = False
    for start, end in spans:
        line = text[start:end]
        role = classify(line)
        if role == "body" and not seen_body and not seen_headline and _headline_like(line):
            role = "headline"
            seen_headline = True
        elif role == "body":
            seen_body = True
        out.append(Block(start, end, role))
    return out


def classify(line: str) -> Role:
    """Role of one block judged on its own: boilerplate, caption or body."""
    stripped = " ".join(line.split())
    low = stripped.lower().strip(" |•·-–—:")
    if low in _CHROME_LINES or not any(ch.isalnum() for ch in low):
        return "boilerplate"
    if len(stripped) < 250 and any(p.search(stripped) for p in _CHROME_PATTERNS):
        return "boilerplate"
    if len(stripped) < 400 and _CAPTION.search(stripped):
        return "caption"
    return "body"


def _headline_like(line: str) -> bool:
    """One line of 2–30 words without a closing full stop, or a short question or exclamation."""
    words = line.split()
    if "\n" in line.strip():
        return False
    if line.strip().endswith(("?", "!")):
        return len(words) <= 20
    return 2 <= len(words) <= 30 and not _SENTENCE_END.search(line)


def _spans(text: str):
    """Paragraph spans; every line is its own block when the text has no blank lines at all."""
    separator = re.compile(r"\n[ \t\r\f\v]*\n\s*") if re.search(r"\n[ \t\r\f\v]*\n", text) else re.compile(r"\n\s*")
    pos = 0
    for match in separator.finditer(text):
        yield from _trimmed(text, pos, match.start())
        pos = match.end()
    yield from _trimmed(text, pos, len(text))


def _trimmed(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
