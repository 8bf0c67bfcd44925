"""Bad and hostile input, through the real command.

Every input ends in success or a clean ``path:line:col: error[code]: message``
(exit 1, never a traceback); hostile text renders inert in the Markdown and in
the published HTML; and no failure, interruption or race loses a page.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import BRIEF, MINIMAL, Result, build_site, generate

from generator.errors import ContentError, ExplainerError
from generator.output import writer
from generator.pages import pageset, render
from generator.project import Project as Paths

Project = Callable[..., Path]
EXPLAINER_BIN = Path(sys.executable).with_name("explainer")
EVENT = MINIMAL["content/events/lock-opens.yml"]
SOURCE = MINIMAL["content/sources/survey.yml"]
ACTOR = MINIMAL["content/actors/valley.yml"]


def digest(root: Path, *, skip: Callable[[str], bool] = lambda _path: False) -> dict[str, str]:
    """A hash of every file under ``root`` by relative path (links are not followed)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and not skip(p.relative_to(root).as_posix())
    }


def generated(root: Path) -> dict[str, str]:
    """The generated pages under docs/ (not the manifest, not hand-written assets)."""
    owned = writer.read_manifest(root / "docs")
    return {path: sha for path, sha in digest(root / "docs").items() if path in owned}


# --- bad input: one exact diagnostic, exit 1 -----------------------------------------------

HINT_TAG = "remove the tag; content holds plain text, numbers, lists and mappings"
HINT_DATE = "write dates as YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known"
HINT_ID = "name files with lowercase words joined by hyphens, such as `energy-ties.yml`"

