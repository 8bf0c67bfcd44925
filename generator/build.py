"""The orchestrator: load → validate → model → render → write, then the site.

Everything is read and checked before anything is written, so bad content
never leaves half a site; the site itself is built aside and swapped in.
Each stage runs under ``stages(name)``, a context manager the benchmark uses
to time it; ``generator.incremental`` reuses the same stages for the preview.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from filelock import FileLock

from generator import corpus as corpus_mod
from generator import lint, loader, parallel, validate, writer
from generator.corpus import Corpus, Entry, Graph
from generator.errors import ContentError, Diagnostic, ExplainerError
from generator.loader import Document, SourceFile
from generator.models import COLLECTIONS, EXPLAINER_FILE, MODELS, is_slug
from generator.nav import FULL_NAV_UP_TO, NavItem, build_nav, is_sectioned, section_page, section_paths
from generator.render import STREAMED, Renderer
from generator.writer import Chunks, Content

Stages = Callable[[str], AbstractContextManager[object]]
"""Called with a stage's name around each stage: discover, parse, validate, check, lint, resolve, render, write.

A stage may be entered more than once in a run; a timer adds the durations up."""

Engine = Literal["mkdocs", "zensical"]
ENGINES: tuple[Engine, ...] = ("mkdocs", "zensical")


def untimed(name: str) -> AbstractContextManager[object]:
    return contextlib.nullcontext()


@dataclass(frozen=True)
class Project:
    """Where things are: content in, generated pages and the site out."""

    root: Path
    content: Path
    docs: Path
    site: Path
    config: Path

    @classmethod
    def at(cls, root: Path | str = ".") -> Project:
        base = Path(root)
        return cls(base, base / "content", base / "docs", base / "site", base / "mkdocs.yml")


@dataclass
class Checked:
    """The outcome of validation: the graph when there are no errors, and every diagnostic."""

    graph: Graph | None
    corpus: Corpus
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def failed(self, strict: bool) -> bool:
        return bool(self.errors) or (strict and bool(self.diagnostics))


@dataclass(frozen=True)
class Loaded:
    """One content file, parsed and validated: its entry when valid, and the problems found in it alone."""

    file: SourceFile
    entry: Entry[Any] | None
    problems: tuple[Diagnostic, ...]


def discover(content: Path) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Every content file, in a stable order, and the files that are in no content folder."""
    collections = {folder: kind for folder, (kind, _model) in COLLECTIONS.items()}
    return loader.discover(content, collections, {EXPLAINER_FILE: "explainer"})


def parse(file: SourceFile) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one file; a file whose name is no valid id is reported and not read."""
    if file.kind != "explainer" and not is_slug(file.id):
        return None, [
            Diagnostic(
                file.display,
                1,
                1,
                "invalid-id",
                f"file name '{file.path.name}' is not a valid id",
                "name files with lowercase words joined by hyphens, such as `energy-ties.yml`",
            )
        ]
    return loader.load(file)


def validated(file: SourceFile, doc: Document | None, problems: Iterable[Diagnostic]) -> Loaded:
    """Validate a parsed file against the model of its kind."""
    model, found = validate.to_model(doc, MODELS[file.kind]) if doc else (None, [])
    entry = Entry(file.kind, file.id, doc, model) if doc is not None and model is not None else None
    if entry is not None:
        entry.doc.release()
    return Loaded(file, entry, (*problems, *found))


def read(file: SourceFile) -> Loaded:
    """Parse and validate one file: a pure function of its bytes, so callers may cache it."""
    return validated(file, *parse(file))


def assemble(loaded: Iterable[Loaded], problems: Iterable[Diagnostic] = ()) -> tuple[Corpus, list[Diagnostic]]:
    """Gather loaded files into a corpus; files that failed are remembered so references to them stay quiet."""
    corpus = Corpus()
    found = list(problems)
    for item in loaded:
        found.extend(item.problems)
        file = item.file
        if item.entry is not None:
            duplicate = corpus.add(item.entry)
            if duplicate:
                found.append(duplicate)
        elif file.kind == "explainer" or is_slug(file.id):
            corpus.broken.add((file.kind, file.id))
    return corpus, found


def read_all(files: Sequence[SourceFile], stages: Stages = untimed, *, jobs: int = 1) -> list[Loaded]:
    """Parse and validate every file, in the order given; ``jobs`` processes parse at once.

    Each file is validated as soon as it is parsed, so its parse tree and position
    tables are released before the next is read: memory holds models, not trees.
    """
    out = []
    with parallel.collector_paused(), contextlib.closing(parallel.ordered_map(parse, files, jobs)) as parsed:
        for file in files:
            with stages("parse"):
                doc, found = next(parsed)
            with stages("validate"):
                out.append(validated(file, doc, found))
    return out


def load(content: Path, stages: Stages = untimed, *, jobs: int = 1) -> tuple[Corpus, list[Diagnostic]]:
    """Read and validate every content file; problems are collected, never raised."""
    with stages("discover"):
        files, problems = discover(content)
    loaded = read_all(files, stages, jobs=jobs)
    with stages("validate"), parallel.collector_paused():
        return assemble(loaded, problems)


def verify(
    corpus: Corpus,
    problems: list[Diagnostic],
    today: dt.date | None = None,
    stages: Stages = untimed,
    *,
    mentions: lint.Mentions | None = None,
    resolve: Callable[[Corpus], Graph] = corpus_mod.resolve,
) -> Checked:
    """Check references, lint, and resolve the graph when there is no error; ``mentions`` and ``resolve``
    (which may patch the last graph) are the preview's."""
    with stages("check"):
        problems = [*problems, *corpus_mod.check(corpus), *lint.unsafe_links(corpus)]
    if any(p.severity == "error" for p in problems):
        return Checked(None, corpus, problems)
    with stages("lint"):
        problems += lint.lint(corpus, today or dt.date.today(), mentions)
    with stages("resolve"), parallel.collector_paused():
        graph = resolve(corpus)
    return Checked(graph, corpus, problems)


