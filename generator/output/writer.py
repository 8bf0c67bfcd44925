"""The only module that writes generated files (with ``staging``, its temporary files).

It owns the files listed in its manifest and nothing else: it never overwrites
a file it did not write, rewrites a file only when its bytes change (so
modification times stay put for unchanged pages), and prunes files it wrote
before that are no longer generated. The manifest keeps the digest of the bytes
it wrote, so a file edited by hand since stops the run (``force`` discards the
edit), and a file holding exactly the bytes it would write is its own, even
after the manifest was lost. Every path is checked to be a plain,
portable name inside the output folder, never reached through a link.

Writing has two phases: every changed file is first written beside its target
under a hidden temporary name, then all are renamed into place. A failure or
Ctrl-C in the first, long phase leaves the previous pages untouched; the
second phase is a series of atomic renames. The manifest lists every file that
may have been touched before any is, so the next run always cleans up.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import OutputError, os_problem
from generator.output import manifest, staging
from generator.output.lock import project_lock as project_lock
from generator.output.paths import MANIFEST, refuse_case_clashes, refuse_links, safe_relative


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
    """Paths this writer wrote before (see ``manifest.read``)."""
    return set(manifest.read(out_dir, checked=checked))


def write(
    out_dir: Path,
    files: Mapping[str, Content],
    *,
    only: set[str] | None = None,
    lock: Path | None = None,
    force: bool = False,
) -> WriteReport:
    """Make ``out_dir`` hold exactly ``files`` among the files this writer owns.

    With ``only``, just those paths are compared and written (the caller knows the
    rest are unchanged) and nothing is pruned. With ``lock`` (a project folder),
    two runs on that project take turns. A file it did not write, or one edited
    since it wrote it, stops the run before anything is written, unless ``force``.
    """
    with project_lock(lock) if lock is not None else contextlib.nullcontext():
        return _write(out_dir, files, only, force)


def _write(out_dir: Path, files: Mapping[str, Content], only: set[str] | None, force: bool) -> WriteReport:
    for path in files:
        safe_relative(path)
    refuse_case_clashes(files)
    previous = manifest.read(out_dir, checked=only is None)  # with ``only``, nothing is deleted
    refuse_links(out_dir, {*files, *(previous if only is None else ())})
    paths = sorted(files if only is None else only & set(files))
    pruned = sorted(set(previous) - set(files)) if only is None else []
    report = WriteReport()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging.remove_stale_temporaries(out_dir, set(previous) | set(files) if only is None else set(files))
        staged, digests, refused = _stage_changed(out_dir, files, paths, previous, report)
        refused += [(path, EDITED) for path in pruned if _edited(out_dir / path, previous[path])]
        if refused and not force:
            staging.discard(tmp for _path, _target, tmp in staged)
            raise OutputError(_refusal(out_dir, refused))
        final = {**({} if only is None else previous), **{path: frozenset([d]) for path, d in digests.items()}}
        if staged:  # an interrupted commit leaves old or new bytes: both are recorded as ours meanwhile
            both = {path: previous.get(path, frozenset()) | {digests[path]} for path, _target, _tmp in staged}
            try:
                _atomic_write(out_dir / MANIFEST, manifest.encode({**previous, **final, **both}))
            except BaseException:
                staging.discard(tmp for _path, _target, tmp in staged)
                raise
        staging.commit(out_dir, staged)
        report.written.extend(path for path, _target, _tmp in staged)
        for path in pruned:
            with contextlib.suppress(FileNotFoundError):
                (out_dir / path).unlink()
                report.removed.append(path)
            staging.remove_empty_parents(out_dir, out_dir / path)
        if final != previous or not (out_dir / MANIFEST).is_file():
            _atomic_write(out_dir / MANIFEST, manifest.encode(final))
    except OSError as exc:
        raise os_problem(exc, "write", out_dir) from None
    return report


EDITED = "edited since the generator wrote it"
NOT_OURS = "not written by the generator"


def _edited(target: Path, recorded: frozenset[str]) -> bool:
    """Whether a file the writer owns now holds bytes it never wrote there (unknown for an old manifest)."""
    disk = manifest.digest_file(target)
    return bool(recorded) and disk is not None and disk not in recorded


def _refusal(out_dir: Path, refused: list[tuple[str, str]]) -> str:
    count = f"{len(refused)} file{'s' * (len(refused) != 1)}"
    return "\n".join(
        [
            f"{count} where the generator writes pages would be lost; nothing was written:",
            *(f"  {out_dir / path}: {why}" for path, why in sorted(refused)),
            "  hint: to keep a change, make it in content/ (the pages are made from it) or move the file away;"
            " to discard it, run again with --force",
        ]
    )


def _stage(target: Path, data: Content) -> Path:
    """Write ``data`` to a hidden temporary file beside ``target`` and return its path."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for part in [data] if isinstance(data, bytes) else data:
                handle.write(part)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None:  # a failed write names no file: name the page
            exc.filename = str(target)
        raise
    return Path(tmp)


