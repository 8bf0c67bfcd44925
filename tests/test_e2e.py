"""End to end: `explainer build --strict` makes a whole site whose every internal link resolves."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, build_site, check
from sitecheck import broken_links

from generator.project import Project as Paths

Project = Callable[..., Path]
pytestmark = pytest.mark.slow

EXPECTED_PAGES = [
    "index.html",
    "about/index.html",
    "actors/index.html",
    "actors/valley/index.html",
    "briefs/index.html",
    "briefs/trade/index.html",
    "glossary/index.html",
    "sources/index.html",
    "timeline/index.html",
]
"""No tags page: the minimal content's one tag is on its one brief, so it groups nothing."""


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_build_makes_every_page_and_every_link_resolves(make_project: Project) -> None:
    root = make_project(site=True)
    build_site(Paths.at(root), strict=True)
    site = root / "site"
    for page in EXPECTED_PAGES:
        assert (site / page).is_file(), page
    assert broken_links(site) == []


def test_the_same_content_gives_byte_identical_pages_and_site(make_project: Project) -> None:
    root = make_project(site=True)
    build_site(Paths.at(root), strict=True)
    docs, site = tree_digest(root / "docs"), tree_digest(root / "site")
    shutil.rmtree(root / "site")
    for generated in (root / "docs").iterdir():
        if generated.name not in ("assets",):
            shutil.rmtree(generated) if generated.is_dir() else generated.unlink()
    build_site(Paths.at(root), strict=True)
    assert tree_digest(root / "docs") == docs
    assert tree_digest(root / "site") == site


def test_plain_mkdocs_build_regenerates_first(make_project: Project) -> None:
    root = make_project(site=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run(
        [str(mkdocs), "build", "--strict"], cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    assert (root / "site/briefs/trade/index.html").is_file()


def test_the_build_never_writes_to_content(make_project: Project) -> None:
    root = make_project(site=True)
    before = tree_digest(root / "content")
    build_site(Paths.at(root), strict=True)
    assert tree_digest(root / "content") == before


@pytest.mark.skipif(not (REPO / "content/explainer.yml").exists(), reason="the default content is not there")
def test_the_default_content_builds_strictly_with_every_link_resolving(tmp_path: Path) -> None:
    assert not check(REPO).failed(strict=True), "the default content must validate strictly"
    for name in ("content", "docs/assets", "docs/schemas"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    build_site(Paths.at(tmp_path), strict=True)
    assert broken_links(tmp_path / "site") == []
