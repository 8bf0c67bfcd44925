"""Warnings silenced by editors, one item at a time, each with its reason.

An item (a key point, a figure, a section, a perspective, or a whole file) may
carry ``ignore: [{code: undated-year, reason: "..."}]``. That silences the
warning on that item only, not on the items inside it: a brief-level ignore does
not reach its key points. An ignore that silences nothing is itself a warning
(``unused-ignore``), so ignores do not outlive the text they were written for.
Files that failed validation show all their warnings; a warning on an item that names a file with
errors, or one that does not exist, waits until that is fixed, as it could only be a guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from generator.content.corpus import Corpus, Entry
from generator.content.types import BY_KIND
from generator.content.walk import references
from generator.errors import Finding, Loc

ONCE_PER_FILE = frozenset({"undated-year"})
"""Warnings given at each mention and reported at the first one not silenced: one action fixes them all."""


def apply(corpus: Corpus, findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` less the warnings silenced where they stand, plus a warning for each ignore left unused."""
    entries = {entry.file.path: entry for entry in corpus.all()}
    used: set[tuple[Any, Loc]] = set()
    kept = []
    repeated: set[tuple[Any, str, str]] = set()
    for finding in findings:
        entry = entries.get(finding.file) if finding.severity == "warning" else None
        if entry is not None and _names_missing(entry, finding, corpus):
            continue  # judged against a file that has errors or is missing: a guess until that is fixed
        silenced = _silencing(entry, finding) if entry is not None else None
        if silenced is not None:
            used.add((finding.file, silenced))
        elif finding.code not in ONCE_PER_FILE or (finding.file, finding.code, finding.message) not in repeated:
            kept.append(finding)
            repeated.add((finding.file, finding.code, finding.message))
    for entry in corpus.all():
        for loc, ignore in of(entry):
            if (entry.file.path, loc) not in used:
                message = f"nothing to silence: no '{ignore.code}' warning on this item"
                hint = "remove this ignore: the text it was written for has changed"
                kept.append(entry.finding(loc, "unused-ignore", message, hint, severity="warning"))
    return kept


def _names_missing(entry: Entry[Any], finding: Finding, corpus: Corpus) -> bool:
    """Whether the item a warning is about names a file that failed validation or does not exist: a source
    that cannot be read cannot count towards confirmation, say. The error about that file says what to fix."""
    _loc, item = holder(entry.model, finding.loc)
    for _where, target, ref_id in references(item):
        if (target, ref_id) in corpus.broken or (target in BY_KIND and ref_id not in corpus.get(target)):
            return True
    return False


def _silencing(entry: Entry[Any], finding: Finding) -> Loc | None:
    """Where the ignore that silences ``finding`` stands, if its item has one for that code."""
    item_loc, item = holder(entry.model, finding.loc)
    for index, ignore in enumerate(getattr(item, "ignore", ())):
        if ignore.code == finding.code:
            return (*item_loc, "ignore", index)
    return None


def holder(model: BaseModel, loc: Loc) -> tuple[Loc, BaseModel]:
    """The innermost item along ``loc`` that can carry ignores, and its location."""
    best: tuple[Loc, BaseModel] = ((), model)
    value: Any = model
    for depth, part in enumerate(loc):
        if isinstance(part, int):
            value = value[part] if isinstance(value, tuple) and 0 <= part < len(value) else None
        else:
            value = getattr(value, part, None) if isinstance(value, BaseModel) else None
        if value is None:
            break
        if isinstance(value, BaseModel) and "ignore" in type(value).model_fields:
            best = (loc[: depth + 1], value)
    return best


def of(entry: Entry[Any]) -> list[tuple[Loc, Any]]:
    """Every ignore in ``entry``, with its location; kept with the entry. Almost no entry has one, which its
    values (``Entry.values``) tell without building a location."""
    return entry.derived("ignores", lambda: list(_ignores(entry.model)) if entry.values().ignores else [])


def _ignores(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every ignore in ``model``, with its location."""
    fields = type(model).model_fields
    for index, ignore in enumerate(getattr(model, "ignore", ()) if "ignore" in fields else ()):
        yield (*loc, "ignore", index), ignore
    for name in fields:
        if name == "ignore":
            continue
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _ignores(value, (*loc, name))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _ignores(item, (*loc, name, index))
