"""Graph → {path under docs/: text}: the Markdown pages, and the files beside them
(map, charts and timeline as SVG, the Atom feed, the JSON export and its schema).
Pure: nothing is written here; the only file read is the vendored Natural Earth data.

Templates receive ready values; ordering, grouping, numbering of source notes
and link paths are computed in Python. Content reaches templates as data only,
through the escaping filters of ``generator.text``, never as template source.
"""

from __future__ import annotations

import functools
import html
import json
import math
import operator
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import markdown
from jinja2 import Environment, PackageLoader, StrictUndefined

from generator import diagram, export, feed, geo, memo, text, visuals
from generator.corpus import ActorNode, BriefNode, EventNode, Graph, SourceNode, brief_source_ids
from generator.models import Brief, Figure, Kind, Source, Tie

HOME = "index.md"
BRIEFS = "briefs/index.md"
ACTORS = "actors/index.md"
TIMELINE = "timeline.md"
GLOSSARY = "glossary.md"
SOURCES = "sources.md"
TAGS = "tags.md"
ABOUT = "about.md"
ABBREVIATIONS = "_snippets/abbreviations.md"
# Files that are not pages: pictures, the feed and the export. MkDocs copies them as they are.
MAP = "data/map.svg"
TIMELINE_CHART = "data/timeline.svg"
FEED = feed.PATH
EXPORT = "data/explainer.json"
EXPORT_SCHEMA = "data/explainer.schema.json"
STREAMED = (EXPORT, SOURCES)
"""Files that grow with the whole explainer, which ``Renderer.parts`` also makes part by part."""
WORDS_PER_MINUTE = 200
HOME_CARD_BRIEFS = 8
"""Briefs listed on a kind's card on the home page; a larger kind links to the list of all briefs."""


def brief_path(brief_id: str) -> str:
    return f"briefs/{brief_id}.md"


def actor_path(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def chart_path(brief_id: str, number: int) -> str:
    return f"data/charts/{brief_id}-{number}.svg"


# What each page about the whole explainer reads, by kind of entity, besides the explainer file that every
# page reads. The preview renders a page again only when an entity of a kind it reads changed; the tests hold
# the result to a full generation. A page missing here (the JSON export) reads everything.
_READS: dict[str, frozenset[str]] = {
    HOME: frozenset({"brief", "source"}),
    BRIEFS: frozenset({"brief"}),
    ACTORS: frozenset({"actor"}),
    TIMELINE: frozenset({"event", "actor", "brief", "source"}),
    GLOSSARY: frozenset({"term", "source"}),
    SOURCES: frozenset({"source", "brief", "event", "term"}),
    TAGS: frozenset({"brief"}),
    ABBREVIATIONS: frozenset({"term"}),
    FEED: frozenset({"brief"}),
    EXPORT_SCHEMA: frozenset(),
    ABOUT: frozenset(),
    MAP: frozenset({"actor"}),
    TIMELINE_CHART: frozenset({"event"}),
}


def listed(brief: Brief) -> tuple[Any, ...]:
    """What a list of briefs shows of each, and orders it by: whether it is published, its kind, weight, title."""
    return (brief.draft, brief.kind, brief.weight, brief.title)


def in_lists(brief: Brief) -> tuple[Any, ...]:
    """What an index of briefs (the home page, all briefs, a kind's section page) shows of each."""
    return (listed(brief), brief.summary)


# What a page about the whole explainer reads of each brief, where that is less than all of it. The preview
# renders such a page again only when this changed for some brief: editing a brief's text re-renders its own
# page and the export, not every index. The tests hold the result to a full generation.
_BRIEF_VIEWS: dict[str, Callable[[Brief], Any]] = {
    HOME: in_lists,
    BRIEFS: in_lists,
    TAGS: lambda brief: (listed(brief), brief.tags),
    SOURCES: lambda brief: (listed(brief), brief_source_ids(brief)),
    TIMELINE: lambda brief: (listed(brief), brief.events),
    FEED: lambda brief: (listed(brief), brief.changes, brief.published),
}


def brief_view(path: str) -> Callable[[Brief], Any] | None:
    """What the page at ``path`` reads of each brief; None when it may read any of it."""
    return _BRIEF_VIEWS.get(path)


def subject(path: str) -> tuple[tuple[str, str], bool] | None:
    """The entity a page is about, as (kind, id), and whether the page also shows its neighbours
    (what the entity references and what references it); None for a page about the whole explainer."""
    if path in _READS or path == EXPORT:
        return None
    folder, _, name = path.partition("/")
    if folder == "briefs" and "/" not in name:
        return ("brief", name.removesuffix(".md")), True
    if folder == "actors" and "/" not in name:
        return ("actor", name.removesuffix(".md")), True
    if path.startswith("data/charts/"):  # a chart draws its brief's figures and nothing else
        return ("brief", name.removeprefix("charts/").rpartition("-")[0]), False
    return None


def reads(path: str) -> frozenset[str] | None:
    """The kinds of entity a page about the whole explainer reads; None when it reads every kind."""
    return _READS.get(path)


@dataclass(frozen=True)
class Picture:
    """An image on a page: where it is, its text alternative and its caption."""

    path: str
    alt: str
    caption: str
    width: int | None = None
    height: int | None = None


@functools.cache
def environment() -> Environment:
    """The templates' environment, one per process: the templates never change while it runs, so each is
    compiled once (a renderer per run would compile them all again)."""
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        plain=text.plain,
        md=text.markdown_block,
        md_line=text.markdown_inline,
        indent4=text.indent,
        url=text.url,
        html=lambda value: html.escape(str(value), quote=True),
    )
    return env


