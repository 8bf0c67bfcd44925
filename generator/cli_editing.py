"""The editor's commands: ``explainer new``, ``explainer schema`` and ``explainer init``, part of the command line.

They print and exit as the rest of ``generator.cli`` does, which adds them to the ``explainer`` group.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator import pipeline
from generator.content import scaffold as scaffolds
from generator.content.types import BY_KIND
from generator.content.values import is_slug
from generator.editing import schemas as editor_schemas
from generator.editing import starter
from generator.errors import OutputError
from generator.output import writer
from generator.project import Project


@click.command()
@click.argument("kind", type=click.Choice(sorted(BY_KIND)))
@click.argument("entity_id", metavar="ID")
@click.option("--title", help="Title or name to start from.")
@click.pass_context
def new(ctx: click.Context, kind: str, entity_id: str, title: str | None) -> None:
    """Create a starter file for a new KIND with id ID (never overwrites).

    What it cannot know is left empty for you to write; `explainer validate` lists each value still empty.
    At a terminal it asks for the one choice the file needs (a brief's kind, an actor's type).
    """
    project: Project = ctx.obj
    if kind != "explainer" and not is_slug(entity_id):
        raise click.BadParameter("ids are lowercase words joined by hyphens, such as energy-ties", param_hint="ID")
    found, _problems = pipeline.OneOff().discover(project.content)
    ids = scaffolds.known_ids(pipeline.read_all(found))
    target = project.content / scaffolds.scaffold_path(kind, entity_id)
    if target.exists():  # before asking anything
        raise OutputError(f"{target} already exists; choose another id or edit that file")
    field, allowed = scaffolds.choices(kind, ids)
    chosen = ""
    if allowed and sys.stdin.isatty() and sys.stdout.isatty():
        question = f"{field} ({', '.join(allowed)}; Enter to leave it empty)"
        chosen = click.prompt(question, type=click.Choice([*allowed, ""]), default="", show_choices=False, err=True)
    writer.create(target, scaffolds.scaffold(kind, entity_id, title, dt.date.today(), ids, chosen))
    click.echo(f"created: {target}", err=True)
    click.echo("  next: write the values left empty, then check with `explainer validate` (`make check`)", err=True)
    if editor_schemas.folder(project).is_dir() and editor_schemas.write(project):
        click.echo(f"  the editors' schemas now know '{entity_id}'", err=True)


@click.command()
@click.option("--check", is_flag=True, help="Only check that the schemas match the models and the content.")
@click.pass_context
def schema(ctx: click.Context, check: bool) -> None:
    """Write the JSON Schemas editors' tools use to docs/schemas/: each kind's, and the content's ids."""
    project: Project = ctx.obj
    stale = editor_schemas.stale(project) if check else editor_schemas.write(project)
    if check and stale:
        click.echo("error: schemas differ from the models and content: " + ", ".join(map(str, stale)), err=True)
        click.echo("  hint: run `explainer schema` and commit the result", err=True)
        sys.exit(1)
    where = editor_schemas.folder(project)
    click.echo(f"schemas: {len(stale)} {'stale' if check else 'written'} in {where}", err=True)


def note_stale_schemas(project: Project) -> None:
    """Say when the editors' schemas no longer match the content (a new source, a renamed actor)."""
    if not editor_schemas.folder(project).is_dir():
        return  # this project does not use them
    stale = editor_schemas.stale(project)
    if stale:
        names = ", ".join(path.name for path in stale)
        click.echo(f"note: the editors' schemas are out of date with the content ({names})", err=True)
        click.echo("  hint: run `explainer schema` (`make schema`) so the editor completes the new ids", err=True)


@click.command()
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="Title of the explainer (default: from the folder's name).")
def init(folder: Path, title: str | None) -> None:
    """Start a new explainer project in DIR (new or empty): content, site, workflow, Makefile."""
    written = starter.create(folder, title, dt.date.today())
    click.echo(f"created: {folder} ({len(written)} files)", err=True)
    click.echo(f"  next: cd {folder} && make site   (or: explainer --root {folder} build)", err=True)


COMMANDS = (new, schema, init)
