"""``explainer init DIR``: a new explainer project that validates and builds as it is.

The project is the files under ``starter/`` (content that cites itself, so a
strict build passes; the site configuration with the ``explainer`` plugin; a
Makefile with the editor's commands; a GitHub workflow that checks and publishes;
VS Code settings), the site's assets the theme loads, the web editor at /admin/,
and the editors' schemas and the web editor's configuration.
Its ``requirements.txt`` installs the generator the way it is installed here.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import metadata
from pathlib import Path

from generator.editing import schemas
from generator.errors import OutputError
from generator.output import writer
from generator.project import Project

STARTER = Path(__file__).resolve().parent / "starter"
PACKAGE = "explainer-generator"


def site_files(name: str) -> Path:
    """A folder of docs/ the package carries (``assets``: what the theme loads; ``admin``: the web editor):
    inside the installed package, or in a source checkout's docs/."""
    packaged = Path(__file__).resolve().parent.parent / f"site_{name}"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "docs" / name


def requirement() -> str:
    """How ``pip`` installs the generator that is running: the same commit, folder or version."""
    try:
        dist = metadata.distribution(PACKAGE)
    except metadata.PackageNotFoundError:
        return PACKAGE
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    url = direct.get("url", "")
    vcs = direct.get("vcs_info", {})
    if vcs.get("vcs") == "git":
        return f"{PACKAGE} @ git+{url}@{vcs['commit_id']}"
    if url.startswith("file:"):
        return f"{PACKAGE} @ {url}"
    return f"{PACKAGE}=={dist.version}"


def files(title: str, today: dt.date, needs: str) -> dict[str, bytes]:
    """{path in the new project: bytes}: the starter, filled in, and the site's assets."""
    fill = {"@TITLE@": title.replace('"', "'"), "@TODAY@": today.isoformat(), "@REQUIREMENT@": needs}
    out = {}
    for path in sorted(p for p in STARTER.rglob("*") if p.is_file()):
        relative = "/".join(part.replace("dot-", ".", 1) for part in path.relative_to(STARTER).parts)
        text = path.read_text(encoding="utf-8")
        for token, value in fill.items():
            text = text.replace(token, value)
        out[relative] = text.encode("utf-8")
    for name in ("assets", "admin"):
        folder = site_files(name)
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in _NOT_CARRIED):
            out[f"docs/{name}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return out


_NOT_CARRIED = {"config.yml", "__init__.py"}
"""The web editor's configuration is written for the new project (``schemas.write``)."""


def create(root: Path, title: str | None, today: dt.date) -> list[Path]:
    """Write a new project into ``root`` (new or empty: nothing is ever overwritten); the files written."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise OutputError(f"{root} is not an empty folder; `explainer init` starts a project in a new or empty one")
    name = title or root.resolve().name.replace("-", " ").replace("_", " ").capitalize() or "Explainer"
    written = []
    for relative, data in files(name, today, requirement()).items():
        writer.replace(root / relative, data)
        written.append(root / relative)
    return written + schemas.write(Project.at(root))
