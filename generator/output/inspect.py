"""The built site, read as a browser will read it: nothing in it may run, and every address stays on the web.

The input checks and escaping filters keep content inert; this is the check that
does not trust them. Every HTML page is parsed by lexbor (through selectolax), a
WHATWG HTML parser, so what is checked is the tree a browser builds, not what a
regular expression guesses; every SVG file is parsed as the XML a browser reads.
Refused:

- an address in any URL attribute (``href``, ``src``, ``srcset``, ``action``,
  ``formaction``, ``xlink:href``, ``poster``, ...), in CSS ``url()`` or ``@import``
  (``style`` attributes and elements) that is not relative, ``#...``, ``http(s):``
  or ``mailto:``; a scheme-relative ``//host`` address too;
- any ``on...`` event-handler attribute;
- a ``<script>`` that is not the site's own: JSON data that parses, a file of the
  site's own ``.js``, or an inline script of the theme's templates (read from the
  theme folders in use, with each ``{{ value }}`` standing for a plain value);
- elements that load or run other documents (``iframe``, ``object``, ``embed``,
  ``base``, ...) or that browsers read two ways (``noscript``), ``<meta
  http-equiv="refresh">``, SVG animation of an address.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

SCHEMES = frozenset({"http", "https", "mailto"})
_URL_ATTRIBUTES = frozenset(
    [
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "poster",
        "cite",
        "background",
        "longdesc",
        "data",
        "codebase",
        "manifest",
        "icon",
        "lowsrc",
        "dynsrc",
        "usemap",
        "profile",
        "archive",
        "classid",
    ]
)
_LIST_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
_LOADERS = ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "foreignobject", "handler")
_FORBIDDEN = frozenset([*_LOADERS, "noscript"])  # noscript holds text or elements, as scripts run or not
_ANIMATION = frozenset({"set", "animate", "animatemotion", "animatetransform"})
_DATA_SCRIPTS = frozenset({"application/json", "application/ld+json"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*+):")
_TRIM = "".join(map(chr, range(0x21)))  # a browser trims C0 controls and spaces from an address
_TABS = re.compile(r"[\t\n\r]")
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"url\(\s*+(['\"]?)(.*?)\1\s*+\)|@import\s*+(['\"])(.*?)\3", re.I | re.S)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@dataclass(frozen=True)
class Unsafe:
    """Something in a built file that could run or lead off the web: which file, what, and the value itself."""

    page: str
    what: str
    value: str


def allowed(address: str) -> bool:
    """Whether ``address`` is relative, ``#...``, ``http(s):`` or ``mailto:``, as a browser parses it."""
    cleaned = _TABS.sub("", address.strip(_TRIM))
    scheme = _SCHEME.match(cleaned)
    if scheme:
        return scheme.group(1).lower() in SCHEMES
    return not cleaned.replace("\\", "/").startswith("//")


def known_scripts(theme_dirs: Iterable[Path]) -> tuple[re.Pattern[str], ...]:
    """The inline scripts the theme's templates write, each as a pattern a page's script must match whole.

    A value the template writes (``{{ ... }}``) may be a plain word, or with ``tojson`` a JSON string,
    which ``_script`` decodes and checks as markup in its turn (a script may ``document.write`` it);
    runs of spaces and line breaks match any. A script made by template logic (``{% %}``) is not known.
    """
    patterns = set()
    for folder in theme_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            for body in _INLINE_SCRIPT.findall(template.read_text(encoding="utf-8", errors="replace")):
                if "{%" in body:
                    continue
                literal = [r"\s*+".join(map(re.escape, part.split())) for part in _JINJA.split(body.strip())]
                holes = [_JSON_HOLE if "tojson" in hole else _WORD_HOLE for hole in _JINJA.findall(body)]
                pattern = literal[0] + "".join(hole + part for hole, part in zip(holes, literal[1:], strict=True))
                patterns.add(r"\s*+" + pattern + r"\s*+")
    return tuple(re.compile(pattern) for pattern in sorted(patterns))


_WORD_HOLE = r"(\s*+[^\"'<>\\\n]*+\s*+)"
_JSON_HOLE = r"\s*+(\"(?:[^\"\\\n]|\\.)*+\"|[^\"'<>\\\n]*+)\s*+"


def check_site(folder: Path, scripts: tuple[re.Pattern[str], ...]) -> list[Unsafe]:
    """Every unsafe thing in the HTML and SVG files of the built site in ``folder``."""
    found: list[Unsafe] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".html", ".svg") or not path.is_file() or path.is_symlink():
            continue
        page = path.relative_to(folder).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        problems = check_html(text, scripts, _script_file(folder, path)) if path.suffix == ".html" else check_svg(text)
        found += [Unsafe(page, what, value) for what, value in problems]
    return found


