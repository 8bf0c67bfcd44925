"""The writer's record of what it wrote: each file's path and the SHA-256 of the bytes it wrote there.

With the bytes' digest the writer can tell its own file from one a person edited
since: a file whose bytes still have a recorded digest is as it was written. While
a write is under way a path may carry two digests, the old bytes' and the new
ones', since an interrupted write leaves either there. Manifests written before
digests were kept list bare paths: those files are owned, their edits unknown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.errors import OutputError
from generator.output.paths import MANIFEST, is_safe

Entries = dict[str, frozenset[str]]
"""Path → the digests its bytes may have (empty when not recorded)."""


def read(out_dir: Path, *, checked: bool = True) -> Entries:
    """What the writer wrote before; entries that are not safe paths are ignored, never acted on.

    Unchecked, the paths are as listed: for a caller that deletes nothing, where checking
    every path of a large site would cost more than the files it writes.
    """
    try:
        text = (out_dir / MANIFEST).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise OutputError(f"cannot read {out_dir / MANIFEST}: {exc}") from None
    entries: Entries = {}
    for line in text.splitlines():
        path, *digests = line.split("\t")
        if path and (not checked or is_safe(path)):
            entries[path] = frozenset(digests)
    return entries


def encode(entries: Mapping[str, Iterable[str]]) -> bytes:
    """The manifest's bytes: one ``path<TAB>digest...`` line per file, sorted (paths hold no tab)."""
    return "".join("\t".join([path, *sorted(entries[path])]) + "\n" for path in sorted(entries)).encode()


def digest_of(parts: Iterable[bytes]) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part)
    return hasher.hexdigest()


def digest_file(path: Path) -> str | None:
    """The digest of a regular file's bytes, or None when there is no such file (or it is a link)."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return None
