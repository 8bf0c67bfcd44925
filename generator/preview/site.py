"""The preview's site build: MkDocs' own build, again after each save, redoing only the pages that changed.

A clean ``mkdocs build`` turns every page's Markdown into HTML and every page's
HTML into a themed file; after a save, a few pages changed. ``Site`` runs
MkDocs' steps in MkDocs' order, with MkDocs' functions and every plugin event,
but keeps between builds, for each page, the HTML its Markdown made (and the
Markdown it was made from, after the plugins), and for each page written, its
search entries and what its template showed: the navigation, its neighbours,
the configuration and theme. A page's Markdown is rendered again only when that
Markdown changed (or the files its links may name came or went); its template,
only when the page or what the template shows changed; the others keep their
files in the site folder. The result is the site a clean build makes, byte for
byte; the tests hold it to that.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mk
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from mkdocs.utils import clean_directory

from generator.preview.keptpage import Kept, Search, Stat, keep, restore

log = logging.getLogger("mkdocs.plugins.explainer")


@dataclass
class Built:
    """What one build did: pages whose Markdown was rendered, and pages whose file was written."""

    rendered: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pages: int = 0


class Site:
    """One project's site, built into ``config.site_dir`` again and again."""

    def __init__(self) -> None:
        self._pages: dict[str, Kept] = {}
        self._html_basis: object = None
        self._markdown_basis: object = None
        self._uris: frozenset[str] = frozenset()
        self._outputs: set[str] = set()
        self._env: tuple[str, Any, list[tuple[str, str]]] | None = None

    def build(self, config: Any, *, serve_url: str | None = None, markdown_basis: object = None) -> Built:
        """Build the site as ``mkdocs build`` would; ``markdown_basis`` names what the plugins add to
        Markdown (a page whose source did not change is read again only when it changed)."""
        inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
        config.theme.get_env = lambda: self._theme_env(config)[0]  # plugins ask for it too (Material's search)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        first = not self._pages
        if first:
            clean_directory(config.site_dir)
        env, theme_files = self._theme_env(config)
        files = get_files(config)
        for path, folder in theme_files:  # as ``Files.add_files_from_theme``, from the list kept with the theme
            if files.get_file_from_path(path) is None:
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        built = Built()
        doc_files = files.documentation_pages(inclusion=inclusion)
        suspects = self._suspects(config, files, doc_files, markdown_basis)
        for file in doc_files:
            if file.page is None:
                Page(None, file, config)
            self._populate(file.page, config, files, suspects, built)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(dirty=not first, inclusion=inclusion)
        for template in config.theme.static_templates:
            mk._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mk._build_extra_template(template, files, config, nav)
        search = self._build_pages(config, doc_files, nav, env, built)
        level, rendered = config.validation.links.anchors, set(built.rendered)
        for file in doc_files:
            if file.src_uri in rendered:
                file.page.validate_anchor_links(files=files, log_level=level)
        for event in config.plugins.events["post_build"]:
            if not (search.writes_itself and getattr(event, "__self__", None) is search.plugin):
                event(config=config)
        if search.writes_itself:
            search.write(config, [self._pages[file.src_uri] for file in doc_files])
        built.removed = self._prune(config, files, inclusion)
        built.pages = len(doc_files)
        return built

    def _theme_env(self, config: Any) -> tuple[Any, list[tuple[str, str]]]:
        """The theme's Jinja environment and static files, made again only when the theme changed: a new
        environment compiles every template again (0.3 s), and listing the theme walks Material's icons."""
        key = _digest(config.theme.dirs, str(config.theme.locale), _theme(config))
        if self._env is None or self._env[0] != key:
            env = Theme.get_env(config.theme)
            listing = Files([])
            listing.add_files_from_theme(env, config)
            self._env = (key, env, [(file.src_uri, file.src_dir or "") for file in listing])
        return self._env[1], self._env[2]

    # -- Markdown → HTML -----------------------------------------------------------------------------

    def _suspects(self, config: Any, files: Files, doc_files: list[Any], markdown_basis: object) -> set[str] | None:
        """Pages to read again though their file did not change; None for every page."""
        html_basis = _digest(config.markdown_extensions, config.mdx_configs, config.validation)
        uris = frozenset(file.src_uri for file in files)
        if html_basis != self._html_basis:
            self._pages.clear()  # another Markdown configuration: every page is rendered again
        self._html_basis = html_basis
        if markdown_basis != self._markdown_basis:
            self._markdown_basis = markdown_basis
            return None
        came_or_went = {Path(uri).name for uri in uris ^ self._uris} if self._uris else set()
        self._uris = uris
        # A link names a file by its path, so a page whose Markdown names a file that came or went is rendered again.
        return {
            uri for uri, kept in self._pages.items() if came_or_went and any(n in kept.markdown for n in came_or_went)
        }

    def _populate(self, page: Page, config: Any, files: Files, suspects: set[str] | None, built: Built) -> None:
        uri = page.file.src_uri
        kept = self._pages.get(uri)
        stat = _stat(page.file.abs_src_path or "")
        if kept is not None and kept.stat == stat and suspects is not None and uri not in suspects:
            restore(page, kept, files)
            return
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            if (
                kept is not None
                and kept.markdown == page.markdown
                and kept.meta == page.meta
                and uri not in (suspects or ())
            ):
                kept.stat = stat
                restore(page, kept, files)
                return
            page.render(config, files)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        except Exception as exc:
            log.error(f"Error reading page '{uri}': {exc}")
            raise
        finally:
            config._current_page = None
        self._pages[uri] = keep(page, stat)
        built.rendered.append(uri)

    # -- HTML → themed files -------------------------------------------------------------------------

    def _build_pages(self, config: Any, doc_files: list[Any], nav: Navigation, env: Any, built: Built) -> Search:
        """Each page's themed file, written again only when the page or what its template shows changed."""
        theme = self._env[0] if self._env else ""
        shown_by_all = _digest(_config_file(config), config.nav, config.theme.get("features"), _nav(nav), theme)
        search = Search(config)
        rendered = set(built.rendered)
        for file in doc_files:
            page, kept = file.page, self._pages[file.src_uri]
            shown = (shown_by_all, page.title, _neighbour(page.previous_page), _neighbour(page.next_page))
            unchanged = search.complete and kept.shown == shown and file.src_uri not in rendered
            if unchanged and os.path.exists(file.abs_dest_path):
                search.reuse(kept)
                continue
            before, content = search.mark(), page.content
            mk._build_page(page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
            page.content = content
            search.added(kept, before)
            kept.shown = shown
            built.written.append(file.src_uri)
        return search

    def _prune(self, config: Any, files: Files, inclusion: Any) -> list[str]:
        """Remove what the last build wrote for files that are gone."""
        outputs = {file.dest_uri for file in files if inclusion(file.inclusion)}
        gone = sorted(self._outputs - outputs) if self._outputs else []
        for uri in gone:
            try:
                os.unlink(os.path.join(config.site_dir, uri))
            except OSError:
                continue
        for uri in list(self._pages):
            if files.get_file_from_path(uri) is None:
                del self._pages[uri]
        self._outputs = outputs
        return gone


def _stat(path: str) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=repr).encode()).hexdigest()


