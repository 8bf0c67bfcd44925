"""The picture files of a site, and the pictures as the pages that show them present them.

Each picture is drawn twice from the same ready values (``svg``): ``WIDE`` for large
screens and ``NARROW`` for phones, so neither is scaled down and its text keeps
its size. The page's ``Picture`` carries the title, what is measured, the text
alternative, the legend, the sources and a note, all written from the same values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from generator.content.graph import Graph, Node
from generator.pages.pictures import charts, figures, geo, map, overview
from generator.pages.pictures.picture import Credit, Drawing, Key, Picture, served_link
from generator.pages.pictures.style import INK, NARROW, WIDE
from generator.pages.pictures.svg import svg
from generator.pages.render import Renderer

WIDTHS = {"": WIDE, "-narrow": NARROW}
"""Each drawing of a picture, by the suffix of its file name."""
NATURAL_EARTH = "Natural Earth, 1:50m country borders (via the world-atlas package)"


def chart_groups(r: Renderer, brief: Any) -> list[figures.Group]:
    """A brief's chart groups, kept with its model while the preview runs (every run lists every chart's path)."""
    return r.keep("chart-groups", (brief,), lambda: figures.groups(brief))


def drawn_charts(r: Renderer, brief: Any) -> list[int]:
    """The numbers of the brief's groups drawn as charts (the others are small tables): their files' names."""
    return [number for number, group in enumerate(chart_groups(r, brief), start=1) if group.drawn]


def chart_pictures(r: Renderer, brief: Node, page: str) -> list[Picture]:
    link = served_link(page)
    shown = []
    for number, group in enumerate(chart_groups(r, brief.model), start=1):
        cited = [cite.source for figure in group.figures for cite in figure.sources]
        common = {
            "title": group.chart.title,
            "subtitle": group.chart.subtitle,
            "alt": figures.chart_alt(group),
            "credits": credits(r, cited, link),
            "note": group.chart.note,
            "anchor": f"chart-{group.chart.id}",
        }
        if not group.drawn:
            shown.append(Picture(**common, rows=tuple(figures.rows(group))))
            continue
        sizes = {suffix: figures.chart_spec(group, width) for suffix, width in WIDTHS.items()}
        path = r.addresses.path("chart", id=brief.id, number=str(number))
        wide, narrow = (_drawing(link, path, suffix, sizes[suffix]) for suffix in WIDTHS)
        legend = _series_legend(group)
        shown.append(Picture(**common, wide=wide, narrow=narrow, legend=legend))
    return shown


def chart_svg(r: Renderer, brief: Node, number: int, suffix: str) -> str:
    group = chart_groups(r, brief.model)[number - 1]
    return svg(figures.chart_spec(group, WIDTHS[suffix]))


def map_picture(r: Renderer, chosen: Node, page: str) -> Picture:
    model, link = chosen.model, served_link(page)
    path = r.addresses.path("map-picture", id=chosen.id)
    wide, narrow = (_drawing(link, path, suffix, _frame(model, WIDTHS[suffix]).height) for suffix in WIDTHS)
    routes = _routes(model)
    cited = [c.source for part in (model, *model.routes, *model.places, *model.labels) for c in part.sources]
    notes = [model.note] if model.note else []
    if routes:
        notes.insert(0, "Routes are schematic: straight lines between the points named, not their exact course.")
    return Picture(
        title=model.title,
        subtitle=model.subtitle,
        alt=model.description,
        wide=wide,
        narrow=narrow,
        legend=tuple(map.legend(routes, bool(model.places), muted=True)),
        credits=credits(r, cited, link),
        credit_text=NATURAL_EARTH,
        note=" ".join(notes),
        anchor=f"map-{chosen.id}",
    )


def map_svg(r: Renderer, chosen: Node, suffix: str) -> str:
    model = chosen.model
    view = _frame(model, WIDTHS[suffix])
    named = {a.model.iso: a.model.name for a in r.graph.of("actor") if a.model.iso}
    highlighted = frozenset(a.model.iso for a in chosen.out("countries") if a.model.iso)
    places = [map.Place(place.name, place.point) for place in model.places]
    areas = [map.Area(label.name, label.kind, label.point) for label in model.labels]
    return svg(map.map_spec(view, geo.countries(view), named, highlighted, _routes(model), places, areas))


def event_counts(graph: Graph) -> list[overview.Count]:
    """Events per year and status; events not yet held are counted apart, as ``planned``."""
    counts: dict[tuple[int, str], int] = {}
    for event in graph.of("event"):
        key = (event.model.date.year, overview.PLANNED if event.model.planned else event.model.status)
        counts[key] = counts.get(key, 0) + 1
    return [overview.Count(year, status, n) for (year, status), n in sorted(counts.items())]


def timeline_picture(r: Renderer, page: str) -> Picture | None:
    if not r.graph.of("event"):
        return None
    counts, link = event_counts(r.graph), served_link(page)
    path = r.addresses.path("timeline-chart")
    sizes = {suffix: overview.timeline_spec(counts, width) for suffix, width in WIDTHS.items()}
    wide, narrow = (_drawing(link, path, suffix, sizes[suffix]) for suffix in WIDTHS)
    first, last = counts[0].year, counts[-1].year
    years = f"in {first}" if first == last else f"in each year from {first} to {last}"
    total = sum(c.count for c in counts)
    events = f"{total:,} {'event' if total == 1 else 'events'}"
    legend = [Key(overview.LABELS[s], "area", overview.fill(s), outline=INK) for s in overview.statuses(counts)]
    return Picture(
        title="Events on this timeline, year by year",
        subtitle=f"Number of events {years}, by how certain they are.",
        alt=overview.timeline_alt(counts),
        wide=wide,
        narrow=narrow,
        legend=tuple(legend),
        credit_text=f"this explainer's timeline ({events}), where each names its sources",
        note="Every year has the same width, including years without events.",
        anchor="timeline-overview",
    )


def timeline_svg(r: Renderer, suffix: str) -> str:
    return svg(overview.timeline_spec(event_counts(r.graph), WIDTHS[suffix]))


def credits(r: Renderer, source_ids: Iterable[str], link: Callable[[str], str]) -> tuple[Credit, ...]:
    """Each publisher cited once, in order of first citation, as "Publisher (years)", linking to the entry of its
    first source on the sources page."""
    by_publisher: dict[str, list[Node]] = {}
    for source in r.graph.find("source", dict.fromkeys(source_ids)):
        by_publisher.setdefault(source.model.publisher, []).append(source)
    found = []
    for publisher, sources in by_publisher.items():
        years = sorted({source.model.date.year for source in sources})
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        found.append(Credit(f"{publisher} ({span})", link(r.addresses.entity("source", sources[0].id))))
    return tuple(found)


def _drawing(link: Callable[[str], str], path: str, suffix: str, spec_or_height: Any) -> Drawing:
    height = spec_or_height["height"] if isinstance(spec_or_height, dict) else spec_or_height
    file = path.removesuffix(".svg") + suffix + ".svg"
    return Drawing(link(file), WIDTHS[suffix], int(height))


def _frame(model: Any, width: int) -> geo.Frame:
    return geo.frame(model.bbox, width)


def _routes(model: Any) -> list[map.Route]:
    return [map.Route(route.name, route.kind, route.points, route.planned) for route in model.routes]


def _series_legend(group: figures.Group) -> tuple[Key, ...]:
    if not figures.is_series(group.figures):
        return ()
    names = charts.series_names(figures.points(group.figures))
    return tuple(Key(name, "line", color) for name, color in zip(names, charts.series_colors(names), strict=True))


# The picture files as the registry makes them: (renderer, page, suffix of the file's name) → SVG text.


def chart_file(r: Renderer, page: Any, suffix: str) -> str:
    return chart_svg(r, page.subject, page.number, suffix)


def map_file(r: Renderer, page: Any, suffix: str) -> str:
    return map_svg(r, r.graph.index["map"][page.group], suffix)


def timeline_file(r: Renderer, page: Any, suffix: str) -> str:
    return timeline_svg(r, suffix)
