"""MkDocs hook: regenerate the pages before every build and watch content/ while serving.

With it, plain ``mkdocs build`` and ``mkdocs serve`` work from a clean clone.
The navigation comes from the explainer's own order, computed by the generator;
for a large explainer it lists section pages, and Material prunes it.

The glossary's abbreviations are appended to each page with only the terms the
page uses, rather than all of them to every page: the HTML is the same, but the
cost of a page no longer grows with the glossary, so the site build stays linear.

While serving, a save under content/ regenerates the pages that depend on it
(``generator.incremental``) straight away; the pages written under docs/ then
trigger MkDocs' own rebuild, which finds nothing left to generate. So a save
costs one site build, not two.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from generator.build import Generated, Project, nav_for_mkdocs, pregenerated
from generator.errors import ContentError
from generator.incremental import Session
from generator.nav import FULL_NAV_UP_TO
from generator.render import ABBREVIATIONS

log = logging.getLogger("mkdocs.plugins.explainer")
_serving = False
_last_nav: list[Any] | None = None
_sessions: dict[Path, Session] = {}
_abbreviations: list[tuple[str, str]] = []  # (term in lower case, its `*[term]: definition` line)
_ABBREVIATION = re.compile(r"^\*\[(.+?)\]:")


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: Any) -> Any:
    global _last_nav
    project = _project(config)
    snippets = config.mdx_configs.get("pymdownx.snippets")
    if snippets is not None:  # resolve snippet paths against the project, not the current folder
        snippets["base_path"] = [str(project.docs)]
    strict = bool(config.strict) or os.environ.get("EXPLAINER_STRICT") == "1"
    result = pregenerated(project) or _generate(project, strict)
    _take_abbreviations(config, project)
    if result is not None:
        _last_nav = nav_for_mkdocs(result.nav)
        features = config.theme.get("features")
        if result.sectioned and isinstance(features, list) and "navigation.prune" not in features:
            features.append("navigation.prune")
    if _last_nav is not None and not config.nav:
        config.nav = _last_nav
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Append the glossary abbreviations this page can use, where the snippets extension appended them all."""
    lowered = markdown.lower()
    used = [line for term, line in _abbreviations if term in lowered]
    return f"{markdown}\n\n" + "\n".join(used) + "\n" if used else markdown


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Regenerate as soon as content changes; the pages written then trigger the site rebuild."""
    import watchdog.events

    project = _project(config)
    strict = bool(config.strict) or os.environ.get("EXPLAINER_STRICT") == "1"

    def regenerate(event: Any) -> None:
        if event.is_directory:
            return
        try:
            _generate(project, strict)
        except Exception:  # a watcher thread must not die: the next save tries again
            log.exception("regenerating the pages failed")

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = regenerate  # type: ignore[method-assign]
    server.observer.schedule(handler, str(project.content), recursive=True)
    return server


def _generate(project: Project, strict: bool) -> Generated | None:
    """Regenerate through the project's session; while serving, bad content keeps the last good pages."""
    session = _sessions.setdefault(project.root.resolve(), Session(project, full_nav_up_to=_full_nav_up_to()))
    try:
        result = session.generate(strict=strict)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            log.error(diagnostic.format_text())
        if not _serving or _last_nav is None:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"content has problems: {exc}") from None
        log.error("keeping the last good pages until the content is fixed")
        return None
    if result.report.written or result.report.removed or not _serving:
        for diagnostic in result.diagnostics:
            log.warning(diagnostic.format_text())
    return result


def _take_abbreviations(config: Any, project: Project) -> None:
    """Take the glossary's abbreviations out of the snippets appended to every page, keeping each with its term."""
    _abbreviations.clear()
    snippets = config.mdx_configs.get("pymdownx.snippets") or {}
    appended = snippets.get("auto_append") or []
    source = project.docs / ABBREVIATIONS
    if ABBREVIATIONS not in appended or not source.is_file():
        return
    snippets["auto_append"] = [path for path in appended if path != ABBREVIATIONS]
    for line in source.read_text(encoding="utf-8").splitlines():
        found = _ABBREVIATION.match(line)
        if found:
            # Matching is case-sensitive; a case-blind test keeps every definition that could apply.
            _abbreviations.append((found.group(1).lower(), line))


def _project(config: Any) -> Project:
    return Project.at(Path(config.config_file_path).parent)


def _full_nav_up_to() -> int:
    """The navigation lists every brief up to this many (``EXPLAINER_FULL_NAV_UP_TO`` overrides it)."""
    return int(os.environ.get("EXPLAINER_FULL_NAV_UP_TO", FULL_NAV_UP_TO))
