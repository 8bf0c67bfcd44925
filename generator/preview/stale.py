"""Which pages an edit makes stale, from what each page kind declares it reads (``pages.registry``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.content.graph import Key
from generator.pages.registry import Page, Reads


@dataclass(frozen=True)
class Change:
    """This run's entities against the last good run's: models and references by entity, and what changed."""

    models: dict[Key, Any]
    targets: dict[Key, frozenset[Key]]
    changed: set[Key] | None
    """None on the first run."""
    before: dict[Key, Any]
    before_targets: dict[Key, frozenset[Key]]
    referrers: Mapping[Key, set[Key]]
    """Who references each entity now (an entity that stopped referencing something changed itself)."""

    def touched(self) -> set[Key]:
        """What changed, and its neighbours then and now: what it references, and what references it."""
        touched = set(self.changed or ())
        for key in self.changed or ():
            touched |= self.before_targets.get(key, frozenset()) | self.targets.get(key, frozenset())
            touched |= self.referrers.get(key, set())
        return touched


def stale_pages(pages: Mapping[str, Page], last: frozenset[str], change: Change) -> set[str] | None:
    """The pages to render again, or None for all of them."""
    changed = change.changed or set()
    if ("explainer", "explainer") in changed:
        return None  # every page reads the explainer file
    touched = change.touched() if any(page.kind.reads.neighbours for page in pages.values()) else changed
    return {path for path, page in pages.items() if path not in last or _stale(page, page.kind.reads, change, touched)}


def _stale(page: Page, reads: Reads, change: Change, touched: set[Key]) -> bool:
    changed = change.changed or set()
    if reads.everything:
        return bool(changed)
    if page.subject is not None and reads.subject and page.subject.key in (touched if reads.neighbours else changed):
        return True
    for kind, entity_id in changed:
        if kind not in reads.kinds:
            continue
        view, key = reads.kinds[kind], (kind, entity_id)
        old, new = change.before.get(key), change.models.get(key)
        groups = {reads.grouped_by(m) for m in (old, new) if m is not None} if reads.grouped_by else {page.group}
        if page.group not in groups:
            continue
        if view is None or old is None or new is None or view(old) != view(new):
            return True
    return False
