"""Periods: the first and last day a time expression covers, against the publication date.

Weeks run Monday to Sunday ("next week" from Friday 2025-03-14 is 2025-03-17 to 2025-03-23), quarters are calendar
quarters ("this quarter", "the third quarter of 2024", "Q1"); weeks and quarters get ISO-like values ("2025-W12",
"2025-Q1"), "the past two weeks" ends on the publication day,
"since January" runs from the first of the month to the publication day. An ordinal week with nothing to count
from ("the strike enters its second week") is the week of publication. Types follow TIMEX3: ``date`` for a point
or a calendar period, ``duration`` for a stretch measured back or forward from the publication day (valued as
TIMEX3 writes durations: "the past two weeks" is "P2W").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3, "a few": 3}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1, "final": -1, "1st": 1,
             "2nd": 2, "3rd": 3, "4th": 4}
_STEP = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0, "earlier this": 0,
         "later this": 0, "the current": 0, "current": 0}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_RE_WEEK = re.compile(r"^(?:the\s+)?(last|past|previous|next|coming|this|earlier this|later this|current)\s+week$")
_RE_QUARTER = re.compile(r"^(?:the\s+)?(last|past|previous|next|coming|this|current)\s+quarter$")
_RE_NTH_QUARTER = re.compile(r"^(?:the\s+)?(first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+quarter"
                             r"(?:\s+of)?(?:\s+(\d{4}))?$|^q([1-4])(?:\s+(\d{4}))?$")
_RE_BACK = re.compile(r"^(?:in\s+|over\s+|during\s+|for\s+|within\s+)?(?:the\s+)?(past|last|previous|next|coming)"
                      r"\s+(\d+|a few|[a-z]+)\s+(days|weeks|months|years)$")
_RE_NTH_WEEK = re.compile(r"^(?:the\s+|its\s+|a\s+)?(first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th)"
                          r"\s+week(?:\s+of\s+(" + "|".join(_MONTHS) + r")(?:\s+(\d{4}))?)?$")
_RE_SINCE = re.compile(r"^since\s+(?:early\s+|late\s+|mid-?)?(" + "|".join(_MONTHS) + r"|\d{4})(?:\s+(\d{4}))?$")


@dataclass(frozen=True)
class Period:
    value: str | None
    precision: str | None
    start: dt.date
    end: dt.date
    type: str


def relative_period(text: str, published: dt.date | None, future: bool = False) -> Period | None:
    """The period of a relative expression ("next week", "this quarter", "the past two weeks", "since January"),
    or None when it is none of these or there is no publication date to count from."""
    t = " ".join(text.lower().replace("’", "'").split())
    t = re.sub(r"^(in|on|during|by|for|from|within|over)\s+", "", t)
    if published is None:
        return None
    if m := _RE_WEEK.match(t):
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=_STEP[m.group(1)])
        return _week(monday)
    if m := _RE_QUARTER.match(t):
        q = (published.month - 1) // 3 + _STEP[m.group(1)]
        return _quarter(published.year + q // 4, q % 4 + 1)
    if m := _RE_NTH_QUARTER.match(t):
        n = int(m.group(3)) if m.group(3) else _ORDINALS[m.group(1)]
        year = int(m.group(2) or m.group(4) or published.year)
        return _quarter(year, 4 if n == -1 else n)
    if m := _RE_BACK.match(t):
        n = int(m.group(2)) if m.group(2).isdigit() else _NUMBERS.get(m.group(2))
        if n is None:
            return None
        days = {"days": n, "weeks": 7 * n}.get(m.group(3))
        if days is not None:
            span = dt.timedelta(days=days)
        else:
            span = published - _shift(published, -n if m.group(3) == "months" else -12 * n)
        value = f"P{n}{m.group(3)[0].upper()}"  # TIMEX3: "P2W", "P5Y"
        if _STEP[m.group(1)] > 0:
            return Period(value, None, published + dt.timedelta(days=1), published + span, "duration")
        return Period(value, None, published - span + dt.timedelta(days=1), published, "duration")
    if m := _RE_NTH_WEEK.match(t):
        n = _ORDINALS[m.group(1)]
        if m.group(2) is None:
            return _week(published - dt.timedelta(days=published.weekday()))
        month = _MONTHS.index(m.group(2)) + 1
        year = int(m.group(3)) if m.group(3) else published.year
        last = calendar.monthrange(year, month)[1]
        first = last - 6 if n == -1 else 1 + 7 * (n - 1)
        if first > last:
            return None
        return Period(None, "week", dt.date(year, month, first), dt.date(year, month, min(first + 6, last)), "date")
    if m := _RE_SINCE.match(t):
        if m.group(1).isdigit():
            start = dt.date(int(m.group(1)), 1, 1)
        else:
            month = _MONTHS.index(m.group(1)) + 1
            year = int(m.group(2)) if m.group(2) else published.year - (month > published.month)
            start = dt.date(year, month, 1)
        if start > published:
            return None
        return Period(None, None, start, published, "duration")
    return None


def covered(value: str | list[str] | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of an ISO value ("2025-03" → March 1 to 31); two values: first to last."""
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    try:
        first, last = _bounds(values[0]), _bounds(values[-1])
    except ValueError:
        return None
    return (first[0], last[1]) if first and last else None


def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        y, m = int(value[:4]), int(value[5:])
        return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        d = dt.date.fromisoformat(value)
        return d, d
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return monday, monday + dt.timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        p = _quarter(int(m.group(1)), int(m.group(2)))
        return p.start, p.end
    return None


def _week(monday: dt.date) -> Period:
    year, week, _ = monday.isocalendar()
    return Period(f"{year}-W{week:02d}", "week", monday, monday + dt.timedelta(days=6), "date")


def _quarter(year: int, n: int) -> Period:
    first = dt.date(year, 3 * n - 2, 1)
    end_month = 3 * n
    last = dt.date(year, end_month, calendar.monthrange(year, end_month)[1])
    return Period(f"{year}-Q{n}", "quarter", first, last, "date")


def _shift(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))
