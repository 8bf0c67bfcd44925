"""How wide a line of text is drawn, so pictures can lay out labels before Vega draws them.

The widths are the advance widths of Liberation Sans (the metrics of Arial), the font
vl-convert lays text out with, measured once with vl-convert's own scenegraph, in
thousandths of the font size. Readers' browsers may draw the text with a wider
font (DejaVu Sans, where neither Arial nor Liberation Sans is installed), so a
layout leaves ``SLACK`` to spare.
"""

from __future__ import annotations

SLACK = 1.1
"""Room left for a wider fallback font."""
_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_"
    "`abcdefghijklmnopqrstuvwxyz{|}~üöçşğıəÜÖÇŞĞİƏéèáàíóúñ–—’‘“”…·°′″×"
)
# fmt: off
_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 470, 556,
    333, 556, 556, 500, 556, 556, 260, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 556,
    556, 500, 500, 556, 278, 556, 722, 778, 722, 667, 778, 278, 752, 556, 556, 556,
    556, 278, 556, 556, 556, 556, 1000, 205, 205, 333, 333, 1000, 333, 400, 188, 354,
    584,
)
# fmt: on
# fmt: off
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 611,
    611, 556, 556, 611, 278, 556, 722, 778, 722, 667, 778, 278, 726, 556, 556, 556,
    556, 278, 611, 611, 611, 556, 1000, 242, 242, 500, 500, 1000, 333, 400, 240, 479,
    584,
)
# fmt: on
_AVERAGE = 556
_WIDTHS = (dict(zip(_CHARS, _REGULAR, strict=True)), dict(zip(_CHARS, _BOLD, strict=True)))


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Pixels ``text`` takes at ``size`` pixels, with ``SLACK`` to spare."""
    table = _WIDTHS[bold]
    return sum(table.get(char, _AVERAGE) for char in text) * size / 1000 * SLACK


def wrap(text: str, size: float, width: float, *, bold: bool = False) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` (a word longer than that keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold=bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]
