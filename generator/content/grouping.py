"""Warnings about how content is grouped for readers: tags that group briefs, charts that group figures, and
the countries a map tints.

A tag on one brief leads a reader to a list of one; a figure naming a chart no one
described draws a chart without a subtitle or a note; a country without its ISO
code cannot be tinted. Pure, like the rest of lint: each rule reads the corpus and
returns findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.content.corpus import Corpus, Entry
from generator.errors import Finding


def grouping(corpus: Corpus) -> list[Finding]:
    """Every warning about tags, charts and maps (and an error for a chart declared twice)."""
    return [*_tags(corpus), *_charts(corpus), *_map_countries(corpus)]


def tag_use(briefs: Iterator[Any]) -> dict[str, int]:
    """How many of these briefs (models) use each tag."""
    counts: dict[str, int] = {}
    for brief in briefs:
        for tag in dict.fromkeys(brief.tags):
            counts[tag] = counts.get(tag, 0) + 1
    return counts


def _warning(entry: Entry[Any], loc: tuple[str | int, ...], code: str, message: str, hint: str) -> Finding:
    return entry.finding(loc, code, message, hint, severity="warning")


def _tags(corpus: Corpus) -> Iterator[Finding]:
    explainer = corpus.explainer
    if explainer is None:
        return  # the explainer file failed: its errors are reported
    published = [entry for entry in corpus.get("brief").values() if not entry.model.draft]
    counts = tag_use(entry.model for entry in published)
    for index, tag in enumerate(explainer.model.tags):
        if tag.id not in counts:
            hint = "tag two or more briefs with it, or remove it"
            yield _warning(explainer, ("tags", index, "id"), "unused-tag", f"no brief has the tag '{tag.id}'", hint)
    if len(published) < 2:
        return  # with one brief every tag is on one brief: nothing to warn about yet
    for entry in published:
        for index, tag in enumerate(entry.model.tags):
            if counts.get(tag) == 1:
                message = f"tag '{tag}' is on this brief only, so it groups nothing and is not shown"
                hint = "give the tag to another brief it fits, or remove it here"
                yield _warning(entry, ("tags", index), "lonely-tag", message, hint)


def _charts(corpus: Corpus) -> Iterator[Finding]:
    for entry in corpus.get("brief").values():
        declared: dict[str, int] = {}
        for index, chart in enumerate(entry.model.charts):
            if chart.id in declared:
                message = f"chart '{chart.id}' is declared twice"
                yield entry.finding(("charts", index, "id"), "duplicate-id", message, "keep one of the two")
            declared.setdefault(chart.id, index)
        used = set()
        for index, figure in enumerate(entry.model.figures):
            if figure.chart is None:
                continue
            used.add(figure.chart)
            if figure.chart not in declared:
                message = f"chart '{figure.chart}' is not declared in this brief's `charts`, so it is not drawn"
                hint = f"add it under `charts:` with `id: {figure.chart}`, a `title`, a `subtitle` and a `note`"
                yield _warning(entry, ("figures", index, "chart"), "undeclared-chart", message, hint)
        for chart_id, index in declared.items():
            if chart_id not in used:
                hint = f"name it in a figure's `chart: {chart_id}`, or remove it"
                yield _warning(
                    entry, ("charts", index, "id"), "unused-chart", f"no figure is in chart '{chart_id}'", hint
                )


def _map_countries(corpus: Corpus) -> Iterator[Finding]:
    actors = corpus.get("actor")
    for entry in corpus.get("map").values():
        for index, actor_id in enumerate(entry.model.countries):
            actor = actors.get(actor_id)
            if actor is not None and not actor.model.iso:
                message = f"actor '{actor_id}' has no `iso` code, so the map cannot tint it"
                hint = f"add its ISO 3166-1 numeric code as `iso:` in {actor.file.display}, or remove it here"
                yield _warning(entry, ("countries", index), "map-country-without-iso", message, hint)
