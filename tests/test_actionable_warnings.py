"""Warnings an editor can act on: no warning for forecasts and spans of years, a narrow way to silence one
warning on one item with its reason, and placeholders refused by ``--strict``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BRIEF, MINIMAL, problems
from test_cli import explainer

Project = Callable[..., Path]
BODY = "Most boats are small. The first lock opened in 2020."


def _body(text: str) -> dict[str, str]:
    return {"content/briefs/trade.yml": BRIEF.replace(BODY, text)}


# The newest source is from 2025 (the evidence window); the only event is in 2020.
YEARS = {
    "a year with no event": ("Trade doubled in 1999.", [1999]),
    "a forecast after the evidence window": ("Trade could triple by 2030.", []),
    "the last year of the evidence window": ("Trade fell in 2025.", [2025]),
    "a span with an en dash": ("Trade grew over 2016–2019.", []),
    "a span with a hyphen and two digits": ("Trade grew over 2016-19.", []),
    "a span in words": ("Trade grew between 2016 and 2019, and from 2010 to 2012.", []),
    "two years that are not a span": ("Trade grew in 2016 and 2019.", [2016, 2019]),
    "a year beside a span": ("Trade grew over 2016–2019, after the 1999 flood.", [1999]),
    "a percentage is no year": ("Trade grew 2019% in a decade.", []),
}


@pytest.mark.parametrize("case", list(YEARS))
def test_undated_year_flags_only_past_years_that_name_a_moment(make_project: Project, case: str) -> None:
    text, years = YEARS[case]
    found = problems(make_project(_body(text)))
    assert found == [
        f"content/briefs/trade.yml:10:11: warning[undated-year]: {year} is named but no timeline event is in {year}"
        for year in years
    ]


def test_the_undated_year_hint_says_how_to_silence_it(make_project: Project) -> None:
    result = explainer(make_project(_body("Trade doubled in 1999.")), "validate")
    assert (
        "  hint: add the event to content/events/ and list it in the brief's `events`; if the year names no "
        "event, add `ignore: [{code: undated-year, reason: ...}]` to this item" in result.stderr
    )


SECTION_IGNORE = """\
      Most boats are small. The first lock opened in 2020; trade doubled in 1999.
    ignore:
      - code: undated-year
        reason: The 1999 doubling is a trend, not an event for the timeline.
