"""The MkDocs plugin ``explainer``: a thin door between MkDocs and the pipeline.

With it, plain ``mkdocs build`` and ``mkdocs serve`` regenerate the pages first,
from a clean clone. It adds the theme overrides the package carries, sets the
navigation in the explainer's own order (section pages for a large explainer,
with Material's pruning), and appends to each page only the glossary
abbreviations it uses. ``explainer build`` hands it the pages it just generated
(``generated``), and the preview its session (``session``), through this plugin
object: no module keeps state of its own.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from generator import pipeline
from generator.errors import ContentError, ExplainerError
from generator.output import inspect, origins
from generator.output.site import SET_ADDRESS, THEME, placeholder
from generator.pipeline import Generated
from generator.project import FULL_NAV_UP_TO, Project, Settings

log = logging.getLogger("mkdocs.plugins.explainer")
ABBREVIATIONS = "_snippets/abbreviations.md"
_WORD = re.compile(r"\w+")
_ABBR = re.compile(r"<abbr(?=[\s>])(?![^>]*\btabindex=)")
_LINK = re.compile(r"(<a\b[^>]*>.*?</a>)", re.S)
_BARE_LINK = re.compile(r'<a href="(https?://[^"<>]*)">\1</a>')
_NOTE_BEFORE_NOTE = re.compile(
    r'<sup id="(fnref[^"<>]*)">(?=<a class="footnote-ref"[^<>]*>[^<>]*</a></sup>\s*<sup id="fnref)'
)
"""A note number followed by another: marked so a comma separates them (a ``:has()`` rule did this, and cost
a phone's main thread a style pass over the page each time the theme changed the document at start-up)."""


def _abbreviations(lines: list[str]) -> list[tuple[frozenset[str], str, str]]:
    """Each distinct ``*[term]: definition`` line with its term, lowercased, and the term's words."""
    out = []
    for line in dict.fromkeys(lines):
        term = line.split("]:")[0][2:].lower()
        out.append((frozenset(_WORD.findall(term)), term, line))
    return out


class ExplainerConfig(Config):  # type: ignore[no-untyped-call]
    full_nav_up_to = config_options.Type(int, default=FULL_NAV_UP_TO)


class ExplainerPlugin(BasePlugin[ExplainerConfig]):  # type: ignore[no-untyped-call]
    """Regenerates the pages before MkDocs reads them, and keeps MkDocs' view of them in step."""

    def __init__(self) -> None:
        self.generated: Generated | None = None
        """What the caller generated just before the build; used once, instead of generating again."""
        self.session: Any = None
        """The preview's ``Session`` while serving, so each rebuild regenerates only what changed."""
        self._serving = False
        self._checked_aside = False
        """``explainer build`` checks the built site itself, aside, before it replaces the old one."""
        self._last: Generated | None = None
        self._abbreviations: list[tuple[frozenset[str], str, str]] = []

    def on_startup(self, command: str, dirty: bool) -> None:
        """Its presence makes MkDocs keep this plugin object (and its session) across the rebuilds of a serve."""
        self._serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        if config.strict and (problem := placeholder(config.site_url)):
            raise PluginError(f"{problem}: {SET_ADDRESS}")
        config.theme.dirs.insert(0, str(THEME))
        project = Project.at(Path(config.config_file_path).parent)
        snippets = config.mdx_configs.get("pymdownx.snippets")
        if snippets is not None:  # snippet paths resolve against the project, not the current folder
            snippets["base_path"] = [str(project.docs)]
            snippets["auto_append"] = [p for p in snippets.get("auto_append") or [] if p != ABBREVIATIONS]
        settings = Settings(strict=bool(config.strict), full_nav_up_to=self.config.full_nav_up_to)
        if self.session is not None and self.session.project.root.resolve() != project.root.resolve():
            self.session = None  # MkDocs keeps one plugin object per process: this one served another project
        if self._serving and self.session is None:
            from generator.preview.session import Session

            self.session = Session(project, settings)
        self._checked_aside = self.generated is not None
        result, self.generated = self.generated or self._generate(project, settings), None
        self._last = result
        self._abbreviations = _abbreviations(result.abbreviations)
        if not config.nav:
            config.nav = [item.to_mkdocs() for item in result.nav]
        if not config.copyright:  # the content's licence, as the explainer declares it
            config.copyright = html.escape(f"Content licensed {result.graph.explainer.license}")
        features = config.theme.get("features")
        if result.sectioned and isinstance(features, list) and "navigation.prune" not in features:
            features.append("navigation.prune")
        return config

    def on_post_build(self, config: Any) -> None:
        """Plain ``mkdocs build`` fails, at the content file, on a built page holding anything that could run or
        lead off the web (the check ``explainer build`` makes before its swap)."""
        if self._serving or self._checked_aside or self._last is None:
            return
        folder = Path(config.site_dir)
        unsafe = inspect.check_site(folder, inspect.known_scripts([Path(d) for d in config.theme.dirs]))
        if unsafe:
            problems = origins.place(unsafe, self._last.graph, folder.name)
            raise PluginError("\n".join(problem.format_text() for problem in problems))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """A save under content/ rebuilds, as a save under docs/ does."""
        server.watch(str(Path(config.config_file_path).parent / "content"))
        return server

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        """Glossary terms reachable with the keyboard, note numbers followed by another marked for the comma
        between them, and links whose text is their address marked so print does not repeat it: done here,
        once, rather than by a script or a ``:has()`` rule on every visit (each cost readers' phones time at
        start-up)."""
        parts = _LINK.split(html)  # a term inside a link is reached through the link: no tabindex there
        html = "".join(part if i % 2 else _ABBR.sub('<abbr tabindex="0"', part) for i, part in enumerate(parts))
        html = _NOTE_BEFORE_NOTE.sub(r'<sup id="\1" class="fnref--more">', html)
        return _BARE_LINK.sub(r'<a class="link--bare" href="\1">\1</a>', html)

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """Append the glossary abbreviations this page can use (matching is case-sensitive; a case-blind
        test keeps every definition that could apply), rather than all of them to every page.

        A term applies to whole words only, so a page is split into words once and a term's words are
        looked up before its text is searched: with thousands of terms, searching each page for each
        term took longer than rendering it. Each definition is a paragraph of its own: Markdown reads
        a run of definitions one line at a time, searching the rest of the run each time."""
        lowered = markdown.lower()
        words = frozenset(_WORD.findall(lowered))
        used = [line for needs, term, line in self._abbreviations if needs <= words and term in lowered]
        return f"{markdown}\n\n" + "\n\n".join(used) + "\n" if used else markdown

    def _generate(self, project: Project, settings: Settings) -> Generated:
        try:
            if self.session is not None:
                return self.session.run()  # type: ignore[no-any-return]
            return pipeline.generate(project, settings)
        except ContentError as exc:
            for diagnostic in exc.diagnostics:
                log.error(diagnostic.format_text())
            if self._serving and self._last is not None:
                log.error("keeping the last good pages until the content is fixed")
                return self._last
            raise PluginError(f"content has problems: {exc}") from None
        except ExplainerError as exc:
            raise PluginError(str(exc)) from None
