"""The whole published explainer as one JSON document, and the JSON Schema it follows.

Readers and other tools can reuse the content without scraping pages. The
schema is derived from the same models that validate the YAML, so the two can
never drift apart; drafts are left out, as they are from the site.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from generator.content.explainer import Explainer
from generator.content.fields import SLUG_PATTERN, Citation, PartialDate
from generator.content.graph import Graph
from generator.content.types import TYPES
from generator.keep import Keep, nothing

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "explainer.schema.json"


def schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of ``document``'s output."""
    models: list[type[BaseModel]] = [t.model for t in TYPES]
    refs, definitions = models_json_schema([(model, "validation") for model in models], ref_template="#/$defs/{model}")

    def table(model: type[BaseModel]) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": {"pattern": SLUG_PATTERN},
            "additionalProperties": refs[(model, "validation")],
        }

    properties: dict[str, Any] = {"explainer": refs[(Explainer, "validation")]}
    properties.update({t.folder: table(t.model) for t in TYPES if t.folder})
    return {
        "$schema": SCHEMA_DRAFT,
        "$id": SCHEMA_ID,
        "title": "Explainer export",
        "description": "Every published entity of the explainer, keyed by id (the content file's name).",
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
        **definitions,
    }


def schema_text() -> str:
    return dumps(schema())


def dumps(data: dict[str, Any]) -> str:
    """Stable JSON text: same data, same bytes."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def text(graph: Graph, keep: Keep = nothing) -> str:
    """Every published entity by id under its folder, and the explainer, as stable JSON with one entity per line.

    Diffs stay readable, and each line is written by the C encoder (an indented
    dump takes the pure-Python one) once per version of its model."""
    return b"".join(parts(graph, keep)).decode("utf-8")


def parts(graph: Graph, keep: Keep = nothing) -> Iterator[bytes]:
    """``text(graph)`` encoded, a line at a time, so a large export need not be whole in memory to be
    written; lines are kept encoded in the preview, where the export is written again after every edit."""
    tables = {t.folder or t.kind: t.kind for t in TYPES}
    yield b"{"
    for number, folder in enumerate(sorted(tables)):
        yield b",\n" if number else b"\n"
        if folder == "explainer":
            yield f'  "explainer": {_line(graph.explainer)}'.encode()
            continue
        nodes = sorted(graph.of(tables[folder]), key=_by_id)
        yield f"  {_compact(folder)}: {{".encode() + (b"\n" if nodes else b"")
        for index, node in enumerate(nodes):
            if index:
                yield b",\n"
            yield keep("export-row", (node.model,), functools.partial(_row, node.id, node.model))
        yield b"\n  }" if nodes else b"}"
    yield b"\n}\n"


def _by_id(node: Any) -> str:
    return str(node.id)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _row(entity_id: str, model: BaseModel) -> bytes:
    """An entity's line in its folder's table."""
    return f"    {_compact(entity_id)}: {_line(model)}".encode()


def _line(model: BaseModel) -> str:
    return _compact(_plain(model))


def _plain(value: Any) -> Any:
    """Models as JSON values, field by field, with dates written as the YAML accepts them."""
    if isinstance(value, Citation) and not (value.locator or value.excerpt):
        return value.source  # as an editor usually writes it
    if isinstance(value, BaseModel):
        return {name: _plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    return value