def check(content: Path, today: dt.date | None = None, stages: Stages = untimed, *, jobs: int = 1) -> Checked:
    """Load, validate, resolve and lint: everything short of writing."""
    corpus, problems = load(content, stages, jobs=jobs)
    return verify(corpus, problems, today, stages)


def render_paths(graph: Graph, full_nav_up_to: int = FULL_NAV_UP_TO) -> list[str]:
    """Every file ``render`` produces for this graph."""
    return [*Renderer(graph).paths(), *section_paths(graph, full_nav_up_to)]


def render(
    graph: Graph, paths: Iterable[str] | None = None, *, full_nav_up_to: int = FULL_NAV_UP_TO
) -> dict[str, Content]:
    """The generated files, {path under docs/: bytes}: every page, or only ``paths`` of them."""
    pages = Pages(graph, full_nav_up_to, only=paths)
    return {path: pages[path] for path in pages}


class Pages(Mapping[str, Content]):
    """Every generated file, rendered when the writer first asks for it.

    With ``jobs`` above one, forked children render their share of the pages
    ahead of the writer (``parallel.ordered_map``), in the writer's order. A page
    is handed over once and not kept (the writer asks for each once, so a large
    explainer's pages are never all in memory); asked for again, it is rendered again.
    With ``stream``, files that grow with the whole explainer (the JSON export) are
    handed over as ``Chunks``, made part by part as the writer reads them.
    With ``only``, just those files, without listing every file first (the preview's case).
    Use it as a context manager, so the children end with it.
    """

    def __init__(
        self,
        graph: Graph,
        full_nav_up_to: int = FULL_NAV_UP_TO,
        stages: Stages = untimed,
        *,
        jobs: int = 1,
        stream: bool = False,
        only: Iterable[str] | None = None,
    ) -> None:
        self._graph = graph
        self._renderer = Renderer(graph)
        self._sections = set(section_paths(graph, full_nav_up_to))
        self._paths = sorted([*self._renderer.paths(), *self._sections] if only is None else set(only))
        self._streams = set(self._paths) & set(STREAMED) if stream else set()
        self._ahead = [path for path in self._paths if path not in self._streams]  # what children may render
        self._order = {path: index for index, path in enumerate(self._ahead)}
        self._stages = stages
        self._jobs = jobs
        self._stream: Generator[bytes, None, None] | None = None
        self._streamed = 0  # how many of the paths ahead, in order, the stream has yielded
        self._pages: dict[str, bytes] = {}

    def __getitem__(self, path: str) -> Content:
        if path in self._streams:
            return Chunks(lambda: self._renderer.parts(path))
        if path not in self._order:
            raise KeyError(path)
        if path in self._pages:
            return self._pages.pop(path)
        with self._stages("render"):
            if self._jobs <= 1 or self._order[path] < self._streamed:
                return self._render(path)
            if self._stream is None:
                self._stream = parallel.ordered_map(self._render, self._ahead, self._jobs)
            while path not in self._pages:
                self._pages[self._ahead[self._streamed]] = next(self._stream)
                self._streamed += 1
            return self._pages.pop(path)

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __enter__(self) -> Pages:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stream is not None:
            self._stream.close()

    def _render(self, path: str) -> bytes:
        if path in STREAMED:
            return b"".join(self._renderer.parts(path))
        page = section_page(self._graph, path) if path in self._sections else self._renderer.page(path)
        return page.encode("utf-8")


