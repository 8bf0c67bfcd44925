"""What readers see of certainty: dated claims, sides and producers, checkable notes, badges that explain
themselves, the evidence window, and an About page rendered from the same rules the checks read."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from conftest import BRIEF, EXPLAINER, build_site, rendered
from sitecheck import broken_links

from generator.preview.session import Session
from generator.project import Project, Settings

Project_ = Callable[..., Path]
TODAY = dt.date(2026, 2, 1)
KEY_POINT = "  - text: Grain moves by boat, according to the survey.\n    sources: [survey]\n    status: reported\n"


def page(root: Path, path: str) -> str:
    return rendered(root, TODAY).page(path)


def brief_with(key_point: str, **replace: str) -> dict[str, str]:
    """The minimal content with its brief's one key point replaced by ``key_point``."""
    assert KEY_POINT in BRIEF
    text = BRIEF.replace(KEY_POINT, key_point)
    for old, new in replace.items():
        text = text.replace(old, new)
    return {"content/briefs/trade.yml": text}


def test_a_dated_claim_says_as_of_when(make_project: Project_) -> None:
    root = make_project(brief_with(KEY_POINT + '    as_of: "2026-01"\n'))
    assert (
        '- Grain moves by boat, according to the survey. <span class="claim-as-of">(as of January 2026)</span> '
        "[reported](../about.md#reported)"
    ) in page(root, "briefs/trade.md")


def test_a_disputed_claim_lists_each_side_with_its_own_notes(make_project: Project_) -> None:
    sides = (
        "    sides:\n"
        "      - {who: The council, view: Boats carry *most* grain., sources: [survey]}\n"
        "      - {who: The carters, view: Carts carry more., sources: [ledger]}\n"
    )
    root = make_project(
        brief_with(KEY_POINT.replace("reported", "disputed").replace("[survey]", "[survey, ledger]") + sides)
    )
    text = page(root, "briefs/trade.md")
    assert (
        '[disputed](../about.md#disputed){ .claim-status .claim-status--disputed title="What “disputed” means" }'
        "[^survey][^ledger]\n"
        "    - **The council:** Boats carry *most* grain.[^survey]\n"
        "    - **The carters:** Carts carry more.[^ledger]\n"
    ) in text


def test_an_estimate_names_who_produced_each_figure(make_project: Project_) -> None:
    estimates = "    estimates:\n      - {by: Valley Institute, value: about 60% (2025), sources: [survey]}\n"
    root = make_project(brief_with(KEY_POINT.replace("reported", "estimate") + estimates))
    assert "    - Valley Institute: about 60% (2025)[^survey]\n" in page(root, "briefs/trade.md")
    assert "2025 · by Valley Institute · [estimate]" in page(root, "briefs/trade.md"), "a figure's producer too"


def test_a_located_citation_is_a_note_of_its_own_with_its_locator_and_excerpt(make_project: Project_) -> None:
    located = "[survey, {source: survey, locator: p. 12, excerpt: 'boats carry grain'}]"
    root = make_project(brief_with(KEY_POINT.replace("[survey]", located)))
    text = page(root, "briefs/trade.md")
    assert "according to the survey. [reported](../about.md#reported){" in text
    assert "}[^survey][^survey--1]\n" in text
    assert text.endswith(
        "[^survey]: *River survey*. Valley Institute, 2025. Research institute. <https://valley-institute.org/survey> "
        "(accessed 1 January 2026)\n"
        "[^survey--1]: *River survey*. Valley Institute, 2025. Research institute. "
        "<https://valley-institute.org/survey> "
        "(accessed 1 January 2026) — p. 12: “boats carry grain”\n\n"
    )


def test_a_note_names_the_publisher_date_type_original_and_archived_copy(make_project: Project_) -> None:
    copy = (
        "title: Grain by boat\npublisher: River News\ntype: state-media\ndate: 2025-03-04\ncopy_of: survey\n"
        "archived: https://archive.example.org/grain\n"
    )
    root = make_project({"content/sources/copy.yml": copy, **brief_with(KEY_POINT.replace("[survey]", "[copy]"))})
    assert (
        "[^copy]: *Grain by boat*. River News, 4 March 2025. State or state-aligned media. "
        "A copy of *River survey* (Valley Institute). Archived: <https://archive.example.org/grain>\n"
    ) in page(root, "briefs/trade.md")


