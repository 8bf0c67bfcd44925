"""Every kind of page, declared once: where it goes, how it is made, and what it reads of the graph.

Render, navigation, the writer and the preview all ask this table. A page kind
says which output paths it makes (one fixed page, one per published entity of a
content kind, or its own list), the function that makes it, and what it reads:
its subject, its subject's neighbours, or entities of some kinds (all of each,
or only what a view shows). The preview re-renders a page only when what it
reads changed; a page that reads nothing declared here is rendered every time.
Two pages can never share an output path: ``pages`` reports both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from generator.content.graph import Graph, Node
from generator.content.types import TYPES
from generator.pages import actors, brief, export, feed, home, lists, maps_page, reference, timeline
from generator.pages.pictures import draw
from generator.pages.render import Renderer, linker

View = Callable[[Any], Any]
"""What a page shows of one entity's model: the page is stale when this changed."""
When = Callable[[Graph], bool]


@dataclass(frozen=True)
class Reads:
    """What a page shows of the graph (besides the explainer file, which every page reads)."""

    subject: bool = False
    """The entity the page is about."""
    neighbours: bool = False
    """The entities its subject references, and those that reference it."""
    kinds: Mapping[str, View | None] = field(default_factory=dict)
    """Entities of these kinds: all of each (None), or what the view shows."""
    grouped_by: View | None = None
    """With ``kinds``: only the entities whose group (this function of the model) is the page's group."""
    everything: bool = False


@dataclass(frozen=True)
class Page:
    """One output file: its path under docs/, its kind, and what it is about."""

    path: str
    kind: PageKind
    subject: Node | None = None
    group: str = ""
    number: int = 0


@dataclass(frozen=True)
class PageKind:
    name: str
    title: str
    """How the page is named to readers and in messages."""
    pattern: str
    """Its path under docs/, with ``{id}`` (an entity), ``{kind}`` (a group) or ``{number}`` to fill in."""
    make: Callable[[Renderer, Page], str]
    reads: Reads
    each: str | None = None
    """A page for each published entity of this content kind."""
    instances: Callable[[Renderer], Iterable[Page]] | None = None
    """The pages of a kind that is neither fixed nor one per entity."""
    when: Callable[[Graph], bool] | None = None
    """A fixed page made only when this holds."""
    parts: Callable[[Renderer, Page], Iterator[bytes]] | None = None
    """For files that grow with the whole explainer: made part by part, never whole in memory."""
    shows: str | None = None
    """A content kind this page lists, each entity at its own anchor."""

    def pages(self, r: Renderer) -> Iterable[Page]:
        if self.instances is not None:
            return self.instances(r)
        if self.each is not None:
            return (Page(self.pattern.format(id=node.id), self, node) for node in r.graph.of(self.each))
        if self.when is not None and not self.when(r.graph):
            return ()
        return (Page(self.pattern, self),)


def _sections(r: Renderer) -> Iterator[Page]:
    if len(r.graph.of("brief")) > r.settings.full_nav_up_to:
        for kind, _briefs in lists.by_kind(r):
            yield Page(KINDS["section"].pattern.format(kind=kind.id), KINDS["section"], group=kind.id)


def _picture_files(name: str) -> Callable[[Renderer], Iterator[Page]]:
    """A picture's files: each chart a brief draws (its subject), or each map (its group: it reads every actor)."""

    def pages(r: Renderer) -> Iterator[Page]:
        kind = KINDS[name]
        for node in r.graph.of("map") if name.startswith("map") else ():
            yield Page(kind.pattern.format(id=node.id), kind, group=node.id)
        for node in r.graph.of("brief") if name.startswith("chart") else ():
            for number in draw.drawn_charts(r, node.model):
                yield Page(kind.pattern.format(id=node.id, number=number), kind, node, number=number)

    return pages


