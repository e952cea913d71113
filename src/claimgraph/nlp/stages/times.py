"""Time expressions resolved against the publication date, at day, month or year precision.

Weekdays and month names follow the tense of the verb they hang from ("on Friday" in a past-tense sentence is the
last Friday; "will meet on Friday" the next one); "October 27 or 28" gives two values; anything else goes to
dateparser with the publication date as its base. Without a publication date, relative expressions stay
unresolved (value null) rather than being guessed from today's clock. Every resolved expression has a range, its
first and last day; weeks, quarters and stretches counted from the publication day ("next week", "this quarter",
"the past two weeks", "since January") come from ``stages.periods``. Other durations ("two years") and ages are
not points in time and are left out. Results: ``doc._.cg_times``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from .periods import covered, relative_period

_MONTHS = {m: i for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")], start=1) for m in names}
_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday"))}
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|" \
         r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_PARTS = r"(\s+(morning|afternoon|evening|night))?"
_RE_WEEKDAY = re.compile(r"^(?:(last|this|next|past|coming|on|early|late)\s+)?(monday|tuesday|wednesday|thursday|"
                         r"friday|saturday|sunday)s?" + _PARTS + "$")
_RE_MONTH = re.compile(r"^(?:(last|this|next|early|late|mid|earlier this|later this|since|in|by|until)[\s-]+)?"
                       + _MONTH + r"(?:,?\s+(\d{4}))?$")
_RE_MONTH_DAYS = re.compile(r"^" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?((?:\s*(?:,|or|and|-|–)\s*\d{1,2}"
                            r"(?:st|nd|rd|th)?)*)(?:,?\s+(\d{4}))?$")
_RE_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(\d{4}))?$")
_RE_YEAR = re.compile(r"^(?:(?:early|late|mid|the|in|since|by)[\s-]+)*(\d{4})s?$")
_RE_REL_UNIT = re.compile(r"^(last|this|next|the past|the previous|the coming|earlier this|later this)\s+"
                          r"(year|month|week)$")
_RE_DURATION = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|many|"
                          r"the past|the last|the next|recent)\s+(days|weeks|months|years|decades|centuries)\b"
                          r"(?!\s+ago)|\b(decades?|centuries|years old|year-old)\b|\b(\d+|one|two|three|four|five|six|"
                          r"seven|eight|nine|ten|twelve|twenty|thirty)\s*-\s*(day|week|month|year)\b")
_LEADING = {"on", "in", "since", "by", "until", "from", "during", "before", "after"}
_RATE = re.compile(r"^(more |or more )?(a|an|per|each|every) (day|week|month|year|hour)$"
                   r"|^(daily|weekly|monthly|quarterly|annually|yearly|hourly)$")
_RE_RANGE = re.compile(r"^(?:from\s+|between\s+)?(\d{4})\s*(?:to|-|–|and|through|until)\s*(\d{4})$")
_DATE_WORD = re.compile(r"\b(" + _MONTH + r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
                        r"yesterday|tomorrow|tonight|day|days|week|weeks|weekend|month|months|year|years|quarter|"
                        r"decade|decades|century|ago|season|spring|summer|autumn|fall|winter|christmas|easter|"
                        r"holidays?|ramadan|thanksgiving|eid|morning|afternoon|evening|night|"
                        r"\d{4}s?)\b")
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}


def time_component(doc: Doc) -> Doc:
    published = _date(doc._.cg_published)
    records = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        end = ent.end
        # "October 27 or 28": the recogniser stops at the first day
        while end + 1 < len(doc) and doc[end].lower_ in {"or", "and", "-", "–"} and \
                re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", doc[end + 1].text) and _RE_MONTH_DAYS.match(
                    " ".join(doc[ent.start:end + 2].text.lower().replace("’", "'").split())):
            end += 2
        if end + 1 < len(doc) and doc[end].lower_ in {"to", "-", "–", "through", "until", "and"} and \
                re.fullmatch(r"(1[89]|20)\d\d", doc[end + 1].text) and re.fullmatch(r"(1[89]|20)\d\d", doc[end - 1].text):
            end += 2  # "from 2011 to 2016"
        text = doc[ent.start:end].text.strip()
        start = ent.start - 1 if ent.start > 0 and doc[ent.start - 1].lower_ in _LEADING else ent.start
        period = relative_period(doc[start:end].text, published, _is_future(ent))
        if period is None and (_RE_DURATION.search(text.lower()) or _RATE.match(text.lower())):
            continue
        if m := _RE_RANGE.match(text.lower()):  # "from 2011 to 2016": two points in time
            for group in (1, 2):
                s0 = ent.start_char + text.lower().index(m.group(group), 0 if group == 1 else m.end(1))
                records.append({"start": s0, "end": s0 + 4, "text": m.group(group), "value": m.group(group),
                                "precision": "year", "type": "date", "range": _range(covered(m.group(group)))})
            continue
        span = doc[start:end]  # "on Friday", "in June": the preposition belongs to the expression
        if period is not None:
            records.append({"start": span.start_char, "end": span.end_char, "text": span.text, "value": period.value,
                            "precision": period.precision, "type": period.type,
                            "range": _range((period.start, period.end))})
            continue
        value = resolve(text, published, _is_future(ent))
        if value is None and not _DATE_WORD.search(text.lower()):
            continue  # "between 3 and 5", "200lbs": the recogniser's dates with nothing of a date in them
        records.append({"start": span.start_char, "end": span.end_char, "text": span.text, "value": value,
                        "precision": _precision(value), "type": "date", "range": _range(covered(value))})
    doc._.cg_times = records
    return doc


def resolve(text: str, published: dt.date | None, future: bool = False) -> str | list[str] | None:
    """ISO value ("2024-10-24", "2024-10", "2024") or two values for "X or Y"; None when it cannot be placed."""
    try:
        return _resolve(text, published, future)
    except (OverflowError, ValueError):
        return None  # a publication date at the edge of the calendar: nothing sensible to say


def _resolve(text: str, published: dt.date | None, future: bool) -> str | list[str] | None:
    t = " ".join(text.lower().replace("’", "'").split())
    t = re.sub(r"^(the|on|in)\s+", "", t)
    t = re.sub(r"^(the\s+)?(end|beginning|start|middle|close)\s+of\s+(the\s+)?", "", t)  # "the end of August"
    if m := _RE_YEAR.match(t):
        return m.group(1)
    if m := _RE_MONTH_DAYS.match(t):
        month, first, more, year = _MONTHS[m.group(1)], int(m.group(2)), m.group(3), m.group(4)
        days = [first] + [int(d) for d in re.findall(r"\d{1,2}", more or "")]
        values = [_day(month, d, year, published) for d in days]
        if None in values:
            return None
        return values[0] if len(values) == 1 else values
    if m := _RE_DAY_MONTH.match(t):
        return _day(_MONTHS[m.group(2)], int(m.group(1)), m.group(3), published)
    if m := _RE_MONTH.match(t):
        modifier, month, year = m.group(1), _MONTHS[m.group(2)], m.group(3)
        if year:
            return f"{year}-{month:02d}"
        if published is None:
            return None
        return _month(month, modifier, published, future)
    if m := _RE_WEEKDAY.match(t):
        if published is None:
            return None
        return _weekday(_WEEKDAYS[m.group(2)], m.group(1), published, future).isoformat()
    if published is None:
        return None
    if t in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return published.isoformat()
    if t in {"yesterday", "last night"} or t.startswith("yesterday "):
        return (published - dt.timedelta(days=1)).isoformat()
    if t == "tomorrow" or t.startswith("tomorrow "):
        return (published + dt.timedelta(days=1)).isoformat()
    if m := _RE_REL_UNIT.match(t):
        step = {"last": -1, "the past": -1, "the previous": -1, "next": 1, "the coming": 1}.get(m.group(1), 0)
        if m.group(2) == "year":
            return str(published.year + step)
        if m.group(2) == "month":
            y, mo = divmod(published.year * 12 + published.month - 1 + step, 12)
            return f"{y}-{mo + 1:02d}"
        return None  # weeks are not recorded
    return _dateparser(t, published)


def _month(month: int, modifier: str | None, published: dt.date, future: bool) -> str:
    year = published.year
    if modifier in {"next"} or (future and modifier not in {"last"}):
        if month < published.month:
            year += 1
    elif modifier == "last":
        if month >= published.month:
            year -= 1
    elif month > published.month:
        year -= 1
    return f"{year}-{month:02d}"


def _weekday(day: int, modifier: str | None, published: dt.date, future: bool) -> dt.date:
    delta = (published.weekday() - day) % 7
    if modifier in {"next", "coming"} or (future and modifier not in {"last", "past"}):
        ahead = (day - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead)
    if modifier in {"last", "past"} and delta == 0:
        delta = 7
    return published - dt.timedelta(days=delta)


def _day(month: int, day: int, year: str | None, published: dt.date | None) -> str | None:
    if year:
        y = int(year)
    elif published is None:
        return None
    else:  # the year that puts the date nearest the publication date
        y = min((published.year - 1, published.year, published.year + 1),
                key=lambda c: abs((_safe(c, month, day) or dt.date(c, month, 1)) - published))
    d = _safe(y, month, day)
    return d.isoformat() if d else None


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _dateparser(text: str, published: dt.date) -> str | None:
    data = _parser(published).get_date_data(text)
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    return {"day": d.isoformat(), "month": f"{d.year}-{d.month:02d}", "year": str(d.year)}.get(data.period)


@lru_cache(maxsize=64)
def _parser(published: dt.date):
    from dateparser.date import DateDataParser

    base = dt.datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                                                      "REQUIRE_PARTS": []})


def _is_future(ent: Span) -> bool:
    head = ent.root.head
    for _ in range(3):
        if any(c.lower_ in _FUTURE_AUX or (c.dep_ == "aux" and c.lower_ == "going") for c in head.children):
            return True
        if head.lemma_ in {"expect", "schedule", "plan", "due"}:
            return True
        if head.head.i == head.i or head.dep_ not in {"prep", "pobj", "npadvmod", "xcomp", "advcl"}:
            break
        head = head.head
    return False


def _precision(value) -> str | None:
    if value is None:
        return None
    first = value[0] if isinstance(value, list) else value
    return {4: "year", 7: "month", 10: "day"}.get(len(first))


def _range(days: tuple[dt.date, dt.date] | None) -> dict | None:
    return {"start": days[0].isoformat(), "end": days[1].isoformat()} if days else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
