"""Placeholders left in content: TODO, TBD, FIXME, lorem ipsum, and example.org addresses.

A starter file says what is missing visibly; this warning keeps the reminders
from reaching readers: ``--strict``, as CI and ``make site`` run, refuses them.
Every text value is read, addresses included (references are ids, not text).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from generator.content.corpus import Corpus, Entry, Partial, strings
from generator.errors import Finding, Loc

_PLACEHOLDER = re.compile(
    r"(?<![\w-])(?:TODO|TBD|FIXME)(?![\w-])|(?i:\blorem\b)|(?i:(?<![\w-])example\.(?:org|com|net)\b)"
)
"""Markers in capitals only ("to do" is prose); ``example.org`` and its kin are reserved for examples (RFC 2606)."""


def find(corpus: Corpus) -> Iterator[Finding]:
    """A warning for each value holding a placeholder, in valid files and in the valid parts of invalid ones."""
    found: list[tuple[Entry[Any] | Partial, list[tuple[Loc, str]]]]
    found = [(e, e.derived("placeholders", functools.partial(_in_model, e.model))) for e in corpus.all()]
    found += [(p, _in(p.strings())) for p in corpus.partial]
    for entry, places in found:
        for loc, text in places:
            field = ".".join(map(str, loc))
            if "example." in text.lower():
                message = f"placeholder address '{text}' in '{field}'"
                hint = "write the real address (example.org, .com and .net are reserved for examples)"
            else:
                message = f"placeholder '{text}' in '{field}'"
                hint = "write the real text; `--strict` (what CI and `make site` run) refuses placeholders"
            yield entry.finding(loc, "placeholder", message, hint, severity="warning")


def _in_model(model: BaseModel) -> list[tuple[Loc, str]]:
    text: list[str] = []
    _gather(model, text)
    lowered = "\n".join(text).lower()
    if not any(marker in lowered for marker in _MARKERS):
        return []  # the common case: one scan of all the entry's text, no walk with locations
    return _in(strings(model))


_MARKERS = ("todo", "tbd", "fixme", "lorem", "example.")


def _gather(value: Any, out: list[str]) -> None:
    """Every string in ``value``, ids included (they cannot hold a placeholder, so they only cost a scan)."""
    cls = type(value)
    if cls is str:
        out.append(value)
    elif cls is tuple:
        for item in value:
            _gather(item, out)
    elif isinstance(value, BaseModel):
        for item in value.__dict__.values():
            _gather(item, out)


def _in(values: Iterable[tuple[Loc, str]]) -> list[tuple[Loc, str]]:
    found = []
    for loc, value in values:
        match = _PLACEHOLDER.search(value)
        if match:
            found.append((loc, _host(value, match) if match.group().lower().startswith("example.") else match.group()))
    return found


def _host(value: str, match: re.Match[str]) -> str:
    """The whole host an ``example.org`` match ends: ``www.example.org``."""
    start = match.start()
    while start > 0 and (value[start - 1].isalnum() or value[start - 1] in ".-"):
        start -= 1
    return value[start : match.end()].lstrip(".-")
