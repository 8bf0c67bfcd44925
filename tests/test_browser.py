"""The built site in a real browser: Debian's headless Chromium, driven by Playwright.

The sites, the browser and its tabs are ``browsing``'s fixtures: the minimal
content (plus a map, ties and a chart) and, when the repository has valid
default content, that too, each served on 127.0.0.1, with every request
recorded and any request to another host blocked and reported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browsing import AXE, Site, Visit, pages
from conftest import REPO
from screenshots import DESKTOP, PHONE

pytestmark = pytest.mark.browser

SHOTS = REPO / "test-artifacts" / "screenshots"
HEADING_TEXT = (  # a heading's text without its permalink
    "h => [...h.childNodes].filter(n => !n.classList?.contains('headerlink')).map(n => n.textContent).join('')"
)
PAGE_BUDGET = 500_000  # bytes a brief page without diagrams may transfer on a first visit


def test_every_page_loads_with_no_console_error_and_no_request_elsewhere(
    sites: list[Site], visit: Callable[..., Visit]
) -> None:
    for site in sites:
        tab = visit(site)
        for path in pages(site):
            # "load" rather than "networkidle" keeps this quick; errors that come later are still
            # recorded (with the page they came from) and checked once the last page has settled.
            tab.goto(site.base + path, wait_until="load")
        tab.page.wait_for_load_state("networkidle")
        assert tab.errors == [], f"{site.name}: console errors {tab.errors}"
        assert tab.outside == [], f"{site.name}: requests to other hosts {sorted(set(tab.outside))}"
        assert len(pages(site)) > 5


def _search(tab: Visit, site: Site, query: str, target: str) -> None:
    """Open search as a reader would (the index is fetched then) and type ``query``; wait for a result to ``target``."""
    tab.goto(site.base)
    tab.page.keyboard.press("/")  # Material's shortcut to open search
    ready = "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')"
    tab.page.wait_for_function(ready, timeout=15_000)
    tab.page.keyboard.type(query, delay=20)
    result = tab.page.locator(f".md-search-result__item a[href*='/{target}?']").first
    result.wait_for(state="attached", timeout=15_000)


def test_the_search_index_is_fetched_only_when_the_reader_reaches_for_search(
    sites: list[Site], visit: Callable[..., Visit]
) -> None:
    site = sites[0]
    tab = visit(site)
    tab.goto(site.base + site.briefs[0])
    assert not any(url.endswith("/search/search_index.json") for url in tab.requests)
    with tab.page.expect_response(lambda response: response.url.endswith("/search/search_index.json")):
        tab.page.locator("input.md-search__input").focus()


@pytest.mark.parametrize("kind", ["actor", "brief", "term"])
def test_search_finds_actors_briefs_and_glossary_terms(
    sites: list[Site], visit: Callable[..., Visit], kind: str
) -> None:
    for site in sites:
        tab = visit(site)
        if kind == "actor":
            names = sorted(site.actors)
            for name in {names[0], names[len(names) // 2], names[-1]}:
                _search(tab, site, name, site.actors[name])
        elif kind == "brief":
            path = site.briefs[-1]
            tab.goto(site.base + path)
            title = tab.page.locator("article h1").evaluate(HEADING_TEXT)
            _search(tab, site, title, path)
        else:
            tab.goto(site.base + "glossary/")
            term = tab.page.locator("article h2").first.evaluate(HEADING_TEXT)
            _search(tab, site, term, "glossary/")
        assert tab.errors == [] and tab.outside == []


def test_navigation_reaches_every_brief(sites: list[Site], visit: Callable[..., Visit]) -> None:
    for site in sites:
        tab = visit(site)
        tab.goto(site.base)
        hrefs = tab.page.eval_on_selector_all(
            "nav.md-nav--primary a.md-nav__link[href]", "links => links.map(a => a.href)"
        )
        reached = {urlsplit(h).path.removeprefix(urlsplit(site.base).path) for h in hrefs}
        assert sorted(set(site.briefs) - reached) == [], f"{site.name}: briefs missing from the navigation"
        for brief in site.briefs:
            tab.goto(site.base + brief)
            assert tab.page.locator("article h1").count() == 1


def _svg_image_is_drawn(tab: Visit, selector: str) -> None:
    image = tab.page.locator(selector).first
    image.scroll_into_view_if_needed()
    image.wait_for(state="visible")
    # A lazy picture loads as the reader reaches it: wait for its load (or its error, which fails below).
    width = image.evaluate(
        """img => img.complete ? img.naturalWidth : new Promise(done => {
            img.addEventListener("load", () => done(img.naturalWidth), {once: true});
            img.addEventListener("error", () => done(0), {once: true});
        })"""
    )
    assert width > 0, f"{selector} did not load"
    alt = image.get_attribute("alt") or ""
    assert len(alt) > 20, f"{selector} has no real text alternative: {alt!r}"
    source = tab.page.evaluate(
        "src => fetch(src).then(r => r.text())", image.evaluate("img => img.currentSrc || img.src")
    )
    assert source.lstrip().startswith("<svg") and "<path" in source


def test_the_map_charts_and_the_timeline_render_as_svg(sites: list[Site], visit: Callable[..., Visit]) -> None:
    site = sites[0]
    tab = visit(site)
    tab.goto(site.base)
    _svg_image_is_drawn(tab, ".explainer-figure--map img")
    tab.goto(site.base + "briefs/trade/")
    _svg_image_is_drawn(tab, ".explainer-figure--chart img")
    tab.goto(site.base + "timeline/")
    _svg_image_is_drawn(tab, ".explainer-figure--timeline img")
    tab.goto(site.base + "actors/")
    assert tab.page.locator(".actor-ties li").count() == 2, "the ties, as sentences"
    assert tab.errors == [] and tab.outside == []


def _axe(tab: Visit) -> list[dict[str, Any]]:
    tab.page.add_script_tag(path=str(AXE))
    result = tab.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _audited(site: Site) -> dict[str, str]:
    return {
        "home": "",
        "brief": site.briefs[0],
        "actor": next(iter(sorted(site.actors.values()))),
        "timeline": "timeline/",
        "glossary": "glossary/",
        "actors": "actors/",
        "sources": "sources/",
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_the_main_pages(
    sites: list[Site], visit: Callable[..., Visit], scheme: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    failures = {}
    for site in sites:
        layouts = (("desktop", DESKTOP), ("phone", PHONE)) if scheme == "light" else (("desktop", DESKTOP),)
        for label, viewport in layouts:
            tab = visit(site, viewport)
            tab.page.emulate_media(color_scheme=scheme)
            for name, path in _audited(site).items():
                tab.goto(site.base + path)
                if scheme == "light":
                    tab.page.screenshot(path=str(SHOTS / f"{site.name}-{name}-{label}.png"), full_page=label == "phone")
                found = _axe(tab)
                if found:
                    failures[f"{site.name} {name} {label}"] = [
                        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in found
                    ]
            assert tab.errors == []
    assert failures == {}, json.dumps(failures, indent=1)


def test_every_brief_page_weighs_under_the_budget_on_a_first_visit(
    sites: list[Site], visit: Callable[..., Visit]
) -> None:
    """Bytes received by a fresh tab (bodies as served, uncompressed); the search index waits for a search."""
    report: dict[str, dict[str, int]] = {}
    for site in sites:
        weights = {}
        for path in ["", *site.briefs]:
            tab = visit(site)  # a new context: an empty cache
            tab.goto(site.base + path)
            assert not any(url.endswith("search_index.json") for url in tab.received), "index fetched before search"
            weights[path or "home"] = sum(tab.received.values())
        report[site.name] = weights
        heavy = {path: size for path, size in weights.items() if path != "home" and size >= PAGE_BUDGET}
        assert heavy == {}, f"{site.name}: brief pages over {PAGE_BUDGET} bytes"
    out = REPO / "test-artifacts" / "page-weight.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def test_glossary_terms_show_their_definition_on_keyboard_focus(sites: list[Site], visit: Callable[..., Visit]) -> None:
    site = sites[0]
    tab = visit(site)
    tab.goto(site.base + "briefs/trade/")
    term = tab.page.locator("article abbr").first
    assert term.get_attribute("tabindex") == "0"
    # Nothing is set up at load (Material's tooltips made a component per term and note at start-up).
    assert tab.page.evaluate("document.querySelectorAll('.md-tooltip2, #explainer-preview').length") == 0
    term.focus()
    tooltip = tab.page.locator(".explainer-preview[role='tooltip']:not([hidden])")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "lifts boats" in tooltip.inner_text()
    assert term.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    assert term.get_attribute("title") is None, "the browser's own tooltip does not show as well"
    term.press("Escape")
    tooltip.wait_for(state="hidden", timeout=5_000)


def test_the_pull_request_preview_browses_from_disk(browser: Any, make_project: Callable[..., Path]) -> None:
    """The reviewer's view: the unzipped artifact (`explainer build --file-urls`) opened as files, every link
    reaching a page, not a folder listing."""
    root = make_project(site=True)
    built = subprocess.run(
        [str(Path(sys.executable).with_name("explainer")), "--root", str(root), "build", "--file-urls"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    page = browser.new_page()
    page.goto((root / "site/index.html").as_uri())
    page.locator("article a[href$='briefs/trade.html']").first.click()
    page.locator("article a[href$='actors/valley.html']").first.click()
    assert page.url == (root / "site/actors/valley.html").as_uri()
    assert page.title().startswith("The Valley - ")
    page.close()
