"""The regional map: Natural Earth countries cut to a frame, with routes and places, as a Vega-Lite spec."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.pages.pictures import geo
from generator.pages.pictures.style import BORDER, INK, INVOLVED, LAND, ROUTE_COLORS, ROUTE_DASH, SEA, config


@dataclass(frozen=True)
class Route:
    name: str
    kind: str
    points: tuple[tuple[float, float], ...]  # [lon, lat]


@dataclass(frozen=True)
class Place:
    name: str
    point: tuple[float, float]  # [lon, lat]


def map_spec(
    view: geo.Frame,
    shapes: Sequence[geo.Shape],
    highlighted: dict[str, str],
    routes: Sequence[Route] = (),
    places: Sequence[Place] = (),
) -> dict[str, Any]:
    """A map of ``shapes`` already projected to pixels; countries whose ISO id is in ``highlighted`` are
    tinted and labelled with the name given there."""
    layers = [*_countries(view, shapes, highlighted), *_routes(view, routes), *_places(view, places)]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": view.width,
        "height": view.height,
        "padding": 0,
        "autosize": {"type": "none"},
        "background": SEA,
        "projection": {"type": "identity", "scale": 1, "translate": [0, 0]},
        "layer": layers,
        "config": config(),
    }


def _countries(view: geo.Frame, shapes: Sequence[geo.Shape], highlighted: dict[str, str]) -> list[dict[str, Any]]:
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
    return [
        {
            "data": {"values": countries},
            "mark": {"type": "geoshape", "stroke": BORDER, "strokeWidth": 0.8},
            "encoding": {"fill": {"field": "properties.fill", "type": "nominal", "scale": None}},
        },
        _labels(labels, size=13, weight="bold", color="#283593", italic=True),
    ]


def _routes(view: geo.Frame, routes: Sequence[Route]) -> list[dict[str, Any]]:
    if not routes:
        return []
    lines = [
        {
            "type": "Feature",
            "properties": {"name": route.name, "dash": ROUTE_DASH.get(route.kind, ROUTE_DASH["other"])},
            "geometry": {"type": "LineString", "coordinates": [list(view.project(*p)) for p in route.points]},
        }
        for route in routes
    ]
    names = [route.name for route in routes]
    legend = {
        "title": None,
        "orient": "bottom-left",
        "symbolType": "stroke",
        "symbolStrokeWidth": 3,
        "labelFontSize": 12,
        "labelLimit": 320,
        "fillColor": "rgba(255,255,255,0.85)",
        "padding": 6,
    }
    scale = {"domain": names, "range": list(ROUTE_COLORS[: len(names)] or ROUTE_COLORS)}
    return [
        {
            "data": {"values": lines},
            "mark": {"type": "geoshape", "filled": False, "strokeWidth": 3, "strokeCap": "round"},
            "encoding": {
                "stroke": {"field": "properties.name", "type": "nominal", "scale": scale, "legend": legend},
                "strokeDash": {"field": "properties.dash", "type": "nominal", "scale": None},
            },
        }
    ]


def _places(view: geo.Frame, places: Sequence[Place]) -> list[dict[str, Any]]:
    if not places:
        return []
    points = [(view.project(*place.point), place.name) for place in places]
    dots = [{"x": x, "y": y, "name": name} for (x, y), name in points]
    raised = [_inside(view, x, y - 9, name, 12) for (x, y), name in points]  # drawn 9 px above the dot
    dot_labels = [{**label, "y": label["y"] + 9} for label in raised]
    return [
        {
            "data": {"values": dots},
            "mark": {"type": "circle", "size": 36, "color": INK, "opacity": 1},
            "encoding": {"longitude": {"field": "x", "type": "quantitative"}, "latitude": _lat()},
        },
        _labels(dot_labels, size=12, weight="normal", color=INK, dy=-9),
    ]


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
