"""What the preview's site build keeps of a page between builds, and how a new page object takes it back."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from mkdocs import utils
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
    search: list[Any] = field(default_factory=list)
    search_json: str = ""
    """The search entries as the index writes them, joined by commas."""
    shown: object = None
    """What the page's themed file was made from; None until it is written."""


def keep(page: Page, stat: Stat | None) -> Kept:
    meta, content = dict(page.meta), page.content or ""
    return Kept(stat, page.markdown or "", meta, content, page.toc, page._title_from_render, page.present_anchor_ids)


def restore(page: Page, kept: Kept) -> None:
    """Give a page what its Markdown made last time (its links to other pages' anchors are checked only
    when it is rendered)."""
    page.markdown = kept.markdown
    page.meta = dict(kept.meta)
    page.content = kept.content
    page.toc = kept.toc
    page._title_from_render = kept.title
    page.present_anchor_ids = kept.anchors


class Search:
    """The search plugin's index, gathered from what each page's build added to it.

    Material's search writes its index with one ``json.dumps`` of every entry (a
    second at 1,000 real-shaped briefs); each page's entries are kept as the JSON
    they become, and the index is written from those: the same bytes. A search
    plugin whose entries this cannot see makes every page be built each time.
    """

    def __init__(self, config: Any) -> None:
        self.plugin: Any = None
        self.entries: list[Any] | None = None
        self.complete = True
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            for name in ("entries", "_entries"):  # Material's search, MkDocs' own
                if isinstance(getattr(index, name, None), list):
                    self.plugin, self.entries = plugin, getattr(index, name)
            if index is not None and self.entries is None:
                self.complete = False

    @property
    def writes_itself(self) -> bool:
        """Whether this writes the index (Material's), rather than the plugin at the end of the build."""
        return self.plugin is not None and callable(getattr(self.plugin.search_index, "generate_search_index", None))

    def mark(self) -> int:
        return len(self.entries) if self.entries is not None else 0

    def added(self, kept: Kept, since: int) -> None:
        """Keep what the page just built added to the index."""
        new = self.entries[since:] if self.entries is not None else []
        kept.search = new
        kept.search_json = ",".join(json.dumps(entry, separators=(",", ":"), default=str) for entry in new)

    def reuse(self, kept: Kept) -> None:
        """A page not built again: its entries, as they were."""
        if self.entries is not None and not self.writes_itself:
            self.entries.extend(kept.search)

    def write(self, config: Any, pages: list[Kept]) -> None:
        """The index file, as Material's search writes it."""
        index = self.plugin.search_index
        empty = type(index)(**index.config).generate_search_index(None)  # its configuration, no entries
        assert empty.endswith("[]}"), empty[-40:]
        docs = ",".join(kept.search_json for kept in pages if kept.search_json)
        path = os.path.join(config.site_dir, "search", "search_index.json")
        utils.write_file((empty[:-2] + docs + "]}").encode("utf-8"), path + ".explainer-new")
        os.replace(path + ".explainer-new", path)  # whole: the site is served meanwhile
