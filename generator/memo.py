"""Values derived from one object, kept exactly as long as that object lives, while a preview runs.

The preview keeps the models of unchanged files between runs; what is computed
from a model alone (its JSON line in the export, say) is then computed once per
version of the file, not once per run. A one-off build would gain nothing from
keeping them and would hold them all in memory, so outside ``keeping()`` they
are computed and not kept.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_keeping = threading.local()


@contextlib.contextmanager
def keeping() -> Iterator[None]:
    """Keep memoised values made inside this block (and let later calls find them)."""
    before = getattr(_keeping, "on", False)
    _keeping.on = True
    try:
        yield
    finally:
        _keeping.on = before


def by_identity(compute: Callable[[T], R]) -> Callable[[T], R]:
    """Memoise ``compute`` on its argument's identity; an entry goes when its object is collected.

    Identity, not equality: models hash by value, which costs as much as the work saved.
    """
    kept: dict[int, R] = {}

    @functools.wraps(compute)
    def cached(obj: T) -> R:
        key = id(obj)
        if key in kept:
            return kept[key]
        value = compute(obj)
        if not getattr(_keeping, "on", False):
            return value
        kept[key] = value
        weakref.finalize(obj, kept.pop, key, None)
        return value

    return cached


_SLOTS: dict[int, dict[str, object]] = {}


def slot(obj: object) -> dict[str, object]:
    """A place to keep what was made from ``obj`` (a rendered fragment, say), for as long as it lives."""
    key = id(obj)
    place = _SLOTS.get(key)
    if place is None:
        place = {}
        if getattr(_keeping, "on", False):
            _SLOTS[key] = place
            weakref.finalize(obj, _SLOTS.pop, key, None)
    return place


def kept(obj: object, name: str, compute: Callable[[], R]) -> R:
    """``compute()``, kept in ``obj``'s slot under ``name`` while a preview runs.

    Called for every entity in every preview run, so it does as little as it can: one lookup when kept."""
    place = _SLOTS.get(id(obj)) or slot(obj)
    if name in place:
        return place[name]  # type: ignore[return-value]
    value = place[name] = compute()
    return value
