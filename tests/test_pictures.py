"""Pictures and the pages around them, as a reader meets them: charts with a title, what is measured, a source line
and a note; maps that tint the story's countries and name seas and places without overlap; a timeline on a
proportional axis with planned events apart and a filter; ties as sentences; tags that group briefs; sources by
type and publisher; a byline and a way to send corrections. (In a real browser: ``test_reading_in_browser``.)
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BRIEF, EXPLAINER, PICTURES, problems, rendered

from generator.pages.pageset import PageSet
from generator.pages.pictures import labels
from generator.pages.pictures.measure import text_width
from generator.pages.pictures.style import INVOLVED, LAND, NARROW, TEXT, WIDE

Project = Callable[..., Path]
SVG = "{http://www.w3.org/2000/svg}"
TRADE = PICTURES["content/briefs/trade.yml"]


def pages_of(root: Path) -> PageSet:
    pages: PageSet = rendered(root, dt.date(2026, 2, 1))
    return pages


def svg_texts(svg_text: str) -> list[tuple[str, float, float, float, str]]:
    """Every text Vega drew: (text, x, y, font size, anchor), positions in the picture's own pixels."""
    found = []
    for element in ET.fromstring(svg_text).iter(f"{SVG}text"):
        x = y = 0.0
        for transform in _ancestors_transforms(svg_text, element):
            x, y = x + transform[0], y + transform[1]
        size = float(element.get("font-size", "0").removesuffix("px"))
        found.append((element.text or "", x, y, size, element.get("text-anchor", "start")))
    return found


def _ancestors_transforms(svg_text: str, target: ET.Element) -> list[tuple[float, float]]:
    root = ET.fromstring(svg_text)
    parents = {child: parent for parent in root.iter() for child in parent}
    chain, node = [], target
    for element in root.iter(f"{SVG}text"):
        if element.text == target.text and element.attrib == target.attrib:
            node = element
            break
    while node is not None:
        match = re.match(r"translate\(([-\d.]+),([-\d.]+)\)", node.get("transform", ""))
        if match:
            chain.append((float(match.group(1)), float(match.group(2))))
        node = parents.get(node)  # type: ignore[assignment]
    return chain


def size_of(svg_text: str) -> tuple[float, float]:
    root = ET.fromstring(svg_text)
    return float(root.get("width", "0")), float(root.get("height", "0"))


# -- charts -------------------------------------------------------------------------------------------------------


def test_a_declared_chart_has_its_title_subtitle_source_and_note_around_a_wide_and_a_narrow_drawing(
    make_project: Project,
) -> None:
    brief = pages_of(make_project(PICTURES)).page("briefs/trade.md")
    figure = brief[brief.index('<figure class="explainer-figure explainer-figure--chart" id="chart-routes">') :]
    figure = figure[: figure.index("</figure>")]
    assert '<span class="explainer-figure__title">Share of trade by route</span>' in figure
    assert "Share of the valley&#x27;s trade carried by each route, in %." in figure
    assert '<source media="(max-width: 719px)" srcset="../../data/charts/trade-1-narrow.svg" width="358"' in figure, (
        "phones get the narrow drawing"
    )
    assert '<img src="../../data/charts/trade-1.svg" alt="Chart: Share of trade by route. ' in figure
    assert 'width="680"' in figure and 'loading="lazy"' in figure
    assert '<a href="../../sources/#survey">Valley Institute (2025)</a>' in figure
    assert "Note:</span> The river&#x27;s share is for 2025, the others for 2024." in figure


def test_chart_rows_are_named_with_the_years_their_data_describe(make_project: Project) -> None:
    period = TRADE.replace("    as_of: '2024'\n", "    as_of: '2024'\n    period: 2019–2023\n", 1)
    brief = pages_of(make_project({**PICTURES, "content/briefs/trade.yml": period})).page("briefs/trade.md")
    assert (
        'alt="Chart: Share of trade by route. Share of trade by river (2025): 60–70%; '
        'Share of trade by road (2019–2023): 25%; Share of trade by air (2024): 5%."'
    ) in brief, "the period the data cover, not the year they were published"


