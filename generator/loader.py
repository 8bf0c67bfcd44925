"""Files → plain data with a position for every key and value.

YAML is read event by event with libyaml (PyYAML's C parser when present), and
the tree is built here rather than by PyYAML's constructors. That gives three
guarantees the constructors do not: every value keeps its line and column,
duplicate keys are refused, and nothing is ever constructed from a tag (no
``!!python/...`` object can run, aliases are refused so no "billion laughs").
Scalars are typed by YAML 1.2 core rules: dates stay strings for the models.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Diagnostic

try:  # libyaml is ten times faster; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32

Position = tuple[int, int]
PathKey = tuple[str | int, ...]

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
    "!",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break
_DEPTH_MESSAGE = "exceeded maximum nesting depth"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"
)


@dataclass
class Document:
    """One content file: its data and where each value and key stands in it."""

    path: str
    data: Any
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)
    file: Path | None = field(default=None, compare=False, repr=False)
    """Where the text was read from, so positions can be found again after ``release``."""

    def release(self) -> None:
        """Drop the data and the position tables once a model holds the values.

        They are most of a large explainer's memory, and are needed again only
        for a diagnostic: ``position`` then reads and parses the file once more.
        """
        if self.file is not None:
            self.data, self.values, self.keys = None, {}, {}

    def position(self, loc: PathKey, *, key: bool = False) -> Position:
        """The closest known position for ``loc``: the value (or key), else its parent."""
        if not self.values and self.file is not None:
            self._reparse(self.file)
        table = self.keys if key else self.values
        while loc:
            if loc in table:
                return table[loc]
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def _reparse(self, file: Path) -> None:
        text, _problems = read_text(file, self.path)
        again = parse(text, self.path)[0] if text is not None else None
        if again is not None:  # else the file changed since it was read: the start of the file will do
            self.values, self.keys = again.values, again.keys


class _Abort(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


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
        return None, [
            Diagnostic(
                display,
                1,
                1,
                "file-too-large",
                f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                "split it into several files",
            )
        ]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Diagnostic(
                display,
                line,
                col,
                "file-encoding",
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file as UTF-8",
            )
        ]


def parse(text: str, display: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one YAML document into a ``Document`` whose top level is a mapping."""
    doc = Document(display, None)
    problems: list[Diagnostic] = []
    try:
        doc.data = _build(_events(text, display), doc, problems)
    except _Abort as abort:
        return None, [*problems, abort.diagnostic]
    if doc.data is None:
        return None, [
            Diagnostic(
                display, 1, 1, "file-empty", "file holds no content", "fill it in, or start from `explainer new`"
            )
        ]
    if not isinstance(doc.data, dict):
        line, col = doc.values[()]
        found = "a list" if isinstance(doc.data, list) else "a single value"
        return None, [
            Diagnostic(
                display,
                line,
                col,
                "file-not-mapping",
                f"expected a mapping of fields, found {found}",
                "write one `field: value` per line at the top level",
            )
        ]
    return doc, problems


