"""Site navigation, in the explainer's own order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.corpus import Graph
from generator.render import ABOUT, ACTORS, BRIEFS, GLOSSARY, HOME, SOURCES, TAGS, TIMELINE, brief_path


@dataclass(frozen=True)
class NavItem:
    title: str
    path: str | None = None
    children: tuple[NavItem, ...] = ()

    def to_mkdocs(self) -> Any:
        if self.children:
            return {self.title: [child.to_mkdocs() for child in self.children]}
        return {self.title: self.path}


def build_nav(graph: Graph) -> list[NavItem]:
    """Navigation in the explainer's own order: home, briefs by kind, then reference pages."""
    items = [NavItem("Home", HOME)]
    for kind in graph.kinds:
        briefs = graph.briefs_of(kind)
        if briefs:
            items.append(NavItem(kind.title, children=tuple(NavItem(b.model.title, brief_path(b.id)) for b in briefs)))
    items.append(NavItem("Actors", ACTORS))
    items.append(NavItem("Timeline", TIMELINE))
    reference = [NavItem("All briefs", BRIEFS), NavItem("Glossary", GLOSSARY), NavItem("Sources", SOURCES)]
    reference.append(NavItem("Tags", TAGS))
    if graph.explainer.about:
        reference.append(NavItem("How this explainer is made", ABOUT))
    items.append(NavItem("Reference", children=tuple(reference)))
    return items