# Each case: files changed from the minimal content → every line `explainer validate` prints.
BAD_INPUT: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "yaml-syntax": (
        {"content/glossary/lock.yml": "term: [lock\ndefinition: x\n"},
        [
            "content/glossary/lock.yml:2:11: error[yaml-syntax]: did not find expected ',' or ']'",
            "  hint: check the indentation and quoting on this line and the one above",
        ],
    ),
    "tab-indentation": (
        {"content/glossary/lock.yml": "term: lock\naliases:\n\t- sluice\ndefinition: x\n"},
        [
            "content/glossary/lock.yml:3:1: error[yaml-tab]: a tab is used for indentation",
            "  hint: indent with spaces only",
        ],
    ),
    "duplicate-key": (
        {"content/glossary/lock.yml": "term: lock\ndefinition: a\ndefinition: b\n"},
        [
            "content/glossary/lock.yml:3:1: error[yaml-duplicate-key]: key 'definition' appears twice",
            "  hint: it is first set on line 2; keep one of the two",
        ],
    ),
    "wrong-type": (
        {"content/glossary/lock.yml": "term: [lock, sluice]\ndefinition: x\n"},
        [
            "content/glossary/lock.yml:1:7: error[wrong-type]: 'term' has the wrong type (a list):"
            " input should be a valid string"
        ],
    ),
    "text-where-a-list-belongs": (
        {"content/briefs/trade.yml": BRIEF.replace("tags: [trade]", "tags: trade")},
        [
            "content/briefs/trade.yml:28:7: error[wrong-type]: 'tags' has the wrong type (text):"
            " input should be a valid tuple",
            "  hint: write a list: `tags: [trade]`",
        ],
    ),
    "empty-file": (
        {"content/glossary/lock.yml": ""},
        [
            "content/glossary/lock.yml:1:1: error[file-empty]: file holds no content",
            "  hint: fill it in, or start from `explainer new`",
        ],
    ),
    "a-list": (
        {"content/glossary/lock.yml": "- term: lock\n- definition: x\n"},
        [
            "content/glossary/lock.yml:1:1: error[file-not-mapping]: expected a mapping of fields, found a list",
            "  hint: write one `field: value` per line at the top level",
        ],
    ),
    "a-scalar": (
        {"content/glossary/lock.yml": "lock\n"},
        [
            "content/glossary/lock.yml:1:1: error[file-not-mapping]: expected a mapping of fields,"
            " found a single value",
            "  hint: write one `field: value` per line at the top level",
        ],
    ),
    "not-utf8": (
        {"content/glossary/lock.yml": "term: lock\ndefinition: caf\xe9\n".encode("latin-1")},
        [
            "content/glossary/lock.yml:2:16: error[file-encoding]: byte 0xe9 is not valid UTF-8",
            "  hint: save the file as UTF-8",
        ],
    ),
    "control-character": (
        {"content/glossary/lock.yml": 'term: lock\ndefinition: "\\e[2J\\e[31mcleared"\n'},
        [
            "content/glossary/lock.yml:2:13: error[control-character]: control character U+001B"
            " is not allowed in content",
            "  hint: delete it; it is invisible in most editors",
        ],
    ),
    "unknown-kind": (
        {"content/briefs/trade.yml": BRIEF.replace("kind: economy", "kind: ecomony")},
        [
            "content/briefs/trade.yml:1:7: error[unknown-kind]: kind 'ecomony' is not declared",
            "  hint: did you mean 'economy'? (kinds are declared in the explainer's `kinds`)",
        ],
    ),
    "unknown-folder": (
        {"content/gadgets/lever.yml": "name: lever\n"},
        [
            "content/gadgets/lever.yml:1:1: error[unknown-file]: this file is in no content folder",
            "  hint: content files go in: explainer.yml, briefs/, actors/, events/, sources/, glossary/, maps/",
        ],
    ),
    "file-name-with-a-space": (
        {"content/glossary/Bad Name.yml": "term: weir\ndefinition: x\n"},
        [
            "content/glossary/Bad Name.yml:1:1: error[invalid-id]: file name 'Bad Name.yml' is not a valid id",
            f"  hint: {HINT_ID}",
        ],
    ),
    "file-name-with-an-underscore": (
        {"content/glossary/energy_ties.yml": "term: weir\ndefinition: x\n"},
        [
            "content/glossary/energy_ties.yml:1:1: error[invalid-id]: file name 'energy_ties.yml' is not a valid id",
            f"  hint: {HINT_ID}",
        ],
    ),
    "file-name-in-capitals-beside-its-lowercase-twin": (
        {"content/glossary/Lock.yml": "term: weir\ndefinition: x\n"},
        [
            "content/glossary/Lock.yml:1:1: error[invalid-id]: file name 'Lock.yml' is not a valid id",
            f"  hint: {HINT_ID}",
        ],
    ),
    "same-id-from-yml-and-yaml": (
        {"content/glossary/lock.yaml": "term: lock\ndefinition: x\n"},
        [
            "content/glossary/lock.yml:1:1: error[duplicate-id]: term id 'lock' is already used",
            "  hint: content/glossary/lock.yaml has the same id; rename one of the two files",
        ],
    ),
    "a-device-name-as-id": (
        {"content/actors/con.yml": ACTOR},
        ["content/actors/con.yml:1:1: error[invalid-id]: file name 'con.yml' is not a valid id", f"  hint: {HINT_ID}"],
    ),
    "an-id-too-long-for-a-file-name": (
        {f"content/actors/{'a' * 201}.yml": ACTOR},
        [
            f"content/actors/{'a' * 201}.yml:1:1: error[invalid-id]: file name '{'a' * 201}.yml' is not a valid id",
            f"  hint: {HINT_ID}",
        ],
    ),
    "reference-to-a-missing-id": (
        {"content/briefs/trade.yml": BRIEF.replace("events: [lock-opens]", "events: [lock-open]")},
        [
            "content/briefs/trade.yml:27:10: error[unknown-reference]: no event has the id 'lock-open'",
            "  hint: did you mean 'lock-opens'?",
        ],
    ),
    "reference-to-the-wrong-kind-of-entity": (
        {"content/briefs/trade.yml": BRIEF + "related: [survey]\n"},
        [
            "content/briefs/trade.yml:34:11: error[wrong-reference-type]: 'survey' is a source, not a brief",
            "  hint: name a brief here",
        ],
    ),
    "a-day-that-does-not-exist": (
        {"content/events/lock-opens.yml": EVENT.replace("2020-05-01", "2021-02-29")},
        [
            "content/events/lock-opens.yml:1:7: error[invalid-date]: 'date': 2021-02-29 is not a real date",
            f"  hint: {HINT_DATE}",
        ],
    ),
    "a-month-that-does-not-exist": (
        {"content/sources/survey.yml": SOURCE.replace('date: "2025"', "date: 2025-13")},
        [
            "content/sources/survey.yml:3:7: error[invalid-date]: 'date': 2025-13 is not a real date",
            f"  hint: {HINT_DATE}",
        ],
    ),
    "over-the-size-limit": (
        {"content/glossary/lock.yml": "term: lock\ndefinition: " + "x" * 1_000_000 + "\n"},
        [
            "content/glossary/lock.yml:1:1: error[file-too-large]: file is 1,000,024 bytes,"
            " over the limit of 1,000,000",
            "  hint: split it into several files",
        ],
    ),
    "billion-laughs": (
        {
            "content/glossary/lock.yml": "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + "".join(f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True))
            + "term: *i\n"
        },
        [
            "content/glossary/lock.yml:2:8: error[yaml-alias]: alias *a is not allowed",
            "  hint: write the value out in full; aliases are refused in content",
        ],
    ),
    "deep-nesting": (
        {"content/glossary/lock.yml": "term: " + "[" * 200_000 + "]" * 200_000 + "\n"},
        [
            "content/glossary/lock.yml:1:1006: error[yaml-depth]: nesting is deeper than 32 levels",
            "  hint: flatten the structure",
        ],
    ),
    "unsafe-tag": (
        {"content/glossary/lock.yml": "term: !!python/object/apply:os.system ['touch pwned']\ndefinition: x\n"},
        [
            "content/glossary/lock.yml:1:7: error[yaml-tag]: tag !!python/object/apply:os.system is not allowed",
            f"  hint: {HINT_TAG}",
        ],
    ),
}


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_is_one_exact_diagnostic_and_exit_1(
    make_project: Project, explainer: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    files, lines = BAD_INPUT[case]
    root = make_project()
    write_files(root, files)
    monkeypatch.chdir(root)  # where `touch pwned` would land if a tag ever ran
    started = time.perf_counter()
    result = explainer(root, "validate")
    assert time.perf_counter() - started < 10, "bounded time"
    errors = sum(line.split(": ", 2)[1].startswith("error[") for line in lines if not line.startswith("  "))
    assert (result.code, result.out) == (1, "")
    assert result.err.splitlines() == [*lines, f"{errors} error{'s' * (errors != 1)}, 0 warnings"]
    assert not (root / "pwned").exists()


def test_a_byte_order_mark_is_accepted(make_project: Project, explainer: Callable[..., Result]) -> None:
    root = make_project()
    path = root / "content/glossary/lock.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = explainer(root, "validate", "--strict")
    assert (result.code, result.err.splitlines()[0]) == (0, "ok: 1 briefs valid (0 errors, 0 warnings)")


def test_a_content_file_linking_outside_content_is_refused_unread(
    make_project: Project, explainer: Callable[..., Result], tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yml"
    outside.write_text("term: SECRET\ndefinition: SECRET\n")
    root = make_project()
    (root / "content/glossary/secret.yml").symlink_to(outside)
    result = explainer(root, "validate")
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            "content/glossary/secret.yml:1:1: error[file-symlink]: link leads outside the content folder",
            "  hint: replace the link with the file itself",
            "1 error, 0 warnings",
        ],
    )
    assert "SECRET" not in result.err


