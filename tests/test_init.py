"""`explainer init DIR`: a new project that validates and builds as it is, from the installed package alone."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import REPO
from mkdocs.utils.yaml import yaml_load
from test_cli import EXPLAINER_BIN
from test_workflows import Lint, actionlint, zizmor  # noqa: F401  (fixtures)

from generator.editing import starter

ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXPLAINER_BIN), *args], capture_output=True, text=True, cwd=cwd, env=ENV, check=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "river-desk"
    result = run("init", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"created: {root} (")
    return root


def test_the_new_project_has_content_site_workflow_makefile_and_editor_settings(project: Path) -> None:
    for name in (
        "content/explainer.yml",
        "content/briefs/how-briefs-work.yml",
        "mkdocs.yml",
        "Makefile",
        "requirements.txt",
        "README.md",
        ".gitignore",
        ".github/workflows/site.yml",
        ".vscode/settings.json",
        "docs/assets/stylesheets/explainer.css",
        "docs/assets/javascripts/explainer.js",
        "docs/schemas/brief.schema.json",
        "docs/schemas/ids.schema.json",
        "docs/admin/index.html",
        "docs/admin/decap-cms.js",
        "docs/admin/config.yml",
    ):
        assert (project / name).is_file(), name
    assert 'title: "River desk"\n' in (project / "content/explainer.yml").read_text(encoding="utf-8")
    assert run("schema", "--check", "--root", str(project)).returncode == 0


def test_the_new_project_is_valid_without_a_warning(project: Path) -> None:
    result = run("validate", "--strict", "--root", str(project))
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("ok: 1 briefs valid (0 errors, 0 warnings)\n")


@pytest.mark.slow
def test_make_site_builds_the_new_project(project: Path) -> None:
    result = subprocess.run(
        ["make", "site", f"EXPLAINER={EXPLAINER_BIN}"], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    page = (project / "site/briefs/how-briefs-work/index.html").read_text(encoding="utf-8")
    assert "How a brief works" in page and "assets/javascripts/explainer.js" in page
    assert (project / "site/assets/stylesheets/explainer.css").is_file()


def test_the_site_configuration_matches_the_generators_own(project: Path) -> None:
    """The starter's mkdocs.yml keeps the plugin and every Markdown extension the pages need."""
    ours, theirs = (yaml_load((p / "mkdocs.yml").read_text(encoding="utf-8")) for p in (REPO, project))
    assert theirs["plugins"] == ours["plugins"] == ["search", "explainer"]
    assert theirs["markdown_extensions"] == ours["markdown_extensions"]
    assert theirs.get("extra_css") == ours.get("extra_css")
    assert theirs["site_url"] == ours["site_url"]  # both from SITE_URL, as the deploy sets it


def test_the_new_workflow_passes_actionlint_and_zizmor(project: Path, actionlint: Lint, zizmor: Lint) -> None:  # noqa: F811
    workflow = project / ".github/workflows/site.yml"
    assert actionlint(workflow).returncode == 0, actionlint(workflow).stdout
    audit = zizmor(workflow)
    assert audit.returncode == 0, audit.stdout


def test_init_never_writes_into_a_folder_that_has_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("init", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {tmp_path} is not an empty folder; `explainer init` starts a project in a new or empty one\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_requirement_installs_the_generator_as_it_is_installed_here() -> None:
    assert starter.requirement() == f"explainer-generator @ {REPO.as_uri()}"


def test_the_package_lists_every_subpackage() -> None:
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "generator").rglob("__init__.py")}
    assert listed == found | {"generator.site_assets", "generator.site_admin"}


@pytest.mark.slow
def test_the_installed_package_alone_builds_a_new_project(tmp_path: Path) -> None:
    """Built as a wheel and run from it (not from this checkout): its theme, templates, starter and assets.

    Built from a copy of what the package is made of, so the build leaves nothing in the checkout."""
    source = tmp_path / "source"
    for part in ("pyproject.toml", "README.md", "LICENSE", "generator", "docs/assets", "docs/admin"):
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (source / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / part, source / part)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)]
    built = subprocess.run([*command, "--no-build-isolation"], capture_output=True, text=True, check=False)
    if built.returncode != 0 and "setuptools" in built.stderr:  # no setuptools here: pip fetches it
        built = subprocess.run(command, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("*.whl"))
    unpacked = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(unpacked)
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "generator/theme/main.html",
        "generator/site_assets/javascripts/explainer.js",
        "generator/site_admin/decap-cms.js",
        "generator/editing/starter/content/explainer.yml",
        "generator/pages/templates/brief.md.j2",
    ):
        assert needed in names
    code = (
        "import sys, datetime; from pathlib import Path; sys.argv = ['explainer'] + sys.argv[1:];"
        "import generator; assert generator.__file__.startswith(sys.argv.pop()), generator.__file__;"
        "from generator.cli import run; run()"
    )
    root = tmp_path / "desk"
    for args in (["init", str(root)], ["build", "--strict", "--root", str(root)]):
        result = subprocess.run(
            [sys.executable, "-c", code, *args, str(unpacked)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**ENV, "PYTHONPATH": str(unpacked)},
            check=False,
        )
        assert result.returncode == 0, result.stderr
    assert (root / "site/assets/javascripts/explainer.js").is_file()
    assert (root / "docs/assets/javascripts/explainer.js").read_bytes() == (
        REPO / "docs/assets/javascripts/explainer.js"
    ).read_bytes()
