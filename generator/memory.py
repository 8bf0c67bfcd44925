"""The one place that switches Python's cycle collector, and why each switch pays.

The content's models and the graph are long-lived and almost free of cycles,
yet each full collection walks every object alive: building 100,000 of them with
the collector on costs time that grows with the square of the explainer.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause the collector while long-lived, acyclic data is built."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_frozen = 0


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Set what exists now aside from the collector: while the pages are made from the models, full passes
    walk only the new objects, not every model; and while child processes are forked and run, children
    leave the parent's objects alone instead of copying their memory pages to collect them. Nests: the
    outermost exit gives the objects back to the collector."""
    global _frozen
    gc.freeze()
    _frozen += 1
    try:
        yield
    finally:
        _frozen -= 1
        if not _frozen:
            gc.unfreeze()


def set_aside() -> None:
    """Inside ``frozen``: set aside what was built since it began (the models, once loaded), so the pause
    in which they were built is not followed by collections that walk every one of them."""
    if _frozen:
        gc.freeze()


def settle() -> None:
    """After a preview's first run: what it loaded lives as long as the preview and holds no cycle, so it is
    set aside for good, and full passes no longer walk every model after an edit (0.7 s at 10,000 briefs).
    Frozen objects are still freed when unreferenced; garbage is collected first, so none is frozen."""
    gc.collect()
    gc.freeze()
