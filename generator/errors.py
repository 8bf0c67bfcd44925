"""Diagnostics: the one shape every problem with the content takes.

A diagnostic names a place (path, line, column), a stable code and a message,
with an optional hint. Library code collects them and raises ``ContentError``
once; only the CLI turns them into text and an exit code.
"""

from __future__ import annotations

import errno
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]
"""Where a value is inside a document: the keys and list indexes leading to it."""


@dataclass(frozen=True)
class Finding:
    """A problem the pure core found: in which file and at which place in its document, not yet on which line.

    The core never reads files; the loader's side turns findings into diagnostics
    (``content.files.place``), reading each file concerned once more.
    """

    file: Path
    display: str
    loc: Loc
    code: str
    message: str
    hint: str = ""
    severity: Severity = "error"
    key: bool = False
    """Point at the key rather than its value (an unknown field, say)."""


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place in one file (line and column are 1-based)."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def format_text(self) -> str:
        path, message = _printable(self.path), _printable(self.message)
        head = f"{path}:{self.line}:{self.col}: {self.severity}[{self.code}]: {message}"
        return f"{head}\n  hint: {_printable(self.hint)}" if self.hint else head

    def format_github(self) -> str:
        """A GitHub Actions workflow command, annotating the line in the pull request."""
        level = "error" if self.severity == "error" else "warning"
        message = f"{self.message} (hint: {self.hint})" if self.hint else self.message
        message = _printable(message)
        return (
            f"::{level} file={_gh_property(self.path)},line={self.line},col={self.col},"
            f"title={_gh_property(f'{self.severity}[{self.code}]')}::{_gh_data(message)}"
        )


def _printable(text: str) -> str:
    """Content quoted in a message cannot start a new line or drive the terminal: control characters are escaped."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str) -> str:
    """Render diagnostics as ``text``, ``github`` annotations or ``json``."""
    ordered = sorted(diagnostics)
    if fmt == "json":
        return json.dumps([asdict(d) for d in ordered], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.format_github() for d in ordered)
    return "\n".join(d.format_text() for d in ordered)


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    items = list(diagnostics)
    errors = sum(d.severity == "error" for d in items)
    warnings = len(items) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


class ExplainerError(Exception):
    """Base of every error the CLI reports without a traceback."""

    exit_code = 1


class ContentError(ExplainerError):
    """The content has problems; carries every diagnostic found, not only the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics))
        super().__init__(summary(self.diagnostics))


class UsageError(ExplainerError):
    """The command was called wrongly (exit code 2)."""

    exit_code = 2


class OutputError(ExplainerError):
    """The generator refused to write, for instance over a hand-written file."""


_OS_HINTS = {
    errno.EACCES: "check the permissions of this path and of the folders above it",
    errno.EPERM: "check the permissions of this path and of the folders above it",
    errno.EROFS: "the file system is read-only: run the command in a writable copy of the project",
    errno.ENOSPC: "the disk is full: free some space and run again; the previous output is left in place",
    errno.EDQUOT: "the disk quota is used up: free some space and run again; the previous output is left in place",
    errno.ENOTDIR: "a file stands where a folder is needed on this path: move it away",
    errno.EEXIST: "a file stands where a folder is needed on this path: move it away",
    errno.EISDIR: "a folder stands where a file is needed: move it away",
    errno.ENAMETOOLONG: "the path is too long: use a shorter id or a shorter project path",
    errno.ELOOP: "a link on this path leads back to itself: replace it",
}


def os_problem(exc: OSError, doing: str, path: object = None, hint: str = "") -> OutputError:
    """An error of the file system as a message: the path, what failed and why, and what to do about it."""
    where = exc.filename if exc.filename is not None else path
    reason = exc.strerror or type(exc).__name__
    hint = hint or _OS_HINTS.get(exc.errno or 0, "check the path and run again; the previous output is left in place")
    return OutputError(f"cannot {doing} {where}: {reason}\n  hint: {hint}")
