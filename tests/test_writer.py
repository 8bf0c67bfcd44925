"""The writer: only plain paths inside its folder, only its own files, and never half a change."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from generator.errors import OutputError
from generator.output import writer

PAGES = {"index.md": b"# Home\n", "briefs/trade.md": b"# Trade\n", "actors/valley.md": b"# Valley\n"}


def listed(pages: dict[str, bytes]) -> bytes:
    """The manifest of a write of ``pages``: each path with the SHA-256 of its bytes."""
    return "".join(f"{path}\t{hashlib.sha256(pages[path]).hexdigest()}\n" for path in sorted(pages)).encode()


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden ones included), by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "path",
    [
        "briefs/trade.md",
        "index.md",
        "_snippets/abbreviations.md",
        "data/charts/trade-1.svg",
        "briefs/con-game.md",
        "briefs/econ.md",
    ],
)
def test_plain_relative_paths_are_accepted(path: str) -> None:
    assert writer.safe_relative(path).as_posix() == path


@pytest.mark.parametrize(
    "path",
    [
        "",
        "../outside.md",
        "briefs/../../outside.md",
        "/etc/passwd",
        "//server/share.md",
        "./index.md",
        "briefs//trade.md",
        "briefs/",
        "briefs/./trade.md",
        "briefs\\..\\outside.md",
        "C:/Windows/win.ini",
        "briefs/con",
        "briefs/CON.md",
        "aux.md",
        "briefs/nul.txt",
        "com1.md",
        "LPT9.md",
        "conin$.md",
        "com¹.md",
        "briefs/trade.md.",
        "briefs/trade.md ",
        "briefs/a:b.md",
        'briefs/"q".md',
        "briefs/a|b.md",
        "briefs/a?.md",
        "briefs/a*.md",
        "briefs/a<b>.md",
        "briefs/tab\there.md",
        "briefs/new\nline.md",
        "briefs/nul\x00byte.md",
        "briefs/" + "x" * 250 + ".md",
        ".explainer-manifest",
        "briefs/.explainer-manifest",
    ],
    ids=repr,
)
def test_paths_that_could_leave_the_folder_or_break_a_checkout_are_refused(path: str) -> None:
    with pytest.raises(OutputError, match="not a plain path inside the output folder"):
        writer.safe_relative(path)


def test_an_unsafe_path_refuses_the_whole_write_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"refusing to write '\.\./escape\.md'"):
        writer.write(tmp_path / "docs", {"index.md": b"x", "../escape.md": b"x"})
    assert tree(tmp_path) == {}


def test_prunes_files_it_wrote_before_and_leaves_hand_written_files(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "hand.css").write_bytes(b"body{}")
    writer.write(docs, PAGES)
    stamp = (docs / "index.md").stat().st_mtime_ns
    report = writer.write(docs, {"index.md": PAGES["index.md"], "briefs/trade.md": b"# Trade, updated\n"})
    assert (report.written, report.unchanged, report.removed) == (["briefs/trade.md"], 1, ["actors/valley.md"])
    assert (docs / "index.md").stat().st_mtime_ns == stamp
    assert tree(docs) == {
        ".explainer-manifest": listed({"briefs/trade.md": b"# Trade, updated\n", "index.md": b"# Home\n"}),
        "assets/hand.css": b"body{}",
        "briefs/trade.md": b"# Trade, updated\n",
        "index.md": b"# Home\n",
    }
    assert not (docs / "actors").exists()


def test_never_overwrites_a_file_it_did_not_write(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "briefs").mkdir(parents=True)
    (docs / "briefs" / "trade.md").write_bytes(b"hand-written")
    with pytest.raises(OutputError, match=r"briefs/trade\.md: not written by the generator"):
        writer.write(docs, PAGES)
    assert tree(docs) == {"briefs/trade.md": b"hand-written"}


def test_a_tampered_manifest_cannot_make_it_delete_outside_its_folder(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    precious = tmp_path / "content.yml"
    precious.write_bytes(b"keep me")
    (docs / writer.MANIFEST).write_text(f"../content.yml\n{precious}\nbriefs/../../content.yml\n")
    writer.write(docs, PAGES)
    assert precious.read_bytes() == b"keep me"


def test_never_writes_or_deletes_through_a_linked_folder(tmp_path: Path) -> None:
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "valley.md").write_bytes(b"not ours")
    writer.write(docs, {"index.md": b"x"})
    (docs / "actors").symlink_to(elsewhere)
    with pytest.raises(OutputError, match=r"refusing to write through .*actors: it is a link"):
        writer.write(docs, PAGES)
    (docs / writer.MANIFEST).write_text("actors/valley.md\n")
    with pytest.raises(OutputError, match=r"refusing to write through .*actors: it is a link"):
        writer.write(docs, {"index.md": b"x"})
    assert tree(elsewhere) == {"valley.md": b"not ours"}


def test_paths_that_differ_only_in_case_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"'briefs/Trade\.md' and 'briefs/trade\.md': they differ only in case"):
        writer.write(tmp_path / "docs", {"briefs/trade.md": b"a", "briefs/Trade.md": b"b"})


def test_a_disk_error_is_an_output_error_not_a_crash(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "briefs").write_bytes(b"a file where a folder should be")
    writer.write(docs, {"index.md": b"x"})
    (docs / writer.MANIFEST).write_text("index.md\nbriefs\n")  # as if "briefs" had been ours
    with pytest.raises(OutputError, match="cannot write"):
        writer.write(docs, {"index.md": b"x", "briefs/trade.md": b"x"})


class Interrupted(BaseException):
    """Stands for Ctrl-C or a crash: a BaseException, so nothing may swallow it."""


def fail_after(monkeypatch: pytest.MonkeyPatch, name: str, calls: int, target: Any = writer) -> None:
    """Make ``target.name`` raise ``Interrupted`` on its call number ``calls + 1``."""
    real = getattr(target, name)
    count = 0

    def flaky(*args: Any, **kwargs: Any) -> Any:
        nonlocal count
        count += 1
        if count > calls:
            raise Interrupted
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, flaky)


NEW_PAGES = {
    "index.md": b"# Home, new\n",
    "briefs/trade.md": b"# Trade, new\n",
    "briefs/tolls.md": b"# Tolls\n",
    "actors/valley.md": b"# Valley, new\n",
}


@pytest.mark.parametrize("after", [0, 1, 2, 3])
@pytest.mark.parametrize("background", [False, True], ids=["small files", "large files, staged by a thread"])
def test_an_interruption_while_writing_leaves_every_previous_page_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: int, background: bool
) -> None:
    if background:
        monkeypatch.setattr(writer, "BACKGROUND_FROM", 1)
    docs = tmp_path / "docs"
    writer.write(docs, PAGES)
    before = {k: v for k, v in tree(docs).items() if k != writer.MANIFEST}
    with monkeypatch.context() as patch:
        fail_after(patch, "_stage", after + 1)  # the first call stages the manifest
        with pytest.raises(Interrupted):
            writer.write(docs, NEW_PAGES)
    after_crash = tree(docs)
    assert {k: v for k, v in after_crash.items() if k != writer.MANIFEST} == before
    assert not [p for p in after_crash if p.endswith(".tmp")], "no temporary file is left behind"
    # The next good run recovers without any clean-up.
    writer.write(docs, NEW_PAGES)
    assert tree(docs) == {**NEW_PAGES, writer.MANIFEST: listed(NEW_PAGES)}


@pytest.mark.parametrize("after", [0, 1, 2, 3])
def test_an_interruption_while_renaming_leaves_whole_files_and_the_next_run_recovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: int
) -> None:
    docs = tmp_path / "docs"
    writer.write(docs, PAGES)
    with monkeypatch.context() as patch:
        fail_after(patch, "replace", after + 1, target=os)  # the first rename is the manifest's
        with pytest.raises(Interrupted):
            writer.write(docs, NEW_PAGES)
    after_crash = tree(docs)
    for path, data in after_crash.items():
        if path != writer.MANIFEST:
            assert data in (PAGES.get(path), NEW_PAGES.get(path)), f"{path} is whole, old or new"
    assert not [p for p in after_crash if p.endswith(".tmp")]
    writer.write(docs, NEW_PAGES)
    assert tree(docs) == {**NEW_PAGES, writer.MANIFEST: listed(NEW_PAGES)}


def test_temporary_files_left_by_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    writer.write(docs, PAGES)
    (docs / "briefs" / ".trade.md.k3j4h5g6.tmp").write_bytes(b"half")
    (docs / "briefs" / ".hand.md.k3j4h5g6.tmp").write_bytes(b"not ours")
    writer.write(docs, PAGES)
    assert sorted(p.name for p in (docs / "briefs").iterdir()) == [".hand.md.k3j4h5g6.tmp", "trade.md"]


@pytest.mark.parametrize(
    ("before", "parts", "rewritten"),
    [
        (b"abcdef", [b"abc", b"def"], False),
        (b"abcdef", [b"abc", b"deg"], True),
        (b"abcdef", [b"abc", b"de"], True),
        (b"abcde", [b"abc", b"def"], True),
    ],
    ids=["same bytes", "a part differs", "shorter", "longer"],
)
def test_a_file_given_in_parts_is_compared_and_written_part_by_part(
    tmp_path: Path, before: bytes, parts: list[bytes], rewritten: bool
) -> None:
    writer.write(tmp_path, {"data/big.json": before})
    stamp = (tmp_path / "data" / "big.json").stat().st_mtime_ns
    asked: list[int] = []

    def made() -> Any:
        asked.append(1)
        return iter(parts)

    report = writer.write(tmp_path, {"data/big.json": writer.Chunks(made)})

    assert (tmp_path / "data" / "big.json").read_bytes() == b"".join(parts)
    assert report.written == (["data/big.json"] if rewritten else [])
    if not rewritten:
        assert (tmp_path / "data" / "big.json").stat().st_mtime_ns == stamp
    assert len(asked) == 1, "made once: hashed as it is staged, and the staged copy dropped when unchanged"
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["big.json"], "no temporary file left beside it"
