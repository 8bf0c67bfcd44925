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
    """YAML a new file starts with, by field (other required fields are left empty): ``{title}``, ``{today}``
    and ``{choice}`` (the value chosen for ``choice``, if any) are filled in (see ``scaffold``)."""
    choice: str = ""
    """The field ``explainer new`` asks for, offering its choices (a brief's kind, an actor's type)."""


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


_CLAIM = "\n  - text:\n    sources: []\n    status:  # confirmed, reported, disputed or estimate"
_STARTERS: dict[str, dict[str, str]] = {
    "explainer": {
        "title": "{title}",
        "question": "",
        "answer": "",
        "description": "",
        "takeaways": _CLAIM,
        "kinds": "\n  - id:\n    title:\n    description:",
        "authors": "\n  - name:",
        "license": "CC BY 4.0",
        "published": "{today}",
    },
    "brief": {
        "kind": "{choice}",
        "title": "{title}",
        "summary": "",
        "key_points": _CLAIM,
        "published": "{today}",
        "reviewed": "{today}",
        "draft": "true",
    },
    "actor": {"name": "{title}", "type": "{choice}", "summary": "", "role": ""},
    "event": {"date": "", "title": "{title}", "description": "", "sources": "[]"},
    "source": {"title": "{title}", "publisher": "", "type": "{choice}", "date": "", "url": ""},
    "term": {"term": "{title}", "definition": ""},
    "map": {
        "title": "{title}",
        "subtitle": "",
        "description": "",
        "bbox": "",
    },
}
"""What a new file starts with. What the scaffold cannot know is left empty, so ``validate`` points at each
value still to write rather than letting a guess through: no kind, actor type, date or source is made up."""

TYPES: list[ContentType] = [
    ContentType("explainer", "", Explainer, _title, lambda m, e: (), prose=True, starter=_STARTERS["explainer"]),
    ContentType(
        "brief",
        "briefs",
        Brief,
        _title,
        _brief_order,
        prose=True,
        published=_not_draft,
        starter=_STARTERS["brief"],
        choice="kind",
    ),
    ContentType(
        "actor",
        "actors",
        Actor,
        lambda m: m.name,
        _by_name,
        prose=True,
        referenced=True,
        starter=_STARTERS["actor"],
        choice="type",
    ),
    ContentType("event", "events", Event, _title, _by_date, prose=True, starter=_STARTERS["event"]),
    ContentType(
        "source", "sources", Source, _title, _by_title, referenced=True, starter=_STARTERS["source"], choice="type"
    ),
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
