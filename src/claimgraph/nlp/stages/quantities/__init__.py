"""Quantities: value, unit or currency, qualifier, the counted noun and a rate, from digits and number words.

"at least 500,000 155mm shells" counts 500,000 shells (155mm is a calibre); "$400 million" is 400000000 USD;
"several thousand" and "tens of billions" are approximate with no single value; "10,000 to 12,000 troops" and
"between 3 and 5" are ranges (``low``, ``high``, no single value). Numbers are read by ``numbers``, units by the
lexicon in ``units``, written before or after the amount, glued or hyphenated ("$5", "15 €", "200lbs", "3-inch").
Years, dates (the times stage runs first), times of day, ordinals and model numbers (F-16, MiG-29) are not
counts. Results: ``doc._.cg_quantities`` (plain records).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .numbers import (FRACTION, GLUED_SCALE, GLUED_UNIT, NUMERIC, SCALE, SHORT_SCALES, SMALL, VAGUE_LEAD,
                      VAGUE_SCALES, is_fraction, is_number_word, tidy, value_of)
from .units import AMBIGUOUS, CURRENCY_NATIONS, CURRENCY_SYMBOLS, CURRENCY_WORDS, GLUED_UNITS, UNIT_WORDS

_CALIBRE = {"mm", "cm", "millimetre", "millimeter", "calibre", "caliber", "-mm", "inch"}
_BEFORE = [  # longest first; the qualifier the words before a number give it
    (("no", "more", "than"), "at_most"), (("no", "fewer", "than"), "at_least"), (("no", "less", "than"), "at_least"),
    (("in", "excess", "of"), "at_least"), (("as", "many", "as"), "up_to"), (("as", "much", "as"), "up_to"),
    (("an", "estimated"), "approximate"), (("close", "to"), "approximate"), (("up", "to"), "up_to"),
    (("at", "least"), "at_least"), (("more", "than"), "at_least"), (("upwards", "of"), "at_least"),
    (("at", "most"), "at_most"), (("less", "than"), "at_most"), (("fewer", "than"), "at_most"),
    (("over",), "at_least"), (("above",), "at_least"), (("past",), "at_least"), (("topping",), "at_least"), (("under",), "at_most"), (("below",), "at_most"),
    (("about",), "approximate"), (("around",), "approximate"), (("approximately",), "approximate"),
    (("roughly",), "approximate"), (("some",), "approximate"), (("nearly",), "approximate"),
    (("almost",), "approximate"), (("estimated",), "approximate"), (("circa",), "approximate"),
    (("~",), "approximate"),
]
_AFTER = [(("or", "more"), "at_least"), (("or", "so"), "approximate"), (("or", "less"), "at_most"),
          (("or", "fewer"), "at_most"), (("plus",), "at_least"), (("+",), "at_least")]
_LONGEST_BEFORE = max(len(p) for p, _ in _BEFORE)
_LONGEST_AFTER = max(len(p) for p, _ in _AFTER)
_RATE = {"day": "day", "daily": "day", "week": "week", "weekly": "week", "month": "month", "monthly": "month",
         "year": "year", "yearly": "year", "annually": "year", "annual": "year", "hour": "hour", "hourly": "hour"}
_WORDS = set(SMALL) | set(SCALE) - SHORT_SCALES | VAGUE_SCALES | VAGUE_LEAD  # tokens that can start an amount
_SKIP_ENTS = {"DATE", "TIME", "ORDINAL", "LAW", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT"}
_DURATION_UNITS = {"year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
                   "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour",
                   "decade": "decade", "decades": "decade"}
_FREE = "claimgraph_unplaced_dates"
_TIME_WORDS = set(_DURATION_UNITS) | {"minute", "minutes", "second", "seconds", "hrs", "mins"}
_TIME_UNITS = set(_DURATION_UNITS.values()) | {"minute", "second"}
_RANGE_WORDS = {"to", "-", "–", "—", "through", "and"}
_SUBUNITS = {"cents": 100, "cent": 100, "pence": 100, "penny": 100, "p": 100}
_MONEY_SCALE_AFTER = {"m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "k": 1e3, "tn": 1e12}


def quantity_component(doc: Doc) -> Doc:
    records = []
    used: set[int] = set()
    for t in doc._.cg_times or []:  # "October 27 or 28": the 28 is a day, not a count
        span = doc.char_span(t["start"], t["end"], alignment_mode="expand")
        if span is not None:
            used.update(range(span.start, span.end))
    # "between 3 and 5", "200lbs": the recogniser's dates that the times stage did not take for one
    doc.user_data[_FREE] = {i for ent in doc.ents if ent.label_ == "DATE" for i in range(ent.start, ent.end)} - used
    i = 0
    for tok in doc:
        c = tok.i
        if c < i or not (tok.like_num or tok.lower_ in _WORDS or _glued(tok) or is_number_word(tok.lower_)
                         or (tok.lower_ in {"a", "an"} and c + 1 < len(doc) and doc[c + 1].lower_ in SCALE
                             and doc[c + 1].lower_ not in SHORT_SCALES)):
            continue
        phrase = _number_phrase(doc, c, used)
        if phrase is None:
            continue
        record = _describe(doc, *phrase)
        if record is not None:
            records.append(record)
            used.update(range(record["_start"], record["_end"]))
            i = record["_end"]
        else:
            i = phrase[1]
    _inherit_counted_nouns(doc, records)
    for r in records:
        r.pop("_start"), r.pop("_end"), r.pop("_sent")
    del doc.user_data[_FREE]  # only this stage reads it; a set would not survive nlp.pipe(n_process=...)
    doc._.cg_quantities = records
    return doc


def _glued(tok: Token) -> tuple[float, str] | None:
    """"1.5bn" → (1.5e9, ""), "200lbs" → (200, "lb"), "100€" → (100, "EUR"); None for anything else. A glued
    "m", "b" or "k" is a scale next to money ("$3m", "1.8M dollars") and a unit otherwise ("48m", "100t")."""
    if not tok.text[:1].isdigit():  # what both patterns start with: most tokens end here, unmatched
        return None
    if m := GLUED_SCALE.match(tok.text):
        money = (tok.i > 0 and tok.nbor(-1).text in CURRENCY_SYMBOLS) or (
            tok.i + 1 < len(tok.doc) and tok.nbor().lower_ in CURRENCY_WORDS)
        if money or m.group(2).lower() not in GLUED_UNITS:
            return float(m.group(1)) * SCALE[m.group(2).lower()], ""
    if (m := GLUED_UNIT.match(tok.text)) and "," not in m.group(1):
        suffix = m.group(2).lower()
        unit = GLUED_UNITS.get(suffix) or CURRENCY_SYMBOLS.get(m.group(2)) or CURRENCY_SYMBOLS.get(suffix)
        if unit:
            return float(m.group(1)), unit
    return None


def _is_number(tok: Token) -> bool:
    low = tok.lower_
    duration = tok.ent_type_ in {"DATE", "TIME"} and tok.i + 1 < len(tok.doc) and (
        tok.nbor().lower_ in _TIME_WORDS or (tok.nbor().text == "-" and tok.i + 2 < len(tok.doc)
                                             and tok.nbor(2).lower_ in _TIME_WORDS))
    glued = _glued(tok)
    if glued and glued[1]:
        return True  # "200lbs", whatever the recogniser took it for
    if tok.ent_type_ == "DATE" and tok.i in tok.doc.user_data.get(_FREE, ()):
        return bool(NUMERIC.match(tok.text)) or low in SMALL
    if tok.ent_type_ in _SKIP_ENTS and not (tok.ent_type_ in {"DATE", "TIME"} and (low in VAGUE_SCALES or duration)):
        return False
    if NUMERIC.match(tok.text) or is_fraction(tok.text) or glued:
        return True
    return low in SMALL or (low in SCALE and low not in SHORT_SCALES) or low in VAGUE_SCALES or is_number_word(low)


def _number_phrase(doc: Doc, i: int, used: set[int]) -> tuple[int, int] | None:
    tok = doc[i]
    money = (i > 0 and doc[i - 1].text in CURRENCY_SYMBOLS) or (i + 2 < len(doc) and doc[i + 1].lower_ in SHORT_SCALES
                                                             and doc[i + 2].lower_ in CURRENCY_WORDS)
    if tok.lower_ in {"a", "an"}:
        pass  # "a million", "a dozen"
    elif i in used or not _is_number(tok):
        if not (tok.lower_ in VAGUE_LEAD and i + 1 < len(doc) and doc[i + 1].lower_ in SCALE):
            return None  # "several thousand" passes
    if tok.lower_ in {"half", "one", "quarter", "third"} and not (
            i + 1 < len(doc) and (doc[i + 1].lower_ in SCALE or doc[i + 1].lower_ in {"a", "an"}
                                  or doc[i + 1].pos_ in {"NOUN", "PROPN"} or doc[i + 1].lower_ in UNIT_WORDS
                                  or (tok.lower_ == "half" and i > 0 and
                                      doc[i - 1].lower_ in {"nearly", "almost", "about", "over", "roughly", "than",
                                                            "some", "around"}))):
        return None  # "one of the", "half of them" are not quantities worth reporting
    end = i + 1
    while end < len(doc):
        nxt, prev = doc[end], doc[end - 1]
        if NUMERIC.match(nxt.text) and NUMERIC.match(prev.text):
            break  # "500,000 155mm shells": two numerals side by side are two numbers
        if is_fraction(nxt.text) and NUMERIC.match(prev.text) and "." not in prev.text:
            end += 1  # "10 1/2"
        elif nxt.text == "-" and not prev.whitespace_ and prev.lower_ in SMALL and end + 1 < len(doc) and \
                doc[end + 1].lower_ in SMALL and not nxt.whitespace_:
            end += 2  # "forty-five", "two-thirds" split by the tokeniser
        elif nxt.text.startswith("-") or end in used:
            break
        elif _is_number(nxt) and not FRACTION.match(nxt.text) or (nxt.lower_ in SCALE and (
                nxt.lower_ not in SHORT_SCALES or money)):
            end += 1
        elif nxt.lower_ in {"a", "an"} and prev.lower_ == "half" and end + 1 < len(doc) and doc[end + 1].lower_ in SCALE:
            end += 1  # "half a million"
        elif nxt.lower_ in {"of", "and"} and end + 1 < len(doc) and (doc[end + 1].lower_ in SCALE or
                                                                   doc[end + 1].lower_ in VAGUE_SCALES):
            end += 1  # "tens of billions", "two hundred and fifty"
        else:
            break
    if doc[end - 1].lower_ in {"a", "an", "of", "and"}:
        return None
    if _is_year(doc, i, end) or _is_calibre(doc, end):
        return None
    return i, end


def _is_year(doc: Doc, start: int, end: int) -> bool:
    if end - start != 1:
        return False
    text = doc[start].text
    return bool(re.fullmatch(r"(1[89]|20)\d\d", text)) and (
        start == 0 or doc[start - 1].lower_ in {"in", "since", "by", "until", "from", "of", "the", "to", "before",
                                                "after", "during", "early", "late", "mid"})


def _is_calibre(doc: Doc, end: int) -> bool:
    """"155mm shells", "a 9mm pistol": a number glued to a calibre unit describes the noun, it counts nothing."""
    return end < len(doc) and doc[end].lower_ in _CALIBRE and end + 1 < len(doc) and \
        doc[end + 1].pos_ in {"NOUN", "PROPN", "ADJ"} and doc[end + 1].lower_ not in UNIT_WORDS


def _amount(doc: Doc, start: int, end: int) -> tuple[float | int | None, bool, str | None]:
    """The value of the number words (a lone glued token may bring its unit), vague or not, and the unit."""
    if end - start == 1 and (g := _glued(doc[start])):
        return tidy(g[0]), False, g[1] or None
    value, vague = value_of([t.lower_ for t in doc[start:end]])
    return value, vague, None


def _describe(doc: Doc, start: int, end: int) -> dict | None:
    value, vague, unit = _amount(doc, start, end)
    if value is None and not vague:
        return None
    span_start, span_end = start, end
    if start > 0 and doc[start - 1].text in CURRENCY_SYMBOLS and not doc[start - 1].is_lower:
        unit, span_start = CURRENCY_SYMBOLS[doc[start - 1].text], start - 1
    elif start > 0 and doc[start - 1].lower_ in CURRENCY_SYMBOLS and doc[start - 1].lower_.isalpha():
        unit, span_start = CURRENCY_SYMBOLS[doc[start - 1].lower_], start - 1  # "EUR 3m"
    if unit in CURRENCY_SYMBOLS.values() and span_end < len(doc) and value is not None and \
            doc[span_end].lower_.rstrip(".") in _MONEY_SCALE_AFTER:
        value = tidy(value * _MONEY_SCALE_AFTER[doc[span_end].lower_.rstrip(".")])  # "$3 m", "$3m."
        span_end += 1
    low = high = None
    if (r := _range_end(doc, start, span_end, unit, value)) is not None:
        high, high_unit, span_end = r
        low = value
        if high_unit and not unit:
            unit = high_unit
        if low is not None and high is not None and low < high / 1000 and not doc[start:end].text.count(","):
            low = tidy(low * _scale_of(doc, span_end, high))  # "3 to 5 million"
        value = None
    if unit == "degree" and span_end < len(doc) and doc[span_end].lower_ in UNIT_WORDS and \
            UNIT_WORDS[doc[span_end].lower_] in {"°C", "°F"}:
        unit, span_end = UNIT_WORDS[doc[span_end].lower_], span_end + 1  # "100° Celsius"
    if unit is None:
        found = _unit_after(doc, span_end, value if value is not None else high)
        if found is not None:
            unit, span_end = found
    if low is None and unit is not None and value is not None and (r := _range_end(doc, start, span_end, unit, value)):
        stop = r[2]
        after = _unit_after(doc, stop, r[0]) if stop < len(doc) else None
        if after is not None and after[0] == unit and not vague:
            low, high, value, span_end = value, r[0], None, after[1]  # "from 5 percent to 25 percent"
    cents = _subunit(doc, span_end, unit)
    if cents is not None and value is not None:
        value, span_end = tidy(value + cents[0]), cents[1]  # "3 dollars 50 cents"
    qualifier = "approximate" if vague else "exact"
    before = tuple(doc[i].lower_ for i in range(max(0, span_start - _LONGEST_BEFORE), span_start))
    for pattern, q in _BEFORE:
        if before[-len(pattern):] == pattern:  # shorter near the doc's start, then never equal
            qualifier, span_start = q, span_start - len(pattern)
            break
    if span_start > 0 and doc[span_start - 1].lower_ in {"between", "from"} and low is not None:
        span_start -= 1
    after = tuple(doc[i].lower_ for i in range(span_end, min(len(doc), span_end + _LONGEST_AFTER)))
    for pattern, q in _AFTER:
        if after[:len(pattern)] == pattern:
            qualifier, span_end = q, span_end + len(pattern)
            break
    per, span_end = _rate(doc, span_end)
    counts = None if unit in _TIME_UNITS else _counted_noun(doc, start, end, span_end)
    if unit is None and counts is None and value is not None and value < 10 and not per:
        # bare small numbers ("one", "two") without a noun are usually pronoun-like ("the two met")
        if not NUMERIC.match(doc[start].text) and doc[start].lower_ != "half":
            return None
    record = {"start": doc[span_start].idx, "end": doc[span_end - 1].idx + len(doc[span_end - 1]),
              "text": doc[span_start:span_end].text, "value": value, "unit": unit, "qualifier": qualifier,
              "counts": counts, "per": per, "_start": span_start, "_end": span_end, "_sent": doc[start].sent.start}
    if low is not None or high is not None:
        record.update(low=low, high=high)
    return record


def _range_end(doc: Doc, start: int, end: int, unit: str | None, low) -> tuple[float | int, str | None, int] | None:
    """"10,000 to 12,000", "between 3 and 5", "$500 to $2,000", "75-300mm": the upper end, its unit and where
    the range ends; None when no higher number follows ("rose from $64.8m to $45.1m" is two amounts)."""
    if end >= len(doc):
        return None
    nxt = doc[end]
    if NUMERIC.match(nxt.text) and nxt.text.startswith("-") and doc[end - 1].like_num:
        at = end  # "75 -300mm": the tokeniser glued the dash to the second number
        high = float(nxt.text[1:].replace(",", ""))
        return (tidy(high), None, at + 1) if low is None or high > low else None
    if nxt.lower_ not in _RANGE_WORDS or end + 1 >= len(doc):
        return None
    if nxt.lower_ == "and" and not (start > 0 and doc[start - 1].lower_ == "between") and not (
            start > 1 and doc[start - 1].text in CURRENCY_SYMBOLS and doc[start - 2].lower_ == "between"):
        return None  # "3 and 5" is a range only after "between"
    at = end + 1
    if doc[at].text in CURRENCY_SYMBOLS and unit is not None:
        at += 1  # "$500 to $2,000"
    if at >= len(doc):
        return None
    phrase = _number_phrase(doc, at, set())
    if phrase is None:
        return None
    value, vague, glued_unit = _amount(doc, *phrase)
    if vague or value is None:
        return None
    stop = phrase[1]
    if unit is not None and stop < len(doc) and doc[stop].lower_ in _MONEY_SCALE_AFTER:
        value, stop = tidy(value * _MONEY_SCALE_AFTER[doc[stop].lower_]), stop + 1
    if low is not None and value <= low:
        return None
    return value, glued_unit, stop


def _scale_of(doc: Doc, end: int, high: float) -> float:
    """The scale word ending the upper end of a range, applied to the lower end too."""
    for tok in reversed(doc[max(end - 3, 0):end]):
        if tok.lower_ in SCALE and SCALE[tok.lower_] >= 1e3:
            return SCALE[tok.lower_]
        if m := GLUED_SCALE.match(tok.text):
            return SCALE[m.group(2).lower()]
    return 1.0


def _unit_after(doc: Doc, end: int, value) -> tuple[str, int] | None:
    """A unit or currency written after the amount, one to three words, after a hyphen too ("3-inch")."""
    while end < len(doc) and doc[end].is_space:
        end += 1  # "100\xa0percent"
    at = end + 1 if end + 1 < len(doc) and doc[end].text == "-" and doc[end].whitespace_ == "" else end
    words = [t.lower_ for t in doc[at:at + 3]]
    if words and at == end and not doc[end - 1].whitespace_ and words[0].rstrip(".") in GLUED_UNITS:
        return GLUED_UNITS[words[0].rstrip(".")], at + 1  # "1.8m", "100t": split from the digits by the tokeniser
    for n in (3, 2, 1):
        phrase = " ".join(words[:n])
        if len(words) >= n and phrase in UNIT_WORDS and (n > 1 or at > end or _plain_unit(doc, at, phrase, value)):
            return UNIT_WORDS[phrase], at + n
    if not words:
        return None
    if words[0] in CURRENCY_WORDS and _plain_unit(doc, at, words[0], value):
        return CURRENCY_WORDS[words[0]], at + 1
    if len(words) > 1 and words[1] in CURRENCY_WORDS:
        code = CURRENCY_NATIONS.get((words[0], CURRENCY_WORDS[words[1]]))
        if code:
            return code, at + 2  # "Swiss francs", "Canadian dollars"
    if len(words) > 2 and words[2] in CURRENCY_WORDS and (words[1], CURRENCY_WORDS[words[2]]) in CURRENCY_NATIONS:
        return CURRENCY_NATIONS[(words[1], CURRENCY_WORDS[words[2]])], at + 3  # "New Zealand dollars"
    if doc[at].text in CURRENCY_SYMBOLS or (doc[at].text.isupper() and doc[at].lower_ in CURRENCY_SYMBOLS):
        return CURRENCY_SYMBOLS[doc[at].text if doc[at].text in CURRENCY_SYMBOLS else doc[at].lower_], at + 1
        # "15 €", "500 USD"
    if words[0] in _DURATION_UNITS and doc[at].ent_type_ in {"DATE", "TIME"}:
        return _DURATION_UNITS[words[0]], at + 1  # "at least five years", "a 28-year-old"
    if words[0] == "of" and len(words) > 1 and words[1] in CURRENCY_WORDS:
        return CURRENCY_WORDS[words[1]], at + 2  # "tens of billions of dollars"
    return None


def _plain_unit(doc: Doc, at: int, word: str, value) -> bool:
    """An ambiguous word ("pounds", "marks", "degrees", "points") is read as its unit only where nothing says
    otherwise: pounds are money after a scale word and weight otherwise; marks and points are nouns before a
    noun ("three points guard")."""
    if word not in AMBIGUOUS:
        return True
    nxt = doc[at + 1] if at + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and word not in {"pound", "pounds"}:
        return False
    if word in {"pound", "pounds"}:
        return any(t.lower_ in SCALE for t in doc[max(at - 2, 0):at])
    return word in {"degree", "degrees", "°", "deg", "point", "points", "mark", "marks", "kilo", "kilos", "second", "seconds"} \
        and (word not in {"mark", "marks"} or (value is not None and not float(value).is_integer()))


def _subunit(doc: Doc, end: int, unit: str | None) -> tuple[float, int] | None:
    """"3 dollars 50 cents", "thirteen dollars and forty-five cents": the cents added to the amount."""
    if unit not in {"USD", "EUR", "GBP"} or end >= len(doc):
        return None
    at = end + 1 if doc[end].lower_ == "and" else end
    phrase = _number_phrase(doc, at, set()) if at < len(doc) else None
    if phrase is None or phrase[1] >= len(doc) or doc[phrase[1]].lower_ not in _SUBUNITS:
        return None
    value, vague, _ = _amount(doc, *phrase)
    if value is None or vague:
        return None
    return value / _SUBUNITS[doc[phrase[1]].lower_], phrase[1] + 1


def _rate(doc: Doc, end: int) -> tuple[str | None, int]:
    """"a month", "per day", "each year", "annually" straight after the amount."""
    words = [t.lower_ for t in doc[end:end + 2]]
    if len(words) == 2 and words[0] in {"a", "an", "per", "each", "every"} and words[1] in _RATE:
        return _RATE[words[1]], end + 2
    if words and words[0] in {"daily", "weekly", "monthly", "annually", "yearly", "hourly"}:
        return _RATE[words[0]], end + 1
    return None, end


def _counted_noun(doc: Doc, start: int, end: int, span_end: int) -> str | None:
    last = doc[end - 1]
    head = last
    for _ in range(3):  # climb through "$", "million" and quantmods to the noun the amount modifies
        if head.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod"} and head.head.i != head.i:
            head = head.head
            if head.pos_ in {"NOUN", "PROPN"} and head.lower_ not in SCALE and head.lower_ not in UNIT_WORDS \
                    and head.lower_ not in CURRENCY_WORDS and head.lower_ not in VAGUE_SCALES \
                    and not start <= head.i < span_end:
                return head.text
        else:
            break
    nxt = doc[span_end] if span_end < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.lower_ not in _RATE:
        return nxt.text
    if nxt is not None and nxt.lower_ == "of":  # "half of the money", "thousands of employees"
        pobj = next((c for c in nxt.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}), None)
        if pobj is not None:
            return pobj.text
    if nxt is not None and nxt.lower_ in _CALIBRE and span_end + 1 < len(doc):
        return doc[span_end + 1].text
    return None


def _inherit_counted_nouns(doc: Doc, records: list[dict]) -> None:
    """"330,000 shells as Ukraine was expending 90,000 or more a month": an amount without a noun counts what
    the previous amount in its sentence counted."""
    for prev, rec in zip(records, records[1:]):
        if rec["counts"] is None and rec["unit"] is None and prev["counts"] and prev["_sent"] == rec["_sent"]:
            rec["counts"] = prev["counts"]