@dataclass
class Generated:
    graph: Graph
    nav: list[NavItem]
    report: writer.WriteReport
    diagnostics: list[Diagnostic]
    sectioned: bool = False
    """Whether the navigation lists section pages rather than every brief."""


def generate(
    project: Project,
    *,
    strict: bool = False,
    today: dt.date | None = None,
    full_nav_up_to: int = FULL_NAV_UP_TO,
    stages: Stages = untimed,
    jobs: int = 1,
) -> Generated:
    """Validate the content and write the Markdown pages; raise ``ContentError`` on bad content."""
    checked = check(project.content, today, stages, jobs=jobs)
    if checked.failed(strict) or checked.graph is None:
        raise ContentError(checked.diagnostics)
    graph = checked.graph
    with stages("write"), Pages(graph, full_nav_up_to, stages, jobs=jobs, stream=True) as files:
        report = write(project, files)
    nav = build_nav(graph, full_nav_up_to)
    return Generated(graph, nav, report, checked.diagnostics, is_sectioned(graph, full_nav_up_to))


def write(project: Project, files: Mapping[str, Content], *, only: set[str] | None = None) -> writer.WriteReport:
    """Hand the files to the writer, one build at a time."""
    with _lock(project.root):
        return writer.write(project.docs, files, only=only)


# --- the site ------------------------------------------------------------------------------


def build_site(
    project: Project,
    *,
    strict: bool = False,
    today: dt.date | None = None,
    engine: Engine = "mkdocs",
    full_nav_up_to: int = FULL_NAV_UP_TO,
    jobs: int = 1,
) -> Generated:
    """Generate, then build the site aside and swap it in: a failed build leaves the old site."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with _lock(project.root):
        generated = generate(project, strict=strict, today=today, full_nav_up_to=full_nav_up_to, jobs=jobs)
        staging = Path(tempfile.mkdtemp(prefix=".site-", dir=project.root)).resolve()
        staging.chmod(0o755)
        try:
            if engine == "zensical":
                _zensical_build(project, staging, generated, strict)
            else:
                _mkdocs_build(project, staging, generated, strict)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _swap(staging, project.site)
    return generated


def nav_for_mkdocs(nav: list[NavItem]) -> list[Any]:
    return [item.to_mkdocs() for item in nav]


def pregenerated(project: Project) -> Generated | None:
    """The pages ``build_site`` generated just before the MkDocs build, so the hook does not generate twice."""
    return _pregenerated.get(project.root.resolve())


_pregenerated: dict[Path, Generated] = {}


def _mkdocs_build(project: Project, staging: Path, generated: Generated, strict: bool) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    key = project.root.resolve()
    _pregenerated[key] = generated
    try:
        config = load_config(str(project.config), site_dir=str(staging), strict=strict)
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as exc:
        raise ExplainerError(f"site build failed: {exc}") from None
    except Exception as exc:  # an extension or the disk failing; the old site stays
        raise ExplainerError(f"site build failed: {type(exc).__name__}: {exc}") from None
    finally:
        _pregenerated.pop(key, None)


def _zensical_build(project: Project, staging: Path, generated: Generated, strict: bool) -> None:
    """Build with Zensical from the same mkdocs.yml, with the navigation written in and the site aside.

    Zensical runs no MkDocs hooks, so the navigation the hook would set is written
    into a configuration that inherits mkdocs.yml. It runs in its own process, from
    the project folder, where paths in mkdocs.yml (snippets) are meant to resolve.
    """
    import yaml

    if importlib.util.find_spec("zensical") is None:
        raise ExplainerError("the zensical engine is not installed (pip install zensical)")
    derived: dict[str, Any] = {"INHERIT": project.config.name, "site_dir": staging.name}
    if not re.search(r"^nav:", project.config.read_text(encoding="utf-8"), re.M):  # a nav of its own wins
        derived["nav"] = nav_for_mkdocs(generated.nav)
    if generated.sectioned:  # lists are appended to the inherited ones
        derived["theme"] = {"features": ["navigation.prune"]}
    handle, name = tempfile.mkstemp(prefix=".zensical-", suffix=".yml", dir=project.root)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yaml.safe_dump(derived, out, allow_unicode=True, sort_keys=False)
        command = [sys.executable, "-m", "zensical", "build", "--clean", "--config-file", path.name]
        done = subprocess.run(
            [*command, *(["--strict"] if strict else [])],
            cwd=project.root,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        path.unlink(missing_ok=True)
    if done.returncode != 0:
        raise ExplainerError(f"site build failed (zensical): {(done.stderr or done.stdout).strip()[-2000:]}")


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


@cache
def _lock_at(path: str) -> FileLock:
    return FileLock(path)


def _lock(root: Path) -> FileLock:
    """One reentrant lock per project, so two builds at once take turns."""
    return _lock_at(str((root / ".explainer.lock").resolve()))
