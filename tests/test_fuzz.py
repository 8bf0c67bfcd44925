"""Property-based tests: whatever the input, the outcome is success or clean diagnostics, and text stays text.

Random YAML, random documents shaped like content, and random mutations of
real content go through ``check`` and ``generate``: the only outcomes allowed
are success or ``ContentError`` whose diagnostics are well formed. Random
Markdown-ish text goes through the escaping filters and the site's Markdown:
no element, attribute or address the editor did not mean comes out.

Budget: the ``default`` profile keeps this file under a minute on two cores;
``HYPOTHESIS_PROFILE=long`` (``make fuzz``) runs twenty times as many examples.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from conftest import MINIMAL, REPO, check, generate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content import links
from generator.content.types import TYPES
from generator.errors import ContentError, Diagnostic
from generator.pages import text
from generator.project import Project

settings.register_profile(
    "default",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile("long", settings.get_profile("default"), max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

TODAY = dt.date(2026, 2, 1)
CODE = re.compile(r"^[a-z-]+$")


def examples(share: float) -> int:
    """A test's number of examples: a share of the profile's budget (100 by default, 2000 when long)."""
    return max(1, round(settings.default.max_examples * share))


# --- the outcome: success, or diagnostics that are well formed ---------------------------------


def assert_well_formed(diagnostic: Diagnostic, root: Path) -> None:
    """A diagnostic names a real place in a real file, with a stable code, on one line (plus its hint)."""
    assert CODE.match(diagnostic.code), diagnostic
    assert diagnostic.severity in ("error", "warning"), diagnostic
    assert diagnostic.message.strip(), diagnostic
    assert diagnostic.line >= 1 and diagnostic.col >= 1, diagnostic
    path = root / diagnostic.path
    if diagnostic.code != "missing-explainer":
        assert path.exists() or path.is_symlink(), diagnostic
    if path.is_file() and not path.is_symlink() and diagnostic.code not in ("file-too-large", "file-encoding"):
        lines = re.split(r"\r\n|[\r\n\x85\u2028\u2029]", path.read_bytes().decode("utf-8-sig", errors="replace"))
        assert diagnostic.line <= len(lines), diagnostic
        assert diagnostic.col <= len(lines[diagnostic.line - 1]) + 1, diagnostic
    shown = diagnostic.format_text().split("\n")
    assert len(shown) == (2 if diagnostic.hint else 1), shown
    assert shown[0].startswith(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.col}: {diagnostic.severity}[")


def assert_success_or_clean_diagnostics(root: Path) -> None:
    checked = check(root, TODAY)
    for diagnostic in checked.diagnostics:
        assert_well_formed(diagnostic, root)
    if checked.errors:
        with pytest.raises(ContentError) as failure:
            generate(Project.at(root), today=TODAY)
        for diagnostic in failure.value.diagnostics:
            assert_well_formed(diagnostic, root)
    else:
        generate(Project.at(root), today=TODAY)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Callable[[dict[str, str]], Path]]:
    """Fresh project folders from ``{path: text}``, removed at the end of the module."""
    base = Path(tempfile.mkdtemp(prefix="explainer-fuzz-"))
    count = 0

    def make(files: dict[str, str]) -> Path:
        nonlocal count
        count += 1
        root = base / str(count)
        for relative, content in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        return root

    yield make
    shutil.rmtree(base, ignore_errors=True)


# --- random YAML -------------------------------------------------------------------------------

YAML_TOKENS = [
    *": -\n\t[]{},#&*!|>'\"%@`?~\\",
    "  ",
    "\n  ",
    "\n- ",
    "key: ",
    "term: ",
    "definition: ",
    "sources: [",
    "&a ",
    "*a",
    "!!python/object/apply:os.system ",
    "!tag ",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "2026-02-30",
    "9" * 40,
    "1e999",
    ".nan",
    "null",
    "true",
    "\ufeff",
    "\x00",
    "\x1b",
    "\u202e",
    "é",
    "<script>",
    "{{ 7*7 }}",
    "lock",
    "survey",
]
yaml_text = st.lists(st.sampled_from(YAML_TOKENS), max_size=60).map("".join)
TARGETS = sorted(MINIMAL)


@settings(max_examples=examples(5))
@given(target=st.sampled_from(TARGETS), content=yaml_text)
def test_random_yaml_in_any_content_file(scratch: Callable[[dict[str, str]], Path], target: str, content: str) -> None:
    assert_success_or_clean_diagnostics(scratch({**MINIMAL, target: content}))


FIELD_NAMES = sorted({name for model in (t.model for t in TYPES) for name in model.model_fields} | {"id", "unknown"})
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        ["survey", "valley", "trade", "economy", "lock-opens", "2026-01-01", "2025", "https://example.org/"]
    ),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.sampled_from(FIELD_NAMES), children, max_size=6)
    ),
    max_leaves=25,
)


@settings(max_examples=examples(3))
@given(target=st.sampled_from(TARGETS), data=st.dictionaries(st.sampled_from(FIELD_NAMES), documents, max_size=12))
def test_random_documents_shaped_like_content(
    scratch: Callable[[dict[str, str]], Path], target: str, data: dict[str, Any]
) -> None:
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert_success_or_clean_diagnostics(scratch({**MINIMAL, target: dumped}))


# --- random mutations of real content ----------------------------------------------------------

HOSTILE_VALUES = [
    "<script>alert(1)</script>",
    '"x\\" onmouseover=\\"alert(1)"',
    "'{{ 7*7 }} {% if x %}'",
    "'[a](javascript:alert(1))'",
    "'a | b | c'",
    '"line\\n# heading\\n- item"',
    "'```'",
    "'--8<-- \"x.md\"'",
    "'*em*{ onclick=alert(1) }'",
    "2026-02-30",
    "[]",
    "{}",
    "~",
    "-1",
    "[survey, survey]",
    "[valley]",
    "'Ünïcødé ‮ text'",
]


def mutate(source: str, data: st.DataObject) -> str:
    """One random edit of a YAML file, of the kinds editors (and strangers) make."""
    lines = source.split("\n")
    index = data.draw(st.integers(0, max(0, len(lines) - 1)), label="line")
    kind = data.draw(
        st.sampled_from(["delete", "duplicate", "swap", "insert", "value", "indent", "truncate", "rename-key"]),
        label="edit",
    )
    line = lines[index] if lines else ""
    if kind == "delete":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, line)
    elif kind == "swap":
        other = data.draw(st.integers(0, max(0, len(lines) - 1)), label="other")
        lines[index], lines[other] = lines[other], line
    elif kind == "insert":
        lines.insert(index, data.draw(yaml_text, label="inserted"))
    elif kind == "value" and ":" in line:
        head = line.split(":", 1)[0]
        value = data.draw(st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=20)), label="value")
        lines[index] = f"{head}: {value}"
    elif kind == "indent":
        lines[index] = data.draw(st.sampled_from(["", " ", "   ", "\t", "      "]), label="indent") + line.lstrip()
    elif kind == "truncate":
        return source[: data.draw(st.integers(0, len(source)), label="cut")]
    elif kind == "rename-key" and ":" in line:
        key, rest = line.split(":", 1)
        lines[index] = f"{key.rstrip()}{data.draw(st.sampled_from(['s', '_', 'X', '']), label='suffix')}:{rest}"
    return "\n".join(lines)


@settings(max_examples=examples(1.5))
@given(target=st.sampled_from(TARGETS), data=st.data())
def test_random_edits_of_the_minimal_content(
    scratch: Callable[[dict[str, str]], Path], target: str, data: st.DataObject
) -> None:
    edits = data.draw(st.integers(1, 3), label="edits")
    files = dict(MINIMAL)
    for _ in range(edits):
        files[target] = mutate(files[target], data)
    assert_success_or_clean_diagnostics(scratch(files))


def _real_content() -> Path | None:
    content = REPO / "content"
    if not (content / "explainer.yml").exists() or check(content.parent, TODAY).errors:
        return None
    return content


REAL = _real_content()


@pytest.fixture(scope="module")
def real_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the repository's content; each example edits one file and puts it back."""
    if REAL is None:
        pytest.skip("the repository's content is absent or does not validate")
    root = tmp_path_factory.mktemp("real")
    shutil.copytree(REAL, root / "content")
    return root