def test_rows_that_all_describe_the_same_years_leave_the_years_to_the_note(make_project: Project) -> None:
    same = TRADE.replace("as_of: '2024'", "as_of: '2025'").replace("    value: 25\n", "    value: 25\n")
    labelled = same.replace(
        "  - label: Share of trade by road\n", "  - label: Share of trade by road\n    chart_label: By road\n"
    )
    brief = pages_of(make_project({**PICTURES, "content/briefs/trade.yml": labelled})).page("briefs/trade.md")
    assert 'alt="Chart: Share of trade by route. Share of trade by river: 60–70%; By road: 25%; ' in brief


def test_fewer_than_three_figures_make_a_small_table_and_no_picture(make_project: Project) -> None:
    two = TRADE.replace(
        "  - label: Share of trade by air\n    value: 5\n", "  - label: Share of trade by air\n    value: 5\n"
    )
    two = two.split("  - label: Share of trade by air")[0] + "charts:" + two.split("charts:")[1]
    pages = pages_of(make_project({**PICTURES, "content/briefs/trade.yml": two}))
    brief = pages.page("briefs/trade.md")
    assert '<table class="explainer-figure__table">' in brief
    assert '<tr><th scope="row">Share of trade by river (2025)</th><td>60–70%</td></tr>' in brief
    assert "<img" not in brief.split('id="chart-routes"')[1].split("</figure>")[0]
    assert not [path for path in pages.paths() if path.startswith("data/charts/")]


@pytest.mark.parametrize("width", [WIDE, NARROW], ids=["wide", "narrow"])
@pytest.mark.parametrize(
    ("values", "unit"),
    [
        pytest.param(("60", "25", "5"), "'%'", id="percent"),
        pytest.param(("6500", "6000", "5700"), "deaths", id="word unit"),
        pytest.param(("1", "999999", "12"), "people", id="wide spread"),
        pytest.param(("0.25", "0.5", "0.125"), "'%'", id="fractions"),
    ],
)
def test_a_chart_is_drawn_at_its_width_with_every_text_inside_it_and_large_enough(
    make_project: Project, width: int, values: tuple[str, str, str], unit: str
) -> None:
    chart = TRADE.replace("    upper: 70\n", "    qualifier: more than\n")
    for old, new in zip(("60", "25", "5"), values, strict=True):
        chart = chart.replace(f"    value: {old}\n", f"    value: {new}\n", 1)
    chart = chart.replace('unit: "%"', f"unit: {unit}").replace("unit: '%'", f"unit: {unit}")
    suffix = "" if width == WIDE else "-narrow"
    svg_text = pages_of(make_project({**PICTURES, "content/briefs/trade.yml": chart})).page(
        f"data/charts/trade-1{suffix}.svg"
    )
    picture_width, _height = size_of(svg_text)
    assert picture_width == width
    for text, x, _y, size, anchor in svg_texts(svg_text):
        assert size >= TEXT, (text, size)
        left = x - (text_width(text, size) / (2 if anchor == "middle" else 1) if anchor != "start" else 0)
        right = left + text_width(text, size, bold=True)
        assert left >= -1 and right <= width + 1, (text, left, right)


SERIES = BRIEF.replace(
    "figures:\n",
    "figures:\n"
    "  - label: River share, survey\n    value: 50\n    unit: '%'\n    as_of: '2021'\n    sources: [survey]\n"
    "    status: reported\n    chart: share\n    series: Survey\n"
    "  - label: River share, survey\n    qualifier: about\n    value: 55\n    upper: 58\n    unit: '%'\n"
    "    as_of: '2023-03'\n    sources: [survey]\n    status: reported\n    chart: share\n    series: Survey\n"
    "  - label: River share, council\n    value: 40\n    unit: '%'\n    as_of: '2022'\n    sources: [survey]\n"
    "    status: reported\n    chart: share\n    series: Council\n",
).replace(
    "perspectives:",
    "charts:\n  - id: share\n    title: River share over time\n    subtitle: The river's share of trade, in %.\n"
    "    note: Surveys of 2021 to 2023.\nperspectives:",
)


