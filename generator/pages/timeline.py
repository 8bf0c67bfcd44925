"""The timeline: every dated event by year, with who was involved, the briefs that name it and its sources."""

from __future__ import annotations

from typing import Any

from generator.content.corpus import all_references
from generator.content.graph import Node
from generator.pages.lists import Listing
from generator.pages.pictures.draw import timeline_picture
from generator.pages.render import Renderer


def naming(kind: str) -> Any:
    """A view of a brief for pages that list, under an entity, the briefs that name it: its listing, and the
    ids of ``kind`` it names (in fields or in links)."""

    def view(brief: Any) -> tuple[Listing, tuple[str, ...]]:
        named = dict.fromkeys(ref_id for _loc, target, ref_id in all_references(brief) if target == kind)
        return Listing.of(brief), tuple(named)

    return view


def timeline(r: Renderer, path: str) -> str:
    years: dict[int, list[str]] = {}
    for event in r.graph.of("event"):
        years.setdefault(event.model.date.year, []).append(event_block(r, path, event))
    return r.render(path, "timeline.md.j2", years=years, overview=timeline_picture(r))


def event_block(r: Renderer, path: str, event: Node) -> str:
    """One event's part of the timeline, kept while none of the models it shows changes."""
    actors, briefs, sources = event.out("actors"), event.into("brief"), event.cited()
    shown = (event.model, *(node.model for node in (*actors, *briefs, *sources)))

    def make() -> str:
        return r.render(path, "event.md.j2", event=event, actors=actors, briefs=briefs, sources=sources)

    return r.part(path, shown, make)
