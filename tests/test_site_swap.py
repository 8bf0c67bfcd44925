"""The site is never missing or half-written, whenever a build is killed (issue 13, reproduction 3).

A build runs in a child process that kills itself (``os._exit``: no clean-up, as
with SIGKILL) at one step of the swap. Then ``site/`` is whole, the old site or the
new one; the next build, even one that fails on the content, leaves ``site/`` in
place (putting the old site back first where the fallback swap was cut between
its renames) and removes what the killed build left; a folder that only looks
like a staging folder is never touched.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL, Result

Project = Callable[..., Path]

DRIVER = """
import os, sys
from pathlib import Path
from generator.output import site
from generator.pipeline import build
from generator.project import Project, Settings

point = sys.argv[1]
real_exchanged, real_rename = site.exchanged, Path.rename
renames = 0

def die(*args, **kwargs):
    os._exit(9)

def exchanged(a, b):
    if point == "before-the-exchange":
        die()
    done = real_exchanged(a, b)
    if point == "after-the-exchange":
        die()
    return done

def rename(self, target):
    global renames
    renames += 1
    if point == f"fallback-after-rename-{renames - 1}":
        die()
    return real_rename(self, target)

if point == "while-mkdocs-builds":
    import mkdocs.commands.build
    mkdocs.commands.build.build = die
elif point == "before-the-swap":
    site.swap = die
elif point.startswith("fallback"):
    site.exchanged = lambda a, b: False
    Path.rename = rename
else:
    site.exchanged = exchanged
build(Project.at(Path.cwd()), Settings())
"""

POINTS = {
    "while-mkdocs-builds": "old",
    "before-the-swap": "old",
    "before-the-exchange": "old",
    "after-the-exchange": "new",
    "fallback-after-rename-1": "missing, then put back",
    "fallback-after-rename-2": "new",
}


def state(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site-"))


@pytest.mark.slow
@pytest.mark.parametrize("point", list(POINTS))
def test_a_build_killed_at_any_step_leaves_a_whole_site_and_the_next_build_cleans_up(
    make_project: Project, explainer: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    root = make_project(site=True)
    monkeypatch.chdir(root)
    not_ours = root / ".site-build-notes"
    not_ours.mkdir()
    (not_ours / "keep.txt").write_text("an editor's folder that happens to share the prefix")
    assert explainer(root, "build").code == 0
    old = state(root / "site")
    trade = root / "content/briefs/trade.yml"
    trade.write_text(trade.read_text().replace("title: River trade", "title: River trade, revised"))

    killed = subprocess.run([sys.executable, "-c", DRIVER, point], cwd=root, capture_output=True, text=True)
    assert killed.returncode == 9, killed.stderr

    expected = POINTS[point]
    if expected.startswith("missing"):  # only the fallback for systems without an atomic exchange
        assert not (root / "site").exists()
    else:
        assert (state(root / "site") == old) == (expected == "old"), "whole: the old site or the new one"
        assert state(root / "site") != {}
    assert leftovers(root) != [".site-build-notes"], "the killed build left its staging folder"

    (root / "content/glossary/lock.yml").write_text("term: [\n")  # the next build fails on content
    assert explainer(root, "build").code == 1
    assert (state(root / "site") == old) == (expected != "new"), "the site is in place, put back if need be"
    assert leftovers(root) == [".site-build-notes"], "the generator's leftovers are gone, nothing else"
    assert (not_ours / "keep.txt").exists()

    (root / "content/glossary/lock.yml").write_text(MINIMAL["content/glossary/lock.yml"])
    assert explainer(root, "build").code == 0
    assert state(root / "site") != old
    assert leftovers(root) == [".site-build-notes"]


def test_the_exchange_is_atomic_on_this_system(tmp_path: Path) -> None:
    """Linux ``renameat2(RENAME_EXCHANGE)``: both names always exist; each now holds the other's files."""
    from generator.output import site

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "new.txt").write_text("new")
    (b / "old.txt").write_text("old")
    if not site.exchanged(a, b):
        pytest.skip("no atomic exchange on this system or file system: the fallback renames are tested above")
    assert [p.name for p in a.iterdir()] == ["old.txt"]
    assert [p.name for p in b.iterdir()] == ["new.txt"]
