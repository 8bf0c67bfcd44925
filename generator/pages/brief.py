"""A brief's page: at a glance, key points with their certainty, figures and charts, perspectives, notes."""

from __future__ import annotations

import math
from typing import Any

from generator.content.graph import Node, citations
from generator.content.lint import review_overdue
from generator.pages import text
from generator.pages.pictures.draw import chart_pictures
from generator.pages.pictures.figures import figure_value
from generator.pages.render import Renderer, day

WORDS_PER_MINUTE = 200


def sources_of(brief: Any) -> list[str]:
    """The sources a brief cites, in order of first citation: these are its numbered notes."""
    return citations((*brief.key_points, *brief.figures, *brief.sections, *brief.perspectives))


def brief(r: Renderer, path: str, node: Node) -> str:
    model = node.model
    explainer = r.graph.explainer
    kind = next(kind for kind in explainer.kinds if kind.id == model.kind)
    notes = r.notes(r.keep("brief-sources", (model,), lambda: sources_of(model)))
    description = text.plain_text(model.summary)
    return r.render(
        path,
        "brief.md.j2",
        brief=node,
        model=model,
        kind=kind,
        description=description,
        minutes=reading_minutes(model),
        key_points=[(claim, notes.refs(claim.sources)) for claim in model.key_points],
        figures=[(figure, figure_value(figure), notes.refs(figure.sources)) for figure in model.figures],
        charts=chart_pictures(r, node),
        sections=[(section, notes.refs(section.sources)) for section in model.sections],
        perspectives=[(view, notes.refs(view.sources)) for view in model.perspectives],
        actors=node.out("actors"),
        events=r.graph.ordered(node.out("events")),
        related=node.out("related"),
        backlinks=node.into("brief"),
        notes=notes.definitions(),
        jsonld=_jsonld(r, model, kind.title, description),
        cite=_citation(r, model),
        day=day,
        overdue=review_overdue(model.reviewed, r.settings.day(), explainer.review_after_days),
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
