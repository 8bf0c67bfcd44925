"""Graph → {page path: Markdown}. Pure: no file is read or written here.

Templates receive ready values; ordering, grouping, numbering of source notes
and link paths are computed in Python. Content reaches templates as data only,
through the escaping filters of ``generator.text``, never as template source.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from generator import text
from generator.corpus import ActorNode, BriefNode, EventNode, Graph, SourceNode, brief_source_ids
from generator.models import Source

HOME = "index.md"
BRIEFS = "briefs/index.md"
ACTORS = "actors/index.md"
TIMELINE = "timeline.md"
GLOSSARY = "glossary.md"
SOURCES = "sources.md"
TAGS = "tags.md"
ABOUT = "about.md"
ABBREVIATIONS = "_snippets/abbreviations.md"


def brief_path(brief_id: str) -> str:
    return f"briefs/{brief_id}.md"


def actor_path(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def environment() -> Environment:
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
    )
    return env


class Renderer:
    """Renders every page of a graph; ``pages()`` is the whole site's Markdown."""

    def __init__(self, graph: Graph, env: Environment | None = None) -> None:
        self.graph = graph
        self.env = env or environment()
        self._briefs = {brief.id: brief for brief in graph.briefs}
        self._actors = {actor.id: actor for actor in graph.actors}

    # -- public -----------------------------------------------------------------------------

    def paths(self) -> list[str]:
        """Every page this graph produces, sorted."""
        graph = self.graph
        fixed = [HOME, BRIEFS, ACTORS, TIMELINE, GLOSSARY, SOURCES, TAGS, ABBREVIATIONS]
        if graph.explainer.about:
            fixed.append(ABOUT)
        return sorted([*fixed, *(brief_path(b.id) for b in graph.briefs), *(actor_path(a.id) for a in graph.actors)])

    def page(self, path: str) -> str:
        """The Markdown of one page, so a caller can re-render only the pages a change touches."""
        graph = self.graph
        fixed: dict[str, Callable[[], str]] = {
            HOME: self._home,
            BRIEFS: lambda: self._render(BRIEFS, "briefs.md.j2", kinds=self._kind_groups()),
            ACTORS: self._actors_index,
            TIMELINE: self._timeline,
            GLOSSARY: lambda: self._render(GLOSSARY, "glossary.md.j2", terms=graph.terms),
            SOURCES: self._sources,
            TAGS: self._tags,
            ABBREVIATIONS: self._abbreviations,
            ABOUT: lambda: self._render(ABOUT, "about.md.j2", about=graph.explainer.about),
        }
        if path in fixed:
            return fixed[path]()
        folder, _, name = path.partition("/")
        entity_id = name.removesuffix(".md")
        if folder == "briefs":
            return self._brief(self._briefs[entity_id])
        if folder == "actors":
            return self._actor(self._actors[entity_id])
        raise KeyError(path)

    def pages(self) -> dict[str, str]:
        """The whole site's Markdown: {path under docs/: text}."""
        return {path: self.page(path) for path in self.paths()}

    # -- pages -------------------------------------------------------------------------------

    def _render(self, page: str, template: str, **context: Any) -> str:
        link = _linker(page)
        return self.env.get_template(template).render(
            explainer=self.graph.explainer, link=link, front=_front_matter, **context
        )

    def _home(self) -> str:
        graph = self.graph
        notes = _Notes()
        takeaways = [(claim, notes.refs(claim.sources)) for claim in graph.explainer.takeaways]
        return self._render(
            HOME,
            "home.md.j2",
            takeaways=takeaways,
            kinds=self._kind_groups(),
            start_here=graph.start_here,
            notes=notes.definitions(self._source_index()),
            brief_path=brief_path,
        )

    def _kind_groups(self) -> list[tuple[Any, list[BriefNode]]]:
        return [(kind, self.graph.briefs_of(kind)) for kind in self.graph.kinds if self.graph.briefs_of(kind)]

    def _brief(self, brief: BriefNode) -> str:
        model = brief.model
        notes = _Notes(brief_source_ids(model))
        key_points = [(claim, notes.refs(claim.sources)) for claim in model.key_points]
        figures = [
            (figure, _figure_value(figure.value, figure.upper, figure.unit), notes.refs(figure.sources))
            for figure in model.figures
        ]
        perspectives = [(p, notes.refs(p.sources)) for p in model.perspectives]
        return self._render(
            brief_path(brief.id),
            "brief.md.j2",
            brief=brief,
            model=model,
            key_points=key_points,
            figures=figures,
            perspectives=perspectives,
            notes=notes.definitions(self._source_index()),
            actor_path=actor_path,
            brief_path=brief_path,
        )

    def _actor(self, actor: ActorNode) -> str:
        return self._render(
            actor_path(actor.id),
            "actor.md.j2",
            actor=actor,
            model=actor.model,
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
        return self._render(ACTORS, "actors.md.j2", groups=ordered, actor_path=actor_path)

    def _timeline(self) -> str:
        years: dict[int, list[EventNode]] = {}
        for event in self.graph.events:
            years.setdefault(event.model.date.year, []).append(event)
        return self._render(TIMELINE, "timeline.md.j2", years=years, actor_path=actor_path, brief_path=brief_path)

    def _sources(self) -> str:
        entries = [(source, _citation(source.model), self._citers(source)) for source in self.graph.sources]
        return self._render(SOURCES, "sources.md.j2", entries=entries)

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
        return self._render(TAGS, "tags.md.j2", tags=self.graph.tags, brief_path=brief_path)

    def _abbreviations(self) -> str:
        lines = []
        for term in self.graph.terms:
            definition = " ".join(text.markdown(term.model.definition).split()).replace("*", "").replace("`", "")
            for name in (term.model.term, *term.model.aliases):
                lines.append(f"*[{name}]: {definition}")
        return "\n".join(lines) + "\n"

    def _source_index(self) -> dict[str, Source]:
        return {source.id: source.model for source in self.graph.sources}


class _Notes:
    """Numbers sources in order of first citation on one page, as Markdown footnotes."""

    def __init__(self, order: Iterable[str] = ()) -> None:
        self.order: list[str] = list(order)

    def refs(self, ids: Iterable[str]) -> str:
        marks = []
        for source_id in dict.fromkeys(ids):
            if source_id not in self.order:
                self.order.append(source_id)
            marks.append(f"[^{source_id}]")
        return "".join(marks)

    def definitions(self, sources: dict[str, Source]) -> list[tuple[str, str]]:
        return [(source_id, _citation(sources[source_id])) for source_id in self.order]


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
        parts.append(f"<{source.url}>")
        if source.accessed:
            parts.append(f"(accessed {source.accessed.day} {source.accessed.strftime('%B %Y')})")
    return " ".join(parts)


def _figure_value(value: float, upper: float | None, unit: str) -> str:
    def number(x: float) -> str:
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0")

    shown = number(value) if upper is None else f"{number(value)}–{number(upper)}"
    if not unit:
        return shown
    return f"{shown}{unit}" if unit in ("%",) else f"{shown} {text.plain(unit)}"


def _linker(page: str) -> Any:
    base = posixpath.dirname(page)

    def link(target: str) -> str:
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, base or ".") if path else ""
        return f"{rel}#{anchor}" if anchor else rel

    return link


def _front_matter(**fields: Any) -> str:
    data = {key: value for key, value in fields.items() if value not in (None, "", [], ())}
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n"
