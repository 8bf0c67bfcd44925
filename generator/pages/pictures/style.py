"""The look every picture shares: type, ink, colours and the Vega-Lite configuration."""

from __future__ import annotations

from typing import Any

MAP_WIDTH = 720
CHART_WIDTH = 520
# Text is laid out when the SVG is drawn, with Liberation Sans (vl-convert's own font); Arial has the
# same metrics, so labels keep their room in readers' browsers.
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
INK = "#1f2933"
SEA = "#dbe8f3"
LAND = "#e4e2dc"
INVOLVED = "#b7c0ea"
BORDER = "#ffffff"
ACCENT = "#3949ab"
ROUTE_COLORS = ("#c62828", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f")
ROUTE_DASH = {"pipeline": [1, 0], "shipping": [6, 4], "road": [2, 3], "other": [8, 3, 2, 3]}
STATUS_COLORS = {"confirmed": "#1b5e20", "reported": "#1565c0", "disputed": "#b71c1c", "estimate": "#8d6e63"}


def config() -> dict[str, Any]:
    return {
        "font": FONT,
        "aria": False,
        "view": {"stroke": None},
        "axis": {"labelColor": INK, "titleColor": INK, "domainColor": "#9aa5b1", "tickColor": "#9aa5b1"},
        "legend": {"labelColor": INK},
    }
