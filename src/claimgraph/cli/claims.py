"""Commands over claims across articles: claims (list) and claim (one, with statements, origins and figures)."""

from __future__ import annotations

from typing import Optional

import typer

from .common import DbOption, app, err, on_store, out, print_json


@app.command()
def claims(
    search: Optional[str] = typer.Option(None, "--search", help="Only claims one of whose statements holds these "
                                                                 "words."),
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Only claims a speaker so named (or any name of "
                                                                   "their identity) made."),
    since: Optional[str] = typer.Option(None, "--since", help="Reported on or after this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Reported on or before this date (YYYY-MM-DD)."),
    min_articles: int = typer.Option(2, "--min-articles", min=1, help="Only claims reported in this many "
                                                                       "articles or more."),
    limit: int = typer.Option(30, "--limit", min=1),
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Claims reported across articles, those with the most independent origins first."""
    from ..claims.view import list_claims

    rows = on_store(db, lambda store: list_claims(store, search, speaker, since, until, min_articles, limit))
    if as_json:
        return print_json(rows)
    from rich.table import Table

    table = Table()
    for col in ("Id", "Claim", "Articles", "Outlets", "Origins", "Deniers", "Drift", "First", "Last"):
        table.add_column(col, justify="left" if col in {"Claim", "First", "Last"} else "right",
                         no_wrap=col != "Claim", ratio=1 if col == "Claim" else None)
    for r in rows:
        table.add_row(str(r["id"]), r["text"][:90], str(r["articles"]), str(r["outlets"]), str(r["origins"]),
                      str(r["deniers"]), "yes" if r["drift"] else "", r["first_seen"] or "", r["last_seen"] or "")
    out.print(table)


@app.command()
def claim(claim_id: int = typer.Argument(..., help="The claim's id (see `claimgraph claims`)."),
          db: Optional[str] = DbOption,
          as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a summary.")) -> None:
    """One claim: who reported it and when, its independent origins, who supports and who denies it, and how its
    figures moved."""
    from ..claims.view import get_claim

    found = on_store(db, lambda store: get_claim(store, claim_id))
    if found is None:
        err.print(f"claimgraph: there is no claim {claim_id}", highlight=False)
        raise typer.Exit(1)
    if as_json:
        return print_json(found)
    out.print(f"[bold]claim {found['id']}[/bold]: {found['text']}", highlight=False)
    first = found["first_seen"] or {}
    out.print(f"{found['articles']} articles, {found['outlets']} outlets, {len(found['origins'])} independent origins; "
              f"first seen {first.get('published') or 'undated'} in {first.get('outlet') or 'an unnamed outlet'}",
              highlight=False)
    for s in found["statements"]:
        who = s["speaker"] or "(the writer)"
        out.print(f"  {s['published'] or '----------'}  {s['outlet'] or '':<24} {s['stance'] or '':<9} "
                  f"origin {s['origin']}  {who}: {s['text'][:100]}", highlight=False, markup=False)
    for o in found["origins"]:
        outlets = ", ".join(o["outlets"]) or "unnamed outlets"
        out.print(f"  origin {o['id']}: {o['credit'] or 'uncredited'} — {len(o['articles'])} articles ({outlets})",
                  highlight=False, markup=False)
    for q in found["quantities"]:
        out.print(f"  figure {q['text']!r} ({q['qualifier']}) in statements {q['statements']}, first "
                  f"{q['first_seen'] or 'undated'}", highlight=False, markup=False)
    if found["drift"]:
        out.print("  the figures differ between reports", highlight=False)
