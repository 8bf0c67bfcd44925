"""Validation: every problem in every file, each at its line and column, with a code and a hint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import BRIEF, EXPLAINER, check, problems

Project = Callable[..., Path]


def test_the_minimal_content_is_valid_without_warnings(make_project: Project) -> None:
    assert problems(make_project()) == []


# Each case: files changed from the minimal content → the one diagnostic expected.
CASES = {
    "missing-field": (
        {"content/sources/survey.yml": "publisher: Valley Institute\ntype: research\ndate: '2025'\n"},
        "content/sources/survey.yml:1:1: error[missing-field]: missing required field 'title'",
    ),
    "unknown-field": (
        {"content/briefs/trade.yml": BRIEF.replace("summary:", "sumary:")},
        "content/briefs/trade.yml:3:1: error[unknown-field]: unknown field 'sumary'",
    ),
    "wrong-type": (
        {"content/actors/valley.yml": "name: 42\ntype: country\nsummary: S.\nrole: R.\n"},
        "content/actors/valley.yml:1:7: error[wrong-type]: 'name' has the wrong type (a whole number): "
        "input should be a valid string",
    ),
    "invalid-value": (
        {"content/actors/valley.yml": "name: V\ntype: nation\nsummary: S.\nrole: R.\n"},
        "content/actors/valley.yml:2:7: error[invalid-value]: 'nation' is not allowed for 'type'",
    ),
    "invalid-date": (
        {"content/events/lock-opens.yml": "date: 2021-02-29\ntitle: T\ndescription: D.\nsources: [survey]\n"},
        "content/events/lock-opens.yml:1:7: error[invalid-date]: 'date': 2021-02-29 is not a real date",
    ),
    "invalid-url": (
        {
            "content/sources/survey.yml": "title: S\nurl: javascript:alert(1)\npublisher: P\n"
            "type: research\ndate: '2025'\n"
        },
        "content/sources/survey.yml:2:6: error[invalid-url]: 'url': 'javascript:alert(1)' is not an http(s) address",
    ),
    "invalid-id": (
        {"content/briefs/trade.yml": BRIEF.replace("tags: [trade]", "tags: [Trade Routes]")},
        "content/briefs/trade.yml:28:8: error[invalid-id]: 'tags.0': 'Trade Routes' is not a valid id",
    ),
    "too-few-items": (
        {
            "content/briefs/trade.yml": BRIEF.replace(
                "key_points:\n  - text: Grain moves by boat, according to the survey.\n    sources: [survey]\n"
                "    status: reported\n",
                "key_points: []\n",
            )
        },
        "content/briefs/trade.yml:4:13: error[too-few-items]: 'key_points' needs at least 1 item",
    ),
    "empty-text": (
        {"content/glossary/lock.yml": "term: lock\ndefinition: '  '\n"},
        "content/glossary/lock.yml:2:13: error[empty-text]: 'definition': text must not be empty",
    ),
    "unknown-kind": (
        {"content/briefs/trade.yml": BRIEF.replace("kind: economy", "kind: economics")},
        "content/briefs/trade.yml:1:7: error[unknown-kind]: kind 'economics' is not declared",
    ),
    "unknown-reference": (
        {"content/briefs/trade.yml": BRIEF.replace("actors: [valley]", "actors: [valey]")},
        "content/briefs/trade.yml:26:10: error[unknown-reference]: no actor has the id 'valey'",
    ),
    "wrong-reference-type": (
        {"content/briefs/trade.yml": BRIEF.replace("actors: [valley]", "actors: [survey]")},
        "content/briefs/trade.yml:26:10: error[wrong-reference-type]: 'survey' is a source, not an actor",
    ),
    "duplicate-id": (
        {"content/actors/valley.yaml": "name: V\ntype: country\nsummary: S.\nrole: R.\n"},
        "content/actors/valley.yml:1:1: error[duplicate-id]: actor id 'valley' is already used",
    ),
    "unknown-file": (
        {"content/notes/todo.yml": "a: 1\n"},
        "content/notes/todo.yml:1:1: error[unknown-file]: this file is in no content folder",
    ),
}


@pytest.mark.parametrize("code", list(CASES))
def test_each_problem_is_reported_at_its_place(make_project: Project, code: str) -> None:
    files, expected = CASES[code]
    assert problems(make_project(files)) == [expected]


def test_hints_suggest_the_closest_key_and_id(make_project: Project) -> None:
    root = make_project(
        {
            "content/briefs/trade.yml": BRIEF.replace("actors: [valley]", "actors: [valey]"),
            "content/glossary/lock.yml": "term: lock\ndefiniton: A chamber.\n",
        }
    )
    hints = [d.hint for d in check(root).diagnostics]
    assert "did you mean 'definition'?" in hints
    assert "did you mean 'valley'?" in hints


def test_a_published_brief_cannot_point_to_a_draft(make_project: Project) -> None:
    draft = BRIEF.replace("published:", "draft: true\npublished:").replace("related:", "x:")
    root = make_project(
        {
            "content/briefs/draft.yml": draft,
            "content/briefs/trade.yml": BRIEF.replace("tags: [trade]", "tags: [trade]\nrelated: [draft]"),
        }
    )
    assert problems(root) == [
        "content/briefs/trade.yml:29:11: error[draft-reference]: brief 'draft' is a draft and will not be published"
    ]


def test_a_missing_explainer_is_one_clear_error(make_project: Project) -> None:
    root = make_project()
    (root / "content/explainer.yml").unlink()
    assert problems(root) == ["content/explainer.yml:1:1: error[missing-explainer]: the explainer file is missing"]


def test_markdown_links_with_unsafe_schemes_are_refused(make_project: Project) -> None:
    root = make_project({"content/glossary/lock.yml": "term: lock\ndefinition: See [this](javascript:alert(1)).\n"})
    assert problems(root) == [
        "content/glossary/lock.yml:2:13: error[invalid-url]: link with scheme 'javascript:' in 'definition'"
    ]


def test_five_different_problems_in_four_files_are_all_reported_at_once(make_project: Project) -> None:
    root = make_project(
        {
            "content/briefs/trade.yml": BRIEF.replace("summary:", "sumary:"),  # misspelled key
            "content/events/lock-opens.yml": "date: 2020-05-01\ntitle: T\ndescription: D.\nsources: [surveys]\n",
            "content/actors/valley.yaml": "name: V\ntype: country\nsummary: S.\nrole: R.\n",  # duplicate id
            # a duplicate key
            "content/sources/survey.yml": "title: S\ntitle: T\npublisher: P\ntype: research\ndate: '2025'\n",
            "content/glossary/lock.yml": "term: [lock\n",  # YAML syntax error
        }
    )
    codes = [line.split(": ")[1] for line in problems(root)]
    assert sorted(codes) == sorted(
        [
            "error[unknown-field]",
            "error[unknown-reference]",
            "error[duplicate-id]",
            "error[yaml-duplicate-key]",
            "error[yaml-syntax]",
        ]
    )


# --- warnings: content that is valid but not yet honest enough -------------------------------

WARNINGS = {
    "unsourced": (
        {
            "content/briefs/trade.yml": BRIEF.replace(
                "    sources: [survey]\n    status: reported", "    status: reported"
            )
        },
        "content/briefs/trade.yml:5:5: warning[unsourced]: this claim cites no source",
    ),
    "unused-source": (
        {"content/sources/extra.yml": "title: Extra\npublisher: P\ntype: research\ndate: '2025'\n"},
        "content/sources/extra.yml:1:1: warning[unused-source]: source 'extra' is never referenced",
    ),
    "unused-actor": (
        {"content/actors/hill.yml": "name: Hill\ntype: country\nsummary: S.\nrole: R.\n"},
        "content/actors/hill.yml:1:1: warning[unused-actor]: actor 'hill' is never referenced",
    ),
    "unused-actor (a tie to itself is no use)": (
        {
            "content/actors/hill.yml": "name: Hill\ntype: country\nsummary: S.\nrole: R.\n"
            "ties:\n  - actor: hill\n    kind: economy\n    label: trades with\n    sources: [survey]\n"
        },
        "content/actors/hill.yml:1:1: warning[unused-actor]: actor 'hill' is never referenced",
    ),
    "unused-term": (
        {"content/glossary/weir.yml": "term: weir\ndefinition: A low dam.\n"},
        "content/glossary/weir.yml:1:1: warning[unused-term]: glossary term 'weir' appears in no text",
    ),
    "undated-year": (
        {"content/briefs/trade.yml": BRIEF.replace("opened in 2020.", "opened in 2020 and 1999.")},
        "content/briefs/trade.yml:10:11: warning[undated-year]: 1999 is named but no timeline event is in 1999",
    ),
}


@pytest.mark.parametrize("code", list(WARNINGS))
def test_each_warning_is_reported_at_its_place(make_project: Project, code: str) -> None:
    files, expected = WARNINGS[code]
    assert problems(make_project(files)) == [expected]


def test_a_brief_not_reviewed_within_the_limit_is_flagged(make_project: Project) -> None:
    root = make_project(
        {"content/explainer.yml": EXPLAINER.replace("review_after_days: 36500", "review_after_days: 30")}
    )
    assert problems(root, today="2026-02-01") == [
        "content/briefs/trade.yml:30:11: warning[stale-review]: brief last reviewed 31 days ago"
    ]
    assert problems(root, today="2026-01-31") == []


def test_briefs_validated_from_different_files_share_equal_parts_and_keep_their_values(
    make_project: Project,
) -> None:
    """Memory at scale: equal field-name sets and short text are one object, not one per file."""
    root = make_project({"content/briefs/second.yml": BRIEF.replace("title: River trade", "title: Second")})
    briefs = check(root).corpus.get("brief")
    first, second = briefs["trade"].model, briefs["second"].model

    assert first.model_fields_set is second.model_fields_set
    assert first.key_points[0].model_fields_set is second.key_points[0].model_fields_set
    assert first.kind is second.kind and first.actors[0] is second.actors[0]
    assert first.title == "River trade" and second.title == "Second"
    assert first == type(first).model_validate(yaml.safe_load(BRIEF))
