"""Pages that list briefs: the list of all briefs, one page per kind for a large explainer, and tags.

What a list shows of each brief is its ``Listing``, and only that: the preview
re-renders a list when a brief's listing changed (``pages.registry`` declares it),
so a field shown here must be part of the listing, or the page would go stale.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from generator.content.explainer import Kind, Tag
from generator.content.graph import Graph, Node
from generator.pages import text
from generator.pages.render import Renderer, linker


@dataclass(frozen=True)
class Listing:
    """What a list of briefs shows of each, and orders it by."""

    draft: bool
    kind: str
    weight: int
    title: str
    summary: str

    @classmethod
    def of(cls, brief: Any) -> Listing:
        return cls(brief.draft, brief.kind, brief.weight, brief.title, brief.summary)


def tagged(brief: Any) -> tuple[Listing, tuple[str, ...]]:
    """What the tags page reads of a brief."""
    return Listing.of(brief), brief.tags


def by_kind(r: Renderer) -> list[tuple[Kind, list[Node]]]:
    """The declared kinds that have published briefs, each with its briefs in reading order."""

    def group() -> list[tuple[Kind, list[Node]]]:
        found: dict[str, list[Node]] = {}
        for brief in r.graph.of("brief"):
            found.setdefault(brief.model.kind, []).append(brief)
        return [(kind, found[kind.id]) for kind in r.graph.explainer.kinds if kind.id in found]

    return r.once("by-kind", group)  # type: ignore[no-any-return]


SHOWN_FROM = 2
"""A tag is shown once it groups this many published briefs: a tag on one brief leads nowhere."""


def grouped(graph: Graph) -> list[tuple[Tag, list[Node]]]:
    """The declared tags that group several published briefs, in the order declared, each with its briefs."""
    found: dict[str, list[Node]] = {}
    for brief in graph.of("brief"):
        for tag in dict.fromkeys(brief.model.tags):
            found.setdefault(tag, []).append(brief)
    return [(tag, found[tag.id]) for tag in graph.explainer.tags if len(found.get(tag.id, ())) >= SHOWN_FROM]


def has_tags(graph: Graph) -> bool:
    return bool(grouped(graph))


def tags(r: Renderer) -> list[tuple[Tag, list[Node]]]:
    return r.once("tags", lambda: grouped(r.graph))  # type: ignore[no-any-return]


def brief_tags(r: Renderer, brief: Any) -> list[Tag]:
    """The brief's tags that are shown: those that group it with other briefs."""
    shown: dict[str, Tag] = r.once("shown-tags", lambda: {tag.id: tag for tag, _briefs in tags(r)})
    return [shown[tag] for tag in dict.fromkeys(brief.tags) if tag in shown]


def lines(r: Renderer, path: str, briefs: list[Node], *, summary: bool) -> list[str]:
    """A list item per brief, linking to it (with its summary): made in Python from the brief's listing, and
    kept per brief while the preview runs, as the long lists of a large explainer are most of their pages' cost."""
    link = linker(path)

    def line(brief: Node) -> str:
        shown = Listing.of(brief.model)
        item = f"- [{text.plain(shown.title)}]({link(r.addresses.entity('brief', brief.id))})"
        return f"{item}: {text.markdown_inline(shown.summary)}" if summary else item

    return [r.part(path, (brief.model,), functools.partial(line, brief)) for brief in briefs]


def briefs_index(r: Renderer, path: str) -> str:
    groups = [(kind, lines(r, path, briefs, summary=True)) for kind, briefs in by_kind(r)]
    return r.render(path, "briefs.md.j2", kinds=groups)


def section(r: Renderer, path: str, kind_id: str) -> str:
    """One kind's page, listing its briefs: the navigation of a large explainer lists these instead of briefs."""
    kind, briefs = next((kind, briefs) for kind, briefs in by_kind(r) if kind.id == kind_id)
    return r.render(path, "section.md.j2", kind=kind, lines=lines(r, path, briefs, summary=True))


def tags_page(r: Renderer, path: str) -> str:
    groups = [(tag, lines(r, path, briefs, summary=False)) for tag, briefs in tags(r)]
    return r.render(path, "tags.md.j2", tags=groups)
