"""Pictures drawn at build time: the regional map, figure charts and the timeline overview.

Each picture is a Vega-Lite spec built by a pure function from ready values,
plus a text alternative written from the same values; ``svg`` turns a spec
into an SVG with vl-convert, offline and deterministically. Nothing here knows
about a particular explainer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from generator import geo

VEGA_LITE = "5.21"
_CLIP_ID = re.compile(r"\bclip\d+\b")
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


@dataclass(frozen=True)
class Route:
    name: str
    kind: str
    points: tuple[tuple[float, float], ...]  # [lon, lat]


@dataclass(frozen=True)
class Place:
    name: str
    point: tuple[float, float]  # [lon, lat]


@dataclass(frozen=True)
class Bar:
    """One row of a figure chart: a number, or a range when ``high`` differs from ``low``."""

    label: str
    low: float
    high: float
    shown: str  # the value as the page writes it, such as "60–70%"


@dataclass(frozen=True)
class Point:
    """One figure in a series chart: a number, or a range, at a date."""

    series: str
    when: str  # ISO date; a year or a month alone stands for its first day
    shown_when: str  # the date as the page writes it, such as "March 2024"
    low: float
    high: float
    shown: str


def svg(spec: dict[str, Any]) -> str:
    """Render a Vega-Lite spec to SVG text (offline; same spec, same bytes)."""
    import vl_convert

    text: str = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE)
    return _renumber_clips(text).rstrip("\n") + "\n"


def _renumber_clips(text: str) -> str:
    """Vega numbers clip paths with a counter that runs across renders; number them per picture instead."""
    numbers: dict[str, str] = {}
    return _CLIP_ID.sub(lambda m: numbers.setdefault(m.group(0), f"clip{len(numbers) + 1}"), text)


# -- the map ------------------------------------------------------------------------------------


def map_spec(
    view: geo.Frame,
    shapes: Sequence[geo.Shape],
    highlighted: dict[str, str],
    routes: Sequence[Route] = (),
    places: Sequence[Place] = (),
) -> dict[str, Any]:
    """A map of ``shapes`` already projected to pixels; countries whose ISO id is in ``highlighted`` are
    tinted and labelled with the name given there."""
    countries = [
        {
            "type": "Feature",
            "properties": {"fill": INVOLVED if shape.id in highlighted else LAND},
            "geometry": {"type": "MultiPolygon", "coordinates": [_rings(polygon) for polygon in shape.polygons]},
        }
        for shape in shapes
    ]
    labels = [
        _inside(view, *geo.label_point(shape), highlighted[shape.id], 13) for shape in shapes if shape.id in highlighted
    ]
    lines = [
        {
            "type": "Feature",
            "properties": {"name": route.name, "dash": ROUTE_DASH.get(route.kind, ROUTE_DASH["other"])},
            "geometry": {"type": "LineString", "coordinates": [list(view.project(*p)) for p in route.points]},
        }
        for route in routes
    ]
    points = [(view.project(*place.point), place.name) for place in places]
    dots = [{"x": x, "y": y, "name": name} for (x, y), name in points]
    raised = [_inside(view, x, y - 9, name, 12) for (x, y), name in points]  # drawn 9 px above the dot
    dot_labels = [{**label, "y": label["y"] + 9} for label in raised]
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": countries},
            "mark": {"type": "geoshape", "stroke": BORDER, "strokeWidth": 0.8},
            "encoding": {"fill": {"field": "properties.fill", "type": "nominal", "scale": None}},
        },
        _labels(labels, size=13, weight="bold", color="#283593", italic=True),
    ]
    if lines:
        names = [route.name for route in routes]
        layers.append(
            {
                "data": {"values": lines},
                "mark": {"type": "geoshape", "filled": False, "strokeWidth": 3, "strokeCap": "round"},
                "encoding": {
                    "stroke": {
                        "field": "properties.name",
                        "type": "nominal",
                        "scale": {"domain": names, "range": list(ROUTE_COLORS[: len(names)] or ROUTE_COLORS)},
                        "legend": {
                            "title": None,
                            "orient": "bottom-left",
                            "symbolType": "stroke",
                            "symbolStrokeWidth": 3,
                            "labelFontSize": 12,
                            "labelLimit": 320,
                            "fillColor": "rgba(255,255,255,0.85)",
                            "padding": 6,
                        },
                    },
                    "strokeDash": {"field": "properties.dash", "type": "nominal", "scale": None},
                },
            }
        )
    if dots:
        layers.append(
            {
                "data": {"values": dots},
                "mark": {"type": "circle", "size": 36, "color": INK, "opacity": 1},
                "encoding": {"longitude": {"field": "x", "type": "quantitative"}, "latitude": _lat()},
            }
        )
        layers.append(_labels(dot_labels, size=12, weight="normal", color=INK, dy=-9))
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": view.width,
        "height": view.height,
        "padding": 0,
        "autosize": {"type": "none"},
        "background": SEA,
        "projection": {"type": "identity", "scale": 1, "translate": [0, 0]},
        "layer": layers,
        "config": _config(),
    }


def _inside(view: geo.Frame, x: float, y: float, name: str, size: int) -> dict[str, Any]:
    """A centred label moved just enough to stay inside the frame (text width estimated from its length)."""
    half = 0.31 * size * len(name) + 3
    return {
        "x": round(min(max(x, half), view.width - half), 1),
        "y": round(min(max(y, size + 2), view.height - 4), 1),
        "name": name,
    }


def _rings(polygon: geo.Polygon) -> list[list[list[float]]]:
    return [[list(point) for point in (*ring, ring[0])] for ring in polygon]


def _lat() -> dict[str, Any]:
    return {"field": "y", "type": "quantitative"}


def _labels(
    rows: list[dict[str, Any]], *, size: int, weight: str, color: str, dy: int = 0, italic: bool = False
) -> dict[str, Any]:
    """Text with a white halo underneath, so labels stay legible over borders and routes."""
    mark = {
        "type": "text",
        "fontSize": size,
        "fontWeight": weight,
        "dy": dy,
        "fontStyle": "italic" if italic else "normal",
    }
    encoding = {
        "longitude": {"field": "x", "type": "quantitative"},
        "latitude": _lat(),
        "text": {"field": "name", "type": "nominal"},
    }
    return {
        "data": {"values": rows},
        "layer": [
            {"mark": {**mark, "stroke": "#ffffff", "strokeWidth": 3, "strokeOpacity": 0.85, "color": "#ffffff"}},
            {"mark": {**mark, "color": color}},
        ],
        "encoding": encoding,
    }


# -- figure charts ----------------------------------------------------------------------------


def chart_spec(bars: Sequence[Bar], unit: str) -> dict[str, Any]:
    """One row per figure, in the brief's order: its label above, then a dot (a number) or a bar (a range).

    Labels sit above the rows rather than beside them, so the chart stays narrow enough to read on a phone.
    """
    rows = [{"row": bar.label, "low": bar.low, "high": bar.high, "shown": bar.shown} for bar in bars]
    y = {"field": "row", "type": "nominal", "sort": None, "title": None, "axis": None}
    x = {
        "field": "low",
        "type": "quantitative",
        "title": unit or None,
        "scale": {"zero": True, "nice": True},
        "axis": {"labelFontSize": 13, "titleFontSize": 13, "grid": True, "tickCount": 6},
    }
    below = 9  # pixels between a row's label and its mark
    dot = {"type": "circle", "size": 130, "color": ACCENT, "opacity": 1, "yOffset": below}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": CHART_WIDTH,
        "height": {"step": 56},
        "background": "#ffffff",
        "padding": {"left": 8, "right": 12, "top": 8, "bottom": 8},
        "data": {"values": rows},
        "encoding": {"y": y},
        "layer": [
            {
                "mark": {"type": "text", "align": "left", "baseline": "bottom", "yOffset": -6, "fontSize": 15},
                "encoding": {"x": {"value": 0}, "text": {"field": "row", "type": "nominal"}, "color": {"value": INK}},
            },
            {
                "mark": {
                    "type": "rule",
                    "strokeWidth": 13,
                    "strokeCap": "round",
                    "color": ACCENT,
                    "opacity": 0.45,
                    "yOffset": below,
                },
                "encoding": {"x": x, "x2": {"field": "high"}},
            },
            {"mark": dot, "encoding": {"x": x}},
            {"mark": dot, "encoding": {"x": {**x, "field": "high"}}},
            {
                "mark": {
                    "type": "text",
                    "align": "left",
                    "dx": 11,
                    "yOffset": below,
                    "fontSize": 15,
                    "fontWeight": "bold",
                    "color": INK,
                },
                "encoding": {"x": {**x, "field": "high"}, "text": {"field": "shown", "type": "nominal"}},
            },
        ],
        "config": _config(),
    }


def chart_alt(title: str, bars: Iterable[Bar]) -> str:
    """Text alternative: the chart's title and every value it shows."""
    return f"Chart: {title}. " + "; ".join(f"{bar.label}: {bar.shown}" for bar in bars) + "."


