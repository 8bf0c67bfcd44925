"""A brief's figures as readers see them: values written out, and the charts they are grouped into."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Any

from generator.pages import text
from generator.pages.pictures import charts


def number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0")


def figure_text(figure: Any) -> str:
    """The value as plain text: "60–70%", "about 4.5 $bn"."""
    shown = number(figure.value) if figure.upper is None else f"{number(figure.value)}–{number(figure.upper)}"
    if figure.unit:
        shown = f"{shown}{figure.unit}" if figure.unit in ("%",) else f"{shown} {figure.unit}"
    return f"{figure.qualifier} {shown}" if figure.qualifier else shown


def figure_value(figure: Any) -> str:
    """The value as Markdown-safe text for the page."""
    return text.plain(figure_text(figure))


def chart_groups(figures: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """Figures that share a ``chart`` title, in order of first appearance; figures without one are not charted."""
    groups: dict[str, list[Any]] = {}
    for figure in figures:
        if figure.chart.strip():
            groups.setdefault(figure.chart.strip(), []).append(figure)
    return list(groups.items())


def is_series(figures: list[Any]) -> bool:
    """A chart whose figures name a ``series`` is drawn as lines over time; otherwise one row per figure."""
    return any(figure.series.strip() for figure in figures)


def bars(figures: list[Any]) -> list[charts.Bar]:
    """Chart rows: labels without the words every row shares (the chart's title says them), with the year."""
    labels = _distinct_parts([f.label for f in figures])
    rows = []
    for figure, label in zip(figures, labels, strict=True):
        high = figure.upper if figure.upper is not None else figure.value
        rows.append(charts.Bar(f"{label} ({figure.as_of.year})", figure.value, high, figure_text(figure)))
    return rows


def points(figures: list[Any]) -> list[charts.Point]:
    """Series chart points; a figure without a series name forms its own series, named by its label."""
    found = []
    for figure in figures:
        high = figure.upper if figure.upper is not None else figure.value
        date = figure.as_of
        when = f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}"
        series = figure.series.strip() or figure.label
        found.append(charts.Point(series, when, date.display, figure.value, high, figure_text(figure)))
    return found


def chart_alt(title: str, figures: list[Any]) -> str:
    if is_series(figures):
        return charts.series_alt(title, points(figures))
    return charts.chart_alt(title, bars(figures))


def chart_spec(figures: list[Any]) -> dict[str, Any]:
    if is_series(figures):
        return charts.series_spec(points(figures), figures[0].unit)
    return charts.chart_spec(bars(figures), figures[0].unit)


def _distinct_parts(labels: list[str]) -> list[str]:
    """Drop a leading phrase (up to a comma or colon) that every label repeats, if anything is left."""
    if len(labels) < 2:
        return labels
    prefix = posixpath.commonprefix(labels)
    cut = max(prefix.rfind(", "), prefix.rfind(": "))
    if cut <= 0 or any(not label[cut + 2 :].strip() for label in labels):
        return labels
    return [label[cut + 2 :].strip() for label in labels]
