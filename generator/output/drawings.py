"""The picture store: every drawing kept on disk under the hash of its specification, so none is drawn twice.

Drawing a chart with the Vega engine takes about 40 ms, and a large explainer has
thousands; most are the same from one build to the next. A ``Drawings`` is the
``generator.draw.Draw`` the pipeline passes to a run: it looks a specification's
hash up in its folder (``.cache/explainer/pictures/`` in the project, which CI
may keep between runs), and draws only what it has never seen. The key names the
engine too (``svg.engine``), so a new Vega or vl-convert draws everything again.
Files are written whole or not at all; a folder that cannot be written only
costs time, never a build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.draw import Draw
from generator.pages.pictures import svg

FOLDER = Path(".cache") / "explainer" / "pictures"
"""Where a project keeps its drawings, under its root."""


class Drawings:
    """A ``Draw`` that keeps what ``draw`` made in ``folder``, by the hash of the specification and engine."""

    def __init__(self, folder: Path, draw: Draw = svg.vega, engine: str | None = None) -> None:
        self.folder = folder
        self._draw = draw
        self._engine = engine
        self.drawn = 0
        self.kept = 0

    def __call__(self, spec: Mapping[str, Any]) -> str:
        path = self.path(spec)
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = path.read_text(encoding="utf-8")
            self.kept += 1
            return text
        text = self._draw(spec)
        self.drawn += 1
        with contextlib.suppress(OSError):
            _store(path, text)
        return text

    def path(self, spec: Mapping[str, Any]) -> Path:
        """Where the drawing of ``spec`` is kept."""
        if self._engine is None:
            self._engine = svg.engine()
        data = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
        key = hashlib.sha256(f"{self._engine}\n{data}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.svg"


def _store(path: Path, text: str) -> None:
    """Write ``text`` at ``path`` whole, through a temporary file beside it: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def at(root: Path) -> Drawings:
    """The picture store of the project at ``root``."""
    return Drawings(root / FOLDER)
