"""Reading a built site as a browser would: pages, links and anchors."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append(str(values[name]))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    """Every internal link or asset reference (with its #anchor) that points nowhere."""
    # 404.html links by absolute site URL (it is served from any depth), so it is left out.
    pages = {p: parse(p) for p in site.rglob("*.html") if p.name != "404.html"}
    problems = []
    for path, page in sorted(pages.items()):
        base = "/" + path.relative_to(site).as_posix()
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            target_path = unquote(parts.path)
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(base), target_path)) if target_path else base
            target = site / resolved.lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{base}: {link} (no file)")
                continue
            if parts.fragment and target.suffix == ".html":
                anchors = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in anchors:
                    problems.append(f"{base}: {link} (no anchor)")
    return problems
