"""Make content text safe to place in generated Markdown and in MkDocs' HTML.

Content is data, never markup the editor did not mean. Plain-text fields are
shown literally: they cannot open a link, a table cell, a list or a heading.
Markdown fields keep emphasis, links, lists and code, but lose everything that
reaches beyond the text itself: raw HTML and entities are shown as text,
attribute lists (``{ onclick=... }``) are shown as text, and definitions that
act on the whole page (footnotes, abbreviations, snippet inclusions) are
disabled. Code is left alone only where Markdown will certainly render it as
code, so a stray backtick or an unclosed fence can never leave HTML unescaped.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Iterator
from urllib.parse import quote

# Characters Python-Markdown treats as escapable (with the tables extension); others keep their backslash.
# Brackets become entities instead: a reference definition ("[x]: url") ignores backslashes.
_INLINE_SPECIALS = re.compile(r"([\\`*_|#!{}])")
# Block markers a line can start with; a heading or an underline can hide behind them ("> # x", "- # x").
_CONTAINER = r"[ \t]*+(?:>|[-+*][ \t]|\d{1,9}[.)][ \t])"
_CONTAINERS = rf"(?:{_CONTAINER})*+[ \t]*+"
_LINE_START = re.compile(r"^([ \t]*)(?:([-+*])(?=[ \t]|$)|(>)|(\d{1,9})([.)])(?=[ \t]|$))")
_HEADING = re.compile(rf"^({_CONTAINERS})#")  # Python-Markdown needs no space after the hashes
# A "-" is a list marker or an underline: the containers may give one back, the rest never backtracks.
_SETEXT = re.compile(rf"^((?:{_CONTAINER})*[ \t]*+)(?:(=)(=*+)|(-)(-*+))[ \t]*+$")
_BACKTICKS = re.compile(r"`+")
# A fence SuperFences certainly renders as code: not indented, a plain language word, closed by the same run.
_FENCE_OPEN = re.compile(r"^(`{3,}+|~{3,}+)[ \t]*+(?:\.?[\w#.+\-]++)?[ \t]*+$")
_FENCE_CLOSE = re.compile(r"^(`{3,}+|~{3,}+)[ \t]*+$")
_SNIPPET = re.compile(r"^([ \t]*)(;*-+8<-+)")
_PAGE_DEFINITION = re.compile(r"^(\s*)(\[\^|\*\[)")
# A link's text holds no bracket, so each scan from a "[" ends at the next bracket: linear in the text.
_LINK = re.compile(r"!?\[([^\[\]]*+)\](?:\([^()]*+\)|\[[^\[\]]*+\])")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_MARKERS = re.compile(rf"^{_CONTAINERS}#*+[ \t]*+", re.M)
_EMPHASIS = re.compile(r"[*`]+|(?<!\w)_+|_+(?!\w)")
# Characters kept as they are in a link target; everything else is percent-encoded.
_URL_SAFE = "/:@!$&'*+,;=?#%-._~"


# The filters below are pure, so they are cached: a title or a summary is escaped once for the many
# pages that show it, and the preview finds the text of unchanged entries already escaped. The
# bounds hold the short texts of a large explainer; long bodies are seldom shown twice.
@functools.lru_cache(maxsize=1 << 15)
def plain(text: str) -> str:
    """One line of literal text: every Markdown and HTML special character is neutralised."""
    line = " ".join(text.split())
    line = _INLINE_SPECIALS.sub(r"\\\1", line)
    line = html.escape(line, quote=False).replace("[", "&#91;").replace("]", "&#93;")
    return _escape_line_start(line)


def html_text(text: str) -> str:
    """One line of literal text for the places MkDocs treats as HTML: page titles and navigation labels.

    MkDocs and Material print these as they are (``{{ page.title }}``), in text
    and in double-quoted attributes; apostrophes are left alone for readability.
    """
    return html.escape(" ".join(text.split()), quote=False).replace('"', "&quot;")


def words(text: str) -> str:
    """Editor's Markdown as one line of words: links become their text, emphasis and code marks go."""
    line = " ".join(text.split())
    line = _LINK.sub(r"\1", line)
    return " ".join(_EMPHASIS.sub("", line).split())


