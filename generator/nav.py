"""Site navigation, in the explainer's own order, kept small when the explainer is large.

MkDocs writes the whole navigation into every page, so a navigation that lists
every brief makes each page cost more as briefs are added: the site build grows
with the square of its size. Up to ``FULL_NAV_UP_TO`` briefs the navigation lists
them all, which reads best; above it, each kind gets one section page listing its
briefs, and the navigation lists the kinds only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator import text
from generator.corpus import Graph
from generator.models import Kind
from generator.render import ABOUT, ACTORS, BRIEFS, GLOSSARY, HOME, SOURCES, TAGS, TIMELINE, brief_path

FULL_NAV_UP_TO = 50
"""The largest number of briefs for which the navigation lists every brief."""


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


def is_sectioned(graph: Graph, full_up_to: int = FULL_NAV_UP_TO) -> bool:
    """Whether the explainer is large enough for the navigation to list section pages instead of briefs."""
    return len(graph.briefs) > full_up_to


def kind_path(kind_id: str) -> str:
    """The section page of one kind: under briefs/, in a folder no brief page can use."""
    return f"briefs/kinds/{kind_id}.md"


def build_nav(graph: Graph, full_up_to: int = FULL_NAV_UP_TO) -> list[NavItem]:
    """Home, briefs by kind (each brief, or each kind's section page), then reference pages."""
    items = [NavItem("Home", HOME)]
    sectioned = is_sectioned(graph, full_up_to)
    for kind in graph.kinds:
        briefs = graph.briefs_of(kind)
        if not briefs:
            continue
        if sectioned:
            items.append(NavItem(kind.title, kind_path(kind.id)))
        else:
            items.append(NavItem(kind.title, children=tuple(NavItem(b.model.title, brief_path(b.id)) for b in briefs)))
    items.append(NavItem("Actors", ACTORS))
    items.append(NavItem("Timeline", TIMELINE))
    reference = [NavItem("All briefs", BRIEFS), NavItem("Glossary", GLOSSARY), NavItem("Sources", SOURCES)]
    reference.append(NavItem("Tags", TAGS))
    if graph.explainer.about:
        reference.append(NavItem("How this explainer is made", ABOUT))
    items.append(NavItem("Reference", children=tuple(reference)))
    return items


def section_paths(graph: Graph, full_up_to: int = FULL_NAV_UP_TO) -> list[str]:
    """The section pages the navigation needs: one per kind that has briefs, when the explainer is large."""
    if not is_sectioned(graph, full_up_to):
        return []
    return [kind_path(kind.id) for kind in graph.kinds if graph.briefs_of(kind)]


def section_page(graph: Graph, path: str) -> str:
    """The Markdown of one section page: the kind's title and description, then its briefs in order."""
    kind = next(kind for kind in graph.kinds if kind_path(kind.id) == path)
    return _section_page(kind, graph)


def _section_page(kind: Kind, graph: Graph) -> str:
    # Section pages sit in briefs/kinds/, one folder below the brief pages they list.
    lines = [
        "---",
        f"title: {json.dumps(kind.title, ensure_ascii=False)}",
        f"description: {json.dumps(kind.description, ensure_ascii=False)}",
        "---",
        f"# {text.plain(kind.title)}",
        "",
        text.markdown_inline(kind.description),
        "",
    ]
    for brief in graph.briefs_of(kind):
        title, summary = text.plain(brief.model.title), text.markdown_inline(brief.model.summary)
        lines.append(f"- [{title}](../{brief.id}.md): {summary}")
    return "\n".join(lines) + "\n"
