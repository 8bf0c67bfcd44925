"""Screenshots of a built site for a person to look at: phone and desktop widths, and print.

    .venv/bin/python tests/tools/shots.py [SITE_DIR] [OUT_DIR] [--prefix /explainer/]

writes OUT_DIR/NAME-phone.png and NAME-desktop.png (the first screen) for the home page, a brief,
the sources page and the 404 page, then NAME-LABEL-N.png for the rest of each page in slices two
screens high (at most MAX_SLICES), the brief's footnotes and "cite this page" on their own, and
brief-print.pdf (print media, A4) for pdftoppm.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import screenshots
from screenshots import REPO, launch, site_prefix

MAX_SLICES = 6
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


class _Host(screenshots._Handler):
    """As a static host: a missing page gets 404.html, with status 404."""

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
        self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path, prefix: str) -> Iterator[str]:
    handler = functools.partial(type("Host", (_Host,), {"prefix": prefix}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def pages(site: Path) -> dict[str, str]:
    briefs = sorted(p.parent.name for p in (site / "briefs").glob("*/index.html"))
    brief = "energy-ties" if "energy-ties" in briefs else briefs[0]
    return {"home": "", "brief": f"briefs/{brief}/", "sources": "sources/", "404": "no-such-page/"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=REPO / "site")
    parser.add_argument("out", nargs="?", type=Path, default=REPO / "test-artifacts" / "theme-shots")
    parser.add_argument("--prefix", default=None, help="URL path to serve the site under (default: site_url's)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    prefix = args.prefix or site_prefix(REPO / "mkdocs.yml")
    targets = pages(args.site)
    with serve(args.site, prefix) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for label, viewport in VIEWPORTS.items():
                page = browser.new_page(viewport=viewport, color_scheme="light")
                for name, path in targets.items():
                    page.goto(base + path, wait_until="networkidle")
                    shot = args.out / f"{name}-{label}.png"
                    page.screenshot(path=str(shot))
                    print(shot)
                    height = page.evaluate("document.documentElement.scrollHeight")
                    step = viewport["height"] * 2
                    for n, y in enumerate(range(viewport["height"], height, step)):
                        if n >= MAX_SLICES:
                            break
                        clip = {"x": 0, "y": y, "width": viewport["width"], "height": min(step, height - y)}
                        shot = args.out / f"{name}-{label}-{n + 1}.png"
                        page.screenshot(path=str(shot), full_page=True, clip=clip)
                    for part, selector in (("footnotes", ".footnote"), ("cite", ".cite-this")):
                        if name == "brief" and page.locator(selector).count():
                            box = page.locator(selector).first.bounding_box()
                            clip = {"x": 0, "y": box["y"] - 40, "width": viewport["width"], "height": 900}
                            shot = args.out / f"{name}-{label}-{part}.png"
                            page.screenshot(path=str(shot), full_page=True, clip=clip)
                            print(shot)
                page.close()
            page = browser.new_page(viewport=VIEWPORTS["desktop"], color_scheme="light")
            page.goto(base + targets["brief"], wait_until="networkidle")
            page.emulate_media(media="print")
            pdf = args.out / "brief-print.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=True)
            print(pdf)
            page.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
