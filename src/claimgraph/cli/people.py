"""Commands over identities across articles: link, people (list, show, merge, split)."""

from __future__ import annotations

from typing import Optional

import typer

from .common import DbOption, app, err, on_store, out, print_json, progress_bar


@app.command()
def link(
    rebuild: bool = typer.Option(False, "--rebuild", help="Forget every identity and claim and link the whole store "
                                                          "again (your merges and splits are kept)."),
    db: Optional[str] = DbOption,
) -> None:
    """Link stored articles across the store: their people and bodies to identities, then their statements to
    claims (new articles only, unless --rebuild)."""
    from ..claims.link import link_store_claims
    from ..people.link import link_store

    def run(store):
        with progress_bar("people") as progress:
            people = link_store(store, rebuild, progress)
        with progress_bar("claims") as progress:
            return people, link_store_claims(store, rebuild, progress)
    people, claims = on_store(db, run)
    typer.echo(f"linked {people['entities']} people and bodies in {people['articles']} articles; "
               f"{people['people']} identities in the store")
    typer.echo(f"joined {claims['statements']} statements of {claims['articles']} articles to claims; "
               f"{claims['claims']} claims in the store, {claims['claims_in_several_articles']} reported in "
               "several articles")


people_app = typer.Typer(help="People and bodies across articles: one identity each, with names and roles.")
app.add_typer(people_app, name="people")


@people_app.callback(invoke_without_command=True)
def people(
    ctx: typer.Context,
    search_: Optional[str] = typer.Option(None, "--search", help="Only identities one of whose names contains this."),
    limit: int = typer.Option(30, "--limit"),
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List identities, most written about first (subcommands: show, merge, split)."""
    if ctx.invoked_subcommand is not None:
        return
    from ..store.queries import people as run_people

    rows = on_store(db, lambda store: run_people(store, search_, limit))
    if as_json:
        return print_json(rows)
    from rich.table import Table

    table = Table()
    for col in ("Id", "Name", "Type", "Articles", "Also written", "Roles", "First", "Last"):
        table.add_column(col, justify="right" if col in {"Id", "Articles"} else "left")
    for r in rows:
        table.add_row(str(r["id"]), r["name"], r["type"], str(r["articles"]),
                      ", ".join(a for a in r["aliases"] if a != r["name"])[:80],
                      ", ".join(x["role"] for x in r["roles"][:3]), r["first_seen"] or "", r["last_seen"] or "")
    out.print(table)


@people_app.command("show")
def people_show(person_id: int = typer.Argument(..., help="The identity's id."), db: Optional[str] = DbOption) -> None:
    """One identity as JSON: names, roles over time, statements, outlets."""
    from ..store.queries import person

    found = on_store(db, lambda store: person(store, person_id))
    if found is None:
        err.print(f"claimgraph: there is no person {person_id}", highlight=False)
        raise typer.Exit(1)
    print_json(found)


@people_app.command("merge")
def people_merge(keep: int = typer.Argument(..., help="The identity that stays."),
                 other: int = typer.Argument(..., help="The identity merged into it."),
                 db: Optional[str] = DbOption) -> None:
    """Two identities are one person or body (kept across link --rebuild)."""
    from ..people.link import merge_people

    typer.echo(f"person {on_store(db, lambda store: merge_people(store, keep, other))} now holds person {other}")


@people_app.command("split")
def people_split(person_id: int = typer.Argument(..., help="The identity to split."),
                 name: str = typer.Option(..., "--name", help="Entities written exactly so (case aside) become a "
                                                              "new identity."),
                 db: Optional[str] = DbOption) -> None:
    """Take the entities written NAME out of an identity into a new one (kept across link --rebuild)."""
    from ..people.link import split_person

    typer.echo(f"new person {on_store(db, lambda store: split_person(store, person_id, name))}")
