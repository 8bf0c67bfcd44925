"""What the preview's site build keeps of a page between builds, and how a new page object takes it back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

Stat = tuple[int, int, int, int]


@dataclass
class Kept:
    """A page as its Markdown made it (after every plugin), its search entries and what its template showed."""

    stat: Stat | None
    markdown: str
    meta: dict[str, Any]
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None
    """Links to anchors in other pages, by the linked page's path (MkDocs keys them by file objects, made anew
    each build)."""
    search: list[Any] = field(default_factory=list)
    shown: object = None
    """What the page's themed file was made from; None until it is written."""


def keep(page: Page, stat: Stat | None) -> Kept:
    links = getattr(page, "links_to_anchors", None)
    return Kept(
        stat,
        page.markdown or "",
        dict(page.meta),
        page.content or "",
        page.toc,
        page._title_from_render,
        page.present_anchor_ids,
        None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()},
    )


def restore(page: Page, kept: Kept, files: Files) -> None:
    """Give a page made anew this build what its Markdown made last time."""
    page.markdown = kept.markdown
    page.meta = dict(kept.meta)
    page.content = kept.content
    page.toc = kept.toc
    page._title_from_render = kept.title
    page.present_anchor_ids = kept.anchors
    if kept.links is not None:
        found = ((files.get_file_from_path(uri), anchors) for uri, anchors in kept.links.items())
        page.links_to_anchors = {file: dict(anchors) for file, anchors in found if file is not None}


def search_entries(config: Any) -> tuple[list[Any] | None, bool]:
    """The entries the search plugin is gathering this build, and whether a page may be left out of the
    build (its kept entries added instead): not when a search plugin keeps them where this cannot see."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        for name in ("entries", "_entries"):  # Material's search, MkDocs' own
            entries = getattr(index, name, None)
            if isinstance(entries, list):
                return entries, True
        if index is not None:
            return None, False
    return None, True
