"""Golden files: the Markdown rendered from the minimal content, page by page.

When a change to the templates is intended, regenerate them with
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import render
from generator.project import Project as Paths
from generator.project import Settings

GOLDEN = Path(__file__).parent / "golden" / "minimal"
Project = Callable[..., Path]


def rendered(root: Path) -> dict[str, str]:
    pages = render(Paths.at(root), Settings(today=dt.date(2026, 2, 1)))
    return {path: text for path, text in pages.pages().items() if path.endswith(".md")}


def test_rendered_pages_match_the_golden_files(make_project: Project) -> None:
    pages = rendered(make_project())
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
        pytest.skip("golden files regenerated")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "the set of pages changed"
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from its golden file"
