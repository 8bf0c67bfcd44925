"""The certainty rules: each label's promise, held against the sources, with passing and failing examples.

Each case changes the minimal content (whose takeaway is confirmed by two independent sources, whose
figure is an estimate by a named producer, and whose event is confirmed by two sources dated after it)
and states the exact diagnostics `explainer validate` prints, or none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from conftest import BRIEF, EXPLAINER, MINIMAL, check, problems

from generator.content import certainty
from generator.content.fields import PartialDate

Project = Callable[..., Path]
EVENT = MINIMAL["content/events/lock-opens.yml"]
TAKEAWAY = (
    "  - text: The river carries most of the valley's trade.\n    sources: [survey, ledger]\n    status: confirmed\n"
)
FIGURE = '    as_of: "2025"\n    sources: [survey]\n    by: Valley Institute\n    status: estimate\n'


def takeaway(text: str) -> dict[str, str]:
    """The minimal content with its one takeaway replaced by ``text`` (YAML list items, indented by two)."""
    assert TAKEAWAY in EXPLAINER
    return {"content/explainer.yml": EXPLAINER.replace(TAKEAWAY, text)}


def figure(text: str) -> dict[str, str]:
    """The minimal content with the tail of its figure (from `as_of` to `status`) replaced by ``text``."""
    assert FIGURE in BRIEF
    return {"content/briefs/trade.yml": BRIEF.replace(FIGURE, text)}


def source(source_id: str, publisher: str, kind: str, date: str = "2025-06", extra: str = "") -> dict[str, str]:
    text = f"title: Report {source_id}\npublisher: {publisher}\ntype: {kind}\ndate: '{date}'\n{extra}"
    return {f"content/sources/{source_id}.yml": text}


def claim(sources: str, status: str = "confirmed", more: str = "") -> str:
    return (
        f"  - text: The river carries most of the valley's trade.\n    sources: {sources}\n    status: {status}\n{more}"
    )


def merged(*parts: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in parts:
        out.update(part)
    return out


def lines(root: Path) -> list[str]:
    return problems(root, today="2026-02-01")


AT_STATUS = "content/explainer.yml:8:13: warning"
"""Where the takeaway's `status: ...` value is."""


# --- R1: a confirmed item rests on enough independent sources ----------------------------------------------------

CONFIRMED = {
    "two independent sources with different owners": (merged(), []),
    "one source": (
        takeaway(claim("[survey]")),
        [f"{AT_STATUS}[too-few-independent]: confirmed claim has 1 independent source, 2 needed"],
    ),
    "a copy never counts": (
        merged(
            takeaway(claim("[survey, mirror]")),
            source("mirror", "Mirror site", "independent-media", extra="copy_of: ledger\n"),
        ),
        [f"{AT_STATUS}[too-few-independent]: confirmed claim has 1 independent source, 2 needed"],
    ),
    "a source and its copy are one report": (
        merged(
            takeaway(claim("[ledger, mirror]")),
            source("mirror", "Mirror site", "independent-media", extra="copy_of: ledger\n"),
        ),
        [f"{AT_STATUS}[too-few-independent]: confirmed claim has 1 independent source, 2 needed"],
    ),
    "two publishers with one owner count once": (
        merged(
            takeaway(claim("[survey, sister]")),
            source("sister", "Valley Institute Press", "research", extra="owner: '  valley  institute'\n"),
        ),
        [f"{AT_STATUS}[too-few-independent]: confirmed claim has 1 independent source, 2 needed"],
    ),
    "the owner defaults to the publisher, in any case": (
        merged(takeaway(claim("[survey, again]")), source("again", "VALLEY INSTITUTE", "research")),
        [f"{AT_STATUS}[too-few-independent]: confirmed claim has 1 independent source, 2 needed"],
    ),
    "a type that is not independent does not count": (
        merged(takeaway(claim("[survey, wiki]")), source("wiki", "Wikipedia", "encyclopedia")),
        [f"{AT_STATUS}[too-few-independent]: confirmed claim has 1 independent source, 2 needed"],
    ),
    "the same source twice counts once": (
        takeaway(claim("[survey, {source: survey, locator: p. 2}]")),
        [f"{AT_STATUS}[too-few-independent]: confirmed claim has 1 independent source, 2 needed"],
    ),
    "a confirmed figure needs them too": (
        figure('    as_of: "2025"\n    sources: [survey]\n    status: confirmed\n'),
        [
            "content/briefs/trade.yml:19:13: warning[too-few-independent]: confirmed figure has 1 independent "
            "source, 2 needed"
        ],
    ),
    "an event is confirmed unless it says otherwise, so the sources are pointed at": (
        {"content/events/lock-opens.yml": EVENT.replace("[survey, ledger]", "[ledger]")},
        [
            "content/events/lock-opens.yml:5:10: warning[too-few-independent]: confirmed event has 1 independent "
            "source, 2 needed"
        ],
    ),
    "a reported event needs one": (
        {"content/events/lock-opens.yml": EVENT.replace("[survey, ledger]", "[ledger]") + "status: reported\n"},
        [],
    ),
    "the explainer sets how many": (
        {"content/explainer.yml": EXPLAINER + "certainty:\n  independent_sources_to_confirm: 3\n"},
        [
            "content/events/lock-opens.yml:5:10: warning[too-few-independent]: confirmed event has 2 independent "
            "sources, 3 needed",
            f"{AT_STATUS}[too-few-independent]: confirmed claim has 2 independent sources, 3 needed",
        ],
    ),
}


