"""Every page of one graph, by path: what the writer, the preview, tests and tools ask for."""

from __future__ import annotations

from collections.abc import Iterator

from generator.content.graph import Graph
from generator.draw import Draw
from generator.errors import Finding
from generator.keep import Keep, nothing
from generator.pages import registry
from generator.pages.pictures import svg
from generator.pages.registry import ADDRESSES, Page, url_of
from generator.pages.render import Renderer
from generator.project import Settings


class PageSet:
    """The pages a graph makes (``pages.registry``), each rendered when asked for."""

    def __init__(
        self, graph: Graph, settings: Settings = Settings(), keep: Keep = nothing, draw: Draw = svg.vega
    ) -> None:
        self.renderer = Renderer(graph, settings, ADDRESSES, keep, draw)
        self.by_path, self.clashes = pages(self.renderer)
        """Every page by path, and a finding for each page that would share another's address."""

    def paths(self) -> list[str]:
        return sorted(self.by_path)

    def page(self, path: str) -> str:
        """The text of one file (``KeyError`` for a path the graph does not make)."""
        page = self.by_path[path]
        return self.renderer.make(page.kind.make, page)

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


def pages(r: Renderer) -> tuple[dict[str, Page], list[Finding]]:
    """Every output file of the graph by path, and a finding for each path that two pages would share."""
    found: dict[str, Page] = {}
    urls: dict[str, Page] = {}
    problems = []
    for kind in registry.PAGE_KINDS:
        for page in kind.pages(r):
            url = url_of(page.path)
            first = found.get(page.path) or urls.get(url)
            if first is not None:
                problems.append(_clash(first, page))
                continue
            found[page.path] = urls[url] = page
    return found, problems


def _clash(first: Page, second: Page) -> Finding:
    """Two pages for one address: reported on the content file that asked for the second (or the first)."""
    owner = second if second.subject is not None else first
    other = first if owner is second else second
    assert owner.subject is not None, f"{first.path}: two of the site's own pages share an address"
    node = owner.subject
    what = f"the page of {other.subject.kind} '{other.subject.id}'" if other.subject else f"the {other.kind.title} page"
    message = f"the page of {node.kind} '{node.id}' would be published at the same address as {what} ({other.path})"
    return Finding(node.file.path, node.file.display, (), "page-clash", message, "rename the file")
