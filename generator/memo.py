"""Values derived from one object, kept exactly as long as that object lives.

The preview keeps the models of unchanged files between runs; what is computed
from a model alone (its JSON line in the export, say) is then computed once per
version of the file, not once per run.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


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
        kept[key] = value
        weakref.finalize(obj, kept.pop, key, None)
        return value

    return cached