@pytest.mark.parametrize("case", list(CONFIRMED))
def test_a_confirmed_item_needs_independent_sources(make_project: Project, case: str) -> None:
    files, expected = CONFIRMED[case]
    assert lines(make_project(files)) == expected


def test_the_hint_says_which_sources_did_not_count_and_why(make_project: Project) -> None:
    root = make_project(
        merged(
            takeaway(claim("[survey, mirror, wiki, again]")),
            source("mirror", "Mirror site", "independent-media", extra="copy_of: ledger\n"),
            source("wiki", "Wikipedia", "encyclopedia"),
            source("again", "Valley Institute", "research"),
        )
    )
    [found] = check(root, today=None).diagnostics
    assert found.hint == (
        "'mirror' is a copy of 'ledger'; 'wiki' is encyclopedia; 'again' has the same owner as 'survey'; "
        "cite another independent source (another owner, not a copy), or mark it `status: reported`"
    )


# --- R2: a claim resting only on capped types is at most reported ------------------------------------------------

CAPPED = {
    "only capped sources": (
        merged(
            takeaway(claim("[tass, pressclub]")),
            source("tass", "TASS", "state-media"),
            source("pressclub", "Friends of the Valley", "advocacy"),
        ),
        [
            f"{AT_STATUS}[capped-at-reported]: confirmed claim rests only on sources that make it at most reported "
            "(advocacy, state-media)"
        ],
    ),
    "reported is allowed": (
        merged(takeaway(claim("[tass]", "reported")), source("tass", "TASS", "state-media")),
        [],
    ),
    "one independent source beside them is still too few": (
        merged(takeaway(claim("[tass, survey]")), source("tass", "TASS", "state-media")),
        [f"{AT_STATUS}[too-few-independent]: confirmed claim has 1 independent source, 2 needed"],
    ),
    "two independent sources beside them confirm": (
        merged(takeaway(claim("[tass, survey, ledger]")), source("tass", "TASS", "state-media")),
        [],
    ),
    "an encyclopedia alone does not cap, but does not confirm": (
        merged(takeaway(claim("[wiki]")), source("wiki", "Wikipedia", "encyclopedia")),
        [f"{AT_STATUS}[too-few-independent]: confirmed claim has 0 independent sources, 2 needed"],
    ),
}


@pytest.mark.parametrize("case", list(CAPPED))
def test_a_claim_resting_only_on_capped_sources_is_at_most_reported(make_project: Project, case: str) -> None:
    files, expected = CAPPED[case]
    assert lines(make_project(files)) == expected


def test_the_explainer_declares_which_types_count_and_which_cap(make_project: Project) -> None:
    types = (
        "certainty:\n  source_types:\n"
        "    - {id: research, title: Research, description: R.}\n"
        "    - {id: independent-media, title: Press, description: P., independent: false, caps_at_reported: true}\n"
    )
    root = make_project({"content/explainer.yml": EXPLAINER + types})
    assert lines(root) == [
        "content/events/lock-opens.yml:5:10: warning[too-few-independent]: confirmed event has 1 independent "
        "source, 2 needed",
        f"{AT_STATUS}[too-few-independent]: confirmed claim has 1 independent source, 2 needed",
    ]


