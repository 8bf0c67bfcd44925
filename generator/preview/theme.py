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
import re
import sys
import sysconfig
from collections.abc import Iterator, Mapping
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.theme import Theme

Stat = tuple[int, int, int, int]
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


class Themes:
    def __init__(self) -> None:
        self._kept: dict[str, tuple[Any, list[tuple[str, str]]]] = {}
        self.key = ""
        """What names the version of the theme last asked for: its folders and the stat of its own files."""

    def env(self, config: Any) -> tuple[Any, list[tuple[str, str]]]:
        """The theme's environment and static files (path, folder), made again only when the theme changed.
        Plugins ask before the explainer adds its templates' folder, and the build after: both are kept."""
        self.key = key = digest(config.theme.dirs, str(config.theme.locale), _own_files(config))
        if key not in self._kept:
            if len(self._kept) > 3:
                self._kept.clear()
            env = Theme.get_env(config.theme)
            listing = Files([])
            listing.add_files_from_theme(env, config)
            self._kept[key] = (env, [(file.src_uri, file.src_dir or "") for file in listing])
        return self._kept[key]


def stat(path: str) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)


def digest(*parts: object) -> str:
    """A name for ``parts`` that is the same in every process (so kept across runs): functions by their
    qualified name, other objects by their ``repr`` without the address some give."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=_stable).encode()).hexdigest()


def _stable(value: object) -> object:
    if isinstance(value, Mapping):
        return dict(value)
    name = getattr(value, "__qualname__", None)
    if callable(value) and isinstance(name, str):
        return f"{getattr(value, '__module__', '')}.{name}"
    return _ADDRESS.sub("", repr(value))


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
