"""The ``explainer`` command: the only place that prints or exits.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

import click

from generator import cli_editing, linkcheck, pipeline, policy
from generator.content import certainty, files
from generator.errors import ContentError, ExplainerError, format_diagnostics, os_problem, summary
from generator.output import attention as issue
from generator.output import changes as changed
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
@click.option("--strict", is_flag=True, help="Treat warnings as errors (except those that age, such as stale-review).")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="How to print problems.")
@click.option(
    "--baseline",
    type=click.File(encoding="utf-8"),
    help="JSON diagnostics of the base branch: report and fail only on warnings this change introduces.",
)
@click.pass_context
def validate_cmd(ctx: click.Context, strict: bool, fmt: str, baseline: TextIO | None) -> None:
    """Check every content file; print all problems at once, then the certainty summary."""
    checked = pipeline.check(_project(ctx))
    known = policy.read_diagnostics(baseline.read(), baseline.name) if baseline else None
    shown = (
        policy.blocking(checked.diagnostics, strict=True, baseline=known) if known is not None else checked.diagnostics
    )
    counts = certainty.summary(checked.corpus) if checked.graph is not None else None
    failed = policy.blocking(checked.diagnostics, strict=strict, baseline=known)
    if fmt == "json":
        found = [asdict(d) for d in sorted(shown)]
        click.echo(json.dumps({"diagnostics": found, "certainty": counts.data() if counts else None}, indent=2))
    else:
        _report(shown, fmt)
    if fmt == "text":
        cli_editing.note_stale_schemas(_project(ctx))
    if fmt == "text" and not failed:
        kept = f"; {len(checked.diagnostics) - len(shown)} already on the base branch" if known is not None else ""
        click.echo(f"ok: {len(checked.corpus.get('brief'))} briefs valid ({summary(shown)}{kept})", err=True)
    if counts is not None and fmt != "json":
        click.echo("\n".join(counts.lines()), err=True)
    if failed:
        sys.exit(1)


JOBS = click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes for parsing and rendering (a gain from about 2,000 briefs).",
)
FORCE = click.option(
    "--force",
    is_flag=True,
    help="Replace generated pages edited by hand (or files where pages go) instead of stopping.",
)
FULL_NAV = click.option(
    "--full-nav-up-to",
    type=click.IntRange(0),
    default=FULL_NAV_UP_TO,
    show_default=True,
    help="Above this many briefs, the navigation lists one section page per kind.",
)


VERBOSE = click.option("-v", "--verbose", is_flag=True, help="List every file written or removed.")


@main.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@JOBS
@FULL_NAV
@FORCE
@VERBOSE
@click.pass_context
def generate(ctx: click.Context, strict: bool, jobs: int, full_nav_up_to: int, force: bool, verbose: bool) -> None:
    """Validate, then write the Markdown pages under docs/."""
    settings = Settings(strict=strict, jobs=jobs, full_nav_up_to=full_nav_up_to, force=force)
    result = pipeline.generate(_project(ctx), settings)
    _report(result.diagnostics, "text")
    report = result.report
    if verbose:
        for path in report.written:
            click.echo(f"written: docs/{path}", err=True)
        for path in report.removed:
            click.echo(f"removed: docs/{path}", err=True)
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
@click.option("--file-urls", is_flag=True, help="Link to each page's .html file, so the site browses from disk.")
@JOBS
@FULL_NAV
@FORCE
@click.pass_context
def build_cmd(
    ctx: click.Context, strict: bool, engine: str, file_urls: bool, jobs: int, full_nav_up_to: int, force: bool
) -> None:
    """Validate, generate, and build the site into site/."""
    project = _project(ctx)
    settings = Settings(strict=strict, jobs=jobs, full_nav_up_to=full_nav_up_to, force=force)
    result = pipeline.build(project, settings, engine=engine, file_urls=file_urls)  # type: ignore[arg-type]
    _report(result.diagnostics, "text")
    click.echo(f"built: {project.site} ({len(result.graph.of('brief'))} briefs)", err=True)
    cli_editing.note_stale_schemas(project)


@main.command()
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@FULL_NAV
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=min(2, os.cpu_count() or 1),
    show_default="2 where there are two cores",
    help="Processes for the first reading and rendering of a large explainer.",
)
@click.option("-v", "--verbose", is_flag=True, help="After each save, list the files and pages rebuilt.")
@click.pass_context
def serve(ctx: click.Context, dev_addr: str, full_nav_up_to: int, jobs: int, verbose: bool) -> None:
    """Live preview: regenerate and reload what a saved file changes."""
    from generator.preview.serve import serve as run

    settings = Settings(full_nav_up_to=full_nav_up_to, jobs=jobs)
    run(_project(ctx), settings, dev_addr, lambda line: click.echo(line, err=True), verbose=verbose)


@main.command("check-links")
@click.option("--strict", is_flag=True, help="Exit 1 when a link is dead, moved or could not be checked.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="How to print problems.")
@click.option(
    "--interval", type=click.FloatRange(0), default=1.0, show_default=True, help="Seconds between requests to one host."
)
@click.option(
    "--retries", type=click.IntRange(0), default=2, show_default=True, help="Attempts after a failed request."
)
@click.option("--timeout", type=click.IntRange(1), default=20, show_default=True, help="Seconds to wait for an answer.")
@click.option(
    "--max-age",
    type=click.FloatRange(0),
    default=24.0,
    show_default=True,
    help="Hours an answer is kept (0: ask again).",
)
@click.pass_context
def check_links(
    ctx: click.Context, strict: bool, fmt: str, interval: float, retries: int, timeout: int, max_age: float
) -> None:
    """Check every source address and archived copy; report dead and moved links at their line."""
    project = _project(ctx)
    checked = pipeline.check(project)
    if checked.errors:
        raise ContentError(checked.errors)
    polite = linkcheck.Polite(interval, retries, timeout, max_age * 3600)
    found = files.place(linkcheck.check(checked.corpus, project.root, polite))
    _report(found, fmt)
    if fmt == "json" and not found:
        click.echo("[]")
    if strict and found:
        sys.exit(1)
    if fmt == "text":
        click.echo(f"links: {len(linkcheck.links(checked.corpus))} checked, {len(found)} to look at", err=True)


@main.command()
@click.argument("base", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--preview", default="", help="Address of the pull request's browsable preview, linked at the top.")
@click.pass_context
def changes(ctx: click.Context, base: Path, preview: str) -> None:
    """Report in Markdown the pages generated in docs/ that differ from those generated in BASE (a docs/ folder)."""
    before, after = changed.read_generated(base), changed.read_generated(_project(ctx).docs)
    click.echo(changed.report(changed.compare(before, after), preview), nl=False)


@main.command()
@click.argument("reports", nargs=-1, type=click.File(encoding="utf-8"))
@click.option("--source-url", default="", help="Address of the repository's files at the checked commit.")
def attention(reports: tuple[TextIO, ...], source_url: str) -> None:
    """Write the "needs attention" issue in Markdown from JSON diagnostics (validate, check-links); nothing if none."""
    found = [d for report in reports for d in policy.read_diagnostics(report.read(), report.name)]
    click.echo(issue.issue_body(found, source_url), nl=False)


for _editing in cli_editing.COMMANDS:
    main.add_command(_editing)


def _root_here(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.obj = Project.at(value)


for _command in (c for name, c in main.commands.items() if name != "init"):
    # `explainer build --root DIR` works as `explainer --root DIR build` does
    _command.params.append(
        click.Option(
            ["--root"],
            type=click.Path(file_okay=False, path_type=Path),
            expose_value=False,
            callback=_root_here,
            help="Project folder holding content/, docs/ and mkdocs.yml (here or before the command).",
        )
    )


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
    except OSError as exc:  # the file system failed where no stage expected it: still a message, not a traceback
        click.echo(f"error: {os_problem(exc, 'use', '.')}", err=True)
        sys.exit(1)
