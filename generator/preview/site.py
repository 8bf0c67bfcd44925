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

Long pages (the timeline and the sources of a large explainer: megabytes of
Markdown, half a minute to render) may be left for ``finish``: ``build`` then
keeps their last version, so the saved page can be shown first, and ``finish``
renders them and writes each file whole, while the rest of the site is served.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mk
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from generator.preview.keptpage import Kept, Search, keep, restore
from generator.preview.theme import Themes, digest, stat

log = logging.getLogger("mkdocs.plugins.explainer")


@dataclass
class Built:
    """What one build did: pages whose Markdown was rendered, pages whose file was written, files removed."""

    rendered: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    later: list[str] = field(default_factory=list)
    """Long pages left for ``finish``."""
    pages: int = 0


@dataclass
class _Build:
    """What ``finish`` needs of the build it completes."""

    config: Any
    files: Files
    nav: Navigation
    env: Any
    doc_files: list[File]


class Site:
    """One project's site, built into ``config.site_dir`` again and again."""

    def __init__(self) -> None:
        self._pages: dict[str, Kept] = {}
        self._html_basis: object = None
        self._markdown_basis: object = None
        self._uris: frozenset[str] = frozenset()
        self._outputs: set[str] = set()
        self._themes = Themes()
        self._last: _Build | None = None
        self._later: list[str] = []

    def state(self) -> dict[str, Any]:
        """What a later preview of the same project may start from (``resume``)."""
        names = ("_pages", "_html_basis", "_markdown_basis", "_uris", "_outputs")
        return {name: getattr(self, name) for name in names}

    def resume(self, state: dict[str, Any] | None) -> None:
        """Start from what an earlier preview kept, its files being in the site folder."""
        for name, value in (state or {}).items():
            setattr(self, name, value)

    def build(
        self, config: Any, *, serve_url: str | None = None, markdown_basis: object = None, later: int | None = None
    ) -> Built:
        """Build the site as ``mkdocs build`` would. ``markdown_basis`` names what the plugins add to Markdown
        (when it changes, every page is read again); pages longer than ``later`` bytes whose Markdown changed
        keep their last version until ``finish``."""
        inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
        config.theme.get_env = lambda: self._themes.env(config)[0]  # plugins ask for it too (Material's search)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        first = not self._pages
        if first:
            clean_directory(config.site_dir)
        env, theme_files = self._themes.env(config)
        files = get_files(config)
        for path, folder in theme_files:  # as ``Files.add_files_from_theme``, from the list kept with the theme
            if files.get_file_from_path(path) is None:
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        built, self._later = Built(), []
        doc_files = files.documentation_pages(inclusion=inclusion)
        suspects = self._suspects(config, files, markdown_basis)
        for file in doc_files:
            page = file.page if file.page is not None else Page(None, file, config)
            self._populate(page, config, files, suspects, built, None if first else later)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(dirty=not first, inclusion=inclusion)
        for template in config.theme.static_templates:
            mk._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mk._build_extra_template(template, files, config, nav)
        self._last = _Build(config, files, nav, env, list(doc_files))
        self._write(self._last, built)
        built.removed = self._prune(config, files, inclusion)
        built.pages, built.later = len(doc_files), list(self._later)
        return built

    def finish(self, stop: Callable[[], bool] = lambda: False) -> Built:
        """Render the long pages ``build`` left, one by one until ``stop()``, and write each file whole."""
        built, last = Built(), self._last
        while self._later and last is not None and not stop():
            file = last.files.get_file_from_path(self._later.pop(0))
            if file is not None and file.page is not None:
                self._populate(file.page, last.config, last.files, set(), built, None)
        if built.rendered and last is not None:
            self._write(last, built, whole=True)
        built.later = list(self._later)
        return built

    # -- Markdown → HTML -----------------------------------------------------------------------------

    def _suspects(self, config: Any, files: Files, markdown_basis: object) -> set[str] | None:
        """Pages to read again though their file did not change; None for every page."""
        html_basis = digest(config.markdown_extensions, config.mdx_configs, config.validation)
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

    def _populate(
        self, page: Page, config: Any, files: Files, suspects: set[str] | None, built: Built, later: int | None
    ) -> None:
        uri = page.file.src_uri
        kept = self._pages.get(uri)
        now = stat(page.file.abs_src_path or "")
        if kept is not None and kept.stat == now and suspects is not None and uri not in suspects:
            restore(page, kept, files)
            return
        if kept is not None and later is not None and now is not None and now[1] > later:
            restore(page, kept, files)  # its last version, until ``finish``
            self._later.append(uri)
            return
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            same = kept is not None and (kept.markdown, kept.meta) == (page.markdown, page.meta)
            if kept is not None and same and uri not in (suspects or ()):
                kept.stat = now
                restore(page, kept, files)
                return
            page.render(config, files)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        except Exception as exc:
            log.error(f"Error reading page '{uri}': {exc}")
            raise
        finally:
            config._current_page = None
        self._pages[uri] = keep(page, now)
        built.rendered.append(uri)

    # -- HTML → themed files -------------------------------------------------------------------------

    def _write(self, last: _Build, built: Built, *, whole: bool = False) -> None:
        """Each page's themed file, written again only when the page or what its template shows changed; then
        the anchors of the pages rendered are checked, the plugins finish and the search index is written."""
        config, doc_files = last.config, last.doc_files
        shown_by_all = digest(_config_file(config), config.nav, config.theme.get("features"), _nav(last.nav))
        shown_by_all = digest(shown_by_all, self._themes.key, config.site_url)
        search = Search(config)
        rendered = set(built.rendered)
        for file in doc_files:
            page, kept = file.page, self._pages[file.src_uri]
            assert page is not None
            shown = (shown_by_all, page.title, _neighbour(page.previous_page), _neighbour(page.next_page))
            unchanged = search.complete and kept.shown == shown and file.src_uri not in rendered
            if unchanged and os.path.exists(file.abs_dest_path):
                search.reuse(kept)
                continue
            before, content = search.mark(), page.content
            _build_page(page, last, whole=whole)
            page.content = content
            search.added(kept, before)
            kept.shown = shown
            built.written.append(file.src_uri)
        for file in doc_files:
            if file.src_uri in rendered and file.page is not None:
                file.page.validate_anchor_links(files=last.files, log_level=config.validation.links.anchors)
        for event in config.plugins.events["post_build"]:
            if not (search.writes_itself and getattr(event, "__self__", None) is search.plugin):
                event(config=config)
        if search.writes_itself:
            search.write(config, [self._pages[file.src_uri] for file in doc_files])

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


def _build_page(page: Page, last: _Build, *, whole: bool) -> None:
    """MkDocs' own page build; ``whole``: into a file beside the page's, then renamed over it, because the
    site is being served meanwhile and a reader must not get half a page."""
    excluded = page.file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
    if not whole:
        mk._build_page(page, last.config, last.doc_files, last.nav, last.env, excluded=excluded)
        return
    target = page.file.abs_dest_path
    page.file.abs_dest_path = f"{target}.explainer-new"
    try:
        mk._build_page(page, last.config, last.doc_files, last.nav, last.env, excluded=excluded)
        os.replace(page.file.abs_dest_path, target)
    finally:
        page.file.abs_dest_path = target


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
