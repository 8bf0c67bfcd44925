"""Placeholders left in content: TODO, TBD, FIXME, lorem ipsum, and example.org addresses.

A starter file says what is missing visibly; this warning keeps the reminders
from reaching readers: ``--strict``, as CI and ``make site`` run, refuses them.
Every text value is read, addresses included (references are ids, not text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from generator.content.corpus import Corpus, Entry, Partial
from generator.content.walk import strings
from generator.errors import Finding, Loc

_PLACEHOLDER = re.compile(
    r"(?<![\w-])(?:TODO|TBD|FIXME)(?![\w-])|(?i:\blorem\b)|(?i:(?<![\w-])example\.(?:org|com|net)\b)"
)
"""Markers in capitals only ("to do" is prose); ``example.org`` and its kin are reserved for examples (RFC 2606)."""


def find(corpus: Corpus) -> Iterator[Finding]:
    """A warning for each value holding a placeholder, in valid files and in the valid parts of invalid ones."""
    found: list[tuple[Entry[Any] | Partial, list[tuple[Loc, str]]]]
    found = [(e, of(e)) for e in corpus.all()]
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


def of(entry: Entry[Any]) -> list[tuple[Loc, str]]:
    """The placeholders in one entry, with their locations; kept with the entry."""
    return entry.derived("placeholders", lambda: _in_entry(entry))


def _in_entry(entry: Entry[Any]) -> list[tuple[Loc, str]]:
    found = entry.values()
    lowered = "\n".join([*found.texts, *found.others]).lower()
    if not any(marker in lowered for marker in _MARKERS):
        return []  # the common case: one scan of all the entry's text, no walk with locations
    return _in(strings(entry.model))


_MARKERS = ("todo", "tbd", "fixme", "lorem", "example.")


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
