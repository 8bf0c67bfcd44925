"""The timeline's overview: how many events each year, on a time axis where a year is always the same width.

A year without events keeps its place, so a gap of decades looks like one. Events
not yet held (``planned``) are drawn as outlines, apart from the ones that happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.pages.pictures.style import INK, STATUS_COLORS, TEXT, config

PLANNED = "planned"
LABELS = {
    "confirmed": "Confirmed",
    "reported": "Reported",
    "disputed": "Disputed",
    "estimate": "Estimate",
    PLANNED: "Planned, not yet held",
}


@dataclass(frozen=True)
class Count:
    """Events in one year with one status (``PLANNED`` for those not yet held)."""

    year: int
    status: str
    count: int


def statuses(counts: Iterable[Count]) -> list[str]:
    """The statuses the counts have, in the order of the legend: held events first, planned ones last."""
    found = {count.status for count in counts}
    return [status for status in (*STATUS_COLORS, PLANNED) if status in found]


def fill(status: str) -> str:
    return "#ffffff" if status == PLANNED else STATUS_COLORS[status]


def timeline_spec(counts: Sequence[Count], width: int) -> dict[str, Any]:
    """Bars a year wide on a proportional axis from the first year to the last, stacked by status."""
    first, last = min(c.year for c in counts), max(c.year for c in counts)
    shown = statuses(counts)
    rows = _stacked(counts, shown)
    span = last + 1 - first
    step = 10 if span > 60 or (width < 500 and span > 25) else 5 if span > 12 else 1
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width,
        "height": 150 if width < 500 else 170,
        "background": "#ffffff",
        "padding": {"left": 4, "right": 12, "top": 8, "bottom": 4},
        "autosize": {"type": "fit", "contains": "padding"},
        "data": {"values": rows},
        "mark": {"type": "bar", "stroke": INK, "strokeWidth": 0.6, "strokeOpacity": 0.6},
        "encoding": {
            "x": {
                "field": "from",
                "type": "quantitative",
                "title": None,
                "scale": {"domain": [first, last + 1], "nice": False, "zero": False},
                "axis": {"format": "d", "values": _ticks(first, last + 1, step), "grid": False, "labelFlush": True},
            },
            "x2": {"field": "to"},
            "y": {
                "field": "low",
                "type": "quantitative",
                "title": "Events",
                "scale": {"zero": True, "nice": True},
                "axis": {"tickMinStep": 1, "format": "d", "tickCount": 4},
            },
            "y2": {"field": "high"},
            "color": {
                "field": "status",
                "type": "nominal",
                "scale": {"domain": shown, "range": [fill(s) for s in shown]},
                "legend": None,
            },
        },
        "config": {**config(), "axis": {**config()["axis"], "labelFontSize": TEXT}},
    }


def timeline_alt(counts: Sequence[Count]) -> str:
    """Text alternative: the span, then the number of events in each year that has any, with their statuses."""
    by_year: dict[int, dict[str, int]] = {}
    for count in counts:
        by_year.setdefault(count.year, {})[count.status] = count.count
    parts = []
    for year, found in sorted(by_year.items()):
        total = sum(found.values())
        detail = ", ".join(f"{n} {LABELS[status].lower()}" for status, n in found.items())
        parts.append(f"{year}: {total} ({detail})")
    first, last = min(by_year), max(by_year)
    span = str(first) if first == last else f"{first} to {last}"
    return f"Chart: number of events per year, {span}. " + "; ".join(parts) + "."


def _stacked(counts: Sequence[Count], order: Sequence[str]) -> list[dict[str, Any]]:
    """A bar per year and status, stacked in the legend's order: each from the top of the one below it."""
    rank = {status: index for index, status in enumerate(order)}
    rows: list[dict[str, Any]] = []
    base: dict[int, int] = {}
    for count in sorted(counts, key=lambda c: (c.year, rank[c.status])):
        low = base.get(count.year, 0)
        base[count.year] = low + count.count
        rows.append(
            {"from": count.year, "to": count.year + 1, "status": count.status, "low": low, "high": low + count.count}
        )
    return rows


def _ticks(start: int, end: int, step: int) -> list[int]:
    return list(range(start + (-start % step), end + 1, step))
