"""Where a map writes its names: each label takes the first of its candidate places that stays inside the frame
and clear of the labels and dots already placed, in order of importance; a label with no room is left out.

Text widths are estimated (``measure``), with room to spare, so labels that clear
each other here still clear each other in a reader's browser.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.pages.pictures.measure import text_width

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Label:
    """A name to write, with the points it may be centred on, best first. An area's name (``area``) may move
    sideways to stay inside the frame, and may break onto two lines; a place's stays beside its dot."""

    text: str
    size: int
    style: str  # a key of the map's label styles
    candidates: tuple[tuple[float, float], ...]
    bold: bool = False
    area: bool = False


@dataclass(frozen=True)
class Placed:
    lines: tuple[str, ...]
    size: int
    style: str
    x: float  # centre
    y: float  # middle

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def around(x: float, y: float, text: str, size: int, gap: float = 5) -> tuple[tuple[float, float], ...]:
    """Centres for the label of a dot at (x, y): to its right, left, above and below."""
    half = text_width(text, size) / 2
    return (
        (x + gap + half, y),
        (x - gap - half, y),
        (x, y - size * 0.6 - gap),
        (x, y + size * 0.6 + gap),
    )


def near(x: float, y: float, size: int) -> tuple[tuple[float, float], ...]:
    """Centres for a label of an area at (x, y): there, then a line above or below it."""
    step = size * 1.3
    return ((x, y), (x, y - step), (x, y + step), (x, y - 2 * step), (x, y + 2 * step))


LINE = 1.2
"""A line of a label, in font sizes."""


def place(labels: Sequence[Label], width: float, height: float, taken: Iterable[Box] = ()) -> list[Placed]:
    """The labels that fit, each at its first free candidate, in the order given (the most important first)."""
    boxes = list(taken)
    placed = []
    for label in labels:
        for lines, x, y in _tries(label, width):
            half_w = max(text_width(line, label.size, bold=label.bold) for line in lines) / 2
            half_h = label.size * LINE * len(lines) / 2
            box = (x - half_w, y - half_h, x + half_w, y + half_h)
            if _inside(box, width, height) and not any(_overlap(box, other) for other in boxes):
                boxes.append(box)
                placed.append(Placed(lines, label.size, label.style, round(x, 1), round(y, 1)))
                break
    return placed


def _tries(label: Label, width: float) -> Iterable[tuple[tuple[str, ...], float, float]]:
    """Each way to write a label, in order: its candidates; for an area, moved inside the frame, then on two lines."""
    words = label.text.split()
    shapes: list[tuple[str, ...]] = [(label.text,)]
    if label.area and len(words) > 1:
        middle = min(range(1, len(words)), key=lambda n: abs(len(" ".join(words[:n])) - len(label.text) / 2))
        shapes.append((" ".join(words[:middle]), " ".join(words[middle:])))
    for lines in shapes:
        half = max(text_width(line, label.size, bold=label.bold) for line in lines) / 2
        for x, y in label.candidates:
            yield lines, (min(max(x, half + 3), width - half - 3) if label.area else x), y


def dot_box(x: float, y: float, radius: float = 4) -> Box:
    return (x - radius, y - radius, x + radius, y + radius)


def _inside(box: Box, width: float, height: float, margin: float = 2) -> bool:
    left, top, right, bottom = box
    return left >= margin and top >= margin and right <= width - margin and bottom <= height - margin


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
