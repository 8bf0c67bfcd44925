"""A brief's page: at a glance, key points with their certainty, figures and charts, perspectives, notes."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.content.fields import PartialDate
from generator.content.graph import Node
from generator.content.lint import review_overdue
from generator.pages import corrections, lists, text
from generator.pages.maps_page import brief_maps
from generator.pages.pictures.draw import chart_pictures
from generator.pages.pictures.figures import figure_value
from generator.pages.render import Notes, Renderer, day

WORDS_PER_MINUTE = 200


@dataclass(frozen=True)
class Claimed:
    """A claim as a page shows it: with its notes, and each side's or estimate's notes (numbered in that order)."""

    claim: Any
    refs: str
    sides: list[tuple[Any, str]]
    estimates: list[tuple[Any, str]]


def claims(notes: Notes, items: Iterable[Any]) -> list[Claimed]:
    """Claims with their source notes, numbered in the order a reader meets them."""
    shown = []
    for claim in items:
        refs = notes.refs(claim.sources)
        sides = [(side, notes.refs(side.sources)) for side in claim.sides]
        shown.append(Claimed(claim, refs, sides, [(e, notes.refs(e.sources)) for e in claim.estimates]))
    return shown


def evidence(r: Renderer, source_ids: Iterable[str]) -> PartialDate | None:
    """The evidence window of a page: the month (or year) of the newest source it cites."""
    table = r.graph.index["source"]
    latest = max((table[i].model.date for i in source_ids if i in table), default=None)
    return PartialDate(latest.year, latest.month) if latest else None


def brief(r: Renderer, path: str, node: Node) -> str:
    model = node.model
    explainer = r.graph.explainer
    kind = next(kind for kind in explainer.kinds if kind.id == model.kind)
    notes = r.notes()
    description = text.plain_text(model.summary)
    key_points = claims(notes, model.key_points)
    figures = [(figure, figure_value(figure), notes.refs(figure.sources)) for figure in model.figures]
    sections = [(section, notes.refs(section.sources)) for section in model.sections]
    perspectives = [(view, notes.refs(view.sources)) for view in model.perspectives]
    return r.render(
        path,
        "brief.md.j2",
        brief=node,
        model=model,
        kind=kind,
        description=description,
        minutes=reading_minutes(model),
        key_points=key_points,
        figures=figures,
        charts=chart_pictures(r, node, path),
        maps=brief_maps(r, node, path),
        tags=lists.brief_tags(r, model),
        sections=sections,
        perspectives=perspectives,
        evidence=evidence(r, notes.sources()),
        actors=node.out("actors"),
        events=r.graph.ordered(node.out("events")),
        related=node.out("related"),
        backlinks=node.into("brief"),
        notes=notes.definitions(),
        jsonld=_jsonld(r, model, kind.title, description),
        cite=_citation(r, model),
        day=day,
        overdue=review_overdue(model.reviewed, r.settings.day(), explainer.review_after_days),
        byline=corrections.byline(explainer),
        correction=corrections.correction_link(explainer.repository or r.settings.repository, model.title, path),
    )


def _jsonld(r: Renderer, model: Any, section: str, description: str) -> dict[str, Any]:
    explainer = r.graph.explainer
    modified = model.updated or model.published
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": model.title,
        "description": description,
        "datePublished": model.published.isoformat(),
        "dateModified": modified.isoformat(),
        "author": [{"name": a.name, **({"url": a.url} if a.url else {})} for a in explainer.authors],
        "isPartOf": {"@type": "WebSite", "name": explainer.title},
        "articleSection": section,
        "keywords": list(model.tags),
        "license": explainer.license,
        "inLanguage": "en",
    }


def _citation(r: Renderer, model: Any) -> str:
    """How to cite the brief: authors, title, explainer, dates."""
    explainer = r.graph.explainer
    authors = ", ".join(a.name for a in explainer.authors)
    updated = f"; last updated {day(model.updated)}" if model.updated else ""
    return f"{authors}. “{model.title}.” In {explainer.title}. Published {day(model.published)}{updated}."


def reading_minutes(brief: Any) -> int:
    words = [brief.summary, *(c.text for c in brief.key_points), *(s.body for s in brief.sections)]
    words += [p.view for p in brief.perspectives]
    return max(1, math.ceil(sum(len(w.split()) for w in words) / WORDS_PER_MINUTE))
