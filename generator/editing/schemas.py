"""The editors' JSON Schemas on disk: what they should be for this project's content, and which are stale.

The schemas themselves are made in ``content.schema`` (pure); this is the I/O
around them: the content's ids come from its file names (what references name)
and from the explainer file (what it declares). A file that fails validation
still has its id, as the command line still accepts references to it.
"""

from __future__ import annotations

from pathlib import Path

from generator.content import files
from generator.content.corpus import read
from generator.content.fields import is_slug
from generator.content.schema import SCHEMA_DIR, schemas
from generator.content.types import TYPES, declared_ids
from generator.output import writer
from generator.project import Project


def folder(project: Project) -> Path:
    return project.docs / SCHEMA_DIR


def content_ids(project: Project) -> dict[str, list[str]]:
    """The ids of each kind the content holds, and those its explainer declares (left out if it is invalid)."""
    found, _problems = files.discover(project.content)
    ids: dict[str, list[str]] = {t.kind: [] for t in TYPES if t.folder}
    for file in found:
        if file.kind != "explainer" and is_slug(file.id):
            ids[file.kind].append(file.id)
    explainer = next((read(f).entry for f in found if f.kind == "explainer"), None)
    if explainer is not None:
        ids.update({name: list(table) for name, table in declared_ids(explainer.model).items()})
    return ids


def wanted(project: Project) -> dict[Path, bytes]:
    """Every schema file as it should be: each kind's from the models, ``ids.schema.json`` from the content."""
    out = folder(project)
    return {out / name: text.encode("utf-8") for name, text in schemas(content_ids(project)).items()}


def stale(project: Project) -> list[Path]:
    """The schema files missing or different from what they should be."""
    return [path for path, data in wanted(project).items() if not path.is_file() or path.read_bytes() != data]


def write(project: Project) -> list[Path]:
    """Rewrite the stale schema files; the ones rewritten."""
    changed = []
    for path, data in wanted(project).items():
        if not path.is_file() or path.read_bytes() != data:
            writer.replace(path, data)
            changed.append(path)
    return changed
