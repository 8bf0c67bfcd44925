"""The theme as the preview's site build keeps it between builds: its Jinja environment and its static files.

``mkdocs build`` makes a new Jinja environment each time, which compiles every
template again, and lists the theme's files, walking Material's ten thousand
icons; together they took longer than rebuilding a page. ``Themes`` keeps both
while the theme's own files are unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from collections.abc import Iterator
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.theme import Theme

Stat = tuple[int, int, int, int]


class Themes:
    def __init__(self) -> None:
        self._kept: tuple[str, Any, list[tuple[str, str]]] | None = None

    def env(self, config: Any) -> tuple[Any, list[tuple[str, str]]]:
        """The theme's environment and static files (path, folder), made again only when the theme changed."""
        key = digest(config.theme.dirs, str(config.theme.locale), _own_files(config))
        if self._kept is None or self._kept[0] != key:
            env = Theme.get_env(config.theme)
            listing = Files([])
            listing.add_files_from_theme(env, config)
            self._kept = (key, env, [(file.src_uri, file.src_dir or "") for file in listing])
        return self._kept[1], self._kept[2]

    @property
    def key(self) -> str:
        """What names this version of the theme: its folders and the stat of its own files."""
        return self._kept[0] if self._kept else ""


def stat(path: str) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)


def digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=repr).encode()).hexdigest()


def _own_files(config: Any) -> list[tuple[str, Stat | None]]:
    """The theme's own templates and assets, by their stat: an edited template builds every page again.
    Installed themes do not change while serving and are left out."""
    installed = tuple(os.path.realpath(p) + os.sep for p in {sysconfig.get_paths()["purelib"], sys.prefix})
    found: list[tuple[str, Stat | None]] = []
    for folder in config.theme.dirs:
        if not os.path.realpath(folder).startswith(installed):
            found.extend((path, stat(path)) for path in _walk(folder))
    return found


def _walk(folder: str) -> Iterator[str]:
    for base, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            yield os.path.join(base, name)
