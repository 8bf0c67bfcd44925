"""The web editor's configuration (Decap CMS, served at the site's /admin/), generated from the content models.

One collection per content kind (the explainer as one file), one field per model
field, read from the model's JSON Schema: references become relation widgets
(a brief's kind offers the explainer's declared kinds), lists of key points,
figures and sources become list widgets, the certainty vocabulary and other fixed
lists become selects, Markdown fields the Markdown editor, dates a date picker,
partial dates and addresses text checked by the same patterns as the schemas.
What a form cannot edit (map coordinates) is kept as it is, hidden. Locally, the
editor writes files through ``decap-server`` (``local_backend``); published, it
commits to GitHub (the ``backend`` block, from ``repo_url`` in mkdocs.yml).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from generator.content.patterns import DATE_PATTERN, ID_PATTERN, PARTIAL_DATE_PATTERN, URL_PATTERN, whole
from generator.content.types import DECLARED, TYPES, ContentType

ADMIN_DIR = "admin"
CONFIG = "config.yml"
LOCAL_BACKEND = "http://localhost:8081/api/v1"
_NAMES = {"actor": "name", "term": "term"}
"""The field that names an entity, where it is not ``title``."""


def config(repo: str, source_types: Sequence[str], *, local_backend: str = LOCAL_BACKEND) -> dict[str, Any]:
    """Decap CMS's configuration: ``repo`` is "owner/name" on GitHub, ``source_types`` the declared ids."""
    return {
        "backend": {"name": "github", "repo": repo, "branch": "main"},
        "local_backend": {"url": local_backend},
        "media_folder": "docs/assets/uploads",
        "public_folder": "/assets/uploads",
        "editor": {"preview": False},
        "collections": [_collection(content, source_types) for content in TYPES],
    }


def config_text(repo: str, source_types: Sequence[str]) -> str:
    head = (
        "# The web editor's configuration, written by `explainer schema` from the content models: do not edit.\n"
        "# Set repo_url in mkdocs.yml to your GitHub repository, then run `explainer schema` again.\n"
    )
    dumped = yaml.dump(config(repo, source_types), Dumper=_Plain, sort_keys=False, allow_unicode=True, width=120)
    return head + dumped


class _Plain(yaml.SafeDumper):
    """Writes repeated values out in full: no anchors and aliases for a person to follow."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _collection(content: ContentType, source_types: Sequence[str]) -> dict[str, Any]:
    schema = content.model.model_json_schema()
    fields = [_field(name, spec, schema, source_types) for name, spec in schema["properties"].items()]
    required = set(schema.get("required", ()))
    for field in fields:
        if field["name"] not in required and field["widget"] != "hidden":
            field["required"] = False
    label = content.folder.capitalize() if content.folder else "Explainer"
    if not content.folder:
        return {
            "name": "explainer",
            "label": "Explainer",
            "files": [
                {"name": "explainer", "label": "The explainer", "file": "content/explainer.yml", "fields": fields}
            ],
        }
    return {
        "name": content.folder,
        "label": label,
        "label_singular": content.kind.capitalize() if content.kind != "term" else "Glossary term",
        "folder": f"content/{content.folder}",
        "extension": "yml",
        "format": "yml",
        "create": True,
        "identifier_field": _NAMES.get(content.kind, "title"),
        "slug": "{{slug}}",
        "fields": fields,
    }


def _field(name: str, spec: Mapping[str, Any], root: Mapping[str, Any], source_types: Sequence[str]) -> dict[str, Any]:
    """One form field for a property of a model's JSON Schema (``root`` holds its ``$defs``)."""
    spec = _resolved(spec, root)
    field: dict[str, Any] = {"label": name.replace("_", " ").capitalize(), "name": name}
    if spec.get("description"):
        field["hint"] = spec["description"]
    return field | _widget(spec, root, source_types)


