"""`annotator schema list|show|validate`: the label schemas, bundled or in a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from annotator.cli import app

schema_app = typer.Typer(no_args_is_help=True, help="List, show and validate label schemas.")
app.add_typer(schema_app, name="schema")


@schema_app.command("list")
def schema_list() -> None:
    """The bundled schemas."""
    from annotator.core.schema_files import bundled_schemas, load_schema

    for name, path in bundled_schemas().items():
        schema = load_schema(path)
        typer.echo(
            f"{name:<10} {len(schema.entity_types):>3} entity types, {len(schema.event_types):>3} event types, "
            f"{len(schema.relation_types):>3} relation types  {schema.title}"
        )


@schema_app.command("show")
def schema_show(name: Annotated[str, typer.Argument(help="A bundled schema name or a schema file.")]) -> None:
    """Every type of a schema, with subtypes, keys and roles."""
    from annotator.core.schema_files import load_schema

    schema = load_schema(name)
    typer.echo(f"{schema.title}: {schema.description}")
    typer.echo("\nentity types:")
    for t in schema.entity_types:
        typer.echo(f"  [{t.key or ' '}] {t.name:<14} {t.color}  {', '.join(t.subtypes)}")
    if schema.event_types:
        typer.echo("\nevent types:")
    for e in schema.event_types:
        roles = ", ".join(f"{r.name}({'/'.join(r.types) or 'any'})" for r in e.roles)
        typer.echo(f"  [{e.key or ' '}] {e.name:<32} {roles}")
    if schema.relation_types:
        typer.echo("\nrelation types:")
    for r in schema.relation_types:
        typer.echo(f"  {r.name:<46} {'/'.join(r.head) or 'any'} -> {'/'.join(r.tail) or 'any'}")
    if schema.attributes:
        typer.echo("\nattributes:")
    for a in schema.attributes:
        typer.echo(f"  {a.name:<14} on {'/'.join(a.applies_to):<16} {' | '.join(a.values)}")


@schema_app.command("validate")
def schema_validate(path: Annotated[Path, typer.Argument(help="A schema file.")]) -> None:
    """Check a schema file; errors name the file and the entry."""
    from annotator.core.schema_files import load_schema

    schema = load_schema(path)
    typer.echo(
        f"{path}: valid ({len(schema.entity_types)} entity types, {len(schema.event_types)} event types, "
        f"{len(schema.relation_types)} relation types)"
    )
