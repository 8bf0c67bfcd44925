"""The preview's site build: MkDocs' own build, again after each save, redoing only the pages that changed.

A clean ``mkdocs build`` turns every page's Markdown into HTML and every page's
HTML into a themed file; after a save, a few pages changed. ``Site.build`` runs
MkDocs' steps in MkDocs' order, with MkDocs' functions and every plugin event,
but keeps between builds, for each page, the HTML its Markdown made (and the
Markdown it was made from, after the plugins), its search entries and what its
themed file showed (``themed``). A page's Markdown is rendered again only when
that Markdown changed (or the files its links may name came or went); its
template, only when the page or what the template shows changed; the other files
stay in the site folder. The result is the site a clean build makes, byte for
byte; the tests hold it to that.

Most saves change a few pages and nothing the configuration is made from:
``Site.update`` then brings the last build's own MkDocs objects up to date
(the pages whose file changed, the other files under docs/ that changed, the
search index) without listing, configuring and navigating 8,000 pages again.
It declines, and ``build`` runs, when files came or went, the configuration or
navigation changed, or a plugin it does not know is configured.

Long pages (the timeline and the sources of a large explainer: megabytes of
Markdown, half a minute to render) may be left for ``finish``: the last version
stays, so the saved page is shown first, and ``finish`` renders them and writes
each file whole while the rest of the site is served.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mk
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory, get_build_date

from generator import parallel
from generator.preview import themed
from generator.preview.keptpage import Kept, Search, keep, restore
from generator.preview.theme import Themes, digest, stat
from generator.preview.themed import Built, LastBuild

log = logging.getLogger("mkdocs.plugins.explainer")
KNOWN_PLUGINS = frozenset({"SearchPlugin", "ExplainerPlugin"})
"""Plugins whose events ``update`` may leave out: each build's state of theirs is in its basis or kept here."""
__all__ = ["Built", "Site"]


