"""The home page: the question, the short answer, sourced takeaways, a reading path and the briefs by kind."""

from __future__ import annotations

from generator.pages.lists import by_kind
from generator.pages.pictures.draw import map_picture
from generator.pages.render import Renderer

CARD_BRIEFS = 8
"""Briefs listed on a kind's card; a larger kind links to the list of all briefs."""


def home(r: Renderer, path: str) -> str:
    explainer = r.graph.explainer
    notes = r.notes()
    takeaways = [(claim, notes.refs(claim.sources)) for claim in explainer.takeaways]
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
        map=map_picture(r),
        jsonld=jsonld,
    )