# --- R3: a disputed claim shows its sides ------------------------------------------------------------------------

SIDE = "      - who: {who}\n        view: The river is {view}.\n        sources: {sources}\n"
DISPUTED = {
    "two sides, each with sources": (
        takeaway(
            claim(
                "[survey, ledger]",
                "disputed",
                "    sides:\n"
                + SIDE.format(who="A", view="ours", sources="[survey]")
                + SIDE.format(who="B", view="theirs", sources="[ledger]"),
            )
        ),
        [],
    ),
    "no sides": (
        takeaway(claim("[survey, ledger]", "disputed")),
        [f"{AT_STATUS}[disputed-sides]: disputed claim shows 0 sides, 2 needed"],
    ),
    "one side": (
        takeaway(claim("[survey]", "disputed", "    sides:\n" + SIDE.format(who="A", view="ours", sources="[survey]"))),
        ["content/explainer.yml:10:7: warning[disputed-sides]: disputed claim shows 1 side, 2 needed"],
    ),
    "a side without sources": (
        takeaway(
            claim(
                "[survey]",
                "disputed",
                "    sides:\n"
                + SIDE.format(who="A", view="ours", sources="[survey]")
                + SIDE.format(who="B", view="theirs", sources="[]"),
            )
        ),
        ["content/explainer.yml:13:9: warning[unsourced]: this side of the dispute cites no source"],
    ),
    "a disputed figure names who produced it": (
        figure('    as_of: "2025"\n    sources: [survey]\n    status: disputed\n'),
        ["content/briefs/trade.yml:19:13: warning[no-producer]: disputed figure does not say who produced it"],
    ),
}


@pytest.mark.parametrize("case", list(DISPUTED))
def test_a_disputed_claim_shows_at_least_two_sides_with_their_sources(make_project: Project, case: str) -> None:
    files, expected = DISPUTED[case]
    assert lines(make_project(files)) == expected


# --- R4: an estimate gives its range and who produced each figure ------------------------------------------------

ESTIMATE = "      - by: {by}\n        value: {value}\n        sources: {sources}\n"
ESTIMATES = {
    "estimates, each with its producer and sources": (
        takeaway(
            claim(
                "[survey, ledger]",
                "estimate",
                "    estimates:\n"
                + ESTIMATE.format(by="Valley Institute", value="about 60% (2025)", sources="[survey]")
                + ESTIMATE.format(by="Valley Gazette", value="about 70% (2020)", sources="[ledger]"),
            )
        ),
        [],
    ),
    "an estimate claim without estimates": (
        takeaway(claim("[survey]", "estimate")),
        [f"{AT_STATUS}[no-producer]: estimate does not say who produced it"],
    ),
    "an estimate without sources": (
        takeaway(
            claim("[survey]", "estimate", "    estimates:\n" + ESTIMATE.format(by="V", value="60%", sources="[]"))
        ),
        ["content/explainer.yml:10:9: warning[unsourced]: this estimate cites no source"],
    ),
    "a figure with its producer and a range": (merged(), []),
    "a figure with its producer and a qualifier": (
        {"content/briefs/trade.yml": BRIEF.replace("    upper: 70\n", "    qualifier: about\n")},
        [],
    ),
    "a figure without its producer": (
        figure('    as_of: "2025"\n    sources: [survey]\n    status: estimate\n'),
        ["content/briefs/trade.yml:19:13: warning[no-producer]: estimate figure does not say who produced it"],
    ),
    "a figure without a range or qualifier": (
        {"content/briefs/trade.yml": BRIEF.replace("    upper: 70\n", "")},
        [
            "content/briefs/trade.yml:14:12: warning[no-range]: estimate gives a single number, with no range or "
            "qualifier"
        ],
    ),
}


@pytest.mark.parametrize("case", list(ESTIMATES))
def test_an_estimate_gives_its_range_and_who_produced_it(make_project: Project, case: str) -> None:
    files, expected = ESTIMATES[case]
    assert lines(make_project(files)) == expected


# --- R5: a source cannot report what had not happened when it was published -------------------------------------