def test_figures_naming_a_series_are_drawn_as_lines_with_a_legend_beside_them(make_project: Project) -> None:
    pages = pages_of(make_project({"content/briefs/trade.yml": SERIES}))
    brief = pages.page("briefs/trade.md")
    assert (
        'alt="Chart: River share over time. Survey: 50% (2021), about 55–58% (March 2023); Council: 40% (2022)."'
    ) in brief
    assert '<line x1="2" y1="7" x2="26" y2="7" stroke="#c62828"' in brief and "</svg>Survey</li>" in brief
    root = ET.fromstring(pages.page("data/charts/trade-1.svg"))
    assert {"about 55–58%", "2021", "2023"} <= {t.text for t in root.iter(f"{SVG}text")}
    assert any("mark-line" in g.get("class", "") for g in root.iter(f"{SVG}g"))


CHART_LINT = {
    "undeclared-chart": (
        {"content/briefs/trade.yml": TRADE.replace("    chart: routes\n", "    chart: route\n", 1)},
        "content/briefs/trade.yml:21:12: warning[undeclared-chart]: chart 'route' is not declared in this brief's "
        "`charts`, so it is not drawn",
    ),
    "unused-chart": (
        {
            "content/briefs/trade.yml": TRADE.replace(
                "charts:\n", "charts:\n  - id: spare\n    title: T\n    subtitle: S\n    note: N\n"
            )
        },
        "content/briefs/trade.yml:37:9: warning[unused-chart]: no figure is in chart 'spare'",
    ),
    "duplicate-chart": (
        {
            "content/briefs/trade.yml": TRADE.replace(
                "charts:\n", "charts:\n  - id: routes\n    title: T\n    subtitle: S\n    note: N\n"
            )
        },
        "content/briefs/trade.yml:41:9: error[duplicate-id]: chart 'routes' is declared twice",
    ),
}


@pytest.mark.parametrize(("files", "expected"), list(CHART_LINT.values()), ids=list(CHART_LINT))
def test_a_chart_must_be_declared_once_and_used(make_project: Project, files: dict[str, str], expected: str) -> None:
    assert problems(make_project({**PICTURES, **files})) == [expected]


# -- maps -----------------------------------------------------------------------------------------------------------


def test_a_map_is_drawn_wide_and_narrow_and_tints_only_the_countries_it_is_about(make_project: Project) -> None:
    pages = pages_of(make_project(PICTURES))
    for path, width in (("data/maps/valley.svg", WIDE), ("data/maps/valley-narrow.svg", NARROW)):
        svg_text = pages.page(path)
        assert size_of(svg_text)[0] == width
        assert svg_text.count(f'fill="{INVOLVED}"') == 1, "the valley, and no other country"
        assert svg_text.count(f'fill="{LAND}"') > 3, "the neighbours, muted"
        names = [t[0] for t in svg_texts(svg_text)]
        assert {"The Valley", "Mill town", "Inner Sea"} <= set(names)
        assert "River route" not in names, "the legend is written by the page"


def _boxes(svg_text: str) -> list[tuple[str, labels.Box]]:
    found = []
    for text, x, y, size, _anchor in svg_texts(svg_text):
        half = text_width(text, size, bold=True) / 2 / 1.1  # as drawn, without the layout's slack
        found.append((text, (x - half, y - size * 0.5, x + half, y + size * 0.5)))
    return found


