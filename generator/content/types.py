"""Every kind of content file, declared once: where it lives, its model, how it is named and ordered.

Loading, reference checks, the graph, lint, the export, the scaffold and the JSON
Schemas all follow this table, so a new kind of content is its model and one entry
here (plus, if it has pages, a template and an entry in ``pages.registry``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.content.explainer import Explainer
from generator.content.fields import Model
from generator.content.models import Actor, Brief, Event, Map, Source, Term

EXPLAINER_FILE = "explainer.yml"


def _always(model: Any) -> bool:
    return True


@dataclass(frozen=True)
class ContentType:
    """One kind of content file."""

    kind: str
    """The name references use (``ref(kind)`` in a model) and ``explainer new KIND`` takes."""
    folder: str
    """Its folder under content/; empty for the explainer, which is one file."""
    model: type[Model]
    name: Callable[[Any], str]
    """How readers and messages name one entity."""
    order: Callable[[Any, Explainer], tuple[Any, ...]]
    """Reading order within the kind (the id breaks ties)."""
    prose: bool = False
    """Its text is writing about the story: glossary terms and named years are looked for in it."""
    referenced: bool = False
    """Every entity should be referenced from somewhere: one nothing names is flagged (``unused-KIND``)."""
    published: Callable[[Any], bool] = _always
    """Whether an entity appears on the site (drafts are validated, not published)."""
    starter: Mapping[str, str] = field(default_factory=dict)
    """YAML a new file starts with, by field, beyond placeholders for the other required fields: ``{title}``,
    ``{today}``, ``{kind}``, ``{source}`` and ``{source_type}`` are filled in (see ``scaffold``)."""


@dataclass(frozen=True)
class Declared:
    """Ids declared inside the explainer file rather than as files, such as brief kinds."""

    name: str
    """The name references use, as for a content type."""
    field: str
    """Where the explainer declares them, for hints."""
    items: Callable[[Explainer], Sequence[Any]]
    """The declared items; each has an ``id``."""


def _title(model: Any) -> str:
    return str(model.title)


def _name(actor: Actor) -> str:
    return actor.name


def _not_draft(brief: Brief) -> bool:
    return not brief.draft


def _by_name(actor: Actor, explainer: Explainer) -> tuple[Any, ...]:
    return (actor.name.casefold(),)


def _by_date(event: Event, explainer: Explainer) -> tuple[Any, ...]:
    return (event.date, event.title.casefold())


def _by_term(term: Term, explainer: Explainer) -> tuple[Any, ...]:
    return (term.term.casefold(),)


def _brief_order(brief: Brief, explainer: Explainer) -> tuple[Any, ...]:
    kinds = [kind.id for kind in explainer.kinds]
    return (kinds.index(brief.kind) if brief.kind in kinds else len(kinds), brief.weight, brief.title.casefold())


def _by_title(model: Any, explainer: Explainer) -> tuple[Any, ...]:
    return (model.title.casefold(),)


def _by_weight(model: Any, explainer: Explainer) -> tuple[Any, ...]:
    return (model.weight, model.title.casefold())


_TODO_CLAIM = "\n  - text: TODO\n    sources: []\n    status: reported"
_STARTERS: dict[str, dict[str, str]] = {
    "explainer": {
        "title": "{title}",
        "question": "TODO?",
        "answer": "TODO",
        "description": "TODO",
        "takeaways": _TODO_CLAIM,
        "kinds": "\n  - id: general\n    title: General\n    description: TODO",
        "authors": "\n  - name: TODO",
        "license": "CC BY 4.0",
        "published": "{today}",
    },
    "brief": {
        "kind": "{kind}",
        "title": "{title}",
        "summary": '"TODO: what a reader takes away in 30 seconds."',
        "key_points": _TODO_CLAIM,
        "published": "{today}",
        "reviewed": "{today}",
        "draft": "true",
    },
    "actor": {"name": "{title}", "type": "country", "summary": '"TODO: a short neutral profile."'},
    "event": {"date": "{today}", "title": "{title}", "description": '"TODO: one or two sentences."'},
    "source": {"title": "{title}", "publisher": "TODO", "type": "{source_type}", "date": "{today}"},
    "term": {"term": "{title}", "definition": '"TODO: a plain-language definition."'},
    "map": {
        "title": "{title}",
        "subtitle": '"TODO: what the map shows, in one sentence."',
        "description": '"TODO: what the map shows, for readers who cannot see it."',
        "bbox": "[26, 28, 52, 45]",
    },
}
_STARTERS["actor"]["role"] = '"TODO: its role in this story."'
_STARTERS["event"]["sources"] = "[{source}]"
_STARTERS["source"]["url"] = "https://example.org/TODO"
_STARTERS["source"]["accessed"] = "{today}"

TYPES: list[ContentType] = [
    ContentType("explainer", "", Explainer, _title, lambda m, e: (), prose=True, starter=_STARTERS["explainer"]),
    ContentType(
        "brief", "briefs", Brief, _title, _brief_order, prose=True, published=_not_draft, starter=_STARTERS["brief"]
    ),
    ContentType(
        "actor", "actors", Actor, lambda m: m.name, _by_name, prose=True, referenced=True, starter=_STARTERS["actor"]
    ),
    ContentType("event", "events", Event, _title, _by_date, prose=True, starter=_STARTERS["event"]),
    ContentType("source", "sources", Source, _title, _by_title, referenced=True, starter=_STARTERS["source"]),
    ContentType("term", "glossary", Term, lambda m: m.term, _by_term, starter=_STARTERS["term"]),
    ContentType("map", "maps", Map, _title, _by_weight, starter=_STARTERS["map"]),
]
"""In the order files are listed to editors; ``register`` adds a kind."""
BY_KIND: dict[str, ContentType] = {t.kind: t for t in TYPES}
FOLDERS: dict[str, str] = {t.folder: t.kind for t in TYPES if t.folder}

DECLARED: tuple[Declared, ...] = (
    Declared("kind", "kinds", lambda explainer: explainer.kinds),
    Declared("source_type", "certainty.source_types", lambda explainer: explainer.certainty.source_types),
    Declared("tag", "tags", lambda explainer: explainer.tags),
)


def declared_ids(explainer: Explainer) -> dict[str, dict[str, int]]:
    """Each declared list's ids, with the position of their first declaration."""
    out: dict[str, dict[str, int]] = {}
    for declared in DECLARED:
        table = out.setdefault(declared.name, {})
        for index, item in enumerate(declared.items(explainer)):
            table.setdefault(item.id, index)
    return out


def register(content: ContentType) -> None:
    """Add a kind of content: loading, checks, the graph, lint, the export and the schemas follow."""
    TYPES.append(content)
    BY_KIND[content.kind] = content
    if content.folder:
        FOLDERS[content.folder] = content.kind
