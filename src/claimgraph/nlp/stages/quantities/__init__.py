"""Quantities: value, unit or currency, qualifier, the counted noun and a rate, from digits and number words.

"at least 500,000 155mm shells" counts 500,000 shells (155mm is a calibre); "$400 million" is 400000000 USD;
"several thousand" and "tens of billions" are approximate with no single value. Years, dates (the times
stage runs first), times of day, ordinals and model numbers (F-16, MiG-29) are not counts. Results:
``doc._.cg_quantities`` (plain records).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "half": 0.5,
}
_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "bn": 1e9, "mn": 1e6, "k": 1e3}
_VAGUE_SCALES = {"tens", "dozens", "hundreds", "thousands", "millions", "billions", "trillions", "scores"}
_VAGUE_LEAD = {"several", "few", "many", "some"}  # only before a scale word: "several thousand"
_CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB",
                     "C$": "CAD", "A$": "AUD"}
_CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
                   "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
                   "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "rupee": "INR",
                   "rupees": "INR", "won": "KRW", "hryvnia": "UAH", "hryvnias": "UAH", "francs": "CHF"}
_UNITS = {"percent": "percent", "per cent": "percent", "%": "percent", "percentage": "percent",
          "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
          "mile": "mile", "miles": "mile", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
          "tons": "tonne", "tonnes": "tonne", "ton": "tonne", "tonne": "tonne", "kg": "kg", "kilograms": "kg",
          "barrels": "barrel", "barrel": "barrel", "acres": "acre", "hectares": "hectare", "feet": "foot",
          "degrees": "degree", "megawatts": "MW", "gigawatts": "GW", "mw": "MW", "gw": "GW"}
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
_RATE = {"day": "day", "daily": "day", "week": "week", "weekly": "week", "month": "month", "monthly": "month",
         "year": "year", "yearly": "year", "annually": "year", "annual": "year", "hour": "hour", "hourly": "hour"}
_WORDS = set(_SMALL) | set(_SCALE) | _VAGUE_SCALES | _VAGUE_LEAD  # tokens that can start an amount
_SKIP_ENTS = {"DATE", "TIME", "ORDINAL", "LAW", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT"}
_NUMERIC = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
_GLUED = re.compile(r"^(\d+(?:\.\d+)?)(million|billion|trillion|bn|mn|m|b|k)$", re.I)  # "$1billion", "$3.5m"
_DURATION_UNITS = {"year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
                   "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour",
                   "decade": "decade", "decades": "decade"}


def quantity_component(doc: Doc) -> Doc:
    records = []
    used: set[int] = set()
    for t in doc._.cg_times or []:  # "October 27 or 28": the 28 is a day, not a count
        span = doc.char_span(t["start"], t["end"], alignment_mode="expand")
        if span is not None:
            used.update(range(span.start, span.end))
    candidates = [t.i for t in doc if t.like_num or t.lower_ in _WORDS or _GLUED.match(t.text)
                  or ("-" in t.lower_ and all(p in _SMALL for p in t.lower_.split("-")))]
    i = 0
    for c in candidates:
        if c < i:
            continue
        i = c
        phrase = _number_phrase(doc, i, used)
        if phrase is None:
            continue
        start, end = phrase
        record = _describe(doc, start, end)
        if record is not None:
            records.append(record)
            used.update(range(record["_start"], record["_end"]))
        i = end
    _inherit_counted_nouns(doc, records)
    for r in records:
        r.pop("_start"), r.pop("_end"), r.pop("_sent")
    doc._.cg_quantities = records
    return doc


def _is_number(tok: Token) -> bool:
    low = tok.lower_
    duration = tok.ent_type_ == "DATE" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ in _DURATION_UNITS
    if tok.ent_type_ in _SKIP_ENTS and not (tok.ent_type_ == "DATE" and (low in _VAGUE_SCALES or duration)):
        return False
    if _NUMERIC.match(tok.text) or _GLUED.match(tok.text):
        return True
    return low in _SMALL or low in _SCALE or low in _VAGUE_SCALES or bool(re.match(r"^[a-z]+-[a-z]+$", low) and
                                                                         all(p in _SMALL for p in low.split("-")))


def _number_phrase(doc: Doc, i: int, used: set[int]) -> tuple[int, int] | None:
    tok = doc[i]
    if i in used or not _is_number(tok):
        if tok.lower_ in _VAGUE_LEAD and i + 1 < len(doc) and doc[i + 1].lower_ in _SCALE:
            pass  # "several thousand"
        else:
            return None
    if tok.lower_ in {"half", "one"} and not (i + 1 < len(doc) and (doc[i + 1].lower_ in _SCALE or
                                                                  doc[i + 1].pos_ in {"NOUN", "PROPN"} or
                                                                  (tok.lower_ == "half" and doc[i + 1].lower_ == "of"
                                                                   and i > 0 and doc[i - 1].lower_ in
                                                                   {"nearly", "almost", "about", "over", "roughly",
                                                                    "more", "less"}))):
        return None  # "one of the", "half of them" are not quantities worth reporting
    end = i + 1
    while end < len(doc):
        nxt = doc[end]
        if _NUMERIC.match(nxt.text) and _NUMERIC.match(doc[end - 1].text):
            break  # "500,000 155mm shells": two numerals side by side are two numbers
        if _is_number(nxt) or nxt.lower_ in _SCALE:
            end += 1
        elif nxt.lower_ in {"of", "and"} and end + 1 < len(doc) and (doc[end + 1].lower_ in _SCALE or
                                                                   doc[end + 1].lower_ in _VAGUE_SCALES):
            end += 1  # "tens of billions", "two hundred and fifty"
        else:
            break
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
        doc[end + 1].pos_ in {"NOUN", "PROPN", "ADJ"}


def _describe(doc: Doc, start: int, end: int) -> dict | None:
    words = [t.lower_ for t in doc[start:end]]
    value, vague = _value(words)
    if value is None and not vague:
        return None
    span_start, span_end = start, end
    unit = None
    # currency symbol before, currency word or unit after
    if start > 0 and doc[start - 1].text in _CURRENCY_SYMBOLS:
        unit, span_start = _CURRENCY_SYMBOLS[doc[start - 1].text], start - 1
    if span_end < len(doc):
        after = doc[span_end].lower_
        two = f"{after} {doc[span_end + 1].lower_}" if span_end + 1 < len(doc) else ""
        if two in _UNITS:
            unit, span_end = _UNITS[two], span_end + 2
        elif after in _UNITS:
            unit, span_end = _UNITS[after], span_end + 1
        elif after in _DURATION_UNITS and unit is None and doc[span_end].ent_type_ == "DATE":
            unit, span_end = _DURATION_UNITS[after], span_end + 1  # "at least five years"
        elif after in _CURRENCY_WORDS and unit is None:
            unit, span_end = _CURRENCY_WORDS[after], span_end + 1
        elif after == "of" and span_end + 1 < len(doc) and doc[span_end + 1].lower_ in _CURRENCY_WORDS:
            unit, span_end = _CURRENCY_WORDS[doc[span_end + 1].lower_], span_end + 2  # "tens of billions of dollars"
    qualifier = "approximate" if vague else "exact"
    for pattern, q in _BEFORE:
        n = len(pattern)
        if span_start - n >= 0 and tuple(t.lower_ for t in doc[span_start - n:span_start]) == pattern:
            qualifier, span_start = q, span_start - n
            break
    for pattern, q in _AFTER:
        n = len(pattern)
        if tuple(t.lower_ for t in doc[span_end:span_end + n]) == pattern:
            qualifier, span_end = q, span_end + n
            break
    per, span_end = _rate(doc, span_end)
    counts = None if unit in _DURATION_UNITS.values() else _counted_noun(doc, start, end, span_end)
    if unit is None and counts is None and value is not None and value < 10 and not per:
        # bare small numbers ("one", "two") without a noun are usually pronoun-like ("the two met")
        if not _NUMERIC.match(doc[start].text) and words != ["half"]:
            return None
    text = doc[span_start:span_end].text
    return {"start": doc[span_start].idx, "end": doc[span_end - 1].idx + len(doc[span_end - 1]), "text": text,
            "value": value, "unit": unit, "qualifier": qualifier, "counts": counts, "per": per,
            "_start": span_start, "_end": span_end, "_sent": doc[start].sent.start}


def _value(words: list[str]) -> tuple[float | int | None, bool]:
    """Numeric value of the number words, and whether the amount is vague ("tens of billions")."""
    if any(w in _VAGUE_SCALES or w in _VAGUE_LEAD for w in words):
        return None, True
    total, current = 0.0, None
    for w in words:
        if w in {"and", "of"}:
            continue
        if _NUMERIC.match(w):
            current = (current or 0) + float(w.replace(",", ""))
        elif m := _GLUED.match(w):
            scale = {"m": 1e6, "b": 1e9}.get(m.group(2).lower()) or _SCALE[m.group(2).lower()]
            total, current = total + float(m.group(1)) * scale, None
        elif "-" in w and all(p in _SMALL for p in w.split("-")):
            current = (current or 0) + sum(_SMALL[p] for p in w.split("-"))
        elif w in _SMALL:
            current = (current or 0) + _SMALL[w]
        elif w in _SCALE:
            current = (current if current is not None else 1) * _SCALE[w]
            if _SCALE[w] >= 1e3:
                total, current = total + current, None
        else:
            return None, False
    total += current or 0
    value = int(total) if float(total).is_integer() else round(total, 6)
    return value, False


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
            if head.pos_ in {"NOUN", "PROPN"} and head.lower_ not in _SCALE and head.lower_ not in _UNITS \
                    and head.lower_ not in _CURRENCY_WORDS and head.lower_ not in _VAGUE_SCALES:
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
