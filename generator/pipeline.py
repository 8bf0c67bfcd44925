"""The orchestrator: load → validate → check → model → render → write. The only pipeline.

Everything is read and checked before anything is written, so bad content never
leaves half a site. A ``Strategy`` decides how each run reads files, resolves
the graph, keeps parts of pages and chooses the pages to write: a one-off build
(``OneOff``) reads and writes everything; the live preview passes its own, which
remembers the last run (``generator.preview``). No stage knows which it is given.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator import memory, parallel, policy
from generator.content import certainty, files, ignores, lint, references
from generator.content.corpus import Corpus, Loaded, assemble, parse, validated
from generator.content.graph import Graph, resolve
from generator.errors import ContentError, Diagnostic, Finding, Loc
from generator.keep import Keep, nothing
from generator.output import drawings, site, writer
from generator.output.rendered import Rendered
from generator.output.site import Engine
from generator.pages import registry
from generator.pages.nav import NavItem, build_nav, is_sectioned
from generator.pages.pageset import PageSet
from generator.pages.reference import abbreviation_lines
from generator.pages.registry import ADDRESSES, Page
from generator.project import Project, Settings
from generator.stages import Stages, untimed


@dataclass
class Checked:
    """The outcome of checking the content: the graph when there are no errors, and every diagnostic."""

    graph: Graph | None
    corpus: Corpus
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def failed(self, strict: bool) -> bool:
        """Whether the publish policy (``generator.policy``) stops the run: errors, or with ``strict``, warnings
        that do not age."""
        return bool(policy.blocking(self.diagnostics, strict=strict))


@dataclass
class Generated:
    """What a run wrote, and what the site build needs from it."""

    graph: Graph
    nav: list[NavItem]
    report: writer.WriteReport
    diagnostics: list[Diagnostic]
    sectioned: bool = False
    """Whether the navigation lists section pages rather than every brief."""
    abbreviations: list[str] = field(default_factory=list)
    """The glossary's ``*[term]: definition`` lines, which the site appends to the pages that use them."""


class Strategy(Protocol):
    """How a run reads, resolves, keeps and chooses: ``OneOff`` for a build, the preview's session for serving."""

    keep: Keep

    def discover(self, content: Path) -> tuple[list[files.SourceFile], list[Diagnostic]]: ...

    def read(self, found: Sequence[files.SourceFile], stages: Stages) -> list[Loaded]: ...

    def resolve(self, corpus: Corpus) -> Graph: ...

    def choose(self, graph: Graph, pages: Mapping[str, Page]) -> set[str] | None:
        """The pages to render and write, or None for all of them (and a full write, which prunes)."""
        ...

    def finish(self, graph: Graph, pages: Mapping[str, Page]) -> None:
        """Called once the pages are written."""
        ...


class OneOff:
    """A build that reads every file, resolves the graph, keeps nothing and writes every page."""

    keep: Keep = staticmethod(nothing)

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = jobs

    def discover(self, content: Path) -> tuple[list[files.SourceFile], list[Diagnostic]]:
        return files.discover(content)

    def read(self, found: Sequence[files.SourceFile], stages: Stages) -> list[Loaded]:
        return read_all(found, stages, jobs=self.jobs)

    def resolve(self, corpus: Corpus) -> Graph:
        return resolve(corpus)

    def choose(self, graph: Graph, pages: Mapping[str, Page]) -> set[str] | None:
        return None

    def finish(self, graph: Graph, pages: Mapping[str, Page]) -> None:
        return None


def read_all(found: Sequence[files.SourceFile], stages: Stages = untimed, *, jobs: int = 1) -> list[Loaded]:
    """Parse and validate every file, in the order given; ``jobs`` processes parse at once.

    Each file is validated as soon as it is parsed, so its parse tree and position
    tables are released before the next is read: memory holds models, not trees.
    """
    with memory.paused(), contextlib.closing(parallel.ordered_map(parse, found, jobs)) as parsed:
        loaded = []
        for file in found:
            with stages("parse"):
                doc, problems = next(parsed)
            with stages("validate"):
                loaded.append(validated(file, doc, problems))
        memory.set_aside()
        return loaded


