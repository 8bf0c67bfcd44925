"""What a reader meets: the theme layer of the built site, checked in its HTML and in Chromium.

Valid HTML (the Nu checker), "cite this page", print, footnotes on a phone and their previews,
the 404 page wherever the site is served, clickable home cards, no sideways scrolling and no tiny
text, and Lighthouse. The sites are built once per session (the repository's content and the
minimal content with pictures) into temporary folders. Browser tests skip without Debian's
Chromium, the Nu checker without Java, Lighthouse without node_modules, unless CI is set: then
they fail.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import screenshots
from conftest import MINIMAL, PICTURES, REPO, build_site, copy_site_setup, write_tree
from screenshots import CHROMIUM, DESKTOP, PHONE

TOOLS = REPO / "tests" / "tools"
ARTIFACTS = REPO / "test-artifacts" / "reader"


def _need(ok: bool, message: str) -> None:
    """Skip when a tool is missing here; fail when CI is set, where every tool must be installed."""
    if ok:
        return
    if os.environ.get("CI"):
        pytest.fail(message + " (required when CI is set)")
    pytest.skip(message)


@dataclass
class Built:
    name: str
    folder: Path

    def pages(self) -> list[str]:
        """URL paths of every page ("" is the home page), the 404 page last."""
        found = sorted(p.relative_to(self.folder).parent.as_posix() + "/" for p in self.folder.rglob("index.html"))
        return ["" if p == "./" else p for p in found] + ["404.html"]

    def briefs(self) -> list[str]:
        return sorted(f"briefs/{p.parent.name}/" for p in (self.folder / "briefs").glob("*/index.html"))

    def html(self, path: str) -> str:
        file = self.folder / (path if path.endswith(".html") else path + "index.html")
        return file.read_text(encoding="utf-8")


SITE_URL = "https://river-desk.github.io/explainer/"  # as the deploy sets it from GitHub Pages


def _build(root: Path) -> Path:
    from generator.project import Project

    copy_site_setup(root)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", SITE_URL)
        build_site(Project.at(root), strict=False)
    return root / "site"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The default site (the repository's content) and the minimal site with pictures."""
    sites = {}
    minimal = write_tree(tmp_path_factory.mktemp("reader-minimal"), {**MINIMAL, **PICTURES})
    sites["minimal"] = Built("minimal", _build(minimal))
    assert (REPO / "content" / "explainer.yml").exists(), "the repository's default content is missing"
    default = tmp_path_factory.mktemp("reader-default")
    shutil.copytree(REPO / "content", default / "content")
    sites["default"] = Built("default", _build(default))
    return sites


