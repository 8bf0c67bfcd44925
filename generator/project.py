"""Where a project's files are, and how a run is asked to behave: the values every stage may read."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

FULL_NAV_UP_TO = 50
"""The largest number of briefs for which the navigation lists every brief (above it, one page per kind)."""


@dataclass(frozen=True)
class Project:
    """Where things are: content in, generated pages and the site out."""

    root: Path
    content: Path
    docs: Path
    site: Path
    config: Path

    @classmethod
    def at(cls, root: Path | str = ".") -> Project:
        base = Path(root)
        return cls(base, base / "content", base / "docs", base / "site", base / "mkdocs.yml")


@dataclass(frozen=True)
class Settings:
    """How one run behaves: the same settings and content give the same bytes."""

    strict: bool = False
    """Warnings fail the run, as errors do."""
    today: dt.date | None = None
    """The date stale reviews are measured against; None is the day the run starts."""
    full_nav_up_to: int = FULL_NAV_UP_TO
    jobs: int = 1
    """Processes that parse and render at once (a gain from about 2,000 briefs)."""
    force: bool = False
    """Replace generated files edited by hand (or not written by the generator) instead of stopping."""
    repository: str | None = field(default_factory=lambda: _web_address(os.environ.get("EXPLAINER_REPOSITORY")))
    """Where readers send corrections when the explainer names no ``repository``: the deploy sets
    ``EXPLAINER_REPOSITORY`` from the platform, as it sets ``SITE_URL``."""

    def day(self) -> dt.date:
        return self.today or dt.date.today()


def _web_address(value: str | None) -> str | None:
    return value if value and value.startswith(("https://", "http://")) else None
