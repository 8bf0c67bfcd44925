"""The built sites in a real browser, shared by every browser test: Debian's headless Chromium, driven by
Playwright, one browser and one pair of served sites per session (``conftest`` makes the fixtures below
available to every test module).

The minimal content (plus a map, ties and a chart) is built, and, when the repository has valid
default content, that too; each is served on 127.0.0.1. Every request is recorded and any request to
another host is blocked and reported. Without /usr/bin/chromium the tests skip, unless CI is set,
where they fail.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from screenshots import CHROMIUM, DESKTOP, launch, serve, site_prefix

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (options) { return attach.call(this, {...options, mode: "open"}); };
"""


@dataclass
class Site:
    name: str
    folder: Path
    base: str
    briefs: list[str]  # URL paths, such as "briefs/trade/"
    actors: dict[str, str]  # name → URL path


def _build(root: Path, *, strict: bool) -> Path:
    from conftest import build_site, copy_site_setup

    from generator.project import Project

    copy_site_setup(root)
    build_site(Project.at(root), strict=strict)
    return root / "site"


def _entities(site: Path, folder: str) -> list[Path]:
    return sorted(p for p in (site / folder).glob("*/index.html"))


def _describe(name: str, folder: Path, base: str) -> Site:
    briefs = [f"briefs/{p.parent.name}/" for p in _entities(folder, "briefs")]
    actors = {}
    for page in _entities(folder, "actors"):
        title = re.search(r'<h1[^>]*>(.*?)<a class="headerlink"', page.read_text(encoding="utf-8"), re.S)
        assert title, page
        actors[re.sub(r"<[^>]+>", "", title.group(1)).strip()] = f"actors/{page.parent.name}/"
    return Site(name, folder, base, briefs, actors)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install chromium`) to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(message + " (required when CI is set)")
        pytest.skip(message)
    if not AXE.exists():
        message = "node_modules/axe-core is missing: run `npm ci`"
        if os.environ.get("CI"):
            pytest.fail(message + " (required when CI is set)")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[list[Site]]:
    """The minimal site and, when the repository's content is valid, the default site; both served."""
    from conftest import MINIMAL, PICTURES, write_tree

    folders = []
    minimal = write_tree(tmp_path_factory.mktemp("minimal"), {**MINIMAL, **PICTURES})
    folders.append(("minimal", _build(minimal, strict=True)))
    if (REPO / "content" / "explainer.yml").exists():
        from generator.errors import ExplainerError

        default = tmp_path_factory.mktemp("default")
        shutil.copytree(REPO / "content", default / "content")
        # The default content may still be being written: if it does not build, the minimal site is tested alone.
        with contextlib.suppress(ExplainerError):
            folders.append(("default", _build(default, strict=False)))
    with contextlib.ExitStack() as stack:
        prefix = site_prefix(REPO / "mkdocs.yml")
        yield [_describe(name, folder, stack.enter_context(serve(folder, prefix))) for name, folder in folders]


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """What one browser tab saw: every request, console errors, page errors and bytes received."""

    page: Any
    local: str
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    received: dict[str, int] = field(default_factory=dict)

    def goto(self, url: str, wait_until: str = "networkidle") -> None:
        response = self.page.goto(url, wait_until=wait_until)
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"


@pytest.fixture
def visit(browser: Any) -> Iterator[Callable[..., Visit]]:
    contexts = []

    def open_tab(site: Site, viewport: dict[str, int] = DESKTOP) -> Visit:
        context = browser.new_context(viewport=viewport, color_scheme="light", service_workers="block")
        contexts.append(context)
        page = context.new_page()
        local = urlsplit(site.base).netloc
        seen = Visit(page, local)

        def route(request_route: Any) -> None:
            url = request_route.request.url
            seen.requests.append(url)
            if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != local:
                seen.outside.append(url)
                request_route.abort()
            else:
                request_route.continue_()

        def received(response: Any) -> None:
            # As served (the local server does not compress): the body's length, from its header.
            seen.received[response.url] = int(response.headers.get("content-length", "0"))

        # Material draws diagrams into closed shadow roots; open them so the test (and axe) can look inside.
        context.add_init_script(OPEN_SHADOW_ROOTS)
        context.route("**/*", route)
        context.on("response", received)
        page.on("console", lambda msg: seen.errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
        page.on("pageerror", lambda exc: seen.errors.append(f"{page.url}: {exc}"))
        page.on("response", lambda r: seen.errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
        return seen

    yield open_tab
    for context in contexts:
        context.close()


def pages(site: Site) -> list[str]:
    """URL paths of every page of the site, the 404 page included."""
    pages = [p.relative_to(site.folder).parent.as_posix() + "/" for p in site.folder.rglob("index.html")]
    return sorted(["" if page == "./" else page for page in pages] + ["404.html"])
