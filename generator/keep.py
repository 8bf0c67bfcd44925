"""How a stage may keep what it made from some models, for as long as those models live.

The one-off build keeps nothing (``nothing``). The live preview passes in its
own ``Keep`` (``generator.preview.keep``), which holds values between runs while
the models they were made from are the same objects: an unchanged file's model
is, so its part of a long page is not made again. Stages only call the ``Keep``
they are given; none knows which one it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Keep(Protocol):
    def __call__(self, name: str, made_from: tuple[object, ...], make: Callable[[], T]) -> T:
        """``make()``, or what it returned before for ``name`` if ``made_from`` holds the same objects."""
        ...


def nothing(name: str, made_from: tuple[object, ...], make: Callable[[], T]) -> T:
    """Keep nothing: a one-off build would only hold every value in memory to the end."""
    return make()
