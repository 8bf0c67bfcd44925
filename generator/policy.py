"""The publish policy: which problems block a merge or a deploy, and which only need attention.

Errors always block. Under ``--strict`` warnings block too, except the ones that age: they appear with
the passing of time, not with a change (a brief whose review is overdue, a source address that died), so
they never block publishing; the site shows readers the overdue review, and the weekly run lists them in
an issue. Against a baseline (the diagnostics of ``main``), a change is blocked only by the warnings it
introduces, of any kind: matched by file, code and message, never by line, which any edit above moves.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from generator.errors import Diagnostic, UsageError

AGING = frozenset({"stale-review", "dead-link", "moved-link", "unreachable-link"})
"""Warnings that time alone raises: they need attention, and never block a deploy."""


def blocking(
    diagnostics: Sequence[Diagnostic], *, strict: bool, baseline: Sequence[Diagnostic] | None = None
) -> list[Diagnostic]:
    """The diagnostics that fail the run: errors; with ``strict``, warnings that are new or do not age."""
    errors = [d for d in diagnostics if d.severity == "error"]
    warnings = [d for d in diagnostics if d.severity != "error"]
    if not strict:
        return errors
    if baseline is None:
        return errors + [d for d in warnings if d.code not in AGING]
    return errors + introduced(warnings, baseline)


def introduced(diagnostics: Sequence[Diagnostic], baseline: Sequence[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics ``baseline`` does not hold. Each baseline entry matches one diagnostic with the same file,
    code and message, at the same line first, then anywhere in the file: a warning that only moved is not new."""
    at_line = Counter((*_key(d), d.line) for d in baseline)
    left = []
    for diagnostic in diagnostics:
        place = (*_key(diagnostic), diagnostic.line)
        if at_line[place] > 0:
            at_line[place] -= 1
        else:
            left.append(diagnostic)
    anywhere: Counter[tuple[str, str, str]] = Counter()
    for key, count in at_line.items():
        anywhere[key[:3]] += count
    new = []
    for diagnostic in left:
        if anywhere[_key(diagnostic)] > 0:
            anywhere[_key(diagnostic)] -= 1
        else:
            new.append(diagnostic)
    return new


def _key(d: Diagnostic) -> tuple[str, str, str]:
    return (d.path, d.code, d.message)


def read_diagnostics(text: str, name: str) -> list[Diagnostic]:
    """Diagnostics from ``explainer validate --format json`` output; a file that is not that is a usage error."""
    try:
        data = json.loads(text or "[]")
        items = data["diagnostics"] if isinstance(data, dict) else data  # an object since the certainty summary
        return [Diagnostic(**item) for item in items]
    except (ValueError, TypeError) as exc:
        raise UsageError(f"{name} is not the output of `explainer validate --format json`: {exc}") from None