def series_spec(points: Sequence[Point], unit: str) -> dict[str, Any]:
    """Lines over time, one per series (through the middle of ranges), with each range drawn as a bar."""
    rows = [
        {
            "series": p.series,
            "when": p.when,
            "low": p.low,
            "high": p.high,
            "mid": (p.low + p.high) / 2,
            "shown": p.shown,
        }
        for p in sorted(points, key=lambda p: (p.series, p.when))
    ]
    names = list(dict.fromkeys(p.series for p in points))
    x = {
        "field": "when",
        "type": "temporal",
        "title": None,
        "axis": {"format": "%Y", "labelFontSize": 13, "tickCount": {"interval": "year", "step": 1}, "grid": False},
    }
    y = {
        "field": "mid",
        "type": "quantitative",
        "title": unit or None,
        "scale": {"zero": True, "nice": True},
        "axis": {"labelFontSize": 13, "titleFontSize": 13, "tickCount": 5},
    }
    color = {
        "field": "series",
        "type": "nominal",
        "scale": {"domain": names, "range": list(ROUTE_COLORS[: len(names)] or ROUTE_COLORS)},
        "legend": {"title": None, "orient": "top", "labelFontSize": 13, "labelLimit": 360, "symbolOpacity": 1},
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": CHART_WIDTH,
        "height": 240,
        "background": "#ffffff",
        "padding": {"left": 8, "right": 16, "top": 8, "bottom": 8},
        "data": {"values": rows},
        "encoding": {"x": x, "color": color},
        "layer": [
            {"mark": {"type": "line", "strokeWidth": 2.5}, "encoding": {"y": y}},
            {
                "mark": {"type": "rule", "strokeWidth": 9, "strokeCap": "round", "opacity": 0.4},
                "encoding": {"y": {**y, "field": "low"}, "y2": {"field": "high"}},
            },
            {"mark": {"type": "circle", "size": 90, "opacity": 1}, "encoding": {"y": y}},
            {
                "mark": {"type": "text", "align": "left", "dx": 8, "dy": -8, "fontSize": 13, "fontWeight": "bold"},
                "encoding": {"y": y, "text": {"field": "shown", "type": "nominal"}, "color": {"value": INK}},
            },
        ],
        "config": _config(),
    }


