"""Starter files for ``explainer new``: valid as written, every field explained in a comment."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.content.corpus import Loaded
from generator.content.types import BY_KIND, EXPLAINER_FILE, declared_ids


def scaffold_path(kind: str, entity_id: str) -> str:
    """Path of a new file under content/."""
    content = BY_KIND[kind]
    return f"{content.folder}/{entity_id}.yml" if content.folder else EXPLAINER_FILE


def known_ids(loaded: Iterable[Loaded]) -> dict[str, list[str]]:
    """The ids the content already has by kind, and the declared ones (``kind``, ``source_type``)."""
    ids: dict[str, list[str]] = {}
    for item in loaded:
        if item.entry is None:
            continue
        ids.setdefault(item.entry.kind, []).append(item.entry.id)
        if item.entry.kind == "explainer":
            for name, table in declared_ids(item.entry.model).items():
                ids[name] = list(table)
    return {kind: sorted(found) if kind not in ("kind", "source_type", "tag") else found for kind, found in ids.items()}


def scaffold(kind: str, entity_id: str, title: str | None, today: dt.date, ids: Mapping[str, Sequence[str]]) -> str:
    """YAML text for a new ``kind`` file; ``ids`` are those the content already has, so references resolve."""
    content = BY_KIND[kind]
    depth = "../" if content.folder else ""
    lines = [f"# yaml-language-server: $schema={depth}../docs/schemas/{kind}.schema.json"]
    fill = {
        "title": _quote(title or entity_id.replace("-", " ").capitalize()),
        "today": today.isoformat(),
        "kind": _first(ids, "kind", "general"),
        "source": _first(ids, "source", "source-id"),
        "source_type": _first(ids, "source_type", "independent-media"),
    }
    values = {name: value.format_map(fill) for name, value in content.starter.items()}
    for name, info in content.model.model_fields.items():
        lines.append(f"# {info.description}" + ("" if info.is_required() else " (optional)"))
        if name in values:
            lines.append(f"{name}: {values[name]}")
        elif info.is_required():
            lines.append(f"{name}: {_placeholder(info)}")
        else:
            lines.append(f"# {name}:")
    return "\n".join(lines) + "\n"


def _placeholder(info: FieldInfo) -> str:
    annotation: Any = info.annotation
    if typing.get_origin(annotation) is tuple:
        return "[]"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "{}"
    return "TODO"


def _first(ids: Mapping[str, Sequence[str]], kind: str, fallback: str) -> str:
    return (list(ids.get(kind, ())) or [fallback])[0]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
