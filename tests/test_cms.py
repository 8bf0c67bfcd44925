"""The web editor: Decap CMS at the site's own /admin/, vendored, configured from the content models.

A real browser creates a brief through the editor, with decap-server writing the file as it does for an editor
working locally, and the file it writes validates. The editor's page stays out of the site's search, sitemap and
navigation, and its weight off every other page.
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINIMAL, REPO, copy_site_setup, write_tree
from screenshots import CHROMIUM, launch, serve
from test_cli import explainer

from generator.content.document import parse
from generator.content.types import TYPES
from generator.editing import cms
from generator.editing import schemas as editor_schemas
from generator.project import Project

ADMIN = REPO / "docs" / "admin"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_committed_configuration_is_the_generated_one() -> None:
    """From the models, and the source types the explainer declares (a select: they rarely change)."""
    wanted = editor_schemas.wanted(Project.at(REPO))[ADMIN / "config.yml"]
    assert (ADMIN / "config.yml").read_bytes() == wanted, "run `explainer schema` and commit docs/admin/config.yml"


def test_each_content_kind_is_a_collection_and_each_field_a_widget() -> None:
    config = cms.config("o/r", ["official", "research"])
    assert config["local_backend"] == {"url": "http://localhost:8081/api/v1"}
    assert config["backend"] == {"name": "github", "repo": "o/r", "branch": "main"}
    collections = {c["name"]: c for c in config["collections"]}
    assert list(collections) == ["explainer", *[t.folder for t in TYPES if t.folder]]
    brief = {f["name"]: f for f in collections["briefs"]["fields"]}
    assert list(brief) == list(TYPES[1].model.model_fields)
    assert brief["kind"]["widget"] == "relation" and brief["kind"]["value_field"] == "kinds.*.id"
    assert brief["actors"] | {} == brief["actors"] and brief["actors"]["widget"] == "relation"
    assert (brief["actors"]["collection"], brief["actors"]["multiple"]) == ("actors", True)
    point = {f["name"]: f for f in brief["key_points"]["fields"]}
    assert brief["key_points"]["widget"] == "list" and "required" not in brief["key_points"]
    assert point["status"] == point["status"] | {
        "widget": "select",
        "options": ["confirmed", "reported", "disputed", "estimate"],
    }
    assert (point["sources"]["widget"], point["sources"]["collection"]) == ("relation", "sources")
    assert point["text"]["widget"] == "markdown" and point["as_of"]["required"] is False
    assert brief["published"]["widget"] == "datetime" and brief["draft"]["widget"] == "boolean"
    source = {f["name"]: f for f in collections["sources"]["fields"]}
    assert source["type"] == source["type"] | {"widget": "select", "options": ["official", "research"]}
    maps = {f["name"]: f for f in collections["maps"]["fields"]}
    assert maps["bbox"] == maps["bbox"] | {"widget": "hidden"}  # coordinates: kept, edited in the file
    assert brief["tags"] == brief["tags"] | {"collection": "explainer", "value_field": "tags.*.id", "multiple": True}


def test_the_repository_comes_from_repo_url(make_project: Any) -> None:
    root = make_project(site=True)
    (root / "docs/admin").mkdir(parents=True)
    shutil.copy(ADMIN / "index.html", root / "docs/admin/index.html")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "repo_url: https://github.com/river-desk/valley\n")
    assert explainer(root, "schema").returncode == 0
    written = yaml.safe_load((root / "docs/admin/config.yml").read_text(encoding="utf-8"))
    assert written["backend"]["repo"] == "river-desk/valley"


@pytest.fixture(scope="module")
def editing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A built project with the editor, its site served, and decap-server writing into its content."""
    node = shutil.which("node")
    server = REPO / "node_modules/decap-server/dist/index.js"
    if not CHROMIUM.exists() or node is None or not server.exists():
        message = "the web editor test needs /usr/bin/chromium, node and node_modules/decap-server (`npm ci`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    root = write_tree(tmp_path_factory.mktemp("editing"), MINIMAL)
    copy_site_setup(root)
    shutil.copytree(ADMIN, root / "docs/admin", ignore=shutil.ignore_patterns("config.yml"))
    assert explainer(root, "schema").returncode == 0
    assert explainer(root, "build", "--strict").returncode == 0
    port = _free_port()
    config = root / "site/admin/config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("localhost:8081", f"127.0.0.1:{port}"))
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(root)}
    log = (root / "decap-server.log").open("wb")
    process = subprocess.Popen([node, str(server)], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not _listening(port):
            assert time.monotonic() < deadline and process.poll() is None, "decap-server did not start"
            time.sleep(0.2)
        with serve(root / "site") as base:
            yield root, base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _create_brief(base: str, written: Path) -> list[str]:
    """Create a brief through the web editor, as an editor would; the addresses the page requested."""
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + "admin/")
        page.get_by_role("button", name="Login").click()
        page.get_by_text("Briefs").first.wait_for()
        page.goto(base + "admin/#/collections/briefs/new")
        page.locator("#kind-field-1").wait_for()

        def pick(selector: str, typed: str) -> None:
            page.locator(selector).first.click()
            page.keyboard.type(typed)
            page.get_by_role("option").first.wait_for()
            page.keyboard.press("Enter")

        pick("[id^=kind-field]", "Econ")
        page.locator("[id^=title-field]").fill("Grain by river")
        page.locator("[data-slate-editor]").nth(0).click()
        page.keyboard.type("Boats carry the grain to the sea.")
        page.get_by_role("button", name="Add key points").click()
        page.locator("[data-slate-editor]").nth(1).click()
        page.keyboard.type("Most grain moves by boat.")
        pick("[id^=sources-field]", "River")
        pick("[id^=status-field]", "repor")
        pick("[id^=actors-field]", "Valley")
        pick("[id^=tags-field]", "River")  # a tag the explainer declares, so the brief's tag groups two briefs
        page.locator("[id^=published-field]").fill("2026-01-15")
        page.locator("[id^=reviewed-field]").fill("2026-01-15")
        page.get_by_role("button", name="Publish").first.click()
        page.get_by_text("Publish now").click()
        deadline = time.monotonic() + 30
        while not written.exists():
            assert time.monotonic() < deadline, "the editor did not write the brief"
            time.sleep(0.2)
        browser.close()
    return requests


