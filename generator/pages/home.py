"""The home page: the question, the short answer, sourced takeaways, a reading path and the briefs by kind."""

from __future__ import annotations

from typing import Any

from generator.content.walk import all_references
from generator.pages.brief import claims, evidence
from generator.pages.lists import Listing, by_kind
from generator.pages.maps_page import first_map
from generator.pages.render import Renderer, day

CARD_BRIEFS = 8
"""Briefs listed on a kind's card; a larger kind links to the list of all briefs."""


def home(r: Renderer, path: str) -> str:
    explainer = r.graph.explainer
    notes = r.notes()
    takeaways = claims(notes, explainer.takeaways)
    briefs = r.graph.of("brief")
    cited = [*notes.sources(), *(i for brief in briefs for i in brief.targets.get("source", ()))]
    jsonld = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": explainer.title,
        "description": explainer.description,
        "inLanguage": "en",
        "license": explainer.license,
    }
    return r.render(
        path,
        "home.md.j2",
        takeaways=takeaways,
        kinds=[(kind, briefs[:CARD_BRIEFS], len(briefs)) for kind, briefs in by_kind(r)],
        start_here=r.graph.find("brief", explainer.start_here),
        notes=notes.definitions(),
        reviewed=min((brief.model.reviewed for brief in briefs), default=None),
        evidence=evidence(r, cited),
        map=first_map(r, path),
        day=day,
        jsonld=jsonld,
    )


def shown(brief: Any) -> tuple[Listing, Any, tuple[str, ...]]:
    """What the home page shows of a brief: its listing, and (as the explainer's) its review date and the sources
    behind its evidence window. The whole explainer was reviewed since the oldest review of a published brief."""
    cited = (ref_id for _loc, kind, ref_id in all_references(brief) if kind == "source")
    return Listing.of(brief), brief.reviewed, tuple(dict.fromkeys(cited))
