"""Every output path has one owner, and nothing a person wrote is discarded (issue 13, reproductions 2, 6, 8;
issue 15, the lost manifest).

Ids the site's own pages use are refused, two pages for one address are an error
naming both, a folder that cannot be read is reported rather than skipped, a
generated page edited by hand stops the run (``--force`` discards the edit), and
after the manifest is lost the generator still knows its own files by their bytes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BRIEF, MINIMAL, PICTURES, REPO, Result, generate

from generator.content import files
from generator.output import writer
from generator.pages import registry
from generator.pages.registry import PageKind, Reads
from generator.project import Project as Paths

Project = Callable[..., Path]
ACTOR_TEXT = MINIMAL["content/actors/valley.yml"]
EVENT_TEXT = MINIMAL["content/events/lock-opens.yml"]
EDIT_HINT = (
    "  hint: to keep a change, make it in content/ (the pages are made from it) or move the file away;"
    " to discard it, run again with --force"
)


def pages(root: Path) -> dict[str, bytes]:
    """The generated pages under docs/, by path."""
    docs = root / "docs"
    return {path: (docs / path).read_bytes() for path in sorted(writer.read_manifest(docs))}


# --- ids the site uses, and two pages for one address ---------------------------------------------

RESERVED = {
    "brief-index": ("content/briefs/index.yml", BRIEF, "brief", "index"),
    "brief-kinds": ("content/briefs/kinds.yml", BRIEF, "brief", "kinds"),
    "actor-index": ("content/actors/index.yml", ACTOR_TEXT, "actor", "index"),
}


@pytest.mark.parametrize("case", list(RESERVED))
def test_an_id_the_site_uses_for_its_own_page_is_refused(
    make_project: Project, explainer: Callable[..., Result], case: str
) -> None:
    path, text, kind, entity_id = RESERVED[case]
    root = make_project({path: text}, site=True)
    result = explainer(root, "build", "--strict")
    article = "an" if kind[0] in "aeiou" else "a"
    lines = result.err.splitlines()
    assert (result.code, lines[:2], lines[-1]) == (
        1,
        [
            f"{path}:1:1: error[reserved-id]: '{entity_id}' cannot be the id of {article} {kind}:"
            " the site uses that name for one of its own pages",
            "  hint: rename the file",
        ],
        "1 error, " + ("1 warning" if kind == "actor" else "0 warnings"),  # an actor no one cites is also unused
    )
    assert not (root / "site").exists() and not (root / "docs" / "briefs").exists(), "nothing was written"


def test_two_pages_for_one_address_is_an_error_naming_the_content_file(
    make_project: Project, explainer: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page kind that would put events where actors are: the event sharing an actor's id is refused."""
    clash = PageKind("event", "event", "actors/{id}.md", lambda r, page: "# x\n", Reads(subject=True), each="event")
    monkeypatch.setattr(registry, "PAGE_KINDS", [*registry.PAGE_KINDS, clash])
    root = make_project({"content/events/valley.yml": EVENT_TEXT})
    result = explainer(root, "generate")
    assert result.code == 1
    assert result.err.splitlines()[:2] == [
        "content/events/valley.yml:1:1: error[page-clash]: the page of event 'valley' would be published at the"
        " same address as the page of actor 'valley' (actors/valley.md)",
        "  hint: rename the file",
    ]
    assert not (root / "docs").exists()


# --- a folder that cannot be read is reported (reproduction 6) ------------------------------------


