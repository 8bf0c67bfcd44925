"""Make content text safe to place in generated Markdown.

Content is data, never markup the editor did not mean: raw HTML is shown as
text, a plain-text field cannot open a link, a table cell or a heading, and
Markdown fields keep their emphasis, links and lists but lose raw HTML.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_FENCE = re.compile(r"^(```|~~~)")
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]|#!~{}])")
_LINE_START = re.compile(r"^(\s*)([-+>=]|\d+[.)])(?=\s|$)")
_HEADING = re.compile(r"^(\s*)(#{1,6})(?=\s|$)")
_SETEXT = re.compile(r"^(\s*)(=+|-{2,})\s*$")
_LINK_SCHEME = re.compile(
    r"\]\(\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*):|^\s*\[[^\]]+\]:\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*):", re.M
)
SAFE_SCHEMES = {"http", "https", "mailto"}


def plain(text: str) -> str:
    """One line of literal text: every Markdown and HTML special character is neutralised."""
    line = " ".join(text.split())
    line = _INLINE_SPECIALS.sub(r"\\\1", line)
    return line.replace("<", "&lt;").replace(">", "&gt;")


def markdown(text: str) -> str:
    """Editor's Markdown with raw HTML shown as text, code left alone."""
    out: list[str] = []
    in_fence = False
    for line in text.strip("\n").split("\n"):
        if _FENCE.match(line.lstrip()):
            in_fence = not in_fence
            out.append(line)
            continue
        out.append(line if in_fence else _escape_html_outside_code(line))
    return "\n".join(out)


def markdown_inline(text: str) -> str:
    """Editor's Markdown joined into one line that cannot start a heading, list or quote."""
    line = " ".join(markdown(text).split())
    line = _HEADING.sub(r"\1\\\2", line)
    line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
    return line.replace("|", "\\|")


def markdown_block(text: str) -> str:
    """Editor's Markdown paragraphs, with headings demoted to text so the page outline stays ours."""
    lines = [
        _SETEXT.sub(lambda m: m.group(1) + "\\" + m.group(2), _HEADING.sub(r"\1\\\2", line))
        for line in markdown(text).split("\n")
    ]
    return "\n".join(lines)


def unsafe_link_schemes(text: str) -> list[str]:
    """Link schemes in Markdown text that are not http(s) or mailto, such as ``javascript``."""
    found = []
    for match in _LINK_SCHEME.finditer(text):
        scheme = (match.group(1) or match.group(2)).lower()
        if scheme not in SAFE_SCHEMES:
            found.append(scheme)
    return found


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.split("\n"))


def _escape_html_outside_code(line: str) -> str:
    parts: list[str] = []
    last = 0
    for match in _CODE.finditer(line):
        parts.append(_escape_html(line[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_escape_html(line[last:]))
    return "".join(parts)


def _escape_html(text: str) -> str:
    return text.replace("<", "&lt;")
