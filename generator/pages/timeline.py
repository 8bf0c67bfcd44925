"""The timeline: every dated event by year, with who was involved, the briefs that name it and its sources, and a
filter by theme and period.

The filter is progressive: the page lists every event, each marked with its
themes (the kinds of the briefs that name it) and each year with its decade; a
small script (``assets/javascripts/timeline.js``) shows the filter and hides what
does not match. Without the script, nothing is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.content.graph import Node
from generator.content.walk import all_references
from generator.pages.lists import Listing
from generator.pages.pictures.draw import timeline_picture
from generator.pages.pictures.picture import served_link
from generator.pages.render import Renderer


@dataclass(frozen=True)
class Year:
    """One year of the timeline: its decade (the period it is filtered by) and its events' parts of the page."""

    year: int
    period: str
    events: list[str]


def naming(kind: str) -> Any:
    """A view of a brief for pages that list, under an entity, the briefs that name it: its listing, and the
    ids of ``kind`` it names (in fields or in links)."""

    def view(brief: Any) -> tuple[Listing, tuple[str, ...]]:
        named = dict.fromkeys(ref_id for _loc, target, ref_id in all_references(brief) if target == kind)
        return Listing.of(brief), tuple(named)

    return view


def period(year: int) -> str:
    """The period a year is filtered by: its decade, such as "1990s"."""
    return f"{year - year % 10}s"


def themes(event: Node) -> list[str]:
    """The kinds of the briefs that name the event, each once."""
    return list(dict.fromkeys(brief.model.kind for brief in event.into("brief")))


def timeline(r: Renderer, path: str) -> str:
    years: dict[int, list[str]] = {}
    found: set[str] = set()
    for event in r.graph.of("event"):
        years.setdefault(event.model.date.year, []).append(event_block(r, path, event))
        found.update(themes(event))
    shown = [Year(year, period(year), blocks) for year, blocks in years.items()]
    kinds = [kind for kind in r.graph.explainer.kinds if kind.id in found]
    periods = list(dict.fromkeys(year.period for year in shown))
    return r.render(
        path, "timeline.md.j2", years=shown, kinds=kinds, periods=periods, overview=timeline_picture(r, path)
    )


def event_block(r: Renderer, path: str, event: Node) -> str:
    """One event's part of the timeline, kept while none of the models it shows changes. Its list of actors,
    briefs and sources is HTML, so no glossary tooltip repeats a definition in a list of names."""
    actors, briefs, sources = event.out("actors"), event.into("brief"), event.cited()
    shown = (event.model, *(node.model for node in (*actors, *briefs, *sources)))

    def make() -> str:
        return r.render(
            path,
            "event.md.j2",
            event=event,
            actors=actors,
            briefs=briefs,
            sources=sources,
            themes=themes(event),
            served=served_link(path),
            to_path=lambda node: r.addresses.entity(node.kind, node.id),
        )

    return r.part(path, shown, make)