def _drawings(
    name: str, pattern: str, make: Callable[[Renderer, Page, str], str], reads: Reads, when: When | None = None
) -> list[PageKind]:
    """A picture's wide and narrow files (``draw.WIDTHS``): one made ``when`` that holds, or one per entity."""
    return [
        PageKind(
            f"{name}{suffix}",
            name.replace("-", " "),
            pattern.format(suffix=suffix, id="{id}", number="{number}"),
            lambda r, page, suffix=suffix: make(r, page, suffix),  # type: ignore[misc]
            reads,
            instances=None if when else _picture_files(f"{name}{suffix}"),
            when=when,
        )
        for suffix in draw.WIDTHS
    ]


def _text(make: Callable[[Renderer, str], str]) -> Callable[[Renderer, Page], str]:
    return lambda r, page: make(r, page.path)


def _about_subject(make: Callable[[Renderer, str, Node], str]) -> Callable[[Renderer, Page], str]:
    return lambda r, page: make(r, page.path, _subject(page))


_LISTED: Mapping[str, View | None] = {"brief": lists.Listing.of}
_NEIGHBOURS = Reads(subject=True, neighbours=True)
_TAGGED = Reads(subject=True, neighbours=True, kinds={"brief": attrgetter("tags")})  # shown once on two briefs


def _feed(r: Renderer, page: Page) -> str:
    """The feed is read as it is, not through MkDocs: its links are the pages' published addresses."""
    link = linker(page.path)
    return feed.atom(r.graph, lambda brief_id: link(url_of(r.addresses.entity("brief", brief_id))), r.keep)


WHOLE = None  # a page reads every field of the entities of a kind
_MAPPED: Mapping[str, View | None] = dict.fromkeys(("map", "actor", "source"), WHOLE)
"""What a page showing maps reads: the maps, the actors they name and the sources they cite."""
_MAPS = Reads(kinds={**_MAPPED, "brief": attrgetter("title")})  # the maps page names the briefs showing each


def _any(kind: str) -> When:
    """Made when the explainer has an entity of ``kind``."""
    return lambda graph: bool(graph.of(kind))


PAGE_KINDS: list[PageKind] = [
    PageKind("home", "Home", "index.md", _text(home.home), Reads(kinds={"brief": home.shown, **_MAPPED})),
    PageKind("briefs", "All briefs", "briefs/index.md", _text(lists.briefs_index), Reads(kinds=_LISTED)),
    PageKind(
        "section",
        "a kind's briefs",
        "briefs/kinds/{kind}.md",
        lambda r, page: lists.section(r, page.path, page.group),
        Reads(kinds=_LISTED, grouped_by=lambda model: model.kind),
        instances=_sections,
    ),
    PageKind("brief", "brief", "briefs/{id}.md", _about_subject(brief.brief), _TAGGED, each="brief"),
    PageKind("actors", "Actors", "actors/index.md", _text(actors.actors_index), Reads(kinds={"actor": WHOLE})),
    PageKind("actor", "actor", "actors/{id}.md", _about_subject(actors.actor), _NEIGHBOURS, each="actor"),
    PageKind(
        "timeline",
        "Timeline",
        "timeline.md",
        _text(timeline.timeline),
        Reads(kinds={"event": WHOLE, "actor": WHOLE, "source": WHOLE, "brief": timeline.naming("event")}),
        shows="event",
    ),
    PageKind(
        "glossary",
        "Glossary",
        "glossary.md",
        _text(reference.glossary),
        Reads(kinds={"term": WHOLE, "source": WHOLE}),
        shows="term",
    ),
    PageKind(
        "sources",
        "Sources",
        "sources.md",
        _text(reference.sources),
        Reads(kinds={**dict.fromkeys(("source", "event", "term", "actor")), "brief": timeline.naming("source")}),
        parts=lambda r, page: (part.encode() for part in reference.sources_parts(r, page.path)),
        shows="source",
    ),
    PageKind(
        "tags", "Tags", "tags.md", _text(lists.tags_page), Reads(kinds={"brief": lists.tagged}), when=lists.has_tags
    ),
    PageKind("about", "How this explainer is made", "about.md", _text(reference.about), Reads()),
    PageKind(
        "abbreviations",
        "abbreviations",
        "_snippets/abbreviations.md",
        _text(reference.abbreviations),
        Reads(kinds={"term": WHOLE}),
    ),
    PageKind("feed", "Atom feed", "data/feed.xml", _feed, Reads(kinds={"brief": feed.view})),
    PageKind(
        "export",
        "JSON export",
        "data/explainer.json",
        lambda r, page: export.text(r.graph, r.keep),
        Reads(everything=True),
        parts=lambda r, page: export.parts(r.graph, r.keep),
    ),
    PageKind("export-schema", "JSON Schema", "data/explainer.schema.json", lambda r, p: export.schema_text(), Reads()),
    PageKind("maps", "Maps", "maps.md", _text(maps_page.maps), _MAPS, when=_any("map"), shows="map"),
    *_drawings("map-picture", "data/maps/{id}{suffix}.svg", draw.map_file, Reads(kinds={"map": WHOLE, "actor": WHOLE})),
    *_drawings(
        "timeline-chart", "data/timeline{suffix}.svg", draw.timeline_file, Reads(kinds={"event": WHOLE}), _any("event")
    ),
    *_drawings("chart", "data/charts/{id}-{number}{suffix}.svg", draw.chart_file, Reads(subject=True)),
]
KINDS: dict[str, PageKind] = {kind.name: kind for kind in PAGE_KINDS}


