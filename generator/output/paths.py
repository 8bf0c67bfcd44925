"""Output paths the writer accepts: plain, portable names inside its folder, never reached through a link."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from generator.errors import OutputError

MANIFEST = ".explainer-manifest"
MAX_NAME_BYTES = 200  # leaves room for the temporary name's prefix and suffix within the usual 255
_RESERVED = re.compile(r"^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.I)
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\]')


def safe_relative(path: str) -> PurePosixPath:
    """Check that ``path`` names a file inside the output folder on any system; raise ``OutputError`` if not.

    Refused: empty, absolute or non-normal paths (``..``, ``.``, ``//``, a
    trailing ``/``), backslashes, characters Windows forbids, device names such
    as ``con`` or ``lpt1.md``, names ending in a dot or a space, overlong names,
    and the manifest itself.
    """
    pure = PurePosixPath(path)
    if (
        not path
        or pure.is_absolute()
        or path != pure.as_posix()
        or pure.name == MANIFEST
        or any(_bad_part(part) for part in pure.parts)
    ):
        raise OutputError(f"refusing to write {path!r}: not a plain path inside the output folder")
    return pure


def _bad_part(part: str) -> bool:
    return (
        part in ("", ".", "..")
        or bool(_FORBIDDEN.search(part))
        or bool(_RESERVED.match(part))
        or part.endswith((".", " "))
        or len(part.encode("utf-8")) > MAX_NAME_BYTES
    )


def is_safe(path: str) -> bool:
    try:
        safe_relative(path)
    except OutputError:
        return False
    return True


def refuse_case_clashes(paths: Iterable[str]) -> None:
    """Two paths differing only in case are one file on macOS and Windows: refuse rather than lose one."""
    seen: dict[str, str] = {}
    for path in sorted(paths):
        other = seen.setdefault(path.casefold(), path)
        if other != path:
            raise OutputError(f"refusing to write both {other!r} and {path!r}: they differ only in case")


def refuse_links(out_dir: Path, paths: Iterable[str]) -> None:
    """A folder inside the output folder that is a link could lead anywhere: never write or delete through it."""
    folders = {parent for path in paths for parent in PurePosixPath(path).parents if parent.parts}
    for folder in sorted(folders, key=lambda f: len(f.parts)):  # the outermost link is the one named
        current = out_dir / folder
        if current.is_symlink():
            raise OutputError(f"refusing to write through {current}: it is a link; replace it with a folder")
