"""What every page is made with: the Jinja environment, its escaping filters, links and source notes.

Templates receive ready values; ordering, grouping, numbering of source notes
and link paths are computed in Python. Content reaches templates as data only,
through the escaping filters of ``pages.text``, never as template source. Pure:
nothing here reads or writes a file.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.content import links
from generator.content.graph import Graph, Node
from generator.draw import Draw
from generator.keep import Keep, nothing
from generator.pages import text
from generator.pages.pictures import svg
from generator.project import Settings

P = TypeVar("P")


class Addresses(Protocol):
    """Where pages are (``pages.registry`` knows): a renderer links through it."""

    def path(self, name: str, /, **params: str) -> str:
        """The path under docs/ of the page of this kind (``id=`` for a page about one entity)."""
        ...

    def entity(self, kind: str, entity_id: str) -> str:
        """Where an entity is shown: its own page, or its anchor on a list page."""
        ...

    def label(self, node: Node) -> str:
        """How a link to ``node`` reads in a list of places."""
        ...


@functools.cache
def environment() -> Environment:
    """The templates' environment, one per process: each template is compiled once."""
    env = Environment(
        loader=PackageLoader("generator.pages", "templates"),
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
    """Makes pages for one graph: templates, links between pages, source notes. One per run."""

    def __init__(
        self, graph: Graph, settings: Settings, addresses: Addresses, keep: Keep = nothing, draw: Draw = svg.vega
    ) -> None:
        self.graph = graph
        self.settings = settings
        self.addresses = addresses
        self.keep = keep
        self.draw = draw
        self.env = environment()
        self._citations: dict[str, str] = {}
        self._once: dict[str, Any] = {}
        self._linkable = links.linkable()  # once a run: a page has thousands of links

    def make(self, make: Callable[[Renderer, P], str], page: P) -> str:
        """``make(self, page)``, its pictures drawn with this run's ``Draw``."""
        with svg.drawing(self.draw):
            return make(self, page)

    def render(self, path: str, template: str, **context: Any) -> str:
        return "".join(self.generate(path, template, **context))

    def generate(self, path: str, template: str, **context: Any) -> Iterator[str]:
        """The page at ``path`` as ``template`` makes it, in pieces: a large page is never whole in memory."""
        link = linker(path)

        def to(node: Node) -> str:
            return link(self.addresses.entity(node.kind, node.id))

        def page(name: str, anchor: str = "", /, **params: str) -> str:
            return link(self.addresses.path(name, **params) + (f"#{anchor}" if anchor else ""))

        pieces = self.env.get_template(template).generate(
            explainer=self.graph.explainer, link=link, to=to, page=page, front=front_matter, **context
        )
        return (self._content_links(piece, link) for piece in pieces)

    def _content_links(self, piece: str, link: Callable[[str], str]) -> str:
        """Links to content by id in editors' Markdown (``[the brief](brief:energy-ties)``) as links to where it is."""
        if "](" not in piece:
            return piece
        kinds = self._linkable

        def to(match: re.Match[str]) -> str:
            kind, entity_id = match.groups()
            if kind not in kinds:
                return match.group()
            return f"]({link(self.addresses.entity(kind, entity_id))})"

        return links.INTERNAL_LINK.sub(to, piece)

    def once(self, name: str, make: Callable[[], Any]) -> Any:
        """``make()``, made once for this run: for views of the whole graph that several pages share."""
        if name not in self._once:
            self._once[name] = make()
        return self._once[name]

    def part(self, name: str, made_from: tuple[Any, ...], make: Callable[[], str]) -> str:
        """A part of a long page made from the models in ``made_from``: kept while the preview keeps them."""
        return self.keep(name, made_from, make)

    def cite(self, source_id: str) -> str:
        """A source's reference-list entry, made once per run (and kept per model version in the preview)."""
        if source_id not in self._citations:
            model = self.graph.index["source"][source_id].model
            kind = next((t for t in self.graph.explainer.certainty.source_types if t.id == model.type), None)
            original = self.graph.get("source", model.copy_of) if model.copy_of else None
            made_from = (model, kind, original.model if original else None)
            self._citations[source_id] = self.keep("citation", made_from, lambda: citation(*made_from))
        return self._citations[source_id]

    def notes(self) -> Notes:
        return Notes(self.cite)


class Notes:
    """Numbers the citations on one page, in order of first citation, as Markdown footnotes.

    A source cited plainly is one note; each place in it that a claim points to (a
    locator, an excerpt) is a note of its own, so the footnote preview shows it.
    """

    def __init__(self, cite: Callable[[str], str]) -> None:
        self._cite = cite
        self._keys: dict[tuple[str, str, str], str] = {}
        self._places: dict[str, int] = {}

    def refs(self, cites: Iterable[Any]) -> str:
        return "".join(f"[^{key}]" for key in dict.fromkeys(map(self._key, cites)))

    def _key(self, cite: Any) -> str:
        where = (cite.source, cite.locator, cite.excerpt)
        if where not in self._keys:
            if cite.locator or cite.excerpt:  # "--" never occurs in an id, so no key is another source's
                self._places[cite.source] = self._places.get(cite.source, 0) + 1
                self._keys[where] = f"{cite.source}--{self._places[cite.source]}"
            else:
                self._keys[where] = cite.source
        return self._keys[where]

    def sources(self) -> list[str]:
        """The sources cited so far, each once, in order of first citation."""
        return list(dict.fromkeys(source_id for source_id, _locator, _excerpt in self._keys))

    def definitions(self) -> list[tuple[str, str]]:
        return [
            (key, self._cite(source_id) + located(locator, excerpt))
            for (source_id, locator, excerpt), key in self._keys.items()
        ]


def citation(source: Any, kind: Any = None, original: Any = None) -> str:
    """A reference-list entry: Author. *Title*. Publisher, date. Type. Copy of *Original*. <url> (accessed ...)."""
    parts = []
    if source.author:
        parts.append(text.plain(source.author) + ".")
    parts.append(f"*{text.plain(source.title)}*.")
    parts.append(f"{text.plain(source.publisher)}, {source.date.display}.")
    if kind is not None:
        parts.append(f"{text.plain(kind.title)}.")
    if original is not None:
        parts.append(f"A copy of *{text.plain(original.title)}* ({text.plain(original.publisher)}).")
    if source.url:
        parts.append(f"<{text.url(source.url)}>")
        if source.accessed:
            parts.append(f"(accessed {day(source.accessed)})")
    if source.archived:
        parts.append(f"Archived: <{text.url(source.archived)}>")
    return " ".join(parts)


def located(locator: str, excerpt: str) -> str:
    """Where in a source a claim is supported, as the end of its note: ' — p. 12: “a few words”'."""
    parts = [text.plain(locator)] if locator else []
    parts += [f"“{text.plain(excerpt)}”"] if excerpt else []
    return f" — {': '.join(parts)}" if parts else ""


def day(date: Any) -> str:
    return f"{date.day} {date.strftime('%B %Y')}"


def linker(page: str) -> Callable[[str], str]:
    """Links from ``page`` to other files under docs/, as relative paths (with an optional #anchor)."""
    base = page.rpartition("/")[0]

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


def front_matter(**fields: Any) -> str:
    """YAML front matter whose values are written as JSON, which YAML reads as flow scalars and collections.

    ``yaml.safe_dump`` was four tenths of the rendering time; JSON's C encoder is
    a hundred times faster and reads back to the same values. A page title is
    HTML to MkDocs (navigation, header, ``<title>``), so it is escaped once, here.
    """
    data = {key: value for key, value in fields.items() if value not in (None, "", [], ())}
    if "title" in data:
        data["title"] = text.html_text(data["title"])
    lines = [
        f"{key}: {_YAML_UNSAFE.sub(_escape, json.dumps(value, ensure_ascii=False))}" for key, value in data.items()
    ]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
