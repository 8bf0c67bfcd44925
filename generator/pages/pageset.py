"""Every page of one graph, by path: what the writer, the preview, tests and tools ask for."""

from __future__ import annotations

from collections.abc import Iterator

from generator.content.graph import Graph
from generator.keep import Keep, nothing
from generator.pages.registry import ADDRESSES, Page, pages
from generator.pages.render import Renderer
from generator.project import Settings


class PageSet:
    """The pages a graph makes (``pages.registry``), each rendered when asked for."""

    def __init__(self, graph: Graph, settings: Settings = Settings(), keep: Keep = nothing) -> None:
        self.renderer = Renderer(graph, settings, ADDRESSES, keep)
        self.by_path, self.clashes = pages(self.renderer)
        """Every page by path, and a finding for each page that would share another's address."""

    def paths(self) -> list[str]:
        return sorted(self.by_path)

    def page(self, path: str) -> str:
        """The text of one file (``KeyError`` for a path the graph does not make)."""
        page = self.by_path[path]
        return page.kind.make(self.renderer, page)

    def parts(self, path: str) -> Iterator[bytes]:
        """A file that grows with the whole explainer, in encoded parts that join to its ``page``."""
        page = self.by_path[path]
        if page.kind.parts is None:
            raise KeyError(path)
        return page.kind.parts(self.renderer, page)

    def streamed(self) -> list[str]:
        return [path for path, page in sorted(self.by_path.items()) if page.kind.parts is not None]

    def pages(self) -> dict[str, str]:
        """Every generated file: {path under docs/: text}."""
        return {path: self.page(path) for path in self.paths()}

    def __getitem__(self, path: str) -> Page:
        return self.by_path[path]
