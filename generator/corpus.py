"""Validated documents → one graph: references resolved, backlinks computed, stable order.

Every field declared with ``models.ref`` is resolved here, so a new reference
field in the models is checked without any code in this module changing.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator import memo
from generator.errors import Diagnostic
from generator.loader import Document
from generator.models import Actor, Brief, Event, Explainer, Kind, Source, Term
from generator.validate import did_you_mean

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Entry(Generic[M]):
    """A validated content file: its id (the file name), where it came from, its model.

    An entry lives as long as its file's bytes do (the preview keeps it between
    runs), so what is derived from the model alone is computed once, on first use.
    """

    kind: str
    id: str
    doc: Document
    model: M

    @functools.cached_property
    def targets(self) -> dict[str, tuple[str, ...]]:
        """The ids this entry references, by kind of target, each once: what checks, lint and the preview
        ask of its references, kept (``references`` walks the model and gives locations, for diagnostics).
        Tuples, not sets: kept for every entry, sets took twice the memory (20 MB at 10,000 briefs)."""
        found: dict[str, dict[str, None]] = {}
        for _loc, target, ref_id in references(self.model):
            found.setdefault(target, {})[ref_id] = None
        return {target: tuple(ids) for target, ids in found.items()}


@dataclass
class Corpus:
    """Every validated entry, by kind and id, before references are resolved."""

    explainer: Entry[Explainer] | None = None
    entries: dict[str, dict[str, Entry[Any]]] = field(default_factory=dict)
    broken: set[tuple[str, str]] = field(default_factory=set)
    """(kind, id) of files that exist but failed to validate: references to them are not reported again."""

    def add(self, entry: Entry[Any]) -> Diagnostic | None:
        """Add an entry; a second entry with the same kind and id is a problem, not an overwrite."""
        if entry.kind == "explainer":
            self.explainer = entry
            return None
        table = self.entries.setdefault(entry.kind, {})
        first = table.get(entry.id)
        if first is not None:
            return Diagnostic(
                entry.doc.path,
                1,
                1,
                "duplicate-id",
                f"{entry.kind} id '{entry.id}' is already used",
                f"{first.doc.path} has the same id; rename one of the two files",
            )
        table[entry.id] = entry
        return None

    def get(self, kind: str) -> dict[str, Entry[Any]]:
        return self.entries.get(kind, {})

    def entry(self, kind: str, entity_id: str) -> Entry[Any] | None:
        """The entry of this kind and id (the explainer's kind and id are both "explainer"), if there is one."""
        return self.explainer if kind == "explainer" else self.get(kind).get(entity_id)

    def all(self) -> Iterator[Entry[Any]]:
        """The explainer, then every other entry."""
        if self.explainer is not None:
            yield self.explainer
        for table in self.entries.values():
            yield from table.values()

    @functools.cached_property
    def referenced(self) -> dict[str, set[str]]:
        """Every id some entry references, by target kind (an actor's ties to itself left out): one pass
        that tells checks whether every reference resolves and lint what nothing uses. Ask once all is added."""
        found: dict[str, set[str]] = {}
        for entry in self.all():
            for target, ids in entry.targets.items():
                named = found.setdefault(target, set())
                if target == entry.kind == "actor" and entry.id in ids:
                    named.update(ref for ref in ids if ref != entry.id)
                else:
                    named.update(ids)
        return found


@functools.cache
def _ref_fields(cls: type[BaseModel]) -> tuple[tuple[str, str | None], ...]:
    """Each field of a model class with the kind it references, if any: read once per class, not per value."""
    fields = []
    for name, info in cls.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        target = extra.get("x-ref")
        fields.append((name, target if isinstance(target, str) else None))
    return tuple(fields)


def references(model: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Every reference in ``model``: (location, target kind, id), in field order."""
    for name, target in _ref_fields(type(model)):
        value = getattr(model, name)
        here = (*loc, name)
        if target is not None:
            if isinstance(value, str):
                yield here, target, value
            elif isinstance(value, tuple):
                yield from (((*here, i), target, item) for i, item in enumerate(value))
        elif isinstance(value, BaseModel):
            yield from references(value, here)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from references(item, (*here, i))


@functools.cache
def _text_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that may hold free text or nested models: read once per class."""
    names = []
    for name, info in cls.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if "x-ref" not in extra and name not in ("id", "url", "iso", "kind", "tags"):
            names.append(name)
    return tuple(names)


def texts(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every free-text value in ``model`` (not ids, not references), with its location."""
    for name in _text_fields(type(model)):
        value = getattr(model, name)
        here = (*loc, name)
        if isinstance(value, str):
            yield here, value
        elif isinstance(value, BaseModel):
            yield from texts(value, here)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from texts(item, (*here, index))
                elif isinstance(item, str):
                    yield (*here, index), item


def check(corpus: Corpus) -> list[Diagnostic]:
    """Problems no single file shows: a missing explainer, duplicate kinds, dangling references."""
    problems: list[Diagnostic] = []
    if corpus.explainer is None:
        if ("explainer", "explainer") in corpus.broken:
            return []
        return [
            Diagnostic(
                "content/explainer.yml",
                1,
                1,
                "missing-explainer",
                "the explainer file is missing",
                "create it with `explainer new explainer explainer`",
            )
        ]
    explainer = corpus.explainer
    kind_ids: dict[str, int] = {}
    for index, kind in enumerate(explainer.model.kinds):
        if kind.id in kind_ids:
            line, col = explainer.doc.position(("kinds", index, "id"))
            problems.append(
                Diagnostic(
                    explainer.doc.path,
                    line,
                    col,
                    "duplicate-id",
                    f"kind '{kind.id}' is declared twice",
                    "keep one of the two",
                )
            )
        kind_ids.setdefault(kind.id, index)
    declared: dict[str, Any] = {
        "kind": kind_ids,
        "source_type": {t.id: i for i, t in enumerate(explainer.model.certainty.source_types)},
    }
    drafts = {bid for bid, entry in corpus.get("brief").items() if entry.model.draft}
    if _all_resolve_everywhere(corpus, declared, drafts):
        return problems  # the common case: one set comparison per kind
    for entry in corpus.all():
        if _all_resolve(entry, corpus, declared, drafts):
            continue  # the common case: set operations only, no position looked up
        for loc, target, ref_id in references(entry.model):
            table = declared.get(target) or corpus.get(target)
            if (target, ref_id) in corpus.broken:
                continue
            if ref_id in table and not (target == "brief" and ref_id in drafts):
                continue  # the common case: no list built, no position looked up
            line, col = entry.doc.position(loc)
            known = list(table)
            if ref_id in known:
                is_published = entry.kind != "brief" or not entry.model.draft
                if target == "brief" and ref_id in drafts and is_published:
                    problems.append(
                        Diagnostic(
                            entry.doc.path,
                            line,
                            col,
                            "draft-reference",
                            f"brief '{ref_id}' is a draft and will not be published",
                            "publish it (draft: false) or remove the reference",
                        )
                    )
                continue
            if target == "kind":
                problems.append(
                    Diagnostic(
                        entry.doc.path,
                        line,
                        col,
                        "unknown-kind",
                        f"kind '{ref_id}' is not declared",
                        did_you_mean(ref_id, known) + " (kinds are declared in the explainer's `kinds`)",
                    )
                )
                continue
            if target == "source_type":
                problems.append(
                    Diagnostic(
                        entry.doc.path,
                        line,
                        col,
                        "unknown-source-type",
                        f"source type '{ref_id}' is not declared",
                        did_you_mean(ref_id, known)
                        + " (types are declared in the explainer's `certainty.source_types`)",
                    )
                )
                continue
            other = [kind for kind, table in corpus.entries.items() if ref_id in table]
            if other:
                problems.append(
                    Diagnostic(
                        entry.doc.path,
                        line,
                        col,
                        "wrong-reference-type",
                        f"'{ref_id}' is {_a(other[0])}, not {_a(target)}",
                        f"name a {target} here; " + did_you_mean(ref_id, known),
                    )
                )
            else:
                problems.append(
                    Diagnostic(
                        entry.doc.path,
                        line,
                        col,
                        "unknown-reference",
                        f"no {target} has the id '{ref_id}'",
                        did_you_mean(ref_id, known) if known else f"create it with `explainer new {target} {ref_id}`",
                    )
                )
    return problems


def _all_resolve_everywhere(corpus: Corpus, declared: dict[str, Any], drafts: set[str]) -> bool:
    """Whether every reference in the corpus names an existing entity (and no draft brief)."""
    for target, ids in corpus.referenced.items():
        table = declared.get(target) or corpus.get(target)
        if not ids <= table.keys() or (target == "brief" and not ids.isdisjoint(drafts)):
            return False
    return True


def _all_resolve(entry: Entry[Any], corpus: Corpus, declared: dict[str, Any], drafts: set[str]) -> bool:
    """Whether every reference of ``entry`` names an existing entity (and no draft brief)."""
    for target, ids in entry.targets.items():
        table = declared.get(target) or corpus.get(target)
        if not all(map(table.__contains__, ids)) or (target == "brief" and not drafts.isdisjoint(ids)):
            return False
    return True


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


# --- the resolved graph ------------------------------------------------------------------
# A node's repr names it only: printed in full, a cyclic graph would repeat itself without end.


@dataclass(eq=False, slots=True)
class SourceNode:
    id: str
    model: Source = field(repr=False)
    cited_by: list[Any] = field(default_factory=list, repr=False)  # BriefNode, EventNode, or the home page (None)


@dataclass(eq=False, slots=True)
class ActorNode:
    id: str
    model: Actor = field(repr=False)
    country: ActorNode | None = field(default=None, repr=False)
    ties: list[tuple[ActorNode, Any]] = field(default_factory=list, repr=False)
    briefs: list[BriefNode] = field(default_factory=list, repr=False)
    events: list[EventNode] = field(default_factory=list, repr=False)


@dataclass(eq=False, slots=True)
class EventNode:
    id: str
    model: Event = field(repr=False)
    actors: list[ActorNode] = field(default_factory=list, repr=False)
    sources: list[SourceNode] = field(default_factory=list, repr=False)
    briefs: list[BriefNode] = field(default_factory=list, repr=False)


@dataclass(eq=False, slots=True)
class BriefNode:
    id: str
    model: Brief = field(repr=False)
    kind: Kind = field(repr=False)
    actors: list[ActorNode] = field(default_factory=list, repr=False)
    events: list[EventNode] = field(default_factory=list, repr=False)
    related: list[BriefNode] = field(default_factory=list, repr=False)
    backlinks: list[BriefNode] = field(default_factory=list, repr=False)


@dataclass(eq=False, slots=True)
class TermNode:
    id: str
    model: Term = field(repr=False)
    sources: list[SourceNode] = field(default_factory=list, repr=False)


@dataclass
class Graph:
    """The whole explainer, resolved and ordered for rendering. Drafts are left out."""

    explainer: Explainer
    kinds: list[Kind]
    briefs: list[BriefNode]
    actors: list[ActorNode]
    events: list[EventNode]
    sources: list[SourceNode]
    terms: list[TermNode]
    start_here: list[BriefNode]
    tags: dict[str, list[BriefNode]]

    _by_kind: dict[str, list[BriefNode]] | None = field(default=None, repr=False, compare=False)

    def briefs_of(self, kind: Kind) -> list[BriefNode]:
        """The published briefs of one kind, in reading order (grouped once, as pages and nav ask often)."""
        if self._by_kind is None:
            self._by_kind = {}
            for brief in self.briefs:
                self._by_kind.setdefault(brief.kind.id, []).append(brief)
        return self._by_kind.get(kind.id, [])


def resolve(corpus: Corpus) -> Graph:
    """Build the graph; ``check`` must have passed, so every reference resolves."""
    assert corpus.explainer is not None
    explainer = corpus.explainer.model
    kinds = {kind.id: kind for kind in explainer.kinds}
    order = {kind_id: index for index, kind_id in enumerate(kinds)}
    sources = {i: SourceNode(i, e.model) for i, e in corpus.get("source").items()}
    actors = {i: ActorNode(i, e.model) for i, e in corpus.get("actor").items()}
    events = {i: EventNode(i, e.model) for i, e in corpus.get("event").items()}
    terms = {i: TermNode(i, e.model) for i, e in corpus.get("term").items()}
    briefs = {
        i: BriefNode(i, e.model, kinds[e.model.kind]) for i, e in corpus.get("brief").items() if not e.model.draft
    }

    def cite(node: Any, ids: Any) -> list[SourceNode]:
        """Each node cites once, with all its sources, so no source lists a node twice."""
        cited = [sources[s] for s in dict.fromkeys(ids)]
        for source in cited:
            source.cited_by.append(node)
        return cited

    for actor in actors.values():
        actor.country = actors[actor.model.country] if actor.model.country else None
        actor.ties = [(actors[tie.actor], tie) for tie in actor.model.ties]
    for event in events.values():
        event.actors = [actors[a] for a in event.model.actors]
        event.sources = cite(event, [c.source for c in event.model.sources])
    for term in terms.values():
        term.sources = cite(term, [c.source for c in term.model.sources])
    cite(None, [c.source for claim in explainer.takeaways for c in claim.sources])
    ordered = sorted(briefs.values(), key=_brief_order(order))
    tags: dict[str, list[BriefNode]] = {}
    for brief in ordered:  # in reading order, so every list a brief is appended to stays in that order
        _link(brief, actors, events, briefs)
        for place in _lists_naming(brief, actors, sources, tags):
            place.append(brief)
    for event in sorted(events.values(), key=_event_key):
        for actor in event.actors:
            actor.events.append(event)
    return Graph(
        explainer=explainer,
        kinds=list(explainer.kinds),
        briefs=ordered,
        actors=sorted(actors.values(), key=lambda a: (a.model.name.casefold(), a.id)),
        events=sorted(events.values(), key=_event_key),
        sources=sorted(sources.values(), key=lambda s: (s.model.title.casefold(), s.id)),
        terms=sorted(terms.values(), key=lambda t: (t.model.term.casefold(), t.id)),
        start_here=[briefs[b] for b in explainer.start_here if b in briefs],
        tags=dict(sorted(tags.items())),
    )


def patch(graph: Graph, corpus: Corpus, changed: Iterable[tuple[str, str]]) -> bool:
    """Bring ``graph`` up to date with ``corpus`` in place, when the only entities ``changed`` (kind, id) are
    briefs that stay published, or drafts; the result is what ``resolve`` would build.

    The preview's usual edit costs a few list updates instead of a new graph: at 10,000 briefs a new
    graph took 0.2 s to build and, being cyclic, left a collector pass to free the old one. For any
    other change this returns False, with the graph untouched, and the caller resolves again.
    """
    published = {brief.id: brief for brief in graph.briefs}
    entries = corpus.get("brief")
    edits: list[tuple[BriefNode, Brief]] = []
    for kind, entity_id in changed:
        node, entry = published.get(entity_id), entries.get(entity_id)
        if kind != "brief":
            return False
        if entry is None or entry.model.draft:
            if node is None:
                continue  # a draft changed, came or went: drafts are not in the graph
            return False
        if node is None:
            return False  # a brief came or was published: other briefs may now relate to it
        edits.append((node, entry.model))
    if not edits:
        return True
    kinds = {kind.id: kind for kind in graph.kinds}
    actors = {actor.id: actor for actor in graph.actors}
    events = {event.id: event for event in graph.events}
    sources = {source.id: source for source in graph.sources}
    tags = graph.tags
    for node, _model in edits:
        for place in _lists_naming(node, actors, sources, tags):
            place.remove(node)
    for node, model in edits:
        node.model, node.kind = model, kinds[model.kind]
        _link(node, actors, events, published)
    graph.briefs.sort(key=_brief_order({kind_id: index for index, kind_id in enumerate(kinds)}))
    rank = {brief.id: index for index, brief in enumerate(graph.briefs)}
    for node, _model in edits:
        for place in _lists_naming(node, actors, sources, tags):
            _insert(place, node, rank)
    graph.tags = {tag: briefs for tag, briefs in sorted(tags.items()) if briefs}
    graph._by_kind = None
    return True


def _brief_order(kind_order: dict[str, int]) -> Callable[[BriefNode], tuple[Any, ...]]:
    """Reading order: by kind as the explainer declares them, then weight, then title."""
    return lambda brief: (kind_order[brief.kind.id], brief.model.weight, brief.model.title.casefold(), brief.id)


def _link(
    brief: BriefNode, actors: dict[str, ActorNode], events: dict[str, EventNode], briefs: dict[str, BriefNode]
) -> None:
    """Point ``brief`` at what its model names (related briefs only while published)."""
    model = brief.model
    brief.actors = [actors[a] for a in model.actors]
    brief.events = sorted((events[e] for e in model.events), key=_event_key)
    brief.related = [briefs[r] for r in model.related if r in briefs]


def _lists_naming(
    brief: BriefNode, actors: dict[str, ActorNode], sources: dict[str, SourceNode], tags: dict[str, list[BriefNode]]
) -> Iterator[list[Any]]:
    """Every list of the graph that names ``brief``, from its links: who it is about, what it relates to,
    what it cites and its tags. Each list keeps briefs in reading order."""
    model = brief.model
    for actor in {*brief.actors, *(actors[p.actor] for p in model.perspectives if p.actor)}:
        yield actor.briefs
    for event in brief.events:
        yield event.briefs
    for other in brief.related:
        yield other.backlinks
    for source_id in brief_source_ids(model):
        yield sources[source_id].cited_by
    for tag in model.tags:
        yield tags.setdefault(tag, [])


def _insert(place: list[Any], brief: BriefNode, rank: dict[str, int]) -> None:
    """Insert ``brief`` among the briefs of ``place`` in reading order (after what is not a brief: a
    source's events, terms and home page cite it first)."""
    start = 0
    while start < len(place) and not isinstance(place[start], BriefNode):
        start += 1
    bisect.insort(place, brief, lo=start, key=lambda node: rank[node.id])


@memo.by_identity
def brief_source_ids(brief: Brief) -> list[str]:
    """Sources a brief cites, in order of first citation: these are its numbered notes."""
    ids: list[str] = []
    for group in (brief.key_points, brief.figures, brief.sections, brief.perspectives):
        for item in group:
            ids.extend(c.source for c in item.sources)
    return list(dict.fromkeys(ids))


def _event_key(event: EventNode) -> tuple[Any, ...]:
    return (event.model.date, event.model.title.casefold(), event.id)