def test_a_message_quoting_content_cannot_forge_a_diagnostic_line(
    make_project: Project, explainer: Callable[..., Result]
) -> None:
    forged = "x\\ncontent/briefs/fake.yml:1:1: error[fake]: forged"
    root = make_project({"content/briefs/trade.yml": BRIEF.replace("kind: economy", f'kind: "{forged}"')})
    result = explainer(root, "validate")
    assert result.code == 1
    assert [line for line in result.err.splitlines() if line.startswith("content/")] == [
        "content/briefs/trade.yml:1:7: error[invalid-id]: 'kind': 'x\\ncontent/briefs/fake.yml:1:1: error[fake]:"
        " forged' is not a valid id"
    ]


def test_every_bad_file_at_once_is_reported_by_a_real_process_without_a_traceback(make_project: Project) -> None:
    root = make_project()
    bad = {
        "content/glossary/lock.yml": BAD_INPUT["yaml-syntax"][0]["content/glossary/lock.yml"],
        "content/glossary/weir.yml": BAD_INPUT["not-utf8"][0]["content/glossary/lock.yml"],
        "content/glossary/sluice.yml": BAD_INPUT["unsafe-tag"][0]["content/glossary/lock.yml"],
        "content/glossary/dam.yml": BAD_INPUT["deep-nesting"][0]["content/glossary/lock.yml"],
        **BAD_INPUT["unknown-folder"][0],
        **BAD_INPUT["a-day-that-does-not-exist"][0],
    }
    write_files(root, bad)
    result = subprocess.run(
        [str(EXPLAINER_BIN), "--root", str(root), "validate"], capture_output=True, text=True, timeout=60, check=False
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert [line.split(": ")[1] for line in result.stderr.splitlines() if line.startswith("content/")] == [
        "error[invalid-date]",
        "error[unknown-file]",
        "error[yaml-depth]",
        "error[yaml-syntax]",
        "error[yaml-tag]",
        "error[file-encoding]",
    ]
    assert result.stderr.endswith("\n6 errors, 0 warnings\n")


# --- unsafe addresses are refused at validation ------------------------------------------------

LINK_HINT = "  hint: links start with https://, http:// or mailto:, or name content, such as brief:energy-ties"

UNSAFE_URLS = {
    "javascript-in-a-url-field": (
        "url: javascript:alert(1)",
        "content/sources/survey.yml:4:6: error[invalid-url]: 'url': 'javascript:alert(1)' is not an http(s) address",
    ),
    "data-in-a-url-field": (
        "url: 'data:text/html,<script>alert(1)</script>'",
        "content/sources/survey.yml:4:6: error[invalid-url]: 'url': 'data:text/html,<script>alert(1)</script>'"
        " is not an http(s) address",
    ),
    "file-in-a-url-field": (
        "url: file:///etc/passwd",
        "content/sources/survey.yml:4:6: error[invalid-url]: 'url': 'file:///etc/passwd' is not an http(s) address",
    ),
    "quote-in-a-url-field": (
        "url: 'https://example.org/\" onmouseover=\"alert(1)'",
        "content/sources/survey.yml:4:6: error[invalid-url]: 'url': 'https://example.org/\" onmouseover=\"alert(1)'"
        " is not an http(s) address",
    ),
    "angle-bracket-in-a-url-field": (
        "url: https://example.org/>[x](javascript:alert(1))",
        "content/sources/survey.yml:4:6: error[invalid-url]: 'url': 'https://example.org/>[x](javascript:alert(1))'"
        " is not an http(s) address",
    ),
}


@pytest.mark.parametrize("case", list(UNSAFE_URLS))
def test_unsafe_addresses_in_url_fields_are_refused(
    make_project: Project, explainer: Callable[..., Result], case: str
) -> None:
    line, expected = UNSAFE_URLS[case]
    root = make_project(
        {"content/sources/survey.yml": SOURCE.replace("url: https://valley-institute.org/survey", line)}
    )
    result = explainer(root, "validate")
    assert (result.code, result.err.splitlines()) == (
        1,
        [expected, "  hint: addresses start with https:// or http://", "1 error, 0 warnings"],
    )


UNSAFE_LINKS = {
    "javascript": ("[go](javascript:alert(1))", "javascript"),
    "capitals-and-spaces": ("[go]( JavaScript:alert(1))", "javascript"),
    "angle-brackets": ("[go](<javascript:alert(1)>)", "javascript"),
    "data": ("[go](data:text/html;base64,PHNjcmlwdD4=)", "data"),
    "vbscript": ("[go](vbscript:msgbox)", "vbscript"),
    "entity-in-the-scheme": ("[go](jav&#x61;script:alert(1))", "javascript"),
    "named-entity-colon": ("[go](javascript&colon;alert(1))", "javascript"),
    "line-break-in-the-scheme": ("[go](java\\nscript:alert(1))", "javascript"),
    "tab-in-the-scheme": ("[go](java\\tscript:alert(1))", "javascript"),
    "image": ("![x](javascript:alert(1))", "javascript"),
}


@pytest.mark.parametrize("case", list(UNSAFE_LINKS))
def test_markdown_links_with_unsafe_schemes_are_refused(
    make_project: Project, explainer: Callable[..., Result], case: str
) -> None:
    link, scheme = UNSAFE_LINKS[case]
    summary = json.dumps(f"See {link}.").replace("\\\\n", "\\n").replace("\\\\t", "\\t")
    root = make_project(
        {"content/briefs/trade.yml": BRIEF.replace("summary: Boats carry grain down the river.", f"summary: {summary}")}
    )
    result = explainer(root, "validate")
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            f"content/briefs/trade.yml:3:10: error[invalid-url]: link with scheme '{scheme}:' in 'summary'",
            LINK_HINT,
            "1 error, 0 warnings",
        ],
    )


