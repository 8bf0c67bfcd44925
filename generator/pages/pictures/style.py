"""The look every picture shares: sizes, type, ink, colours and the Vega-Lite configuration."""

from __future__ import annotations

from typing import Any

WIDE = 680
"""Every picture's width for a wide screen: the column of text at 1366 px is 688 px wide."""
NARROW = 358
"""Every picture's width for a phone: the column of text at 390 px is 358 px wide, so the picture is not scaled
and its text keeps its size."""
TEXT = 13
"""The smallest text in a picture, in pixels as drawn: at least 12 px on a 390 px phone, with room to spare."""
LABEL = 14
# Text is laid out when the SVG is drawn, with Liberation Sans (vl-convert's own font); Arial has the
# same metrics, so labels keep their room in readers' browsers.
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
INK = "#1f2933"
MUTED_INK = "#52606d"
SEA = "#dbe8f3"
SEA_INK = "#2b5d8a"
LAND = "#e9e7e1"
INVOLVED = "#b7c0ea"
INVOLVED_INK = "#1a237e"
BORDER = "#ffffff"
ACCENT = "#3949ab"
ROUTE_COLORS = ("#c62828", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f")
ROUTE_DASH = {"pipeline": [1, 0], "shipping": [6, 4], "road": [2, 3], "rail": [9, 3], "other": [8, 3, 2, 3]}
PLANNED_DASH = [4, 4]
STATUS_COLORS = {"confirmed": "#1b5e20", "reported": "#1565c0", "disputed": "#b71c1c", "estimate": "#8d6e63"}


def config() -> dict[str, Any]:
    return {
        "font": FONT,
        "aria": False,
        "view": {"stroke": None},
        "axis": {
            "labelColor": INK,
            "titleColor": INK,
            "domainColor": "#9aa5b1",
            "tickColor": "#9aa5b1",
            "labelFontSize": TEXT,
            "titleFontSize": TEXT,
            "titleFontWeight": "normal",
        },
        "legend": {"labelColor": INK, "labelFontSize": TEXT},
    }
