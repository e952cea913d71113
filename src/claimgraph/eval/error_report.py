"""An HTML page listing, per article, every missed and every spurious attribution in its sentence, colour-coded,
so a reader sees in a minute which kind of mistake dominates. All article text is escaped."""

from __future__ import annotations

import html
from collections import Counter

from .annotations import SpanAttribution, from_analysis
from .run import DocumentResult

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222}
h1{font-size:1.5rem} h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ccc}
.item{margin:.6rem 0;padding:.4rem .7rem;border-left:4px solid}
.missed{border-color:#c62828;background:#fff5f5} .spurious{border-color:#ef6c00;background:#fff8ef}
.tag{font-size:.75rem;font-weight:600;text-transform:uppercase;margin-right:.5rem}
.src{background:#bbdefb} .cue{background:#ffe082} .cnt{background:#c8e6c9}
table{border-collapse:collapse} td,th{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:left}
"""


def render(results: list[DocumentResult], report: dict) -> str:
    missed_by_kind: Counter = Counter()
    spurious_by_kind: Counter = Counter()
    body = []
    for r in results:
        text = r.gold.text
        pred = from_analysis(r.analysis)
        items = []
        for i in r.match.missed:
            g = r.gold.attributions[i]
            missed_by_kind[g.kind] += 1
            items.append(_item("missed", text, g))
        for j in r.match.spurious:
            p = pred[j]
            spurious_by_kind[p.kind] += 1
            items.append(_item("spurious", text, p))
        if items:
            body.append(f"<h2>{html.escape(r.gold.name)} <small>({len(r.match.matched)} found, "
                        f"{len(r.match.missed)} missed, {len(r.match.spurious)} spurious)</small></h2>")
            body.extend(items)
    att = report["attribution"]
    rows = "".join(f"<tr><td>{k}</td><td>{missed_by_kind[k]}</td><td>{spurious_by_kind[k]}</td></tr>"
                   for k in ("direct", "mixed", "indirect"))
    summary = (f"<p>Who said what: P {att['p']} · R {att['r']} · F1 {att['f1']} "
               f"({att['matched']} matched of {att['gold']} gold, {att['predicted']} predicted).</p>"
               f"<table><tr><th>kind</th><th>missed</th><th>spurious</th></tr>{rows}</table>"
               "<p><span class='src'>source</span> <span class='cue'>cue</span> <span class='cnt'>content</span></p>")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>claimgraph errors</title>"
            f"<style>{_CSS}</style></head><body><h1>Attribution errors</h1>{summary}{''.join(body)}</body></html>")


def _item(label: str, text: str, att: SpanAttribution) -> str:
    frags = [*att.content, *att.source, *att.cue]
    start, end = _context(text, min(s for s, _ in frags), max(e for _, e in frags))
    marks = sorted([(s, e, "cnt") for s, e in att.content] + [(s, e, "src") for s, e in att.source]
                   + [(s, e, "cue") for s, e in att.cue])
    out, pos = [], start
    for s, e, cls in marks:
        s, e = max(s, pos), min(e, end)
        if s >= e:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f"<span class='{cls}'>{html.escape(text[s:e])}</span>")
        pos = e
    out.append(html.escape(text[pos:end]))
    return (f"<div class='item {label}'><span class='tag'>{label} · {att.kind}</span>"
            f"{'' if att.source else '<em>(no source)</em> '}{''.join(out)}</div>")


def _context(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen to the enclosing sentence(s), roughly: back to the previous full stop or paragraph, on to the next."""
    s = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    e = min(candidates) + 1 if candidates else len(text)
    return s, max(e, end)