class Renderer:
    """Renders every file of a graph; ``pages()`` is all of them."""

    def __init__(self, graph: Graph, env: Environment | None = None) -> None:
        self.graph = graph
        self.env = env or environment()
        self._briefs = {brief.id: brief for brief in graph.briefs}
        self._actors = {actor.id: actor for actor in graph.actors}
        self._kinds = {kind.id: kind for kind in graph.kinds}
        self._source_models = {source.id: source.model for source in graph.sources}
        # Filled once per graph, not once per page: both would otherwise grow with the square of the content.
        self._citations: dict[str, str] = {}
        self._incoming: dict[str, list[tuple[ActorNode, Any]]] = {}
        for other in graph.actors:
            for target, tie in other.ties:
                self._incoming.setdefault(target.id, []).append((other, tie))

    # -- public -----------------------------------------------------------------------------

    def paths(self) -> list[str]:
        """Every file this graph produces (pages and data files), sorted."""
        graph = self.graph
        fixed = [HOME, BRIEFS, ACTORS, TIMELINE, GLOSSARY, SOURCES, TAGS, ABBREVIATIONS, FEED, EXPORT, EXPORT_SCHEMA]
        if graph.explainer.about:
            fixed.append(ABOUT)
        if graph.explainer.map:
            fixed.append(MAP)
        if graph.events:
            fixed.append(TIMELINE_CHART)
        charts = [chart_path(b.id, n) for b in graph.briefs for n in range(1, len(_charts(b.model)) + 1)]
        return sorted(
            [*fixed, *(brief_path(b.id) for b in graph.briefs), *(actor_path(a.id) for a in graph.actors), *charts]
        )

    def page(self, path: str) -> str:
        """The text of one file, so a caller can re-render only the files a change touches."""
        graph = self.graph
        fixed: dict[str, Callable[[], str]] = {
            HOME: self._home,
            BRIEFS: self._briefs_index,
            ACTORS: self._actors_index,
            TIMELINE: self._timeline,
            GLOSSARY: lambda: self._render(GLOSSARY, "glossary.md.j2", terms=graph.terms),
            SOURCES: self._sources,
            TAGS: self._tags,
            ABBREVIATIONS: self._abbreviations,
            FEED: lambda: feed.atom(graph, {b.id: f"../briefs/{b.id}/" for b in graph.briefs}),
            EXPORT: lambda: export.text(graph),
            EXPORT_SCHEMA: lambda: export.dumps(export.schema()),
        }
        if graph.explainer.about:
            fixed[ABOUT] = lambda: self._render(ABOUT, "about.md.j2", about=graph.explainer.about)
        if graph.explainer.map:
            fixed[MAP] = self._map_svg
        if graph.events:
            fixed[TIMELINE_CHART] = self._timeline_svg
        if path in fixed:
            return fixed[path]()
        folder, _, name = path.partition("/")
        entity_id = name.removesuffix(".md")
        if folder == "briefs" and entity_id in self._briefs:
            return self._brief(self._briefs[entity_id])
        if folder == "actors" and entity_id in self._actors:
            return self._actor(self._actors[entity_id])
        if path.startswith("data/charts/") and path in self.paths():
            brief_id, _, number = name.removeprefix("charts/").removesuffix(".svg").rpartition("-")
            return self._chart_svg(self._briefs[brief_id], int(number))
        raise KeyError(path)

    def parts(self, path: str) -> Iterator[bytes]:
        """One of the ``STREAMED`` files in encoded parts, which join to its ``page``."""
        if path == EXPORT:
            return export.parts(self.graph)
        if path == SOURCES:
            return (part.encode("utf-8") for part in self._sources_parts())
        raise KeyError(path)

    def pages(self) -> dict[str, str]:
        """Every generated file: {path under docs/: text}."""
        return {path: self.page(path) for path in self.paths()}

    # -- pages -------------------------------------------------------------------------------

    def _render(self, page: str, template: str, **context: Any) -> str:
        return "".join(self._generate(page, template, **context))

    def _generate(self, page: str, template: str, **context: Any) -> Iterator[str]:
        """``page`` as the template makes it, in pieces: for a large page, never whole in memory."""
        return self.env.get_template(template).generate(
            explainer=self.graph.explainer, link=_linker(page), front=_front_matter, **context
        )

    def _home(self) -> str:
        graph = self.graph
        explainer = graph.explainer
        notes = _Notes()
        takeaways = [(claim, notes.refs(claim.sources)) for claim in explainer.takeaways]
        jsonld = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": explainer.title,
            "description": explainer.description,
            "inLanguage": "en",
            "license": explainer.license,
        }
        return self._render(
            HOME,
            "home.md.j2",
            takeaways=takeaways,
            kinds=[(kind, briefs[:HOME_CARD_BRIEFS], len(briefs)) for kind, briefs in self._kind_groups()],
            start_here=graph.start_here,
            notes=notes.definitions(self._cite),
            brief_path=brief_path,
            map=self._map_picture(),
            jsonld=jsonld,
            data={"feed": FEED, "export": EXPORT, "schema": EXPORT_SCHEMA},
        )

    def _kind_groups(self) -> list[tuple[Any, list[BriefNode]]]:
        return [(kind, self.graph.briefs_of(kind)) for kind in self.graph.kinds if self.graph.briefs_of(kind)]

    def _brief(self, brief: BriefNode) -> str:
        model = brief.model
        explainer = self.graph.explainer
        notes = _Notes(brief_source_ids(model))
        key_points = [(claim, notes.refs(claim.sources)) for claim in model.key_points]
        figures = [(figure, _figure_value(figure), notes.refs(figure.sources)) for figure in model.figures]
        sections = [(section, notes.refs(section.sources)) for section in model.sections]
        perspectives = [(p, notes.refs(p.sources)) for p in model.perspectives]
        charts = [
            Picture(chart_path(brief.id, number), _chart_alt(title, group), title)
            for number, (title, group) in enumerate(_charts(model), start=1)
        ]
        description = _plain_text(model.summary)
        modified = model.updated or model.published
        jsonld = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": model.title,
            "description": description,
            "datePublished": model.published.isoformat(),
            "dateModified": modified.isoformat(),
            "author": [{"name": a.name, **({"url": a.url} if a.url else {})} for a in explainer.authors],
            "isPartOf": {"@type": "WebSite", "name": explainer.title},
            "articleSection": brief.kind.title,
            "keywords": list(model.tags),
            "license": explainer.license,
            "inLanguage": "en",
        }
        authors = ", ".join(a.name for a in explainer.authors)
        updated = f"; last updated {_day(model.updated)}" if model.updated else ""
        cite = f"{authors}. “{model.title}.” In {explainer.title}. Published {_day(model.published)}{updated}."
        return self._render(
            brief_path(brief.id),
            "brief.md.j2",
            brief=brief,
            model=model,
            description=description,
            minutes=_reading_minutes(model),
            key_points=key_points,
            figures=figures,
            charts=charts,
            sections=sections,
            perspectives=perspectives,
            notes=notes.definitions(self._cite),
            actor_path=actor_path,
            brief_path=brief_path,
            jsonld=jsonld,
            cite=cite,
            day=_day,
        )

    def _actor(self, actor: ActorNode) -> str:
        incoming = self._incoming.get(actor.id, [])
        return self._render(
            actor_path(actor.id),
            "actor.md.j2",
            actor=actor,
            model=actor.model,
            description=_plain_text(actor.model.summary),
            incoming=incoming,
            kinds=self._kinds,
            actor_path=actor_path,
            brief_path=brief_path,
        )

    def _actors_index(self) -> str:
        groups: dict[str, list[ActorNode]] = {}
        for actor in self.graph.actors:
            groups.setdefault(actor.model.type, []).append(actor)
        order = ("country", "person", "organisation", "institution")
        titles = {
            "country": "Countries",
            "person": "People",
            "organisation": "Organisations",
            "institution": "Institutions",
        }
        ordered = [(titles[t], groups[t]) for t in order if t in groups]
        return self._render(ACTORS, "actors.md.j2", groups=ordered, diagrams=self._diagrams(), actor_path=actor_path)

    def _diagrams(self) -> list[tuple[Kind, str, list[tuple[ActorNode, Tie, ActorNode]]]]:
        """One Mermaid flowchart per kind of tie, in the explainer's order of kinds."""
        by_kind: dict[str, list[tuple[ActorNode, Tie, ActorNode]]] = {}
        for actor in self.graph.actors:
            for other, tie in actor.ties:
                by_kind.setdefault(tie.kind, []).append((actor, tie, other))
        out = []
        for kind in self.graph.kinds:
            ties = by_kind.get(kind.id, [])
            if not ties:
                continue
            edges = [diagram.Tie(a.id, a.model.name, b.id, b.model.name, tie.label) for a, tie, b in ties]
            title = f"Ties between the actors: {kind.title}"
            out.append((kind, diagram.flowchart(title, diagram.describe(edges), edges), ties))
        return out

    def _timeline(self) -> str:
        years: dict[int, list[str]] = {}
        for event in self.graph.events:
            years.setdefault(event.model.date.year, []).append(self._event_block(event))
        picture = None
        if self.graph.events:
            counts, _span = self._event_counts()
            caption = "Events per year, by status (years without events are left out)"
            picture = Picture(TIMELINE_CHART, visuals.timeline_alt(counts), caption)
        return self._render(TIMELINE, "timeline.md.j2", years=years, overview=picture)

    def _event_block(self, event: EventNode) -> str:
        actors, briefs, sources = (a.model for a in event.actors), (b.model for b in event.briefs), event.sources
        shown = (event.model, *actors, *briefs, *(s.model for s in sources))
        return self._fragment(
            TIMELINE,
            shown,
            lambda: self._render(TIMELINE, "event.md.j2", event=event, actor_path=actor_path, brief_path=brief_path),
        )

    def _fragment(self, page: str, shown: tuple[Any, ...], make: Callable[[], str]) -> str:
        """Part of a long page made from the models in ``shown`` (its subject first), kept with the subject
        while a preview runs, and made again once any of them is another version: most edits change none."""
        kept = memo.slot(shown[0])
        hit = kept.get(page)
        if isinstance(hit, tuple) and _same(hit[0], shown):
            return str(hit[1])
        made = make()
        kept[page] = (shown, made)
        return made

    def _cite(self, source_id: str) -> str:
        """A source's reference-list entry, made once per graph (and kept per model version in the preview)."""
        if source_id not in self._citations:
            self._citations[source_id] = _citation(self._source_models[source_id])
        return self._citations[source_id]

    def _sources(self) -> str:
        return "".join(self._sources_parts())

    def _sources_parts(self) -> Iterator[str]:
        """The largest page (8 MB at 10,000 briefs), made one source block at a time."""
        blocks = (self._source_block(source) for source in self.graph.sources)
        return self._generate(SOURCES, "sources.md.j2", blocks=blocks)

    def _source_block(self, source: SourceNode) -> str:
        return self._fragment(
            SOURCES,
            (source.model, *(node.model if node else None for node in source.cited_by)),
            lambda: self._render(
                SOURCES, "source.md.j2", source=source, citation=self._cite(source.id), citers=self._citers(source)
            ),
        )

    def _citers(self, source: SourceNode) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for node in source.cited_by:
            if node is None:
                out.append(("Home: key takeaways", HOME))
            elif isinstance(node, BriefNode):
                out.append((node.model.title, brief_path(node.id)))
            elif isinstance(node, EventNode):
                out.append((f"Timeline: {node.model.title}", f"{TIMELINE}#{node.id}"))
            else:
                out.append((f"Glossary: {node.model.term}", f"{GLOSSARY}#{node.id}"))
        return out

    def _tags(self) -> str:
        tags = [(tag, self._brief_lines(TAGS, briefs, summary=False)) for tag, briefs in self.graph.tags.items()]
        return self._render(TAGS, "tags.md.j2", tags=tags)

    def _briefs_index(self) -> str:
        kinds = [(kind, self._brief_lines(BRIEFS, briefs, summary=True)) for kind, briefs in self._kind_groups()]
        return self._render(BRIEFS, "briefs.md.j2", kinds=kinds)

    def _brief_lines(self, page: str, briefs: list[BriefNode], *, summary: bool) -> list[str]:
        """A list item per brief, linking to it (with its summary): the long lists of index pages, made
        in Python and kept per brief while a preview runs, as they would otherwise be most of their cost."""
        link = _linker(page)

        def line(brief: BriefNode) -> str:
            item = f"- [{text.plain(brief.model.title)}]({link(brief_path(brief.id))})"
            return f"{item}: {text.markdown_inline(brief.model.summary)}" if summary else item

        return [self._fragment(page, (brief.model,), functools.partial(line, brief)) for brief in briefs]

    def _abbreviations(self) -> str:
        lines = []
        for term in self.graph.terms:
            for name in (term.model.term, *term.model.aliases):
                line = text.abbreviation(name, term.model.definition)
                if line:
                    lines.append(line)
        return "\n".join(lines) + "\n"

    # -- pictures ------------------------------------------------------------------------------

    def _map_frame(self) -> geo.Frame | None:
        chosen = self.graph.explainer.map
        return geo.frame(chosen.bbox, visuals.MAP_WIDTH) if chosen else None

    def _map_picture(self) -> Picture | None:
        chosen, view = self.graph.explainer.map, self._map_frame()
        if chosen is None or view is None:
            return None
        return Picture(MAP, chosen.description, chosen.title, view.width, view.height)

    def _map_svg(self) -> str:
        chosen, view = self.graph.explainer.map, self._map_frame()
        assert chosen is not None and view is not None
        highlighted = {a.model.iso: a.model.name for a in self.graph.actors if a.model.iso}
        routes = [visuals.Route(r.name, r.kind, r.points) for r in chosen.routes]
        places = [visuals.Place(p.name, p.point) for p in chosen.places]
        return visuals.svg(visuals.map_spec(view, geo.countries(view), highlighted, routes, places))

    def _chart_svg(self, brief: BriefNode, number: int) -> str:
        _title, group = _charts(brief.model)[number - 1]
        if _is_series(group):
            return visuals.svg(visuals.series_spec(_points(group), group[0].unit))
        return visuals.svg(visuals.chart_spec(_bars(group), group[0].unit))

    def _event_counts(self) -> tuple[list[tuple[int, str, int]], list[int]]:
        counts: dict[tuple[int, str], int] = {}
        for event in self.graph.events:
            key = (event.model.date.year, event.model.status)
            counts[key] = counts.get(key, 0) + 1
        years = sorted({year for year, _status in counts})
        rows = [(year, status, n) for (year, status), n in sorted(counts.items())]
        return rows, years

    def _timeline_svg(self) -> str:
        counts, span = self._event_counts()
        return visuals.svg(visuals.timeline_spec(counts, span))