def event(date: str, sources: str = "[survey, ledger]", more: str = "") -> dict[str, str]:
    """The minimal content with its event's date, sources and more fields changed (and no year named in the brief)."""
    text = EVENT.replace("date: 2020-05-01", f"date: '{date}'").replace("[survey, ledger]", sources) + more
    return {"content/events/lock-opens.yml": text, "content/briefs/trade.yml": BRIEF.replace(" in 2020.", ".")}


DATES = {
    "sources dated after the event": (event("2020-05-01"), []),
    "a source dated the same day": (event("2020-05-02"), []),
    "a source known to the month of the event": (
        merged(
            event("2020-05-02", more="status: reported\n", sources="[may]"),
            source("may", "Valley Gazette", "independent-media", date="2020-05"),
        ),
        [],
    ),
    "a source dated before the event": (
        event("2021-03"),
        [
            "content/events/lock-opens.yml:5:19: warning[source-predates]: source 'ledger' is dated 2 May 2020, "
            "before the event it reports (March 2021)"
        ],
    ),
    "a planned event may be announced before it happens": (event("2026-06", more="planned: true\n"), []),
    "a future event must be planned": (
        merged(event("2027", sources="[survey, ledger]", more="status: reported\n")),
        [
            "content/events/lock-opens.yml:1:7: warning[future-event]: event dated 2027 is in the future but not "
            "marked planned",
            "content/events/lock-opens.yml:5:11: warning[source-predates]: source 'survey' is dated 2025, before "
            "the event it reports (2027)",
            "content/events/lock-opens.yml:5:19: warning[source-predates]: source 'ledger' is dated 2 May 2020, "
            "before the event it reports (2027)",
        ],
    ),
    "a figure's source cannot predate it": (
        figure('    as_of: "2026"\n    sources: [survey]\n    by: Valley Institute\n    status: estimate\n'),
        [
            "content/briefs/trade.yml:18:15: warning[source-predates]: source 'survey' is dated 2025, before the "
            "figure it gives (2026)"
        ],
    ),
}


@pytest.mark.parametrize("case", list(DATES))
def test_a_source_dated_before_what_it_reports_is_flagged(make_project: Project, case: str) -> None:
    files, expected = DATES[case]
    assert lines(make_project(files)) == expected


@pytest.mark.parametrize(
    ("a", "b", "is_before"),
    [
        ("2016-04", "2020", True),
        ("2020-09-26", "2020-09-27", True),
        ("2020", "2020-09", False),
        ("2020-09", "2020-09-27", False),
        ("2020-09-27", "2020-09", False),
        ("2020-10", "2020-09-27", False),
        ("2021", "2020-12-31", False),
    ],
)
def test_before_compares_dates_at_the_precision_both_share(a: str, b: str, is_before: bool) -> None:
    def date(text: str) -> PartialDate:
        return PartialDate(*(int(part) for part in text.split("-")))

    assert date(a).before(date(b)) is is_before


# --- R6: a claim about how things stand says when -----------------------------------------------------------------

STATE = {
    "a past-tense claim": (takeaway(claim("[survey, ledger]")), []),
    "a present-tense status word": (
        takeaway(claim("[survey, ledger]").replace("carries most", "still carries most")),
        [
            "content/explainer.yml:6:11: warning[undated-state]: claim describes a current state ('still') but has no "
            "`as_of`"
        ],
    ),
    "in any case, inside emphasis": (
        takeaway(claim("[survey, ledger]").replace("The river carries", "The river **Has not** stopped; it carries")),
        [
            "content/explainer.yml:6:11: warning[undated-state]: claim describes a current state ('has not') but has "
            "no `as_of`"
        ],
    ),
    "dated with as_of": (
        takeaway(
            claim("[survey, ledger]", more='    as_of: "2026-01"\n').replace("carries most", "still carries most")
        ),
        [],
    ),
    "a word inside another word": (
        takeaway(claim("[survey, ledger]").replace("carries most", "carries most, in its stillness,")),
        [],
    ),
    "the explainer names the words": (
        {
            "content/explainer.yml": EXPLAINER.replace("carries most", "for now carries most")
            + "certainty:\n  current_state_words: [for now]\n"
        },
        [
            "content/explainer.yml:6:11: warning[undated-state]: claim describes a current state ('for now') but has "
            "no `as_of`"
        ],
    ),
    "in a brief's key point": (
        {"content/briefs/trade.yml": BRIEF.replace("Grain moves by boat", "Grain is now moved by boat")},
        [
            "content/briefs/trade.yml:5:11: warning[undated-state]: claim describes a current state ('is now') but "
            "has no `as_of`"
        ],
    ),
}


