"""The picture files of a site and their descriptions on the pages that show them.

The map, a brief's charts and the timeline overview are each drawn from ready
values (``svg``), and each page showing one gets a ``Picture``: its path, text
alternative and caption, written from the same values.
"""

from __future__ import annotations

from typing import Any

from generator.content.graph import Graph, Node
from generator.pages.pictures import charts, figures, geo, map
from generator.pages.pictures.style import MAP_WIDTH
from generator.pages.pictures.svg import Picture, svg
from generator.pages.render import Renderer


def chart_groups(r: Renderer, brief: Any) -> list[tuple[str, list[Any]]]:
    """A brief's charts, kept with its model while the preview runs (every run lists every chart's path)."""
    return r.keep("chart-groups", (brief,), lambda: figures.chart_groups(brief.figures))


def chart_pictures(r: Renderer, brief: Node) -> list[Picture]:
    return [
        Picture(r.addresses.path("chart", id=brief.id, number=str(number)), figures.chart_alt(title, group), title)
        for number, (title, group) in enumerate(chart_groups(r, brief.model), start=1)
    ]


def chart_svg(r: Renderer, brief: Node, number: int) -> str:
    _title, group = chart_groups(r, brief.model)[number - 1]
    return svg(figures.chart_spec(group))


def _frame(graph: Graph) -> geo.Frame | None:
    chosen = graph.explainer.map
    return geo.frame(chosen.bbox, MAP_WIDTH) if chosen else None


def map_picture(r: Renderer) -> Picture | None:
    chosen, view = r.graph.explainer.map, _frame(r.graph)
    if chosen is None or view is None:
        return None
    return Picture(r.addresses.path("map"), chosen.description, chosen.title, view.width, view.height)


def map_svg(r: Renderer) -> str:
    chosen, view = r.graph.explainer.map, _frame(r.graph)
    assert chosen is not None and view is not None
    highlighted = {a.model.iso: a.model.name for a in r.graph.of("actor") if a.model.iso}
    routes = [map.Route(route.name, route.kind, route.points) for route in chosen.routes]
    places = [map.Place(place.name, place.point) for place in chosen.places]
    return svg(map.map_spec(view, geo.countries(view), highlighted, routes, places))


def event_counts(graph: Graph) -> tuple[list[tuple[int, str, int]], list[int]]:
    """Events per (year, status), and the years that have any."""
    counts: dict[tuple[int, str], int] = {}
    for event in graph.of("event"):
        key = (event.model.date.year, event.model.status)
        counts[key] = counts.get(key, 0) + 1
    years = sorted({year for year, _status in counts})
    return [(year, status, n) for (year, status), n in sorted(counts.items())], years


def timeline_picture(r: Renderer) -> Picture | None:
    if not r.graph.of("event"):
        return None
    counts, _years = event_counts(r.graph)
    caption = "Events per year, by status (years without events are left out)"
    return Picture(r.addresses.path("timeline-chart"), charts.timeline_alt(counts), caption)


def timeline_svg(r: Renderer) -> str:
    counts, years = event_counts(r.graph)
    return svg(charts.timeline_spec(counts, years))