class _Notes:
    """Numbers sources in order of first citation on one page, as Markdown footnotes."""

    def __init__(self, order: Iterable[str] = ()) -> None:
        self.order: list[str] = list(order)

    def refs(self, cites: Iterable[Any]) -> str:
        marks = []
        for source_id in dict.fromkeys(c.source for c in cites):
            if source_id not in self.order:
                self.order.append(source_id)
            marks.append(f"[^{source_id}]")
        return "".join(marks)

    def definitions(self, cite: Callable[[str], str]) -> list[tuple[str, str]]:
        return [(source_id, cite(source_id)) for source_id in self.order]


def _same(before: tuple[Any, ...], now: tuple[Any, ...]) -> bool:
    """The same objects, in order: an equal model may be another file, with another id."""
    return len(before) == len(now) and all(map(operator.is_, before, now))


@memo.by_identity
def _citation(source: Source) -> str:
    """A reference-list entry: Author. Title. Publisher, date. <url> (accessed ...)."""
    parts = []
    if source.author:
        parts.append(text.plain(source.author) + ".")
    parts.append(f"*{text.plain(source.title)}*.")
    where = ", ".join(p for p in (text.plain(source.publisher), source.date.display if source.date else "") if p)
    if where:
        parts.append(where + ".")
    if source.url:
        parts.append(f"<{text.url(source.url)}>")
        if source.accessed:
            parts.append(f"(accessed {source.accessed.day} {source.accessed.strftime('%B %Y')})")
    return " ".join(parts)


