"""The preview's memory: values made from models, kept between runs for as long as those models live.

The preview keeps the models of unchanged files between runs (``session``), so a
part of a long page made from them (a timeline entry, a line of the export) is
made once per version of the files, not once per run. A value is kept with the
first model it was made from (its owner) and dropped when the owner is
collected; it is used again only while every other model it was made from is
the same object. Identity, not equality: comparing models costs as much as the
work saved. This is the only module that keeps values between runs; no stage
imports it: the session passes it in as the run's ``Keep``.
"""

from __future__ import annotations

import operator
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class Kept:
    """A ``generator.keep.Keep`` that remembers."""

    def __init__(self) -> None:
        self._slots: dict[int, dict[str, tuple[tuple[object, ...], Any]]] = {}

    def __call__(self, name: str, made_from: tuple[object, ...], make: Callable[[], T]) -> T:
        owner, others = made_from[0], made_from[1:]
        key = id(owner)
        place = self._slots.get(key)
        if place is None:
            place = self._slots[key] = {}
            weakref.finalize(owner, self._slots.pop, key, None)  # gone with its owner, before its id is reused
        hit = place.get(name)
        if hit is not None and _same(hit[0], others):
            return hit[1]  # type: ignore[no-any-return]
        value = make()
        place[name] = (others, value)
        return value

    def __len__(self) -> int:
        return len(self._slots)


def _same(before: tuple[object, ...], now: tuple[object, ...]) -> bool:
    """The same objects, in order: an equal model may be another file, with another id."""
    return len(before) == len(now) and all(map(operator.is_, before, now))
