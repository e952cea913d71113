"""People and bodies of the article: named mentions grouped into one entity each, with a canonical name and type.

"Vladimir Putin", "Putin" and "Mr. Putin" become one person named "Vladimir Putin"; "US", "U.S." and "the United
States" one country. Pronouns are resolved later, by the attribution stage, which knows which mention is a source;
``nlp.combine`` adds what it resolved to this table. Results: ``doc._.cg_entities``
(:class:`~claimgraph.nlp.records.EntityRecord`).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span

from ..lexicon import GOVERNMENT_WORDS, MEDIA_WORDS, ROLE_NOUNS, TITLES
from ..records import EntityRecord, doc_text

_KEEP = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_ALIASES = {
    "us": "United States", "u.s.": "United States", "u.s": "United States", "usa": "United States",
    "u.s.a.": "United States", "america": "United States", "united states": "United States",
    "united states of america": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom", "united kingdom": "United Kingdom",
    "un": "United Nations", "u.n.": "United Nations", "united nations": "United Nations",
    "eu": "European Union", "e.u.": "European Union", "european union": "European Union",
    "dprk": "North Korea", "rok": "South Korea", "russian federation": "Russia",
}
_POSSESSIVE = re.compile(r"[’']s?$")


def entity_component(doc: Doc) -> Doc:
    records: list[dict] = []
    by_key: dict[str, dict] = {}
    people: list[dict] = []
    mentions = [m for m in doc.ents if _wanted(m)]
    # Longest person names first so that "Putin" finds "Vladimir Putin" wherever each occurs.
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].label_ != "PERSON", -len(_name_tokens(mentions[i]))))
    assigned: dict[int, dict] = {}
    for i in order:
        ent = mentions[i]
        if ent.label_ == "PERSON":
            tokens = _name_tokens(ent)
            if not tokens:
                continue
            record = _match_person(people, tokens, ent.start_char)
            if record is None:
                record = _new(records, " ".join(tokens), "person")
                record["_tokens"] = tokens
                people.append(record)
        elif len(ent) <= 2 and _person_by_surname(people, ent) is not None:
            record = _person_by_surname(people, ent)  # "Brandt said" tagged as an organisation
        else:
            name = _org_name(ent)
            if not name:
                continue
            key = name.lower()
            record = by_key.get(key)
            if record is None:
                record = by_key[key] = _new(records, name, _org_type(ent, name))
        assigned[i] = record
    for i, record in sorted(assigned.items()):
        record["mentions"].append([mentions[i].start_char, mentions[i].end_char])
    _unrecognised_surnames(doc, people)
    for record in records:
        record.pop("_tokens", None)
        record["mentions"].sort()
        if record["type"] == "person":
            record["roles"] = _roles(doc, record["mentions"])
    doc._.cg_entities = [r for r in records if r["mentions"]]
    return doc


def _person_by_surname(people: list[dict], ent: Span) -> dict | None:
    words = _name_tokens(ent)
    if len(words) != 1:
        return None
    hits = [r for r in people if len(r["_tokens"]) > 1 and r["_tokens"][-1].lower() == words[0].lower()]
    return hits[0] if len(hits) == 1 else None


def _unrecognised_surnames(doc: Doc, people: list[dict]) -> None:
    """A proper noun the recogniser missed but that repeats a known person's surname is that person."""
    surnames: dict[str, list[dict]] = {}
    for record in people:
        if len(record["_tokens"]) > 1:
            surnames.setdefault(record["_tokens"][-1].lower(), []).append(record)
    for tok in doc:
        if tok.ent_type_ or not tok.is_title or tok.lower_ not in surnames:
            continue
        if len(surnames[tok.lower_]) == 1 and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            surnames[tok.lower_][0]["mentions"].append([tok.idx, tok.idx + len(tok)])


def entity_at(entities: list[EntityRecord], start_char: int, end_char: int) -> EntityRecord | None:
    """The entity with a mention overlapping the character range, preferring the longest overlap."""
    best, best_overlap = None, 0
    for record in entities:
        for s, e in record["mentions"]:
            overlap = min(e, end_char) - max(s, start_char)
            if overlap > best_overlap:
                best, best_overlap = record, overlap
    return best


def add_entity(entities: list[EntityRecord], name: str, type_: str, start: int, end: int) -> EntityRecord:
    """Find or create the entity called ``name`` in ``entities`` and record a mention of it."""
    for record in entities:
        if record["name"].lower() == name.lower():
            break
    else:
        record = {"id": f"e{len(entities) + 1}", "name": name, "type": type_, "mentions": [], "roles": []}
        entities.append(record)
    if [start, end] not in record["mentions"]:
        record["mentions"].append([start, end])
        record["mentions"].sort()
    return record


def _new(records: list[dict], name: str, type_: str) -> dict:
    record = {"id": f"e{len(records) + 1}", "name": name, "type": type_, "mentions": [], "roles": []}
    records.append(record)
    return record


def _wanted(ent: Span) -> bool:
    if ent.label_ not in _KEEP:
        return False
    if ent.label_ == "NORP":  # "Republicans said" is a group; "North Korean troops" is an adjective
        return ent.root.pos_ in {"NOUN", "PROPN"} and ent.root.dep_ not in {"amod", "compound"}
    return any(t.is_alpha for t in ent)


