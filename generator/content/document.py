"""YAML text → plain data with a position for every key and value.

YAML is read event by event with libyaml (PyYAML's C parser when present), and
the tree is built here rather than by PyYAML's constructors. That gives three
guarantees the constructors do not: every value keeps its line and column,
duplicate keys are refused, and nothing is ever constructed from a tag (no
``!!python/...`` object can run, aliases are refused so no "billion laughs").
Scalars are typed by YAML 1.2 core rules: dates stay strings for the models.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.content import scalars
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


@dataclass
class Document:
    """One content file's data and where each value and key stands in it."""

    path: str
    data: Any
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)

    def position(self, loc: PathKey, *, key: bool = False) -> Position:
        """The closest known position for ``loc``: the value (or key), else its parent."""
        table = self.keys if key else self.values
        while loc:
            if loc in table:
                return table[loc]
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))


class _Abort(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


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
    tree = _Tree(doc, problems)
    for event in events:
        tree.take(event)
    return tree.root[0] if tree.root else None


@dataclass
class _Frame:
    """An open mapping or list: its path, and for a mapping the key read but not yet given a value."""

    container: Any
    path: PathKey
    key: str | None = None
    key_pos: Position = (0, 0)


class _Tree:
    """Builds one document's data from libyaml events, recording where every key and value stands."""

    def __init__(self, doc: Document, problems: list[Diagnostic]) -> None:
        self.doc, self.problems = doc, problems
        self.root: list[Any] = []
        self.stack: list[_Frame] = []
        self.documents = 0

    def take(self, event: Any) -> None:
        pos = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._abort(
                    pos, "yaml-multiple-documents", "a content file holds one document", "remove the `---` line"
                )
            return
        if isinstance(event, yaml.AliasEvent):
            hint = "write the value out in full; aliases are refused in content"
            self._abort(pos, "yaml-alias", f"alias *{event.anchor} is not allowed", hint)
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _SAFE_TAGS:
            hint = "remove the tag; content holds plain text, numbers, lists and mappings"
            self._abort(pos, "yaml-tag", f"tag {_short_tag(tag)} is not allowed", hint)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(self.stack) >= MAX_DEPTH:
                raise _Abort(_too_deep(self.doc.path, *pos))
            path = self._child_path()
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            self._attach(container, path, pos, is_scalar=False)
            self.stack.append(_Frame(container, path))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            value = scalars.typed(event)
            if isinstance(value, str) and (bad := _CONTROL.search(value)):
                self.problems.append(_control(self.doc.path, *pos, bad.group()))
            self._attach(value, self._child_path(), pos, is_scalar=True)

    def _abort(self, pos: Position, code: str, message: str, hint: str) -> None:
        raise _Abort(Diagnostic(self.doc.path, *pos, code, message, hint))

    def _child_path(self) -> PathKey:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        return (*frame.path, frame.key) if frame.key is not None else frame.path

    def _attach(self, value: Any, path: PathKey, pos: Position, *, is_scalar: bool) -> None:
        doc = self.doc
        if not self.stack:
            self.root.append(value)
            doc.values[()] = pos
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            doc.values[path] = pos
            frame.container.append(value)
        elif frame.key is None:
            if not is_scalar or not isinstance(value, (str, int, float)) or isinstance(value, bool):
                self._abort(pos, "yaml-syntax", "a mapping key must be a plain word", "write keys as `name: value`")
            frame.key, frame.key_pos = str(value), pos
        else:
            key, key_pos = frame.key, frame.key_pos
            frame.key = None
            full = (*frame.path, key)
            if key in frame.container:
                hint = f"it is first set on line {doc.keys[full][0]}; keep one of the two"
                self.problems.append(
                    Diagnostic(doc.path, *key_pos, "yaml-duplicate-key", f"key '{key}' appears twice", hint)
                )
                return
            doc.keys[full] = key_pos
            doc.values[full] = pos
            frame.container[key] = value


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
