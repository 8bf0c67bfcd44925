"""Every error of the file system is a message: the path, what failed, a hint, exit 1, never a traceback
(issue 13, reproduction 5).

Read-only folders and a full disk are real: the command runs in a private mount
namespace (``unshare``) where a folder is bound read-only or a small tmpfs is
mounted, so even root meets them. Errors only another user can meet (a lock file
someone else owns, a folder one may not read) are raised where the system would
raise them, since the tests run as root.
"""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import filelock
import pytest
from conftest import Result

from generator import pipeline

Project = Callable[..., Path]
EXPLAINER_BIN = Path(sys.executable).with_name("explainer")
READ_ONLY = "  hint: the file system is read-only: run the command in a writable copy of the project"


def isolated(root: Path, mount: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``explainer --root ROOT ARGS`` in a mount namespace after ``mount`` (a shell command)."""
    command = " ".join([str(EXPLAINER_BIN), "--root", str(root), *args])
    return subprocess.run(
        ["unshare", "--mount", "sh", "-c", f"{mount} && exec {command}"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def namespaces() -> None:
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    probe = subprocess.run(["unshare", "--mount", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("private mount namespaces are not allowed here (run as root)")


def read_only(path: Path) -> str:
    return f"mount --bind {path} {path} && mount -o remount,bind,ro {path}"


@pytest.mark.usefixtures("namespaces")
def test_new_in_a_read_only_content_folder(make_project: Project) -> None:
    root = make_project()
    done = isolated(root, read_only(root / "content"), "new", "brief", "x")
    assert (done.returncode, done.stderr.splitlines()) == (
        1,
        [f"error: cannot write {root}/content/briefs/x.yml: Read-only file system", READ_ONLY],
    )


@pytest.mark.usefixtures("namespaces")
def test_schema_with_a_read_only_docs_folder(make_project: Project) -> None:
    root = make_project()
    (root / "docs").mkdir()
    done = isolated(root, read_only(root / "docs"), "schema")
    assert (done.returncode, done.stderr.splitlines()) == (
        1,
        [f"error: cannot write {root}/docs/schemas: Read-only file system", READ_ONLY],
    )


@pytest.mark.usefixtures("namespaces")
@pytest.mark.parametrize("command", ["generate", "build"])
def test_generate_and_build_in_a_read_only_project(make_project: Project, command: str) -> None:
    root = make_project(site=True)
    done = isolated(root, read_only(root), command)
    assert (done.returncode, done.stderr.splitlines()) == (
        1,
        [f"error: cannot take the lock {root.resolve()}/.explainer.lock: Read-only file system", READ_ONLY],
    )


@pytest.mark.usefixtures("namespaces")
def test_a_full_disk_leaves_the_previous_pages(make_project: Project, explainer: Callable[..., Result]) -> None:
    root = make_project()
    assert explainer(root, "generate").code == 0
    trade = root / "content/briefs/trade.yml"
    longer = "summary: " + json.dumps("\n\n".join(["long " * 800] * 50))  # 50 paragraphs of 4,000 characters
    trade.write_text(trade.read_text().replace("summary: Boats carry grain down the river.", longer))
    docs = root / "docs"
    # A small tmpfs holding a copy of the pages: room for them, not for the larger new ones.
    copy = f"/tmp/docs-copy-{root.name}"
    mount = f"cp -a {docs} {copy} && mount -t tmpfs -o size=400k tmpfs {docs} && cp -a {copy}/. {docs}"
    done = isolated(root, mount, "generate")
    lines = done.stderr.splitlines()
    assert done.returncode == 1, done.stderr
    assert lines[0].startswith(f"error: cannot write {docs}/") and lines[0].endswith(".md: No space left on device")
    assert lines[1:] == [
        "  hint: the disk is full: free some space and run again; the previous output is left in place"
    ]


def test_new_where_a_file_stands_in_for_the_folder(make_project: Project, explainer: Callable[..., Result]) -> None:
    root = make_project()
    shutil.rmtree(root / "content/glossary")
    (root / "content/glossary").write_text("not a folder")
    result = explainer(root, "new", "term", "weir")
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            f"error: cannot create the folder {root}/content/glossary: File exists",
            "  hint: a file stands where a folder is needed on this path: move it away",
        ],
    )


def test_generate_where_a_file_stands_in_for_docs(make_project: Project, explainer: Callable[..., Result]) -> None:
    root = make_project()
    (root / "docs").write_text("not a folder")
    result = explainer(root, "generate")
    assert result.code == 1
    assert result.err.splitlines()[1:] == ["  hint: a file stands where a folder is needed on this path: move it away"]
    assert result.err.startswith(f"error: cannot write {root}/docs")


def test_a_lock_file_owned_by_another_user(
    make_project: Project, explainer: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(self: filelock.FileLock, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", self.lock_file)

    monkeypatch.setattr(filelock.FileLock, "acquire", refused)
    root = make_project()
    result = explainer(root, "generate")
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            f"error: cannot take the lock {root.resolve()}/.explainer.lock: Permission denied",
            "  hint: another user's build may own it: run as that user, or delete it when no build is running",
        ],
    )


def test_an_unreadable_content_file_is_a_diagnostic(
    make_project: Project, explainer: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    real = Path.open

    def open_(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "lock.yml":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", open_)
    result = explainer(root, "validate")
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            "content/glossary/lock.yml:1:1: error[file-unreadable]: cannot read the file: Permission denied",
            "  hint: check its permissions",
            "1 error, 0 warnings",
        ],
    )


def test_any_other_error_of_the_file_system_is_a_message_too(
    make_project: Project, explainer: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error", "content/briefs/trade.yml")

    monkeypatch.setattr(pipeline, "check", failing)
    result = explainer(make_project(), "validate")
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            "error: cannot use content/briefs/trade.yml: Input/output error",
            "  hint: check the path and run again; the previous output is left in place",
        ],
    )
