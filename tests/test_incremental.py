"""Incremental regeneration: after an edit, the preview session writes exactly what a full generation writes.

Each case starts a session on a synthetic explainer, applies one edit, and
regenerates; a second project holding the edited content from scratch is the
reference. The two docs/ folders must be byte-identical, and the session must
leave every file whose bytes did not change untouched (same mtime).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bench import AGED_NS, synthetic_corpus
from conftest import MINIMAL, PICTURES, generate

from generator.content import files as content_files
from generator.content.graph import Graph
from generator.errors import ContentError
from generator.output.rendered import Rendered
from generator.preview.session import Session
from generator.project import Project, Settings

TODAY = dt.date(2026, 2, 1)
BRIEFS = 60  # above the navigation threshold, so the section pages are exercised too
Files = dict[str, str]


def _write(root: Path, files: Files, *, aged: bool) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.write_text(text, encoding="utf-8")
        if aged:
            os.utime(path, ns=(AGED_NS, AGED_NS))


def _apply(root: Path, before: Files, after: Files) -> None:
    for relative in before.keys() - after.keys():
        (root / relative).unlink()
    _write(root, after, aged=False)


def _docs(root: Path) -> dict[str, tuple[bytes, int]]:
    docs = root / "docs"
    return {
        p.relative_to(docs).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()
    }


def _shape(graph: Graph) -> dict[str, Any]:
    """Every node of ``graph`` with its model, its place in reading order and, in order, who references it."""
    return {
        kind: [
            (node.id, node.model, node.rank, {k: [n.id for n in v] for k, v in sorted(node.referrers.items()) if v})
            for node in nodes
        ]
        for kind, nodes in graph.nodes.items()
    }


def _spy_on_rendering(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths rendered from now on (asked of the rendered files by the writer), in order."""
    rendered: list[str] = []
    ask = Rendered.__getitem__
    monkeypatch.setattr(Rendered, "__getitem__", lambda self, path: rendered.append(path) or ask(self, path))
    return rendered


def _brief(n: int) -> str:
    return f"content/briefs/brief-{n:05d}.yml"


def _replace(path: str, old: str, new: str) -> Callable[[Files], Files]:
    def edit(files: Files) -> Files:
        assert old in files[path], f"{old!r} not in {path}"
        return {**files, path: files[path].replace(old, new, 1)}

    return edit


def _without_brief(brief_id: str, files: Files) -> Files:
    """The corpus with ``brief_id`` gone from every list that names it."""

    def drop(text: str) -> str:
        return re.sub(
            r"\[([^\]\n]*)\]",
            lambda m: "[" + ", ".join(x for x in m.group(1).split(", ") if x != brief_id) + "]",
            text,
        )

    return {path: drop(text) for path, text in files.items() if path != f"content/briefs/{brief_id}.yml"}


def _rename(old_id: str, new_id: str) -> Callable[[Files], Files]:
    def edit(files: Files) -> Files:
        renamed = {path.replace(f"/{old_id}.yml", f"/{new_id}.yml"): text for path, text in files.items()}
        return {path: re.sub(rf"\b{old_id}\b", new_id, text) for path, text in renamed.items()}

    return edit


def _new_brief(files: Files) -> Files:
    text = files[_brief(5)].replace("title: ", "title: Brand new ", 1)
    return {**files, "content/briefs/brand-new.yml": text}


def _draft(files: Files) -> Files:
    edited = _without_brief("brief-00007", files)
    return {**edited, _brief(7): files[_brief(7)] + "draft: true\n"}