def _events(text: str, display: str) -> Iterator[Any]:
    loader = _Loader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _clamp(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = _BREAK.split(text)
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
        if "\t" in indent:
            raise _Abort(
                Diagnostic(
                    display,
                    line,
                    indent.index("\t") + 1,
                    "yaml-tab",
                    "a tab is used for indentation",
                    "indent with spaces only",
                )
            ) from None
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if message.startswith(_DEPTH_MESSAGE):
            raise _Abort(_too_deep(display, line, col)) from None
        raise _Abort(
            Diagnostic(
                display,
                line,
                col,
                "yaml-syntax",
                message,
                "check the indentation and quoting on this line and the one above",
            )
        ) from None
    except yaml.reader.ReaderError as exc:  # a control character in the text; it carries an offset, not a mark
        before = _BREAK.split(text[: min(max(exc.position, 0), len(text))])
        line, col = len(before), len(before[-1]) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else "\x00"
        raise _Abort(_control(display, line, col, char)) from None
    except yaml.YAMLError as exc:
        raise _Abort(Diagnostic(display, 1, 1, "yaml-syntax", " ".join(str(exc).split()))) from None
    finally:
        loader.dispose()


def _build(events: Iterator[Any], doc: Document, problems: list[Diagnostic]) -> Any:
    """Assemble containers from events without recursion, so depth is bounded by us, not the stack."""
    root: list[Any] = []
    # Each frame: [container, path, pending key or None, key mark or None]
    stack: list[list[Any]] = []
    documents = 0

    def where(event: Any) -> Position:
        return event.start_mark.line + 1, event.start_mark.column + 1

    def attach(value: Any, path: PathKey, pos: Position, *, is_scalar: bool) -> None:
        if not stack:
            root.append(value)
            doc.values[()] = pos
            return
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            doc.values[path] = pos
            container.append(value)
        elif frame[2] is None:
            if not is_scalar or not isinstance(value, (str, int, float, bool)) or isinstance(value, bool):
                raise _Abort(
                    Diagnostic(
                        doc.path,
                        *pos,
                        "yaml-syntax",
                        "a mapping key must be a plain word",
                        "write keys as `name: value`",
                    )
                )
            frame[2], frame[3] = str(value), pos
        else:
            key, key_pos = frame[2], frame[3]
            frame[2] = frame[3] = None
            full = (*frame[1], key)
            if key in container:
                first = doc.keys[full]
                problems.append(
                    Diagnostic(
                        doc.path,
                        key_pos[0],
                        key_pos[1],
                        "yaml-duplicate-key",
                        f"key '{key}' appears twice",
                        f"it is first set on line {first[0]}; keep one of the two",
                    )
                )
                return
            doc.keys[full] = key_pos
            doc.values[full] = pos
            container[key] = value

    def child_path() -> PathKey:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame[0], list):
            return (*frame[1], len(frame[0]))
        return (*frame[1], frame[2]) if frame[2] is not None else frame[1]

    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Abort(
                    Diagnostic(
                        doc.path,
                        *where(event),
                        "yaml-multiple-documents",
                        "a content file holds one document",
                        "remove the `---` line",
                    )
                )
            continue
        if isinstance(event, yaml.AliasEvent):
            raise _Abort(
                Diagnostic(
                    doc.path,
                    *where(event),
                    "yaml-alias",
                    f"alias *{event.anchor} is not allowed",
                    "write the value out in full; aliases are refused in content",
                )
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _SAFE_TAGS:
            raise _Abort(
                Diagnostic(
                    doc.path,
                    *where(event),
                    "yaml-tag",
                    f"tag {_short_tag(tag)} is not allowed",
                    "remove the tag; content holds plain text, numbers, lists and mappings",
                )
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise _Abort(_too_deep(doc.path, *where(event)))
            path = child_path()
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            attach(container, path, where(event), is_scalar=False)
            stack.append([container, path, None, None])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            value = _scalar(event)
            if isinstance(value, str) and (bad := _CONTROL.search(value)):
                problems.append(_control(doc.path, *where(event), bad.group()))
            attach(value, child_path(), where(event), is_scalar=True)
    return root[0] if root else None


def _scalar(event: Any) -> Any:
    """Type a scalar by YAML 1.2 core rules; quoted and block scalars are always text."""
    value: str = event.value
    tag = event.tag
    if tag is None and not event.implicit[0]:
        return value
    if tag in ("!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        return value
    if tag in (None, "tag:yaml.org,2002:null") and _NULL.match(value):
        return None
    if tag in (None, "tag:yaml.org,2002:bool") and value in _BOOL:
        return _BOOL[value]
    if tag in (None, "tag:yaml.org,2002:int") and _INT.match(value):
        try:
            return int(value, 0) if value.lstrip("+-")[:2] in ("0x", "0o") else int(value)
        except ValueError:  # more digits than Python converts; the model reports it as text
            return value
    if tag in (None, "tag:yaml.org,2002:float") and _FLOAT.match(value):
        special = value.lower().lstrip("+")
        if special in (".inf", "-.inf", ".nan"):  # Python spells these inf, -inf and nan
            return float(special.replace(".", ""))
        return float(value)
    return value


def _clamp(text: str, line: int, col: int) -> Position:
    """A position inside the text: the parser reports errors at the end of input one line past the last."""
    lines = _BREAK.split(text)
    line = min(max(line, 1), len(lines))
    return line, min(max(col, 1), len(lines[line - 1]) + 1)


def _too_deep(path: str, line: int, col: int) -> Diagnostic:
    return Diagnostic(
        path, line, col, "yaml-depth", f"nesting is deeper than {MAX_DEPTH} levels", "flatten the structure"
    )


def _control(path: str, line: int, col: int, char: str) -> Diagnostic:
    return Diagnostic(
        path,
        line,
        col,
        "control-character",
        f"control character U+{ord(char):04X} is not allowed in content",
        "delete it; it is invisible in most editors",
    )


def _short_tag(tag: str) -> str:
    """A tag as it is usually written: ``!!python/object`` rather than ``tag:yaml.org,2002:python/object``."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


@dataclass
class SourceFile:
    """A content file found on disk: which kind it holds and its id (the file name)."""

    kind: str
    id: str
    path: Path
    display: str


def discover(
    root: Path, collections: dict[str, str], single: dict[str, str]
) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Find content files: ``single`` maps file names to kinds, ``collections`` folder names to kinds.

    Files come in a stable order. A YAML file anywhere else, or a link leading
    outside ``root`` or nowhere, is reported rather than silently skipped.
    Hidden files and folders (editor and version-control state) are ignored.
    """
    found: list[SourceFile] = []
    problems: list[Diagnostic] = []
    base = root.resolve()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        display = "/".join(_printable(part) for part in (root.name, *relative.parts))
        is_yaml = path.suffix.lower() in (".yml", ".yaml")
        if path.is_symlink() and (is_yaml or path.is_dir()):
            problem = _link_problem(path, base, display)
            if problem is not None:
                problems.append(problem)
                continue
        if not is_yaml or path.is_dir():
            continue
        parts = relative.parts
        if len(parts) == 1 and parts[0] in single:
            found.append(SourceFile(single[parts[0]], parts[0].rsplit(".", 1)[0], path, display))
        elif len(parts) == 2 and parts[0] in collections:
            found.append(SourceFile(collections[parts[0]], path.stem, path, display))
        else:
            places = ", ".join([*single, *(f"{name}/" for name in collections)])
            problems.append(
                Diagnostic(
                    display, 1, 1, "unknown-file", "this file is in no content folder", f"content files go in: {places}"
                )
            )
    return found, problems


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


def load(file: SourceFile) -> tuple[Document | None, list[Diagnostic]]:
    """Read and parse one content file, never raising for bad content."""
    text, problems = read_text(file.path, file.display)
    if text is None:
        return None, problems
    doc, problems = parse(text, file.display)
    if doc is not None:
        doc.file = file.path
    return doc, problems
