"""Files staged beside their targets under hidden temporary names, renamed into place, or cleaned up.

The writer (``generator.output.writer``) stages every changed file first and
renames them all after, so an interruption leaves whole files; what a killed
run left behind is found here by its name.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from generator.output.paths import MANIFEST

_TEMP = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]+\.tmp$")


def commit(out_dir: Path, staged: list[tuple[str, Path, Path]]) -> None:
    """Rename every staged file into place; whatever is left after a failure is removed."""
    done = 0
    try:
        for _path, target, tmp in staged:
            os.replace(tmp, target)
            done += 1
    finally:
        discard(tmp for _path, _target, tmp in staged[done:])


def discard(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def remove_stale_temporaries(out_dir: Path, owned: set[str]) -> None:
    """Temporary files a killed run left beside files this writer owns."""
    names: dict[Path, set[str]] = {}
    for path in owned:
        target = out_dir / path
        names.setdefault(target.parent, set()).add(target.name)
    names.setdefault(out_dir, set()).add(MANIFEST)
    for folder, owned_names in names.items():
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            for entry in os.scandir(folder):
                match = _TEMP.match(entry.name)
                if match and match.group("name") in owned_names and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)


def remove_empty_parents(root: Path, path: Path) -> None:
    parent = path.parent
    while parent != root and root in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            return
        parent = parent.parent