def _widget(spec: Mapping[str, Any], root: Mapping[str, Any], source_types: Sequence[str]) -> dict[str, Any]:
    target = spec.get("x-ref") or _cited(spec)
    if "prefixItems" in str(spec):
        return {"widget": "hidden"}  # coordinates: kept as written, edited in the file
    if target == "source_type":
        return {"widget": "select", "options": list(source_types)}
    if declared := next((d for d in DECLARED if d.name == target), None):  # a list in the explainer file
        path = declared.field
        listed: dict[str, Any] = {"widget": "relation", "collection": "explainer", "file": "explainer"}
        listed |= {"value_field": f"{path}.*.id"}
        listed |= {"search_fields": [f"{path}.*.title", f"{path}.*.id"], "display_fields": [f"{path}.*.title"]}
        return listed | ({"multiple": True} if spec.get("type") == "array" else {})
    if target:
        content = next(t for t in TYPES if t.kind == target)
        named = _NAMES.get(target, "title")
        relation: dict[str, Any] = {"widget": "relation", "collection": content.folder, "value_field": "{{slug}}"}
        relation |= {"search_fields": [named], "display_fields": [named]}
        return relation | ({"multiple": True} if spec.get("type") == "array" else {})
    if spec.get("type") == "array":
        items = _resolved(spec["items"], root)
        if "properties" in items:
            fields = [_field(n, s, root, source_types) for n, s in items["properties"].items()]
            for field in fields:
                if field["name"] not in set(items.get("required", ())) and field["widget"] != "hidden":
                    field["required"] = False
            return {"widget": "list", "collapsed": True, "fields": fields}
        return {"widget": "list", "field": {"label": "Item", "name": "item"} | _widget(items, root, source_types)}
    if "properties" in spec:
        fields = [_field(n, s, root, source_types) for n, s in spec["properties"].items()]
        return {"widget": "object", "collapsed": True, "fields": fields}
    return _scalar(spec)


def _scalar(spec: Mapping[str, Any]) -> dict[str, Any]:
    kind = spec.get("type")
    if "enum" in spec:
        return {"widget": "select", "options": list(spec["enum"])}
    if kind == "boolean":
        return {"widget": "boolean", "default": bool(spec.get("default", False))}
    if kind in ("integer", "number"):
        return {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
    if spec.get("contentMediaType") == "text/markdown":
        return {"widget": "markdown", "buttons": ["bold", "italic", "link", "bulleted-list", "numbered-list"]} | {
            "editor_components": [],
            "modes": ["rich_text", "raw"],
        }
    if spec.get("pattern") == DATE_PATTERN:
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    if spec.get("pattern") in _PATTERNS:
        return {"widget": "string", "pattern": [spec["pattern"], _PATTERNS[spec["pattern"]]]}
    return {"widget": "string"}


_PATTERNS = {
    PARTIAL_DATE_PATTERN: "Write the date as YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known",
    URL_PATTERN: "Write an address that starts with https:// or http://",
    ID_PATTERN: "Write lowercase words joined by hyphens, such as energy-ties",
    whole("[0-9]{3}"): "Write three digits",
}


def _cited(spec: Mapping[str, Any]) -> str | None:
    """The kind a list of citations references (ids, or mappings naming a source)."""
    branches = spec.get("items", {}).get("anyOf", []) if spec.get("type") == "array" else []
    return next((b["x-ref"] for b in branches if "x-ref" in b), None)


def _resolved(spec: Mapping[str, Any], root: Mapping[str, Any]) -> dict[str, Any]:
    """``spec`` with its ``$ref`` followed and an optional (``anyOf`` with null) reduced to its value."""
    out = dict(spec)
    if "anyOf" in out:
        branches = [b for b in out["anyOf"] if b.get("type") != "null"]
        if len(branches) == 1:
            del out["anyOf"]
            out = {**branches[0], **out}
    if "$ref" in out:
        name = out.pop("$ref").split("/")[-1]
        out = {**root["$defs"][name], **out}
    return out