def test_a_reference_style_link_with_an_unsafe_scheme_is_refused(
    make_project: Project, explainer: Callable[..., Result]
) -> None:
    body = "    body: |\n      See [the survey][s].\n\n      [s]: javascript:alert(1)\n"
    root = make_project(
        {
            "content/briefs/trade.yml": BRIEF.replace(
                "    body: |\n      Most boats are small. The first lock opened in 2020.\n", body
            )
        }
    )
    result = explainer(root, "validate")
    assert result.err.splitlines()[:2] == [
        "content/briefs/trade.yml:10:11: error[invalid-url]: link with scheme 'javascript:' in 'sections.0.body'",
        LINK_HINT,
    ]


# --- hostile content renders inert -------------------------------------------------------------

SCRIPT = '<script>alert("xss")</script>'
HTML = f'{SCRIPT}<img src=x onerror=alert(1)><iframe src="https://evil.example/"></iframe><!-- hidden -->'
JINJA = "{{ 7*7 }} {% if true %}IF{% endif %} {# note #} {{ config }}"
MARKDOWN = "`tick` **bold** a](https://evil.example/) | cell | {: onclick=alert(2) } *em*{ onclick=alert(3) }"
HOSTILE = f"{HTML} {JINJA} {MARKDOWN}"
BREAKOUT = "\n# Injected heading\n\nInjected\n===\n\n- injected item\n1. injected item\n> injected quote"
QUOTE = ' x" onmouseover="alert(4)'


