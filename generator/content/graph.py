"""Validated entries → one graph: every published entity as a node, in reading order, with who names it.

Built generically from the content-type table: a node knows its model and
which nodes reference it (``referrers``, by kind, each in that kind's reading
order); what a node references is looked up from its model when asked
(``out``). Drafts are left out. ``check`` must have passed, so every reference
to a published entity resolves; references to drafts are simply absent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator.content.corpus import Corpus
from generator.content.explainer import Explainer
from generator.content.types import BY_KIND, TYPES
from generator.content.walk import ref_fields

Key = tuple[str, str]
"""An entity: (kind, id)."""


@dataclass(eq=False, slots=True)
class Node:
    """One published entity. Its repr names it only: printed in full, a cyclic graph never ends."""

    kind: str
    id: str
    model: Any = field(repr=False)
    graph: Graph = field(repr=False)
    targets: dict[str, tuple[str, ...]] = field(repr=False)
    """The ids it references, by kind (its entry's)."""
    file: Any = field(repr=False)
    """The content file it comes from (``files.SourceFile``), for messages about it."""
    rank: int = field(default=0, repr=False)
    """Its position in its kind's reading order."""
    referrers: dict[str, list[Node]] = field(default_factory=dict, repr=False)
    """Who references it, by kind, each once and in that kind's reading order."""

    def out(self, name: str) -> list[Node]:
        """The published entities that the top-level field ``name`` of the model references, in its order."""
        cls: type[BaseModel] = type(self.model)
        target = dict(ref_fields(cls))[name]
        assert target is not None, f"{type(self.model).__name__}.{name} is not a reference field"
        value = getattr(self.model, name)
        ids = (value,) if isinstance(value, str) else value or ()
        return self.graph.find(target, ids)

    def cited(self) -> list[Node]:
        """The sources the model's own ``sources`` list cites, in its order."""
        return self.graph.find("source", dict.fromkeys(cite.source for cite in self.model.sources))

    def into(self, kind: str) -> list[Node]:
        """The published entities of ``kind`` that reference this one, in reading order."""
        return self.referrers.get(kind, [])

    @property
    def key(self) -> Key:
        return (self.kind, self.id)


class Graph:
    """The whole published explainer, resolved and ordered for rendering."""

    def __init__(self, explainer: Explainer) -> None:
        self.explainer = explainer
        self.nodes: dict[str, list[Node]] = {t.kind: [] for t in TYPES}
        self.index: dict[str, dict[str, Node]] = {t.kind: {} for t in TYPES}
        self.version = 0
        """Counts changes made in place (by the preview), so views derived from the graph know to renew."""

    def of(self, kind: str) -> list[Node]:
        """The published entities of ``kind`` in reading order."""
        return self.nodes.get(kind, [])

    def get(self, kind: str, entity_id: str) -> Node | None:
        return self.index.get(kind, {}).get(entity_id)

    def find(self, kind: str, ids: Iterable[str]) -> list[Node]:
        """The published entities of ``kind`` with these ids, in the order given (unpublished ones left out)."""
        table = self.index.get(kind, {})
        return [table[i] for i in ids if i in table]

    @property
    def root(self) -> Node:
        """The explainer itself, as a node: what its takeaways and map cite point back to it."""
        return self.nodes["explainer"][0]

    def ordered(self, nodes: Iterable[Node]) -> list[Node]:
        """``nodes`` (of one kind) in reading order."""
        return sorted(nodes, key=_by_rank)

    def order(self, kind: str) -> None:
        """Sort ``kind``'s nodes in reading order and number them."""
        explainer, order = self.explainer, BY_KIND[kind].order
        self.nodes[kind].sort(key=lambda node: (*order(node.model, explainer), node.id))
        for rank, node in enumerate(self.nodes[kind]):
            node.rank = rank


def resolve(corpus: Corpus) -> Graph:
    """Build the graph of every published entity."""
    assert corpus.explainer is not None
    graph = Graph(corpus.explainer.model)
    for content in TYPES:
        entries = [corpus.explainer] if content.kind == "explainer" else corpus.get(content.kind).values()
        for entry in entries:
            if content.published(entry.model):
                node = Node(entry.kind, entry.id, entry.model, graph, entry.targets, entry.file)
                graph.nodes[content.kind].append(node)
                graph.index[content.kind][entry.id] = node
        graph.order(content.kind)
    for content in TYPES:  # kind by kind, in reading order: so every list of referrers is in reading order
        for node in graph.nodes[content.kind]:
            link(graph, node)
    return graph


def link(graph: Graph, node: Node) -> None:
    """Add ``node`` to the referrers of everything it references, at the end of each list."""
    for target in targets(graph, node):
        target.referrers.setdefault(node.kind, []).append(node)


def unlink(graph: Graph, node: Node) -> None:
    """Take ``node`` out of the referrers of everything it references."""
    for target in targets(graph, node):
        target.referrers[node.kind].remove(node)


def targets(graph: Graph, node: Node) -> list[Node]:
    """The published nodes ``node`` references, each once (itself included if it names itself)."""
    found: list[Node] = []
    for kind, ids in node.targets.items():
        found += graph.find(kind, ids)
    return found


def _by_rank(node: Node) -> int:
    return node.rank


def citations(items: Sequence[Any]) -> list[str]:
    """The source ids cited by ``items`` (models with ``sources``), each once, in order of first citation."""
    ids: dict[str, None] = {}
    for item in items:
        for cite in item.sources:
            ids[cite.source] = None
    return list(ids)
