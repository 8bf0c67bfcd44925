"""The orchestrator: load → validate → model → render → write, then the site.

Everything is read and checked before anything is written, so bad content
never leaves half a site; the site itself is built aside and swapped in.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from filelock import FileLock

from generator import corpus as corpus_mod
from generator import lint, loader, validate, writer
from generator.corpus import Corpus, Entry, Graph
from generator.errors import ContentError, Diagnostic, ExplainerError
from generator.models import COLLECTIONS, EXPLAINER_FILE, MODELS, is_slug
from generator.nav import NavItem, build_nav
from generator.render import Renderer


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


def load(content: Path) -> tuple[Corpus, list[Diagnostic]]:
    """Read and validate every content file; problems are collected, never raised."""
    collections = {folder: kind for folder, (kind, _model) in COLLECTIONS.items()}
    files, problems = loader.discover(content, collections, {EXPLAINER_FILE: "explainer"})
    corpus = Corpus()
    for file in files:
        if file.kind != "explainer" and not is_slug(file.id):
            problems.append(
                Diagnostic(
                    file.display,
                    1,
                    1,
                    "invalid-id",
                    f"file name '{file.path.name}' is not a valid id",
                    "name files with lowercase words joined by hyphens, such as `energy-ties.yml`",
                )
            )
            continue
        doc, found = loader.load(file)
        problems.extend(found)
        model, found = validate.to_model(doc, MODELS[file.kind]) if doc else (None, [])
        problems.extend(found)
        if doc is None or model is None:
            corpus.broken.add((file.kind, file.id))
        else:
            duplicate = corpus.add(Entry(file.kind, file.id, doc, model))
            if duplicate:
                problems.append(duplicate)
    return corpus, problems


def check(content: Path, today: dt.date | None = None) -> Checked:
    """Load, validate, resolve and lint: everything short of writing."""
    corpus, problems = load(content)
    problems += corpus_mod.check(corpus)
    problems += lint.unsafe_links(corpus)
    if any(p.severity == "error" for p in problems):
        return Checked(None, corpus, problems)
    problems += lint.lint(corpus, today or dt.date.today())
    return Checked(corpus_mod.resolve(corpus), corpus, problems)


@dataclass
class Generated:
    graph: Graph
    nav: list[NavItem]
    report: writer.WriteReport
    diagnostics: list[Diagnostic]


def generate(project: Project, *, strict: bool = False, today: dt.date | None = None) -> Generated:
    """Validate the content and write the Markdown pages; raise ``ContentError`` on bad content."""
    checked = check(project.content, today)
    if checked.failed(strict) or checked.graph is None:
        raise ContentError(checked.diagnostics)
    renderer = Renderer(checked.graph)
    files = {path: text.encode("utf-8") for path, text in renderer.pages().items()}
    with _lock(project.root):
        report = writer.write(project.docs, files)
    return Generated(checked.graph, build_nav(checked.graph), report, checked.diagnostics)


def build_site(project: Project, *, strict: bool = False, today: dt.date | None = None) -> Generated:
    """Generate, then build the site aside and swap it in: a failed build leaves the old site."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _lock(project.root):
        generated = generate(project, strict=strict, today=today)
        staging = Path(tempfile.mkdtemp(prefix=".site-", dir=project.root)).resolve()
        staging.chmod(0o755)
        try:
            config = load_config(str(project.config), site_dir=str(staging), strict=strict)
            mkdocs_build(config)
        except (MkDocsException, SystemExit) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise ExplainerError(f"site build failed: {exc}") from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _swap(staging, project.site)
    return generated


def nav_for_mkdocs(nav: list[NavItem]) -> list[Any]:
    return [item.to_mkdocs() for item in nav]


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
