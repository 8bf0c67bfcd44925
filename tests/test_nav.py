"""Navigation: every brief for a small explainer, one section page per kind for a large one; no level of one
item, and no section that opens a page other than its own."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BRIEF, build_site, check, generate

from generator.content.graph import Graph
from generator.pages.nav import build_nav, is_sectioned
from generator.pages.pageset import PageSet
from generator.pages.registry import ADDRESSES
from generator.project import FULL_NAV_UP_TO, Project, Settings

MakeProject = Callable[..., Path]
TODAY = dt.date(2026, 2, 1)
SECOND = BRIEF.replace("title: River trade", "title: Tolls *and* locks")
POLITICS = BRIEF.replace("kind: economy", "kind: politics").replace("title: River trade", "title: The council")
REFERENCE = {
    "Reference": [
        {"Glossary": "glossary.md"},
        {"Sources": "sources.md"},
        {"Tags": "tags.md"},
        {"How this explainer is made": "about.md"},
    ]
}


def graph_of(root: Path) -> Graph:
    graph = check(root, TODAY).graph
    assert graph is not None
    return graph


def section_paths(graph: Graph, full_up_to: int = FULL_NAV_UP_TO) -> list[str]:
    return [path for path in PageSet(graph, Settings(full_nav_up_to=full_up_to)).paths() if "/kinds/" in path]


def test_a_small_explainer_lists_every_brief_under_its_kind(make_project: MakeProject) -> None:
    graph = graph_of(make_project({"content/briefs/tolls.yml": SECOND}))

    nav = [item.to_mkdocs() for item in build_nav(graph, Settings(), ADDRESSES)]

    assert nav == [
        {"Home": "index.md"},
        {
            "Briefs": [
                {"All briefs": "briefs/index.md"},
                {"Economy": [{"River trade": "briefs/trade.md"}, {"Tolls *and* locks": "briefs/tolls.md"}]},
            ]
        },
        {"Actors": "actors/index.md"},
        {"Timeline": "timeline.md"},
        REFERENCE,
    ]
    assert section_paths(graph) == []


def test_a_large_explainer_lists_one_section_page_per_kind_with_briefs(make_project: MakeProject) -> None:
    graph = graph_of(make_project({"content/briefs/tolls.yml": SECOND}))

    nav = [item.to_mkdocs() for item in build_nav(graph, Settings(full_nav_up_to=1), ADDRESSES)]

    assert nav == [
        {"Home": "index.md"},
        {"Briefs": [{"All briefs": "briefs/index.md"}, {"Economy": "briefs/kinds/economy.md"}]},
        {"Actors": "actors/index.md"},
        {"Timeline": "timeline.md"},
        REFERENCE,
    ]
    assert section_paths(graph, 1) == ["briefs/kinds/economy.md"]


def test_a_kind_with_one_brief_lists_the_brief_not_a_level_of_one(make_project: MakeProject) -> None:
    graph = graph_of(make_project({"content/briefs/council.yml": POLITICS}))

    nav = [item.to_mkdocs() for item in build_nav(graph, Settings(), ADDRESSES)]

    assert nav[1] == {
        "Briefs": [
            {"All briefs": "briefs/index.md"},
            {"River trade": "briefs/trade.md"},
            {"The council": "briefs/council.md"},
        ]
    }


def _levels(items: list[Any]) -> Iterator[list[Any]]:
    for item in items:
        if item.children:
            yield list(item.children)
            yield from _levels(list(item.children))


@pytest.mark.parametrize(
    "files",
    [
        pytest.param({}, id="one brief"),
        pytest.param({"content/briefs/tolls.yml": SECOND}, id="two briefs of one kind"),
        pytest.param({"content/briefs/council.yml": POLITICS}, id="two kinds of one brief"),
        pytest.param({"content/briefs/tolls.yml": SECOND, "content/briefs/council.yml": POLITICS}, id="mixed"),
    ],
)
@pytest.mark.parametrize("full_up_to", [FULL_NAV_UP_TO, 1], ids=["full", "sectioned"])
def test_no_level_holds_one_item_and_only_briefs_opens_an_index_page(
    make_project: MakeProject, files: dict[str, str], full_up_to: int
) -> None:
    nav = build_nav(graph_of(make_project(files)), Settings(full_nav_up_to=full_up_to), ADDRESSES)

    assert all(len(level) > 1 for level in _levels(nav)), "a phone's menu would open on a level of one"
    # The theme makes a section's first page its own page when it is named index.md: only "Briefs" may.
    opened = {item.title: item.children[0].title for item in nav if item.children and item.children[0].path}
    assert {title: first for title, first in opened.items() if title != "Briefs"} == {"Reference": "Glossary"}
    assert opened["Briefs"] == "All briefs"
    assert [item.children[0].path for item in nav if item.title == "Reference"] == ["glossary.md"]


def test_a_section_page_lists_the_briefs_of_its_kind_in_order_with_text_escaped(make_project: MakeProject) -> None:
    graph = graph_of(make_project({"content/briefs/tolls.yml": SECOND}))

    page = PageSet(graph, Settings(full_nav_up_to=1)).page("briefs/kinds/economy.md")

    assert page == (
        "---\n"
        'title: "Economy"\n'
        'description: "Money and trade."\n'
        "---\n"
        "\n"
        "# Economy\n"
        "\n"
        "Money and trade.\n"
        "\n"
        "- [River trade](../trade.md): Boats carry grain down the river.\n"
        "- [Tolls \\*and\\* locks](../tolls.md): Boats carry grain down the river.\n"
    )


@pytest.mark.parametrize(
    ("briefs", "sectioned"),
    [(FULL_NAV_UP_TO, False), (FULL_NAV_UP_TO + 1, True)],
    ids=["at the threshold: full", "above it: sections"],
)
def test_the_threshold_counts_published_briefs(make_project: MakeProject, briefs: int, sectioned: bool) -> None:
    extra = {f"content/briefs/extra-{n}.yml": BRIEF for n in range(briefs - 1)}
    graph = graph_of(make_project(extra))

    assert len(graph.of("brief")) == briefs
    assert is_sectioned(graph, Settings()) is sectioned


def test_generate_writes_the_section_pages_only_when_the_navigation_uses_them(make_project: MakeProject) -> None:
    root = make_project()

    small = generate(Project.at(root), today=TODAY)
    assert not (root / "docs/briefs/kinds").exists()
    assert not small.sectioned

    large = generate(Project.at(root), today=TODAY, full_nav_up_to=0)
    assert (root / "docs/briefs/kinds/economy.md").is_file()
    assert large.sectioned

    generate(Project.at(root), today=TODAY)
    assert not (root / "docs/briefs/kinds").exists(), "the writer prunes section pages no longer generated"


@pytest.mark.slow
def test_a_sectioned_site_builds_with_a_pruned_navigation_that_names_no_brief(make_project: MakeProject) -> None:
    root = make_project({"content/briefs/tolls.yml": SECOND}, site=True)

    build_site(Project.at(root), today=TODAY, full_nav_up_to=1)

    home = (root / "site/index.html").read_text(encoding="utf-8")
    section = (root / "site/briefs/kinds/economy/index.html").read_text(encoding="utf-8")
    assert "Tolls" not in home.split('<div class="md-content"')[0], "no brief title in the navigation"
    assert '"navigation.prune"' in home
    assert 'href="../../tolls/"' in section
    assert (root / "site/briefs/tolls/index.html").is_file()


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("zensical") is None, reason="zensical is not installed")
def test_zensical_builds_the_same_pages_with_the_generated_navigation(make_project: MakeProject) -> None:
    root = make_project({"content/briefs/tolls.yml": SECOND}, site=True)
    build_site(Project.at(root), today=TODAY, full_nav_up_to=1)
    mkdocs_pages = sorted(p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.html"))

    build_site(Project.at(root), today=TODAY, engine="zensical", full_nav_up_to=1)

    site = root / "site"
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")) == mkdocs_pages
    briefs = (site / "briefs" / "index.html").read_text(encoding="utf-8")
    assert 'href="./kinds/economy/"' in briefs, "the section page is in Zensical's navigation"
    assert not list(root.glob(".zensical-*.yml")), "the derived configuration is removed"
