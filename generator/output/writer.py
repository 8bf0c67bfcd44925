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
import functools
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock

from generator.errors import OutputError
from generator.output.paths import MANIFEST, is_safe, refuse_case_clashes, refuse_links, safe_relative

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
    return {line for line in text.splitlines() if line and (not checked or is_safe(line))}


def write(
    out_dir: Path, files: Mapping[str, Content], *, only: set[str] | None = None, lock: Path | None = None
) -> WriteReport:
    """Make ``out_dir`` hold exactly ``files`` among the files this writer owns.

    With ``only``, just those paths are compared and written (the caller knows the
    rest are unchanged) and nothing is pruned. With ``lock`` (a project folder),
    two runs on that project take turns.
    """
    with project_lock(lock) if lock is not None else contextlib.nullcontext():
        return _write(out_dir, files, only)


def _write(out_dir: Path, files: Mapping[str, Content], only: set[str] | None) -> WriteReport:
    for path in files:
        safe_relative(path)
    refuse_case_clashes(files)
    previous = read_manifest(out_dir, checked=only is None)  # with ``only``, nothing is deleted
    refuse_links(out_dir, {*files, *(previous if only is None else ())})
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


@functools.cache
def _lock_at(path: str) -> FileLock:
    return FileLock(path)


def project_lock(root: Path) -> FileLock:
    """One reentrant lock per project, so two builds at once take turns instead of interleaving their writes."""
    return _lock_at(str((root / ".explainer.lock").resolve()))


def create(path: Path, text: str) -> None:
    """Write a new file that a person will edit (a starter file); never overwrite one that exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise OutputError(f"{path} already exists; choose another id or edit that file") from None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def replace(path: Path, data: bytes) -> bool:
    """Write a file the user asked the generator to renew (the JSON Schemas); False when already up to date."""
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(path, data)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return True