@pytest.mark.parametrize("case", list(STATE))
def test_a_claim_about_a_current_state_carries_as_of(make_project: Project, case: str) -> None:
    files, expected = STATE[case]
    assert lines(make_project(files)) == expected


# --- copies name their original ----------------------------------------------------------------------------------

COPIES = {
    "a copy of an original": (source("mirror", "Mirror", "independent-media", extra="copy_of: ledger\n"), []),
    "a copy of itself": (
        source("mirror", "Mirror", "independent-media", extra="copy_of: mirror\n"),
        ["content/sources/mirror.yml:5:10: warning[copy-of-copy]: a source cannot be a copy of itself"],
    ),
    "a copy of a copy": (
        merged(
            source("mirror", "Mirror", "independent-media", extra="copy_of: ledger\n"),
            source("echo", "Echo", "independent-media", extra="copy_of: mirror\n"),
        ),
        ["content/sources/echo.yml:5:10: warning[copy-of-copy]: 'mirror' is itself a copy of 'ledger'"],
    ),
}


@pytest.mark.parametrize("case", list(COPIES))
def test_a_copy_names_the_original(make_project: Project, case: str) -> None:
    files, expected = COPIES[case]
    cited = takeaway(claim("[survey, ledger, " + ", ".join(Path(p).stem for p in files) + "]"))
    assert lines(make_project({**files, **cited})) == expected


def test_strict_makes_every_rule_an_error(make_project: Project) -> None:
    root = make_project(takeaway(claim("[survey]")))
    assert check(root).failed(strict=False) is False
    assert check(root).failed(strict=True) is True


# --- the summary -------------------------------------------------------------------------------------------------


def test_the_summary_counts_labels_short_confirmed_items_sources_and_copies(make_project: Project) -> None:
    root = make_project(
        merged(
            takeaway(claim("[survey, mirror]")),
            source("mirror", "Mirror", "independent-media", extra="copy_of: ledger\n"),
            source("tass", "TASS", "state-media"),
            {
                "content/briefs/trade.yml": BRIEF.replace(
                    "sources: [survey]\n    status: reported", "sources: [tass]\n    status: reported"
                )
            },
        )
    )
    counts = certainty.summary(check(root).corpus)
    assert counts.lines() == [
        "certainty:",
        "  claims: 2 (1 confirmed, 1 reported, 0 disputed, 0 estimate)",
        "  figures: 1 (0 confirmed, 0 reported, 0 disputed, 1 estimate)",
        "  events: 1 (1 confirmed, 0 reported, 0 disputed, 0 estimate)",
        "  confirmed with fewer than 2 independent sources: 1",
        "  sources: 4 (1 research, 2 independent-media, 1 state-media)",
        "  copies of other sources: 1",
    ]
    assert counts.data()["sources_by_type"] == {
        "official": 0,
        "research": 1,
        "independent-media": 2,
        "state-media": 1,
        "advocacy": 0,
        "commentary": 0,
        "encyclopedia": 0,
    }


def test_the_preview_checks_again_when_a_cited_source_or_the_rules_change(make_project: Project) -> None:
    """What each entry's checks found is kept between runs, and renewed when a source or the rules change."""
    import datetime as dt

    from generator.preview.session import Session
    from generator.project import Project as Paths
    from generator.project import Settings

    root = make_project()
    session = Session(Paths.at(root), Settings(today=dt.date(2026, 2, 1)))
    warned = "warning[too-few-independent]: confirmed claim has 1 independent source, 2 needed"
    survey, explainer = root / "content/sources/survey.yml", root / "content/explainer.yml"

    assert session.run().diagnostics == []
    survey.write_text(survey.read_text().replace("type: research", "type: encyclopedia"))
    assert [
        d.format_text().split(": ", 1)[1].split("\n")[0] for d in session.run().diagnostics if "claim" in d.message
    ] == [warned]
    survey.write_text(survey.read_text().replace("type: encyclopedia", "type: research"))
    assert session.run().diagnostics == []
    explainer.write_text(explainer.read_text() + "certainty:\n  independent_sources_to_confirm: 3\n")
    assert len(session.run().diagnostics) == 2, "the claim and the event"
