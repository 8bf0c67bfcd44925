"""The files editors' tools read, on disk: the JSON Schemas and the web editor's configuration.

Both are made by pure functions (``content.schema``, ``editing.cms``); this is the
I/O around them: the content's ids come from its file names (what references
name) and from the explainer file (what it declares). A file that fails
validation still has its id, as the command line still accepts references to it.
The web editor's configuration is written where the project has the editor
(``docs/admin/index.html``); its GitHub repository comes from ``repo_url`` in
mkdocs.yml.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.content import files
from generator.content.corpus import read
from generator.content.explainer import DEFAULT_SOURCE_TYPES
from generator.content.schema import SCHEMA_DIR, schemas
from generator.content.types import TYPES, declared_ids
from generator.content.values import is_slug
from generator.editing import cms
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
    """Every file as it should be: each kind's schema from the models, ``ids.schema.json`` from the content, and
    the web editor's configuration where the project has the editor."""
    out = folder(project)
    ids = content_ids(project)
    found = {out / name: text.encode("utf-8") for name, text in schemas(ids).items()}
    admin = project.docs / cms.ADMIN_DIR
    if (admin / "index.html").is_file():
        source_types = ids.get("source_type") or [t.id for t in DEFAULT_SOURCE_TYPES]
        found[admin / cms.CONFIG] = cms.config_text(_repo(project), source_types).encode("utf-8")
    return found


_REPO_URL = re.compile(r"^repo_url:\s*['\"]?https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?['\"]?\s*$", re.M)


def _repo(project: Project) -> str:
    """The GitHub repository ("owner/name") from ``repo_url`` in mkdocs.yml; a stand-in until it is set."""
    try:
        found = _REPO_URL.search(project.config.read_text(encoding="utf-8"))
    except OSError:
        found = None
    return found.group(1) if found else "OWNER/REPOSITORY"


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
