"""MkDocs hook: regenerate the pages before every build and watch content/ while serving.

With it, plain ``mkdocs build`` and ``mkdocs serve`` work from a clean clone.
The navigation comes from the explainer's own order, computed by the generator.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from generator.build import Project, generate, nav_for_mkdocs
from generator.errors import ContentError

log = logging.getLogger("mkdocs.plugins.explainer")
_serving = False
_last_nav: list[Any] | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: Any) -> Any:
    global _last_nav
    project = Project.at(Path(config.config_file_path).parent)
    snippets = config.mdx_configs.get("pymdownx.snippets")
    if snippets is not None:  # resolve snippet paths against the project, not the current folder
        snippets["base_path"] = [str(project.docs)]
    strict = bool(config.strict) or os.environ.get("EXPLAINER_STRICT") == "1"
    try:
        result = generate(project, strict=strict)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            log.error(diagnostic.format_text())
        if not _serving or _last_nav is None:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"content has problems: {exc}") from None
        log.error("keeping the last good pages until the content is fixed")
    else:
        for diagnostic in result.diagnostics:
            log.warning(diagnostic.format_text())
        _last_nav = nav_for_mkdocs(result.nav)
    if _last_nav is not None and not config.nav:
        config.nav = _last_nav
    return config


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    server.watch(str(Path(config.config_file_path).parent / "content"))
    return server
