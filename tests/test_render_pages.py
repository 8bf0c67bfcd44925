"""What the renderer makes besides Markdown: picture files, the feed and the export (pictures: ``test_pictures``).

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
from conftest import BRIEF, PICTURES, REPO, build_site, generate, rendered

from generator.pages import feed
from generator.pages import home as home_page
from generator.pages.pageset import PageSet
from generator.pages.pictures import geo
from generator.project import Project

Project_ = Callable[..., Path]
SVG = "{http://www.w3.org/2000/svg}"
ATOM = "{http://www.w3.org/2005/Atom}"

STREAMED = ("data/explainer.json", "sources.md")


def renderer(root: Path) -> PageSet:
    pages: PageSet = rendered(root, dt.date(2026, 2, 1))
    return pages


def front_matter(page: str) -> dict[str, Any]:
    _, head, _ = page.split("---\n", 2)
    data: dict[str, Any] = yaml.safe_load(head)
    return data


# -- paths ------------------------------------------------------------------------------------


def test_data_files_are_listed_with_the_pages_and_each_renders(make_project: Project_) -> None:
    pages = renderer(make_project(PICTURES))
    data = [path for path in pages.paths() if path.startswith("data/")]
    assert data == [
        "data/charts/trade-1-narrow.svg",
        "data/charts/trade-1.svg",
        "data/explainer.json",
        "data/explainer.schema.json",
        "data/feed.xml",
        "data/maps/valley-narrow.svg",
        "data/maps/valley.svg",
        "data/timeline-narrow.svg",
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
    for path in ("briefs/nope.md", "data/charts/trade-1.svg", "data/maps/valley.svg", "elsewhere.md"):
        with pytest.raises(KeyError):
            pages.page(path)


# -- map shapes -------------------------------------------------------------------------------


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
    assert sorted(data) == ["actors", "briefs", "events", "explainer", "glossary", "maps", "sources"]
    assert sorted(data["actors"]) == ["hills", "valley"]
    assert data["briefs"]["trade"]["figures"][0]["as_of"] == "2025"
    assert data["events"]["lock-opens"]["date"] == "2020-05-01"
    assert data["maps"]["valley"]["bbox"] == [26, 33, 45, 43]


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


def test_no_diagram_library_is_shipped_or_loaded(built: Path) -> None:
    for page in built.rglob("*.html"):
        assert "mermaid" not in page.read_text(encoding="utf-8").lower(), page
    assert not list(built.rglob("mermaid*"))


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
