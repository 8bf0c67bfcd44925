"""The JSON Schemas editors' tools use are exactly what the models say."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO

from generator.content.schema import schemas


def test_committed_schemas_match_the_models() -> None:
    """Each kind's schema follows the models; ``ids.schema.json`` follows the content, and ``validate`` says when
    it is out of date (a new source added through the web editor must not fail the tests)."""
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "docs/schemas").glob("*.schema.json")}
    assert committed.pop("ids.schema.json")
    assert committed == schemas(), "run `explainer schema` (or `make schema`) and commit docs/schemas/"


def test_every_field_of_every_kind_is_described() -> None:
    undocumented = []
    for name, text in schemas().items():
        schema = json.loads(text)
        for where in [schema, *schema.get("$defs", {}).values()]:
            for field, spec in where.get("properties", {}).items():
                if not spec.get("description"):
                    undocumented.append(f"{name}: {where.get('title')}.{field}")
    assert undocumented == []


def test_the_editor_settings_map_each_content_folder_to_its_schema() -> None:
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for kind in ("explainer", "brief", "actor", "event", "source", "term", "map"):
        assert f"docs/schemas/{kind}.schema.json" in {Path(k).as_posix().lstrip("./") for k in mapping}, kind


def test_the_readme_example_brief_is_valid() -> None:
    import re

    import yaml

    from generator.content.models import Brief

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = re.search(r"A short brief:\n\n```yaml\n(.*?)```", readme, re.S)
    assert example is not None
    Brief.model_validate(yaml.safe_load(example.group(1)))