@settings(max_examples=examples(0.1))
@given(data=st.data())
def test_random_edits_of_the_real_content(real_project: Path, data: st.DataObject) -> None:
    files = sorted(p for p in (real_project / "content").rglob("*.yml"))
    path = data.draw(st.sampled_from(files), label="file")
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(mutate(original, data), encoding="utf-8")
        assert_success_or_clean_diagnostics(real_project)
    finally:
        path.write_text(original, encoding="utf-8")


# --- text stays text: the escaping filters against the site's own Markdown ---------------------

MARKDOWN_TOKENS = [
    *"abc \n\t`*_[]()!#>-+=|{}:&;\\~<",
    "  ",
    "    ",
    "\n\n",
    "1. ",
    "- ",
    "# ",
    "===",
    "---",
    "```",
    "~~~",
    "```python",
    "<b>",
    "</b>",
    "<script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "&#x61;",
    "&lt;",
    "&colon;",
    "javascript:",
    "java\nscript:",
    "data:",
    "https://a.example/",
    "onclick=",
    "{: ",
    "[^1]: ",
    "*[abc]: ",
    "--8<-- ",
    '"x.md"',
    "!!! note",
    "??? note",
    "<div markdown>",
    "[x](",
    "](",
    "`<b>`",
    "\\`",
]
markdownish = st.lists(st.sampled_from(MARKDOWN_TOKENS), max_size=40).map("".join)
SAFE_TAGS = {
    "p", "em", "strong", "code", "pre", "div", "span", "a", "ul", "ol", "li", "blockquote", "hr", "br", "table",
    "thead", "tbody", "tr", "th", "td", "abbr", "sup", "img", "dl", "dt", "dd", "details", "summary",
}  # fmt: skip


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def site_markdown(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], _Elements]:
    """The site's Markdown (the extensions of mkdocs.yml); a snippet inclusion is an error."""
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    options = dict(config.mdx_configs)
    options["pymdownx.snippets"] = {
        **options.get("pymdownx.snippets", {}),
        "base_path": [str(tmp_path_factory.mktemp("no-snippets"))],
        "auto_append": [],
        "check_paths": True,
    }

    def render(source: str) -> _Elements:
        converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=options)
        parsed = _Elements()
        parsed.feed(converter.convert(source))
        parsed.close()
        return parsed

    return render