def _number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0")


def _figure_text(figure: Figure) -> str:
    """The value as plain text: "60–70%", "about 4.5 $bn"."""
    shown = _number(figure.value) if figure.upper is None else f"{_number(figure.value)}–{_number(figure.upper)}"
    if figure.unit:
        shown = f"{shown}{figure.unit}" if figure.unit in ("%",) else f"{shown} {figure.unit}"
    return f"{figure.qualifier} {shown}" if figure.qualifier else shown


def _figure_value(figure: Figure) -> str:
    """The value as Markdown-safe text for the page."""
    return text.plain(_figure_text(figure))


@memo.by_identity
def _charts(brief: Brief) -> list[tuple[str, list[Figure]]]:
    """A brief's chart groups, kept with its model while a preview runs (every run lists every chart's path)."""
    return _chart_groups(brief.figures)


def _chart_groups(figures: Iterable[Figure]) -> list[tuple[str, list[Figure]]]:
    """Figures that share a ``chart`` title, in order of first appearance; figures without one are not charted."""
    groups: dict[str, list[Figure]] = {}
    for figure in figures:
        if figure.chart.strip():
            groups.setdefault(figure.chart.strip(), []).append(figure)
    return list(groups.items())


def _bars(figures: list[Figure]) -> list[visuals.Bar]:
    """Chart rows: labels without the words every row shares (the chart's title says them), with the year."""
    labels = _distinct_parts([f.label for f in figures])
    bars = []
    for figure, label in zip(figures, labels, strict=True):
        high = figure.upper if figure.upper is not None else figure.value
        bars.append(visuals.Bar(f"{label} ({figure.as_of.year})", figure.value, high, _figure_text(figure)))
    return bars