EDITS: dict[str, Callable[[Files], Files]] = {
    "body text": _replace(_brief(3), "matters here.", "matters a great deal here."),
    "title shown on other pages": _replace(_brief(3), "title: ", "title: Renamed "),
    "weight that reorders lists": _replace(_brief(3), "weight: ", "weight: 1"),
    "actor name": _replace("content/actors/actor-00002.yml", "name: ", "name: Renamed "),
    "actor added to a brief": _replace(_brief(3), "actors: [", "actors: [actor-00005, "),
    "summary": _replace(_brief(3), "summary: ", "summary: Now "),
    "key point text": _replace(_brief(3), "  - text: ", "  - text: Indeed, "),
    "figure value": _replace(_brief(3), "value: 65", "value: 66"),
    "change log": _replace(_brief(3), "changes:\n", "changes:\n  - date: 2026-01-20\n    note: Updated.\n"),
    "publication date": _replace(_brief(3), "published: 2026-01-01", "published: 2026-01-02"),
    "kind of a brief": _replace(_brief(3), "kind: energy", "kind: society"),
    "tags of a brief": _replace(_brief(3), "tags: [tag-00000, tag-00001]", "tags: [tag-00001]"),
    "related briefs": _replace(_brief(3), "related: [brief-00004, brief-00042]", "related: [brief-00042, brief-00001]"),
    "sources a brief cites": _replace(_brief(3), "sources: [source-00021, source-00013]", "sources: [source-00002]"),
    "events of a brief": _replace(_brief(3), "events: [event-00003, event-00006]", "events: [event-00001]"),
    "actor of a perspective": _replace(_brief(3), "actor: actor-00003", "actor: actor-00005"),
    "event date": _replace("content/events/event-00004.yml", "date: 20", "date: 19"),
    "source title": _replace("content/sources/source-00001.yml", "title: ", "title: Renamed "),
    "glossary term": _replace("content/glossary/term-00000.yml", "definition: ", "definition: Changed. "),
    "explainer": _replace("content/explainer.yml", "title: A synthetic", "title: A renamed"),
    "new brief": _new_brief,
    "deleted brief": lambda files: _without_brief("brief-00009", files),
    "renamed brief": _rename("brief-00011", "brief-eleven"),
    "brief made a draft": _draft,
    "file touched, bytes unchanged": lambda files: files,
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_an_edit_regenerates_exactly_what_a_full_generation_writes(
    tmp_path: Path, edit: Callable[[Files], Files]
) -> None:
    before = synthetic_corpus(BRIEFS)
    after = edit(before)
    live, fresh = tmp_path / "live", tmp_path / "fresh"
    _write(live, before, aged=True)
    session = Session(Project.at(live), Settings(today=TODAY))
    session.run()
    old = _docs(live)
    if after == before:
        os.utime(live / _brief(3))  # touched: new mtime, same bytes
    _apply(live, before, after)

    result = session.run()

    _write(fresh, after, aged=True)
    reference = generate(Project.at(fresh), today=TODAY)
    assert _shape(result.graph) == _shape(reference.graph), "the session's graph is the one a full run builds"
    assert sorted(result.diagnostics) == sorted(reference.diagnostics), "and so are its warnings"
    new, expected = _docs(live), _docs(fresh)
    assert {p: b for p, (b, _) in new.items()} == {p: b for p, (b, _) in expected.items()}
    changed = {p for p, (data, _) in new.items() if p not in old or old[p][0] != data}
    assert set(result.report.written) == changed - {".explainer-manifest"}
    kept = {p for p in new.keys() & old.keys() if new[p][0] == old[p][0] and p != ".explainer-manifest"}
    assert all(new[p][1] == old[p][1] for p in kept), "unchanged files keep their modification time"


def test_an_edit_to_one_brief_renders_only_the_pages_that_read_it(tmp_path: Path) -> None:
    files = synthetic_corpus(BRIEFS)
    _write(tmp_path, files, aged=True)
    session = Session(Project.at(tmp_path), Settings(today=TODAY))
    session.run()
    _apply(tmp_path, files, _replace(_brief(3), "matters here.", "matters a lot here.")(files))

    report = session.run().report

    assert [p for p in report.written if p.startswith("briefs/brief-")] == ["briefs/brief-00003.md"]
    assert len(report.written) + report.unchanged < 40, "pages about unrelated briefs are not even rendered"


def test_nothing_is_rendered_or_written_when_nothing_changed(tmp_path: Path) -> None:
    _write(tmp_path, synthetic_corpus(BRIEFS), aged=True)
    session = Session(Project.at(tmp_path), Settings(today=TODAY))
    session.run()

    report = session.run().report

    assert (report.written, report.unchanged, report.removed) == ([], 0, [])


def test_a_broken_edit_keeps_the_last_pages_and_the_next_good_edit_catches_up(tmp_path: Path) -> None:
    files = synthetic_corpus(BRIEFS)
    _write(tmp_path, files, aged=True)
    session = Session(Project.at(tmp_path), Settings(today=TODAY))
    session.run()
    pages = _docs(tmp_path)
    broken = _replace(_brief(3), "kind: ", "kind: nonsense-")(files)
    _apply(tmp_path, files, broken)

    with pytest.raises(ContentError):
        session.run()
    assert _docs(tmp_path) == pages

    fixed = _replace(_brief(3), "title: ", "title: Fixed ")(files)
    _apply(tmp_path, broken, fixed)
    session.run()
    fresh = tmp_path / "fresh"
    _write(fresh, fixed, aged=True)
    generate(Project.at(fresh), today=TODAY)
    assert {p: b for p, (b, _) in _docs(tmp_path).items()} == {p: b for p, (b, _) in _docs(fresh).items()}


def test_a_reference_broken_after_edits_that_kept_every_reference_is_still_an_error(tmp_path: Path) -> None:
    files = synthetic_corpus(BRIEFS)
    _write(tmp_path, files, aged=True)
    session = Session(Project.at(tmp_path), Settings(today=TODAY))
    session.run()
    _apply(tmp_path, files, renamed := EDITS["title shown on other pages"](files))
    session.run()

    _apply(tmp_path, renamed, _replace(_brief(3), "actors: [", "actors: [actor-missing, ")(renamed))
    with pytest.raises(ContentError) as raised:
        session.run()
    assert [d.code for d in raised.value.diagnostics] == ["unknown-reference"]


def test_an_edit_to_a_briefs_text_renders_no_page_that_only_lists_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = synthetic_corpus(BRIEFS)
    _write(tmp_path, files, aged=True)
    session = Session(Project.at(tmp_path), Settings(today=TODAY))
    session.run()
    rendered = _spy_on_rendering(monkeypatch)

    _apply(tmp_path, files, EDITS["body text"](files))
    session.run()

    assert "data/explainer.json" in rendered and "briefs/brief-00003.md" in rendered
    assert not {"index.md", "briefs/index.md", "tags.md", "sources.md", "timeline.md", "data/feed.xml"} & set(rendered)


def test_pages_about_the_whole_explainer_are_rendered_only_when_a_kind_they_read_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = synthetic_corpus(BRIEFS)
    _write(tmp_path, files, aged=True)
    session = Session(Project.at(tmp_path), Settings(today=TODAY))
    session.run()
    rendered = _spy_on_rendering(monkeypatch)

    _apply(tmp_path, files, _replace("content/glossary/term-00000.yml", "definition: ", "definition: New. ")(files))
    session.run()

    assert sorted(rendered) == ["_snippets/abbreviations.md", "data/explainer.json", "glossary.md", "sources.md"]


@pytest.mark.parametrize(
    ("path", "old", "new", "chart_rendered"),
    [
        ("content/actors/valley.yml", "name: The Valley", "name: The Lowlands", False),
        ("content/briefs/trade.yml", "value: 25", "value: 35", True),
    ],
    ids=["an actor the brief names", "a charted figure"],
)
def test_a_chart_is_drawn_again_only_when_its_brief_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str, old: str, new: str, chart_rendered: bool
) -> None:
    files = {**MINIMAL, **PICTURES}
    _write(tmp_path / "live", files, aged=True)
    session = Session(Project.at(tmp_path / "live"), Settings(today=TODAY))
    session.run()
    rendered = _spy_on_rendering(monkeypatch)

    edited = _replace(path, old, new)(files)
    _apply(tmp_path / "live", files, edited)
    session.run()

    assert "briefs/trade.md" in rendered
    assert ("data/charts/trade-1.svg" in rendered) is chart_rendered
    _write(tmp_path / "fresh", edited, aged=True)
    generate(Project.at(tmp_path / "fresh"), today=TODAY)
    assert _docs(tmp_path / "live").keys() == _docs(tmp_path / "fresh").keys()
    assert all(b == _docs(tmp_path / "fresh")[p][0] for p, (b, _) in _docs(tmp_path / "live").items())