def check_html(
    text: str, scripts: tuple[re.Pattern[str], ...], own_file: Callable[[str], bool] | None = None
) -> list[tuple[str, str]]:
    """What is unsafe in one HTML page: (what, the unsafe value)."""
    problems: list[tuple[str, str]] = []
    for node in LexborHTMLParser(text).root.traverse(include_text=False):  # type: ignore[union-attr]
        tag = (node.tag or "").lower()
        if not tag or tag[0] in "-_#":  # comments and the document itself
            continue
        attrs = {name.lower(): value or "" for name, value in node.attributes.items()}
        problems += _element(tag, attrs)
        if tag == "script":
            problems += _script(attrs, node.text(deep=True), scripts, own_file)
        elif tag == "style":
            problems += _css(node.text(deep=True), "<style>")
    return problems


def check_svg(text: str) -> list[tuple[str, str]]:
    """What is unsafe in one SVG file, read as XML: no script at all, and the rules of HTML elements."""
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return [("a document type declaration", "<!DOCTYPE")]
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        return [(f"malformed SVG ({exc})", "")]
    problems: list[tuple[str, str]] = []
    for element in root.iter():
        tag = _local(str(element.tag)).lower()
        attrs = {_attribute(name): value for name, value in element.attrib.items()}
        problems += _element(tag, attrs)
        if tag == "script":
            problems.append(("<script>", "".join(element.itertext())[:200]))
        elif tag == "style":
            problems += _css("".join(element.itertext()), "<style>")
    return problems


def _element(tag: str, attrs: dict[str, str]) -> Iterator[tuple[str, str]]:
    if tag in _FORBIDDEN:
        yield f"<{tag}>", tag
    if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
        yield f'<meta http-equiv="refresh" content="{_short(attrs.get("content", ""))}">', attrs.get("content", "")
    if tag in _ANIMATION and attrs.get("attributename", "").lower() in ("href", "xlink:href"):
        yield f'<{tag} attributeName="{attrs["attributename"]}">', attrs.get("to") or attrs.get("values", "")
    for name, value in attrs.items():
        if name.startswith("on") or (name in _URL_ATTRIBUTES and not allowed(value)):
            yield f'<{tag} {name}="{_short(value)}">', value
        elif name in _LIST_ATTRIBUTES:
            for candidate in value.split(","):
                address = candidate.strip().split(" ")[0]
                if not allowed(address):
                    yield f'<{tag} {name}="{_short(value)}">', address
        elif name == "ping":
            for address in value.split():
                if not allowed(address):
                    yield f'<{tag} ping="{_short(value)}">', address
        elif name == "style":
            yield from _css(value, f"<{tag} style>")


def _css(text: str, where: str) -> Iterator[tuple[str, str]]:
    """Addresses in CSS (``url()``, ``@import``) that are not allowed, and script expressions."""
    if "\\" in text:
        text = _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)
    text = _CSS_COMMENT.sub("", text)
    for match in _CSS_URL.finditer(text):
        address = match.group(2) if match.group(2) is not None else match.group(4)
        if not allowed(address):
            yield f"{where} url({_short(address)})", address
    if "expression(" in text.lower():
        yield f"{where} expression()", "expression("


def _script(
    attrs: dict[str, str], body: str, scripts: tuple[re.Pattern[str], ...], own_file: Callable[[str], bool] | None
) -> Iterator[tuple[str, str]]:
    kind = attrs.get("type", "").strip().lower()
    if kind in _DATA_SCRIPTS:
        try:
            json.loads(body)
        except ValueError:
            yield f'<script type="{kind}"> that is not JSON', body[:200]
        return
    if kind not in ("", "text/javascript", "module", "application/javascript"):
        yield f'<script type="{_short(kind)}">', kind
    elif "src" in attrs:
        if not (allowed(attrs["src"]) and own_file is not None and own_file(attrs["src"])):
            yield f'<script src="{_short(attrs["src"])}">', attrs["src"]
    elif (known := next(filter(None, (pattern.fullmatch(body) for pattern in scripts)), None)) is None:
        yield f"<script>{_short(body)}</script>", body[:200]
    else:  # what the template wrote into the script: markup it may write into the page is checked too
        for value in known.groups():
            if value.startswith('"') and "<" in (markup := json.loads(value)):
                yield from check_html(markup, scripts, own_file)


def _script_file(folder: Path, page: Path) -> Callable[[str], bool]:
    """Whether an address on ``page`` names a ``.js`` file of the site itself (a path from the site's root
    may carry the folder the site is published under first)."""

    def own(address: str) -> bool:
        path = unquote(urlsplit(_TABS.sub("", address.strip(_TRIM))).path)
        if not path.endswith(".js") or urlsplit(address.strip(_TRIM)).scheme:
            return False
        parts = path.split("/")
        tries = (
            [page.parent / path]
            if not path.startswith("/")
            else [folder.joinpath(*parts[n:]) for n in range(1, len(parts))]
        )
        return any(_inside(folder, candidate) for candidate in tries)

    return own


def _inside(folder: Path, candidate: Path) -> bool:
    resolved = candidate.resolve()
    return resolved.is_file() and resolved.is_relative_to(folder.resolve())


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _attribute(name: str) -> str:
    if name.startswith("{http://www.w3.org/1999/xlink}"):
        return "xlink:" + _local(name)
    return _local(name).lower()


def _short(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."
