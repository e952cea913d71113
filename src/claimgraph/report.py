"""The readable report of one analysis: a header and the statements grouped by speaker (rich renderables)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Analysis, Attribution

_KIND_STYLE = {"direct": "green", "mixed": "yellow", "indirect": "cyan"}


def render(analysis: Analysis, max_content: int = 400, all_types: bool = False) -> RenderableType:
    """Header, statements by speaker (kind, certainty, stance), figures with who stated them, dates, people with
    roles, and the sentences in the writer's own voice. The statements are the claims; ``all_types`` adds the
    beliefs, intentions, questions and topics attributed (docs/analysis-format.md), each marked with its type."""
    parts: list[RenderableType] = [Panel(_header(analysis))]
    shown = [a for a in analysis.attributions if all_types or a.type == "claim"]
    parts.append(_statements(analysis, shown, max_content) if shown
                 else Text("No attributed statements found.", style="italic"))
    if analysis.quantities:
        parts.append(_figures(analysis))
    if analysis.times:
        parts.append(_times(analysis))
    people = [e for e in analysis.entities if e.roles]
    if people:
        parts.append(Text.assemble(("People: ", "bold"), "; ".join(f"{e.name} ({', '.join(e.roles[:2])})"
                                                                   for e in people)))
    opinions = [s for s in analysis.sentences if s.voice == "opinion"]
    if opinions:
        table = Table(title="The writer's own voice", title_justify="left", expand=True, show_header=False)
        table.add_column("Sentence", ratio=6)
        table.add_column("Markers", ratio=1, style="magenta")
        for s in opinions:
            table.add_row(_clip(analysis.text[s.start:s.end], max_content), ", ".join(f.text for f in s.framing))
        parts.append(table)
    return Group(*parts)


def _header(analysis: Analysis) -> Text:
    art = analysis.article
    head = Text()
    head.append(art.title or "(untitled)", style="bold")
    facts = [f"published {art.published}" if art.published else "publication date unknown"]
    if art.outlet:
        facts.append(art.outlet)
    if art.authors:
        facts.append("by " + ", ".join(art.authors))
    roles = [s.role for s in analysis.sentences]
    facts.append(f"{roles.count('body') + roles.count('headline')} sentences"
                 + (f", {roles.count('boilerplate') + roles.count('caption')} chrome/caption lines set aside"
                    if "boilerplate" in roles or "caption" in roles else ""))
    claims = sum(1 for a in analysis.attributions if a.type == "claim")
    speakers = sum(1 for atts in analysis.speakers().values() if any(a.type == "claim" for a in atts))
    facts.append(f"{claims} claims from {speakers} sources"
                 + (f" ({len(analysis.attributions)} attributions of all types)"
                    if claims < len(analysis.attributions) else ""))
    voices = [s.voice for s in analysis.sentences if s.voice]
    if voices:
        facts.append(" / ".join(f"{voices.count(v)} {v}" for v in ("reported", "attributed", "opinion")))
    head.append("\n" + " · ".join(facts), style="dim")
    return head


def _statements(analysis: Analysis, shown: list[Attribution], max_content: int) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("Speaker", style="bold", ratio=2, min_width=16)
    table.add_column("Kind", no_wrap=True, min_width=8)
    table.add_column("Cue", ratio=1, min_width=8)
    table.add_column("Content", ratio=6)
    groups = {k: [a for a in v if a in shown] for k, v in analysis.speakers().items()}
    for speaker, atts in sorted(((k, v) for k, v in groups.items() if v), key=lambda kv: (-len(kv[1]), kv[0])):
        for n, att in enumerate(atts):
            label = speaker if n == 0 else ""
            if n == 0 and att.source and len(att.source.entities) > 1:
                label = " · ".join(att.source.entities)
            content = att.content_text
            as_written = f"\n[dim]as “{att.source.text}”[/dim]" if att.source and n == 0 and \
                att.source.text != speaker and len(att.source.text) < 60 else ""
            kind = Text(att.kind, style=_KIND_STYLE.get(att.kind, ""))
            kind.append(f"\n{att.certainty}", style="dim")
            if att.stance != "neutral":
                kind.append(f"\n{att.stance}", style="magenta")
            if att.type != "claim":
                kind.append(f"\n{att.type}", style="blue")
            table.add_row(label + as_written, kind, att.cue.text if att.cue else "—", _clip(content, max_content))
    return table


def _figures(analysis: Analysis) -> Table:
    table = Table(title="Figures", title_justify="left", expand=True)
    for col in ("Figure", "Value", "Counts", "Stated by"):
        table.add_column(col)
    for q in analysis.quantities:
        value = "no single value" if q.value is None else f"{q.value:,}"
        if q.unit:
            plural = q.unit in {"year", "month", "week", "day", "hour", "decade"} and q.value != 1
            value += f" {q.unit}{'s' if plural else ''}"
        if q.per:
            value += f" per {q.per}"
        if q.qualifier != "exact":
            value = f"{q.qualifier.replace('_', ' ')} {value}"
        att = analysis.stated_by(q)
        who = (att.speaker or f"“{att.source.text}” (unresolved)" if att.source else "unnamed source") if att \
            else "the writer"
        table.add_row(q.text, value, q.counts or "", who)
    return table


def _times(analysis: Analysis) -> Text:
    items = []
    for t in analysis.times:
        value = " or ".join(t.value) if isinstance(t.value, list) else (t.value or "unresolved")
        items.append(f"{t.text} → {value}")
    return Text.assemble(("Dates: ", "bold"), "; ".join(items))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def render_scores(report: dict, title: str) -> RenderableType:
    """The evaluation table: exact and token-overlap P/R/F1 per role, then who-said-what, overall and by kind."""
    table = Table(title=title, title_justify="left")
    table.add_column("")
    for col in ("exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1"):
        table.add_column(col, justify="right")
    for role in ("source", "cue", "content"):
        ex, ov = report[role]["exact"], report[role]["overlap"]
        table.add_row(role, *(f"{v:.1f}" for v in (ex["p"], ex["r"], ex["f1"], ov["p"], ov["r"], ov["f1"])))
    att = Table(title="Who said what", title_justify="left")
    for col in ("", "P", "R", "F1", "gold", "predicted"):
        att.add_column(col, justify="right" if col else "left")
    a = report["attribution"]
    att.add_row("all", f"{a['p']:.1f}", f"{a['r']:.1f}", f"{a['f1']:.1f}", str(a["gold"]), str(a["predicted"]))
    for kind, k in report["by_kind"].items():
        k = k["attribution"]
        att.add_row(kind, f"{k['p']:.1f}", f"{k['r']:.1f}", f"{k['f1']:.1f}", str(k["gold"]), str(k["predicted"]))
    return Group(table, att)