"""


def test_an_ignore_silences_that_warning_on_its_item(make_project: Project) -> None:
    brief = BRIEF.replace(f"      {BODY}\n", SECTION_IGNORE)
    assert problems(make_project({"content/briefs/trade.yml": brief})) == []


def test_an_ignore_does_not_reach_other_items_or_other_warnings(make_project: Project) -> None:
    brief = (
        BRIEF.replace(f"      {BODY}\n", SECTION_IGNORE)
        .replace("summary: Boats carry grain down the river.", "summary: Boats carried grain in 1999.")
        .replace("    sources: [survey]\n    status: reported", "    status: reported")
    )
    assert problems(make_project({"content/briefs/trade.yml": brief})) == [
        "content/briefs/trade.yml:3:10: warning[undated-year]: 1999 is named but no timeline event is in 1999",
        "content/briefs/trade.yml:5:5: warning[unsourced]: this claim cites no source",
    ]


def test_a_brief_level_ignore_does_not_reach_its_key_points(make_project: Project) -> None:
    brief = BRIEF.replace("    sources: [survey]\n    status: reported", "    status: reported") + (
        "ignore:\n  - code: unsourced\n    reason: The survey is cited in the text.\n"
    )
    assert problems(make_project({"content/briefs/trade.yml": brief})) == [
        "content/briefs/trade.yml:5:5: warning[unsourced]: this claim cites no source",
        "content/briefs/trade.yml:34:5: warning[unused-ignore]: nothing to silence: no 'unsourced' warning on "
        "this item",
    ]


def test_a_file_level_ignore_silences_a_warning_about_the_file(make_project: Project) -> None:
    source = "title: Extra\npublisher: P\ntype: research\ndate: '2025'\n"
    ignore = "ignore:\n  - code: unused-source\n    reason: Kept for the next brief on river tolls.\n"
    assert problems(make_project({"content/sources/extra.yml": source})) == [
        "content/sources/extra.yml:1:1: warning[unused-source]: source 'extra' is never referenced"
    ]
    assert problems(make_project({"content/sources/extra.yml": source + ignore})) == []


IGNORE_MISTAKES = {
    "no reason": (
        "ignore:\n  - code: unused-source\n",
        "content/sources/survey.yml:8:5: error[missing-field]: missing required field 'ignore.0.reason'",
    ),
    "an empty reason": (
        "ignore:\n  - code: unused-source\n    reason: ''\n",
        "content/sources/survey.yml:9:13: error[empty-text]: 'ignore.0.reason': text must not be empty",
    ),
    "an unknown code": (
        "ignore:\n  - code: unused-sources\n    reason: Kept for later.\n",
        "content/sources/survey.yml:8:11: error[invalid-value]: 'unused-sources' is not allowed for 'ignore.0.code'",
    ),
    "an error cannot be silenced": (
        "ignore:\n  - code: unknown-reference\n    reason: Will be added.\n",
        "content/sources/survey.yml:8:11: error[invalid-value]: 'unknown-reference' is not allowed for 'ignore.0.code'",
    ),
    "nothing to silence": (
        "ignore:\n  - code: unused-source\n    reason: Kept for later.\n",
        "content/sources/survey.yml:8:5: warning[unused-ignore]: nothing to silence: no 'unused-source' warning on "
        "this item",
    ),
}


@pytest.mark.parametrize("case", list(IGNORE_MISTAKES))
def test_an_ignore_needs_a_reason_a_known_warning_and_something_to_silence(make_project: Project, case: str) -> None:
    ignore, expected = IGNORE_MISTAKES[case]
    source = MINIMAL["content/sources/survey.yml"] + ignore
    assert problems(make_project({"content/sources/survey.yml": source})) == [expected]


# --- placeholders -------------------------------------------------------------------------------

PLACEHOLDERS = {
    "TODO as a title": (
        ("title: River trade", "title: TODO"),
        "content/briefs/trade.yml:2:8: warning[placeholder]: placeholder 'TODO' in 'title'",
    ),
    "TODO: inside a summary": (
        ("summary: Boats carry grain down the river.", 'summary: "TODO: x"'),
        "content/briefs/trade.yml:3:10: warning[placeholder]: placeholder 'TODO' in 'summary'",
    ),
    "TBD in a key point": (
        ("Grain moves by boat, according to the survey.", "Grain moves by boat (TBD)."),
        "content/briefs/trade.yml:5:11: warning[placeholder]: placeholder 'TBD' in 'key_points.0.text'",
    ),
    "lorem ipsum in a section": (
        (BODY, "Lorem ipsum dolor sit amet."),
        "content/briefs/trade.yml:10:11: warning[placeholder]: placeholder 'Lorem' in 'sections.0.body'",
    ),
    "an example.org address in a link": (
        (BODY, "See [the survey](https://www.example.org/survey)."),
        "content/briefs/trade.yml:10:11: warning[placeholder]: placeholder address 'www.example.org' in "
        "'sections.0.body'",
    ),
}


@pytest.mark.parametrize("case", list(PLACEHOLDERS))
def test_placeholders_are_warned_and_refused_under_strict(make_project: Project, case: str) -> None:
    (old, new), expected = PLACEHOLDERS[case]
    root = make_project({"content/briefs/trade.yml": BRIEF.replace(old, new)})
    assert [line for line in problems(root) if "placeholder" in line] == [expected]
    assert explainer(root, "validate").returncode == 0
    assert explainer(root, "validate", "--strict").returncode == 1


def test_a_placeholder_address_in_a_url_field_is_refused_under_strict(make_project: Project) -> None:
    source = MINIMAL["content/sources/survey.yml"].replace(
        "https://valley-institute.org/survey", "https://example.org/TODO"
    )
    root = make_project({"content/sources/survey.yml": source})
    assert problems(root) == [
        "content/sources/survey.yml:4:6: warning[placeholder]: placeholder address 'example.org' in 'url'"
    ]
    assert explainer(root, "validate", "--strict").returncode == 1


@pytest.mark.parametrize(
    "text",
    ["The todo list of the council.", "Tbd is not a word.", "The Loremaster spoke.", "See counterexample.org."],
)
def test_words_that_only_look_like_placeholders_pass(make_project: Project, text: str) -> None:
    assert problems(make_project(_body(text + " The first lock opened in 2020."))) == []
