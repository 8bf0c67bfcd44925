"""The maps page: every map the explainer declares, each at its own anchor, with the briefs that show it."""

from __future__ import annotations

from generator.content.graph import Node
from generator.pages.pictures.draw import map_picture
from generator.pages.pictures.picture import Picture
from generator.pages.render import Renderer


def maps(r: Renderer, path: str) -> str:
    shown = [(node, map_picture(r, node, path), node.out("briefs")) for node in r.graph.of("map")]
    return r.render(path, "maps.md.j2", maps=shown)


def first_map(r: Renderer, path: str) -> Picture | None:
    """The map the home page shows: the first in the maps' order."""
    found: list[Node] = r.graph.of("map")
    return map_picture(r, found[0], path) if found else None


def brief_maps(r: Renderer, brief: Node, path: str) -> list[Picture]:
    """The maps that list a brief among the briefs that show them."""
    return [map_picture(r, node, path) for node in brief.into("map")]