def test_a_glossary_term_is_reported_unused_as_soon_as_its_last_mention_goes_and_not_after_it_returns(
    tmp_path: Path,
) -> None:
    files = dict(MINIMAL)
    _write(tmp_path, files, aged=True)
    session = Session(Project.at(tmp_path), Settings(today=TODAY))

    def unused() -> list[str]:
        return [d.message for d in session.run().diagnostics if d.code == "unused-term"]

    assert unused() == []
    gone = _replace("content/events/lock-opens.yml", "first lock", "first gate")(
        _replace("content/briefs/trade.yml", "first lock", "first gate")(files)
    )
    _apply(tmp_path, files, gone)
    assert unused() == ["glossary term 'lock' appears in no text"]
    back = _replace("content/events/lock-opens.yml", "first gate", "first lock")(gone)
    _apply(tmp_path, gone, back)
    assert unused() == []


def test_edits_to_existing_entities_patch_the_graph_and_a_new_entity_builds_a_new_one(tmp_path: Path) -> None:
    files = synthetic_corpus(BRIEFS)
    _write(tmp_path, files, aged=True)
    session = Session(Project.at(tmp_path), Settings(today=TODAY))
    first = session.run().graph

    _apply(tmp_path, files, edited := EDITS["title shown on other pages"](files))
    assert session.run().graph is first
    _apply(tmp_path, edited, again := EDITS["actor name"](edited))
    assert session.run().graph is first

    _apply(tmp_path, again, EDITS["new brief"](again))
    assert session.run().graph is not first


def test_warnings_of_unchanged_files_keep_their_lines_without_the_files_being_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _replace(_brief(5), "title: ", "title: TODO ")(
        _replace(_brief(7), "title: ", "title: TODO ")(synthetic_corpus(BRIEFS))
    )
    _write(tmp_path, files, aged=True)
    session = Session(Project.at(tmp_path), Settings(today=TODAY))
    first = [d for d in session.run().diagnostics if d.severity == "warning"]
    assert [d.code for d in first] == ["placeholder", "placeholder"]
    placed_again: list[Path] = []
    real_load = content_files.load
    monkeypatch.setattr(content_files, "load", lambda file: placed_again.append(file.path) or real_load(file))
    edited = _replace(_brief(3), "title: ", "title: Edited ")(files)
    _apply(tmp_path, files, edited)

    again = [d for d in session.run().diagnostics if d.severity == "warning"]

    assert again == first
    assert placed_again == [], "an unchanged file's warnings are placed from the last run"
    # A file that changes is read again, and its warnings move with its lines.
    warned = first[0].path
    text = (tmp_path / warned).read_text(encoding="utf-8")
    (tmp_path / warned).write_text("# a comment line added on top\n" + text, encoding="utf-8")
    moved = [d for d in session.run().diagnostics if d.path == warned]
    assert [d.line for d in moved] == [d.line + 1 for d in first if d.path == warned]
