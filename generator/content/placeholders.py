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

from generator.content.corpus import Corpus, Entry, Partial, strings
from generator.errors import Finding, Loc

_PLACEHOLDER = re.compile(
    r"(?<![\w-])(?:TODO|TBD|FIXME)(?![\w-])"
    r"|(?i:\blorem\b)"
    r"|(?i:(?<![\w.-])(?:[a-z0-9-]+\.)*example\.(?:org|com|net)\b)"
)
"""Markers in capitals only ("to do" is prose); ``example.org`` and its kin are reserved for examples (RFC 2606)."""


def find(corpus: Corpus) -> Iterator[Finding]:
    """A warning for each value holding a placeholder, in valid files and in the valid parts of invalid ones."""
    found: list[tuple[Entry[Any] | Partial, list[tuple[Loc, str]]]]
    found = [(e, e.derived("placeholders", functools.partial(_in, strings(e.model)))) for e in corpus.all()]
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


def _in(values: Iterable[tuple[Loc, str]]) -> list[tuple[Loc, str]]:
    found = []
    for loc, value in values:
        match = _PLACEHOLDER.search(value)
        if match:
            found.append((loc, match.group()))
    return found
