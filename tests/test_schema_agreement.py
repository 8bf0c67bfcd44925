"""The editor and the command line agree: a file ``explainer validate`` accepts passes the editors' JSON Schemas,
and one it refuses fails them, judged by the ``jsonschema`` package and by Ajv (JavaScript regular expressions,
as in VS Code). The rules JSON Schema cannot express are listed by name, each with a file that shows the gap."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing
from conftest import BRIEF, EXPLAINER, MINIMAL, REPO, check, write_tree

from generator.content.document import parse
from generator.content.types import TYPES
from generator.editing import schemas as editor_schemas
from generator.project import Project

BRIEF_PATH = "content/briefs/trade.yml"
SOURCE = MINIMAL["content/sources/survey.yml"]
ACTOR = MINIMAL["content/actors/valley.yml"]
EVENT = MINIMAL["content/events/lock-opens.yml"]
TERM = MINIMAL["content/glossary/lock.yml"]
BODY = "Most boats are small. The first lock opened in 2020."


def brief(old: str, new: str) -> tuple[str, str]:
    assert old in BRIEF, old
    return BRIEF_PATH, BRIEF.replace(old, new)


def body(text: str) -> tuple[str, str]:
    return brief(BODY, text)


def other(path: str, text: str, old: str, new: str) -> tuple[str, str]:
    assert old in text, old
    return path, text.replace(old, new)


ACCEPTED: dict[str, tuple[str, str]] = {
    "the minimal brief": (BRIEF_PATH, BRIEF),
    "a weight": brief("title: River trade", "title: River trade\nweight: 10"),
    "a weight written 1.0": brief("title: River trade", "title: River trade\nweight: 1.0"),
    "a draft": brief("title: River trade", "title: River trade\ndraft: true"),
    "a year as a number": brief('as_of: "2025"', "as_of: 2025"),
    "a month": brief('as_of: "2025"', "as_of: 2025-06"),
    "29 February in a leap year": brief("published: 2026-01-01", "published: 2024-02-29"),
    "29 February 2000": brief('as_of: "2025"', "as_of: 2000-02-29"),
    "a decimal figure": brief("value: 60", "value: 60.5"),
    "a citation with a locator": brief(
        "    sources: [survey]\n    status: reported",
        "    sources:\n      - source: survey\n        locator: p. 3\n    status: reported",
    ),
    "a link to an event": body("See [the lock](event:lock-opens)."),
    "web and mail links": body("See [the survey](https://valley-institute.org) or [us](mailto:desk@valley.test)."),
    "a link in capitals": body("See [the survey](HTTPS://valley-institute.org)."),
    "no tags": brief("tags: [trade]", "tags: []"),
    "another declared kind": brief("kind: economy", "kind: politics"),
    "an ignore with its reason": brief(
        "tags: [trade]", "tags: [trade]\nignore:\n  - code: undated-year\n    reason: A trend."
    ),
    "an actor's ISO code": other(
        "content/actors/valley.yml", ACTOR, "role: Home of the river trade.", "role: R.\niso: '792'"
    ),
    "a person": other("content/actors/valley.yml", ACTOR, "type: country", "type: person"),
    "a source address in capitals": other(
        "content/sources/survey.yml",
        SOURCE,
        "https://valley-institute.org/survey",
        "HTTPS://valley-institute.org/survey?a=1#b",
    ),
    "a source with no address": other(
        "content/sources/survey.yml", SOURCE, "url: https://valley-institute.org/survey\n", ""
    ),
    "an event known to the month": other("content/events/lock-opens.yml", EVENT, "date: 2020-05-01", "date: 2020-05"),
    "a planned event": other(
        "content/events/lock-opens.yml", EVENT, "sources: [survey, ledger]", "sources: [survey, ledger]\nplanned: false"
    ),
}

REFUSED: dict[str, tuple[str, str]] = {
    "a kind the explainer does not declare": brief("kind: economy", "kind: transport"),
    "an empty title": brief("title: River trade", 'title: ""'),
    "a blank title": brief("title: River trade", 'title: "   "'),
    "an empty summary": brief("summary: Boats carry grain down the river.", "summary:"),
    "a missing summary": brief("summary: Boats carry grain down the river.\n", ""),
    "a misspelt field": brief("summary:", "sumary:"),
    "draft: yes": brief("title: River trade", "title: River trade\ndraft: yes"),
    "draft in quotes": brief("title: River trade", 'title: River trade\ndraft: "true"'),
    "a weight in quotes": brief("title: River trade", 'title: River trade\nweight: "10"'),
    "a fractional weight": brief("title: River trade", "title: River trade\nweight: 1.5"),
    "a weight of true": brief("title: River trade", "title: River trade\nweight: true"),
    "a figure in quotes": brief("value: 60", 'value: "60"'),
    "month 13": brief('as_of: "2025"', 'as_of: "2023-13"'),
    "30 February": brief('as_of: "2025"', 'as_of: "2024-02-30"'),
    "29 February in a common year": brief('as_of: "2025"', 'as_of: "2023-02-29"'),
    "31 April": brief("published: 2026-01-01", "published: 2026-04-31"),
    "a three-digit year": brief('as_of: "2025"', "as_of: 999"),
    "year zero": brief('as_of: "2025"', 'as_of: "0000"'),
    "a month where the day is needed": brief("published: 2026-01-01", "published: 2026-11"),
    "a day-first date": brief("published: 2026-01-01", "published: 27/11/2026"),
    "a date in words": brief('as_of: "2025"', 'as_of: "Nov 2023"'),
    "no key point": brief(
        "key_points:\n  - text: Grain moves by boat, according to the survey.\n"
        "    sources: [survey]\n    status: reported\n",
        "key_points: []\n",
    ),
    "an unknown status": brief("status: estimate", "status: guess"),
    "an unknown actor": brief("actors: [valley]", "actors: [valey]"),
    "a source where an actor goes": brief("actors: [valley]", "actors: [survey]"),
    "an unknown source": brief(
        "    sources: [survey]\n    status: reported", "    sources: [survy]\n    status: reported"
    ),
    "an unknown source in a citation": brief(
        "    sources: [survey]\n    status: reported", "    sources:\n      - source: survy\n    status: reported"
    ),
    "a tag in capitals": brief("tags: [trade]", "tags: [Trade]"),
    "a tag with a line break": brief("tags: [trade]", 'tags: ["trade\\n"]'),
    "a javascript: link": body("See [x](javascript:alert(1))."),
    "a JavaScript: link in capitals": body("See [x](JavaScript:alert(1))."),
    "a data: link as a reference definition": body("See [x][r].\n\n      [r]: data:text/html,hi"),
    "a link to a missing event": body("See [the lock](event:lock-closes)."),
    "a link to an actor under the wrong kind": body("See [the valley](event:valley)."),
    "an unknown warning to ignore": brief("tags: [trade]", "tags: [trade]\nignore:\n  - code: unused\n    reason: x"),
    "an ignore without a reason": brief("tags: [trade]", "tags: [trade]\nignore:\n  - code: undated-year"),
    "an actor type not in the list": other("content/actors/valley.yml", ACTOR, "type: country", "type: nation"),
    "a two-digit ISO code": other(
        "content/actors/valley.yml", ACTOR, "role: Home of the river trade.", "role: R.\niso: '79'"
    ),
    "a javascript: address": other(
        "content/sources/survey.yml", SOURCE, "https://valley-institute.org/survey", "javascript:alert(1)"
    ),
    "an address with no host": other(
        "content/sources/survey.yml", SOURCE, "https://valley-institute.org/survey", "https:///survey"
    ),
    "an address with a space": other(
        "content/sources/survey.yml",
        SOURCE,
        "https://valley-institute.org/survey",
        "'https://valley-institute.org/a b'",
    ),
    "an undeclared tag": brief("tags: [trade]", "tags: [trade, river-boats]"),
    "an undeclared source type": other("content/sources/survey.yml", SOURCE, "type: research", "type: blog"),
    "an event with no source": other(
        "content/events/lock-opens.yml", EVENT, "sources: [survey, ledger]", "sources: []"
    ),
    "an event on 31 June": other("content/events/lock-opens.yml", EVENT, "date: 2020-05-01", "date: 2020-06-31"),
    "a term with no definition": other(
        "content/glossary/lock.yml",
        TERM,
        "definition: A chamber that lifts boats past a step in the river.",
        "definition:",
    ),
}

NOT_EXPRESSED: dict[str, tuple[str, str]] = {
    # Checks across files, or of things a schema of one document does not see.
    "duplicate-id (a brief kind declared twice)": other(
        "content/explainer.yml", EXPLAINER, "  - id: politics", "  - id: economy"
    ),
    "draft-reference (a published brief linking to a draft)": body("See [the draft](brief:old-trade)."),
    "reserved-id (a file's name is its id)": ("content/briefs/index.yml", BRIEF),
    # What the parser refuses before any schema sees data.
    "yaml-duplicate-key": brief("title: River trade", "title: River trade\ntitle: Again"),
    # Values JSON Schema cannot tell apart, and text rules beyond a regular expression's reach.
    "a year written as a decimal number (2023.0)": brief('as_of: "2025"', "as_of: 2023.0"),
    "link schemes disguised with entities (jav&#x61;script:)": body("See [x](jav&#x61;script:alert(1))."),
}
EXTRA = {"content/briefs/old-trade.yml": BRIEF.replace("title: River trade", "title: Old trade\ndraft: true")}


def verdicts(tmp_path: Path, path: str, text: str, extra: dict[str, str] | None = None) -> tuple[bool, Any, list[Any]]:
    """The command line's verdict on one file, the YAML data the editor sees, and the schemas for the project."""
    root = tmp_path / "project"
    shutil.rmtree(root, ignore_errors=True)
    write_tree(root, {**MINIMAL, **(extra or {}), path: text})
    project = Project.at(root)
    errors = [d for d in check(root).diagnostics if d.severity == "error" and d.path == path]
    doc, _problems = parse(text, path)
    schemas = [json.loads(data) for data in editor_schemas.wanted(project).values()]
    return not errors, doc.data if doc else None, schemas