def _stage_hashed(target: Path, data: Chunks) -> tuple[Path, str]:
    """``_stage``, and the digest of the bytes written."""
    hasher = hashlib.sha256()

    def fed() -> Iterator[bytes]:
        for part in data:
            hasher.update(part)
            yield part

    return _stage(target, Chunks(fed)), hasher.hexdigest()


def _stage_changed(
    out_dir: Path,
    files: Mapping[str, Content],
    paths: list[str],
    previous: manifest.Entries,
    report: WriteReport,
) -> tuple[list[tuple[str, Path, Path]], dict[str, str], list[tuple[str, str]]]:
    """Stage each file whose bytes differ from what is on disk, asking ``files`` for each once, so the pages
    need not all be held in memory; on any failure (or Ctrl-C) what was staged is removed, leaving the old
    files as they were. Returns what was staged, each path's new digest, and the files that are not the
    writer's to replace: not written by it, or edited since.

    A large file is written by a second thread while the next pages are made: writing releases the
    interpreter, so copying megabytes into the file runs beside the rendering that follows it.
    """
    staged: list[tuple[str, Path, Path | Future[Path]]] = []
    digests: dict[str, str] = {}
    refused: list[tuple[str, str]] = []
    with ThreadPoolExecutor(max_workers=1) as writer:
        try:
            for path in paths:
                target = out_dir / path
                disk = manifest.digest_file(target)
                digests[path], tmp = _stage_if_changed(target, files[path], disk, writer)
                if tmp is None:  # the same bytes: unchanged, and the writer's own even if the manifest was lost
                    report.unchanged += 1
                    continue
                staged.append((path, target, tmp))
                if path not in previous and os.path.lexists(target):
                    refused.append((path, NOT_OURS))
                elif previous.get(path) and disk is not None and disk not in previous[path]:
                    refused.append((path, EDITED))
            return [(path, target, _staged(tmp)) for path, target, tmp in staged], digests, refused
        except BaseException:
            pending = [tmp for _path, _target, tmp in staged]
            wait([tmp for tmp in pending if isinstance(tmp, Future)])
            staging.discard(_staged(tmp) for tmp in pending if _written(tmp))
            raise


def _stage_if_changed(
    target: Path, data: Content, disk: str | None, writer: ThreadPoolExecutor
) -> tuple[str, Path | Future[Path] | None]:
    """The digest of ``data``, and where it is staged (None when ``disk``, the digest on disk, is the same).

    A file made in parts is staged as it is made and hashed on the way, so its parts are made once."""
    if not isinstance(data, bytes):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp, new = _stage_hashed(target, data)
        if new == disk:
            staging.discard([tmp])
            return new, None
        return new, tmp
    new = manifest.digest_of([data])
    if new == disk:
        return new, None
    target.parent.mkdir(parents=True, exist_ok=True)
    return new, writer.submit(_stage, target, data) if len(data) >= BACKGROUND_FROM else _stage(target, data)


BACKGROUND_FROM = 1 << 20
"""Files at least this large (bytes) are staged by the second thread."""


def _staged(tmp: Path | Future[Path]) -> Path:
    return tmp if isinstance(tmp, Path) else tmp.result()


def _written(tmp: Path | Future[Path]) -> bool:
    return isinstance(tmp, Path) or (not tmp.cancelled() and tmp.exception() is None)


def _atomic_write(target: Path, data: bytes) -> None:
    tmp = _stage(target, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        staging.discard([tmp])
        raise


def create(path: Path, text: str) -> None:
    """Write a new file that a person will edit (a starter file); never overwrite one that exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # FileExistsError here is a file where the folder should be
        raise os_problem(exc, "create the folder", path.parent) from None
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise OutputError(f"{path} already exists; choose another id or edit that file") from None
    except OSError as exc:
        raise os_problem(exc, "write", path) from None


def replace(path: Path, data: bytes) -> bool:
    """Write a file the user asked the generator to renew (the JSON Schemas); False when already up to date."""
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(path, data)
    except OSError as exc:
        raise os_problem(exc, "write", path) from None
    return True
