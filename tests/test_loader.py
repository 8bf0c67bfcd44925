"""The loader: any bytes on disk become data with positions or one clean diagnostic, fast, and nothing runs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from generator.content import document, files
from generator.errors import Diagnostic


def parsed(text: str) -> list[str]:
    """The diagnostics for ``text`` as one line each (hint included), or the data when there are none."""
    doc, problems = document.parse(text, "content/glossary/lock.yml")
    if problems:
        return [_line(d) for d in problems]
    assert doc is not None
    return [repr(doc.data)]


def _line(diagnostic: Diagnostic) -> str:
    return diagnostic.format_text().replace("\n  hint: ", " | hint: ")


# Each case: file text → the one diagnostic expected (text, then " | hint: ...").
BAD_YAML = {
    "syntax-error": (
        "term: [unclosed\ndefinition: x\n",
        "content/glossary/lock.yml:2:11: error[yaml-syntax]: did not find expected ',' or ']'"
        " | hint: check the indentation and quoting on this line and the one above",
    ),
    "tab-indentation": (
        "term: lock\naliases:\n\t- sluice\n",
        "content/glossary/lock.yml:3:1: error[yaml-tab]: a tab is used for indentation | hint: indent with spaces only",
    ),
    "tab-before-key": (
        "term: lock\n\tdefinition: x\n",
        "content/glossary/lock.yml:2:1: error[yaml-tab]: a tab is used for indentation | hint: indent with spaces only",
    ),
    "duplicate-key": (
        "term: lock\ndefinition: a\ndefinition: b\n",
        "content/glossary/lock.yml:3:1: error[yaml-duplicate-key]: key 'definition' appears twice"
        " | hint: it is first set on line 2; keep one of the two",
    ),
    "empty-file": (
        "",
        "content/glossary/lock.yml:1:1: error[file-empty]: file holds no content"
        " | hint: fill it in, or start from `explainer new`",
    ),
    "only-comments": (
        "# nothing yet\n\n",
        "content/glossary/lock.yml:1:1: error[file-empty]: file holds no content"
        " | hint: fill it in, or start from `explainer new`",
    ),
    "a-list": (
        "- term: lock\n- definition: x\n",
        "content/glossary/lock.yml:1:1: error[file-not-mapping]: expected a mapping of fields, found a list"
        " | hint: write one `field: value` per line at the top level",
    ),
    "a-scalar": (
        "just some words\n",
        "content/glossary/lock.yml:1:1: error[file-not-mapping]: expected a mapping of fields, found a single value"
        " | hint: write one `field: value` per line at the top level",
    ),
    "two-documents": (
        "term: lock\n---\nterm: weir\n",
        "content/glossary/lock.yml:2:1: error[yaml-multiple-documents]: a content file holds one document"
        " | hint: remove the `---` line",
    ),
    "a-key-that-is-a-list": (
        "? [a, b]\n: c\n",
        "content/glossary/lock.yml:1:3: error[yaml-syntax]: a mapping key must be a plain word"
        " | hint: write keys as `name: value`",
    ),
    "alias": (
        "term: &t lock\naliases: [*t]\n",
        "content/glossary/lock.yml:2:11: error[yaml-alias]: alias *t is not allowed"
        " | hint: write the value out in full; aliases are refused in content",
    ),
    "python-tag": (
        "term: !!python/object/apply:os.system ['echo hi']\n",
        "content/glossary/lock.yml:1:7: error[yaml-tag]: tag !!python/object/apply:os.system is not allowed"
        " | hint: remove the tag; content holds plain text, numbers, lists and mappings",
    ),
    "python-tag-in-verbatim-form": (
        "term: !<tag:yaml.org,2002:python/name:os.system> x\n",
        "content/glossary/lock.yml:1:7: error[yaml-tag]: tag !!python/name:os.system is not allowed"
        " | hint: remove the tag; content holds plain text, numbers, lists and mappings",
    ),
    "local-tag": (
        "term: !shout lock\n",
        "content/glossary/lock.yml:1:7: error[yaml-tag]: tag !shout is not allowed"
        " | hint: remove the tag; content holds plain text, numbers, lists and mappings",
    ),
    "binary-tag": (
        "term: !!binary bG9jaw==\n",
        "content/glossary/lock.yml:1:7: error[yaml-tag]: tag !!binary is not allowed"
        " | hint: remove the tag; content holds plain text, numbers, lists and mappings",
    ),
    "tag-directive": (
        "%TAG ! tag:example.com,2000:\n---\nterm: !x lock\n",
        "content/glossary/lock.yml:3:7: error[yaml-tag]: tag tag:example.com,2000:x is not allowed"
        " | hint: remove the tag; content holds plain text, numbers, lists and mappings",
    ),
    "raw-control-character": (
        "term: lock\ndefinition: a\x07b\n",
        "content/glossary/lock.yml:2:14: error[control-character]: control character U+0007 is not allowed in content"
        " | hint: delete it; it is invisible in most editors",
    ),
    "escaped-control-character": (
        'term: lock\ndefinition: "\\e[2Jgone"\n',
        "content/glossary/lock.yml:2:13: error[control-character]: control character U+001B is not allowed in content"
        " | hint: delete it; it is invisible in most editors",
    ),
    "escaped-nul": (
        'term: "lo\\0ck"\n',
        "content/glossary/lock.yml:1:7: error[control-character]: control character U+0000 is not allowed in content"
        " | hint: delete it; it is invisible in most editors",
    ),
    "block-nesting-too-deep": (
        "term: lock\n" + "".join(" " * depth + f"k{depth}:\n" for depth in range(40)),
        "content/glossary/lock.yml:34:33: error[yaml-depth]: nesting is deeper than 32 levels"
        " | hint: flatten the structure",
    ),
}


@pytest.mark.parametrize("case", list(BAD_YAML))
def test_bad_yaml_gives_one_diagnostic_at_its_place(case: str) -> None:
    text, expected = BAD_YAML[case]
    assert parsed(text) == [expected]


def test_all_duplicate_keys_are_reported_not_only_the_first() -> None:
    assert parsed("term: a\nterm: b\ndefinition: c\ndefinition: d\n") == [
        "content/glossary/lock.yml:2:1: error[yaml-duplicate-key]: key 'term' appears twice"
        " | hint: it is first set on line 1; keep one of the two",
        "content/glossary/lock.yml:4:1: error[yaml-duplicate-key]: key 'definition' appears twice"
        " | hint: it is first set on line 3; keep one of the two",
    ]


# YAML 1.2 core scalars: dates and yes/no stay text, so the models decide what they mean.
SCALARS = {
    "date-stays-text": ("published: 2026-02-30", {"published": "2026-02-30"}),
    "yes-stays-text": ("draft: yes", {"draft": "yes"}),
    "octal-1.1-stays-int": ("weight: 012", {"weight": 12}),
    "null": ("updated: ~", {"updated": None}),
    "quoted-number-is-text": ('value: "60"', {"value": "60"}),
    "huge-integer-is-too-large-a-number": ("weight: " + "9" * 5000, {"weight": float("inf")}),
    "merge-key-is-a-plain-key": ("<<: x", {"<<": "x"}),
}


@pytest.mark.parametrize("case", list(SCALARS))
def test_scalars_are_typed_by_yaml_1_2_core_rules(case: str) -> None:
    text, data = SCALARS[case]
    doc, problems = document.parse(text, "f.yml")
    assert problems == []
    assert doc is not None and doc.data == data


def test_every_key_and_value_keeps_its_line_and_column() -> None:
    doc, _ = document.parse("term: lock\naliases:\n  - sluice\n  - weir\n", "f.yml")
    assert doc is not None
    assert doc.values[("aliases", 1)] == (4, 5)
    assert doc.keys[("aliases",)] == (2, 1)
    assert doc.position(("aliases", 7, "x")) == (3, 3)  # the nearest known place: the list itself


def test_an_unsafe_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    payload = f"term: !!python/object/apply:builtins.open [{str(marker)!r}, 'w']\n"
    # The payload is live: PyYAML's unsafe loader would create the file...
    yaml.unsafe_load(payload).get("term").close()
    assert marker.exists()
    marker.unlink()
    # ...ours refuses it, and nothing is created.
    assert parsed(payload) == [
        "content/glossary/lock.yml:1:7: error[yaml-tag]: tag !!python/object/apply:builtins.open is not allowed"
        " | hint: remove the tag; content holds plain text, numbers, lists and mappings"
    ]
    assert not marker.exists()


BILLION_LAUGHS = "\n".join(
    [
        "a: &a ['lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol']",
        *(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)),
        "term: *i",
    ]
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (BILLION_LAUGHS, "yaml-alias"),
        ("term: " + "[" * 100_000 + "]" * 100_000, "yaml-depth"),
        ("term: " + "{a: " * 50_000 + "1" + "}" * 50_000, "yaml-depth"),
        ("x:\n" + "".join(" " * i + "- \n" for i in range(2000)), "yaml-depth"),
    ],
    ids=["billion-laughs", "deep-flow-lists", "deep-flow-mappings", "deep-block-lists"],
)
def test_bombs_are_refused_in_bounded_time(text: str, code: str) -> None:
    started = time.perf_counter()
    doc, problems = document.parse(text, "f.yml")
    assert time.perf_counter() - started < 2
    assert doc is None
    assert [d.code for d in problems] == [code]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "lock.yml"
    path.write_bytes(b"\xef\xbb\xbfterm: lock\n")
    text, problems = files.read_text(path, "content/glossary/lock.yml")
    assert (text, problems) == ("term: lock\n", [])


def test_bytes_that_are_not_utf8_are_placed_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "lock.yml"
    path.write_bytes("term: lock\ndefinition: caf\xe9\n".encode("latin-1"))
    text, problems = files.read_text(path, "content/glossary/lock.yml")
    assert text is None
    assert [_line(d) for d in problems] == [
        "content/glossary/lock.yml:2:16: error[file-encoding]: byte 0xe9 is not valid UTF-8"
        " | hint: save the file as UTF-8"
    ]


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "lock.yml"
    path.write_bytes(b"term: " + b"x" * files.MAX_FILE_BYTES)
    text, problems = files.read_text(path, "content/glossary/lock.yml")
    assert text is None
    assert [_line(d) for d in problems] == [
        "content/glossary/lock.yml:1:1: error[file-too-large]: file is 1,000,006 bytes, over the limit of 1,000,000"
        " | hint: split it into several files"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_named_like_a_content_file_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "lock.yml"
    os.mkfifo(path)
    text, problems = files.read_text(path, "content/glossary/lock.yml")
    assert text is None
    assert [_line(d) for d in problems] == [
        "content/glossary/lock.yml:1:1: error[file-unreadable]: not a regular file"
        " | hint: content files are plain text files"
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_a_diagnostic_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "lock.yml"
    path.write_text("term: lock\n")
    path.chmod(0)
    text, problems = files.read_text(path, "content/glossary/lock.yml")
    assert text is None
    assert [_line(d) for d in problems] == [
        "content/glossary/lock.yml:1:1: error[file-unreadable]: cannot read the file: Permission denied"
        " | hint: check its permissions"
    ]


# --- discovery: which files are content, and which are refused -----------------------------


def discovered(root: Path) -> tuple[list[tuple[str, str, str]], list[str]]:
    found, problems = files.discover(root / "content")
    return [(f.kind, f.id, f.display) for f in found], [_line(d) for d in problems]


def touch(root: Path, *paths: str) -> None:
    for relative in paths:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("term: x\n")


def test_files_are_found_by_folder_in_a_stable_order_and_others_reported(tmp_path: Path) -> None:
    touch(
        tmp_path,
        "content/explainer.yml",
        "content/glossary/b.yml",
        "content/glossary/a.yaml",
        "content/glossary/c.YML",
        "content/glossary/notes.md",
        "content/glossary/.draft.yml",
        "content/.obsidian/workspace.yml",
        "content/widgets/gear.yml",
        "content/glossary/deeper/d.yml",
    )
    files, problems = discovered(tmp_path)
    assert files == [
        ("explainer", "explainer", "content/explainer.yml"),
        ("term", "a", "content/glossary/a.yaml"),
        ("term", "b", "content/glossary/b.yml"),
        ("term", "c", "content/glossary/c.YML"),
    ]
    hint = "content files go in: explainer.yml, briefs/, actors/, events/, sources/, glossary/, maps/"
    assert problems == [
        f"content/glossary/deeper/d.yml:1:1: error[unknown-file]: this file is in no content folder | hint: {hint}",
        f"content/widgets/gear.yml:1:1: error[unknown-file]: this file is in no content folder | hint: {hint}",
    ]


LINKS = {
    "outside-file": (
        lambda outside: outside / "secret.yml",
        "content/glossary/evil.yml:1:1: error[file-symlink]: link leads outside the content folder"
        " | hint: replace the link with the file itself",
    ),
    "missing-target": (
        lambda outside: outside / "nothing.yml",
        "content/glossary/evil.yml:1:1: error[file-symlink]: link leads nowhere"
        " (its target is missing or links back to itself) | hint: replace the link with the file itself",
    ),
    "outside-folder": (
        lambda outside: outside,
        "content/glossary/evil.yml:1:1: error[file-symlink]: link leads outside the content folder"
        " | hint: replace the link with the folder itself",
    ),
}


@pytest.mark.parametrize("case", list(LINKS))
def test_a_link_out_of_the_content_folder_is_refused(tmp_path: Path, case: str) -> None:
    target, expected = LINKS[case]
    outside = tmp_path / "outside"
    touch(tmp_path, "outside/secret.yml", "content/explainer.yml")
    (tmp_path / "content/glossary").mkdir()
    (tmp_path / "content/glossary/evil.yml").symlink_to(target(outside))
    files, problems = discovered(tmp_path)
    assert files == [("explainer", "explainer", "content/explainer.yml")]
    assert problems == [expected]


def test_a_link_that_loops_is_refused(tmp_path: Path) -> None:
    (tmp_path / "content/glossary").mkdir(parents=True)
    (tmp_path / "content/glossary/loop.yml").symlink_to("loop.yml")
    assert discovered(tmp_path) == (
        [],
        [
            "content/glossary/loop.yml:1:1: error[file-symlink]: link leads nowhere"
            " (its target is missing or links back to itself) | hint: replace the link with the file itself"
        ],
    )


def test_a_content_folder_that_is_a_link_is_reported_not_silently_skipped(tmp_path: Path) -> None:
    touch(tmp_path, "content/glossary/a.yml")
    (tmp_path / "content/briefs").symlink_to(tmp_path / "content/glossary")
    assert discovered(tmp_path) == (
        [("term", "a", "content/glossary/a.yml")],
        [
            "content/briefs:1:1: error[file-symlink]: folder is a link, so its files are not read"
            " | hint: replace the link with the folder itself"
        ],
    )


def test_a_link_to_a_file_inside_the_content_folder_is_read_under_its_own_name(tmp_path: Path) -> None:
    touch(tmp_path, "content/glossary/a.yml")
    (tmp_path / "content/glossary/b.yml").symlink_to("a.yml")
    assert discovered(tmp_path) == (
        [("term", "a", "content/glossary/a.yml"), ("term", "b", "content/glossary/b.yml")],
        [],
    )


def test_file_names_are_printed_without_control_characters(tmp_path: Path) -> None:
    touch(tmp_path, "content/widgets/a\x1b[2J\nb\u202e.yml")
    _files, problems = discovered(tmp_path)
    assert [p.split(":", 1)[0] for p in problems] == ["content/widgets/a\\u001b[2J\\u000ab\\u202e.yml"]