def schema_id(path: str) -> str:
    folder = path.split("/")[1]
    kind = {"briefs": "brief", "actors": "actor", "events": "event", "sources": "source", "glossary": "term"}
    return f"{kind.get(folder, 'explainer')}.schema.json"


def jsonschema_verdict(schemas: list[Any], ident: str, data: Any) -> bool:
    registry = referencing.Registry().with_resources(
        (schema["$id"], referencing.Resource.from_contents(schema)) for schema in schemas
    )
    schema = next(s for s in schemas if s["$id"] == ident)
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    return validator.is_valid(data)


CASES = {
    **{f"accepted: {k}": (v, True) for k, v in ACCEPTED.items()},
    **{f"refused: {k}": (v, False) for k, v in REFUSED.items()},
}


def test_there_are_at_least_forty_variations_of_both_kinds() -> None:
    assert len(ACCEPTED) >= 20 and len(REFUSED) >= 40


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bool, bool, Any, list[Any]]]:
    """Every case judged by the command line and by ``jsonschema``, with what Ajv needs to judge it too."""
    tmp_path = tmp_path_factory.mktemp("agreement")
    out = {}
    for name, ((path, text), _expected) in CASES.items():
        cli, data, schemas = verdicts(tmp_path, path, text)
        out[name] = (cli, jsonschema_verdict(schemas, schema_id(path), data), data, schemas)
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_the_command_line_and_the_schemas_agree(judged: dict[str, Any], case: str) -> None:
    (_path, _text), expected = CASES[case]
    cli, by_schema, _data, _schemas = judged[case]
    assert (cli, by_schema) == (expected, expected)