class Site:
    """One project's site, built into ``config.site_dir`` again and again."""

    def __init__(self) -> None:
        self._pages: dict[str, Kept] = {}
        self._html_basis: object = None
        self._markdown_basis: object = None
        self._uris: frozenset[str] = frozenset()
        self._outputs: set[str] = set()
        self._themes = Themes()
        self._last: LastBuild | None = None
        self._later: list[str] = []
        self._day = ""

    def state(self) -> dict[str, Any]:
        """What a later preview of the same project may start from (``resume``)."""
        names = ("_pages", "_html_basis", "_markdown_basis", "_uris", "_outputs")
        return {name: getattr(self, name) for name in names}

    def resume(self, state: dict[str, Any] | None) -> None:
        """Start from what an earlier preview kept, its files being in the site folder."""
        for name, value in (state or {}).items():
            setattr(self, name, value)

    def build(
        self,
        config: Any,
        *,
        serve_url: str | None = None,
        markdown_basis: object = None,
        later: int | None = None,
        basis: object = None,
    ) -> Built:
        """Build the site as ``mkdocs build`` would. ``markdown_basis`` names what the plugins add to Markdown
        (when it changes, every page is read again); pages longer than ``later`` bytes whose Markdown changed
        keep their last version until ``finish``; ``basis`` names what ``config`` was made from, for ``update``."""
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
        self._last = last = LastBuild(config, files, nav, env, list(doc_files), basis, _listing(config))
        last.static_files = {
            file.src_uri: (file, stat(file.abs_src_path or "")) for file in _statics(files, config, inclusion)
        }
        self._templates(last)
        search = themed.write(self._pages, last, built, self._themes.key, whole=False, every=True)
        for event in config.plugins.events["post_build"]:
            if not (search.writes_itself and getattr(event, "__self__", None) is search.plugin):
                event(config=config)
        if search.writes_itself:
            search.write(config, [self._pages[file.src_uri] for file in doc_files])
        built.removed = self._prune(config, files, inclusion)
        built.pages, built.later = len(doc_files), list(self._later)
        return built

    def update(self, basis: object, *, later: int | None = None) -> Built | None:
        """The last build brought up to date with what changed under docs/, or None when it cannot be."""
        last = self._last
        plugins = {type(plugin).__name__ for plugin in last.config.plugins.values()} if last else set()
        if last is None or basis is None or basis != last.basis or not plugins <= KNOWN_PLUGINS:
            return None
        if _listing(last.config) != last.listing or self._themes.env(last.config)[0] is not last.env:
            return None  # files came or went, or the theme changed: every page's links or template may differ
        if self._day != get_build_date():
            return None  # a new day: every page's date in the sitemap
        built, self._later = Built(), []
        for file in last.doc_files:
            kept = self._pages[file.src_uri]
            if kept.stat != stat(file.abs_src_path or "") and file.page is not None:
                self._populate(file.page, last.config, last.files, set(), built, later)
        for uri, (file, was) in last.static_files.items():
            now = stat(file.abs_src_path or "")
            if now != was:
                file.copy_file(dirty=False)
                last.static_files[uri] = (file, now)
        search = themed.write(self._pages, last, built, self._themes.key, whole=False, every=False)
        if built.written:
            search.write(last.config, [self._pages[file.src_uri] for file in last.doc_files])
        built.pages, built.later = len(last.doc_files), list(self._later)
        return built

    def finish(self, stop: Callable[[], bool] = lambda: False) -> Built:
        """Render the long pages ``build`` left, one by one, each in a child process so that ``stop()`` (a
        save) can end it; each file is written whole, because the site is being served."""
        built, last = Built(), self._last
        while self._later and last is not None and not stop():
            uri = self._later.pop(0)
            file = last.files.get_file_from_path(uri)
            if file is None or file.page is None:
                continue
            done = parallel.aside(functools.partial(self._long_page, file.page, last), stop)
            if done is None:
                self._later.insert(0, uri)  # a save came first: the next rebuild leaves it for later again
                break
            self._pages[uri] = done
            restore(file.page, done)
            built.rendered.append(uri)
            built.written.append(uri)
        if built.rendered and last is not None:  # a long page's new title may show in every page's navigation
            search = themed.write(self._pages, last, Built(), self._themes.key, whole=True, every=False)
            search.write(last.config, [self._pages[file.src_uri] for file in last.doc_files])
        built.later = list(self._later)
        return built

    def _long_page(self, page: Page, last: LastBuild) -> Kept:
        """A long page rendered and written (in the child ``finish`` started): what is kept of it."""
        self._populate(page, last.config, last.files, set(), Built(), None)
        kept = self._pages[page.file.src_uri]
        shown = themed.shown_by_all(last, self._themes.key)
        themed.write_one(page, kept, last, shown, Search(last.config), whole=True)
        page.validate_anchor_links(files=last.files, log_level=last.config.validation.links.anchors)
        return kept

    def _templates(self, last: LastBuild) -> None:
        """The theme's own pages (404, sitemap) and the project's extra templates."""
        for template in last.config.theme.static_templates:
            mk._build_theme_template(template, last.env, last.files, last.config, last.nav)
        for template in last.config.extra_templates:
            mk._build_extra_template(template, last.files, last.config, last.nav)
        self._day = get_build_date()

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
            restore(page, kept)
            return
        if kept is not None and later is not None and now is not None and now[1] > later:
            restore(page, kept)  # its last version, until ``finish``
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
                restore(page, kept)
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


def _statics(files: Files, config: Any, inclusion: Callable[[Any], bool]) -> list[File]:
    """What ``copy_static_files`` copies from docs/ (the theme's files do not change while serving)."""
    docs = os.path.abspath(config.docs_dir)
    return [
        file
        for file in files
        if not file.is_documentation_page()
        and inclusion(file.inclusion)
        and file.src_dir
        and os.path.abspath(file.src_dir) == docs
    ]


def _listing(config: Any) -> frozenset[str]:
    """Every file under docs/, as MkDocs finds them (``get_files`` walks the folder and follows links)."""
    found: list[str] = []
    pending = [(config.docs_dir, "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir():
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    found.append(prefix + entry.name)
    return frozenset(found)