def url(value: str) -> str:
    """A validated http(s) address made safe as a Markdown link target or autolink."""
    return quote(value, safe=_URL_SAFE)


def abbreviation(name: str, definition: str) -> str | None:
    """The ``*[name]: definition`` line for the abbreviations snippet, or None when ``name`` cannot be one.

    The line must always parse as a definition (so it never shows up as text
    on every page): the name is one line without ``]``, ``\\`` or markup.
    """
    name = " ".join(name.split())
    if not name or any(char in name for char in "]\\<"):
        return None
    return f"*[{name}]: {html.escape(words(definition), quote=False)}"


def markdown(text: str) -> str:
    """Editor's Markdown with raw HTML shown as text and page-wide constructs disabled; code left alone."""
    out: list[str] = []
    for is_code, lines in _blocks(text.strip("\n").split("\n")):
        if is_code:
            out.extend(_SNIPPET.sub(r"\1;\2", line) for line in lines)
        else:
            out.extend(_PAGE_DEFINITION.sub(r"\1\\\2", _nest(line)) for line in _escape_paragraphs(lines))
    return "\n".join(out)


# Containers nest as deep as their markers on one line go ("1. 1. 1. ..."): Python-Markdown recurses
# once for each, and a line of them exceeded its stack. Past eight, a marker is text.
_DEEP = re.compile(r"^((?:[ \t]*+(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))){8}[ \t]*+)(?:([>+*-])|(\d{1,9})([.)]))")


def _nest(line: str) -> str:
    return _DEEP.sub(_escape_marker, line) if len(line) > 16 else line


def _escape_marker(match: re.Match[str]) -> str:
    before, sign, number, dot = match.groups()
    return f"{before}\\{sign}" if sign else f"{before}{number}\\{dot}"


@functools.lru_cache(maxsize=1 << 15)
def markdown_inline(text: str) -> str:
    """Editor's Markdown joined into one line that cannot start a heading, list or quote, or split a table."""
    line = _escape_paragraph([" ".join(text.split())])[0]
    line = _PAGE_DEFINITION.sub(r"\1\\\2", line)
    line = _HEADING.sub(r"\1\\#", line)
    return _escape_line_start(line).replace("|", "\\|")


@functools.lru_cache(maxsize=1 << 12)
def markdown_block(text: str) -> str:
    """Editor's Markdown paragraphs, with headings demoted to text so the page outline stays ours."""
    out: list[str] = []
    for is_code, lines in _blocks(markdown(text).split("\n")):
        if is_code:
            out.extend(lines)
        else:
            out.extend(_SETEXT.sub(_escape_setext, _HEADING.sub(r"\1\\#", line)) for line in lines)
    return "\n".join(out)


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.split("\n"))


def _blocks(lines: list[str]) -> Iterator[tuple[bool, list[str]]]:
    """Split lines into runs of text and fenced code blocks (``True``), fences included in the code."""
    closers = _closers(lines)
    start = 0
    index = 0
    while index < len(lines):
        end = _fence_end(lines, index, closers)
        if end is None:
            index += 1
            continue
        if start < index:
            yield False, lines[start:index]
        yield True, lines[index : end + 1]
        index = start = end + 1
    if start < len(lines):
        yield False, lines[start:]


def _closers(lines: list[str]) -> dict[str, list[int]]:
    """The lines that could close a fence, by their run of backticks or tildes, in order."""
    found: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if line[:3] in ("```", "~~~") and (match := _FENCE_CLOSE.match(line)):
            found.setdefault(match.group(1), []).append(index)
    return found


def _fence_end(lines: list[str], start: int, closers: dict[str, list[int]]) -> int | None:
    """Index of the line closing the fence opened at ``start``, or None if no trusted fence opens there.

    The closing line is looked up, not searched for: many fences left open cost no more than one.
    """
    opening = _FENCE_OPEN.match(lines[start])
    if not opening:
        return None
    candidates = closers.get(opening.group(1), [])
    at = bisect.bisect_right(candidates, start)
    return candidates[at] if at < len(candidates) else None


def _escape_paragraphs(lines: list[str]) -> list[str]:
    """Escape each paragraph (a run of non-blank lines) as a whole: a code span can cross lines, not blank ones."""
    out: list[str] = []
    start = 0
    for index in range(len(lines) + 1):
        if index == len(lines) or not lines[index].strip():
            if start < index:
                out.extend(_escape_paragraph(lines[start:index]))
            if index < len(lines):
                out.append(lines[index])
            start = index + 1
    return out


