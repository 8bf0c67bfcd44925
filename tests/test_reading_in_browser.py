"""The reading targets, measured in headless Chromium on every page of both built sites, at 390 and 1366 px:
under 500 KB on a first visit, no request to another host, no sideways scrolling, no text in a picture under
12 px as shown, and no axe violation on the pages with pictures; then the timeline's filter, the navigation on a
phone, and text that must not show as raw Markdown.

The figures go to ``test-artifacts/reading-targets.json``, and screenshots of every picture and of the pages
around them to ``test-artifacts/screenshots/reading/``. The sites, browser and tabs are ``browsing``'s.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from browsing import AXE, Site, Visit, pages
from conftest import REPO
from screenshots import DESKTOP, PHONE

pytestmark = pytest.mark.browser

BUDGET = 500_000  # bytes a page may transfer on a first visit
SMALLEST = 12.0  # pixels: the smallest text a picture may show
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
OUT = REPO / "test-artifacts"
SHOTS = OUT / "screenshots" / "reading"

MEASURE = """async () => {
  const shown = [];
  for (const img of document.querySelectorAll("figure.explainer-figure img")) {
    img.loading = "eager";
    img.scrollIntoView();
    await img.decode().catch(() => null);
    const src = img.currentSrc || img.src;
    const text = await (await fetch(src)).text();
    const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
    const scale = img.getBoundingClientRect().width / parseFloat(svg.getAttribute("width"));
    const sizes = [...svg.querySelectorAll("text")].map(t => parseFloat(t.getAttribute("font-size")));
    shown.push({src: src.split("/").slice(-2).join("/"), scale, smallest: Math.min(...sizes) * scale});
  }
  const root = document.documentElement;
  return {pictures: shown, overflow: root.scrollWidth - root.clientWidth};
}"""


def _weight(tab: Visit) -> int:
    return sum(tab.received.values())


def _first_visit(tab: Visit, url: str) -> dict[str, Any]:
    """One page as on a first visit (the tab's cache is off): its weight as loaded, then its pictures and width."""
    tab.received.clear()
    tab.outside.clear()
    tab.errors.clear()
    tab.goto(url, wait_until="load")
    tab.page.wait_for_timeout(150)  # what a page asks for after it loads
    weight = _weight(tab)
    measured = tab.page.evaluate(MEASURE)
    return {"bytes": weight, "outside": sorted(set(tab.outside)), "errors": list(tab.errors), **measured}


def test_every_page_meets_the_reading_targets_at_both_widths(sites: list[Site], visit: Callable[..., Visit]) -> None:
    report: dict[str, Any] = {}
    failures = []
    for site in sites:
        for label, viewport in WIDTHS.items():
            tab = visit(site, viewport)
            tab.page.context.new_cdp_session(tab.page).send("Network.setCacheDisabled", {"cacheDisabled": True})
            for path in pages(site):
                found = _first_visit(tab, site.base + path)
                report[f"{site.name} {label} /{path}"] = found
                where = f"{site.name} {label} /{path}"
                if found["bytes"] >= BUDGET:
                    failures.append(f"{where}: {found['bytes']:,} bytes")
                if found["outside"] or found["errors"]:
                    failures.append(f"{where}: {found['outside']} {found['errors']}")
                if found["overflow"] > 0:
                    failures.append(f"{where}: scrolls sideways by {found['overflow']} px")
                failures += [
                    f"{where}: {p['src']} shows text at {p['smallest']:.1f} px"
                    for p in found["pictures"]
                    if p["smallest"] < SMALLEST
                ]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "reading-targets.json").write_text(json.dumps(_summary(report), indent=2) + "\n", encoding="utf-8")
    assert failures == []


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    """The figures the README gives: per site and width, pages, the heaviest page, the smallest picture text."""
    out: dict[str, Any] = {}
    for key, found in report.items():
        site, label, path = key.split(" ", 2)
        entry = out.setdefault(f"{site} {label}", {"pages": 0, "heaviest": ["", 0], "smallest_text": ["", 99.0]})
        entry["pages"] += 1
        if found["bytes"] > entry["heaviest"][1]:
            entry["heaviest"] = [path, found["bytes"]]
        for picture in found["pictures"]:
            if picture["smallest"] < entry["smallest_text"][1]:
                entry["smallest_text"] = [picture["src"], round(picture["smallest"], 2)]
        entry["outside_requests"] = entry.get("outside_requests", 0) + len(found["outside"])
        entry["widest_overflow"] = max(entry.get("widest_overflow", 0), found["overflow"])
    return {"pages": report, "summary": out}


def _pictured(site: Site) -> dict[str, str]:
    """The pages whose pictures and lists this work changed, by name."""
    briefs = [path for path in site.briefs if path in ("briefs/energy-ties/", "briefs/trade/")]
    pages = {
        "home": "",
        "brief": briefs[0] if briefs else site.briefs[0],
        "actors": "actors/",
        "actor": next(iter(sorted(site.actors.values()))),
        "timeline": "timeline/",
        "maps": "maps/",
        "sources": "sources/",
        "about": "about/",
    }
    if (site.folder / "tags" / "index.html").exists():
        pages["tags"] = "tags/"
    return pages


