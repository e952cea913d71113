"""Entity coreference across documents on ECB+ (gold mentions): ``claimgraph eval ecbplus DIR``.

The prediction reads only the tokens, the mention spans and their types; gold chains are read for scoring alone.
Mentions are first grouped within each document (names by how they relate, common nouns by their head word,
pronouns by the nearest person before them), then each document's groups are linked across documents by the
identity linker that the store uses (``claimgraph.people.linker``), with each document's lead sentences as its
embedding. Scores: MUC, B³, CEAF-e and CoNLL F1, singletons included.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..errors import DataError
from ..people.linker import Linker, MemoryRegistry, Mentioned
from ..people.names import relation
from .coref import conll

PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them", "their", "theirs",
            "themselves", "it", "its", "itself", "we", "us", "our", "ours", "i", "me", "my", "you", "your",
            "who", "whom", "whose", "which", "that"}
RELATIVE = {"who", "whom", "whose", "which", "that"}
_LEADING = {"the", "a", "an", "on", "in", "at", "of", "this", "that", "these", "those", "last", "next", "by",
            "from", "to", "for", "during", "since"}
_TYPE = {"HUM": "person", "NON": "thing", "LOC": "place", "TIM": "time"}


@dataclass(frozen=True)
class EcbMention:
    index: int
    doc: str
    sent: int
    tokens: tuple[int, ...]
    text: str
    type: str
    chain: str | None
    """The gold chain: read for scoring (and training) only, never by the prediction."""

    @property
    def words(self) -> list[str]:
        return self.text.split()

    @property
    def pronoun(self) -> bool:
        return self.text.lower() in PRONOUNS

    @property
    def proper(self) -> bool:
        words = [w for w in self.words if w.lower() not in _LEADING]
        return bool(words) and any(w[:1].isupper() for w in words) and not self.pronoun

    @property
    def head(self) -> str:
        words = [w.lower() for w in self.words if w.isalnum()] or [self.text.lower()]
        head = words[-1]
        return head[:-1] if head.endswith("s") and len(head) > 3 and not head.endswith("ss") else head

    def core(self) -> str:
        """The mention without leading articles and prepositions ("on Friday" → "Friday")."""
        words = self.words
        while len(words) > 1 and words[0].lower() in _LEADING:
            words = words[1:]
        return " ".join(words)


@dataclass
class EcbCorpus:
    sentences: dict[str, dict[int, list[str]]]
    mentions: list[EcbMention]


def corpus_tokens(directory: str | Path) -> Iterator[tuple[str, int, str, str]]:
    """(document, sentence, token, gold chain or "-") for each token line of an ECB+ folder's ``corpus.txt``."""
    path = Path(directory) / "corpus.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"{directory}: not an ECB+ folder with corpus.txt ({exc})") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 4 or not cols[1].isdigit():
            raise DataError(f"{path}:{n}: expected doc, sentence, token number, token, chain")
        yield cols[0], int(cols[1]), cols[3], cols[4] if len(cols) > 4 else "-"


