"""Where something found in the built site came from: the content file (and its line) behind a page.

An unsafe address or script in the site names the page it is on; an editor needs
the content file. The files of the entities a page shows are searched first for
the unsafe value itself, then every content file; failing that, the message names
the page's own content file, or only the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.content.files import read_text
from generator.errors import Diagnostic
from generator.output.inspect import Unsafe
from generator.pages.registry import ADDRESSES

CODE = "unsafe-output"
HINT = (
    "links and pictures in content are https://, http:// or mailto: addresses, or links to content"
    " such as brief:energy-ties; the previous site is left in place"
)


def place(found: Iterable[Unsafe], graph: Any, site: str = "site") -> list[Diagnostic]:
    """A diagnostic for each unsafe thing, at the content file and line it came from where that can be told."""
    shown_on: dict[str, list[Any]] = {}
    for nodes in graph.nodes.values():
        for node in nodes:
            page = ADDRESSES.entity(node.kind, node.id).partition("#")[0]
            for built in dict.fromkeys(_built(page)):
                shown_on.setdefault(built, []).append(node.file)
    everything = [file for files in shown_on.values() for file in files]
    texts: dict[str, str | None] = {}
    placed = []
    for unsafe in found:
        message = f"the built page {site}/{unsafe.page} would hold {unsafe.what}"
        owners = shown_on.get(unsafe.page, [])
        where = _search(unsafe.value, [*owners, *everything], texts) if unsafe.value.strip() else None
        if where is None and owners:
            where = (owners[0].display, 1, 1)
        path, line, col = where or (f"{site}/{unsafe.page}", 1, 1)
        placed.append(Diagnostic(path, line, col, CODE, message, HINT))
    return placed


def _built(page: str) -> tuple[str, ...]:
    """The files MkDocs may build from a page under docs/: ``a/b.md`` is ``a/b/index.html`` with directory
    URLs, ``a/b.html`` without (``--file-urls``)."""
    if not page.endswith(".md"):
        return (page,)
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return (stem + ".html",)
    return (stem + "/index.html", stem + ".html")


def _search(value: str, files: list[Any], texts: dict[str, str | None]) -> tuple[str, int, int] | None:
    """The first place, in the files in order, whose text holds ``value`` (its longest line, or what follows
    its scheme)."""
    needle = max(value.strip().splitlines() or [""], key=len).strip()
    after_scheme = needle.partition(":")[2]  # the scheme may be written with entities; what follows is not
    for candidate in dict.fromkeys([needle, *([after_scheme] if len(after_scheme) >= 6 else [])]):
        for file in files:
            if file.display not in texts:
                texts[file.display] = read_text(file.path, file.display)[0]
            text = texts[file.display] or ""
            at = text.find(candidate)
            if at >= 0:
                line = text.count("\n", 0, at) + 1
                return file.display, line, at - (text.rfind("\n", 0, at) + 1) + 1
    return None
