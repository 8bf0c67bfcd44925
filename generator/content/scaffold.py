"""Starter files for ``explainer new``: every field explained in a comment, nothing guessed.

What the scaffold knows it fills in (the title, today's date for a brief, the
draft flag); what it cannot know it leaves visibly empty, so the file does not
validate until an editor has written it: ``validate`` then points at each value
still to write. The one choice a file cannot do without (a brief's kind, an
actor's type) is offered with its choices, and ``explainer new`` asks for it.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Mapping, Sequence

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


def choices(kind: str, ids: Mapping[str, Sequence[str]]) -> tuple[str, list[str]]:
    """The field a new file of ``kind`` asks for, and its choices (none when it asks for nothing)."""
    content = BY_KIND[kind]
    if not content.choice:
        return "", []
    return content.choice, _allowed(content.model.model_fields[content.choice], ids)


def scaffold(
    kind: str,
    entity_id: str,
    title: str | None,
    today: dt.date,
    ids: Mapping[str, Sequence[str]],
    chosen: str = "",
) -> str:
    """YAML text for a new ``kind`` file; ``ids`` are those the content already has (for the choices offered),
    ``chosen`` the value of the field it asks for, if given."""
    content = BY_KIND[kind]
    depth = "../" if content.folder else ""
    lines = [f"# yaml-language-server: $schema={depth}../docs/schemas/{kind}.schema.json"]
    fill = {"title": _quote(title or entity_id.replace("-", " ").capitalize()), "today": today.isoformat()}
    fill["choice"] = chosen
    values = {name: value.format_map(fill) for name, value in content.starter.items()}
    for name, info in content.model.model_fields.items():
        required = info.is_required()
        lines.append(f"# {info.description}" + ("" if required else " (optional)"))
        value = values.get(name, "" if required else None)
        if value is None:
            lines.append(f"# {name}:")
        elif value:
            lines.append(f"{name}: {value}")
        else:
            allowed = _allowed(info, ids)
            lines.append(f"{name}:" + (f"  # one of: {', '.join(allowed)}" if allowed else "  # to write"))
    return "\n".join(lines) + "\n"


def _allowed(info: typing.Any, ids: Mapping[str, Sequence[str]]) -> list[str]:
    """The values a field takes, where they are few and known: declared ids, or a fixed list."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    target = extra.get("x-ref")
    if target in ("kind", "source_type"):
        return list(ids.get(str(target), ()))
    if typing.get_origin(info.annotation) is typing.Literal:
        return [str(arg) for arg in typing.get_args(info.annotation)]
    return []


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
