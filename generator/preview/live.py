"""One save, one rebuild: the preview's session regenerates what changed, then its site build renders what that touched.

``Preview.rebuild`` is what the server calls after files change. The pages come
from the generation session (``session``), which rewrites only the files an edit
affects; the site from ``site.Site``, which renders only the pages whose Markdown
or navigation changed. Content with errors changes nothing on disk: the last good
site stays, and the problems are kept for the browser to show over it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Diagnostic, ExplainerError, UsageError
from generator.pipeline import Generated
from generator.preview.session import Session
from generator.preview.site import Built, Site
from generator.project import Project, Settings


@dataclass
class Rebuilt:
    """What one rebuild did, for the command to tell."""

    seconds: float = 0.0
    generated: Generated | None = None
    built: Built | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    failure: str = ""
    """Why the site could not be built, when the content was fine (a template error, a strict warning)."""
    recovered: bool = False
    """The last rebuild had errors, and this one has none: browsers take the overlay away."""

    @property
    def changed(self) -> bool:
        """Whether browsers showing the site should load it again."""
        built = self.built
        changes = built is None or bool(built.written or built.removed)
        return self.failure != "" or bool(self.problems) or self.recovered or changes


LONG_PAGE = 256 * 1024
"""Bytes of Markdown above which a changed page is rendered after the rest of the site is shown (``finish``):
the timeline of 1,000 real-shaped briefs is 9 MB and takes Markdown nine seconds."""


class Preview:
    """A project served from ``site_dir`` at ``serve_url``: generation and site build, remembered between saves."""

    def __init__(self, project: Project, settings: Settings, site_dir: str, serve_url: str, dev_addr: str) -> None:
        self.project = project
        self.session = Session(project, settings)
        self.site = Site()
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.dev_addr = dev_addr
        self.last = Rebuilt()

    def configure(self, *, served: bool = True) -> Any:
        """The MkDocs configuration as ``mkdocs serve`` loads it, read again for each build (it may be edited);
        ``served``: with the site's address replaced by the preview's."""
        from mkdocs.config import load_config

        config = load_config(str(self.project.config), site_dir=self.site_dir, dev_addr=self.dev_addr)
        if config.plugins.get("explainer") is None:
            raise UsageError(f"{self.project.config} does not list the `explainer` plugin under `plugins:`")
        if served:
            config.site_url = self.serve_url
        return config

    def rebuild(self, saved: Iterable[str] | None = None) -> Rebuilt:
        """Regenerate what changed and bring the site up to date; content errors keep the last good site.
        ``saved``: the files a watcher saw change (without it, every content file's stat is taken again)."""
        from mkdocs.exceptions import MkDocsException

        start = time.perf_counter()
        recovered = bool(self.last.problems or self.last.failure)
        try:
            generated = self.session.run(saved=None if saved is None else self._content(saved))
        except ContentError as exc:
            self.last = Rebuilt(time.perf_counter() - start, problems=list(exc.diagnostics))
            return self.last
        markdown = (tuple(generated.abbreviations), _snippets(self.project.docs))
        basis = (
            _read(self.project.config),
            [item.to_mkdocs() for item in generated.nav],
            generated.sectioned,
            markdown,
        )
        try:
            built = self.site.update(basis, later=LONG_PAGE)
            if built is None:
                config = self.configure()
                plugin = config.plugins["explainer"]
                plugin.session, plugin.generated = self.session, generated
                built = self.site.build(
                    config, serve_url=self.serve_url, markdown_basis=markdown, later=LONG_PAGE, basis=basis
                )
        except (MkDocsException, ExplainerError, OSError, SystemExit) as exc:
            self.site = Site()  # what it kept may be half updated: the next build starts afresh
            self.last = Rebuilt(time.perf_counter() - start, generated, failure=f"site build failed: {exc}")
            return self.last
        self.last = Rebuilt(time.perf_counter() - start, generated, built, recovered=recovered)
        return self.last

    def _content(self, saved: Iterable[str]) -> list[str]:
        """The saved files under content/, named as the session names them."""
        inside = os.path.abspath(self.project.content)
        return [
            os.path.join(str(self.project.content), os.path.relpath(path, inside))
            for path in map(os.path.abspath, saved)
            if path.startswith(inside + os.sep)
        ]

    def pending(self) -> bool:
        """Whether long pages wait for ``finish``."""
        return bool(self.last.built and self.last.built.later) and not self.last.problems and not self.last.failure

    def finish(self, stop: Callable[[], bool]) -> Rebuilt:
        """Render the long pages the last rebuild left, until ``stop()``; the rest of the site is served meanwhile."""
        from mkdocs.exceptions import MkDocsException

        start = time.perf_counter()
        try:
            built = self.site.finish(stop)
        except (MkDocsException, ExplainerError, OSError, SystemExit) as exc:
            self.site = Site()
            self.last = Rebuilt(time.perf_counter() - start, failure=f"site build failed: {exc}")
            return self.last
        self.last = Rebuilt(time.perf_counter() - start, self.last.generated, built)
        return self.last

    def owned(self) -> frozenset[str]:
        """The files under docs/ the generator writes (their saves are the preview's own)."""
        return self.session.paths


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _snippets(docs: Path) -> tuple[tuple[str, int, int], ...]:
    """Files pages may include (``--8<--``), by their stat: a changed one reads every page again."""
    found = []
    for base, dirs, names in os.walk(docs / "_snippets"):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(base, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            found.append((path, st.st_mtime_ns, st.st_size))
    return tuple(found)
