"""What the renderer makes besides Markdown: the map, charts, the ties diagram, the feed and the export.

Each test starts from the minimal content, changed inline, and reads the
renderer's output as a reader's tools would: the SVG as XML, the feed as Atom,
the export against its own JSON Schema, the JSON-LD as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BRIEF, REPO, build_site, generate, rendered
from conftest import PICTURES as SHARED_PICTURES

from generator.pages import feed
from generator.pages import home as home_page
from generator.pages.pageset import PageSet
from generator.pages.pictures import diagram, geo
from generator.project import Project

Project_ = Callable[..., Path]
SVG = "{http://www.w3.org/2000/svg}"
ATOM = "{http://www.w3.org/2005/Atom}"

CHARTED = SHARED_PICTURES["content/briefs/trade.yml"]
PICTURES = {
    **SHARED_PICTURES,
    "content/actors/valley.yml": SHARED_PICTURES["content/actors/valley.yml"].replace(
        "shares a council with", 'shares a "council" <with>'
    ),
}


STREAMED = ("data/explainer.json", "sources.md")


def renderer(root: Path) -> PageSet:
    pages: PageSet = rendered(root, dt.date(2026, 2, 1))
    return pages


def front_matter(page: str) -> dict[str, Any]:
    _, head, _ = page.split("---\n", 2)
    data: dict[str, Any] = yaml.safe_load(head)
    return data


def shape_points(svg_text: str) -> list[tuple[float, float]]:
    """Every point of every geographic shape Vega drew (absolute M/L commands in its shape marks)."""
    points = []
    for group in ET.fromstring(svg_text).iter(f"{SVG}g"):
        if "mark-shape" not in group.get("class", ""):
            continue
        for element in group.iter(f"{SVG}path"):
            for x, y in re.findall(r"[ML](-?[\d.]+),(-?[\d.]+)", element.get("d", "")):
                points.append((float(x), float(y)))
    return points


# -- paths ------------------------------------------------------------------------------------


def test_data_files_are_listed_with_the_pages_and_each_renders(make_project: Project_) -> None:
    pages = renderer(make_project(PICTURES))
    data = [path for path in pages.paths() if path.startswith("data/")]
    assert data == [
        "data/charts/trade-1.svg",
        "data/explainer.json",
        "data/explainer.schema.json",
        "data/feed.xml",
        "data/map.svg",
        "data/timeline.svg",
    ]
    assert all(pages.page(path).strip() for path in data)


def test_without_a_map_charts_or_events_no_picture_is_listed(make_project: Project_) -> None:
    root = make_project(
        {"content/events/lock-opens.yml": None, "content/briefs/trade.yml": BRIEF.replace("events: [lock-opens]\n", "")}
    )
    paths = renderer(root).paths()
    assert [p for p in paths if p.endswith(".svg")] == []


def test_an_unknown_path_is_a_key_error(make_project: Project_) -> None:
    pages = renderer(make_project())
    for path in ("briefs/nope.md", "data/charts/trade-1.svg", "data/map.svg", "elsewhere.md"):
        with pytest.raises(KeyError):
            pages.page(path)


# -- the map ----------------------------------------------------------------------------------


def test_the_map_is_a_small_svg_cropped_to_its_box(make_project: Project_) -> None:
    svg_text = renderer(make_project(PICTURES)).page("data/map.svg")
    root = ET.fromstring(svg_text)
    width, height = float(root.get("width", 0)), float(root.get("height", 0))
    view = geo.frame((26, 33, 45, 43), 720)
    assert (width, height) == (view.width, view.height)
    assert 5_000 < len(svg_text.encode()) < 150_000
    points = shape_points(svg_text)
    assert len(points) > 500
    assert all(-3 <= x <= width + 3 and -3 <= y <= height + 3 for x, y in points)


def test_the_map_tints_countries_named_by_actors_and_labels_routes_and_places(make_project: Project_) -> None:
    svg_text = renderer(make_project(PICTURES)).page("data/map.svg")
    texts = [t.text for t in ET.fromstring(svg_text).iter(f"{SVG}text")]
    assert "The Valley" in texts  # the actor's name, not Natural Earth's
    assert "Mill town" in texts
    assert "River route" in texts  # the legend
    assert 'fill="#b7c0ea"' in svg_text  # the tint of involved countries


def test_the_map_picture_has_its_description_as_text_alternative(make_project: Project_) -> None:
    home = renderer(make_project(PICTURES)).page("index.md")
    assert (
        '![A map with the valley tinted and the river route drawn to the sea.](data/map.svg){ width="720" height="'
    ) in home
    assert "<figcaption>The valley and its river</figcaption>" in home


def test_clipping_keeps_only_what_is_inside_the_frame() -> None:
    # One square country straddling the frame's east edge, one far away.
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[8, 0], [4, 0], [0, 4], [-4, 0], [0, -4]], [[50, 50], [1, 0], [0, 1], [-1, 0], [0, -1]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "id": "001", "properties": {"name": "Edge"}},
                    {"type": "Polygon", "arcs": [[1]], "id": "002", "properties": {"name": "Far"}},
                ],
            }
        },
    }
    view = geo.frame((0, 0, 10, 10), 100)
    shapes = geo.shapes(geo.atlas(topology), view)
    assert [s.name for s in shapes] == ["Edge"]
    xs = [x for polygon in shapes[0].polygons for ring in polygon for x, _y in ring]
    assert min(xs) == pytest.approx(80, abs=0.2)
    assert max(xs) == pytest.approx(102, abs=0.01)  # the frame plus a 2-pixel bleed


# -- charts and timeline ------------------------------------------------------------------------


def test_figures_sharing_a_chart_title_make_one_chart_with_a_full_text_alternative(make_project: Project_) -> None:
    pages = renderer(make_project(PICTURES))
    brief = pages.page("briefs/trade.md")
    assert brief.count("data/charts/") == 1
    assert (
        "![Chart: Share of trade by route. Share of trade by river (2025): 60–70%;"
        " Share of trade by road (2024): 25%.](../data/charts/trade-1.svg)"
    ) in brief
    svg_text = pages.page("data/charts/trade-1.svg")
    texts = [t.text for t in ET.fromstring(svg_text).iter(f"{SVG}text")]
    assert "60–70%" in texts and "25%" in texts


def test_chart_rows_drop_the_words_every_label_shares(make_project: Project_) -> None:
    shared = CHARTED.replace("label: Share of trade by river", "label: 'Share of trade, by river'").replace(
        "label: Share of trade by road", "label: 'Share of trade, by road'"
    )
    brief = renderer(make_project({**PICTURES, "content/briefs/trade.yml": shared})).page("briefs/trade.md")
    assert "Chart: Share of trade by route. by river (2025): 60–70%; by road (2024): 25%." in brief


def test_the_timeline_overview_counts_events_per_year(make_project: Project_) -> None:
    pages = renderer(make_project())
    timeline = pages.page("timeline.md")
    assert "![Chart: number of events per year. 2020: 1 (1 confirmed).](data/timeline.svg)" in timeline
    assert "<svg" in pages.page("data/timeline.svg")


# -- the ties diagram ---------------------------------------------------------------------------


def test_ties_become_one_mermaid_flowchart_per_kind(make_project: Project_) -> None:
    actors = renderer(make_project(PICTURES)).page("actors/index.md")
    assert (
        "### Economy\n\n``` mermaid\n"
        "flowchart LR\n"
        "    accTitle: Ties between the actors: Economy\n"
        "    accDescr: The Valley sells grain to The Hill Clans.\n"
        '    n0["The Valley"]\n'
        '    n1["The Hill Clans"]\n'
        '    n0 -->|"sells grain to"| n1\n'
        "```\n"
    ) in actors
    assert '    n0 -->|"shares a #34;council#34; #60;with#62;"| n1\n' in actors
    assert actors.count("``` mermaid") == 2


@pytest.mark.parametrize(
    ("label", "escaped"),
    [
        pytest.param("sells oil to", "sells oil to", id="plain"),
        pytest.param('calls it "ally"', "calls it #34;ally#34;", id="quotes"),
        pytest.param("a <b>bold</b> claim", "a #60;b#62;bold#60;/b#62; claim", id="html"),
        pytest.param("runs `code` | pipes", "runs #96;code#96; #124; pipes", id="markup"),
        pytest.param("Türkiye’s #1 partner", "Türkiye’s #35;1 partner", id="unicode-and-hash"),
    ],
)
def test_mermaid_labels_are_data_not_markup(label: str, escaped: str) -> None:
    assert diagram.escape(label) == escaped


def test_actor_pages_list_ties_both_ways(make_project: Project_) -> None:
    hills = renderer(make_project(PICTURES)).page("actors/hills.md")
    assert "- [The Valley](valley.md) sells grain to The Hill Clans (Economy)" in hills


# -- feed -------------------------------------------------------------------------------------------


def test_the_feed_is_atom_with_one_entry_per_change_newest_first(make_project: Project_) -> None:
    brief = BRIEF.replace(
        "changes:\n  - date: 2026-01-01\n    note: First published.\n",
        "changes:\n  - date: 2026-01-01\n    note: First published.\n"
        "  - date: 2026-01-20\n    note: Corrected the **share** of trade.\n",
    ).replace("published: 2026-01-01\n", "published: 2026-01-01\nupdated: 2026-01-20\n")
    text = renderer(make_project({"content/briefs/trade.yml": brief})).page("data/feed.xml")
    feed = ET.fromstring(text)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.findtext(f"{ATOM}updated") == "2026-01-20T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries] == ["2026-01-20T00:00:00Z", "2026-01-01T00:00:00Z"]
    assert entries[0].findtext(f"{ATOM}summary") == "<p>Corrected the <strong>share</strong> of trade.</p>"
    assert {e.find(f"{ATOM}link").get("href") for e in entries} == {"../briefs/trade/"}  # type: ignore[union-attr]
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 2
    assert all(e.findtext(f"{ATOM}id", "").startswith("urn:uuid:") for e in entries)


def test_a_brief_without_a_logged_publication_still_gets_an_entry(make_project: Project_) -> None:
    brief = BRIEF.split("changes:")[0]
    feed = ET.fromstring(renderer(make_project({"content/briefs/trade.yml": brief})).page("data/feed.xml"))
    assert [e.findtext(f"{ATOM}summary") for e in feed.findall(f"{ATOM}entry")] == ["<p>First published.</p>"]


def test_the_feed_keeps_only_the_newest_entries(make_project: Project_, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feed, "LIMIT", 2)
    brief = BRIEF.replace(
        "changes:\n  - date: 2026-01-01\n    note: First published.\n",
        "changes:\n  - date: 2026-01-01\n    note: First published.\n"
        "  - date: 2026-01-10\n    note: Second.\n  - date: 2026-01-20\n    note: Third.\n",
    )
    text = renderer(make_project({"content/briefs/trade.yml": brief})).page("data/feed.xml")
    summaries = [e.findtext(f"{ATOM}summary") for e in ET.fromstring(text).findall(f"{ATOM}entry")]
    assert summaries == ["<p>Third.</p>", "<p>Second.</p>"]


# -- export ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", STREAMED)
def test_files_that_grow_with_the_explainer_are_written_in_parts_that_join_to_the_same_bytes(
    make_project: Project_, path: str
) -> None:
    root = make_project(PICTURES)
    generate(Project.at(root), today=dt.date(2026, 2, 1))

    pages = renderer(root)
    assert pages.streamed() == sorted(STREAMED)
    assert b"".join(pages.parts(path)).decode("utf-8") == pages.page(path)
    assert (root / "docs" / path).read_text(encoding="utf-8") == pages.page(path)


def test_the_export_writes_one_entity_per_line_so_diffs_stay_readable(make_project: Project_) -> None:
    text = renderer(make_project(PICTURES)).page("data/explainer.json")
    lines = text.splitlines()
    assert lines[:2] == ["{", '  "actors": {']
    hills = next(line for line in lines if line.startswith('    "hills": '))
    assert (
        json.loads(hills.removeprefix('    "hills": ').rstrip(","))["name"]
        == json.loads(text)["actors"]["hills"]["name"]
    )
    assert text.endswith("}\n")


def test_the_export_holds_every_published_entity_with_dates_as_written(make_project: Project_) -> None:
    pages = renderer(make_project(PICTURES))
    data = json.loads(pages.page("data/explainer.json"))
    assert sorted(data) == ["actors", "briefs", "events", "explainer", "glossary", "sources"]
    assert sorted(data["actors"]) == ["hills", "valley"]
    assert data["briefs"]["trade"]["figures"][0]["as_of"] == "2025"
    assert data["events"]["lock-opens"]["date"] == "2020-05-01"
    assert data["explainer"]["map"]["bbox"] == [26, 33, 45, 43]


def test_drafts_are_not_exported(make_project: Project_) -> None:
    draft = BRIEF.replace("kind: economy", "kind: economy\ndraft: true").replace("title: River trade", "title: Later")
    data = json.loads(renderer(make_project({"content/briefs/later.yml": draft})).page("data/explainer.json"))
    assert sorted(data["briefs"]) == ["trade"]


def _ajv() -> list[str]:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "ajv").exists():
        message = "node and node_modules/ajv are needed to validate the export (run `npm ci`)"
        if os.environ.get("CI"):
            pytest.fail(message + " (required when CI is set)")
        pytest.skip(message)
    script = (
        "const Ajv = require('ajv/dist/2020'); const formats = require('ajv-formats');"
        "const fs = require('fs');"
        "const [schema, data] = process.argv.slice(1).map(f => JSON.parse(fs.readFileSync(f)));"
        "const ajv = new Ajv({allErrors: true, strict: true, allowUnionTypes: true});"
        "ajv.addKeyword('x-ref'); formats(ajv);"
        "const ok = ajv.validate(schema, data); console.log(JSON.stringify(ajv.errors || []));"
        "process.exit(ok ? 0 : 1);"
    )
    return [node, "-e", script]


def test_the_export_is_valid_against_its_json_schema(make_project: Project_, tmp_path: Path) -> None:
    command = _ajv()
    pages = renderer(make_project(PICTURES))
    (tmp_path / "schema.json").write_text(pages.page("data/explainer.schema.json"), encoding="utf-8")
    (tmp_path / "data.json").write_text(pages.page("data/explainer.json"), encoding="utf-8")

    def validate() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, str(tmp_path / "schema.json"), str(tmp_path / "data.json")],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )

    result = validate()
    assert result.returncode == 0, result.stdout + result.stderr
    # ... and the schema is not vacuous: a wrong type is refused.
    broken = json.loads(pages.page("data/explainer.json"))
    broken["briefs"]["trade"]["figures"][0]["value"] = "sixty"
    (tmp_path / "data.json").write_text(json.dumps(broken), encoding="utf-8")
    result = validate()
    assert result.returncode == 1 and "/briefs/trade/figures/0/value" in result.stdout


# -- meta tags, JSON-LD and "cite this page" ------------------------------------------------------------


def test_brief_front_matter_carries_description_json_ld_and_citation(make_project: Project_) -> None:
    brief = BRIEF.replace("summary: Boats carry grain down the river.", 'summary: Boats carry *grain* & "goods".')
    meta = front_matter(renderer(make_project({"content/briefs/trade.yml": brief})).page("briefs/trade.md"))
    assert meta["description"] == 'Boats carry grain & "goods".'
    assert meta["jsonld"] == {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": "River trade",
        "description": 'Boats carry grain & "goods".',
        "datePublished": "2026-01-01",
        "dateModified": "2026-01-01",
        "author": [{"name": "Test desk"}],
        "isPartOf": {"@type": "WebSite", "name": "Why the river matters"},
        "articleSection": "Economy",
        "keywords": ["trade"],
        "license": "CC BY 4.0",
        "inLanguage": "en",
    }
    assert meta["cite"] == "Test desk. “River trade.” In Why the river matters. Published 1 January 2026."


SITE_URL = "https://river-desk.github.io/explainer/"


@pytest.fixture
def built(make_project: Project_, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SITE_URL", SITE_URL)  # as the deploy sets it from GitHub Pages
    brief = BRIEF.replace("summary: Boats carry grain down the river.", 'summary: Boats carry "grain" <b>&</b> goods.')
    root = make_project({**PICTURES, "content/briefs/trade.yml": brief}, site=True)
    build_site(Project.at(root), strict=True)
    return root / "site"


def test_built_pages_have_escaped_meta_tags_open_graph_and_json_ld(built: Path) -> None:
    html = (built / "briefs" / "trade" / "index.html").read_text(encoding="utf-8")
    description = "Boats carry &#34;grain&#34; &lt;b&gt;&amp;&lt;/b&gt; goods."
    assert f'<meta name="description" content="{description}">' in html
    assert f'<meta property="og:description" content="{description}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="{SITE_URL}briefs/trade/">' in html
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match
    data = json.loads(match.group(1))
    assert data["@type"] == "Article" and data["url"] == f"{SITE_URL}briefs/trade/"
    assert data["description"] == 'Boats carry "grain" <b>&</b> goods.'
    assert "<b>" not in match.group(1)  # no markup can close the script element
    assert '<h2 id="cite-this-page">Cite this page</h2>' in html


def test_mermaid_is_served_from_the_site_and_only_where_a_diagram_is(built: Path) -> None:
    actors = (built / "actors" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../assets/javascripts/mermaid.min.js"></script>' in actors
    assert actors.index("mermaid.min.js") < actors.index("bundle.")  # defined before Material looks for it
    for page in ("index.html", "briefs/trade/index.html", "timeline/index.html"):
        assert "mermaid.min.js" not in (built / page).read_text(encoding="utf-8"), page
    assert (built / "assets" / "javascripts" / "mermaid.min.js").stat().st_size > 1_000_000


def test_the_feed_and_export_are_linked_from_every_page_and_the_home_page(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    assert (
        '<link rel="alternate feed" type="application/atom+xml" title="Updates and corrections" href="data/feed.xml">'
        in home
    )
    assert 'href="data/explainer.json"' in home and 'href="data/explainer.schema.json"' in home
    brief = (built / "briefs" / "trade" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../data/feed.xml"' in brief


def test_the_search_dialog_has_an_accessible_name(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">' in home


def test_sources_and_lists_stay_out_of_the_search_index(built: Path) -> None:
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"sources/", "tags/", "briefs/", "actors/"}.isdisjoint(locations)
    assert {"briefs/trade/", "actors/valley/", "glossary/", "timeline/"} <= locations
    texts = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("briefs/trade/"))
    assert "valley-institute.org/survey" not in texts  # the numbered source notes


SERIES = BRIEF.replace(
    "figures:\n",
    "figures:\n"
    "  - label: River share, survey\n    value: 50\n    unit: '%'\n    as_of: '2021'\n    sources: [survey]\n"
    "    status: reported\n    chart: River share over time\n    series: Survey\n"
    "  - label: River share, survey\n    qualifier: about\n    value: 55\n    upper: 58\n    unit: '%'\n"
    "    as_of: '2023-03'\n    sources: [survey]\n    status: reported\n    chart: River share over time\n"
    "    series: Survey\n"
    "  - label: River share, council\n    value: 40\n    unit: '%'\n    as_of: '2022'\n    sources: [survey]\n"
    "    status: reported\n    chart: River share over time\n    series: Council\n",
)


def test_figures_naming_a_series_are_drawn_as_lines_over_time(make_project: Project_) -> None:
    pages = renderer(make_project({"content/briefs/trade.yml": SERIES}))
    brief = pages.page("briefs/trade.md")
    assert (
        "![Chart: River share over time. Survey: 50% (2021), about 55–58% (March 2023); Council: 40% (2022).]"
        "(../data/charts/trade-1.svg)"
    ) in brief
    root = ET.fromstring(pages.page("data/charts/trade-1.svg"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Survey", "Council", "about 55–58%", "2021", "2023"} <= set(texts)
    assert any("mark-line" in g.get("class", "") for g in root.iter(f"{SVG}g"))


def test_a_qualifier_is_shown_before_the_value(make_project: Project_) -> None:
    brief = BRIEF.replace("    value: 60\n", "    qualifier: more than\n    value: 60\n").replace("    upper: 70\n", "")
    page = renderer(make_project({"content/briefs/trade.yml": brief})).page("briefs/trade.md")
    assert '<span class="key-figure__value">more than 60%</span>' in page


def test_section_sources_become_numbered_notes_after_the_section(make_project: Project_) -> None:
    brief = BRIEF.replace(
        "      Most boats are small. The first lock opened in 2020.\n",
        "      Most boats are small. The first lock opened in 2020.\n    sources: [survey, census]\n",
    )
    census = 'title: Valley census\npublisher: Valley Office\ntype: official\ndate: "2024"\n'
    root = make_project({"content/briefs/trade.yml": brief, "content/sources/census.yml": census})
    page = renderer(root).page("briefs/trade.md")
    assert "Most boats are small. The first lock opened in 2020.[^survey][^census]\n" in page
    assert "[^census]: *Valley census*. Valley Office, 2024. Official document.\n" in page


def test_a_kind_card_on_the_home_page_lists_its_first_briefs_and_links_to_all(
    make_project: Project_, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home_page, "CARD_BRIEFS", 1)
    second = BRIEF.replace("title: River trade", "title: Tolls")
    home = renderer(make_project({"content/briefs/tolls.yml": second})).page("index.md")

    assert "    - [River trade](briefs/trade.md)\n    - [All 2 briefs](briefs/index.md)\n" in home
    assert "[Tolls](briefs/tolls.md)" not in home