class _Handler(screenshots._Handler):
    """As a static host: a missing page gets the site's 404.html, with status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def _serve(folder: Path, prefix: str) -> Iterator[str]:
    handler = functools.partial(type("Handler", (_Handler,), {"prefix": prefix}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


PREFIX = urlsplit(SITE_URL).path


@pytest.fixture(scope="session")
def served(built: dict[str, Built]) -> Iterator[dict[str, str]]:
    """Base URL of each built site, served under the path of site_url."""
    with contextlib.ExitStack() as stack:
        yield {name: stack.enter_context(_serve(site.folder, PREFIX)) for name, site in built.items()}


@dataclass
class Tab:
    page: Any
    errors: list[str]
    outside: list[str]


@pytest.fixture
def tab(browser: Any) -> Iterator[Callable[..., Tab]]:
    """A fresh browser tab; records console errors, failed responses and requests to other hosts."""
    contexts = []

    def open_tab(viewport: dict[str, int] = DESKTOP, **options: Any) -> Tab:
        context = browser.new_context(viewport=viewport, color_scheme="light", service_workers="block", **options)
        contexts.append(context)
        page = context.new_page()
        seen = Tab(page, [], [])

        def route(request_route: Any) -> None:
            url = urlsplit(request_route.request.url)
            if url.scheme in ("http", "https") and url.hostname != "127.0.0.1":
                seen.outside.append(request_route.request.url)
                request_route.abort()
            else:
                request_route.continue_()

        context.route("**/*", route)
        page.on("console", lambda msg: seen.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: seen.errors.append(str(exc)))
        return seen

    yield open_tab
    for context in contexts:
        context.close()


# ---------------------------------------------------------------------------------------------
# 1. Valid HTML


@pytest.mark.slow
def test_the_nu_html_checker_finds_no_error_on_any_page(built: dict[str, Built]) -> None:
    _need(shutil.which("java") is not None, "java is missing: install Debian's default-jre-headless")
    _need((REPO / "node_modules" / "vnu-jar").exists(), "node_modules/vnu-jar is missing: run `npm ci`")
    for site in built.values():
        run = subprocess.run(
            ["bash", str(TOOLS / "vnu.sh"), str(site.folder)], capture_output=True, text=True, check=False
        )
        assert run.returncode == 0, f"{site.name}:\n{run.stdout[-6000:]}{run.stderr[-2000:]}"
        assert "vnu: 0 errors" in run.stdout


# ---------------------------------------------------------------------------------------------
# 2. Cite this page, and the home page's shared title


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("property"):
            self.meta[values["property"] or ""] = values.get("content") or ""


def test_the_home_page_is_shared_under_the_site_name(built: dict[str, Built]) -> None:
    for site in built.values():
        parser = _Meta()
        parser.feed(site.html(""))
        assert parser.meta["og:title"] == parser.meta["og:site_name"], site.name
        assert parser.meta["og:title"] != "Home"
        brief = _Meta()
        brief.feed(site.html(site.briefs()[0]))
        assert brief.meta["og:title"] != brief.meta["og:site_name"]


LINE_ENDS = """
url => {
  // The character before each line break of the cited address (the text of one line ends there).
  const text = [];
  const walker = document.createTreeWalker(url, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (rect) text.push([node.data[i], Math.round(rect.top)]);
    }
  }
  const ends = [];
  for (let i = 1; i < text.length; i++) if (text[i][1] > text[i - 1][1] + 2) ends.push(text[i - 1][0]);
  return {ends, address: text.map(t => t[0]).join("")};
}
"""


@pytest.mark.browser
def test_the_cited_address_wraps_only_after_a_slash(
    built: dict[str, Built], served: dict[str, str], tab: Callable[..., Tab]
) -> None:
    site = built["default"]
    wrapped = 0
    for width in (320, 390):
        seen = tab({"width": width, "height": 800})
        for brief in site.briefs():
            seen.page.goto(served["default"] + brief, wait_until="load")
            lines = seen.page.locator(".cite-this__url").evaluate(LINE_ENDS)
            assert lines["address"].startswith("https://") and lines["address"].endswith(brief), lines
            assert set(lines["ends"]) <= {"/"}, f"{brief} at {width}px breaks after {lines['ends']}"
            wrapped += len(lines["ends"])
            box = seen.page.locator(".cite-this").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert wrapped > 0, "no cited address wrapped at 320px: the test saw no line break"


@pytest.mark.browser
def test_the_citation_copies_with_a_button_that_needs_no_other_host(
    built: dict[str, Built], served: dict[str, str], tab: Callable[..., Tab]
) -> None:
    brief = built["default"].briefs()[0]
    seen = tab(PHONE, permissions=["clipboard-read", "clipboard-write"])
    seen.page.goto(served["default"] + brief, wait_until="networkidle")
    button = seen.page.get_by_role("button", name="Copy citation")
    assert button.is_visible()
    expected = seen.page.locator("#cite-this-text").evaluate("p => p.textContent.replace(/\\s+/g, ' ').trim()")
    assert re.search(r"“.+”.*https://\S+/" + re.escape(brief) + "$", expected), expected
    button.click()
    seen.page.get_by_role("status").filter(has_text="copied").wait_for(timeout=5_000)
    assert seen.page.evaluate("navigator.clipboard.readText()") == expected
    assert seen.errors == [] and seen.outside == []

    # Without scripts there is nothing to copy with: no dead button.
    still = tab(PHONE, java_script_enabled=False)
    still.page.goto(served["default"] + brief)
    assert still.page.locator(".cite-this__copy").is_hidden()
    assert still.page.locator(".cite-this__url").is_visible()


# ---------------------------------------------------------------------------------------------
# 3. Print


PRINTED_LINKS = r"""
() => [...document.querySelectorAll("article a[href^='http']")].map(a => {
  const after = getComputedStyle(a, "::after").content;
  const href = a.getAttribute("href");
  const added = after && after !== "none" && after !== "normal" ? after.replace(/attr\(href\)/g, href) : "";
  const shown = getComputedStyle(a).display !== "none";
  return {href, printed: shown ? a.textContent + added : ""};
})
"""
NUMBERS = """
() => [...document.querySelectorAll("article ol > li")].map((li, i) => {
  // The list number is drawn left of the item: its widest form ("18. ") must fit inside the page.
  const probe = document.createElement("span");
  probe.textContent = `${li.parentElement.children.length}. `;
  probe.style.whiteSpace = "pre";
  li.prepend(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  return {left: li.getBoundingClientRect().left, width, list: getComputedStyle(li).listStyleType};
})
"""


@pytest.mark.browser
def test_print_shows_each_source_address_once_no_back_links_and_whole_note_numbers(
    built: dict[str, Built], served: dict[str, str], tab: Callable[..., Tab]
) -> None:
    site = built["default"]
    seen = tab({"width": 794, "height": 1123})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for path in ["", "sources/", *site.briefs()]:
        seen.page.goto(served["default"] + path, wait_until="networkidle")  # as a reader prints: after start-up
        seen.page.emulate_media(media="print")
        links = seen.page.evaluate(PRINTED_LINKS)
        assert links, path
        repeated = [link for link in links if link["printed"].count(link["href"]) > 1]
        assert repeated == [], f"{path}: addresses printed twice: {repeated[:3]}"
        backrefs = seen.page.locator(".footnote-backref")
        assert backrefs.count() == 0 or not any(backrefs.evaluate_all("bs => bs.map(b => b.offsetParent !== null)"))
        for number in seen.page.evaluate(NUMBERS):
            if number["list"] != "none":
                assert number["left"] >= number["width"], f"{path}: a list number is cut at the page edge: {number}"
        if path == site.briefs()[0]:
            assert seen.page.locator(".footnote li").count() >= 10, "the check needs two-digit note numbers"
            seen.page.pdf(path=str(ARTIFACTS / "brief-print.pdf"), format="A4", print_background=True)

    # A link whose text is not its address still prints the address after it.
    seen.page.evaluate(
        "() => { const p = document.querySelector('article p'); const a = document.createElement('a');"
        " a.href = 'https://example.org/report'; a.textContent = 'the report'; a.id = 'named'; p.append(a); }"
    )
    after = seen.page.locator("#named").evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://example.org/report" in after, after


# ---------------------------------------------------------------------------------------------
# 4. Footnotes on a phone


TARGETS = """
sel => [...document.querySelectorAll(sel)].filter(a => a.getClientRects().length).map(a => {
  a.scrollIntoView({block: "center"});
  const r = a.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  const style = getComputedStyle(a);
  return {text: a.textContent, width: r.width, height: r.height, hit: !!hit && (hit === a || a.contains(hit)),
          opacity: style.opacity, visibility: style.visibility};
})
"""


OVERLAPS = """
() => {
  const boxes = [...document.querySelectorAll("a.footnote-ref")].map(a => a.getBoundingClientRect());
  const overlap = (r, p) => Math.abs(r.top - p.top) < 1 && r.left < p.right - 0.5;
  return boxes.filter((r, i) => i && overlap(r, boxes[i - 1])).length;
}
"""


@pytest.mark.browser
def test_note_numbers_and_back_links_are_visible_24px_tap_targets_on_a_phone(
    built: dict[str, Built], served: dict[str, str], tab: Callable[..., Tab]
) -> None:
    seen = tab(PHONE, is_mobile=True, has_touch=True)
    checked = 0
    for name, site in built.items():
        for path in ["", *site.briefs()]:
            seen.page.goto(served[name] + path, wait_until="load")
            for selector in ("a.footnote-ref", "a.footnote-backref"):
                for target in seen.page.evaluate(TARGETS, selector):
                    checked += 1
                    assert target["width"] >= 24 and target["height"] >= 24, f"{name} {path} {selector}: {target}"
                    assert target["hit"], f"{name} {path} {selector}: covered at its centre: {target}"
                    # An invisible back-link still takes a line of its own: none may be invisible.
                    assert target["opacity"] == "1" and target["visibility"] == "visible", target
            # Targets side by side must not overlap (a tap would be ambiguous).
            overlaps = seen.page.evaluate(OVERLAPS)
            assert overlaps == 0, f"{name} {path}: note numbers overlap"
    assert checked > 100


# ---------------------------------------------------------------------------------------------
# 5. Footnote previews


def _preview(page: Any) -> Any:
    preview = page.locator(".explainer-preview[role='dialog']:not([hidden])")
    preview.wait_for(state="visible", timeout=5_000)
    return preview


@pytest.mark.browser
def test_a_note_number_previews_its_source_on_hover(
    built: dict[str, Built], served: dict[str, str], tab: Callable[..., Tab]
) -> None:
    brief = built["default"].briefs()[0]
    seen = tab(DESKTOP)
    seen.page.goto(served["default"] + brief, wait_until="networkidle")
    ref = seen.page.locator("a.footnote-ref").first
    note = seen.page.locator(ref.get_attribute("href").replace(":", "\\:")).inner_text()  # type: ignore[union-attr]
    ref.hover()
    preview = _preview(seen.page)
    assert note.split("(accessed")[0].strip()[:60] in preview.inner_text()
    assert "↩" not in preview.inner_text()
    assert preview.locator(".footnote-backref").evaluate_all("bs => bs.every(b => !b.getClientRects().length)")
    assert seen.errors == []


@pytest.mark.browser
def test_note_numbers_side_by_side_read_with_a_comma_between_and_none_after_the_last(
    built: dict[str, Built], served: dict[str, str], tab: Callable[..., Tab]
) -> None:
    seen = tab(DESKTOP)
    seen.page.goto(served["default"] + built["default"].briefs()[0], wait_until="load")
    marks = seen.page.evaluate(
        """() => [...document.querySelectorAll('article sup[id^="fnref"]')].map(s => [
            !!(s.nextElementSibling && s.nextElementSibling.matches('sup[id^="fnref"]')),
            getComputedStyle(s, '::after').content,
        ])"""
    )
    assert any(followed for followed, _content in marks), "the brief has notes side by side"
    assert [content == '","' for _followed, content in marks] == [followed for followed, _content in marks]


IN_VIEW = (
    "id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
)


@pytest.mark.browser
def test_a_tap_on_a_note_number_previews_its_source_and_a_second_tap_follows_it(
    built: dict[str, Built], served: dict[str, str], tab: Callable[..., Tab]
) -> None:
    brief = built["default"].briefs()[0]
    seen = tab(PHONE, is_mobile=True, has_touch=True)
    seen.page.goto(served["default"] + brief, wait_until="networkidle")
    ref = seen.page.locator("a.footnote-ref").nth(1)
    ref.scroll_into_view_if_needed()
    before = seen.page.evaluate("scrollY")
    ref.tap()
    preview = _preview(seen.page)
    target = ref.get_attribute("href") or ""
    note = seen.page.locator(target.replace(":", "\\:")).inner_text()
    assert note.split(".")[0][:40] in preview.inner_text()
    assert seen.page.evaluate("scrollY") == before, "the first tap jumped away from the text"
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"the preview leaves the screen: {box}"
    assert seen.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The source's link in the preview can be reached.
    assert preview.locator("a[href^='http']").count() >= 1
    # A tap elsewhere closes it; a second tap on the number goes to the note.
    seen.page.locator("article h1").tap()
    seen.page.wait_for_function("!document.querySelector('.explainer-preview:not([hidden])')", timeout=5_000)
    ref.tap()
    ref.tap()
    seen.page.wait_for_function(IN_VIEW, arg=target.lstrip("#"), timeout=5_000)
    assert seen.errors == []


# ---------------------------------------------------------------------------------------------
# 6. The 404 page


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["/", PREFIX], ids=["root", "site-path"])
def test_the_404_page_works_wherever_the_site_is_served(
    built: dict[str, Built], tab: Callable[..., Tab], prefix: str
) -> None:
    site = built["default"]
    with _serve(site.folder, prefix) as base:
        seen = tab(PHONE)
        failed: list[str] = []
        seen.page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        missing = base + "no/such/page/at/depth/"
        response = seen.page.goto(missing, wait_until="networkidle")
        assert response is not None and response.status == 404
        assert seen.page.locator("h1").inner_text() == "Page not found"
        assert failed == [f"404 {missing}"], f"only the missing page itself may fail: {failed}"
        # Styles and scripts ran: Material's header is styled, and its script mounted the search.
        assert seen.page.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
        assert "js" in (seen.page.locator("html").get_attribute("class") or "").split()
        # Every link on the page leads to a page of the site.
        links = seen.page.eval_on_selector_all("a[href]", "as => [...new Set(as.map(a => a.href))]")
        local = [link for link in links if link.startswith(base)]
        assert len(local) > 5
        for link in local:
            status = seen.page.request.get(link).status
            assert status == 200, f"{link} from the 404 page: HTTP {status}"
        # No serious accessibility problem (as on the other pages).
        seen.page.add_script_tag(path=str(REPO / "node_modules" / "axe-core" / "axe.min.js"))
        found = seen.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")["violations"]
        assert [v["id"] for v in found if v["impact"] in ("serious", "critical")] == []
        # Search finds a brief and links to it under the same root.
        seen.page.keyboard.press("/")
        seen.page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')",
            timeout=15_000,
        )
        seen.page.keyboard.type("pipeline", delay=20)
        result = seen.page.locator(".md-search-result__item a").first
        result.wait_for(state="attached", timeout=15_000)
        assert (result.get_attribute("href") or "").startswith(base)
        assert seen.errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
        assert seen.outside == []


# ---------------------------------------------------------------------------------------------
# 7. Home cards


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_each_home_card_follows_its_first_link_from_anywhere_on_it(
    served: dict[str, str], tab: Callable[..., Tab], viewport: dict[str, int]
) -> None:
    seen = tab(viewport)
    home = served["default"]
    seen.page.goto(home, wait_until="load")
    cards = seen.page.locator(".grid.cards > ul > li")
    count = cards.count()
    assert count >= 3
    for i in range(count):
        seen.page.goto(home, wait_until="load")
        card = cards.nth(i)
        first = card.locator("a").first
        href = first.evaluate("a => a.href")
        # The card holds one link per brief and no link around links.
        assert card.evaluate("li => li.querySelectorAll('a a').length") == 0
        assert card.get_attribute("role") is None and card.get_attribute("tabindex") is None
        card.evaluate("e => e.scrollIntoView({block: 'center'})")  # clear of the sticky header
        box = card.bounding_box()
        title = card.locator("strong").first.bounding_box()
        for x, y in ((box["x"] + box["width"] - 6, box["y"] + 6), (title["x"] + 2, title["y"] + title["height"] / 2)):
            seen.page.mouse.click(x, y)
            seen.page.wait_for_url(href)
            seen.page.go_back(wait_until="load")
            card.evaluate("e => e.scrollIntoView({block: 'center'})")  # clear of the sticky header
        # A second link in the card still goes where it says.
        others = card.locator("li + li > a")
        if others.count():
            target = others.first.evaluate("a => a.href")
            others.first.click()
            seen.page.wait_for_url(target)
    assert seen.errors == []


@pytest.mark.browser
def test_keyboard_focus_on_a_home_card_link_outlines_the_card(served: dict[str, str], tab: Callable[..., Tab]) -> None:
    seen = tab(DESKTOP)
    seen.page.goto(served["default"], wait_until="load")
    first = seen.page.locator(".grid.cards > ul > li").first.locator("a").first
    # As after keyboard use: a key press, then focus moves to the link (so :focus-visible applies).
    seen.page.keyboard.press("Shift")
    first.focus()
    assert first.evaluate("a => a === document.activeElement && a.matches(':focus-visible')")
    ring = first.evaluate(
        "a => { const s = getComputedStyle(a, '::after');"
        " return [s.outlineStyle, parseFloat(s.outlineWidth), s.position, s.top, s.left, s.right, s.bottom]; }"
    )
    assert ring[0] == "solid" and ring[1] >= 2, f"no visible focus ring around the card: {ring}"
    assert ring[2:] == ["absolute", "0px", "0px", "0px", "0px"], f"the link does not stretch over the card: {ring}"


# ---------------------------------------------------------------------------------------------
# 8. No sideways scrolling on a phone, no text under 12 px


OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  // Content inside a box that scrolls or clips (a wide table, a diagram) does not widen the page.
  const clipped = e => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== "visible" && p.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  const name = e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`;
  const wide = [...document.querySelectorAll("body *")].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1 && getComputedStyle(e).visibility !== "hidden" && !clipped(e);
  }).map(e => `${name(e)} → ${Math.round(e.getBoundingClientRect().right)}px`);
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}
"""
SMALL_TEXT = """
() => {
  const small = {};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    if (!node.data.trim()) continue;
    const element = node.parentElement;
    const style = getComputedStyle(element);
    const size = parseFloat(style.fontSize);
    // Font size 0 hides a text alternative behind an icon (Material's back-links): no text is shown.
    if (size === 0 || style.visibility === "hidden" || !element.getClientRects().length) continue;
    if (size < 12) small[`${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`] = style.fontSize;
  }
  return small;
}
"""


@pytest.mark.browser
def test_no_page_scrolls_sideways_on_a_phone_and_no_text_is_under_12px(
    built: dict[str, Built], served: dict[str, str], tab: Callable[..., Tab]
) -> None:
    problems = {}
    for name, site in built.items():
        for viewport in (PHONE, DESKTOP):
            seen = tab(viewport)
            for path in site.pages():
                seen.page.goto(served[name] + path, wait_until="load")
                label = f"{name} {path or 'home'} {viewport['width']}px"
                if viewport is PHONE:
                    overflow = seen.page.evaluate(OVERFLOW)
                    if overflow["scroll"] > overflow["width"] or overflow["wide"]:
                        problems[label + " overflow"] = overflow
                small = seen.page.evaluate(SMALL_TEXT)
                if small:
                    problems[label + " small text"] = small
            # A glossary definition (its preview) is text too.
            seen.page.goto(served[name] + site.briefs()[0], wait_until="networkidle")
            term = seen.page.locator("article abbr").first
            term.focus()
            tip = seen.page.locator(".explainer-preview[role='tooltip']:not([hidden])")
            tip.wait_for(state="visible", timeout=5_000)
            size = tip.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
            if size < 12:
                problems[f"{name} glossary tooltip {viewport['width']}px"] = size
    assert problems == {}, problems


# ---------------------------------------------------------------------------------------------
# 9. Lighthouse


@pytest.mark.slow
@pytest.mark.browser
def test_lighthouse_scores_95_or_more_on_the_home_page_and_a_brief(built: dict[str, Built]) -> None:
    """Accessibility, best practices and SEO are asserted; performance, a timing of this machine, is printed
    (``make lighthouse`` holds it to 95 on a quiet machine, as a benchmark)."""
    node = shutil.which("node")
    _need(node is not None, "node is missing: install Debian's nodejs")
    _need((REPO / "node_modules" / "lighthouse").exists(), "node_modules/lighthouse is missing: run `npm ci`")
    _need(CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium")
    site = built["default"]
    run = subprocess.run(
        [
            str(node),
            str(TOOLS / "lighthouse.mjs"),
            "--site",
            str(site.folder),
            "--prefix",
            PREFIX,
            "--out",
            str(ARTIFACTS / "lighthouse"),
            "--min",
            "95",
            "--performance-min",
            "0",
            "--runs",
            "1",
            "",
            "briefs/energy-ties/" if "briefs/energy-ties/" in site.briefs() else site.briefs()[0],
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", str(CHROMIUM))},
        timeout=1800,
    )
    print(run.stdout)
    # 3: a score under 95 measured while other work loaded the machine (its load average at or over
    # its cores): skipped here, but CI, which has the machine to itself, must reach 95.
    _need(run.returncode != 3, "the machine was too busy to measure performance:\n" + run.stdout)
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
