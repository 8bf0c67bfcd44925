"""Site navigation, in the explainer's own order, kept small when the explainer is large.

MkDocs writes the whole navigation into every page, so a navigation that lists
every brief makes each page cost more as briefs are added: the site build grows
with the square of its size. Up to ``Settings.full_nav_up_to`` briefs the
navigation lists them all, which reads best; above it, each kind gets one section
page listing its briefs, and the navigation lists the kinds only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.content.graph import Graph
from generator.pages import text
from generator.pages.render import Addresses
from generator.project import Settings


@dataclass(frozen=True)
class NavItem:
    title: str
    path: str | None = None
    children: tuple[NavItem, ...] = ()

    def to_mkdocs(self) -> Any:
        title = text.html_text(self.title)  # MkDocs and the theme print navigation titles as HTML
        if self.children:
            return {title: [child.to_mkdocs() for child in self.children]}
        return {title: self.path}


def is_sectioned(graph: Graph, settings: Settings) -> bool:
    """Whether the explainer is large enough for the navigation to list section pages instead of briefs."""
    return len(graph.of("brief")) > settings.full_nav_up_to


def build_nav(graph: Graph, settings: Settings, addresses: Addresses) -> list[NavItem]:
    """Home, briefs by kind (each brief, or each kind's section page), then reference pages."""
    items = [NavItem("Home", addresses.path("home"))]
    sectioned = is_sectioned(graph, settings)
    groups: dict[str, list[Any]] = {}
    for brief in graph.of("brief"):
        groups.setdefault(brief.model.kind, []).append(brief)
    for kind in graph.explainer.kinds:
        briefs = groups.get(kind.id)
        if not briefs:
            continue
        if sectioned:
            items.append(NavItem(kind.title, addresses.path("section", kind=kind.id)))
        else:
            children = tuple(NavItem(b.model.title, addresses.entity("brief", b.id)) for b in briefs)
            items.append(NavItem(kind.title, children=children))
    items.append(NavItem("Actors", addresses.path("actors")))
    items.append(NavItem("Timeline", addresses.path("timeline")))
    reference = [
        NavItem("All briefs", addresses.path("briefs")),
        NavItem("Glossary", addresses.path("glossary")),
        NavItem("Sources", addresses.path("sources")),
        NavItem("Tags", addresses.path("tags")),
    ]
    if graph.explainer.about:
        reference.append(NavItem("How this explainer is made", addresses.path("about")))
    items.append(NavItem("Reference", children=tuple(reference)))
    return items
