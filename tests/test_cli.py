"""The `explainer` command: exit codes, output formats, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BRIEF, EXPLAINER

Project = Callable[..., Path]
EXPLAINER_BIN = Path(sys.executable).with_name("explainer")


def explainer(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXPLAINER_BIN), "--root", str(root), *args], capture_output=True, text=True, timeout=120, check=False
    )


SUMMARY = (
    "certainty:\n"
    "  claims: 2 (1 confirmed, 1 reported, 0 disputed, 0 estimate)\n"
    "  figures: 1 (0 confirmed, 0 reported, 0 disputed, 1 estimate)\n"
    "  events: 1 (1 confirmed, 0 reported, 0 disputed, 0 estimate)\n"
    "  confirmed with fewer than 2 independent sources: 0\n"
    "  sources: 2 (1 research, 1 independent-media)\n"
    "  copies of other sources: 0\n"
)
"""The certainty summary of the minimal content, which `validate` ends with."""
BROKEN = {"content/briefs/trade.yml": BRIEF.replace("summary:", "sumary:").replace("kind: economy", "kind: [x")}


def test_validate_exits_0_and_says_ok_on_good_content_then_sums_up_certainty(make_project: Project) -> None:
    result = explainer(make_project(), "validate", "--strict")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "ok: 1 briefs valid (0 errors, 0 warnings)\n" + SUMMARY


def test_a_strict_failure_on_warnings_still_ends_with_the_summary(make_project: Project) -> None:
    root = make_project({"content/explainer.yml": EXPLAINER.replace("[survey, ledger]", "[survey]")})
    result = explainer(root, "validate", "--strict")
    assert result.returncode == 1
    assert result.stderr == (
        "content/explainer.yml:8:13: warning[too-few-independent]: confirmed claim has 1 independent source, "
        "2 needed\n"
        "  hint: cite another independent source (another owner, not a copy), or mark it `status: reported`\n"
        "0 errors, 1 warning\n" + SUMMARY.replace("independent sources: 0", "independent sources: 1")
    )


def test_validate_exits_1_with_one_line_per_problem_and_a_hint(make_project: Project) -> None:
    root = make_project({"content/briefs/trade.yml": BRIEF.replace("summary:", "sumary:")})
    result = explainer(root, "validate")
    assert result.returncode == 1
    assert result.stderr == (
        "content/briefs/trade.yml:3:1: error[unknown-field]: unknown field 'sumary'\n"
        "  hint: did you mean 'summary'?\n"
        "1 error, 0 warnings\n"
    )


def test_warnings_pass_unless_strict(make_project: Project) -> None:
    root = make_project({"content/sources/extra.yml": "title: Extra\npublisher: P\ntype: research\ndate: '2025'\n"})
    assert explainer(root, "validate").returncode == 0
    strict = explainer(root, "validate", "--strict")
    assert strict.returncode == 1
    assert "warning[unused-source]" in strict.stderr


def test_github_format_annotates_the_line(make_project: Project) -> None:
    root = make_project({"content/briefs/trade.yml": BRIEF.replace("summary:", "sumary:")})
    result = explainer(root, "validate", "--format", "github")
    assert result.returncode == 1
    assert result.stderr == (
        "::error file=content/briefs/trade.yml,line=3,col=1,title=error[unknown-field]::"
        "unknown field 'sumary' (hint: did you mean 'summary'?)\n"
    )


def test_json_format_is_machine_readable_on_stdout(make_project: Project) -> None:
    root = make_project({"content/briefs/trade.yml": BRIEF.replace("summary:", "sumary:")})
    result = explainer(root, "validate", "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "diagnostics": [
            {
                "path": "content/briefs/trade.yml",
                "line": 3,
                "col": 1,
                "code": "unknown-field",
                "message": "unknown field 'sumary'",
                "hint": "did you mean 'summary'?",
                "severity": "error",
            }
        ],
        "certainty": None,
    }
    assert result.stderr == ""


def test_json_format_carries_the_certainty_summary_for_ci(make_project: Project) -> None:
    result = explainer(make_project(), "validate", "--strict", "--format", "json")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "diagnostics": [],
        "certainty": {
            "independent_sources_to_confirm": 2,
            "statuses": {
                "claim": {"confirmed": 1, "reported": 1, "disputed": 0, "estimate": 0},
                "figure": {"confirmed": 0, "reported": 0, "disputed": 0, "estimate": 1},
                "event": {"confirmed": 1, "reported": 0, "disputed": 0, "estimate": 0},
            },
            "confirmed_with_too_few_sources": 0,
            "sources_by_type": {
                "official": 0,
                "research": 1,
                "independent-media": 1,
                "state-media": 0,
                "advocacy": 0,
                "commentary": 0,
                "encyclopedia": 0,
            },
            "copies": 0,
        },
    }


def test_github_format_ends_with_the_summary_too(make_project: Project) -> None:
    result = explainer(make_project(), "validate", "--strict", "--format", "github")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", SUMMARY)


@pytest.mark.parametrize("command", ["validate", "generate", "build"])
def test_bad_content_never_prints_a_traceback(make_project: Project, command: str) -> None:
    result = explainer(make_project(BROKEN, site=True), command)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/briefs/trade.yml:2:6: error[yaml-syntax]:" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["frobnicate"], ["validate", "--format", "xml"], ["new", "brief", "Not A Slug"], ["new", "planet", "x"]],
    ids=["unknown command", "unknown format", "bad id", "unknown kind"],
)
def test_usage_errors_exit_2(make_project: Project, args: list[str]) -> None:
    result = explainer(make_project(), *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_generate_writes_pages_and_reports_what_changed(make_project: Project) -> None:
    root = make_project()
    first = explainer(root, "generate")
    assert first.returncode == 0
    count = len((root / "docs/.explainer-manifest").read_text().splitlines())
    assert f"generated: {count} written, 0 unchanged, 0 removed" in first.stderr
    again = explainer(root, "generate")
    assert f"generated: 0 written, {count} unchanged, 0 removed" in again.stderr


@pytest.mark.parametrize(
    "where",
    [["--root", "{root}", "validate"], ["validate", "--root", "{root}"], ["validate", "--strict", "--root={root}"]],
    ids=["before the command", "after it", "after an option, with ="],
)
def test_root_works_in_any_position(
    make_project: Project, tmp_path_factory: pytest.TempPathFactory, where: list[str]
) -> None:
    root = make_project()
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    args = [arg.format(root=root) for arg in where]
    result = subprocess.run([str(EXPLAINER_BIN), *args], capture_output=True, text=True, cwd=elsewhere, check=False)
    assert result.returncode == 0
    assert result.stderr.startswith("ok: 1 briefs valid (0 errors, 0 warnings)\n")


@pytest.mark.parametrize("command", ["validate", "generate", "build", "serve", "new", "schema"])
def test_every_command_takes_root(command: str) -> None:
    result = subprocess.run([str(EXPLAINER_BIN), command, "--help"], capture_output=True, text=True, check=False)
    assert "--root DIRECTORY" in result.stdout


def test_generate_v_lists_the_files_it_changed(make_project: Project) -> None:
    root = make_project()
    assert explainer(root, "generate").returncode == 0
    (root / "content/briefs/trade.yml").write_text(BRIEF.replace("Most boats are small.", "Most are small."))

    result = explainer(root, "generate", "-v")

    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == (
        "written: docs/briefs/trade.md\nwritten: docs/data/explainer.json\n"
        "generated: 2 written, 13 unchanged, 0 removed\n"
    )
