"""JSON Schemas for editors' tools: one per content kind, from the models, and one of what the content holds.

The kind schemas (``brief.schema.json``, ...) follow the models alone. Every id
field and every Markdown text in them points into ``ids.schema.json``, which
lists the ids the content has (actors, sources, events, terms, briefs) and the
ones the explainer declares (brief kinds, source types), so the editor completes
and checks references, and refuses links with unsafe schemes or to missing
content, as ``explainer validate`` does. Only that file changes when content
does; ``explainer schema`` rewrites it, and ``validate`` and ``build`` say when
it is out of date.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from typing import Any

from generator.content.links import WEB_SCHEMES, linkable
from generator.content.patterns import ID_PATTERN, TEXT_SCHEMA
from generator.content.types import DECLARED, TYPES
from generator.content.values import MAX_ID_LENGTH

SCHEMA_DIR = "schemas"
IDS = "ids.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*"


def schemas(ids: Mapping[str, Sequence[str]] | None = None) -> dict[str, str]:
    """{file name: JSON text}: each kind's schema, and with ``ids`` (by kind; a declared kind left out when the
    explainer is invalid, so any id is taken) the schema of what the content holds. Deterministic."""
    out = {}
    for content in TYPES:
        schema: dict[str, Any] = _rewired(content.model.model_json_schema())
        schema = {"$schema": DRAFT, "$id": f"{content.kind}.schema.json", **schema}
        out[f"{content.kind}.schema.json"] = _dumps(schema)
    if ids is not None:
        out[IDS] = _dumps(ids_schema(ids))
    return out


def ids_schema(ids: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The schema of what the content holds: an enumeration of the ids of each kind, and Markdown text."""
    defs: dict[str, Any] = {"id": {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH}}
    for kind in [t.kind for t in TYPES if t.folder] + [d.name for d in DECLARED]:
        known = ids.get(kind)
        if known is None:
            defs[kind] = {"$ref": "#/$defs/id", "description": "Any id: the explainer file is not valid yet."}
        elif known:
            defs[kind] = {"type": "string", "enum": sorted(set(known))}
        else:  # nothing of this kind yet: no reference to one can be right
            defs[kind] = {"type": "string", "not": {}, "description": f"There is no {kind} yet."}
    defs["markdown"] = {**TEXT_SCHEMA, "not": {"anyOf": [{"pattern": p} for p in _refused_links(ids)]}}
    return {
        "$schema": DRAFT,
        "$id": IDS,
        "title": "What the content holds",
        "description": "Ids of every kind, for completion and checks. Written by `explainer schema`: do not edit.",
        "$defs": defs,
    }


def _refused_links(ids: Mapping[str, Sequence[str]]) -> list[str]:
    """Patterns of the links ``validate`` refuses: other schemes (inline or as a reference definition), and
    links to content that does not exist."""
    schemes = "|".join(_any_case(scheme) for scheme in sorted(WEB_SCHEMES | linkable()))
    other = f"(?!(?:{schemes}):)[A-Za-z][A-Za-z0-9+.\\-]*:"
    patterns = [f"\\]\\(\\s*<?\\s*{other}", f"(?:^|\\n)\\s*\\[[^\\]]+\\]:\\s*<?\\s*{other}"]
    for kind in sorted(linkable()):
        known = "|".join(sorted(set(ids.get(kind, ()))))
        unknown = f"(?!(?:{known})\\s*>?\\s*\\)){_SLUG}" if known else _SLUG
        patterns.append(f"\\]\\(\\s*<?{kind}:{unknown}\\s*>?\\s*\\)")
    return patterns


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c}]" if c.isalpha() else c for c in word)


def _rewired(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with each reference field pointing at its kind's ids, and each Markdown text at the rules for
    links, in ``ids.schema.json``."""
    schema = copy.deepcopy(schema)
    _rewire(schema)
    return schema


def _rewire(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _rewire(item)
        return
    if not isinstance(node, dict):
        return
    target = node.pop("x-ref", None)
    if target is not None:
        _point(node, f"{IDS}#/$defs/{target}")
    if node.get("contentMediaType") == "text/markdown":
        for key in ("type", "minLength", "pattern", "contentMediaType"):
            node.pop(key)
        node["$ref"] = f"{IDS}#/$defs/markdown"
    for value in node.values():
        _rewire(value)


def _point(node: dict[str, Any], ref: str) -> None:
    """Make an id field (a string, a list of them, or either or null) take the ids ``ref`` lists."""
    if node.get("type") == "array":
        node["items"] = {"$ref": ref}
    elif "anyOf" in node:
        node["anyOf"] = [_point_one(branch, ref) for branch in node["anyOf"]]
    else:
        _point_one(node, ref)


def _point_one(node: dict[str, Any], ref: str) -> dict[str, Any]:
    if node.get("type") == "string":
        for key in ("type", "pattern", "maxLength"):
            node.pop(key, None)
        node["$ref"] = ref
    return node


def _dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
