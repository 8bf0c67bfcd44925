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
from generator.pages.lists import has_tags
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
    """Home; the briefs under one section whose page is the list of all briefs; actors, timeline, maps; then the
    reference pages.

    A level holds more than one item: a kind with one brief lists the brief itself, not a section of one (on a
    phone the menu opens at the level of the page shown). Reference pages do not begin with a page named
    ``index``, which the theme would make the section's own page.
    """
    items = [NavItem("Home", addresses.path("home"))]
    briefs = [NavItem("All briefs", addresses.path("briefs"))]
    groups: dict[str, list[Any]] = {}
    for brief in graph.of("brief"):
        groups.setdefault(brief.model.kind, []).append(brief)
    for kind in graph.explainer.kinds:
        found = groups.get(kind.id)
        if not found:
            continue
        if is_sectioned(graph, settings):
            briefs.append(NavItem(kind.title, addresses.path("section", kind=kind.id)))
            continue
        children = tuple(NavItem(b.model.title, addresses.entity("brief", b.id)) for b in found)
        briefs.extend(children if len(children) == 1 else (NavItem(kind.title, children=children),))
    items.append(NavItem("Briefs", children=tuple(briefs)))
    items.append(NavItem("Actors", addresses.path("actors")))
    items.append(NavItem("Timeline", addresses.path("timeline")))
    if graph.of("map"):
        items.append(NavItem("Maps", addresses.path("maps")))
    reference = [NavItem("Glossary", addresses.path("glossary")), NavItem("Sources", addresses.path("sources"))]
    if has_tags(graph):
        reference.append(NavItem("Tags", addresses.path("tags")))
    if graph.explainer.about:
        reference.append(NavItem("How this explainer is made", addresses.path("about")))
    items.append(NavItem("Reference", children=tuple(reference)))
    return items
