"""Charts drawn from a brief's figures: one row per figure, or lines over time.

Each is a Vega-Lite spec built by a pure function from ready values, at a given
width: the page shows a wide drawing on large screens and a narrow one on phones,
each drawn at the size it is shown, so its text keeps its size. Titles, subtitles,
sources and notes are written around the picture by the page, not into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.pages.pictures.measure import text_width, wrap
from generator.pages.pictures.style import ACCENT, INK, LABEL, ROUTE_COLORS, TEXT, config

_LINE = 17  # pixels from one line of a row's label to the next
_GAP = 11  # pixels between a mark and its value
_PAD = {"left": 4, "right": 8, "top": 6, "bottom": 6}


@dataclass(frozen=True)
class Bar:
    """One row of a figure chart: a number, or a range when ``high`` differs from ``low``."""

    label: str
    low: float
    high: float
    shown: str  # the value as the chart writes it, such as "60–70%"


@dataclass(frozen=True)
class Point:
    """One figure in a series chart: a number, or a range, at a date."""

    series: str
    when: str  # ISO date; a year or a month alone stands for its first day
    shown_when: str  # the date as the page writes it, such as "March 2024"
    low: float
    high: float
    shown: str


def chart_spec(bars: Sequence[Bar], unit: str, width: int) -> dict[str, Any]:
    """One row per figure, in the brief's order: its label above, then a dot (a number) or a bar (a range), and
    its value. The scale leaves room for the longest value beside its mark, so nothing is drawn outside."""
    plot = width - _PAD["left"] - _PAD["right"]
    labels = [wrap(bar.label, LABEL, plot) for bar in bars]
    lines = max(len(label) for label in labels)
    rows = [
        {"row": index, "label": label, "low": bar.low, "high": bar.high, "shown": bar.shown}
        for index, (bar, label) in enumerate(zip(bars, labels, strict=True))
    ]
    widest = max(bar.high * plot / max(1.0, plot - _GAP - text_width(bar.shown, LABEL, bold=True)) for bar in bars)
    x = {
        "field": "low",
        "type": "quantitative",
        "title": None if unit == "%" else unit or None,
        "scale": {"domain": [0, max(widest, 1e-9)], "nice": True, "zero": True},
        "axis": {"grid": True, "tickCount": max(3, plot // 90), **_percent(unit)},
    }
    axis = 28 + (20 if x["title"] else 0)
    step = _LINE * lines + 32
    y = {"field": "row", "type": "ordinal", "sort": None, "title": None, "axis": None, "scale": {"padding": 0.5}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width,
        "height": _PAD["top"] + _PAD["bottom"] + step * len(rows) + axis,
        "background": "#ffffff",
        "padding": _PAD,
        "autosize": {"type": "fit", "contains": "padding"},
        "data": {"values": rows},
        "encoding": {"y": y},
        "layer": _rows(x, lines),
        "config": config(),
    }


def _rows(x: dict[str, Any], lines: int) -> list[dict[str, Any]]:
    """A row's layers: its label (``lines`` high) above its mark, a dot or a bar, and its value beside the mark."""
    below = 9  # pixels between the bottom of a row's label and the middle of its mark
    dot = {"type": "circle", "size": 130, "color": ACCENT, "opacity": 1, "yOffset": below}
    label = {
        "type": "text",
        "align": "left",
        "baseline": "bottom",
        "yOffset": -4 - _LINE * (lines - 1),
        "fontSize": LABEL,
        "lineHeight": _LINE,
        "color": INK,
    }
    bar = {"type": "rule", "strokeWidth": 13, "strokeCap": "round", "color": ACCENT, "opacity": 0.45, "yOffset": below}
    value = {
        "type": "text",
        "align": "left",
        "dx": _GAP,
        "yOffset": below,
        "fontSize": LABEL,
        "fontWeight": "bold",
        "color": INK,
    }
    return [
        {"mark": label, "encoding": {"x": {"value": 0}, "text": {"field": "label"}}},
        {"mark": bar, "encoding": {"x": x, "x2": {"field": "high"}}},
        {"mark": dot, "encoding": {"x": x}},
        {"mark": dot, "encoding": {"x": {**x, "field": "high"}}},
        {"mark": value, "encoding": {"x": {**x, "field": "high"}, "text": {"field": "shown", "type": "nominal"}}},
    ]


def chart_alt(title: str, bars: Iterable[Bar]) -> str:
    """Text alternative: the chart's title and every value it shows."""
    return f"Chart: {title}. " + "; ".join(f"{bar.label}: {bar.shown}" for bar in bars) + "."


def series_spec(points: Sequence[Point], unit: str, width: int) -> dict[str, Any]:
    """Lines over time, one per series (through the middle of ranges), with each range drawn as a bar. The page's
    legend names the series by colour (``series_colors``)."""
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
    names = series_names(points)
    x = {"field": "when", "type": "temporal", "title": None, "axis": {"format": "%Y", "grid": False, "tickCount": 5}}
    y = {
        "field": "mid",
        "type": "quantitative",
        "title": None if unit == "%" else unit or None,
        "scale": {"zero": True, "nice": True},
        "axis": {"tickCount": 5, **_percent(unit)},
    }
    color = {"field": "series", "type": "nominal", "scale": {"domain": names, "range": series_colors(names)}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width,
        "height": 240 if width > 500 else 200,
        "background": "#ffffff",
        "padding": {**_PAD, "right": 16, "top": 14},
        "autosize": {"type": "fit", "contains": "padding"},
        "data": {"values": rows},
        "encoding": {"x": x, "color": {**color, "legend": None}},
        "layer": [
            {"mark": {"type": "line", "strokeWidth": 2.5}, "encoding": {"y": y}},
            {
                "mark": {"type": "rule", "strokeWidth": 9, "strokeCap": "round", "opacity": 0.4},
                "encoding": {"y": {**y, "field": "low"}, "y2": {"field": "high"}},
            },
            {"mark": {"type": "circle", "size": 90, "opacity": 1}, "encoding": {"y": y}},
            {
                "mark": {"type": "text", "align": "center", "dy": -12, "fontSize": TEXT, "fontWeight": "bold"},
                "encoding": {"y": y, "text": {"field": "shown", "type": "nominal"}, "color": {"value": INK}},
            },
        ],
        "config": config(),
    }


def series_names(points: Iterable[Point]) -> list[str]:
    return list(dict.fromkeys(p.series for p in points))


def series_colors(names: Sequence[str]) -> list[str]:
    return [ROUTE_COLORS[index % len(ROUTE_COLORS)] for index in range(len(names))]


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


def _percent(unit: str) -> dict[str, Any]:
    """Axis labels of a percentage carry the sign, so the axis needs no title."""
    return {"labelExpr": "datum.label + '%'"} if unit == "%" else {}
