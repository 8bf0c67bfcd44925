"""Reference pages: the glossary, every source with where it is cited, the method, and the abbreviations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.content.fields import STATUSES
from generator.content.graph import Node
from generator.content.types import TYPES
from generator.pages import corrections, text
from generator.pages.pictures.picture import served_link
from generator.pages.render import Renderer


def glossary(r: Renderer, path: str) -> str:
    return r.render(path, "glossary.md.j2", terms=[(term, term.cited()) for term in r.graph.of("term")])


def sources(r: Renderer, path: str) -> str:
    return "".join(sources_parts(r, path))


def sources_parts(r: Renderer, path: str) -> Iterator[str]:
    """The largest page (8 MB at 10,000 briefs), made one source block at a time, grouped by type of source (in
    the order the explainer declares them), then by publisher (alphabetically)."""
    count = len(r.graph.of("source"))
    described = "The one source" if count == 1 else f"The {count:,} sources"
    return r.generate(path, "sources.md.j2", groups=_grouped(r, path), count=described)


def _grouped(r: Renderer, path: str) -> Iterator[tuple[Any, Iterator[tuple[str, Iterator[str]]]]]:
    by_type: dict[str, dict[str, list[Node]]] = {}
    for source in r.graph.of("source"):
        by_type.setdefault(source.model.type, {}).setdefault(source.model.publisher, []).append(source)
    for kind in r.graph.explainer.certainty.source_types:
        publishers = by_type.get(kind.id)
        if publishers:
            ordered = sorted(publishers.items(), key=lambda item: item[0].casefold())
            yield kind, ((name, (source_block(r, path, s) for s in _by_date(found))) for name, found in ordered)


def _by_date(sources: list[Node]) -> list[Node]:
    """A publisher's sources, newest first."""
    return sorted(sources, key=lambda node: node.model.date, reverse=True)


def citers(source: Node) -> list[Node]:
    """Who cites ``source``: every kind but sources (a copy names its original, it does not cite it)."""
    return [node for content in TYPES if content.kind != "source" for node in source.into(content.kind)]


def source_block(r: Renderer, path: str, source: Node) -> str:
    """One source's part of the sources page, kept while neither it nor what cites it changes. Written as HTML,
    compact: its links are as served (``served_link``), and no glossary tooltip repeats a definition in it."""
    citing = citers(source)

    def make() -> str:
        link = served_link(path)
        shown = [(r.addresses.label(node), link(r.addresses.entity(node.kind, node.id))) for node in citing]
        return r.render(path, "source.md.j2", source=source, citers=shown)

    return r.part(path, (source.model, *(node.model for node in citing)), make)


def about(r: Renderer, path: str) -> str:
    """The method: the explainer's own words, then the certainty labels and kinds of source, from the same data
    the checks read (``content.certainty``), so the page says what is checked."""
    explainer = r.graph.explainer
    certainty = explainer.certainty
    capped = [kind.title for kind in certainty.source_types if kind.caps_at_reported]
    return r.render(
        path,
        "about.md.j2",
        about=r.graph.explainer.about,
        certainty=certainty,
        labels=[(status, getattr(certainty.definitions, status)) for status in STATUSES],
        capped=_either(capped),
        correction=corrections.correction_link(
            explainer.repository or r.settings.repository, "How this explainer is made", path
        ),
    )


def _either(names: list[str]) -> str:
    """Names joined as readers list them: "A", "A or B", "A, B or C"."""
    return " or ".join(filter(None, (", ".join(names[:-1]), names[-1]))) if names else ""


def abbreviations(r: Renderer, path: str) -> str:
    """The glossary as Markdown abbreviations (``*[term]: definition``), which the site shows as tooltips."""
    return "".join(f"{line}\n" for line in abbreviation_lines(r)) or "\n"


def abbreviation_lines(r: Renderer) -> list[str]:
    lines = []
    for term in r.graph.of("term"):
        for name in (term.model.term, *term.model.aliases):
            line = text.abbreviation(name, term.model.definition)
            if line:
                lines.append(line)
    return lines
