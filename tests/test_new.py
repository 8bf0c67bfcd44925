"""`explainer new KIND ID`: a starter file that validates, explains every field, and never overwrites."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_cli import explainer

from generator.content.types import BY_KIND

Project = Callable[..., Path]
PLACES = {
    "brief": "content/briefs/new-one.yml",
    "actor": "content/actors/new-one.yml",
    "event": "content/events/new-one.yml",
    "source": "content/sources/new-one.yml",
    "term": "content/glossary/new-one.yml",
}


@pytest.mark.parametrize("kind", list(PLACES))
def test_new_files_validate_and_explain_every_field(make_project: Project, kind: str) -> None:
    root = make_project()
    result = explainer(root, "new", kind, "new-one", "--title", 'A "quoted" title')
    assert result.returncode == 0, result.stderr
    text = (root / PLACES[kind]).read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../docs/schemas/{kind}.schema.json\n")
    for name, info in BY_KIND[kind].model.model_fields.items():
        assert f"# {info.description}" in text, name
    check = explainer(root, "validate")
    assert "error[" not in check.stderr
    assert check.returncode == 0


def test_new_never_overwrites(make_project: Project) -> None:
    root = make_project()
    before = (root / "content/briefs/trade.yml").read_text(encoding="utf-8")
    result = explainer(root, "new", "brief", "trade")
    assert result.returncode == 1
    assert (
        result.stderr == f"error: {root}/content/briefs/trade.yml already exists; choose another id or edit that file\n"
    )
    assert (root / "content/briefs/trade.yml").read_text(encoding="utf-8") == before


def test_a_new_explainer_starts_a_project_from_nothing(tmp_path: Path) -> None:
    result = explainer(tmp_path, "new", "explainer", "explainer", "--title", "My explainer")
    assert result.returncode == 0, result.stderr
    assert (
        (tmp_path / "content/explainer.yml")
        .read_text()
        .startswith("# yaml-language-server: $schema=../docs/schemas/explainer.schema.json\n")
    )
    assert explainer(tmp_path, "validate").returncode == 0
