"""The project lock: two runs on one project take turns instead of interleaving their writes."""

from __future__ import annotations

import functools
from errno import EACCES, EPERM
from pathlib import Path

from filelock import FileLock

from generator.errors import os_problem


class _Lock:
    """A ``FileLock`` whose failure to open its file (another user's, or a read-only folder) is a message."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = FileLock(path)

    def __enter__(self) -> _Lock:
        try:
            self._lock.acquire()
        except OSError as exc:
            hint = "another user's build may own it: run as that user, or delete it when no build is running"
            raise os_problem(exc, "take the lock", self.path, hint if exc.errno in (EACCES, EPERM) else "") from None
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


@functools.cache
def _lock_at(path: str) -> _Lock:
    return _Lock(path)


def project_lock(root: Path) -> _Lock:
    """One reentrant lock per project, so two builds at once take turns instead of interleaving their writes."""
    return _lock_at(str((root / ".explainer.lock").resolve()))
