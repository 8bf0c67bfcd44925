"""Shared fixtures: small projects written from inline ``{path: text}`` mappings."""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent

EXPLAINER = """\
title: Why the river matters
question: Why does the river matter to the valley?
answer: Because it carries **water** and trade.
description: A small explainer used by the tests.
takeaways:
  - text: The river carries most of the valley's trade.
    sources: [survey, ledger]
    status: confirmed
kinds:
  - id: economy
    title: Economy
    description: Money and trade.
  - id: politics
    title: Politics
    description: Who decides.
start_here: [trade]
about: We check every claim against two sources.
authors:
  - name: Test desk
license: CC BY 4.0
published: 2026-01-01
review_after_days: 36500
tags:
  - id: trade
    title: River trade
"""

BRIEF = """\
kind: economy
title: River trade
summary: Boats carry grain down the river.
key_points:
  - text: Grain moves by boat, according to the survey.
    sources: [survey]
    status: reported
sections:
  - heading: Boats
    body: |
      Most boats are small. The first lock opened in 2020.
figures:
  - label: Share of trade by river
    value: 60
    upper: 70
    unit: "%"
    as_of: "2025"
    sources: [survey]
    by: Valley Institute
    status: estimate
perspectives:
  - who: The valley council
    actor: valley
    view: The council says the river is essential.
    sources: [survey]
actors: [valley]
events: [lock-opens]
tags: [trade]
published: 2026-01-01
reviewed: 2026-01-01
changes:
  - date: 2026-01-01
    note: First published.
"""

MINIMAL: dict[str, str] = {
    "content/explainer.yml": EXPLAINER,
    "content/briefs/trade.yml": BRIEF,
    "content/actors/valley.yml": """\
name: The Valley
type: country
summary: A small valley state.
role: Home of the river trade.
""",
    "content/events/lock-opens.yml": """\
date: 2020-05-01
title: The first lock opens
description: Boats can pass the falls.
actors: [valley]
sources: [survey, ledger]
""",
    "content/sources/survey.yml": """\
title: River survey
publisher: Valley Institute
date: "2025"
url: https://valley-institute.org/survey
accessed: 2026-01-01
type: research
""",
    "content/sources/ledger.yml": """\
title: Harbour ledger
publisher: Valley Gazette
date: "2020-05-02"
url: https://valley-gazette.org/ledger
type: independent-media
""",
    "content/glossary/lock.yml": """\
term: lock
definition: A chamber that lifts boats past a step in the river.
""",
}


def copy_site_setup(root: Path) -> None:
    """What a project needs besides content to build its site: the MkDocs config and the assets it names.

    The theme overrides and the plugin come with the installed generator."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets", dirs_exist_ok=True)


def write_tree(root: Path, files: Mapping[str, str]) -> Path:
    """Write ``{relative path: text}`` under ``root`` (text is dedented)."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A project folder with the minimal content, changed by ``files`` (a value of None deletes a file)."""

    def make(files: Mapping[str, str | None] | None = None, *, site: bool = False) -> Path:
        merged: dict[str, str | None] = {**MINIMAL, **(files or {})}
        write_tree(tmp_path, {k: v for k, v in merged.items() if v is not None})
        if site:
            copy_site_setup(tmp_path)
        return tmp_path

    return make


def problems(root: Path, *, today: str = "2026-02-01") -> list[str]:
    """Every diagnostic for the project at ``root``, as the first line of its text form."""
    import datetime as dt

    from generator.pipeline import check
    from generator.project import Project, Settings

    checked = check(Project.at(root), Settings(today=dt.date.fromisoformat(today)))
    return [d.format_text().split("\n")[0] for d in sorted(checked.diagnostics)]


# The minimal content with pictures: a map, actor ties listed on the actors page, and three figures in a chart.
PICTURES: dict[str, str] = {
    "content/maps/valley.yml": """\
title: The valley and its river
subtitle: The river carries the valley's grain to the sea.
description: A map with the valley tinted and the river route drawn to the sea.
bbox: [26, 33, 45, 43]
countries: [valley]
labels:
  - name: Inner Sea
    kind: sea
    point: [33, 41.5]
routes:
  - name: River route
    kind: shipping
    points: [[40, 38], [36, 36.8], [33, 35.5]]
    sources: [survey]
places:
  - name: Mill town
    point: [40, 38]
briefs: [trade]
""",
    "content/actors/valley.yml": """\
name: The Valley
type: country
summary: A small valley state.
role: Home of the river trade.
iso: "792"
ties:
  - actor: hills
    kind: economy
    label: sells grain to
  - actor: hills
    kind: politics
    label: shares a council with
""",
    "content/actors/hills.yml": """\
name: The Hill Clans
type: organisation
summary: Herders of the upper valley.
role: Buy the valley's grain.
""",
    "content/briefs/trade.yml": MINIMAL["content/briefs/trade.yml"].replace(
        "    status: estimate\n",
        "    status: estimate\n    chart: routes\n"
        "  - label: Share of trade by road\n    value: 25\n    unit: '%'\n    as_of: '2024'\n"
        "    sources: [survey]\n    status: reported\n    chart: routes\n"
        "  - label: Share of trade by air\n    value: 5\n    unit: '%'\n    as_of: '2024'\n"
        "    sources: [survey]\n    status: reported\n    chart: routes\n"
        "charts:\n  - id: routes\n    title: Share of trade by route\n"
        "    subtitle: Share of the valley's trade carried by each route, in %.\n"
        "    note: The river's share is for 2025, the others for 2024.\n",
    ),
}


def check(root: Path, today: Any = None, **settings: Any) -> Any:
    """Check the project at ``root`` (``pipeline.check``)."""
    from generator.pipeline import check as run
    from generator.project import Project, Settings

    return run(Project.at(root), Settings(today=today, **settings))


def generate(project: Any, **settings: Any) -> Any:
    """Write the pages of ``project`` (a ``Project``), with ``Settings(**settings)``."""
    from generator.pipeline import generate as run
    from generator.project import Settings

    return run(project, Settings(**settings))


def build_site(project: Any, *, engine: str = "mkdocs", **settings: Any) -> Any:
    """Generate and build the site of ``project`` (a ``Project``), with ``Settings(**settings)``."""
    from generator.pipeline import build
    from generator.project import Settings

    return build(project, Settings(**settings), engine=engine)  # type: ignore[arg-type]


def rendered(root: Path, today: Any = None) -> Any:
    """Every page the project at ``root`` makes, unwritten (a ``PageSet``)."""
    from generator.pipeline import render
    from generator.project import Project, Settings

    return render(Project.at(root), Settings(today=today))


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def explainer(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the real entry point (``generator.cli:run``) in this process; any uncaught exception fails the test."""

    from generator import cli

    def run(root: Path, *args: str) -> Result:
        monkeypatch.setattr(sys, "argv", ["explainer", "--root", str(root), *args])
        code = 0
        try:
            cli.run()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


# The browser tests' fixtures, one browser and one pair of served sites for every module that uses them.
from browsing import browser, chromium_path, sites, visit  # noqa: E402

BROWSER_FIXTURES = (browser, chromium_path, sites, visit)
