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
    """A name to write, with the points it may be centred on, best first."""

    text: str
    size: int
    style: str  # a key of the map's label styles
    candidates: tuple[tuple[float, float], ...]
    bold: bool = False


@dataclass(frozen=True)
class Placed:
    text: str
    size: int
    style: str
    x: float  # centre
    y: float  # middle


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


def place(labels: Sequence[Label], width: float, height: float, taken: Iterable[Box] = ()) -> list[Placed]:
    """The labels that fit, each at its first free candidate, in the order given (the most important first)."""
    boxes = list(taken)
    placed = []
    for label in labels:
        half_w = text_width(label.text, label.size, bold=label.bold) / 2
        half_h = label.size * 0.6
        for x, y in label.candidates:
            box = (x - half_w, y - half_h, x + half_w, y + half_h)
            if _inside(box, width, height) and not any(_overlap(box, other) for other in boxes):
                boxes.append(box)
                placed.append(Placed(label.text, label.size, label.style, round(x, 1), round(y, 1)))
                break
    return placed


def dot_box(x: float, y: float, radius: float = 4) -> Box:
    return (x - radius, y - radius, x + radius, y + radius)


def _inside(box: Box, width: float, height: float, margin: float = 2) -> bool:
    left, top, right, bottom = box
    return left >= margin and top >= margin and right <= width - margin and bottom <= height - margin


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
