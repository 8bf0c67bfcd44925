"""A brief's figures as readers see them: values written out, and the charts (or small tables) they are grouped in.

A chart is declared in the brief (its title, what it measures and a note); the
figures naming it are its rows. Each row is labelled with the years its data
describe, not the year it was published, unless every row describes the same
years, which the chart's note then says. Fewer than ``CHART_FROM`` figures make
a small table rather than a chart: two dots say less than two numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.pages import text
from generator.pages.pictures import charts

CHART_FROM = 3
"""The fewest figures drawn as a chart."""


@dataclass(frozen=True)
class Group:
    """A declared chart and the figures in it, in the brief's order."""

    chart: Any  # the brief's ``Chart``
    figures: tuple[Any, ...]

    @property
    def drawn(self) -> bool:
        return len(self.figures) >= CHART_FROM


def number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0")


def figure_text(figure: Any, *, unit: bool = True) -> str:
    """The value as plain text: "60–70%", "about 4.5 $bn" (or "about 4.5" without a unit that is a word)."""
    shown = number(figure.value) if figure.upper is None else f"{number(figure.value)}–{number(figure.upper)}"
    if figure.unit == "%":
        shown = f"{shown}%"
    elif figure.unit and unit:
        shown = f"{shown} {figure.unit}"
    return f"{figure.qualifier} {shown}" if figure.qualifier else shown


def figure_value(figure: Any) -> str:
    """The value as Markdown-safe text for the page."""
    return text.plain(figure_text(figure))


def groups(brief: Any) -> list[Group]:
    """The brief's declared charts that have figures, in the order they are declared."""
    found: dict[str, list[Any]] = {}
    for figure in brief.figures:
        if figure.chart is not None:
            found.setdefault(figure.chart, []).append(figure)
    return [Group(chart, tuple(found[chart.id])) for chart in dict(_first(brief.charts)).values() if chart.id in found]


def data_years(figure: Any) -> str:
    """The years a figure's data describe: its ``period``, or the year it was measured or published."""
    return " ".join(figure.period.split()) or str(figure.as_of.year)


def row_labels(figures: Iterable[Any]) -> list[str]:
    """Each figure's name in its chart, with its years when the rows describe different years."""
    figures = list(figures)
    years = [data_years(f) for f in figures]
    same = len(set(years)) == 1
    labels = []
    for figure, year in zip(figures, years, strict=True):
        name = " ".join((figure.chart_label or figure.label).split())
        labels.append(name if same else f"{name} ({year})")
    return labels


def rows(group: Group) -> list[tuple[str, str]]:
    """A small table's rows: (what, value)."""
    return list(zip(row_labels(group.figures), (figure_text(f) for f in group.figures), strict=True))


def is_series(figures: Iterable[Any]) -> bool:
    """A chart whose figures name a ``series`` is drawn as lines over time; otherwise one row per figure."""
    return any(figure.series.strip() for figure in figures)


def bars(figures: tuple[Any, ...]) -> list[charts.Bar]:
    rows = []
    for figure, label in zip(figures, row_labels(figures), strict=True):
        high = figure.upper if figure.upper is not None else figure.value
        rows.append(charts.Bar(label, figure.value, high, figure_text(figure, unit=False)))
    return rows


def points(figures: tuple[Any, ...]) -> list[charts.Point]:
    """Series chart points; a figure without a series name forms its own series, named by its label."""
    found = []
    for figure in figures:
        high = figure.upper if figure.upper is not None else figure.value
        date = figure.as_of
        when = f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}"
        series = figure.series.strip() or figure.label
        found.append(charts.Point(series, when, date.display, figure.value, high, figure_text(figure, unit=False)))
    return found


def chart_alt(group: Group) -> str:
    title = group.chart.title
    if is_series(group.figures):
        return charts.series_alt(title, points(group.figures))
    return charts.chart_alt(title, [charts.Bar(label, 0, 0, value) for label, value in rows(group)])


def chart_spec(group: Group, width: int) -> dict[str, Any]:
    unit = group.figures[0].unit
    if is_series(group.figures):
        return charts.series_spec(points(group.figures), unit, width)
    return charts.chart_spec(bars(group.figures), unit, width)


def _first(declared: Iterable[Any]) -> Iterable[tuple[str, Any]]:
    """Charts by id, the first declaration of an id winning (a second one is an error lint reports)."""
    seen: dict[str, Any] = {}
    for chart in declared:
        seen.setdefault(chart.id, chart)
    return seen.items()