def series_alt(title: str, points: Iterable[Point]) -> str:
    """Text alternative: each series with its values in date order."""
    by_series: dict[str, list[Point]] = {}
    for point in points:
        by_series.setdefault(point.series, []).append(point)
    parts = [
        f"{series}: " + ", ".join(f"{p.shown} ({p.shown_when})" for p in sorted(items, key=lambda p: p.when))
        for series, items in by_series.items()
    ]
    return f"Chart: {title}. " + "; ".join(parts) + "."


# -- timeline overview --------------------------------------------------------------------------


def timeline_spec(counts: Sequence[tuple[int, str, int]], years: Sequence[int]) -> dict[str, Any]:
    """Events per year, stacked by status: (year, status, count) rows; ``years`` are the axis, in order."""
    rows = [{"year": str(year), "status": status, "count": count} for year, status, count in counts]
    statuses = [s for s in STATUS_COLORS if any(row["status"] == s for row in rows)]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": {"step": max(8, min(28, 640 // max(1, len(years))))},
        "height": 140,
        "background": "#ffffff",
        "padding": 8,
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "year",
                "type": "ordinal",
                "title": None,
                "scale": {"domain": [str(year) for year in years]},
                "axis": {"labelAngle": -90, "labelFontSize": 11, "labelExpr": _every_other(years)},
            },
            "y": {
                "field": "count",
                "type": "quantitative",
                "stack": "zero",
                "title": "Events",
                "axis": {"tickMinStep": 1, "format": "d", "titleFontSize": 12},
            },
            "color": {
                "field": "status",
                "type": "nominal",
                "scale": {"domain": statuses, "range": [STATUS_COLORS[s] for s in statuses]},
                "legend": {"title": None, "orient": "top", "labelFontSize": 12},
            },
            "order": {"field": "status", "type": "nominal"},
        },
        "config": _config(),
    }


def timeline_alt(counts: Sequence[tuple[int, str, int]]) -> str:
    """Text alternative: the number of events in each year that has any, with their statuses."""
    by_year: dict[int, dict[str, int]] = {}
    for year, status, count in counts:
        by_year.setdefault(year, {})[status] = count
    parts = []
    for year, statuses in by_year.items():
        total = sum(statuses.values())
        detail = ", ".join(f"{count} {status}" for status, count in statuses.items())
        parts.append(f"{year}: {total} ({detail})")
    return "Chart: number of events per year. " + "; ".join(parts) + "."


def _every_other(years: Sequence[int]) -> str:
    """Axis labels for every year when they fit, otherwise every fifth."""
    return "datum.label" if len(years) <= 40 else "toNumber(datum.label) % 5 === 0 ? datum.label : ''"


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "aria": False,
        "view": {"stroke": None},
        "axis": {"labelColor": INK, "titleColor": INK, "domainColor": "#9aa5b1", "tickColor": "#9aa5b1"},
        "legend": {"labelColor": INK},
    }