@pytest.mark.browser
def test_a_brief_created_in_the_web_editor_validates(editing: tuple[Path, str]) -> None:
    root, base = editing
    written = root / "content/briefs/grain-by-river.yml"
    # Its own thread: Playwright's synchronous API runs one session per thread, and the site's browser tests
    # may hold theirs open.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        requests = pool.submit(_create_brief, base, written).result()
    doc, _problems = parse(written.read_text(encoding="utf-8"), "grain-by-river.yml")
    assert doc is not None and doc.data == {
        "kind": "economy",
        "title": "Grain by river",
        "summary": "Boats carry the grain to the sea.",
        "key_points": [{"text": "Most grain moves by boat.", "sources": ["survey"], "status": "reported"}],
        "actors": ["valley"],
        "tags": ["trade"],
        "published": "2026-01-15",
        "reviewed": "2026-01-15",
        "draft": False,
    }
    result = explainer(root, "validate", "--strict")
    assert result.returncode == 0, result.stderr
    assert "ok: 2 briefs valid (0 errors, 0 warnings)\n" in result.stderr
    assert {request.split("/")[2] for request in requests} <= {base.split("/")[2], f"127.0.0.1:{_port(root)}"}


def _port(root: Path) -> str:
    config = yaml.safe_load((root / "site/admin/config.yml").read_text(encoding="utf-8"))
    return str(config["local_backend"]["url"]).split(":")[2].split("/")[0]


def test_the_editor_is_out_of_search_sitemap_and_navigation_and_off_every_other_page(
    editing: tuple[Path, str],
) -> None:
    root, _base = editing
    site = root / "site"
    assert (site / "admin/index.html").is_file() and (site / "admin/decap-cms.js").is_file()
    assert "admin/" not in (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "admin/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    pages = [p for p in site.rglob("*.html") if "admin" not in p.relative_to(site).parts]
    assert pages
    assert [
        p for p in pages if "decap" in p.read_text(encoding="utf-8") or "admin/" in p.read_text(encoding="utf-8")
    ] == []
    admin = (site / "admin/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in admin
    assert '<script src="decap-cms.js"></script>' in admin and "https://" not in admin
