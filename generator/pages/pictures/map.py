"""A map: Natural Earth countries cut to a frame, the story's countries tinted and the rest muted, with seas,
regions, routes and places named, as a Vega-Lite spec drawn at the width it is shown.

Names are placed by ``labels`` in order of importance (places, the story's
countries, regions, seas, then the muted neighbours), so at a phone's width the
least important give way rather than overlap. The legend is written by the page
(``legend``), in text that keeps its size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.pages.pictures import geo, labels
from generator.pages.pictures.picture import Key
from generator.pages.pictures.style import (
    BORDER,
    INK,
    INVOLVED,
    INVOLVED_INK,
    LAND,
    MUTED_INK,
    PLANNED_DASH,
    ROUTE_COLORS,
    ROUTE_DASH,
    SEA,
    SEA_INK,
    TEXT,
    config,
)

_STYLES = {
    "place": {"color": INK, "fontWeight": "normal", "fontStyle": "normal"},
    "country": {"color": INVOLVED_INK, "fontWeight": "bold", "fontStyle": "normal"},
    "region": {"color": MUTED_INK, "fontWeight": "normal", "fontStyle": "italic"},
    "sea": {"color": SEA_INK, "fontWeight": "normal", "fontStyle": "italic"},
    "muted": {"color": MUTED_INK, "fontWeight": "normal", "fontStyle": "normal"},
}


@dataclass(frozen=True)
class Route:
    name: str
    kind: str
    points: tuple[tuple[float, float], ...]  # [lon, lat]
    planned: bool = False


@dataclass(frozen=True)
class Place:
    name: str
    point: tuple[float, float]  # [lon, lat]


@dataclass(frozen=True)
class Area:
    """A sea or region named on the map."""

    name: str
    kind: str  # "sea" or "region"
    point: tuple[float, float]


def map_spec(
    view: geo.Frame,
    shapes: Sequence[geo.Shape],
    names: dict[str, str],
    highlighted: frozenset[str],
    routes: Sequence[Route] = (),
    places: Sequence[Place] = (),
    areas: Sequence[Area] = (),
) -> dict[str, Any]:
    """A map of ``shapes`` projected to pixels: countries whose ISO id is ``highlighted`` are tinted, and each
    country in ``names`` (ISO id → name) is named where its name fits."""
    dots = [(view.project(*place.point), place.name) for place in places]
    placed = labels.place(
        _labels(view, shapes, names, highlighted, dots, areas),
        view.width,
        view.height,
        [labels.dot_box(x, y) for (x, y), _name in dots],
    )
    layers = [
        _countries(shapes, highlighted),
        *_routes(view, routes),
        *_dots(dots),
        *(_text(placed, style) for style in _STYLES if any(p.style == style for p in placed)),
    ]
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


def legend(routes: Sequence[Route], places: bool, muted: bool) -> list[Key]:
    """What each colour and line of the map stands for."""
    keys = [Key("Countries this map is about", "area", INVOLVED, outline=BORDER)]
    if muted:
        keys.append(Key("Other countries", "area", LAND, outline="#c9c6bd"))
    keys.append(Key("Sea", "area", SEA))
    for index, route in enumerate(routes):
        dash = PLANNED_DASH if route.planned else ROUTE_DASH.get(route.kind, ROUTE_DASH["other"])
        pattern = "" if dash == [1, 0] else " ".join(map(str, dash))
        state = "planned, schematic" if route.planned else "schematic"
        keys.append(Key(f"{route.name} ({state})", "line", _route_color(index), dash=pattern))
    if places:
        keys.append(Key("Town or city", "dot", INK))
    return keys


def _labels(
    view: geo.Frame,
    shapes: Sequence[geo.Shape],
    names: dict[str, str],
    highlighted: frozenset[str],
    dots: Sequence[tuple[tuple[float, float], str]],
    areas: Sequence[Area],
) -> list[labels.Label]:
    """Every name the map could write, the most important first."""
    found = [labels.Label(name, TEXT, "place", labels.around(x, y, name, TEXT)) for (x, y), name in dots]
    countries = [(shape, names[shape.id]) for shape in shapes if shape.id in names]
    for shape, name in countries:
        if shape.id in highlighted:
            point = labels.near(*geo.label_point(shape), TEXT)
            found.append(labels.Label(name, TEXT, "country", point, bold=True, area=True))
    for kind in ("region", "sea"):
        for area in areas:
            if area.kind == kind:
                point = labels.near(*view.project(*area.point), TEXT)
                found.append(labels.Label(area.name, TEXT, kind, point, area=True))
    for shape, name in countries:
        if shape.id not in highlighted:
            found.append(labels.Label(name, TEXT, "muted", labels.near(*geo.label_point(shape), TEXT), area=True))
    return found


def _countries(shapes: Sequence[geo.Shape], highlighted: frozenset[str]) -> dict[str, Any]:
    countries = [
        {
            "type": "Feature",
            "properties": {"fill": INVOLVED if shape.id in highlighted else LAND},
            "geometry": {"type": "MultiPolygon", "coordinates": [_rings(polygon) for polygon in shape.polygons]},
        }
        for shape in shapes
    ]
    return {
        "data": {"values": countries},
        "mark": {"type": "geoshape", "stroke": BORDER, "strokeWidth": 0.8},
        "encoding": {"fill": {"field": "properties.fill", "type": "nominal", "scale": None}},
    }


def _route_color(index: int) -> str:
    return ROUTE_COLORS[index % len(ROUTE_COLORS)]


def _routes(view: geo.Frame, routes: Sequence[Route]) -> list[dict[str, Any]]:
    lines = [
        {
            "type": "Feature",
            "properties": {
                "color": _route_color(index),
                "dash": PLANNED_DASH if route.planned else ROUTE_DASH.get(route.kind, ROUTE_DASH["other"]),
            },
            "geometry": {"type": "LineString", "coordinates": [list(view.project(*p)) for p in route.points]},
        }
        for index, route in enumerate(routes)
    ]
    if not lines:
        return []
    return [
        {
            "data": {"values": lines},
            "mark": {"type": "geoshape", "filled": False, "strokeWidth": 3, "strokeCap": "round"},
            "encoding": {
                "stroke": {"field": "properties.color", "type": "nominal", "scale": None},
                "strokeDash": {"field": "properties.dash", "type": "nominal", "scale": None},
            },
        }
    ]


def _dots(dots: Sequence[tuple[tuple[float, float], str]]) -> list[dict[str, Any]]:
    if not dots:
        return []
    rows = [{"x": x, "y": y} for (x, y), _name in dots]
    return [
        {
            "data": {"values": rows},
            "mark": {"type": "circle", "size": 40, "color": INK, "opacity": 1, "stroke": "#ffffff", "strokeWidth": 1},
            "encoding": {"longitude": {"field": "x", "type": "quantitative"}, "latitude": _y()},
        }
    ]


def _text(placed: Sequence[labels.Placed], style: str) -> dict[str, Any]:
    """One style of label, with a white halo underneath so it stays legible over borders and routes."""
    rows = [{"x": p.x, "y": p.y, "name": list(p.lines)} for p in placed if p.style == style]
    look = _STYLES[style]
    mark = {"type": "text", "fontSize": TEXT, "baseline": "middle", "align": "center", "lineHeight": TEXT * labels.LINE}
    mark.update(look)
    halo = {**mark, "stroke": "#ffffff", "strokeWidth": 3, "strokeOpacity": 0.9, "strokeJoin": "round"}
    return {
        "data": {"values": rows},
        "encoding": {
            "longitude": {"field": "x", "type": "quantitative"},
            "latitude": _y(),
            "text": {"field": "name"},
        },
        "layer": [{"mark": {**halo, "color": "#ffffff"}}, {"mark": mark}],
    }


def _rings(polygon: geo.Polygon) -> list[list[list[float]]]:
    return [[list(point) for point in (*ring, ring[0])] for ring in polygon]


def _y() -> dict[str, Any]:
    return {"field": "y", "type": "quantitative"}
