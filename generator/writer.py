"""The only module that writes generated files.

It owns the files listed in its manifest and nothing else: it never overwrites
a file it did not write, rewrites a file only when its bytes change (so
modification times stay put for unchanged pages), writes each file atomically,
and prunes files it wrote before that are no longer generated.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.errors import OutputError

MANIFEST = ".explainer-manifest"
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.I)


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def safe_relative(path: str) -> PurePosixPath:
    """Check that ``path`` names a file inside the output folder; raise ``OutputError`` if not."""
    pure = PurePosixPath(path)
    if (
        not path
        or pure.is_absolute()
        or "\\" in path
        or "\x00" in path
        or any(part in ("", ".", "..") or _RESERVED.match(part) for part in pure.parts)
        or path != pure.as_posix()
        or pure.name == MANIFEST
    ):
        raise OutputError(f"refusing to write '{path}': not a plain path inside the output folder")
    return pure


def read_manifest(out_dir: Path) -> set[str]:
    try:
        text = (out_dir / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    return {line for line in text.splitlines() if line}


def write(out_dir: Path, files: Mapping[str, bytes], *, only: set[str] | None = None) -> WriteReport:
    """Make ``out_dir`` hold exactly ``files`` among the files this writer owns.

    With ``only``, just those paths are compared and written (the caller knows the
    rest are unchanged) and nothing is pruned.
    """
    for path in files:
        safe_relative(path)
    previous = read_manifest(out_dir)
    clashes = sorted(p for p in files if p not in previous and (out_dir / p).exists())
    if clashes:
        raise OutputError(
            "refusing to overwrite files the generator did not write: "
            + ", ".join(f"{out_dir / p}" for p in clashes)
            + " (move or rename them; generated pages use these paths)"
        )
    report = WriteReport()
    out_dir.mkdir(parents=True, exist_ok=True)
    # Record every file we may touch before touching any, so an interrupted run can be cleaned up.
    _atomic_write(out_dir / MANIFEST, _manifest_bytes(previous | set(files)))
    for path in sorted(files if only is None else only & set(files)):
        target = out_dir / path
        data = files[path]
        with contextlib.suppress(FileNotFoundError):
            if target.read_bytes() == data:
                report.unchanged += 1
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(target, data)
        report.written.append(path)
    if only is None:
        for path in sorted(previous - set(files)):
            with contextlib.suppress(FileNotFoundError):
                (out_dir / path).unlink()
                report.removed.append(path)
            _remove_empty_parents(out_dir, out_dir / path)
        _atomic_write(out_dir / MANIFEST, _manifest_bytes(set(files)))
    return report


def _manifest_bytes(paths: set[str]) -> bytes:
    return "".join(f"{p}\n" for p in sorted(paths)).encode()


def _atomic_write(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _remove_empty_parents(root: Path, path: Path) -> None:
    parent = path.parent
    while parent != root and root in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            return
        parent = parent.parent
