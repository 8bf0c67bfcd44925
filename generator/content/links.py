"""Links written in Markdown text, found as Python-Markdown finds them: inline and reference links.

Content may link to the web (http, https, mailto) and to other content by id,
``[the Section 907 brief](brief:section-907)``; any other scheme (``javascript:``,
``data:``) is refused. Entities are decoded and tabs and line breaks inside a
scheme ignored first, as a browser would, so ``jav&#x61;script:`` is found too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from generator.content.types import TYPES

WEB_SCHEMES = frozenset({"http", "https", "mailto"})


def linkable() -> frozenset[str]:
    """Kinds of content a link can name as its scheme: ``brief:ID``, ``actor:ID``, ..."""
    return frozenset(t.kind for t in TYPES if t.folder)


_LINK_SCHEME = re.compile(
    r"\]\(\s*<?\s*([A-Za-z](?:[A-Za-z0-9+.\-]|[\t\n\r])*):|^\s*\[[^\]]+\]:\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*):", re.M
)
INTERNAL_LINK = re.compile(r"\]\(\s*<?([a-z]+):([a-z0-9]+(?:-[a-z0-9]+)*)\s*>?\s*\)")
"""A Markdown link to other content: ``](brief:energy-ties)``; groups are the kind and the id."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def unsafe_schemes(text: str) -> list[str]:
    """Link schemes in Markdown text that are neither web nor content links, such as ``javascript``."""
    if "]" not in text and "&" not in text:  # no link, even one spelled with entities: most texts
        return []
    decoded = _CONTROL.sub("", html.unescape(text))
    found = []
    for match in _LINK_SCHEME.finditer(decoded):
        scheme = re.sub(r"[\t\n\r]", "", match.group(1) or match.group(2)).lower()
        if scheme not in WEB_SCHEMES | linkable():
            found.append(scheme)
    return found


def internal(text: str) -> Iterator[tuple[str, str]]:
    """Each link to other content in ``text``: (kind, id)."""
    if "](" not in text:
        return
    kinds = linkable()
    for match in INTERNAL_LINK.finditer(text):
        if match.group(1) in kinds:
            yield match.group(1), match.group(2)