def _escape_paragraph(lines: list[str]) -> list[str]:
    """Escape everything but code spans; trust code spans only where Markdown cannot pair backticks otherwise.

    Spans are found line by line. If any backtick is left unpaired, it could
    pair with one on another line, and if a line holds a ``|`` a table could
    split a span: then nothing is trusted and every line is escaped whole
    (code may show ``&lt;``, never raw HTML).
    """
    found = [_code_spans(line) for line in lines]
    if any(spans is None or (spans and "|" in line) for spans, line in zip(found, lines, strict=True)):
        return [_escape_text(line) for line in lines]
    escaped = []
    for line, spans in zip(lines, found, strict=True):
        parts: list[str] = []
        last = 0
        for start, end in spans or []:
            parts += [_escape_text(line[last:start]), line[start:end]]
            last = end
        escaped.append("".join([*parts, _escape_text(line[last:])]))
    return escaped


def _code_spans(line: str) -> list[tuple[int, int]] | None:
    """The code spans in ``line``, or None unless every Markdown would find exactly these.

    Each backtick run is closed by the next run of the same length. A run
    with no such partner, or one after a backslash, is where Markdown
    implementations (and Python-Markdown versions) differ, so nothing is trusted.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    if any(start and line[start - 1] == "\\" for start, _end in runs):
        return None
    spans = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        partner = next((k for k in range(index + 1, len(runs)) if runs[k][1] - runs[k][0] == end - start), None)
        if partner is None:
            return None
        spans.append((start, runs[partner][1]))
        index = partner + 1
    return spans


def _escape_text(text: str) -> str:
    """Raw HTML, entities and attribute lists become text; emphasis and links stay Markdown."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = text.replace("{", "\\{").replace("}", "\\}")
    return _brackets(text) if "[" in text else text


def _brackets(text: str) -> str:
    """Each ``[`` that cannot open a simple link becomes ``&#91;``: only innermost pairs stay, and a pair
    followed by ``(`` only when its target closes before another paren opens (one level of nesting).

    Python-Markdown looks for the end of a link from every ``[``, and for the end of its target from
    every ``](``: a run of brackets or of open links took it minutes. These are the links it reads
    quickly, and the ones editors write.
    """
    keep: set[int] = set()
    opening = -1
    for index, char in enumerate(text):
        if char == "[" and not (index and text[index - 1] == "\\"):
            opening = index
        elif char == "]" and opening >= 0:
            if not text.startswith("(", index + 1) or _TARGET.match(text, index + 1):
                keep.add(opening)
            opening = -1
    return "".join(
        "&#91;" if char == "[" and index not in keep and not (index and text[index - 1] == "\\") else char
        for index, char in enumerate(text)
    )


_TARGET = re.compile(r"\((?:[^()\\]|\\.|\([^()]*+\))*+\)")


def _escape_line_start(line: str) -> str:
    def escape(match: re.Match[str]) -> str:
        indent, bullet, quote, number, dot = match.groups()
        if bullet or quote:
            return indent + "\\" + (bullet or quote)
        return indent + number + "\\" + dot

    return _LINE_START.sub(escape, line)


def _escape_setext(match: re.Match[str]) -> str:
    if match.group(2):  # "=" cannot be escaped with a backslash; an entity is not an underline.
        return match.group(1) + "&#61;" + match.group(3)
    return match.group(1) + "\\" + match.group(4) + match.group(5)


def plain_text(source: str) -> str:
    """Editor's Markdown as one line of plain text, for meta descriptions and structured data.

    Block markers (quotes, list bullets, heading hashes) and backslash escapes go,
    then ``words`` takes out links and emphasis: one pass each, however the text is made.
    """
    kept = _ESCAPED.sub(lambda match: chr(_KEPT + ord(match.group(1))), _MARKERS.sub("", source))
    return words(kept).translate(_RESTORE)


_KEPT = 0xF0000  # escaped characters stand in a private-use plane while emphasis marks are taken out
_RESTORE = {_KEPT + ord(char): char for char in "\\`*_{}[]()#+-.!|<>"}