def test_an_unreadable_folder_fails_the_build_instead_of_emptying_the_glossary(
    make_project: Project, explainer: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a user without permission (tests run as root, who reads everything, so the refusal is simulated)."""
    real = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "glossary":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "scandir", scandir)
    root = make_project(site=True)
    result = explainer(root, "build", "--strict")
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            "content/glossary:1:1: error[folder-unreadable]: cannot read the folder: Permission denied",
            "  hint: check its permissions: files in it are not read",
            "1 error, 0 warnings",
        ],
    )
    assert not (root / "site").exists()


# --- hand edits of generated pages (reproduction 8) ------------------------------------------------


@pytest.mark.parametrize("command", ["generate", "build"])
def test_a_hand_edit_of_a_generated_page_stops_the_run_and_nothing_is_written(
    make_project: Project, explainer: Callable[..., Result], command: str
) -> None:
    root = make_project(site=True)
    assert explainer(root, command).code == 0
    page = root / "docs/briefs/trade.md"
    page.write_bytes(page.read_bytes() + b"EDIT\n")
    before = pages(root)
    site = sorted(p.as_posix() for p in (root / "site").rglob("*")) if command == "build" else []
    trade = root / "content/briefs/trade.yml"
    trade.write_text(trade.read_text().replace("title: River trade", "title: River trade, revised"))
    result = explainer(root, command)
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            "error: 1 file where the generator writes pages would be lost; nothing was written:",
            f"  {root}/docs/briefs/trade.md: edited since the generator wrote it",
            EDIT_HINT,
        ],
    )
    assert pages(root) == before, "the edit is kept, and no other page changed"
    assert page.read_bytes().endswith(b"EDIT\n")
    if command == "build":
        assert sorted(p.as_posix() for p in (root / "site").rglob("*")) == site


def test_force_discards_the_edit(make_project: Project, explainer: Callable[..., Result]) -> None:
    root = make_project()
    assert explainer(root, "generate").code == 0
    fresh = pages(root)
    (root / "docs/briefs/trade.md").write_text("EDITED BY HAND\n")
    result = explainer(root, "generate", "--force")
    assert (result.code, result.err) == (0, "generated: 1 written, 14 unchanged, 0 removed\n")
    assert pages(root) == fresh


def test_a_page_that_is_no_longer_generated_is_not_deleted_if_it_was_edited(
    make_project: Project, explainer: Callable[..., Result]
) -> None:
    root = make_project({"content/maps/valley.yml": PICTURES["content/maps/valley.yml"]})
    assert explainer(root, "generate").code == 0
    (root / "docs/maps.md").write_text("my notes on maps\n")
    (root / "content/maps/valley.yml").unlink()
    result = explainer(root, "generate")
    assert result.code == 1
    assert f"  {root}/docs/maps.md: edited since the generator wrote it" in result.err.splitlines()
    assert (root / "docs/maps.md").read_text() == "my notes on maps\n"


def test_a_file_the_generator_did_not_write_is_never_replaced(
    make_project: Project, explainer: Callable[..., Result]
) -> None:
    root = make_project()
    (root / "docs/briefs").mkdir(parents=True)
    (root / "docs/briefs/trade.md").write_text("an editor's own page\n")
    result = explainer(root, "generate")
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            "error: 1 file where the generator writes pages would be lost; nothing was written:",
            f"  {root}/docs/briefs/trade.md: not written by the generator",
            EDIT_HINT,
        ],
    )
    assert (root / "docs/briefs/trade.md").read_text() == "an editor's own page\n"
    assert not (root / "docs/index.md").exists()


# --- the manifest lost (issue 15) ------------------------------------------------------------------


def test_after_the_manifest_is_lost_the_generator_knows_its_own_pages_by_their_bytes(
    make_project: Project, explainer: Callable[..., Result]
) -> None:
    root = make_project()
    assert explainer(root, "generate").code == 0
    manifest = (root / "docs" / writer.MANIFEST).read_bytes()
    (root / "docs" / writer.MANIFEST).unlink()
    result = explainer(root, "generate")
    assert (result.code, result.err) == (0, "generated: 0 written, 15 unchanged, 0 removed\n")
    assert (root / "docs" / writer.MANIFEST).read_bytes() == manifest


def test_after_the_manifest_is_lost_only_changed_pages_are_named_and_force_or_make_clean_recovers(
    make_project: Project, explainer: Callable[..., Result]
) -> None:
    root = make_project()
    assert explainer(root, "generate").code == 0
    (root / "docs" / writer.MANIFEST).unlink()
    trade = root / "content/briefs/trade.yml"
    trade.write_text(trade.read_text().replace("title: River trade", "title: River trade, revised"))
    result = explainer(root, "generate")
    assert result.code == 1
    named = [line for line in result.err.splitlines() if line.endswith(": not written by the generator")]
    assert named == [
        f"  {root}/docs/{path}: not written by the generator"
        for path in (
            "actors/valley.md",
            "briefs/index.md",
            "briefs/trade.md",
            "data/explainer.json",
            "data/feed.xml",
            "index.md",
            "sources.md",
            "timeline.md",
        )
    ], "the pages the title is on: the other six are known as the generator's by their bytes"
    shutil.copytree(root, root.parent / "copy")
    assert explainer(root, "generate", "--force").code == 0
    copy = root.parent / "copy"
    subprocess.run(["make", "-s", "-f", str(REPO / "Makefile"), "clean"], cwd=copy, check=True)
    assert sorted(p.relative_to(copy).as_posix() for p in (copy / "docs").rglob("*")) == []
    assert explainer(copy, "generate").code == 0
    assert pages(copy) == pages(root)


def test_a_manifest_of_bare_paths_from_an_older_version_is_read_and_upgraded(make_project: Project) -> None:
    root = make_project()
    generate(Paths.at(root))
    manifest = root / "docs" / writer.MANIFEST
    with_digests = manifest.read_bytes()
    manifest.write_text("".join(line.split("\t")[0] + "\n" for line in manifest.read_text().splitlines()))
    (root / "docs/glossary.md").write_text("edited under the old manifest: not known, so not refused\n")
    report = generate(Paths.at(root)).report
    assert report.written == ["glossary.md"]
    assert manifest.read_bytes() == with_digests
