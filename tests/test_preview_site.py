"""The preview's site after a series of saves is the site a clean build makes, file for file, byte for byte.

After each save the preview renders only the pages whose Markdown or navigation
changed; these tests build the same project from scratch with ``mkdocs build``
(the same configuration, served at the same address) after every step and compare
the two folders. Only what a clean build itself varies from day to day (the dates
in the sitemap) is set aside.
"""

from __future__ import annotations

import gzip
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BRIEF, PICTURES

from generator import pipeline
from generator.preview.live import Preview
from generator.project import Project, Settings

pytestmark = pytest.mark.slow

Step = tuple[str, Callable[[Path], str]]
SERVED = "http://127.0.0.1:8000/explainer/"


def edit(path: str, old: str, new: str) -> Callable[[Path], str]:
    """A step that saves ``path`` with ``old`` replaced, and names the file it saved, as a watcher would."""

    def apply(root: Path) -> str:
        text = (root / path).read_text(encoding="utf-8")
        assert old in text, f"{path} has no {old!r}"
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
        return str(root / path)

    return apply


def write(path: str, text: str) -> Callable[[Path], str]:
    return lambda root: str(root / path) if (root / path).write_text(text, encoding="utf-8") else ""


def delete(path: str) -> Callable[[Path], str]:
    return lambda root: (root / path).unlink() or str(root / path)


SECOND = BRIEF.replace("title: River trade", "title: Road trade").replace("Most boats", "Most carts")
STEPS: list[Step] = [
    ("a brief's text", edit("content/briefs/trade.yml", "Most boats are small.", "Most boats are very small.")),
    ("a brief's title, which the navigation shows", edit("content/briefs/trade.yml", "River trade", "Canal trade")),
    ("a figure, which a chart draws", edit("content/briefs/trade.yml", "value: 60", "value: 65")),
    (
        "a glossary definition, which every page using the term carries",
        edit("content/glossary/lock.yml", "A chamber", "A basin"),
    ),
    ("an actor", edit("content/actors/hills.yml", "Herders of the upper valley.", "Herders and traders.")),
    ("a new brief", write("content/briefs/roads.yml", SECOND)),
    ("a brief removed", delete("content/briefs/roads.yml")),
    (
        "a hand-written style sheet",
        lambda root: _append(root / "docs/assets/stylesheets/explainer.css", "\n/* edited */\n"),
    ),
    ("the site's configuration", edit("mkdocs.yml", "site_description: ", "site_description: Edited. ")),
]


def _append(path: Path, text: str) -> str:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return str(path)


def clean_build(root: Path, preview: Preview, into: Path) -> Path:
    """The site ``mkdocs build`` makes from scratch with the preview's configuration."""
    from mkdocs.commands.build import build

    config = preview.configure()
    config.site_dir = str(into)
    config.plugins["explainer"].generated = pipeline.generate(Project.at(root), preview.session.settings)
    build(config, serve_url=SERVED)
    return into


def files(folder: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name == "sitemap.xml.gz":
                data = gzip.decompress(data)
            if path.name.startswith("sitemap.xml"):
                data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"<lastmod/>", data)  # the day of the build
            out[str(path.relative_to(folder))] = data
    return out


def differences(a: Path, b: Path) -> list[str]:
    left, right = files(a), files(b)
    found = [f"only in the preview: {p}" for p in sorted(left.keys() - right.keys())]
    found += [f"only in the clean build: {p}" for p in sorted(right.keys() - left.keys())]
    found += [f"differs: {p}" for p in sorted(left.keys() & right.keys()) if left[p] != right[p]]
    return found


@pytest.mark.parametrize("full_nav_up_to", [50, 0], ids=["every brief in the navigation", "section pages"])
def test_after_each_save_the_served_site_is_the_site_a_clean_build_makes(
    make_project: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory, full_nav_up_to: int
) -> None:
    root = make_project(PICTURES, site=True)
    served = tmp_path_factory.mktemp("served")
    preview = Preview(Project.at(root), Settings(full_nav_up_to=full_nav_up_to), str(served), SERVED, "127.0.0.1:8000")
    assert preview.rebuild().built is not None

    for name, step in STEPS:
        rebuilt = preview.rebuild([step(root)])
        assert rebuilt.problems == [] and rebuilt.failure == "", name
        clean = clean_build(root, preview, tmp_path_factory.mktemp("clean"))
        assert differences(served, clean) == [], f"after {name}"
        shutil.rmtree(clean)


