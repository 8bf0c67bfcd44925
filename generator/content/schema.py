"""JSON Schema of every content kind, from the models, for editors' tools."""

from __future__ import annotations

import json
from typing import Any

from generator.content.types import TYPES

SCHEMA_DIR = "schemas"


def schemas() -> dict[str, str]:
    """{file name: JSON text} for each kind, deterministic so a test can compare it with the committed files."""
    out = {}
    for content in TYPES:
        schema: dict[str, Any] = content.model.model_json_schema()
        kind = content.kind
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{kind}.schema.json", **schema}
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out
