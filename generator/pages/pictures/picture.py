"""A picture as a page shows it: a title above, what is measured, the image (or a small table), a legend, and a
line naming its sources with a note, as data journalism presents a chart.

The page writes it as HTML, which MkDocs does not rewrite, so every address in it
is the one a browser resolves from the page as served (``served_link``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from generator.pages.render import relative

NARROW_MEDIA = "(max-width: 719px)"
"""Where a picture's narrow drawing replaces the wide one: below the width at which the wide one fits unscaled."""


@dataclass(frozen=True)
class Drawing:
    """One drawing of a picture: its served address and size in pixels."""

    src: str
    width: int
    height: int


@dataclass(frozen=True)
class Key:
    """One entry of a legend: a swatch drawn as the picture draws it, and what it stands for."""

    label: str
    swatch: str  # "area", "line" or "dot"
    color: str
    dash: str = ""  # an SVG dash pattern for lines, such as "6 4"
    outline: str = ""  # the outline of an area


@dataclass(frozen=True)
class Credit:
    """A source named under a picture, linking to its entry on the sources page."""

    label: str
    href: str


@dataclass(frozen=True)
class Picture:
    """A chart, map or overview as a page shows it; a figure group too small to chart has ``rows`` instead."""

    title: str
    subtitle: str
    alt: str
    wide: Drawing | None = None
    narrow: Drawing | None = None
    legend: tuple[Key, ...] = ()
    credits: tuple[Credit, ...] = ()
    credit_text: str = ""
    """Sources that are not entries on the sources page, such as the map data."""
    note: str = ""
    rows: tuple[tuple[str, str], ...] = ()
    """For a small group of figures: (what, value) rows of a table."""
    anchor: str = ""
    media: str = NARROW_MEDIA

    def __post_init__(self) -> None:
        """Text on one line: a page writes a picture as raw HTML, where a line break could end the block."""
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, str):
                object.__setattr__(self, field.name, one_line(value))
        object.__setattr__(self, "rows", tuple((one_line(a), one_line(b)) for a, b in self.rows))
        object.__setattr__(self, "legend", tuple(Key(one_line(k.label), *_rest(k)) for k in self.legend))
        object.__setattr__(self, "credits", tuple(Credit(one_line(c.label), c.href) for c in self.credits))


def one_line(text: str) -> str:
    return " ".join(text.split())


def _rest(key: Key) -> tuple[str, str, str, str]:
    return (key.swatch, key.color, key.dash, key.outline)


def served(path: str) -> str:
    """Where MkDocs serves a docs/ file: ``a/b.md`` at ``a/b/``, ``a/index.md`` at ``a/``, other files as they are."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md").removesuffix("index").rstrip("/")
    return f"{stem}/" if stem else ""


def served_link(page: str) -> Callable[[str], str]:
    """Links from ``page`` (a docs/ path) to other docs/ paths, with an optional #anchor, as served addresses."""
    here = served(page).rstrip("/")

    def link(target: str) -> str:
        path, _, anchor = target.partition("#")
        rel = relative(served(path), here) if path or here else ""
        rel = rel or "./"
        return f"{rel}#{anchor}" if anchor else rel

    return link