def test_the_pages_with_pictures_have_no_axe_violation_at_either_width(
    sites: list[Site], visit: Callable[..., Visit]
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for site in sites:
        for label, viewport in WIDTHS.items():
            tab = visit(site, viewport)
            for name, path in _pictured(site).items():
                tab.goto(site.base + path)
                tab.page.screenshot(path=str(SHOTS / f"{site.name}-{name}-{label}.png"))
                tab.page.add_script_tag(path=str(AXE))
                result = tab.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
                if result["violations"]:
                    found[f"{site.name} {name} {label}"] = [
                        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
                    ]
    assert found == {}, json.dumps(found, indent=1)


def test_every_picture_is_screenshot_at_both_widths_with_a_text_alternative(
    sites: list[Site], visit: Callable[..., Visit]
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for site in sites:
        for label, viewport in WIDTHS.items():
            tab = visit(site, viewport)
            for path in ("", *site.briefs, "timeline/", "maps/"):
                tab.goto(site.base + path)
                figures = tab.page.locator("figure.explainer-figure")
                for index in range(figures.count()):
                    figure = figures.nth(index)
                    anchor = figure.get_attribute("id") or f"figure-{index}"
                    image = figure.locator("img")
                    if image.count():
                        image.evaluate("img => { img.loading = 'eager'; return img.decode(); }")
                        assert len(image.get_attribute("alt") or "") > 30, f"{path} {anchor}: no real alternative"
                    figure.screenshot(path=str(SHOTS / f"{site.name}-{anchor}-{label}.png"))


def test_the_timeline_filter_hides_what_does_not_match_and_the_page_works_without_it(
    sites: list[Site], visit: Callable[..., Visit], browser: Any
) -> None:
    site = sites[-1]
    tab = visit(site, PHONE)
    tab.goto(site.base + "timeline/")
    events = tab.page.locator(".timeline-event")
    total = events.count()
    theme = tab.page.locator("select[name=theme] option").nth(1).get_attribute("value")
    themed = tab.page.locator(f".timeline-event[data-themes~='{theme}']").count()
    assert 0 < themed < total
    tab.page.select_option("select[name=theme]", theme)
    assert tab.page.locator(".timeline-event:visible").count() == themed
    assert tab.page.locator(".timeline-filter__status").inner_text() == f"Showing {themed} of {total} events."
    assert urlsplit(tab.page.url).query == f"theme={theme}"
    hidden_years = tab.page.locator(".timeline-year[hidden]").count()
    assert hidden_years > 0, "years left empty are hidden too"
    tab.page.screenshot(path=str(SHOTS / f"{site.name}-timeline-filtered-phone.png"), full_page=False)

    tab.goto(site.base + f"timeline/?theme={theme}")
    assert tab.page.locator(".timeline-event:visible").count() == themed, "a filtered address can be shared"

    context = browser.new_context(viewport=PHONE, java_script_enabled=False, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site.base + "timeline/")
        assert page.locator("form.timeline-filter").is_hidden(), "no filter that cannot work"
        assert page.locator(".timeline-event:visible").count() == total, "without JavaScript, every event"
    finally:
        context.close()
    assert tab.errors == [] and tab.outside == []


def test_on_a_phone_the_menu_opens_on_a_level_of_several_items(sites: list[Site], visit: Callable[..., Visit]) -> None:
    for site in sites:
        tab = visit(site, PHONE)
        tab.goto(site.base + site.briefs[0])
        tab.page.locator("label.md-header__button[for='__drawer']").click()
        tab.page.wait_for_timeout(400)
        shown = tab.page.evaluate(
            """() => [...document.querySelectorAll('nav.md-nav--primary :is(a, label).md-nav__link')]
                .filter(a => { const r = a.getBoundingClientRect(); return r.width > 0 && r.left >= 0
                               && r.right <= innerWidth && getComputedStyle(a).visibility !== 'hidden'; })
                .map(a => a.textContent.trim())"""
        )
        tab.page.screenshot(path=str(SHOTS / f"{site.name}-menu-phone.png"))
        assert len([text for text in shown if text]) > 2, shown


def test_reference_opens_its_own_pages_not_the_list_of_briefs(sites: list[Site], visit: Callable[..., Visit]) -> None:
    for site in sites:
        tab = visit(site, DESKTOP)
        tab.goto(site.base + "glossary/")
        reference = tab.page.locator("nav.md-nav--primary .md-nav__link", has_text="Reference").first
        assert reference.evaluate("el => el.tagName") != "A", "Reference is a section, not a link to a page"
        reference.click()
        assert urlsplit(tab.page.url).path.endswith("/glossary/")


def test_no_raw_markdown_shows_on_actor_pages_or_in_search(sites: list[Site], visit: Callable[..., Visit]) -> None:
    for site in sites:
        index = json.loads((site.folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        raw = [doc["location"] for doc in index["docs"] if "](" in doc["text"] or ".md)" in doc["text"]]
        assert raw == [], "search results would show Markdown"
        tab = visit(site, PHONE)
        for path in site.actors.values():
            tab.goto(site.base + path, wait_until="load")
            meta = tab.page.locator("article .brief-meta").first.inner_text()
            assert "](" not in meta and ".md" not in meta, (path, meta)
