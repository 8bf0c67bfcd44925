"""Natural Earth country shapes, cut to the frame of one map.

The shapes come from the npm package ``world-atlas`` (Natural Earth 1:50m as
TopoJSON, vendored in ``generator/data``). The whole world would make a 1.7 MB
picture, so only what a map shows is kept: shapes are decoded, projected with
Web Mercator (the frame stays a rectangle), clipped to the frame and thinned to
what a screen can show. Everything here is pure arithmetic on floats, so the
same frame always gives the same shapes.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

Point = tuple[float, float]
Ring = tuple[Point, ...]
Polygon = tuple[Ring, ...]  # exterior ring, then holes

TOPOLOGY = "countries-50m.json"
_MAX_LAT = 85.0  # Web Mercator is undefined at the poles
_MIN_STEP = 0.8  # pixels: closer points are dropped
_BLEED = 2.0  # pixels drawn beyond the frame, so clipped borders are not stroked inside it


@dataclass(frozen=True)
class Frame:
    """A longitude/latitude box drawn ``width`` pixels wide; the height follows from the projection."""

    lon_min: float
    lat_min: float
    lon_max: float
    lat_max: float
    width: int

    @property
    def scale(self) -> float:
        return self.width / (math.radians(self.lon_max) - math.radians(self.lon_min))

    @property
    def height(self) -> int:
        return round((_mercator_y(self.lat_max) - _mercator_y(self.lat_min)) * self.scale)

    def project(self, lon: float, lat: float) -> Point:
        """Pixel position, y growing downwards, rounded to a tenth of a pixel."""
        x = (math.radians(lon) - math.radians(self.lon_min)) * self.scale
        y = (_mercator_y(self.lat_max) - _mercator_y(lat)) * self.scale
        return (round(x, 1), round(y, 1))

    def contains(self, lon: float, lat: float) -> bool:
        return self.lon_min <= lon <= self.lon_max and self.lat_min <= lat <= self.lat_max


@dataclass(frozen=True)
class Shape:
    """One country inside the frame, in pixels."""

    id: str  # ISO 3166-1 numeric; empty where Natural Earth has none
    name: str
    polygons: tuple[Polygon, ...]


def frame(bbox: tuple[float, float, float, float], width: int) -> Frame:
    lon_min, lat_min, lon_max, lat_max = bbox
    return Frame(lon_min, max(lat_min, -_MAX_LAT), lon_max, min(lat_max, _MAX_LAT), width)


@dataclass(frozen=True)
class Atlas:
    """A decoded TopoJSON topology: arcs in degrees, and the country geometries that index them."""

    arcs: tuple[Ring, ...]
    geometries: tuple[dict[str, Any], ...]


def atlas(topology: dict[str, Any]) -> Atlas:
    """Decode a TopoJSON topology whose object ``countries`` holds the country geometries."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(tuple(points))
    return Atlas(tuple(arcs), tuple(topology["objects"]["countries"]["geometries"]))


@lru_cache(maxsize=256)
def countries(view: Frame) -> tuple[Shape, ...]:
    """The vendored Natural Earth countries that show in ``view``, clipped to it.

    Kept by frame: projecting and clipping the world takes about 0.1 s a frame, and
    maps of one region share a frame (the same countries at the same width), so
    an explainer's maps cost one projection per region and width, not per map."""
    return tuple(shapes(_natural_earth(), view))


def shapes(source: Atlas, view: Frame) -> list[Shape]:
    """Countries that show in ``view``, clipped to it and sorted by id and name."""
    arcs = source.arcs
    out = []
    for geometry in source.geometries:
        kind = geometry.get("type")
        parts = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"] if kind == "MultiPolygon" else []
        polygons = []
        for part in parts:
            rings = [_ring(arcs, indexes) for indexes in part]
            if not rings or not _overlaps(rings[0], view):
                continue
            clipped = tuple(r for r in (_clip([view.project(*p) for p in ring], view) for ring in rings) if r)
            if clipped and len(clipped[0]) >= 3:
                polygons.append(clipped)
        if polygons:
            out.append(Shape(str(geometry.get("id", "")), str(geometry["properties"]["name"]), tuple(polygons)))
    return sorted(out, key=lambda shape: (shape.id, shape.name))


def label_point(shape: Shape) -> Point:
    """Where to write a country's name: the centroid of its largest visible polygon."""
    ring = max((polygon[0] for polygon in shape.polygons), key=lambda r: abs(_area(r)))
    area = _area(ring)
    if abs(area) < 1e-9:
        xs, ys = zip(*ring, strict=True)
        return (round(sum(xs) / len(xs), 1), round(sum(ys) / len(ys), 1))
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, (*ring[1:], ring[0]), strict=True):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return (round(cx / (6 * area), 1), round(cy / (6 * area), 1))


# -- TopoJSON ---------------------------------------------------------------------------------


@cache
def _natural_earth() -> Atlas:
    text = resources.files("generator").joinpath("data", TOPOLOGY).read_text("utf-8")
    return atlas(json.loads(text))


def _ring(arcs: tuple[Ring, ...], indexes: list[int]) -> Ring:
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return tuple(points)


# -- geometry ---------------------------------------------------------------------------------


def _mercator_y(lat: float) -> float:
    lat = max(-_MAX_LAT, min(_MAX_LAT, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _overlaps(ring: Ring, view: Frame) -> bool:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return not (
        max(lons) < view.lon_min or min(lons) > view.lon_max or max(lats) < view.lat_min or min(lats) > view.lat_max
    )


def _clip(points: list[Point], view: Frame) -> Ring:
    """Sutherland–Hodgman clipping to the frame (plus a bleed), then thinning to the pixel grid."""
    edges = ((0, -_BLEED, True), (0, view.width + _BLEED, False), (1, -_BLEED, True), (1, view.height + _BLEED, False))
    for axis, bound, keep_above in edges:
        if not points:
            break

        def inside(p: Point, axis: int = axis, bound: float = bound, keep_above: bool = keep_above) -> bool:
            return p[axis] >= bound if keep_above else p[axis] <= bound

        kept: list[Point] = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    kept.append(_cross(previous, current, axis, bound))
                kept.append(current)
            elif inside(previous):
                kept.append(_cross(previous, current, axis, bound))
            previous = current
        points = kept
    return _thin(points)


def _cross(a: Point, b: Point, axis: int, bound: float) -> Point:
    """Where segment a–b meets the line ``axis = bound``."""
    t = (bound - a[axis]) / (b[axis] - a[axis])
    other = 1 - axis
    value = round(a[other] + t * (b[other] - a[other]), 1)
    return (round(bound, 1), value) if axis == 0 else (value, round(bound, 1))


def _thin(points: list[Point]) -> Ring:
    kept: list[Point] = []
    for point in points:
        if not kept or math.dist(kept[-1], point) >= _MIN_STEP:
            kept.append(point)
    if len(kept) > 1 and math.dist(kept[0], kept[-1]) < _MIN_STEP:
        kept.pop()
    return tuple(kept) if len(kept) >= 3 else ()


def _area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, (*ring[1:], ring[0]), strict=True)) / 2