def _name_tokens(ent: Span) -> list[str]:
    words = [_POSSESSIVE.sub("", t.text) if t.i == ent.end - 1 else t.text for t in ent]
    words = [w for w in words if w and w not in {"’s", "'s", "’", "'"}]
    while words and words[0].lower().rstrip(".") + "." in TITLES | {w + "." for w in TITLES} \
            or words and words[0].lower() in TITLES:
        words = words[1:]
    return words


def _match_person(people: list[dict], tokens: list[str], at: int) -> dict | None:
    lowered = [t.lower() for t in tokens]
    candidates = []
    for record in people:
        full = [t.lower() for t in record["_tokens"]]
        if full == lowered or (len(lowered) < len(full) and
                               (full[-len(lowered):] == lowered or (len(lowered) == 1 and full[0] == lowered[0]))):
            candidates.append(record)
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    # Several people share the surname: take the one named most recently before this mention.
    def last_before(record: dict) -> int:
        return max((s for s, _ in record["mentions"] if s < at), default=-1)
    return max(candidates, key=last_before)


def _org_name(ent: Span) -> str:
    words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    text = "".join(t.text_with_ws for t in words).strip()
    text = _POSSESSIVE.sub("", text).strip() if text.endswith(("’s", "'s", "’", "'")) else text
    return _ALIASES.get(text.lower(), text)


def _org_type(ent: Span, name: str) -> str:
    words = {w.lower() for w in re.findall(r"[\w'-]+", name)}
    if ent.label_ in {"GPE"}:
        return "country" if name[0].isupper() else "place"
    if ent.label_ in {"FAC", "LOC"}:
        return "place"
    if ent.label_ == "NORP":
        return "group"
    lower = name.lower()
    if words & MEDIA_WORDS or lower in MEDIA_WORDS:
        return "media"
    if words & GOVERNMENT_WORDS or any(w in lower for w in ("white house", "state department")):
        return "government"
    return "organisation"


def _comma_apposition(doc: Doc, name: Span) -> str | None:
    """"Benjamin Haddad, the French minister for European affairs, declared": the apposition read off the surface
    when the parse attaches it elsewhere. It must name a role (minister, spokesman, economist …) and hold no verb."""
    i = name.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    while j < len(doc) and j - i <= 12 and doc[j].text not in {",", ".", ";", ":", "—", "(", ")"}:
        if doc[j].pos_ in {"VERB", "AUX"} or doc[j].is_space:
            return None
        j += 1
    words = doc[i + 1:j]
    if not len(words) or j >= len(doc) or doc[j].text not in {",", "."}:
        return None
    if not any(t.lemma_.lower() in ROLE_NOUNS for t in words):
        return None
    if words[0].dep_ == "det" or words[0].lower_ in {"the", "a", "an"}:
        words = words[1:]
    return words.text.strip() or None


def _roles(doc: Doc, mentions: list[list[int]]) -> list[str]:
    """Titles before a name ("Russian President Vladimir Putin") and appositions after it ("John Kirby, White
    House national security spokesman")."""
    roles: Counter[str] = Counter()
    for start, end in mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        title = [t for t in head.lefts if t.i < span.start and t.dep_ in {"compound", "amod", "nmod"}
                 and (t.pos_ in {"PROPN", "ADJ", "NOUN"}) and t.ent_type_ not in {"DATE", "TIME"}]
        if title:
            first = min(min(t.left_edge.i for t in title), span.start)
            while first < span.start and (doc[first].ent_type_ in {"DATE", "TIME"} or doc[first].is_punct):
                first += 1  # "On Friday Ukrainian President …": the date is not part of the title
            words = doc[first:span.start]
            text = words.text.strip(" ,")
            if text and not any(t.ent_type_ == "PERSON" for t in words):
                roles[text] += 1
        found = False
        anchor = head.head
        if head.dep_ == "appos" and anchor.pos_ == "NOUN" and anchor.lemma_.lower() in ROLE_NOUNS:
            # "Its general secretary, Tomas Kearney": the name is the apposition of the role
            words = [t for t in doc[anchor.left_edge.i:anchor.i + 1] if t.dep_ not in {"det", "poss", "punct"}
                     and t.ent_type_ not in {"DATE", "TIME"}]
            if words:
                roles[doc[words[0].i:anchor.i + 1].text] += 1
                found = True
        for child in head.rights:
            if child.dep_ == "appos" and child.pos_ in {"NOUN", "PROPN"} and child.ent_type_ != "PERSON":
                start, last = child.left_edge, child.right_edge
                if start.dep_ == "det":
                    start = doc[start.i + 1] if start.i < last.i else None
                text = "" if start is None else doc_text(doc)[start.idx:last.idx + len(last.text_with_ws)].strip(" ,")
                if text and len(text.split()) <= 12:
                    roles[text] += 1
                    found = True
        if not found and (text := _comma_apposition(doc, span)):
            roles[text] += 1
    return [r for r, _ in roles.most_common() if _names_a_role(r)]


def _names_a_role(text: str) -> bool:
    """"Russian President", "economist at the University of …" — not "Mr." or a headline fragment."""
    words = [w.strip(".,").lower() for w in text.split()]
    return 0 < len(words) <= 14 and any(w in ROLE_NOUNS or (w in TITLES and w not in _HONORIFICS) for w in words)


_HONORIFICS = {"mr", "mrs", "ms", "mr.", "mrs.", "ms.", "sir", "lady", "lord"}
