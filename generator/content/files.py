"""The content folder on disk: which files there are, their text, and where a finding stands in them.

This is the loader's I/O shell. Discovery walks the folder in a stable order
and reports, rather than skips, what it cannot use: files in no content folder,
links leading outside it, folders it cannot read. ``place`` turns the core's
findings (a file and a path of keys) into diagnostics with a line and column,
reading each file concerned once more: the core itself never reads a file.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.content.document import Document, parse
from generator.content.types import EXPLAINER_FILE, FOLDERS
from generator.errors import Diagnostic, Finding

MAX_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class SourceFile:
    """A content file found on disk: which kind it holds and its id (the file name)."""

    kind: str
    id: str
    path: Path
    display: str


def discover(root: Path) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Every content file under ``root``, in a stable order, and what is there but cannot be read as content.

    Hidden files and folders (editor and version-control state) are ignored.
    """
    found: list[SourceFile] = []
    problems: list[Diagnostic] = []
    base = root.resolve() if root.exists() else root
    pending: list[tuple[Path, tuple[str, ...]]] = [(root, ())]
    while pending:
        folder, parts = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except FileNotFoundError:
            continue
        except OSError as exc:
            where = "/".join(_printable(p) for p in (root.name, *parts))
            problems.append(_unreadable_folder(where, exc))
            continue
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relative = (*parts, entry.name)
            display = "/".join(_printable(part) for part in (root.name, *relative))
            path = Path(entry.path)
            is_yaml = path.suffix.lower() in (".yml", ".yaml")
            is_dir = _is_dir(entry)
            if entry.is_symlink() and (is_yaml or is_dir):
                problem = _link_problem(path, base, display)
                if problem is not None:
                    problems.append(problem)
                    continue
            if is_dir:
                if not entry.is_symlink():
                    folders.append((path, relative))
                continue
            if is_yaml:
                found_file = _content_file(relative, path, display)
                if found_file is None:
                    problems.append(_stray(display))
                else:
                    found.append(found_file)
        pending.extend(reversed(folders))
    return sorted(found, key=lambda f: f.path.parts), problems


def read_text(path: Path, display: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a content file as UTF-8 (a byte-order mark is accepted), within the size limit.

    Only regular files are read: a pipe or a device named ``*.yml`` would block
    or never end. The size is enforced on the bytes read, not on what ``stat`` says.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, [
                Diagnostic(display, 1, 1, "file-unreadable", "not a regular file", "content files are plain text files")
            ]
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, [
            Diagnostic(display, 1, 1, "file-unreadable", f"cannot read the file: {reason}", "check its permissions")
        ]
    if len(raw) > MAX_FILE_BYTES:
        size = max(info.st_size, len(raw))
        message = f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}"
        return None, [Diagnostic(display, 1, 1, "file-too-large", message, "split it into several files")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"byte 0x{raw[exc.start]:02x} is not valid UTF-8"
        return None, [Diagnostic(display, line, col, "file-encoding", message, "save the file as UTF-8")]


def load(file: SourceFile) -> tuple[Document | None, list[Diagnostic]]:
    """Read and parse one content file, never raising for bad content."""
    text, problems = read_text(file.path, file.display)
    if text is None:
        return None, problems
    return parse(text, file.display)


Position = tuple[int, int]
Remembered = Callable[[Finding, Callable[[], Position]], Position]
"""Where a finding stands, given a way to look it up: a caller that knows it from a run before answers."""


def place(findings: Iterable[Finding], remembered: Remembered | None = None) -> list[Diagnostic]:
    """Diagnostics at the line and column of each finding: each file concerned is read and parsed once more,
    unless ``remembered`` knows the position.

    A file that changed meanwhile (or can no longer be read) places its findings at its start.
    """
    documents: dict[Path, Document | None] = {}

    def locate(finding: Finding) -> Position:
        if finding.file not in documents:
            documents[finding.file] = load(SourceFile("", "", finding.file, finding.display))[0]
        doc = documents[finding.file]
        return doc.position(finding.loc, key=finding.key) if doc is not None else (1, 1)

    placed = []
    for finding in findings:
        line, col = remembered(finding, functools.partial(locate, finding)) if remembered else locate(finding)
        placed.append(
            Diagnostic(finding.display, line, col, finding.code, finding.message, finding.hint, finding.severity)
        )
    return placed


def _content_file(relative: tuple[str, ...], path: Path, display: str) -> SourceFile | None:
    if relative == (EXPLAINER_FILE,):
        return SourceFile("explainer", "explainer", path, display)
    if len(relative) == 2 and relative[0] in FOLDERS:
        return SourceFile(FOLDERS[relative[0]], path.stem, path, display)
    return None


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _stray(display: str) -> Diagnostic:
    places = ", ".join([EXPLAINER_FILE, *(f"{folder}/" for folder in FOLDERS)])
    return Diagnostic(
        display, 1, 1, "unknown-file", "this file is in no content folder", f"content files go in: {places}"
    )


def _unreadable_folder(display: str, exc: OSError) -> Diagnostic:
    reason = exc.strerror or type(exc).__name__
    return Diagnostic(
        display,
        1,
        1,
        "folder-unreadable",
        f"cannot read the folder: {reason}",
        "check its permissions: files in it are not read",
    )


def _link_problem(path: Path, base: Path, display: str) -> Diagnostic | None:
    """Why a symbolic link in the content folder cannot be read, or None for a link to a file inside it."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a missing target, or a loop (RuntimeError before Python 3.13)
        message = "link leads nowhere (its target is missing or links back to itself)"
        return Diagnostic(display, 1, 1, "file-symlink", message, "replace the link with the file itself")
    what = "folder" if target.is_dir() else "file"
    if not target.is_relative_to(base):
        message = "link leads outside the content folder"
    elif target.is_dir():
        message = "folder is a link, so its files are not read"
    else:
        return None
    return Diagnostic(display, 1, 1, "file-symlink", message, f"replace the link with the {what} itself")


def _printable(name: str) -> str:
    """A file name safe to print: control and invisible formatting characters are shown as escapes."""
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in name)
