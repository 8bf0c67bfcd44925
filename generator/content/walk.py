"""Walking a model's values: quickly for a first look, with locations for what is reported.

Almost every value in an explainer is fine, and a location costs a tuple per
value, so the checks read an entry through ``values`` (one walk that builds no
location) and walk again with ``leaves`` only for an entry where they found
something to report.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator.content import links
from generator.content.salvage import Leaf
from generator.errors import Loc


@functools.cache
def ref_fields(cls: type[BaseModel]) -> tuple[tuple[str, str | None], ...]:
    """Each field of a model class with the kind it references, if any: read once per class, not per value."""
    fields = []
    for name, info in cls.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        target = extra.get("x-ref")
        fields.append((name, target if isinstance(target, str) else None))
    return tuple(fields)


NOT_TEXT = frozenset({"id", "url", "archived", "iso", "kind", "tags", "chart"})
"""Fields that hold text but not writing: ids, addresses, codes."""


@dataclass
class Values:
    """An entry's strings from one walk, without locations, in field order."""

    references: list[tuple[str, str]] = field(default_factory=list)
    """(kind, id) of each reference field."""
    texts: list[str] = field(default_factory=list)
    """Free text: what readers read (``texts`` with locations)."""
    others: list[str] = field(default_factory=list)
    """The other strings that reference nothing: ids, addresses, codes, tags."""
    ignores: bool = False
    """Whether some part silences a warning (``ignore``)."""
    unsourced: bool = False
    """Whether some claim or figure (a part with a certainty ``status``) cites no source."""

    def targets(self) -> dict[str, tuple[str, ...]]:
        """Every id referenced, by kind of target, each once: reference fields, then content links in text."""
        linked = (pair for text in self.texts for pair in links.internal(text))
        return by_target(itertools.chain(self.references, linked))


def by_target(references: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """(kind, id) pairs as the ids of each kind, each once, in the order first named (tuples: kept for every
    entry, sets took twice the memory)."""
    found: dict[str, dict[str, None]] = {}
    for target, ref_id in references:
        found.setdefault(target, {})[ref_id] = None
    return {target: tuple(ids) for target, ids in found.items()}


def values(model: BaseModel) -> Values:
    """The strings of ``model`` (its ``ignore`` lists left out), sorted as ``leaves`` sorts them."""
    found = Values()
    _gather(model, found)
    return found


@functools.cache
def is_claim(cls: type[BaseModel]) -> bool:
    """Whether parts of this class state something a source must back: a certainty status and sources."""
    return "status" in cls.model_fields and "sources" in cls.model_fields


def _gather(model: BaseModel, found: Values) -> None:
    attributes = model.__dict__
    if is_claim(type(model)) and not attributes["sources"]:
        found.unsourced = True
    for name, target in ref_fields(type(model)):
        if name == "ignore":
            found.ignores = found.ignores or bool(attributes[name])
            continue
        value = attributes[name]
        for item in value if type(value) is tuple else (value,):
            if isinstance(item, str):
                if target:
                    found.references.append((target, item))
                else:
                    (found.others if name in NOT_TEXT else found.texts).append(item)
            elif isinstance(item, BaseModel):
                _gather(item, found)


def leaves(model: BaseModel, loc: Loc = ()) -> Iterator[Leaf]:
    """Every value in ``model`` that is not a model, with its location, field name and the kind it references."""
    for name, target in ref_fields(type(model)):
        if name == "ignore":
            continue  # silenced warnings and their reasons: notes to editors, not content
        value = getattr(model, name)
        here = (*loc, name)
        if isinstance(value, BaseModel):
            yield from leaves(value, here)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from leaves(item, (*here, index))
                else:
                    yield (*here, index), name, target, item
        else:
            yield here, name, target, value


def references(model: BaseModel) -> Iterator[tuple[Loc, str, str]]:
    """Every reference in ``model``: (location, target kind, id), in field order."""
    return ((loc, target, value) for loc, _name, target, value in leaves(model) if target and isinstance(value, str))


def all_references(model: BaseModel) -> Iterator[tuple[Loc, str, str]]:
    """Every reference in ``model``: its reference fields, then the links to other content in its text."""
    yield from references(model)
    for loc, value in texts(model):
        for kind, ref_id in links.internal(value):
            yield loc, kind, ref_id


def texts(model: BaseModel) -> Iterator[tuple[Loc, str]]:
    """Every free-text value in ``model`` (not ids, not references, not addresses), with its location."""
    return ((loc, value) for loc, name, target, value in leaves(model) if is_text(name, target, value))


def strings(model: BaseModel) -> Iterator[tuple[Loc, str]]:
    """Every text value in ``model`` that is not a reference (addresses and tags included), with its location."""
    return ((loc, value) for loc, _name, target, value in leaves(model) if target is None and isinstance(value, str))


def is_text(name: str, target: str | None, value: Any) -> bool:
    return target is None and isinstance(value, str) and name not in NOT_TEXT