def check(
    project: Project, settings: Settings = Settings(), strategy: Strategy | None = None, stages: Stages = untimed
) -> Checked:
    """Load, validate, check references, lint and resolve: everything short of rendering."""
    strategy = strategy or OneOff(settings.jobs)
    with stages("discover"):
        found, problems = strategy.discover(project.content)
    loaded = strategy.read(found, stages)
    with stages("validate"), memory.paused():
        corpus, problems, findings = assemble(loaded, problems)
        memory.set_aside()
    with stages("check"), memory.paused():  # what checks make is short-lived and has no cycles
        lint.scan(corpus)  # one walk of each entry's values for every rule below
        missing = corpus.missing()
        findings += references.check(corpus, registry.reserved()) + lint.unsafe_links(corpus)
        problems += [missing] if missing else []
    with stages("lint"), memory.paused():  # warnings too, in the same run as errors: one pass finds everything
        warned = lint.lint(corpus, settings.day()) + certainty.check(corpus, settings.day())
        findings = ignores.apply(corpus, findings + warned)
    placed = files.place(findings, _remembered(corpus, strategy.keep))
    if missing or any(f.severity == "error" for f in findings) or any(p.severity == "error" for p in problems):
        return Checked(None, corpus, problems + placed)
    with stages("resolve"), memory.paused():
        graph = strategy.resolve(corpus)
    return Checked(graph, corpus, problems + placed)


def _remembered(corpus: Corpus, keep: Keep) -> files.Remembered:
    """Positions of findings kept with the model of their file (by the preview; a build keeps nothing), so an
    unchanged file is not parsed again each run to place the same warnings."""
    entries = {entry.file.path: entry for entry in corpus.all()}

    def position(finding: Finding, locate: Callable[[], files.Position]) -> files.Position:
        entry = entries.get(finding.file)
        if entry is None:
            return locate()
        known: dict[tuple[Loc, bool], files.Position] = keep("positions", (entry.model,), dict)
        where = (finding.loc, finding.key)
        if where not in known:
            known[where] = locate()
        return known[where]

    return position


def generate(
    project: Project, settings: Settings = Settings(), strategy: Strategy | None = None, stages: Stages = untimed
) -> Generated:
    """Check the content and write the pages under docs/; raise ``ContentError`` on bad content."""
    strategy = strategy or OneOff(settings.jobs)
    with memory.frozen():  # the models and the graph, long-lived, set aside while pages are made from them
        checked = check(project, settings, strategy, stages)
        if checked.failed(settings.strict) or checked.graph is None:
            raise ContentError(checked.diagnostics)
        graph = checked.graph
        with stages("render"):
            pages = PageSet(graph, settings, strategy.keep, drawings.at(project.root))
            wanted = strategy.choose(graph, pages.by_path)
        if pages.clashes:
            raise ContentError([*checked.diagnostics, *files.place(pages.clashes)])
        with stages("write"), Rendered(pages.renderer, pages.by_path, wanted, stages, jobs=settings.jobs) as made:
            report = writer.write(project.docs, made, only=wanted, lock=project.root, force=settings.force)
        strategy.finish(graph, pages.by_path)
        nav = build_nav(graph, settings, ADDRESSES)
        terms = (graph.explainer, *(term.model for term in graph.of("term")))
        lines = strategy.keep("abbreviation-lines", terms, lambda: abbreviation_lines(pages.renderer))
    return Generated(graph, nav, report, checked.diagnostics, is_sectioned(graph, settings), lines)


def build(
    project: Project, settings: Settings = Settings(), *, engine: Engine = "mkdocs", file_urls: bool = False
) -> Generated:
    """Generate, then build the site aside and swap it in: a failed build leaves the old site."""
    with writer.project_lock(project.root):
        site.remove_leftovers(project)  # first: a site a killed build left aside is back even if this build fails
        generated = generate(project, settings)
        site.build(project, generated, engine=engine, strict=settings.strict, file_urls=file_urls)
    return generated


def render(project: Project, settings: Settings = Settings()) -> PageSet:
    """Every page the content makes, unwritten: for tests and tools that read the output."""
    checked = check(project, settings)
    if checked.graph is None:
        raise ContentError(checked.diagnostics)
    pages = PageSet(checked.graph, settings, draw=drawings.at(project.root))
    if pages.clashes:
        raise ContentError(files.place(pages.clashes))
    return pages