def _is_series(figures: list[Figure]) -> bool:
    """A chart whose figures name a ``series`` is drawn as lines over time; otherwise one row per figure."""
    return any(figure.series.strip() for figure in figures)


def _points(figures: list[Figure]) -> list[visuals.Point]:
    """Series chart points; a figure without a series name forms its own series, named by its label."""
    points = []
    for figure in figures:
        high = figure.upper if figure.upper is not None else figure.value
        date = figure.as_of
        when = f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}"
        series = figure.series.strip() or figure.label
        points.append(visuals.Point(series, when, date.display, figure.value, high, _figure_text(figure)))
    return points


def _chart_alt(title: str, figures: list[Figure]) -> str:
    if _is_series(figures):
        return visuals.series_alt(title, _points(figures))
    return visuals.chart_alt(title, _bars(figures))


def _distinct_parts(labels: list[str]) -> list[str]:
    """Drop a leading phrase (up to a comma or colon) that every label repeats, if anything is left."""
    if len(labels) < 2:
        return labels
    prefix = posixpath.commonprefix(labels)
    cut = max(prefix.rfind(", "), prefix.rfind(": "))
    if cut <= 0 or any(not label[cut + 2 :].strip() for label in labels):
        return labels
    return [label[cut + 2 :].strip() for label in labels]


