"""The change report of a pull request: the pages it adds, changes and removes, and how their prose changes.

Both sides are what the writer generated: the files its manifest lists under the base's docs/ and under
this project's. Pages are the Markdown files; the report shows each changed page's text as sentences,
markup removed, with the sentences that went and came. Pure, apart from ``read_generated``.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.output.writer import read_manifest

LINES_PER_PAGE = 16
PAGES_WITH_DIFFS = 40
LINE_WIDTH = 300


@dataclass(frozen=True)
class Changes:
    """What differs between two sets of generated files, by path under docs/."""

    added: list[str]
    changed: list[str]
    removed: list[str]
    other: list[str]
    """Files that are not pages (data, feed, pictures) added, changed or removed."""
    before: Mapping[str, bytes]
    after: Mapping[str, bytes]


def read_generated(docs: Path) -> dict[str, bytes]:
    """The files the writer generated in ``docs`` (its manifest), by path; none when it generated nothing there."""
    found = {}
    for path in sorted(read_manifest(docs)):
        target = docs / path
        if target.is_file() and not target.is_symlink():
            found[path] = target.read_bytes()
    return found


def compare(before: Mapping[str, bytes], after: Mapping[str, bytes]) -> Changes:
    paths = sorted({*before, *after})
    added = [p for p in paths if p not in before]
    removed = [p for p in paths if p not in after]
    changed = [p for p in paths if p in before and p in after and before[p] != after[p]]
    pages = {p for p in paths if p.endswith(".md")}
    return Changes(
        [p for p in added if p in pages],
        [p for p in changed if p in pages],
        [p for p in removed if p in pages],
        [p for p in (*added, *changed, *removed) if p not in pages],
        before,
        after,
    )


def report(changes: Changes, preview: str = "") -> str:
    """The job summary: counts, the preview link, then each list; a changed page with its prose diff."""
    counts = (
        f"{len(changes.added)} page{_s(changes.added)} added, {len(changes.changed)} changed, "
        f"{len(changes.removed)} removed; {len(changes.other)} other file{_s(changes.other)} changed."
    )
    lines = ["## What this change does to the site", "", counts, ""]
    if preview:
        lines += [
            f"[Download the preview]({preview}): unzip it and open `index.html`; it browses from disk as the",
            "published site does (search needs the published site).",
            "",
        ]
    for heading, paths, side in (("Added", changes.added, changes.after), ("Removed", changes.removed, changes.before)):
        if paths:
            lines += [f"### {heading}", "", *(f"- {_label(side[p], p)}" for p in paths), ""]
    if changes.changed:
        lines += ["### Changed", ""]
        for number, path in enumerate(changes.changed):
            if number == PAGES_WITH_DIFFS:
                lines += [f"… and {len(changes.changed) - number} more changed pages.", ""]
                break
            lines += [f"#### {_label(changes.after[path], path)}", "", *_diff_block(changes, path), ""]
    if changes.other:
        lines += ["### Other files", "", *(f"- `{p}`" for p in changes.other), ""]
    return "\n".join(lines)


def _diff_block(changes: Changes, path: str) -> list[str]:
    old, new = prose(changes.before[path].decode("utf-8")), prose(changes.after[path].decode("utf-8"))
    diff = prose_diff(old, new)
    if not diff:
        return ["Links or layout only: the text reads the same."]
    if len(diff) > LINES_PER_PAGE:
        diff = [*diff[:LINES_PER_PAGE], f"… {len(diff) - LINES_PER_PAGE} more lines"]
    fence = "`" * max([3, *(len(run) + 1 for line in diff for run in re.findall(r"`+", line))])
    return [f"{fence}diff", *diff, fence]


def prose_diff(old: list[str], new: list[str]) -> list[str]:
    """Sentences removed (``-``) and added (``+``), in the order they appear, each beside its replacement."""
    lines = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        gone, came = old[i1:i2], new[j1:j2]
        if tag == "replace" and len(gone) * len(came) <= PAIRING_LIMIT:  # ndiff pairs similar sentences
            lines += [f"{line[0]} {_short(line[2:])}" for line in difflib.ndiff(gone, came) if line[0] in "-+"]
        elif tag != "equal":
            lines += [f"- {_short(s)}" for s in gone] + [f"+ {_short(s)}" for s in came]
    return lines


PAIRING_LIMIT = 2500
"""Above this many sentence pairs in one replaced block, removals and additions are listed apart (ndiff is slow)."""


_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_MARKUP = [
    (re.compile(r"<[^>\n]*>"), ""),  # HTML tags
    (re.compile(r"\[\^[^\]]+\](?!:)"), ""),  # footnote references
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"\{[:#.][^}]*\}|\{ [^}]*\}"), ""),  # attribute lists
    (re.compile(r'^!!! \w+(?: "([^"]*)")?$'), r"\1"),  # admonitions: their title
    (re.compile(r"^\s*(?:#+|[-*+]|\d+\.|---)\s+|^\s*---$"), ""),  # headings, list markers, rules
    (re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)"), ""),  # emphasis
]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“(A-Z0-9])")


def prose(markdown: str) -> list[str]:
    """A page's text as sentences: front matter, markup, links' addresses and note markers removed."""
    sentences = []
    for raw in _FRONT.sub("", markdown).splitlines():
        line = raw.strip()
        for pattern, replacement in _MARKUP:
            line = pattern.sub(replacement, line).strip()
        sentences += [s for s in _SENTENCE.split(line) if s.strip()]
    return sentences


def _label(page: bytes, path: str) -> str:
    title = _title(page.decode("utf-8", "replace"))
    return f"{title} (`{path}`)" if title else f"`{path}`"


def _title(markdown: str) -> str:
    match = re.match(r"---\n(?:.*\n)*?title: (.*)\n", markdown)
    if not match:
        return ""
    try:
        title = json.loads(match.group(1))
    except ValueError:
        return ""
    return re.sub(r"&(amp|lt|gt|quot|#34|#39);", lambda m: _ENTITIES[m.group(1)], str(title))


_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#34": '"', "#39": "'"}


def _short(sentence: str) -> str:
    return sentence if len(sentence) <= LINE_WIDTH else sentence[: LINE_WIDTH - 1] + "…"


def _s(items: list[str]) -> str:
    return "" if len(items) == 1 else "s"