def q(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def hostile_files() -> dict[str, str]:
    """The minimal content with hostile text in every text field of every kind."""
    one_line = q(HOSTILE + BREAKOUT + QUOTE)
    block = q(
        HOSTILE
        + BREAKOUT
        + '\n\n```\n--8<-- "missing.md"\n<b>fenced</b>\n```\n\n~~~\n--8<--\nmissing.md\n--8<--\n'
        + "\n[^survey]: FAKE CITATION\n*[valley]: FAKE TOOLTIP\n"
        + "\n```\n<script>alert('unclosed fence')</script>\n\n\\`<img src=x onerror=alert(5)>`\n"
    )
    return {
        "content/explainer.yml": f"""\
title: {one_line}
question: {one_line}
answer: {block}
description: {one_line}
takeaways:
  - text: {block}
    sources: [survey]
    status: confirmed
kinds:
  - id: economy
    title: {one_line}
    description: {one_line}
start_here: [trade]
about: {block}
authors:
  - name: {one_line}
license: {one_line}
published: 2026-01-01
review_after_days: 36500
tags:
  - id: trade
    title: {one_line}
    description: {one_line}
""",
        "content/briefs/trade.yml": f"""\
kind: economy
title: {one_line}
summary: {block}
key_points:
  - text: {block}
    sources: [survey]
    status: reported
sections:
  - heading: {one_line}
    body: {block}
figures:
  - label: {one_line}
    value: 60
    unit: {one_line}
    period: {one_line}
    as_of: "2025"
    note: {block}
    chart: hostile
    chart_label: {one_line}
    sources: [survey]
    status: estimate
  - label: {one_line}
    value: 40
    unit: "%"
    as_of: "2024"
    chart: hostile
    sources: [survey]
    status: estimate
  - label: {one_line}
    value: 30
    unit: "%"
    as_of: "2023"
    chart: hostile
    sources: [survey]
    status: estimate
charts:
  - id: hostile
    title: {one_line}
    subtitle: {one_line}
    note: {one_line}
perspectives:
  - who: {one_line}
    actor: valley
    view: {block}
    sources: [survey]
actors: [valley]
events: [lock-opens]
tags: [trade]
published: 2026-01-01
reviewed: 2026-01-01
changes:
  - date: 2026-01-01
    note: {block}
""",
        "content/actors/valley.yml": f"""\
name: {one_line}
type: country
iso: "792"
summary: {block}
role: {block}
aliases: [{one_line}]
links:
  - title: {one_line}
    url: "https://example.org/a)[x](javascript:alert(6)"
""",
        "content/actors/hill.yml": f"""\
name: {one_line}
type: organisation
summary: {block}
role: {block}
ties:
  - actor: valley
    kind: economy
    label: {one_line}
""",
        "content/events/lock-opens.yml": f"""\
date: 2020-05-01
title: {one_line}
description: {block}
actors: [valley, hill]
sources: [survey]
""",
        "content/sources/survey.yml": f"""\
title: {one_line}
publisher: {one_line}
author: {one_line}
note: {one_line}
date: "2025"
url: "https://example.org/survey?a=1&b=(2)"
accessed: 2026-01-01
type: research
""",
        "content/maps/valley.yml": f"""\
title: {one_line}
subtitle: {one_line}
description: {one_line}
bbox: [26, 33, 45, 43]
countries: [valley]
labels:
  - name: {one_line}
    kind: sea
    point: [33, 41.5]
routes:
  - name: {one_line}
    kind: road
    points: [[40, 38], [36, 36.8]]
places:
  - name: {one_line}
    point: [40, 38]
note: {one_line}
briefs: [trade]
""",
        "content/glossary/lock.yml": f"""\
term: {one_line}
aliases: [{q("sluice" + BREAKOUT + HTML)}]
definition: {block}
sources: [survey]
""",
    }


ALLOWED_SCHEMES = ("http://", "https://", "mailto:", "#", "data:image/svg+xml")


class Page(HTMLParser):
    """What a browser would see: elements, attributes, visible text, and the text of some elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.headings: list[str] = []
        self.title = ""
        self._open: list[str] = []
        self._capture: list[list[Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.elements.append((tag, values))
        if tag in ("script", "style", "title", "h1", "h2", "h3", "h4", "h5", "h6"):
            self._capture.append([tag, values, []])

    def handle_endtag(self, tag: str) -> None:
        if self._capture and self._capture[-1][0] == tag:
            name, values, parts = self._capture.pop()
            content = "".join(parts)
            if name == "script":
                self.scripts.append((values, content))
            elif name == "title":
                self.title = content
            elif name.startswith("h"):
                self.headings.append(content)

    def handle_data(self, data: str) -> None:
        for capture in self._capture:
            capture[2].append(data)
        if not any(capture[0] in ("script", "style") for capture in self._capture):
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def active_content(page: Page) -> Iterator[str]:
    """Anything in a page that could run: scripts, handlers, script addresses, frames."""
    for values, content in page.scripts:
        if values.get("type") in ("application/json", "application/ld+json"):
            json.loads(content)  # data that stays data: it parses, so it did not break out of its element
        elif "alert(" in content:
            yield f"script from content: {content[:80]!r}"
    for tag, values in page.elements:
        for name, value in values.items():
            if name.startswith("on"):
                yield f"<{tag} {name}={value!r}>"
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                address = "".join(value.split()).lower()
                if ":" in address.split("/")[0] and not address.startswith(ALLOWED_SCHEMES):
                    yield f"<{tag} {name}={value!r}>"
                if "evil.example" in address:
                    yield f"<{tag} {name}={value!r}>"
        if tag in ("iframe", "object", "embed", "base"):
            yield f"<{tag}>"
        if tag == "img" and values.get("src") == "x":
            yield "<img src=x>"
        if tag == "abbr" and "FAKE" in values.get("title", ""):
            yield f"abbreviation defined by content: {values['title']!r}"


@pytest.fixture
def hostile_site(make_project: Project, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(hostile_files(), site=True)
    monkeypatch.chdir(root)
    build_site(Paths.at(root))
    return root


def markdown_outside_code(page: str) -> str:
    """A generated page's Markdown with its front matter, fenced code and code spans taken out."""
    body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page
    body = re.sub(r"^(```|~~~).*?^\1\s*$", "", body, flags=re.S | re.M)
    return re.sub(r"(?<![\\`])(`+)(?!`).+?(?<!`)\1(?!`)", "", body)


@pytest.mark.slow
def test_hostile_text_in_every_field_is_inert_in_the_markdown(hostile_site: Path) -> None:
    problems = []
    for path in sorted((hostile_site / "docs").rglob("*")):
        name = path.relative_to(hostile_site / "docs").as_posix()
        if path.suffix == ".md":
            body = markdown_outside_code(path.read_text(encoding="utf-8"))
            # The pages' own pictures are <img> elements; the content's is <img src=x ...>.
            problems += [f"{name}: {raw}" for raw in ("<script", "<img src=x", "<iframe", "<!--") if raw in body]
            problems += [f"{name}: Jinja ran" for _ in [1] if "49" in body]
        elif path.suffix in (".svg", ".xml") and "<script" in path.read_text(encoding="utf-8"):
            problems.append(f"{name}: <script")
    assert problems == []


@pytest.mark.slow
def test_hostile_text_in_every_field_is_inert_in_the_site(hostile_site: Path) -> None:
    pages = {
        p.relative_to(hostile_site / "site").as_posix(): read_page(p) for p in (hostile_site / "site").rglob("*.html")
    }
    assert len(pages) > 10
    problems = [f"{name}: {what}" for name, page in sorted(pages.items()) for what in active_content(page)]
    assert problems == []


@pytest.mark.slow
def test_hostile_text_is_shown_literally_not_interpreted(hostile_site: Path) -> None:
    brief = read_page(hostile_site / "site/briefs/trade/index.html")
    visible = brief.visible
    for literal in (SCRIPT, "<!-- hidden -->", "{{ 7*7 }}", "{% if true %}IF{% endif %}", "{# note #}", "`tick`"):
        assert literal in visible, literal
    assert "49" not in visible
    title = " ".join((HOSTILE + BREAKOUT + QUOTE).split())
    assert brief.headings[0].strip("¶ ") == title, "the title is one heading, shown as written"
    assert brief.title.startswith(title)
    assert [h for h in brief.headings if h.startswith(("Injected", "injected"))] == []
    assert sum(tag == "h1" for tag, _values in brief.elements) == 1


@pytest.mark.slow
def test_pipes_in_content_cannot_add_table_cells(hostile_site: Path) -> None:
    html = (hostile_site / "site/actors/index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert len(rows) >= 3, "a header and one row per actor"
    assert [len(re.findall(r"<t[dh][ >]", row)) for row in rows] == [2] * len(rows)


@pytest.mark.slow
def test_snippet_markers_in_content_are_shown_not_included(hostile_site: Path) -> None:
    visible = read_page(hostile_site / "site/briefs/trade/index.html").visible
    assert '--8<-- "missing.md"' in visible


@pytest.mark.slow
def test_an_address_that_tries_to_close_its_link_stays_one_link(hostile_site: Path) -> None:
    page = read_page(hostile_site / "site/actors/valley/index.html")
    hrefs = [values.get("href", "") for tag, values in page.elements if tag == "a"]
    assert "https://example.org/a%29%5Bx%5D%28javascript:alert%286%29" in hrefs
    assert not [href for href in hrefs if "javascript" in href and not href.startswith("https://")]


# --- ids and file names cannot move the output -------------------------------------------------


def test_a_generated_path_outside_docs_is_refused_before_anything_is_written(
    make_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    before = digest(root)
    original = pageset.pages

    def with_a_page_outside(renderer: Any) -> Any:
        found, problems = original(renderer)
        found["../content/briefs/trade.yml"] = dataclasses.replace(
            found["index.md"], path="../content/briefs/trade.yml"
        )
        return found, problems

    monkeypatch.setattr(pageset, "pages", with_a_page_outside)
    with pytest.raises(Exception, match="not a plain path inside the output folder"):
        generate(Paths.at(root))
    assert digest(root, skip=lambda p: p == ".explainer.lock") == before


# --- nothing lost ------------------------------------------------------------------------------


@pytest.mark.slow
def test_no_command_writes_to_content(
    make_project: Project, explainer: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(site=True)
    monkeypatch.chdir(root)
    before = digest(root / "content")
    for args in (["validate"], ["generate"], ["build"], ["build", "--strict"], ["schema"]):
        assert explainer(root, *args).code == 0, args
    assert digest(root / "content") == before
    (root / "content/glossary/lock.yml").write_text("term: [\n")
    broken = digest(root / "content")
    assert explainer(root, "build").code == 1
    assert digest(root / "content") == broken


def test_new_never_overwrites_even_through_a_dangling_link(
    make_project: Project, explainer: Callable[..., Result], tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = make_project()
    before = digest(root / "content")
    result = explainer(root, "new", "term", "lock")
    assert result.code == 1 and result.err.endswith("lock.yml already exists; choose another id or edit that file\n")
    target = tmp_path_factory.mktemp("elsewhere") / "planted.yml"
    (root / "content/glossary/weir.yml").symlink_to(target)
    assert explainer(root, "new", "term", "weir").code == 1
    assert not target.exists()
    assert digest(root / "content") == before


def site_state(root: Path) -> dict[str, dict[str, str]]:
    return {"docs": generated(root), "site": digest(root / "site")}


@pytest.fixture
def built(make_project: Project, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with a good build in place (pages and site)."""
    root = make_project(site=True)
    monkeypatch.chdir(root)
    build_site(Paths.at(root))
    return root


def broken_template(monkeypatch: pytest.MonkeyPatch) -> None:
    real = render.environment

    def environment() -> jinja2.Environment:
        env = real()  # shared by every renderer: overlaid, never changed
        broken = jinja2.ChoiceLoader([jinja2.DictLoader({"brief.md.j2": "{{ missing_variable }}"}), env.loader])  # type: ignore[list-item]
        return env.overlay(loader=broken)

    monkeypatch.setattr(render, "environment", environment)


@pytest.mark.slow
@pytest.mark.parametrize("failure", ["bad-content", "template-error", "interrupted-while-writing", "site-build-error"])
def test_a_failed_build_leaves_the_previous_pages_and_site_and_the_next_build_recovers(
    built: Path, make_project: Project, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    before = site_state(built)
    trade = built / "content/briefs/trade.yml"
    trade.write_text(trade.read_text().replace("title: River trade", "title: River trade, revised"))
    with monkeypatch.context() as patch:
        if failure == "bad-content":
            (built / "content/glossary/lock.yml").write_text("term: [\n")
            expected: type[BaseException] = ContentError
        elif failure == "template-error":
            broken_template(patch)
            expected = jinja2.UndefinedError
        elif failure == "interrupted-while-writing":
            calls = 0
            real = writer._stage

            def stage(target: Path, data: bytes) -> Path:
                nonlocal calls
                calls += 1
                if calls > 3:
                    raise KeyboardInterrupt
                return real(target, data)

            patch.setattr(writer, "_stage", stage)
            expected = KeyboardInterrupt
        else:
            (built / "mkdocs.yml").write_text((built / "mkdocs.yml").read_text() + "\nnot_a_setting: 1\n")
            expected = ExplainerError
        with pytest.raises(expected):
            build_site(Paths.at(built), strict=True)
    state = site_state(built)
    assert state["site"] == before["site"], "the previous site is intact"
    if failure != "site-build-error":  # pages are written before MkDocs runs; they are the new ones then
        assert state["docs"] == before["docs"], "the previous pages are intact"
    assert not list(built.glob(".site-*")), "no staging folder is left behind"
    assert not [p for p in (built / "docs").rglob("*.tmp")], "no temporary file is left behind"
    # Put things right: the next build succeeds and equals a build from scratch.
    (built / "content/glossary/lock.yml").write_text(MINIMAL["content/glossary/lock.yml"])
    shutil.copy(Path(__file__).parent.parent / "mkdocs.yml", built / "mkdocs.yml")
    build_site(Paths.at(built))
    fresh = make_project_copy(built)
    assert site_state(built) == site_state(fresh)


def make_project_copy(root: Path) -> Path:
    """The same project built from scratch in a sibling folder."""
    copy = root.parent / f"{root.name}-fresh"
    shutil.copytree(root / "content", copy / "content")
    shutil.copytree(root / "docs" / "assets", copy / "docs" / "assets")
    shutil.copy(root / "mkdocs.yml", copy / "mkdocs.yml")
    cwd = Path.cwd()
    os.chdir(copy)
    try:
        build_site(Paths.at(copy))
    finally:
        os.chdir(cwd)
    return copy


@pytest.mark.slow
def test_ctrl_c_during_a_build_is_reported_and_leaves_the_site(
    built: Path, explainer: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = site_state(built)
    trade = built / "content/briefs/trade.yml"
    trade.write_text(trade.read_text().replace("title: River trade", "title: River trade, revised"))

    def interrupt(target: Path, data: bytes) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer, "_stage", interrupt)
    result = explainer(built, "build")
    assert (result.code, result.err) == (130, "\ninterrupted; the previous output is left in place\n")
    assert site_state(built) == before


@pytest.mark.slow
def test_two_builds_at_once_give_the_same_output_as_one(make_project: Project) -> None:
    root = make_project(site=True)
    command = [str(EXPLAINER_BIN), "--root", str(root), "build"]
    runs = [subprocess.Popen(command, cwd=root, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert not list(root.glob(".site-*"))
    fresh = make_project_copy(root)
    assert site_state(root) == site_state(fresh)


# --- reference definitions wherever Python-Markdown reads them (issue 13, reproduction 1) ---------

# Each: the actor's role, as Markdown. Python-Markdown (the site's extensions) makes every one of them
# an address with the javascript: scheme; the old check looked at line starts only and let all but
# the first through.
DEFINITIONS = {
    "at-a-line-start": "See [the record][r].\n\n[r]: javascript:alert(document.cookie)",
    "in-a-list-item": "See [the record][r].\n\n- [r]: javascript:alert(document.cookie)",
    "in-a-star-list-item": "See [the record][r].\n\n* [r]: javascript:alert(document.cookie)",
    "in-a-blockquote": "See [the record][r].\n\n> [r]: javascript:alert(document.cookie)",
    "in-an-ordered-list-with-an-image": "![x][f]\n\n1. [f]: javascript:alert(document.cookie)",
    "nested-list-and-quote": "See [the record][r].\n\n- > 1. [r]: javascript:alert(document.cookie)",
    "in-a-list-item-continuation": "See [the record][r].\n\n- item\n\n    [r]: javascript:alert(document.cookie)",
    "address-on-the-next-line": "See [the record][r].\n\n[r]:\n  javascript:alert(document.cookie)",
    "address-on-the-next-quoted-line": "See [the record][r].\n\n> [r]:\n> javascript:alert(document.cookie)",
    "label-across-two-lines": "See [the record][r].\n\n[r\n]: javascript:alert(document.cookie)",
    "after-a-line-of-text": "See [the record][r].\nMore text.\n[r]: javascript:alert(document.cookie)",
    "in-angle-brackets": "See [the record][r].\n\n- [r]: <javascript:alert(document.cookie)>",
    "scheme-as-entities": "See [the record][r].\n\n- [r]: &#106;avascript:alert(document.cookie)",
    "in-an-admonition": "See [the record][r].\n\n!!! note\n    [r]: javascript:alert(document.cookie)",
    "in-a-definition-list": "See [the record][r].\n\nTerm\n:   [r]: javascript:alert(document.cookie)",
    "data-scheme": "![x][f]\n\n> 1. [f]: data:text/html;base64,PHNjcmlwdD4=",
    "content-scheme-is-only-inline": "See [the record][r].\n\n- [r]: brief:trade",
}


def test_every_definition_case_is_a_real_attack_on_the_site_markdown() -> None:
    """The cases are not hypothetical: the site's own Markdown turns each into an unsafe address."""
    from mkdocs.config import load_config

    config = load_config(str(Path(__file__).parent.parent / "mkdocs.yml"))
    options = {k: v for k, v in config.mdx_configs.items() if k != "pymdownx.snippets"}
    extensions = [name for name in config.markdown_extensions if name != "pymdownx.snippets"]
    import markdown

    for case, role in DEFINITIONS.items():
        if case == "scheme-as-entities":
            continue  # Python-Markdown keeps the entity; the browser decodes it: see the check below
        html = markdown.Markdown(extensions=extensions, extension_configs=options).convert(role)
        assert re.search(r'(href|src)="(javascript|data|brief):', html), (case, html)


@pytest.mark.parametrize("case", list(DEFINITIONS))
def test_a_reference_definition_in_any_block_is_checked(
    make_project: Project, explainer: Callable[..., Result], case: str
) -> None:
    role = DEFINITIONS[case]
    scheme = "data" if case == "data-scheme" else "brief" if case.startswith("content") else "javascript"
    root = make_project(
        {"content/actors/valley.yml": ACTOR.replace("role: Home of the river trade.", f"role: {q(role)}")}
    )
    result = explainer(root, "validate", "--strict")
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            f"content/actors/valley.yml:4:7: error[invalid-url]: link with scheme '{scheme}:' in 'role'",
            LINK_HINT,
            "1 error, 0 warnings",
        ],
    )


def test_a_safe_reference_definition_in_a_list_item_passes(
    make_project: Project, explainer: Callable[..., Result]
) -> None:
    role = "See [the record][r].\n\n- [r]: https://valley-archive.org/record"
    root = make_project(
        {"content/actors/valley.yml": ACTOR.replace("role: Home of the river trade.", f"role: {q(role)}")}
    )
    assert explainer(root, "validate", "--strict").code == 0


# --- numbers are finite and sane (reproduction 7) -------------------------------------------------

NUMBER_HINT = "  hint: write a finite number; give large amounts in a larger unit, such as 1.2 with unit $bn"
NUMBERS = {
    "nan": (
        "value: 60",
        "value: .nan",
        "content/briefs/trade.yml:14:12: error[invalid-number]: 'figures.0.value': "
        "nan is not a finite number of at most 10^15",
    ),
    "infinity": (
        "upper: 70",
        "upper: .inf",
        "content/briefs/trade.yml:15:12: error[invalid-number]: 'figures.0.upper': "
        "inf is not a finite number of at most 10^15",
    ),
    "minus-infinity": (
        "value: 60",
        "value: -.inf",
        "content/briefs/trade.yml:14:12: error[invalid-number]: 'figures.0.value': "
        "-inf is not a finite number of at most 10^15",
    ),
    "overflowing-float": (
        "value: 60",
        "value: 1e400",
        "content/briefs/trade.yml:14:12: error[invalid-number]: 'figures.0.value': "
        "inf is not a finite number of at most 10^15",
    ),
    "too-large": (
        "value: 60",
        "value: 2e15",
        "content/briefs/trade.yml:14:12: error[invalid-number]: 'figures.0.value': "
        "2000000000000000.0 is not a finite number of at most 10^15",
    ),
    "long-integer": (
        "value: 60",
        "value: " + "9" * 400,
        "content/briefs/trade.yml:14:12: error[invalid-number]: 'figures.0.value': "
        "a number that large is not a finite number of at most 10^15",
    ),
}


@pytest.mark.parametrize("case", list(NUMBERS))
def test_numbers_that_are_not_finite_or_sane_are_refused_at_their_place(
    make_project: Project, explainer: Callable[..., Result], case: str
) -> None:
    old, new, expected = NUMBERS[case]
    root = make_project({"content/briefs/trade.yml": BRIEF.replace(f"    {old}\n", f"    {new}\n")})
    result = explainer(root, "validate", "--strict")
    assert (result.code, result.err.splitlines()) == (1, [expected, NUMBER_HINT, "1 error, 0 warnings"])


def test_a_five_thousand_digit_integer_is_refused(make_project: Project, explainer: Callable[..., Result]) -> None:
    root = make_project(
        {"content/briefs/trade.yml": BRIEF.replace("    value: 60\n", "    value: " + "9" * 5000 + "\n")}
    )
    result = explainer(root, "validate", "--strict")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "content/briefs/trade.yml:14:12: error[invalid-number]: 'figures.0.value': "
        "inf is not a finite number of at most 10^15"
    )


MAP = """\
title: The valley
subtitle: Where the river runs.
description: The valley and its river.
bbox: {bbox}
places:
  - name: Mill town
    point: {point}
"""
MAPS = {
    "no-width": (
        "[30, 33, 30, 43]",
        "[30, 38]",
        "content/maps/valley.yml:4:7: error[invalid-value]: 'bbox': "
        "[30, 33, 30, 43] has no area: write [west, south, east, north], west < east and south < north",
    ),
    "upside-down": (
        "[26, 43, 45, 33]",
        "[30, 38]",
        "content/maps/valley.yml:4:7: error[invalid-value]: 'bbox': "
        "[26, 43, 45, 33] has no area: write [west, south, east, north], west < east and south < north",
    ),
    "not-a-number": (
        "[26, .nan, 45, 43]",
        "[30, 38]",
        "content/maps/valley.yml:4:12: error[invalid-number]: 'bbox.1': nan is not a finite number of at most 10^15",
    ),
    "off-the-globe": (
        "[26, 33, 245, 43]",
        "[30, 38]",
        "content/maps/valley.yml:4:16: error[invalid-value]: 'bbox.2': Input should be less than or equal to 180",
    ),
    "a-place-off-the-globe": (
        "[26, 33, 45, 43]",
        "[30, 95]",
        "content/maps/valley.yml:7:17: error[invalid-value]: 'places.0.point.1': "
        "Input should be less than or equal to 90",
    ),
}


@pytest.mark.parametrize("case", list(MAPS))
def test_a_map_box_has_an_area_inside_valid_coordinates(
    make_project: Project, explainer: Callable[..., Result], case: str
) -> None:
    bbox, point, expected = MAPS[case]
    root = make_project({"content/maps/valley.yml": MAP.format(bbox=bbox, point=point)})
    result = explainer(root, "validate", "--strict")
    assert result.code == 1
    assert result.err.splitlines()[0] == expected