def scheme(address: str) -> str | None:
    """The scheme a browser reads in ``address``: ends trimmed, tabs and line breaks inside ignored."""
    cleaned = re.sub(r"[\t\n\r]", "", address.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f "))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def assert_inert(parsed: _Elements, source: str, *, headings: bool = False) -> None:
    """No element, attribute or address came from the editor's text that the filters should have stopped."""
    allowed = SAFE_TAGS | ({"h1", "h2", "h3", "h4", "h5", "h6"} if headings else set())
    unsafe_links = bool(links.unsafe_schemes(source))
    for tag, attrs in parsed.tags:
        assert tag in allowed, (tag, attrs)
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src"):
            if not unsafe_links:
                assert scheme(attrs.get(name, "")) in (None, "http", "https", "mailto"), (tag, attrs)


@settings(max_examples=examples(10))
@given(source=markdownish)
def test_markdown_fields_never_emit_markup_the_editor_cannot_write(
    site_markdown: Callable[[str], _Elements], source: str
) -> None:
    block = text.markdown_block(source)
    assert_inert(site_markdown(block), source)
    assert_inert(site_markdown("!!! note\n\n" + text.indent(block) + "\n"), source)
    assert_inert(site_markdown("- " + text.markdown_inline(source)), source)
    cell = site_markdown("| a |\n| --- |\n| " + text.markdown_inline(source) + " |\n")
    assert_inert(cell, source)
    assert [tag for tag, _attrs in cell.tags].count("td") == 1, "one cell, whatever the text"


@settings(max_examples=examples(10))
@given(source=markdownish.filter(str.strip))
def test_plain_text_is_shown_exactly_as_written(site_markdown: Callable[[str], _Elements], source: str) -> None:
    written = " ".join(source.split())
    heading = site_markdown("# " + text.plain(source) + " { #x }")
    assert_inert(heading, source, headings=True)
    assert [(tag, attrs.get("class")) for tag, attrs in heading.tags] == [("h1", None), ("a", "headerlink")]
    shown = "".join(heading.text)
    assert shown.endswith("¶")  # the permalink
    assert " ".join(shown[:-1].split()) == written
    link = site_markdown("[" + text.plain(source) + "](page.md)")
    assert [(tag, attrs.get("href")) for tag, attrs in link.tags] == [("p", None), ("a", "page.md")]
    assert " ".join("".join(link.text).split()) == written


# --- front matter: whatever the text, MkDocs reads back what was written -----------------------


@settings(max_examples=examples(2))
@given(st.text(), st.lists(st.text(), max_size=3), st.dictionaries(st.text(max_size=5), st.text(), max_size=3))
def test_front_matter_reads_back_as_written(line: str, words: list[str], table: dict[str, str]) -> None:
    from mkdocs.utils.meta import get_data

    from generator.pages.render import front_matter

    page = front_matter(title="Title", description=line, keywords=words, jsonld=table) + "# Body\n"
    body, meta = get_data(page)
    assert body == "# Body\n"
    expected = {"title": "Title", "description": line, "keywords": words, "jsonld": table}
    assert meta == {key: value for key, value in expected.items() if value not in ("", [])}
