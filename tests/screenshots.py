"""Serve a built site locally and drive Debian's Chromium; run as a module to refresh the README's screenshots.

    python -m tests.screenshots [SITE_DIR]   (default: site/, built by `make site`)

writes ``.github/screenshots/home.png`` and ``brief.png`` (desktop width), the
pictures ``map.png``, ``chart.png`` and ``timeline.png``, and the ``-phone``
variant of each. The browser tests import the helpers below, so the README's
pictures and the tests see the site the same way.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
REPO = Path(__file__).resolve().parent.parent
OUT = REPO / ".github" / "screenshots"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under ``prefix`` (the path of its ``site_url``), as its real host would."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".not-found")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: Any) -> None:  # the tests record requests themselves
        pass


def site_prefix(config: Path) -> str:
    """The path part of ``site_url`` in mkdocs.yml ("/explainer/"), where the 404 page expects the site."""
    match = re.search(r"^site_url:\s*(https?://\S+)", config.read_text(encoding="utf-8"), re.M)
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


@contextlib.contextmanager
def serve(folder: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port under ``prefix``; yields the base URL (ending in /)."""
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


def launch(playwright: Any) -> Any:
    """Headless Debian Chromium (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def first_brief(site: Path) -> str:
    """URL path of the first brief in the navigation order (the home page's first brief link)."""
    home = (site / "index.html").read_text(encoding="utf-8")
    found = re.search(r'href="(briefs/[a-z0-9]+(?:-[a-z0-9]+)*/)"', home)  # a brief, not the list of briefs
    assert found, "the home page links to no brief"
    return found.group(1)


def first_chart(site: Path) -> str:
    """URL path of the first brief (the home page's first, then in order of their addresses) that draws a chart."""
    briefs = [first_brief(site), *sorted(f"briefs/{p.parent.name}/" for p in (site / "briefs").glob("*/index.html"))]
    return next((path for path in briefs if "data/charts/" in _html(site, path)), briefs[0])


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


PICTURES = (("map", "", ".explainer-figure--map"), ("timeline", "timeline/", ".explainer-figure--timeline"))


def capture(site: Path, out: Path = OUT) -> list[Path]:
    """Screenshots of the home page and the first brief, and of a map, a chart and the timeline's overview, at
    desktop and phone width."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site, site_prefix(REPO / "mkdocs.yml")) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for suffix, viewport in (("", DESKTOP), ("-phone", PHONE)):
                page = browser.new_page(viewport=viewport, color_scheme="light")
                for name, path in (("home", ""), ("brief", first_brief(site))):
                    page.goto(base + path, wait_until="networkidle")
                    target = out / f"{name}{suffix}.png"
                    page.screenshot(path=str(target))
                    written.append(target)
                for name, path, selector in (*PICTURES, ("chart", first_chart(site), ".explainer-figure--chart")):
                    page.goto(base + path, wait_until="networkidle")
                    figure = page.locator(selector).first
                    if not figure.count():
                        continue
                    figure.locator("img").evaluate("img => { img.loading = 'eager'; return img.decode(); }")
                    target = out / f"{name}{suffix}.png"
                    figure.screenshot(path=str(target))
                    written.append(target)
                page.close()
        finally:
            browser.close()
    return written


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else REPO / "site"
    if not (site / "index.html").exists():
        print(f"no built site at {site}: run `make site` first", file=sys.stderr)
        return 2
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)", file=sys.stderr)
        return 2
    for path in capture(site):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
