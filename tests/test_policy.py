"""The publish policy: errors block; warnings that age (stale reviews, dead links) never block a deploy but
show on the site; a pull request fails only on the warnings it introduces, matched by file, code and message."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXPLAINER, generate, rendered
from test_cli import explainer

from generator.errors import Diagnostic
from generator.policy import blocking, introduced
from generator.project import Project

Project_ = Callable[..., Path]
STALE = {"content/explainer.yml": EXPLAINER.replace("review_after_days: 36500", "review_after_days: 30")}
EXTRA_SOURCE = {"content/sources/extra.yml": "title: Extra\npublisher: P\ntype: research\ndate: '2025'\n"}


def warning(code: str, line: int = 5, message: str = "m", path: str = "content/briefs/trade.yml") -> Diagnostic:
    return Diagnostic(path, line, 1, code, message, severity="warning")


ERROR = Diagnostic("content/briefs/trade.yml", 3, 1, "unknown-field", "unknown field 'sumary'")


@pytest.mark.parametrize(
    ("found", "strict", "baseline", "blocks"),
    [
        ([ERROR], False, None, [ERROR]),
        ([warning("unsourced")], False, None, []),
        ([warning("unsourced")], True, None, [warning("unsourced")]),
        ([warning("stale-review"), warning("dead-link")], True, None, []),
        ([warning("stale-review")], True, [], [warning("stale-review")]),
        ([warning("stale-review")], True, [warning("stale-review", line=9)], []),
        ([ERROR], True, [ERROR], [ERROR]),
    ],
    ids=[
        "an error always blocks",
        "a warning passes without strict",
        "strict: a warning blocks",
        "strict: warnings that age never block a deploy",
        "against a baseline, a new stale review blocks the change that brings it",
        "against a baseline, a warning already there does not block, wherever it moved",
        "an error blocks even when the base branch had it",
    ],
)
def test_what_blocks(
    found: list[Diagnostic], strict: bool, baseline: list[Diagnostic] | None, blocks: list[Diagnostic]
) -> None:
    assert blocking(found, strict=strict, baseline=baseline) == blocks


def test_warnings_match_by_file_code_and_message_and_each_baseline_entry_only_once() -> None:
    base = [warning("unsourced", 10), warning("unused-source", 1, "source 'a' is never referenced")]
    now = [
        warning("unsourced", 12),  # moved down by an edit above it: not new
        warning("unsourced", 20),  # a second unsourced claim in the file: new
        warning("unused-source", 1, "source 'b' is never referenced"),  # same code, another entity: new
        warning("unsourced", 10, path="content/briefs/other.yml"),  # same line, another file: new
    ]
    assert introduced(now, base) == now[1:]


def test_an_exact_match_wins_over_a_moved_one() -> None:
    base = [warning("unsourced", 10), warning("unsourced", 30)]
    now = [warning("unsourced", 5), warning("unsourced", 10), warning("unsourced", 30)]
    assert introduced(now, base) == [warning("unsourced", 5)]


# From the command line


def test_a_pull_request_fails_on_the_warning_it_introduces_only(make_project: Project_, tmp_path: Path) -> None:
    root = make_project({**STALE, **EXTRA_SOURCE})
    baseline = tmp_path / "baseline.json"
    baseline.write_text(
        json.dumps(
            [
                d
                for d in json.loads(explainer(root, "validate", "--format", "json").stdout)["diagnostics"]
                if d["code"] == "stale-review"
            ]
        )
    )
    result = explainer(root, "validate", "--strict", "--baseline", str(baseline))
    assert result.returncode == 1
    assert result.stderr.startswith(
        "content/sources/extra.yml:1:1: warning[unused-source]: source 'extra' is never referenced\n"
        "  hint: cite it from a brief or event, or delete content/sources/extra.yml\n"
        "0 errors, 1 warning\ncertainty:\n"
    )


def test_a_pull_request_passes_with_warnings_already_on_main(make_project: Project_, tmp_path: Path) -> None:
    root = make_project(EXTRA_SOURCE)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(explainer(root, "validate", "--format", "json").stdout)
    result = explainer(root, "validate", "--strict", "--baseline", str(baseline), "--format", "github")
    assert (result.returncode, result.stdout, result.stderr.split("\n")[0]) == (0, "", "certainty:")
    text = explainer(root, "validate", "--strict", "--baseline", str(baseline))
    assert text.stderr.startswith(
        "ok: 1 briefs valid (0 errors, 0 warnings; 1 already on the base branch)\ncertainty:\n"
    )


def test_a_baseline_that_is_not_json_diagnostics_is_a_usage_error(make_project: Project_, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text("ok: 1 briefs valid\n")
    result = explainer(make_project(), "validate", "--baseline", str(baseline))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {baseline} is not the output of `explainer validate --format json`")


def test_a_stale_review_is_reported_but_does_not_fail_strict_validation(make_project: Project_) -> None:
    result = explainer(make_project(STALE), "validate", "--strict")
    assert result.returncode == 0
    assert "warning[stale-review]: brief last reviewed" in result.stderr
    assert "\nok: 1 briefs valid (0 errors, 1 warning)\ncertainty:\n" in result.stderr


def test_a_warning_that_does_not_age_still_fails_strict_validation(make_project: Project_) -> None:
    assert explainer(make_project({**STALE, **EXTRA_SOURCE}), "validate", "--strict").returncode == 1


# On the site


def test_a_brief_past_its_review_tells_readers_and_still_publishes(make_project: Project_) -> None:
    root = make_project(STALE)
    generate(Project.at(root), strict=True, today=dt.date(2026, 3, 1))  # strict, and no error
    page = (root / "docs/briefs/trade.md").read_text(encoding="utf-8")
    assert (
        '!!! warning "Review overdue"\n\n'
        "    This brief is due for review: it was last checked on 1 January 2026, "
        "and some of it may be out of date.\n"
    ) in page
    assert page.index("Review overdue") < page.index("At a glance")


@pytest.mark.parametrize("today", ["2026-01-31", "2026-01-01"], ids=["on the last day", "on the day of review"])
def test_a_brief_within_its_review_says_nothing_of_it(make_project: Project_, today: str) -> None:
    pages = rendered(make_project(STALE), dt.date.fromisoformat(today))
    assert "Review overdue" not in pages.page("briefs/trade.md")
