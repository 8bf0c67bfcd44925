"""What ships and what keeps it tidy: the package carries its templates, theme and plugin; the licences are
stated; the pins are refreshed together; spelling is checked with the project's word list."""

from __future__ import annotations

import fnmatch
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from generator.output.site import THEME
from generator.plugin import ExplainerPlugin

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
CODESPELL = Path(sys.executable).with_name("codespell")


def test_every_file_the_package_reads_is_in_the_wheel() -> None:
    """setuptools ships only the package data patterns name: a template or theme file they miss is absent
    from an installed package (``custom_dir ... does not exist``)."""
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["generator"]
    package = REPO / "generator"
    data = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc")
    ]
    assert data, "the package has data files"
    assert [p for p in data if not any(fnmatch.fnmatch(p, pattern) for pattern in patterns)] == []
    assert package / "theme" == THEME and (THEME / "main.html").is_file()


def test_the_mkdocs_plugin_is_an_entry_point_of_the_installed_package() -> None:
    (entry,) = [e for e in importlib.metadata.entry_points(group="mkdocs.plugins") if e.name == "explainer"]
    assert entry.load() is ExplainerPlugin


def test_the_code_is_mit_licensed_with_a_setuptools_that_reads_the_licence_expression() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    (requirement,) = PYPROJECT["build-system"]["requires"]
    minimum = re.fullmatch(r"setuptools>=(\d+)", requirement)
    assert minimum and int(minimum.group(1)) >= 77, 'setuptools reads `license = "MIT"` from version 77'


def test_make_lock_refreshes_both_requirement_files() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nlock:\n", 1)[1].split("\n\n", 1)[0]
    assert "> requirements/site.txt" in recipe and "> requirements/test.txt" in recipe
    tools = re.search(r"^TEST_TOOLS := (.*)$", makefile, re.M)
    assert tools is not None
    pinned = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (REPO / "requirements/test.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line
    }
    assert {name.lower() for name in tools.group(1).split()} <= pinned, "every test tool is pinned"


# Spelling


@pytest.fixture
def codespell(tmp_path: Path) -> Path:
    if not CODESPELL.is_file() and shutil.which("codespell") is None:
        pytest.skip("codespell is not installed: install requirements/test.txt")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copy(REPO / ".codespell-words", tmp_path / ".codespell-words")
    return tmp_path


def _spell(root: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    program = str(CODESPELL) if CODESPELL.is_file() else "codespell"
    return subprocess.run([program, *paths], cwd=root, capture_output=True, text=True, check=False, timeout=120)


def test_the_repository_is_spelled_right() -> None:
    if not CODESPELL.is_file():
        pytest.skip("codespell is not installed")
    paths = re.search(r"^SPELLED := (.*)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.M)
    assert paths is not None and "content" in paths.group(1).split()
    result = _spell(REPO, *paths.group(1).split())
    assert (result.returncode, result.stdout) == (0, "")


def test_a_misspelling_in_content_is_reported_at_its_line(codespell: Path) -> None:
    (codespell / "content").mkdir()
    (codespell / "content" / "brief.yml").write_text("title: Trade\nsummary: The goverment agreed.\n")
    result = _spell(codespell, "content")
    assert result.returncode != 0
    assert result.stdout == "content/brief.yml:2: goverment ==> government\n"


def test_a_name_in_the_word_list_is_not_a_misspelling(codespell: Path) -> None:
    (codespell / "content").mkdir()
    (codespell / "content" / "actor.yml").write_text("name: Teh Mountain Clan\n")
    assert _spell(codespell, "content").returncode != 0
    with (codespell / ".codespell-words").open("a", encoding="utf-8") as words:
        words.write("Teh\n")
    assert _spell(codespell, "content").returncode == 0
