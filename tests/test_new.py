"""`explainer new KIND ID`: a starter file that explains every field, guesses nothing, and never overwrites.

What the scaffold cannot know is left visibly empty, so the file fails validation at exactly those values until
an editor writes them; at a terminal it asks for the one choice the file needs."""

from __future__ import annotations

import os
import pty
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import problems
from test_cli import EXPLAINER_BIN, explainer

from generator.content.types import BY_KIND

Project = Callable[..., Path]
PLACES = {
    "brief": "content/briefs/new-one.yml",
    "actor": "content/actors/new-one.yml",
    "event": "content/events/new-one.yml",
    "source": "content/sources/new-one.yml",
    "term": "content/glossary/new-one.yml",
}
STILL_TO_WRITE = {
    "brief": [
        "3:6: error[empty-value]: 'kind' is empty",
        "7:9: error[empty-value]: 'summary' is empty",
        "12:10: error[empty-value]: 'key_points.0.text' is empty",
        "14:12: error[empty-value]: 'key_points.0.status' is empty",
    ],
    "actor": [
        "5:6: error[empty-value]: 'type' is empty",
        "7:9: error[empty-value]: 'summary' is empty",
        "9:6: error[empty-value]: 'role' is empty",
    ],
    "event": [
        "3:6: error[empty-value]: 'date' is empty",
        "9:13: error[empty-value]: 'description' is empty",
        "13:10: error[too-few-items]: 'sources' needs at least 1 item",
    ],
    "source": [
        "5:11: error[empty-value]: 'publisher' is empty",
        "7:6: error[empty-value]: 'type' is empty",
        "13:6: error[empty-value]: 'date' is empty",
    ],
    "term": ["7:12: error[empty-value]: 'definition' is empty"],
}


@pytest.mark.parametrize("kind", list(PLACES))
def test_a_new_file_explains_every_field_and_leaves_what_it_cannot_know_empty(make_project: Project, kind: str) -> None:
    root = make_project()
    result = explainer(root, "new", kind, "new-one", "--title", 'A "quoted" title')
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"created: {root}/{PLACES[kind]}\n"
        "  next: write the values left empty, then check with `explainer validate` (`make check`)\n"
    )
    text = (root / PLACES[kind]).read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../docs/schemas/{kind}.schema.json\n")
    for name, info in BY_KIND[kind].model.model_fields.items():
        assert f"# {info.description}" in text, name
    found = [line.removeprefix(f"{PLACES[kind]}:") for line in problems(root) if line.startswith(PLACES[kind])]
    assert found == STILL_TO_WRITE[kind]


def test_nothing_is_guessed(make_project: Project) -> None:
    root = make_project()
    for kind in ("brief", "actor", "event", "source"):
        explainer(root, "new", kind, "new-one")
    brief = (root / PLACES["brief"]).read_text(encoding="utf-8")
    actor = (root / PLACES["actor"]).read_text(encoding="utf-8")
    event = (root / PLACES["event"]).read_text(encoding="utf-8")
    source = (root / PLACES["source"]).read_text(encoding="utf-8")
    assert "kind:  # one of: economy, politics\n" in brief
    assert "type:  # one of: country, person, organisation, institution\n" in actor
    assert "date:  # to write\n" in event and "sources: []\n" in event  # no made-up date, no borrowed source
    assert (
        "type:  # one of: official, research, independent-media, state-media, advocacy, commentary, encyclopedia\n"
        in source
    )
    assert "TODO" not in brief + actor + event + source and "example.org" not in source


def test_once_written_the_new_brief_is_valid(make_project: Project) -> None:
    root = make_project()
    explainer(root, "new", "brief", "new-one", "--title", "New")
    path = root / PLACES["brief"]
    text = path.read_text(encoding="utf-8")
    for old, new in {
        "kind:  # one of: economy, politics": "kind: economy",
        "summary:  # to write": "summary: Written.",
        "  - text:\n": "  - text: A point.\n",
        "    sources: []\n": "    sources: [survey]\n",
        "    status:  # confirmed, reported, disputed or estimate": "    status: reported",
    }.items():
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    assert explainer(root, "validate", "--strict").returncode == 0


def test_at_a_terminal_new_asks_for_the_choice_the_file_needs(make_project: Project) -> None:
    root = make_project()
    parent, child = pty.openpty()
    process = subprocess.Popen(
        [str(EXPLAINER_BIN), "new", "brief", "asked", "--root", str(root)], stdin=child, stdout=child, stderr=child
    )
    os.close(child)
    output = b""
    while b"Enter to leave it empty" not in output:
        output += os.read(parent, 1024)
    os.write(parent, b"politics\n")
    assert process.wait(timeout=60) == 0
    os.close(parent)
    assert "kind (economy, politics; Enter to leave it empty)" in output.decode()
    assert "\nkind: politics\n" in (root / "content/briefs/asked.yml").read_text(encoding="utf-8")


def test_new_never_overwrites(make_project: Project) -> None:
    root = make_project()
    before = (root / "content/briefs/trade.yml").read_text(encoding="utf-8")
    result = explainer(root, "new", "brief", "trade")
    assert result.returncode == 1
    assert (
        result.stderr == f"error: {root}/content/briefs/trade.yml already exists; choose another id or edit that file\n"
    )
    assert (root / "content/briefs/trade.yml").read_text(encoding="utf-8") == before


def test_new_teaches_the_editors_schemas_the_new_id(make_project: Project) -> None:
    root = make_project()
    assert explainer(root, "schema").returncode == 0
    result = explainer(root, "new", "source", "harbour-log")
    assert "  the editors' schemas now know 'harbour-log'\n" in result.stderr
    assert '"harbour-log"' in (root / "docs/schemas/ids.schema.json").read_text(encoding="utf-8")
    assert explainer(root, "schema", "--check").returncode == 0


def test_validate_and_build_say_when_the_editors_schemas_are_stale(make_project: Project) -> None:
    root = make_project(site=True)
    assert explainer(root, "schema").returncode == 0
    (root / "content/sources/harbour-log.yml").write_text(
        "title: Harbour log\npublisher: P\ntype: research\ndate: '2025'\n", encoding="utf-8"
    )
    note = (
        "note: the editors' schemas are out of date with the content (ids.schema.json)\n"
        "  hint: run `explainer schema` (`make schema`) so the editor completes the new ids\n"
    )
    assert note in explainer(root, "validate").stderr
    assert note in explainer(root, "build").stderr
    explainer(root, "schema")
    assert "note:" not in explainer(root, "validate").stderr
