"""The second half of a page's build: its HTML in the theme's template, written into the site folder.

A page's themed file shows its own HTML and what the template reads of the rest:
the navigation (every item's title, address and front matter), the page's
neighbours, the configuration and the theme. What it was made from is kept with
the page (``Kept.shown``); the file is made again only when that changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mk
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.preview.keptpage import Kept, Search
from generator.preview.theme import Stat, digest


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
class LastBuild:
    """A build's MkDocs objects, which the next save may bring up to date instead of building again."""

    config: Any
    files: Files
    nav: Navigation
    env: Any
    doc_files: list[File]
    basis: object = None
    """What the configuration was made from; an update is possible only while it is the same."""
    listing: frozenset[str] = frozenset()
    """The files under docs/ then."""
    static_files: dict[str, tuple[File, Stat | None]] = field(default_factory=dict)
    """The other files under docs/, copied, with their stat then."""
    shown: str = ""
    """What every page's template showed of the navigation, configuration and theme."""


def shown_by_all(last: LastBuild, theme: str) -> str:
    config = last.config
    return digest(
        _config_file(config), config.nav, config.theme.get("features"), _nav(last.nav), theme, config.site_url
    )


def write(pages: dict[str, Kept], last: LastBuild, built: Built, theme: str, *, whole: bool, every: bool) -> Search:
    """Write each page's themed file that is out of date: of the pages rendered, or of ``every`` page (when what
    all templates show may have changed); ``whole``: each through a file beside it (the site is being served)."""
    shown, search = shown_by_all(last, theme), Search(last.config)
    rendered = set(built.rendered)
    every = every or shown != last.shown
    last.shown = shown
    for file in last.doc_files if every else [f for f in last.doc_files if f.src_uri in rendered]:
        page, kept = file.page, pages[file.src_uri]
        assert page is not None
        unchanged = search.complete and kept.shown == _shown(page, shown) and file.src_uri not in rendered
        if unchanged and os.path.exists(file.abs_dest_path):
            search.reuse(kept)
            continue
        write_one(page, kept, last, shown, search, whole=whole)
        built.written.append(file.src_uri)
    for file in last.doc_files:
        if file.src_uri in rendered and file.page is not None:
            file.page.validate_anchor_links(files=last.files, log_level=last.config.validation.links.anchors)
    return search


def write_one(page: Page, kept: Kept, last: LastBuild, shown: str, search: Search, *, whole: bool) -> None:
    """One page's themed file, and its entries in the search index kept with it."""
    before, content = search.mark(), page.content
    _build_page(page, last, whole=whole)
    page.content = content
    search.added(kept, before)
    kept.shown = _shown(page, shown)


def _shown(page: Page, shown: str) -> tuple[object, ...]:
    return (shown, page.title, _neighbour(page.previous_page), _neighbour(page.next_page))


def _build_page(page: Page, last: LastBuild, *, whole: bool) -> None:
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
