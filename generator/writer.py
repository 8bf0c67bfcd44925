"""The only module that writes generated files.

It owns the files listed in its manifest and nothing else: it never overwrites
a file it did not write, rewrites a file only when its bytes change (so
modification times stay put for unchanged pages), and prunes files it wrote
before that are no longer generated. Every path is checked to be a plain,
portable name inside the output folder, never reached through a link.

Writing has two phases: every changed file is first written beside its target
under a hidden temporary name, then all are renamed into place. A failure or
Ctrl-C in the first, long phase leaves the previous pages untouched; the
second phase is a series of atomic renames. The manifest lists every file that
may have been touched before any is, so the next run always cleans up.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.errors import OutputError

MANIFEST = ".explainer-manifest"
MAX_NAME_BYTES = 200  # leaves room for the temporary name's prefix and suffix within the usual 255
_RESERVED = re.compile(r"^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.I)
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\]')
_TEMP = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]+\.tmp$")


@dataclass(frozen=True)
class Chunks:
    """A large file's bytes, made part by part each time they are read, so they are never all in memory."""

    parts: Callable[[], Iterator[bytes]]

    def __iter__(self) -> Iterator[bytes]:
        return self.parts()


Content = bytes | Chunks


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


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


def read_manifest(out_dir: Path, *, checked: bool = True) -> set[str]:
    """Paths this writer wrote before; entries that are not safe paths are ignored, never acted on.

    Unchecked, the paths are as listed: for a caller that deletes nothing, where checking
    every path of a large site would cost more than the files it writes.
    """
    try:
        text = (out_dir / MANIFEST).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return set()
    except (OSError, UnicodeDecodeError) as exc:
        raise OutputError(f"cannot read {out_dir / MANIFEST}: {exc}") from None
    return {line for line in text.splitlines() if line and (not checked or _is_safe(line))}


def write(out_dir: Path, files: Mapping[str, Content], *, only: set[str] | None = None) -> WriteReport:
    """Make ``out_dir`` hold exactly ``files`` among the files this writer owns.

    With ``only``, just those paths are compared and written (the caller knows the
    rest are unchanged) and nothing is pruned.
    """
    for path in files:
        safe_relative(path)
    _refuse_case_clashes(files)
    previous = read_manifest(out_dir, checked=only is None)  # with ``only``, nothing is deleted
    _refuse_links(out_dir, {*files, *(previous if only is None else ())})
    clashes = sorted(p for p in files if p not in previous and os.path.lexists(out_dir / p))
    if clashes:
        raise OutputError(
            "refusing to overwrite files the generator did not write: "
            + ", ".join(f"{out_dir / p}" for p in clashes)
            + " (move or rename them; generated pages use these paths)"
        )
    report = WriteReport()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        # Record every file we may touch before touching any, so an interrupted run can be cleaned up.
        # With ``only`` (the preview), the work stays in proportion to the files given, not to the site.
        if not set(files) <= previous:
            _atomic_write(out_dir / MANIFEST, _manifest_bytes(previous | set(files)))
        _remove_stale_temporaries(out_dir, previous | set(files) if only is None else set(files))
        staged = _stage_changed(out_dir, files, sorted(files if only is None else only & set(files)), report)
        _commit(out_dir, staged)
        report.written.extend(path for path, _target, _tmp in staged)
        if only is None:
            for path in sorted(previous - set(files)):
                with contextlib.suppress(FileNotFoundError):
                    (out_dir / path).unlink()
                    report.removed.append(path)
                _remove_empty_parents(out_dir, out_dir / path)
            _atomic_write(out_dir / MANIFEST, _manifest_bytes(set(files)))
    except OSError as exc:
        where = exc.filename or out_dir
        raise OutputError(f"cannot write {where}: {exc.strerror or exc}") from None
    return report


def _bad_part(part: str) -> bool:
    return (
        part in ("", ".", "..")
        or bool(_FORBIDDEN.search(part))
        or bool(_RESERVED.match(part))
        or part.endswith((".", " "))
        or len(part.encode("utf-8")) > MAX_NAME_BYTES
    )


