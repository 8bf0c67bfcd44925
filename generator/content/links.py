"""Links written in Markdown text, found as Python-Markdown finds them: inline links and reference definitions.

Content may link to the web (http, https, mailto) and to other content by id,
``[the Section 907 brief](brief:section-907)``; any other scheme (``javascript:``,
``data:``) is refused. Entities are decoded and tabs and line breaks inside a
scheme ignored first, as a browser would, so ``jav&#x61;script:`` is found too.

Python-Markdown reads a reference definition (``[r]: address``) at the start of
any line of any block, once the block's containers are taken off: in a list item,
a quote, an ordered list, a definition, nested at any depth, and with the label
or the address running onto the next line. Rather than follow each container,
every ``]:`` is read as a possible definition, and every ``](`` as a possible
inline link: a superset of what Python-Markdown finds, so none is missed, and
one pass over the text, so the time grows with its length and nothing more.
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


# A scheme as a browser reads it: tabs and line breaks inside are dropped. Possessive quantifiers
# (``*+``) never give back what they took, so a long run of spaces is read once, not once per split.
_SCHEME = r"([A-Za-z](?:[A-Za-z0-9+.\-]|[\t\n\r])*+):"
_INLINE = re.compile(r"\]\(\s*+<?\s*+" + _SCHEME)
# A definition's address may follow on the next line, after that line's quote markers and indent.
_DEFINITION = re.compile(r"\]:[ \t]*+(?:\r?\n[ \t>]*+)?<*+" + _SCHEME)
INTERNAL_LINK = re.compile(r"\]\(\s*+<?([a-z]++):([a-z0-9]++(?:-[a-z0-9]++)*+)\s*+>?\s*+\)")
"""A Markdown link to other content: ``](brief:energy-ties)``; groups are the kind and the id."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BREAKS = re.compile(r"[\t\n\r]")


def unsafe_schemes(text: str) -> list[str]:
    """Link schemes in Markdown text that are neither web nor content links, such as ``javascript``.

    Content links (``brief:ID``) are links only inline: a reference definition
    holding one would reach the page as it is, so there only web schemes pass.
    """
    if "]" not in text and "&" not in text:  # no link, even one spelled with entities: most texts
        return []
    decoded = _CONTROL.sub("", html.unescape(text))
    inline = WEB_SCHEMES | linkable()
    found = [(match.start(), scheme) for match in _INLINE.finditer(decoded) if (scheme := _scheme(match)) not in inline]
    found += [
        (match.start(), scheme)
        for match in _DEFINITION.finditer(decoded)
        if (scheme := _scheme(match)) not in WEB_SCHEMES
    ]
    return [scheme for _start, scheme in sorted(found)]


def _scheme(match: re.Match[str]) -> str:
    return _BREAKS.sub("", match.group(1)).lower()


def internal(text: str) -> Iterator[tuple[str, str]]:
    """Each link to other content in ``text``: (kind, id)."""
    if "](" not in text:
        return
    kinds = linkable()
    for match in INTERNAL_LINK.finditer(text):
        if match.group(1) in kinds:
            yield match.group(1), match.group(2)