def _config_file(config: Any) -> bytes:
    try:
        return Path(config.config_file_path).read_bytes()
    except (OSError, TypeError):
        return b""


def _nav(nav: Navigation) -> list[Any]:
    """What a template can show of the navigation: every item's kind, title, address and front matter."""

    def item(node: Any) -> Any:
        children = [item(child) for child in node.children or ()]
        meta = node.meta if getattr(node, "is_page", False) else None
        return [type(node).__name__, node.title, getattr(node, "url", None), meta, children]

    return [item(node) for node in nav.items]


def _neighbour(page: Page | None) -> tuple[str, str | None] | None:
    return None if page is None else (page.url, page.title)


def _theme(config: Any) -> list[tuple[str, Stat | None]]:
    """The theme's own templates and assets, by their stat: an edited template builds every page again.
    Installed themes (Material's ten thousand icons) do not change while serving and are left out."""
    installed = tuple(os.path.realpath(p) + os.sep for p in {sysconfig.get_paths()["purelib"], sys.prefix})
    found: list[tuple[str, Stat | None]] = []
    for folder in config.theme.dirs:
        if not os.path.realpath(folder).startswith(installed):
            found.extend((path, _stat(path)) for path in _walk(folder))
    return found


def _walk(folder: str) -> Iterator[str]:
    for base, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            yield os.path.join(base, name)
