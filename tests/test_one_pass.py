"""One run finds everything: schema errors, the references and warnings of the parts that did validate,
and messages that say what to do without contradicting themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BRIEF, EXPLAINER, problems
from test_cli import explainer

from generator import pipeline
from generator.content import certainty, ignores, lint, references
from generator.content.corpus import assemble
from generator.content.files import discover
from generator.project import Project as Paths

Project = Callable[..., Path]
TODAY = dt.date(2026, 2, 1)

# The brief from the issue: a misspelt key, two dates written the wrong way, a misspelt actor and source,
# and a key point with no source. It used to take three runs to see all of it.
ROUNDS = """\
kind: economy
title: River trade
sumary: Boats carry grain down the river.
key_points:
  - text: Grain moves by boat, according to the survey.
    sources: [survy]
    status: reported
    as_of: "Nov 2023"
  - text: Most boats are small.
    status: reported
actors: [valey]
events: [lock-opens]
published: 27/11/2026
reviewed: 2026-01-01
"""


def test_every_problem_of_a_broken_brief_is_found_in_one_run_sorted_by_line(make_project: Project) -> None:
    result = explainer(make_project({"content/briefs/trade.yml": ROUNDS}), "validate")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/briefs/trade.yml:3:1: error[unknown-field]: unknown field 'sumary'",
        "  hint: did you mean 'summary'?",
        "content/briefs/trade.yml:6:15: error[unknown-reference]: no source has the id 'survy'",
        "  hint: did you mean 'survey'?",
        "content/briefs/trade.yml:8:12: error[invalid-date]: 'key_points.0.as_of': 'Nov 2023' is not a date written "
        "YYYY-MM-DD, YYYY-MM or YYYY",
        "  hint: did you mean 2023-11? (write dates as YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known)",
        "content/briefs/trade.yml:9:5: warning[unsourced]: this claim cites no source",
        "  hint: add `sources: [source-id]` naming where it comes from",
        "content/briefs/trade.yml:11:10: error[unknown-reference]: no actor has the id 'valey'",
        "  hint: did you mean 'valley'?",
        "content/briefs/trade.yml:13:12: error[invalid-date]: 'published': '27/11/2026' is not a date written "
        "YYYY-MM-DD",
        "  hint: did you mean 2026-11-27? (write the full date as YYYY-MM-DD)",
        "5 errors, 1 warning",
    ]


# Each case: a file with a schema error elsewhere in it, and the problem that must still be reported.
BESIDE_AN_ERROR = {
    "a reference in a list of ids": (
        BRIEF.replace("summary:", "sumary:").replace("actors: [valley]", "actors: [valey]"),
        "content/briefs/trade.yml:26:10: error[unknown-reference]: no actor has the id 'valey'",
    ),
    "a reference in a citation of a key point": (
        BRIEF.replace("title: River trade", "title: ''").replace(
            "sources: [survey]\n    status: reported", "sources: [survy]\n    status: reported"
        ),
        "content/briefs/trade.yml:6:15: error[unknown-reference]: no source has the id 'survy'",
    ),
    "a reference inside an item that failed": (
        BRIEF.replace("    status: estimate", "    status: guess").replace(
            "  - who: The valley council\n    actor: valley", "  - who: The valley council\n    actor: valey"
        ),
        "content/briefs/trade.yml:23:12: error[unknown-reference]: no actor has the id 'valey'",
    ),
    "a link to missing content in text": (
        BRIEF.replace("summary:", "sumary:").replace("Most boats are small.", "See [the lock](event:lock-closes)."),
        "content/briefs/trade.yml:10:11: error[unknown-reference]: no event has the id 'lock-closes'",
    ),
    "an unsafe link in text": (
        BRIEF.replace("summary:", "sumary:").replace("Most boats are small.", "See [x](javascript:alert(1))."),
        "content/briefs/trade.yml:10:11: error[invalid-url]: link with scheme 'javascript:' in 'sections.0.body'",
    ),
    "an unsourced claim": (
        BRIEF.replace("summary:", "sumary:").replace(
            "    sources: [survey]\n    status: reported", "    status: reported"
        ),
        "content/briefs/trade.yml:5:5: warning[unsourced]: this claim cites no source",
    ),
    "a year with no event": (
        BRIEF.replace("summary:", "sumary:").replace("opened in 2020.", "opened in 2020 and 1999."),
        "content/briefs/trade.yml:10:11: warning[undated-year]: 1999 is named but no timeline event is in 1999",
    ),
    "a placeholder": (
        BRIEF.replace("summary:", "sumary:").replace("title: River trade", "title: TODO"),
        "content/briefs/trade.yml:2:8: warning[placeholder]: placeholder 'TODO' in 'title'",
    ),
}


@pytest.mark.parametrize("case", list(BESIDE_AN_ERROR))
def test_a_file_with_a_schema_error_still_has_its_valid_parts_checked(make_project: Project, case: str) -> None:
    brief, expected = BESIDE_AN_ERROR[case]
    found = problems(make_project({"content/briefs/trade.yml": brief}))
    assert expected in found
    assert len(found) == 2, found  # the schema error, and this


def test_references_to_a_file_that_failed_are_not_reported_again(make_project: Project) -> None:
    root = make_project({"content/actors/valley.yml": "name: V\ntype: nation\nsummary: S.\nrole: R.\n"})
    assert problems(root) == ["content/actors/valley.yml:2:7: error[invalid-value]: 'nation' is not allowed for 'type'"]


def test_a_source_named_only_by_a_broken_file_is_not_called_unused(make_project: Project) -> None:
    root = make_project(
        {
            "content/sources/extra.yml": "title: Extra\npublisher: P\ntype: research\ndate: '2025'\n",
            "content/briefs/trade.yml": BRIEF.replace("summary:", "sumary:")
            .replace("actors: [valley]", "actors: [valley]\nrelated: []\n")
            .replace("  - who: The valley council\n", "  - who: The valley council\n    sources: [extra]\n")
            .replace("    sources: [survey]\nactors", "actors"),
        }
    )
    codes = [line.split(": ")[1] for line in problems(root)]
    assert "warning[unused-source]" not in codes


def test_an_invalid_explainer_still_lets_every_other_reference_be_checked(make_project: Project) -> None:
    root = make_project(
        {
            "content/explainer.yml": EXPLAINER.replace("question:", "questoin:"),
            "content/briefs/trade.yml": BRIEF.replace("actors: [valley]", "actors: [valey]"),
        }
    )
    assert problems(root) == [
        "content/briefs/trade.yml:26:10: error[unknown-reference]: no actor has the id 'valey'",
        "content/explainer.yml:2:1: error[unknown-field]: unknown field 'questoin'",
    ]


# --- messages ----------------------------------------------------------------------------------

MESSAGES = {
    "a month where a full date is needed": (
        BRIEF.replace("published: 2026-01-01", "published: 2026-11"),
        "content/briefs/trade.yml:29:12: error[invalid-date]: 'published': '2026-11' has no day: this field needs "
        "the full date, YYYY-MM-DD",
        "write the full date as YYYY-MM-DD",
    ),
    "a day-first date": (
        BRIEF.replace("published: 2026-01-01", "published: 27/11/2026"),
        "content/briefs/trade.yml:29:12: error[invalid-date]: 'published': '27/11/2026' is not a date written "
        "YYYY-MM-DD",
        "did you mean 2026-11-27? (write the full date as YYYY-MM-DD)",
    ),
    "a day and month that could be either way round": (
        BRIEF.replace("published: 2026-01-01", "published: 05/11/2026"),
        "content/briefs/trade.yml:29:12: error[invalid-date]: 'published': '05/11/2026' is not a date written "
        "YYYY-MM-DD",
        "write the full date as YYYY-MM-DD",
    ),
    "a month in words where a partial date is fine": (
        BRIEF.replace('as_of: "2025"', "as_of: November 2023"),
        "content/briefs/trade.yml:17:12: error[invalid-date]: 'figures.0.as_of': 'November 2023' is not a date "
        "written YYYY-MM-DD, YYYY-MM or YYYY",
        "did you mean 2023-11? (write dates as YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known)",
    ),
    "a missing source with no id close to it": (
        BRIEF.replace("sources: [survey]\n    status: reported", "sources: [harbour-log]\n    status: reported"),
        "content/briefs/trade.yml:6:15: error[unknown-reference]: no source has the id 'harbour-log'",
        "create it with `explainer new source harbour-log`",
    ),
    "an empty required value": (
        BRIEF.replace("summary: Boats carry grain down the river.", "summary:"),
        "content/briefs/trade.yml:3:9: error[empty-value]: 'summary' is empty",
        "write its value after `summary:` (What a reader should take away in 30 seconds.)",
    ),
    "a number in quotes": (
        BRIEF.replace("title: River trade", "title: River trade\nweight: '10'"),
        "content/briefs/trade.yml:3:9: error[wrong-type]: 'weight' has the wrong type (text): input should be a "
        "number, not text",
        "write the number without quotes",
    ),
    "yes for true": (
        BRIEF.replace("title: River trade", "title: River trade\ndraft: yes"),
        "content/briefs/trade.yml:3:8: error[wrong-type]: 'draft' has the wrong type (text): input should be a "
        "valid boolean",
        "write true or false, without quotes",
    ),
    "an empty list that needs items": (
        BRIEF.replace(
            "key_points:\n  - text: Grain moves by boat, according to the survey.\n"
            "    sources: [survey]\n    status: reported\n",
            "key_points: []\n",
        ),
        "content/briefs/trade.yml:4:13: error[too-few-items]: 'key_points' needs at least 1 item",
        "add an item",
    ),
}


@pytest.mark.parametrize("case", list(MESSAGES))
def test_each_message_and_its_hint_agree(make_project: Project, case: str) -> None:
    from conftest import check

    brief, line, hint = MESSAGES[case]
    found = [d for d in check(make_project({"content/briefs/trade.yml": brief})).diagnostics if d.severity == "error"]
    assert [(d.format_text().split("\n")[0], d.hint) for d in found] == [(line, hint)]


def test_the_shared_first_walk_changes_no_finding(make_project: Project) -> None:
    """``lint.scan`` walks each entry once for every rule; each rule, asked first, walks on its own. The two
    must agree on a project holding every kind of finding the walk looks for."""
    hostile = BRIEF.replace("Most boats are small.", "TODO: most boats sailed in 1999. [x](javascript:alert(1))")
    root = make_project({"content/briefs/trade.yml": hostile, "content/briefs/untold.yml": ROUNDS})

    def findings(scanned: bool) -> list[tuple[str, tuple[object, ...], str]]:
        corpus = assemble(pipeline.read_all(discover(Paths.at(root).content)[0]))[0]
        if scanned:
            lint.scan(corpus)
        found = references.check(corpus) + lint.unsafe_links(corpus) + lint.lint(corpus, TODAY)
        found += certainty.check(corpus, TODAY)
        return sorted((f.display, f.loc, f.code) for f in ignores.apply(corpus, found))

    alone = findings(scanned=False)
    assert {"placeholder", "invalid-url", "undated-year"} <= {code for _file, _loc, code in alone}
    assert findings(scanned=True) == alone