_MARKDOWN = markdown.Markdown()


def _plain_text(source: str) -> str:
    """Editor's Markdown as one line of plain text, for meta descriptions and structured data."""
    rendered = _MARKDOWN.reset().convert(text.markdown(source))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", rendered)).split())


def _reading_minutes(brief: Any) -> int:
    words = [brief.summary, *(c.text for c in brief.key_points), *(s.body for s in brief.sections)]
    words += [p.view for p in brief.perspectives]
    return max(1, math.ceil(sum(len(w.split()) for w in words) / WORDS_PER_MINUTE))


def _day(date: Any) -> str:
    return f"{date.day} {date.strftime('%B %Y')}"


def _linker(page: str) -> Any:
    base = posixpath.dirname(page)

    def link(target: str) -> str:
        path, _, anchor = target.partition("#")
        rel = relative(path, base) if path else ""
        return f"{rel}#{anchor}" if anchor else rel

    return link


def relative(path: str, base: str) -> str:
    """``path`` relative to the folder ``base``, both under docs/: ``posixpath.relpath`` without the file system.

    Links are made hundreds of thousands of times in a large explainer; relpath's
    absolute-path work was a tenth of the rendering time.
    """
    if not base:
        return path
    parts, here = path.split("/"), base.split("/")
    common = 0
    while common < min(len(parts) - 1, len(here)) and parts[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + parts[common:])


# Characters YAML will not read inside a double-quoted scalar as themselves: line breaks it folds
# (NEL, LS, PS) and ones it refuses as unprintable. JSON leaves them raw; they are escaped here.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _front_matter(**fields: Any) -> str:
    """YAML front matter whose values are written as JSON, which YAML reads as flow scalars and collections.

    ``yaml.safe_dump`` was four tenths of the rendering time; JSON's C encoder is
    a hundred times faster and reads back to the same values.
    """
    data = {key: value for key, value in fields.items() if value not in (None, "", [], ())}
    if "title" in data:  # MkDocs treats a page title as HTML (nav, header, <title>): escape it once, here
        data["title"] = text.html_text(data["title"])
    lines = [
        f"{key}: {_YAML_UNSAFE.sub(_escape, json.dumps(value, ensure_ascii=False))}" for key, value in data.items()
    ]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