def _subject(page: Page) -> Node:
    assert page.subject is not None
    return page.subject


def register(kind: PageKind) -> None:
    """Add a kind of page: rendering, the writer, the preview and links to its entities follow."""
    PAGE_KINDS.append(kind)
    KINDS[kind.name] = kind


class _Addresses:
    """Where each page is, and where each entity is shown: its own page, or an anchor on a list page."""

    def __init__(self) -> None:
        self._known: tuple[PageKind, ...] = ()
        self._own: dict[str, PageKind] = {}
        self._listed: dict[str, PageKind] = {}

    def _index(self) -> None:
        """Index the page kinds by the content they show (again after ``register``)."""
        known = tuple(PAGE_KINDS)  # compared item by item (identity first): ids of freed kinds can come back
        if self._known != known:
            self._own = {kind.each: kind for kind in PAGE_KINDS if kind.each}
            self._listed = {kind.shows: kind for kind in PAGE_KINDS if kind.shows}
            self._known = known

    def path(self, name: str, /, **params: str) -> str:
        return KINDS[name].pattern.format(**params)

    def entity(self, kind: str, entity_id: str) -> str:
        self._index()
        if kind == "explainer":
            return KINDS["home"].pattern
        if kind in self._own:
            return self._own[kind].pattern.format(id=entity_id)
        return f"{self._listed[kind].pattern}#{entity_id}"

    def label(self, node: Node) -> str:
        """How a link to ``node`` reads in a list of places: "River trade", "Timeline: The first lock opens"."""
        self._index()
        if node.kind == "explainer":
            return "Home: key takeaways"
        name = next(t for t in TYPES if t.kind == node.kind).name(node.model)
        return name if node.kind in self._own else f"{self._listed[node.kind].title}: {name}"


ADDRESSES = _Addresses()


def url_of(path: str) -> str:
    """The address a docs/ path is served at (MkDocs' directory URLs): ``a.md`` and ``a/index.md`` are both ``a/``."""
    if not path.endswith(".md"):
        return path.casefold()
    stem = path.removesuffix(".md").removesuffix("index").rstrip("/")
    return f"{stem}/".casefold() if stem else ""


def reserved() -> dict[str, frozenset[str]]:
    """Ids each content kind cannot take, because the site's own pages use the name in the same folder."""
    out: dict[str, set[str]] = {}
    for kind in PAGE_KINDS:
        if kind.each is None:
            continue
        folder = kind.pattern.rsplit("/", 1)[0] + "/"
        for other in PAGE_KINDS:
            if other is not kind and other.pattern.startswith(folder):
                name = other.pattern.removeprefix(folder).split("/")[0].removesuffix(".md")
                if "{" not in name:
                    out.setdefault(kind.each, set()).add(name)
    return {kind: frozenset(ids) for kind, ids in out.items()}
