"""Starter files for ``explainer new``: valid as written, every field explained in a comment."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.models import COLLECTIONS, EXPLAINER_FILE, MODELS

FOLDERS = {kind: folder for folder, (kind, _model) in COLLECTIONS.items()}


def scaffold_path(kind: str, entity_id: str) -> str:
    """Path of a new file under content/."""
    return EXPLAINER_FILE if kind == "explainer" else f"{FOLDERS[kind]}/{entity_id}.yml"


def scaffold(kind: str, entity_id: str, title: str | None, today: dt.date, kinds: list[str], sources: list[str]) -> str:
    """YAML text for a new ``kind`` file.

    ``kinds`` and ``sources`` are the ids the content already has, so references in the starter resolve.
    """
    depth = "../" if kind != "explainer" else ""
    lines = [f"# yaml-language-server: $schema={depth}../docs/schemas/{kind}.schema.json"]
    model = MODELS[kind]
    values = _defaults(kind, entity_id, title, today, kinds, sources)
    for name, info in model.model_fields.items():
        lines.append(f"# {info.description}" + ("" if info.is_required() else " (optional)"))
        if name in values:
            lines.append(f"{name}: {values[name]}")
        elif info.is_required():
            lines.append(f"{name}: {_placeholder(info)}")
        else:
            lines.append(f"# {name}:")
    return "\n".join(lines) + "\n"


def _defaults(
    kind: str, entity_id: str, title: str | None, today: dt.date, kinds: list[str], sources: list[str]
) -> dict[str, str]:
    name = _quote(title or entity_id.replace("-", " ").capitalize())
    day = today.isoformat()
    by_kind: dict[str, dict[str, str]] = {
        "brief": {
            "kind": kinds[0] if kinds else "security",
            "title": name,
            "summary": '"TODO: what a reader takes away in 30 seconds."',
            "key_points": "\n  - text: TODO\n    sources: []\n    status: reported",
            "published": day,
            "reviewed": day,
            "draft": "true",
        },
        "actor": {
            "name": name,
            "type": "country",
            "summary": '"TODO: a short neutral profile."',
            "role": '"TODO: its role in this story."',
        },
        "event": {
            "date": day,
            "title": name,
            "description": '"TODO: one or two sentences."',
            "sources": f"[{sources[0] if sources else 'source-id'}]",
        },
        "source": {
            "title": name,
            "publisher": "TODO",
            "type": "independent-media",
            "url": "https://example.org/TODO",
            "accessed": day,
        },
        "term": {"term": name, "definition": '"TODO: a plain-language definition."'},
        "explainer": {
            "title": name,
            "question": "TODO?",
            "answer": "TODO",
            "description": "TODO",
            "takeaways": "\n  - text: TODO\n    sources: []\n    status: reported",
            "kinds": "\n  - id: general\n    title: General\n    description: TODO",
            "authors": "\n  - name: TODO",
            "license": "CC BY 4.0",
            "published": day,
        },
    }
    return by_kind[kind]


def _placeholder(info: FieldInfo) -> str:
    annotation: Any = info.annotation
    origin = typing.get_origin(annotation)
    if origin is tuple:
        return "[]"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "{}"
    return "TODO"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
