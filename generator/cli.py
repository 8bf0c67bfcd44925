"""The ``explainer`` command: the only place that prints or exits.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from generator import pipeline
from generator.content import certainty
from generator.content import scaffold as scaffolds
from generator.content import schema as schemas
from generator.content.fields import is_slug
from generator.content.types import BY_KIND
from generator.errors import ContentError, ExplainerError, format_diagnostics, summary
from generator.output import writer
from generator.output.site import ENGINES
from generator.project import FULL_NAV_UP_TO, Project, Settings

FORMATS = click.Choice(["text", "github", "json"])


def _project(ctx: click.Context) -> Project:
    project: Project = ctx.obj
    return project


def _report(diagnostics: list, fmt: str) -> None:  # type: ignore[type-arg]
    if diagnostics:
        click.echo(format_diagnostics(diagnostics, fmt), err=fmt != "json")
    if fmt == "text" and diagnostics:
        click.echo(summary(diagnostics), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder holding content/, docs/ and mkdocs.yml.",
)
@click.version_option(package_name="explainer-generator")
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """Turn structured, sourced YAML briefs into a static explainer website."""
    ctx.obj = Project.at(root)


@main.command("validate")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="How to print problems.")
@click.pass_context
def validate_cmd(ctx: click.Context, strict: bool, fmt: str) -> None:
    """Check every content file; print all problems at once, then the certainty summary."""
    checked = pipeline.check(_project(ctx))
    counts = certainty.summary(checked.corpus) if checked.graph is not None else None
    if fmt == "json":
        found = [asdict(d) for d in sorted(checked.diagnostics)]
        report = {"diagnostics": found, "certainty": counts.data() if counts else None}
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _report(checked.diagnostics, fmt)
    if fmt == "text" and not checked.failed(strict):
        click.echo(f"ok: {len(checked.corpus.get('brief'))} briefs valid ({summary(checked.diagnostics)})", err=True)
    if counts is not None and fmt != "json":
        click.echo("\n".join(counts.lines()), err=True)
    if checked.failed(strict):
        sys.exit(1)


JOBS = click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes for parsing and rendering (a gain from about 2,000 briefs).",
)
FULL_NAV = click.option(
    "--full-nav-up-to",
    type=click.IntRange(0),
    default=FULL_NAV_UP_TO,
    show_default=True,
    help="Above this many briefs, the navigation lists one section page per kind.",
)


@main.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@JOBS
@FULL_NAV
@click.pass_context
def generate(ctx: click.Context, strict: bool, jobs: int, full_nav_up_to: int) -> None:
    """Validate, then write the Markdown pages under docs/."""
    settings = Settings(strict=strict, jobs=jobs, full_nav_up_to=full_nav_up_to)
    result = pipeline.generate(_project(ctx), settings)
    _report(result.diagnostics, "text")
    report = result.report
    click.echo(
        f"generated: {len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed",
        err=True,
    )


@main.command("build")
@click.option("--strict", is_flag=True, help="Treat warnings (content and site) as errors.")
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="mkdocs",
    show_default=True,
    help="Site engine: MkDocs with Material, or Zensical reading the same mkdocs.yml.",
)
@JOBS
@FULL_NAV
@click.pass_context
def build_cmd(ctx: click.Context, strict: bool, engine: str, jobs: int, full_nav_up_to: int) -> None:
    """Validate, generate, and build the site into site/."""
    project = _project(ctx)
    settings = Settings(strict=strict, jobs=jobs, full_nav_up_to=full_nav_up_to)
    result = pipeline.build(project, settings, engine=engine)  # type: ignore[arg-type]  # one of ENGINES
    _report(result.diagnostics, "text")
    click.echo(f"built: {project.site} ({len(result.graph.of('brief'))} briefs)", err=True)


@main.command()
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@FULL_NAV
@click.pass_context
def serve(ctx: click.Context, dev_addr: str, full_nav_up_to: int) -> None:
    """Live preview: regenerate and reload when a content file changes."""
    from generator.preview.serve import serve as run

    run(_project(ctx), Settings(full_nav_up_to=full_nav_up_to), dev_addr)


@main.command()
@click.argument("kind", type=click.Choice(sorted(BY_KIND)))
@click.argument("entity_id", metavar="ID")
@click.option("--title", help="Title or name to start from.")
@click.pass_context
def new(ctx: click.Context, kind: str, entity_id: str, title: str | None) -> None:
    """Create a starter file for a new KIND with id ID (never overwrites)."""
    project = _project(ctx)
    if kind != "explainer" and not is_slug(entity_id):
        raise click.BadParameter("ids are lowercase words joined by hyphens, such as energy-ties", param_hint="ID")
    found, _problems = pipeline.OneOff().discover(project.content)
    loaded = pipeline.read_all(found)
    target = project.content / scaffolds.scaffold_path(kind, entity_id)
    writer.create(target, scaffolds.scaffold(kind, entity_id, title, dt.date.today(), scaffolds.known_ids(loaded)))
    click.echo(f"created: {target}", err=True)


@main.command()
@click.option("--check", is_flag=True, help="Only check that the committed schemas match the models.")
@click.pass_context
def schema(ctx: click.Context, check: bool) -> None:
    """Write the JSON Schema of every content kind to docs/schemas/."""
    out = _project(ctx).docs / schemas.SCHEMA_DIR
    stale = []
    for name, text in schemas.schemas().items():
        path = out / name
        current = path.read_bytes() if path.is_file() else None
        if current == text.encode("utf-8"):
            continue
        stale.append(path)
        if not check:
            writer.replace(path, text.encode("utf-8"))
    if check and stale:
        click.echo("error: schemas differ from the models: " + ", ".join(map(str, stale)), err=True)
        click.echo("  hint: run `explainer schema` and commit the result", err=True)
        sys.exit(1)
    click.echo(f"schemas: {len(stale)} {'stale' if check else 'written'} in {out}", err=True)


def run() -> None:
    """Entry point: content problems and refusals become messages and exit codes, never tracebacks."""
    try:
        main.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:  # click turns Ctrl-C into Abort
        click.echo("interrupted; the previous output is left in place", err=True)
        sys.exit(130)
    except ContentError as exc:
        click.echo(format_diagnostics(exc.diagnostics, "text"), err=True)
        click.echo(summary(exc.diagnostics), err=True)
        sys.exit(1)
    except ExplainerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted; the previous output is left in place", err=True)
        sys.exit(130)