def _is_safe(path: str) -> bool:
    try:
        safe_relative(path)
    except OutputError:
        return False
    return True


def _refuse_case_clashes(paths: Iterable[str]) -> None:
    """Two paths differing only in case are one file on macOS and Windows: refuse rather than lose one."""
    seen: dict[str, str] = {}
    for path in sorted(paths):
        other = seen.setdefault(path.casefold(), path)
        if other != path:
            raise OutputError(f"refusing to write both {other!r} and {path!r}: they differ only in case")


def _refuse_links(out_dir: Path, paths: Iterable[str]) -> None:
    """A folder inside the output folder that is a link could lead anywhere: never write or delete through it."""
    folders = {parent for path in paths for parent in PurePosixPath(path).parents if parent.parts}
    for folder in sorted(folders, key=lambda f: len(f.parts)):  # the outermost link is the one named
        current = out_dir / folder
        if current.is_symlink():
            raise OutputError(f"refusing to write through {current}: it is a link; replace it with a folder")


def _holds(target: Path, data: Content) -> bool:
    """Whether ``target`` is a regular file (not a link) holding exactly ``data``."""
    if target.is_symlink() or not target.is_file():
        return False
    try:
        if isinstance(data, bytes):
            return target.stat().st_size == len(data) and target.read_bytes() == data
        with target.open("rb") as handle:
            return all(handle.read(len(part)) == part for part in data) and not handle.read(1)
    except FileNotFoundError:
        return False


def _stage(target: Path, data: Content) -> Path:
    """Write ``data`` to a hidden temporary file beside ``target`` and return its path."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for part in [data] if isinstance(data, bytes) else data:
                handle.write(part)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def _stage_changed(
    out_dir: Path, files: Mapping[str, Content], paths: list[str], report: WriteReport
) -> list[tuple[str, Path, Path]]:
    """Stage each file whose bytes differ from what is on disk, asking ``files`` for each once, so the
    pages need not all be held in memory; on any failure (or Ctrl-C) what was staged is removed,
    leaving the old files as they were.

    A large file is written by a second thread while the next pages are made: writing releases the
    interpreter, so copying megabytes into the file runs beside the rendering that follows it.
    """
    staged: list[tuple[str, Path, Path | Future[Path]]] = []
    with ThreadPoolExecutor(max_workers=1) as writer:
        try:
            for path in paths:
                target, data = out_dir / path, files[path]
                if _holds(target, data):
                    report.unchanged += 1
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                large = isinstance(data, bytes) and len(data) >= BACKGROUND_FROM
                staged.append((path, target, writer.submit(_stage, target, data) if large else _stage(target, data)))
            return [(path, target, _staged(tmp)) for path, target, tmp in staged]
        except BaseException:
            pending = [tmp for _path, _target, tmp in staged]
            wait([tmp for tmp in pending if isinstance(tmp, Future)])
            _discard(_staged(tmp) for tmp in pending if _written(tmp))
            raise


BACKGROUND_FROM = 1 << 20
"""Files at least this large (bytes) are staged by the second thread."""


def _staged(tmp: Path | Future[Path]) -> Path:
    return tmp if isinstance(tmp, Path) else tmp.result()


def _written(tmp: Path | Future[Path]) -> bool:
    return isinstance(tmp, Path) or (not tmp.cancelled() and tmp.exception() is None)


def _commit(out_dir: Path, staged: list[tuple[str, Path, Path]]) -> None:
    """Rename every staged file into place; whatever is left after a failure is removed."""
    done = 0
    try:
        for _path, target, tmp in staged:
            os.replace(tmp, target)
            done += 1
    finally:
        _discard(tmp for _path, _target, tmp in staged[done:])


def _atomic_write(target: Path, data: bytes) -> None:
    tmp = _stage(target, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        _discard([tmp])
        raise


def _discard(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _remove_stale_temporaries(out_dir: Path, owned: set[str]) -> None:
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


def _manifest_bytes(paths: set[str]) -> bytes:
    return "".join(f"{p}\n" for p in sorted(paths)).encode()


def _remove_empty_parents(root: Path, path: Path) -> None:
    parent = path.parent
    while parent != root and root in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            return
        parent = parent.parent