@pytest.mark.parametrize("path", ["data/maps/valley.svg", "data/maps/valley-narrow.svg"])
def test_map_labels_stay_inside_the_map_and_never_overlap(make_project: Project, path: str) -> None:
    crowded = PICTURES["content/maps/valley.yml"].replace(
        "places:\n",
        "places:\n" + "".join(f"  - name: Town {n}\n    point: [{39 + n * 0.3}, {38 + n * 0.2}]\n" for n in range(8)),
    )
    svg_text = pages_of(make_project({**PICTURES, "content/maps/valley.yml": crowded})).page(path)
    width, height = size_of(svg_text)
    drawn = [(text, box) for text, box in _boxes(svg_text) if text]
    unique = {}
    for text, box in drawn:
        unique.setdefault((text, box), None)  # each label is drawn twice: its halo, then its text
    boxes = list(unique)
    for text, (left, top, right, bottom) in boxes:
        assert left >= 0 and top >= 0 and right <= width and bottom <= height, text
    for index, (text, a) in enumerate(boxes):
        for other, b in boxes[index + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (text, other)


def test_a_map_explains_every_colour_says_its_routes_are_schematic_and_names_its_sources(
    make_project: Project,
) -> None:
    home = pages_of(make_project(PICTURES)).page("index.md")
    figure = home[home.index('id="map-valley"') : home.index("</figure>")]
    assert re.search(r"^## The map\n\n<figure ", home, re.M), "the figure is a block of its own, under its heading"
    legend = re.findall(r"</svg>([^<]+)</li>", figure)
    assert legend == [
        "Countries this map is about",
        "Other countries",
        "Sea",
        "River route (schematic)",
        "Town or city",
    ]
    assert 'alt="A map with the valley tinted and the river route drawn to the sea."' in figure
    assert '<a href="sources/#survey">Valley Institute (2025)</a>; Natural Earth' in figure
    assert "Routes are schematic: straight lines between the points named" in figure
    # Below the takeaways and the briefs (about 3,000 px down at 1366 px wide, 5,300 px on a phone): drawn
    # only as the reader nears it, not during start-up, where it cost a phone as much as the theme's script.
    assert 'loading="lazy"' in figure


def test_maps_are_content_listed_on_their_page_and_shown_on_the_briefs_they_name(make_project: Project) -> None:
    second = PICTURES["content/maps/valley.yml"].replace("title: The valley and its river", "title: The hills")
    second = second.replace("briefs: [trade]\n", "weight: -1\n")
    linking = TRADE.replace("Most boats are small.", "Most boats are small (see [the map](map:hills)).")
    pages = pages_of(make_project({**PICTURES, "content/maps/hills.yml": second, "content/briefs/trade.yml": linking}))
    maps = pages.page("maps.md")
    assert maps.index("## The hills { #hills }") < maps.index("## The valley and its river { #valley }")
    assert "Shown in: [River trade](briefs/trade.md)." in maps
    brief = pages.page("briefs/trade.md")
    assert 'id="map-valley"' in brief and 'id="map-hills"' not in brief
    assert "(see [the map](../maps.md#hills))" in brief
    assert 'id="map-hills"' in pages.page("index.md"), "the home page shows the first map"
    assert {"data/maps/hills.svg", "data/maps/hills-narrow.svg"} <= set(pages.paths())


def test_a_country_without_an_iso_code_cannot_be_tinted(make_project: Project) -> None:
    hills = PICTURES["content/maps/valley.yml"].replace("countries: [valley]", "countries: [valley, hills]")
    assert problems(make_project({**PICTURES, "content/maps/valley.yml": hills})) == [
        "content/maps/valley.yml:5:21: warning[map-country-without-iso]: actor 'hills' has no `iso` code, so the "
        "map cannot tint it"
    ]


def test_a_map_is_checked_like_any_content(make_project: Project) -> None:
    wrong = PICTURES["content/maps/valley.yml"].replace("countries: [valley]", "countries: [valey]")
    assert problems(make_project({**PICTURES, "content/maps/valley.yml": wrong})) == [
        "content/maps/valley.yml:5:13: error[unknown-reference]: no actor has the id 'valey'"
    ]


def test_label_placement_tries_each_side_of_a_dot_before_giving_up() -> None:
    dot = (50.0, 50.0)
    taken = [labels.dot_box(*dot), (56, 40, 100, 60)]  # something already to the right
    placed = labels.place([labels.Label("Town", 13, "place", labels.around(*dot, "Town", 13))], 100, 100, taken)
    assert len(placed) == 1 and placed[0].x < dot[0], "placed to the left"
    boxed_in = [*taken, (0, 0, 49, 100), (0, 0, 100, 46), (0, 54, 100, 100)]
    assert labels.place([labels.Label("Town", 13, "place", labels.around(*dot, "Town", 13))], 100, 100, boxed_in) == []


# -- the timeline ---------------------------------------------------------------------------------------------------


EARLY = "date: 1742-01-01\ntitle: The valley is settled\ndescription: Farmers arrive.\nsources: [survey]\n"
PLANNED = "date: 2027-05-01\ntitle: A second lock\ndescription: Planned.\nsources: [survey]\nplanned: true\n"


def _bars(svg_text: str) -> list[tuple[float, float, str]]:
    """The overview's bars: (left, width, fill)."""
    found = []
    for group in ET.fromstring(svg_text).iter(f"{SVG}g"):
        if "mark-rect" in group.get("class", ""):
            for path in group.iter(f"{SVG}path"):
                match = re.match(r"M([-\d.]+),[-\d.]+h([-\d.]+)", path.get("d", ""))
                if match:
                    found.append((float(match.group(1)), float(match.group(2)), path.get("fill", "")))
    return found


def test_the_timeline_overview_has_a_proportional_axis_and_draws_planned_events_apart(make_project: Project) -> None:
    pages = pages_of(make_project({"content/events/settled.yml": EARLY, "content/events/second-lock.yml": PLANNED}))
    bars = sorted(_bars(pages.page("data/timeline.svg")))
    assert len(bars) == 3
    (first, width, _), (lock, _, _), (planned, _, fill) = bars
    years = 2027 - 1742
    assert (lock - first) / width == pytest.approx(2020 - 1742, rel=0.01), "1742 is 278 years from 2020, not 1 step"
    assert (planned - lock) / width == pytest.approx(7, rel=0.02)
    assert fill == "#ffffff", "a planned event is an outline"
    assert width * (years + 1) == pytest.approx(bars[-1][0] + width - first, rel=0.01)
    timeline = pages.page("timeline.md")
    assert "</svg>Planned, not yet held</li>" in timeline
    assert "### 1 May 2027 (planned): A second lock" in timeline


def test_the_timeline_can_be_filtered_by_theme_and_period_without_hiding_anything_by_default(
    make_project: Project,
) -> None:
    council = BRIEF.replace("kind: economy", "kind: politics").replace("title: River trade", "title: The council")
    root = make_project({"content/events/settled.yml": EARLY, "content/briefs/council.yml": council})
    timeline = pages_of(root).page("timeline.md")
    assert '<form class="timeline-filter" hidden aria-label="Filter the timeline">' in timeline
    assert '<option value="economy">Economy</option><option value="politics">Politics</option>' in timeline
    assert '<option value="1740s">1740s</option><option value="2020s">2020s</option>' in timeline
    assert '<section class="timeline-year" data-period="1740s" markdown>' in timeline
    assert '<div class="timeline-event" data-themes="economy politics" markdown>' in timeline
    assert '<div class="timeline-event" data-themes="" markdown>' in timeline, "named by no brief"
    assert " hidden" not in timeline.replace('class="timeline-filter" hidden', ""), "only the script hides"


# -- ties between actors ---------------------------------------------------------------------------------------------


def test_ties_read_as_sentences_with_their_sources_and_no_diagram_library(make_project: Project) -> None:
    valley = (
        PICTURES["content/actors/valley.yml"]
        .replace("    label: sells grain to\n", "    label: sells grain to\n    sources: [survey]\n")
        .replace("shares a council with", 'shares a "council" <b>with</b>')
    )
    actors = pages_of(make_project({**PICTURES, "content/actors/valley.yml": valley})).page("actors/index.md")
    assert '### Economy\n\n<div class="actor-ties" markdown>\n\n' in actors
    assert "- [The Valley](valley.md) sells grain to [The Hill Clans](hills.md).[^survey]\n" in actors
    assert (
        '- [The Valley](valley.md) shares a "council" &lt;b&gt;with&lt;/b&gt; [The Hill Clans](hills.md).\n' in actors
    )
    assert "[^survey]: *River survey*." in actors
    assert "mermaid" not in actors


def test_actor_pages_list_ties_both_ways_and_link_to_all_ties(make_project: Project) -> None:
    hills = pages_of(make_project(PICTURES)).page("actors/hills.md")
    assert "- [The Valley](valley.md) sells grain to The Hill Clans (Economy)" in hills
    assert "[Every tie between the actors](index.md#how-they-are-tied), theme by theme." in hills


def test_the_line_under_an_actors_name_is_markdown_so_its_link_is_a_link(make_project: Project) -> None:
    person = "name: The Miller\ntype: person\nsummary: S.\nrole: R.\ncountry: valley\naliases: [Old *Miller*]\n"
    page = pages_of(make_project({"content/actors/miller.yml": person})).page("actors/miller.md")
    assert (
        '<p class="brief-meta" markdown="span">Person · [The Valley](valley.md) · Also called Old \\*Miller\\*</p>'
    ) in page


# -- tags -----------------------------------------------------------------------------------------------------------

TOLLS = BRIEF.replace("title: River trade", "title: Tolls")


def test_a_tag_is_shown_by_its_title_once_it_groups_two_briefs(make_project: Project) -> None:
    alone = pages_of(make_project())
    assert "tags.md" not in alone.paths() and "Tags:" not in alone.page("briefs/trade.md")
    pages = pages_of(make_project({"content/briefs/tolls.yml": TOLLS}))
    assert "Tags: [River trade](../tags.md#trade)\n" in pages.page("briefs/trade.md")
    tags = pages.page("tags.md")
    assert "## River trade { #trade }\n\n- [River trade](briefs/trade.md)\n- [Tolls](briefs/tolls.md)\n" in tags


TAG_LINT = {
    "unknown-tag": (
        {"content/briefs/trade.yml": BRIEF.replace("tags: [trade]", "tags: [trades]")},
        [
            "content/briefs/trade.yml:28:8: error[unknown-tag]: tag 'trades' is not declared",
            "content/explainer.yml:24:9: warning[unused-tag]: no brief has the tag 'trade'",  # in the same pass
        ],
    ),
    "lonely-tag": (
        {"content/briefs/tolls.yml": TOLLS.replace("tags: [trade]", "tags: []")},
        "content/briefs/trade.yml:28:8: warning[lonely-tag]: tag 'trade' is on this brief only, so it groups nothing "
        "and is not shown",
    ),
    "unused-tag": (
        {"content/explainer.yml": EXPLAINER + "  - id: tolls\n    title: Tolls\n"},
        "content/explainer.yml:26:9: warning[unused-tag]: no brief has the tag 'tolls'",
    ),
}


@pytest.mark.parametrize(("files", "expected"), list(TAG_LINT.values()), ids=list(TAG_LINT))
def test_tags_are_declared_and_each_groups_briefs(
    make_project: Project, files: dict[str, str], expected: str | list[str]
) -> None:
    assert problems(make_project(files)) == (expected if isinstance(expected, list) else [expected])


# -- sources, byline and corrections -------------------------------------------------------------------------------

CENSUS = 'title: Valley census\npublisher: Valley Office\ntype: official\ndate: "2024"\n'
OLDER = 'title: Early survey\npublisher: Valley Institute\ntype: research\ndate: "2019"\n'


def test_the_sources_page_groups_sources_by_type_then_publisher_newest_first(make_project: Project) -> None:
    brief = BRIEF.replace(
        "    sources: [survey]\n    status: reported", "    sources: [survey, census, early]\n    status: reported"
    )
    root = make_project(
        {"content/briefs/trade.yml": brief, "content/sources/census.yml": CENSUS, "content/sources/early.yml": OLDER}
    )
    page = pages_of(root).page("sources.md")
    order = [
        page.index(marker)
        for marker in (
            "## Official document { #type-official }",
            '<h3 class="source-publisher">Valley Office</h3>',
            '<div class="source-entry" id="census">',
            "## Research institute { #type-research }",
            '<h3 class="source-publisher">Valley Institute</h3>',
            '<div class="source-entry" id="survey">',
            '<div class="source-entry" id="early">',
        )
    ]
    assert order == sorted(order)
    assert "The 4 sources this explainer cites" in page  # the ledger too, cited on the home page
    assert (
        '<p><cite><a href="https://valley-institute.org/survey">River survey</a></cite>, 2025'
        " (accessed 1 January 2026).</p>\n"
        '<p class="source-entry__cited">Cited in: <a href="../">Home: key takeaways</a>; '
        '<a href="../briefs/trade/">River trade</a>; '
        '<a href="../timeline/#lock-opens">Timeline: The first lock opens</a>.'
    ) in page, "compact, in HTML whose links are as served"


def test_briefs_carry_a_byline_and_with_a_repository_a_link_to_send_a_correction(
    make_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EXPLAINER_REPOSITORY", raising=False)
    plain = pages_of(make_project()).page("briefs/trade.md")
    assert '<p class="brief-meta" markdown="span">By Test desk · Economy' in plain
    assert "Send a correction" not in plain
    with_repository = EXPLAINER + "repository: https://github.com/desk/valley\n"
    pages = pages_of(make_project({"content/explainer.yml": with_repository}))
    assert (
        "Spotted an error? [Send a correction](https://github.com/desk/valley/issues/new?title=Correction%3A+River+trade"
        "&body=Page%3A+briefs%2Ftrade%2F%0A%0AWhat+is+wrong%2C+and+a+source+that+shows+it%3A%0A)."
    ) in pages.page("briefs/trade.md")
    about = pages.page("about.md")
    assert "## Report an error { #report-an-error }" in about
    assert "[open an issue in this explainer's repository](https://github.com/desk/valley/issues/new?title=" in about


def test_without_a_repository_in_content_corrections_go_where_the_deploy_says(
    make_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPLAINER_REPOSITORY", "https://github.com/river-desk/valley")  # as the deploy sets it
    pages = pages_of(make_project())
    assert "[Send a correction](https://github.com/river-desk/valley/issues/new?title=" in pages.page("briefs/trade.md")
    assert "## Report an error { #report-an-error }" in pages.page("about.md")
    monkeypatch.setenv("EXPLAINER_REPOSITORY", "javascript:alert(1)")  # only a web address is taken
    assert "Send a correction" not in pages_of(make_project()).page("briefs/trade.md")


def test_maps_of_one_frame_project_the_world_once_and_draw_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.pages.pictures import geo

    geo.countries.cache_clear()
    projected: list[geo.Frame] = []
    shapes = geo.shapes
    monkeypatch.setattr(geo, "shapes", lambda source, view: projected.append(view) or shapes(source, view))
    caucasus = geo.Frame(38.0, 36.0, 52.0, 44.0, WIDE)

    first, again = geo.countries(caucasus), geo.countries(geo.Frame(38.0, 36.0, 52.0, 44.0, WIDE))
    narrow = geo.countries(geo.Frame(38.0, 36.0, 52.0, 44.0, NARROW))

    assert projected == [caucasus, geo.Frame(38.0, 36.0, 52.0, 44.0, NARROW)]
    assert again == first == tuple(shapes(geo._natural_earth(), caucasus))
    assert {shape.name for shape in first} >= {"Azerbaijan", "Armenia", "Georgia"}
    assert narrow != first
