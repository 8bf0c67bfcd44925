"""The preview's resolver: bring the last graph up to date in place when only some entities were edited.

An edit to one file costs a few list updates instead of a new graph: at 10,000
briefs a new graph took 0.2 s to build and, being cyclic, left a collector pass
to free the old one. When entities appear, disappear, or the explainer file
changed, other entities' references may now resolve differently: the caller
resolves a new graph instead. The result is what ``graph.resolve`` would build;
the tests hold it to that.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from generator.content.corpus import Corpus
from generator.content.graph import Graph, Key, Node, targets, unlink
from generator.content.types import BY_KIND


def patch(graph: Graph, corpus: Corpus, changed: Iterable[Key]) -> bool:
    """Update ``graph`` for the ``changed`` entities; False, with the graph untouched, when it cannot."""
    edits = []
    for kind, entity_id in changed:
        if kind == "explainer":
            return False
        node, entry = graph.get(kind, entity_id), corpus.entry(kind, entity_id)
        published = entry is not None and BY_KIND[kind].published(entry.model)
        if node is None and not published:
            continue  # a draft changed, came or went: drafts are not in the graph
        if node is None or entry is None or not published:
            return False  # an entity came or went: references to it resolve differently now
        edits.append((node, entry))
    for node, _entry in edits:
        unlink(graph, node)
    for node, entry in edits:
        node.model, node.targets, node.file = entry.model, entry.targets, entry.file
    for kind in {node.kind for node, _entry in edits}:
        graph.order(kind)
    for node, _entry in edits:
        _relink(graph, node)
    graph.version += 1
    return True


def _relink(graph: Graph, node: Node) -> None:
    """Add ``node`` to the referrers of everything it references, at its place in reading order."""
    for target in targets(graph, node):
        place = target.referrers.setdefault(node.kind, [])
        bisect.insort(place, node, key=_rank)


def _rank(node: Node) -> int:
    return node.rank
