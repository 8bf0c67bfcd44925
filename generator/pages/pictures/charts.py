"""Charts drawn from figures: one row per figure or lines over time, and the timeline overview.

Each is a Vega-Lite spec built by a pure function from ready values, with a text
alternative written from the same values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.pages.pictures.style import ACCENT, CHART_WIDTH, INK, ROUTE_COLORS, STATUS_COLORS, config


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
        "config": config(),
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
        "config": config(),
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
        "config": config(),
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