def test_a_text_edit_renders_one_page_and_writes_it_alone(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = make_project(PICTURES, site=True)
    preview = Preview(Project.at(root), Settings(), str(tmp_path / "served"), SERVED, "127.0.0.1:8000")
    first = preview.rebuild().built
    assert first is not None and len(first.rendered) == first.pages

    edit("content/briefs/trade.yml", "Most boats are small.", "Most boats are tiny.")(root)
    built = preview.rebuild().built

    assert built is not None
    assert (built.rendered, built.written) == (["briefs/trade.md"], ["briefs/trade.md"])
    assert "Most boats are tiny." in (tmp_path / "served/briefs/trade/index.html").read_text(encoding="utf-8")


def test_content_errors_keep_the_last_good_site_and_are_kept_for_the_browser(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project(PICTURES, site=True)
    preview = Preview(Project.at(root), Settings(), str(tmp_path / "served"), SERVED, "127.0.0.1:8000")
    preview.rebuild()
    page = tmp_path / "served/briefs/trade/index.html"
    before = page.read_bytes()

    edit("content/briefs/trade.yml", "title: River trade", "title: [broken")(root)
    failed = preview.rebuild()

    assert [d.format_text().split(": ")[0:2] for d in failed.problems] == [
        ["content/briefs/trade.yml:3:8", "error[yaml-syntax]"]
    ]
    assert page.read_bytes() == before, "the last good page stays"

    edit("content/briefs/trade.yml", "title: [broken", "title: Fixed trade")(root)
    fixed = preview.rebuild()
    assert fixed.problems == [] and fixed.changed
    assert "Fixed trade" in page.read_text(encoding="utf-8")


LONG: dict[str, str] = {  # forty events, each with its own source: a timeline and a sources page longer than a brief
    **{
        f"content/events/event-{n:02d}.yml": f"date: 20{n:02d}-01-01\ntitle: Event {n}\ndescription: It happened.\n"
        f"actors: [valley]\nsources: [source-{n:02d}]\n"
        for n in range(40)
    },
    **{
        f"content/sources/source-{n:02d}.yml": f"title: Report {n}\npublisher: Valley Institute\ndate: '2025'\n"
        f"url: https://example.org/{n}\ntype: research\n"
        for n in range(40)
    },
}


def test_long_pages_follow_the_rest_and_then_the_site_is_the_clean_build(
    make_project: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.preview import live

    root = make_project({**PICTURES, **LONG}, site=True)
    served = tmp_path_factory.mktemp("served")
    sectioned = Settings(full_nav_up_to=0)  # the navigation does not name the brief
    preview = Preview(Project.at(root), sectioned, str(served), SERVED, "127.0.0.1:8000")
    preview.rebuild()
    timeline = served / "timeline/index.html"
    long_pages = {"timeline.md", "sources.md"}
    monkeypatch.setattr(live, "LONG_PAGE", min((root / "docs" / p).stat().st_size for p in long_pages) - 1)
    assert (root / "docs/briefs/trade.md").stat().st_size < live.LONG_PAGE

    edit("content/briefs/trade.yml", "title: River trade", "title: Canal trade")(root)
    rebuilt = preview.rebuild()

    assert rebuilt.built is not None and set(rebuilt.built.later) >= long_pages and preview.pending()
    assert "Canal trade" in (served / "briefs/trade/index.html").read_text(encoding="utf-8")
    assert "Canal trade" not in timeline.read_text(encoding="utf-8"), "the long page keeps its last version"

    assert preview.finish(lambda: False).built is not None and not preview.pending()
    assert "Canal trade" in timeline.read_text(encoding="utf-8")
    assert differences(served, clean_build(root, preview, tmp_path_factory.mktemp("clean"))) == []


def test_a_save_stops_the_long_pages_and_the_next_rebuild_takes_them_up(
    make_project: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.preview import live

    root = make_project(PICTURES, site=True)
    served = tmp_path_factory.mktemp("served")
    preview = Preview(Project.at(root), Settings(), str(served), SERVED, "127.0.0.1:8000")
    preview.rebuild()
    monkeypatch.setattr(live, "LONG_PAGE", 0)

    edit("content/briefs/trade.yml", "title: River trade", "title: Canal trade")(root)
    preview.rebuild()
    assert preview.finish(lambda: True).built == live.Built(
        later=preview.last.built.later if preview.last.built else []
    )
    edit("content/briefs/trade.yml", "Most boats are small.", "Most boats are tiny.")(root)
    preview.rebuild()
    while preview.pending():
        preview.finish(lambda: False)

    assert differences(served, clean_build(root, preview, tmp_path_factory.mktemp("clean"))) == []


def test_a_second_preview_starts_from_what_the_first_kept(
    make_project: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.preview import store

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
    root = make_project(PICTURES, site=True)
    with store.folder(root) as (served, kept):
        assert kept and served == root / ".cache/explainer/serve/site"
        first = Preview(Project.at(root), Settings(), str(served), SERVED, "127.0.0.1:8000")
        first.rebuild()
        store.save(root, first.site.state())
    edit("content/briefs/trade.yml", "Most boats are small.", "Most boats are tiny.")(root)

    with store.folder(root) as (served, kept):
        second = Preview(Project.at(root), Settings(), str(served), SERVED, "127.0.0.1:8000")
        second.site.resume(store.load(root))
        built = second.rebuild().built

        assert built is not None and (built.rendered, built.written) == (["briefs/trade.md"], ["briefs/trade.md"])
        assert differences(served, clean_build(root, second, tmp_path_factory.mktemp("clean"))) == []


def test_a_kept_site_is_read_only_when_this_user_signed_it(
    make_project: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.preview import store

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
    root = make_project()
    store.save(root, {"_outputs": {"index.html"}})
    kept = root / ".cache/explainer/serve/state.pickle"
    assert store.load(root) == {"_outputs": {"index.html"}}

    kept.write_bytes(kept.read_bytes().replace(b"index.html", b"index.htmx"))
    assert store.load(root) is None, "changed after it was signed"

    store.save(root, {"_outputs": set()})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("another-user")))
    assert store.load(root) is None, "signed by someone else, or come with the project"


def test_a_second_preview_of_the_same_project_serves_from_a_folder_of_its_own(
    make_project: Callable[..., Path],
) -> None:
    from generator.preview import store

    root = make_project()
    with store.folder(root) as (first, kept_first), store.folder(root) as (second, kept_second):
        assert (kept_first, kept_second) == (True, False)
        assert first != second and second.is_dir()
