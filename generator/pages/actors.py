"""Pages about the actors: one per actor, and the index with the ties between them, kind by kind.

A tie reads as a sentence: the actor, the tie's label, the other actor ("Georgia is
the transit country for the oil pipeline of Azerbaijan"), with its sources as notes.
A list of sentences says the same as a diagram, at any width and to any reader,
without a diagram library.
"""

from __future__ import annotations

from typing import Any

from generator.content.graph import Node
from generator.pages import text
from generator.pages.render import Renderer

TYPES = {"country": "Countries", "person": "People", "organisation": "Organisations", "institution": "Institutions"}
"""Headings of the actors index, in order."""


def ties(r: Renderer, actor: Node) -> list[tuple[Node, Any]]:
    """The actor's own ties: (the other actor, the tie)."""
    return [(r.graph.index["actor"][tie.actor], tie) for tie in actor.model.ties]


def incoming(actor: Node) -> list[tuple[Node, Any]]:
    """Other actors' ties to this one: (the other actor, the tie)."""
    return [(other, tie) for other in actor.into("actor") for tie in other.model.ties if tie.actor == actor.id]


def actor(r: Renderer, path: str, node: Node) -> str:
    country = node.out("country")
    return r.render(
        path,
        "actor.md.j2",
        actor=node,
        model=node.model,
        description=text.plain_text(node.model.summary),
        country=country[0] if country else None,
        ties=ties(r, node),
        incoming=incoming(node),
        briefs=node.into("brief"),
        events=node.into("event"),
        kinds={kind.id: kind for kind in r.graph.explainer.kinds},
    )


def actors_index(r: Renderer, path: str) -> str:
    groups: dict[str, list[Node]] = {}
    for node in r.graph.of("actor"):
        groups.setdefault(node.model.type, []).append(node)
    ordered = [(title, groups[kind]) for kind, title in TYPES.items() if kind in groups]
    notes = r.notes()
    tied = [(kind, [(a, tie, b, notes.refs(tie.sources)) for a, tie, b in found]) for kind, found in tie_groups(r)]
    return r.render(path, "actors.md.j2", groups=ordered, ties=tied, notes=notes.definitions())


def tie_groups(r: Renderer) -> list[tuple[Any, list[tuple[Node, Any, Node]]]]:
    """Every tie as (actor, tie, other actor), grouped by kind in the explainer's order of kinds."""
    found: dict[str, list[tuple[Node, Any, Node]]] = {}
    for node in r.graph.of("actor"):
        for other, tie in ties(r, node):
            found.setdefault(tie.kind, []).append((node, tie, other))
    return [(kind, found[kind.id]) for kind in r.graph.explainer.kinds if kind.id in found]