def read_ecbplus(directory: str | Path) -> EcbCorpus:
    """``corpus.txt`` (doc, sentence, token number, token, chain) and ``entity_mentions.json``."""
    root = Path(directory)
    try:
        raw = json.loads((root / "entity_mentions.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{root}: not an ECB+ folder with corpus.txt and entity_mentions.json ({exc})") from exc
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for doc, sent, token, _ in corpus_tokens(root):
        sentences[doc][sent].append(token)
    try:
        mentions = [EcbMention(i, m["doc_id"], int(m["sent_id"]), tuple(int(t) for t in m["tokens_number"]),
                               m["tokens_str"], m["mention_type"], m.get("coref_chain"))
                    for i, m in enumerate(raw)]
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{root / 'entity_mentions.json'}: a mention lacks {exc}") from exc
    return EcbCorpus({d: dict(s) for d, s in sentences.items()}, mentions)


# --- within one document ---------------------------------------------------------------------------------------

_JOIN = {"same", "short", "initial", "acronym"}


def within_document(mentions: list[EcbMention]) -> list[list[EcbMention]]:
    """Groups of one document's mentions that stand for the same thing."""
    ordered = sorted(mentions, key=lambda m: (m.sent, m.tokens[0] if m.tokens else 0))
    groups: list[list[EcbMention]] = []
    names: list[tuple[str, list[EcbMention]]] = []     # (longest name, group) of named groups
    heads: dict[tuple[str, str], list[EcbMention]] = {}
    for m in sorted(ordered, key=lambda m: -len(m.core().split()) if m.proper else 0):
        if not m.proper or m.type == "TIM":
            continue
        person = m.type == "HUM"
        home = next((g for name, g in names if g[0].type == m.type and relation(m.core(), name, person) in _JOIN),
                    None)
        if home is None:
            home = []
            names.append((m.core(), home))
            groups.append(home)
        home.append(m)
    for m in ordered:
        if m.proper and m.type != "TIM" or m.pronoun:
            continue
        key = (m.type, m.core().lower() if m.type == "TIM" else m.head)
        if key not in heads:
            heads[key] = []
            groups.append(heads[key])
        heads[key].append(m)
    group_of = {id(m): g for g in groups for m in g}  # every name and noun is grouped: pronouns look them up
    for m in ordered:
        if not m.pronoun:
            continue
        home = _antecedent(m, ordered, group_of)
        if home is None:
            home = []
            groups.append(home)
        home.append(m)
    return [g for g in groups if g]


def _antecedent(pron: EcbMention, ordered: list[EcbMention], group_of: dict[int, list]) -> list | None:
    before = [m for m in ordered if (m.sent, m.tokens[:1]) < (pron.sent, pron.tokens[:1]) and not m.pronoun
              and id(m) in group_of]
    if pron.text.lower() in RELATIVE:  # "the actress, who …": the noun just before it
        same = [m for m in before if m.sent == pron.sent]
        return group_of[id(same[-1])] if same else None
    people = [m for m in before if m.type == "HUM" and pron.sent - m.sent <= 3]
    named = [m for m in people if m.proper]
    pick = (named or people)[-1:] if pron.text.lower() not in {"it", "its", "itself"} else \
        [m for m in before if m.type != "HUM" and pron.sent - m.sent <= 2][-1:]
    return group_of[id(pick[0])] if pick else None


# --- across documents ------------------------------------------------------------------------------------------

def document_groups(corpus: EcbCorpus) -> Iterator[tuple[str, list[list[EcbMention]]]]:
    by_doc: dict[str, list[EcbMention]] = defaultdict(list)
    for m in corpus.mentions:
        by_doc[m.doc].append(m)
    for doc in sorted(by_doc, key=_doc_order):
        yield doc, within_document(by_doc[doc])


def _doc_order(doc: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", doc))


def to_mentioned(group: list[EcbMention], others: list[list[EcbMention]], embedding) -> Mentioned:
    """A group as the linker sees an article's entity: its longest name, its other words, its neighbours."""
    named = [m for m in group if m.proper]
    names = Counter(m.core() for m in (named or [m for m in group if not m.pronoun] or group))
    name = max(names, key=lambda n: (len(n.split()), names[n]))
    context = tuple(sorted({max((m.core() for m in g if m.proper), key=len) for g in others
                            if g is not group and any(m.proper for m in g)}))
    roles = tuple(sorted({m.head for m in group if not m.proper and not m.pronoun and m.type == "HUM"}))
    return Mentioned(name=name, type=_TYPE[group[0].type], aliases=tuple(sorted(set(names) - {name})),
                     roles=roles, context=context, embedding=embedding)


def lead(corpus: EcbCorpus, doc: str, sentences: int = 3) -> str:
    sents = corpus.sentences.get(doc, {})
    return " ".join(" ".join(sents[k]) for k in sorted(sents)[:sentences])


def predict(corpus: EcbCorpus, linker: Linker, embed: Callable[[list[str]], list]) -> dict[int, int]:
    """Mention index → cluster id."""
    docs = list(document_groups(corpus))
    vectors = dict(zip([d for d, _ in docs], embed([lead(corpus, d) for d, _ in docs])))
    out: dict[int, int] = {}
    for doc, groups in docs:
        entities = [to_mentioned(g, groups, vectors[doc]) for g in groups]
        for group, decision in zip(groups, linker.link_article(entities)):
            for m in group:
                out[m.index] = decision.identity.id
    return {i: linker.registry.resolve(c) for i, c in out.items()}


def evaluate_ecbplus(directory: str | Path, threshold: float | None = None, embed=None) -> tuple[dict, EcbCorpus,
                                                                                                dict[int, int]]:
    """Cluster the mentions of every document in ``directory`` and score them; returns the report, the corpus
    and the response (mention index → cluster)."""
    if embed is None:
        from ..nlp.encoder import embed
    corpus = read_ecbplus(directory)
    response = predict(corpus, Linker(MemoryRegistry(), threshold=threshold), embed)
    return score(corpus, response), corpus, response


def score(corpus: EcbCorpus, response: dict[int, int]) -> dict:
    def clusters(label) -> list[set[int]]:
        found: dict = defaultdict(set)
        for m in corpus.mentions:
            found[label(m)].add(m.index)
        return list(found.values())
    report = {"documents": len({m.doc for m in corpus.mentions}), "mentions": len(corpus.mentions),
              **conll(clusters(lambda m: m.chain), clusters(lambda m: response[m.index]))}
    by_type = {}
    for t in sorted({m.type for m in corpus.mentions}):
        subset = [m for m in corpus.mentions if m.type == t]
        key: dict = defaultdict(set)
        resp: dict = defaultdict(set)
        for m in subset:
            key[m.chain].add(m.index)
            resp[response[m.index]].add(m.index)
        by_type[t] = {"mentions": len(subset), **conll(key.values(), resp.values())}
    report["by_type"] = by_type
    return report


def conll_response(corpus: EcbCorpus, response: dict[int, int]) -> str:
    """The response in the reference scorer's mention-based CoNLL format, one line per mention in file order."""
    lines = ["#begin document (ECB+/ecbplus_all); part 000"]
    lines += [f"ECB+/ecbplus_all\t({response[m.index]})" for m in corpus.mentions]
    lines.append("#end document")
    return "\n".join(lines) + "\n"


def baseline(corpus: EcbCorpus) -> dict:
    """The lowercase exact-string baseline, for comparison."""
    ids: dict[str, int] = {}
    return score(corpus, {m.index: ids.setdefault(m.text.lower(), len(ids)) for m in corpus.mentions})