def test_every_badge_links_to_its_definition_on_the_about_page(make_project: Project_) -> None:
    pages = rendered(make_project(), TODAY)
    badges = {
        path: re.findall(r"\[(\w+)\]\(([^)]*)\)\{ \.claim-status", pages.page(path))
        for path in ("index.md", "briefs/trade.md", "timeline.md")
    }
    assert badges == {
        "index.md": [("confirmed", "about.md#confirmed")],
        "briefs/trade.md": [("reported", "../about.md#reported"), ("estimate", "../about.md#estimate")],
        "timeline.md": [("confirmed", "about.md#confirmed")],
    }
    about = pages.page("about.md")
    assert all(f"### {label.capitalize()} {{ #{label} }}" in about for label in ("confirmed", "reported"))


def test_the_about_page_says_what_the_explainer_declares(make_project: Project_) -> None:
    rules = (
        "certainty:\n  independent_sources_to_confirm: 3\n"
        "  definitions:\n    confirmed: Three outlets with different owners agree.\n"
        "  source_types:\n"
        "    - {id: research, title: Research institute, description: Institutes.}\n"
        "    - {id: independent-media, title: Newspaper, description: Papers., caps_at_reported: true}\n"
        "    - {id: state-media, title: Broadcaster, description: State TV., independent: false,"
        " caps_at_reported: true}\n"
    )
    root = make_project({"content/explainer.yml": EXPLAINER.replace("status: confirmed", "status: reported") + rules})
    about = page(root, "about.md")
    assert "### Confirmed { #confirmed }\n\nThree outlets with different owners agree.\n\nIt takes at least 3 " in about
    assert "reported at most, however many there are: Newspaper or Broadcaster.\n" in about
    assert about.endswith(
        "- **Research institute**: Institutes. Counts as independent.\n"
        "- **Newspaper**: Papers. Counts as independent. On its own, a claim is reported at most.\n"
        "- **Broadcaster**: State TV. Does not count as independent. On its own, a claim is reported at most.\n"
    )


def test_the_about_page_is_made_even_without_the_explainers_own_text(make_project: Project_) -> None:
    root = make_project(
        {"content/explainer.yml": EXPLAINER.replace("about: We check every claim against two sources.\n", "")}
    )
    body = page(root, "about.md").split("---\n", 2)[2]
    assert body.startswith("\n# How this explainer is made\n\n## How sure we are")


def test_briefs_and_the_home_page_show_the_evidence_window_beside_the_review_date(make_project: Project_) -> None:
    newer = "title: Later survey\npublisher: Hill Press\ntype: research\ndate: 2025-11-30\n"
    second = BRIEF.replace("title: River trade", "title: Old trade").replace(
        "reviewed: 2026-01-01", "reviewed: 2025-12-01"
    )
    root = make_project(
        {
            "content/sources/later.yml": newer,
            "content/briefs/second.yml": second.replace(
                "[survey]\n    status: reported", "[later]\n    status: reported"
            ),
        }
    )
    assert "· Last reviewed 1 January 2026 · Evidence up to 2025</p>" in page(root, "briefs/trade.md")
    assert "Last reviewed 1 December 2025. Evidence up to November 2025.</p>" in page(root, "briefs/second.md")
    home = page(root, "index.md")
    assert '<p class="brief-meta">Last reviewed 1 December 2025 · Evidence up to November 2025</p>' in home, (
        "the whole explainer: its oldest brief review and its newest source"
    )


def test_the_preview_renews_the_home_page_when_a_brief_is_reviewed(make_project: Project_) -> None:
    root = make_project()
    session = Session(Project.at(root), Settings(today=TODAY))
    session.run()
    trade = root / "content/briefs/trade.yml"
    trade.write_text(trade.read_text().replace("reviewed: 2026-01-01", "reviewed: 2026-01-20"))
    assert "index.md" in session.run().report.written
    assert "Last reviewed 20 January 2026" in (root / "docs/index.md").read_text()


def test_badge_links_reach_the_about_page_in_the_built_site(make_project: Project_) -> None:
    root = make_project(site=True)
    build_site(Project.at(root), strict=True, today=TODAY)
    home = (root / "site/index.html").read_text()
    assert re.search(r'<a class="claim-status claim-status--confirmed" href="about/#confirmed" title="What', home)
    assert 'id="confirmed"' in (root / "site/about/index.html").read_text()
    assert broken_links(root / "site") == []
