"""An Atom feed of brief publications, updates and corrections.

Entries come from each brief's ``published`` date and its ``changes`` log, so
a reader who follows the feed learns of every correction. The feed is written
with ElementTree (always well-formed XML); links are relative to the feed's own
address and ids are name-based UUIDs, so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import markdown

from generator.content.graph import Graph
from generator.content.models import Brief
from generator.keep import Keep, nothing
from generator.pages import text
from generator.pages.lists import Listing

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50
"""Entries in the feed, newest first: a feed is a window on recent changes, as in Hugo and Material's blog,
and its size (and the time to write it) must not grow with the explainer."""


@dataclass(frozen=True)
class Entry:
    brief_id: str
    title: str
    date: dt.date
    note: str  # Markdown
    kind: str
    seq: int  # position in the brief's log, so two changes on one day keep distinct ids


def view(brief: Brief) -> tuple[Any, ...]:
    """What the feed reads of a brief: its listing (title, kind, order), its log and publication date."""
    return (Listing.of(brief), brief.changes, brief.published)


def entries(graph: Graph, limit: int | None = None, keep: Keep = nothing) -> list[Entry]:
    """Changes of published briefs, plus each publication the log does not record; newest first, ``limit`` of them.

    Each brief's changes are kept per model version in the preview, so choosing the latest is one pass over tuples.
    """
    kinds = {kind.id: kind.title for kind in graph.explainer.kinds}
    dated = (
        (newest_first, index, seq, brief, date, note)
        for index, brief in enumerate(graph.of("brief"))
        for newest_first, seq, date, note in keep(
            "feed-changes", (brief.model,), functools.partial(changes, brief.model)
        )
    )
    chosen = sorted(dated) if limit is None else heapq.nsmallest(limit, dated)
    return [
        Entry(brief.id, brief.model.title, date, note, kinds[brief.model.kind], seq)
        for _newest_first, _index, seq, brief, date, note in chosen
    ]


def changes(brief: Brief) -> list[tuple[int, int, dt.date, str]]:
    """A brief's dated changes as (minus the day's ordinal, position in the log, date, note)."""
    logged = [(change.date, change.note) for change in brief.changes]
    if all(date != brief.published for date, _note in logged):
        logged.append((brief.published, "First published."))
    return [(-date.toordinal(), seq, date, note) for seq, (date, note) in enumerate(logged)]


def atom(graph: Graph, page_url: Callable[[str], str], keep: Keep = nothing) -> str:
    """The feed as XML text; ``page_url`` gives a brief's address relative to the feed."""
    ET.register_namespace("", ATOM)
    explainer = graph.explainer
    items = entries(graph, LIMIT, keep)
    latest = max([e.date for e in items] + [explainer.updated or explainer.published])
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", explainer.title)
    _add(feed, "subtitle", explainer.description)
    _add(feed, "id", _urn(explainer.title))
    _add(feed, "updated", _stamp(latest))
    _add(feed, "link", rel="self", type="application/atom+xml", href="feed.xml")
    _add(feed, "link", rel="alternate", type="text/html", href="../")
    for author in explainer.authors:
        person = _add(feed, "author")
        _add(person, "name", author.name)
        if author.url:
            _add(person, "uri", author.url)
    _add(feed, "rights", explainer.license)
    for item in items:
        entry = _add(feed, "entry")
        _add(entry, "title", item.title)
        _add(entry, "id", _urn(explainer.title, item.brief_id, str(item.date), str(item.seq)))
        _add(entry, "updated", _stamp(item.date))
        _add(entry, "link", rel="alternate", type="text/html", href=page_url(item.brief_id))
        _add(entry, "category", term=item.kind)
        _add(entry, "summary", _html(item.note), type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _add(parent: ET.Element, tag: str, value: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if value is not None:
        child.text = value
    return child


_MARKDOWN = markdown.Markdown(extensions=["pymdownx.superfences"])


def _html(note: str) -> str:
    return _MARKDOWN.reset().convert(text.markdown(note))


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _urn(*parts: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, "explainer:" + "/".join(parts)).urn