def test_the_schemas_agree_in_javascript_too(judged: dict[str, Any]) -> None:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "ajv").exists():
        if os.environ.get("CI"):
            pytest.fail("node and node_modules/ajv are needed (run `npm ci`)")
        pytest.skip("node and node_modules/ajv are needed (run `npm ci`)")
    names = list(CASES)
    cases = [{"schemas": judged[n][3], "id": schema_id(CASES[n][0][0]), "data": judged[n][2]} for n in names]
    result = subprocess.run(
        [node, str(REPO / "tests/tools/schema_verdicts.mjs")],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    by_ajv = dict(zip(names, json.loads(result.stdout), strict=True))
    assert {n: v for n, v in by_ajv.items() if v != CASES[n][1]} == {}


@pytest.mark.parametrize("rule", list(NOT_EXPRESSED))
def test_each_rule_json_schema_cannot_express_is_a_known_gap(tmp_path: Path, rule: str) -> None:
    """The command line refuses these files; the schemas let them through. A gap that closes fails here."""
    path, text = NOT_EXPRESSED[rule]
    cli, data, schemas = verdicts(tmp_path, path, text, EXTRA)
    assert cli is False
    if data is not None:  # a duplicate key is refused by the parser
        assert jsonschema_verdict(schemas, schema_id(path), data) is True


def test_the_editor_settings_use_the_schemas_and_the_repository_has_them_up_to_date() -> None:
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        f"./docs/schemas/{t.kind}.schema.json": [f"content/{t.folder}/*.yml" if t.folder else f"content/{t.kind}.yml"]
        for t in TYPES
    }, "every content kind's files, checked against its schema"
    starter = REPO / "generator/editing/starter/dot-vscode/settings.json"
    assert json.loads(starter.read_text(encoding="utf-8")) == settings, "a new project's editor settings are the same"
    assert (REPO / "docs/schemas/ids.schema.json").is_file()
