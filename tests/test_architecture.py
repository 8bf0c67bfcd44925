"""The generator's shape: data flows one way, modules stay small, and the three ways to extend it work as the
README says (a field: its model and template; a page kind: one registry entry and one template; a content
type: its model, one table entry, a template and one registry entry)."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import BRIEF, REPO, check, generate

from generator.content import types
from generator.content.fields import Cite, Id, Markdown, Model, Text, cites, ref
from generator.content.models import Brief
from generator.content.scaffold import scaffold
from generator.content.schema import schemas
from generator.pages import registry, render
from generator.pages.registry import Page, PageKind, Reads
from generator.preview.session import Session
from generator.project import Project, Settings

Project_ = Callable[..., Path]
TODAY = dt.date(2026, 2, 1)
PACKAGE = REPO / "generator"
LAYERS = (
    (
        "generator.errors",
        "generator.project",
        "generator.keep",
        "generator.draw",
        "generator.stages",
        "generator.memory",
        "generator.policy",
    ),
    ("generator.parallel",),
    ("generator.content",),
    ("generator.pages",),
    ("generator.output",),
    ("generator.pipeline",),
    ("generator.editing",),
    ("generator.preview",),
    ("generator.cli", "generator.cli_editing", "generator.plugin", "generator.linkcheck"),
)
"""Each module may import from its own layer and those above it, never from one below: the flow of data."""


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(path: Path) -> set[str]:
    """The generator modules a file imports, anywhere in it (a function's lazy import counts too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            known = modules()
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                names.add(full if full in known else node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("generator"))
    return names


def layer(module: str) -> int:
    for index, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def test_every_import_follows_the_flow() -> None:
    against = [
        f"{module} imports {target}"
        for module, path in modules().items()
        if module != "generator"
        for target in imports(path)
        if target != "generator" and layer(target) > layer(module)
    ]
    assert against == []


def test_no_stage_imports_the_preview_and_render_never_imports_the_writer() -> None:
    for module, path in modules().items():
        if module.startswith(("generator.content", "generator.pages", "generator.output", "generator.pipeline")):
            assert not any(t.startswith("generator.preview") for t in imports(path)), module
        if module.startswith("generator.pages"):
            assert not any(t.startswith("generator.output") for t in imports(path)), module


def test_there_is_no_import_cycle() -> None:
    graph = {module: {t for t in imports(path) if t in modules()} for module, path in modules().items()}

    def cycle_from(start: str) -> list[str] | None:
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack:
            here, trail = stack.pop()
            for target in graph.get(here, ()):
                if target == start:
                    return [*trail, start]
                if target not in trail and target.startswith("generator."):
                    stack.append((target, [*trail, target]))
        return None

    assert [cycle for module in graph if (cycle := cycle_from(module))] == []


def test_modules_and_functions_stay_small() -> None:
    big = []
    for module, path in modules().items():
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > 300:
            big.append(f"{module}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno:
                length = node.end_lineno - node.lineno + 1
                if length > 60:
                    big.append(f"{module}.{node.name}: {length} lines")
    assert big == []


def test_the_benchmark_is_not_part_of_the_installed_package() -> None:
    assert "generator.bench" not in modules()


# --- extending the generator ------------------------------------------------------------------------------------


@pytest.fixture
def extensible(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[dict[str, str]], None]]:
    """The content-type table and page registry, restored afterwards; ``templates`` adds templates by name."""
    saved = (list(types.TYPES), dict(types.BY_KIND), dict(types.FOLDERS), list(registry.PAGE_KINDS))
    added: dict[str, str] = {}
    real = render.environment

    def environment() -> jinja2.Environment:
        env = real()
        return env.overlay(loader=jinja2.ChoiceLoader([jinja2.DictLoader(added), env.loader]))  # type: ignore[list-item]

    monkeypatch.setattr(render, "environment", environment)
    yield added.update
    types.TYPES[:] = saved[0]
    types.BY_KIND.clear()
    types.BY_KIND.update(saved[1])
    types.FOLDERS.clear()
    types.FOLDERS.update(saved[2])
    registry.PAGE_KINDS[:] = saved[3]
    registry.KINDS.clear()
    registry.KINDS.update({kind.name: kind for kind in saved[3]})


class SubtitledBrief(Brief):
    subtitle: str = ""


def test_a_new_field_is_its_model_and_template_line(
    make_project: Project_, extensible: Callable[[dict[str, str]], None]
) -> None:
    brief_type = dataclasses.replace(types.BY_KIND["brief"], model=SubtitledBrief)
    types.TYPES[types.TYPES.index(types.BY_KIND["brief"])] = types.BY_KIND["brief"] = brief_type
    template = (PACKAGE / "pages/templates/brief.md.j2").read_text(encoding="utf-8")
    extensible(
        {
            "brief.md.j2": template.replace(
                "# {{ model.title | plain }}\n", "# {{ model.title | plain }}\n\n*{{ model.subtitle | plain }}*\n"
            )
        }
    )
    root = make_project()
    trade = root / "content/briefs/trade.yml"
    trade.write_text(trade.read_text() + "subtitle: Grain by water\n")
    session = Session(Project.at(root), Settings(today=TODAY))
    session.run()

    assert "*Grain by water*" in (root / "docs/briefs/trade.md").read_text()
    assert '"subtitle":"Grain by water"' in (root / "docs/data/explainer.json").read_text()
    assert "subtitle" in json.loads(schemas()["brief.schema.json"])["properties"]
    trade.write_text(trade.read_text().replace("Grain by water", "Grain by river"))
    assert "briefs/trade.md" in session.run().report.written, "the preview sees the new field change"


def _country_page(r: render.Renderer, page: Page) -> str:
    assert page.subject is not None
    return r.render(page.path, "country.md.j2", country=page.subject, briefs=page.subject.into("brief"))


COUNTRY_TEMPLATE = """\
{{ front(title=country.model.name) }}
# {{ country.model.name | plain }}

{% for brief in briefs %}
- [{{ brief.model.title | plain }}]({{ to(brief) }})
{% endfor %}
"""


def test_a_per_country_page_is_one_registry_entry_and_one_template(
    make_project: Project_, extensible: Callable[[dict[str, str]], None]
) -> None:
    def countries(r: render.Renderer) -> Iterator[Page]:
        kind = registry.KINDS["country"]
        for node in r.graph.of("actor"):
            if node.model.type == "country":
                yield Page(kind.pattern.format(id=node.id), kind, node)

    registry.register(
        PageKind("country", "country", "countries/{id}.md", _country_page, Reads(True, True), instances=countries)
    )
    extensible({"country.md.j2": COUNTRY_TEMPLATE})
    root = make_project()
    session = Session(Project.at(root), Settings(today=TODAY))
    session.run()

    assert (root / "docs/countries/valley.md").read_text().endswith("- [River trade](../briefs/trade.md)\n")
    trade = root / "content/briefs/trade.yml"
    trade.write_text(trade.read_text().replace("title: River trade", "title: River toll"))
    assert "countries/valley.md" in session.run().report.written, "the preview knows what the page reads"
    assert "[River toll]" in (root / "docs/countries/valley.md").read_text()


class Quote(Model):
    """Something an actor said, with where it was reported."""

    text: Markdown
    said_by: Id = ref("actor", "Who said it.")
    context: Text
    sources: tuple[Cite, ...] = cites("that report it")


QUOTES_TEMPLATE = """\
{{ front(title="Quotes") }}
# Quotes

{% for quote in quotes %}
## {{ quote.model.context | plain }} { #{{ quote.id }} }

{{ quote.model.text | md }} ({{ quote.out("said_by")[0].model.name | plain }})

{% endfor %}
"""
QUOTE = "text: The river is our road.\nsaid_by: valley\ncontext: On trade\nsources: [speech]\n"
SPEECH = 'title: A speech\npublisher: Valley radio\ntype: independent-media\ndate: "2025"\n'


def test_a_new_content_type_is_its_model_a_table_entry_a_template_and_a_registry_entry(
    make_project: Project_, extensible: Callable[[dict[str, str]], None]
) -> None:
    types.register(types.ContentType("quote", "quotes", Quote, _context, _by_context, prose=True))
    registry.register(
        PageKind(
            "quotes", "Quotes", "quotes.md", _quotes_page, Reads(kinds={"quote": None, "actor": None}), shows="quote"
        )
    )
    extensible({"quotes.md.j2": QUOTES_TEMPLATE})
    linking = BRIEF.replace("Most boats are small.", "Most boats are small, as [the valley said](quote:on-trade).")
    root = make_project(
        {
            "content/sources/speech.yml": SPEECH,
            "content/quotes/on-trade.yml": QUOTE,
            "content/briefs/trade.yml": linking,
        }
    )

    assert [d.format_text() for d in check(root, TODAY).diagnostics] == [], "the quote's source counts as used"
    generate(Project.at(root), today=TODAY)
    assert "The river is our road. (The Valley)" in (root / "docs/quotes.md").read_text()
    assert "[the valley said](../quotes.md#on-trade)" in (root / "docs/briefs/trade.md").read_text()
    assert '"quotes": {' in (root / "docs/data/explainer.json").read_text()
    assert "quote.schema.json" in schemas()
    starter = scaffold("quote", "new-one", "New", TODAY, {})
    assert starter.startswith("# yaml-language-server: $schema=../../docs/schemas/quote.schema.json\n")
    (root / "content/quotes/on-trade.yml").write_text("text: T.\nsaid_by: nobody\ncontext: C\n")
    assert [d.code for d in check(root, TODAY).diagnostics if d.severity == "error"] == ["unknown-reference"]


def _context(quote: Quote) -> str:
    return quote.context


def _by_context(quote: Quote, explainer: Any) -> tuple[Any, ...]:
    return (quote.context.casefold(),)


def _quotes_page(r: render.Renderer, page: Page) -> str:
    return r.render(page.path, "quotes.md.j2", quotes=r.graph.of("quote"))
