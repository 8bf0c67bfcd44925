"""The site build: MkDocs (or Zensical) builds the generated pages aside, then the result is swapped in.

The site is built into a staging folder beside ``site/``; only a finished build
replaces it, with one atomic exchange of the two folders (Linux ``renameat2``
with ``RENAME_EXCHANGE``), so there is no moment at which ``site/`` is missing or
half-written. Staging folders a killed build left behind are the generator's
own (each has a marker file beside it) and are removed by the next build; nothing
else is touched.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from generator.errors import ContentError, ExplainerError, os_problem
from generator.output import inspect, origins
from generator.project import Project

Engine = Literal["mkdocs", "zensical"]
ENGINES: tuple[Engine, ...] = ("mkdocs", "zensical")
STAGING_PREFIX = ".site-build-"
THEME = Path(__file__).resolve().parent.parent / "theme"
"""The theme overrides the package carries (installed with it); the MkDocs plugin adds them to the theme."""
_MARKER = ".staging"


def build(
    project: Project, generated: Any, *, engine: Engine = "mkdocs", strict: bool = False, file_urls: bool = False
) -> None:
    """Build the site from the pages ``generated`` wrote, aside, check it, and swap it in: a failed build, or one
    holding anything that could run or lead off the web (``inspect``), leaves the old site.

    With ``file_urls``, links name each page's file (``briefs/energy.html``), so the site browses from disk:
    the preview a pull request uploads.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with staging(project) as folder:
        if engine == "zensical":
            themes = _zensical(project, folder, generated, strict, file_urls)
        else:
            themes = _mkdocs(project, folder, generated, strict, file_urls)
        unsafe = inspect.check_site(folder, inspect.known_scripts(themes))
        if unsafe:
            raise ContentError(origins.place(unsafe, generated.graph, project.site.name))
        swap(folder, project.site)


_RESERVED = re.compile(r"(^|\.)(example\.(com|net|org)|example|invalid|test|localhost)$")


SET_ADDRESS = "set SITE_URL (the deploy takes it from GitHub Pages) or site_url in mkdocs.yml"


def placeholder(site_url: str | None) -> str | None:
    """Why ``site_url`` cannot be the published address (a name reserved for examples or tests), or None.

    No address at all is allowed: a local build then makes no canonical links, and CI sets the real one."""
    host = (urlsplit(site_url).hostname or "") if site_url else ""
    if site_url and (not host or _RESERVED.search(host)):
        return f"site_url {site_url!r} is a placeholder, not the site's address"
    return None


@contextlib.contextmanager
def staging(project: Project) -> Iterator[Path]:
    """A fresh staging folder (removed afterwards, whatever happens); earlier builds' leftovers are removed first.

    Beside it stands its marker, a file of the same name plus ``.staging``, created first: a folder is the
    generator's own to remove only with its marker. The marker stays outside the folder, so it is never
    swapped into the site, and a build killed at any step leaves a pair the next run recognises.
    """
    remove_leftovers(project)
    try:
        handle, marker = tempfile.mkstemp(prefix=STAGING_PREFIX, suffix=_MARKER, dir=project.root)
        os.close(handle)
        folder = Path(marker.removesuffix(_MARKER)).resolve()
        folder.mkdir()
        folder.chmod(0o755)
    except OSError as exc:
        raise os_problem(exc, "create a staging folder in", project.root) from None
    try:
        yield folder
    finally:
        _remove(folder)


def remove_leftovers(project: Project) -> None:
    """What a killed build left: staging folders and their marked pairs, nothing else.

    Had it been killed between the two renames of the fallback swap, the old site is put back first.
    """
    with contextlib.suppress(OSError):
        for entry in sorted(os.scandir(project.root), key=lambda entry: entry.name):
            if not (entry.name.startswith(STAGING_PREFIX) and entry.name.endswith(_MARKER)):
                continue
            folder = Path(entry.path.removesuffix(_MARKER))
            aside = _aside(folder)
            if aside.is_dir() and not aside.is_symlink() and not os.path.lexists(project.site):
                aside.rename(project.site)
            _remove(folder)


def _remove(folder: Path) -> None:
    for path in (folder, _aside(folder)):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
    Path(str(folder) + _MARKER).unlink(missing_ok=True)


def _aside(folder: Path) -> Path:
    return folder.with_name(folder.name + "-old")


def swap(new: Path, target: Path) -> None:
    """Put the finished build ``new`` at ``target`` in one step; the old site ends up in ``new`` (then removed)."""
    try:
        if os.path.lexists(target):
            _exchange(new, target)
        else:
            new.rename(target)
    except OSError as exc:
        raise os_problem(exc, "put the new site in place at", target) from None


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> None:
    """Exchange two paths atomically; where the system cannot (not Linux, or a file system without it),
    fall back to two renames, the old site kept aside (and put back by the next run if this one is killed)."""
    if exchanged(a, b):
        return
    aside = _aside(a)
    b.rename(aside)
    a.rename(b)
    aside.rename(a)


def exchanged(a: Path, b: Path) -> bool:
    """Linux ``renameat2(RENAME_EXCHANGE)``: True when done, False where the system or file system cannot."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True) if sys.platform == "linux" else None
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: no exchange here, so rename instead
        return False
    raise OSError(errno, os.strerror(errno), str(b))


def _mkdocs(project: Project, folder: Path, generated: Any, strict: bool, file_urls: bool) -> list[Path]:
    """Build with MkDocs; the theme folders it used (whose templates write the site's own scripts)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        overrides: dict[str, Any] = {"use_directory_urls": False} if file_urls else {}
        config = load_config(str(project.config), site_dir=str(folder), strict=strict, **overrides)
        if strict and (problem := placeholder(config.site_url)):
            raise ExplainerError(f"{problem}: {SET_ADDRESS}")
        config.plugins.on_startup(command="build", dirty=False)
        plugin = config.plugins.get("explainer")
        if plugin is not None:  # hand over what was just generated, so the plugin does not generate again
            plugin.generated = generated
        mkdocs_build(config)
        return [Path(folder) for folder in config.theme.dirs]
    except (MkDocsException, SystemExit) as exc:
        raise ExplainerError(f"site build failed: {exc}") from None
    except ExplainerError:
        raise
    except Exception as exc:  # an extension or the disk failing; the old site stays
        raise ExplainerError(f"site build failed: {type(exc).__name__}: {exc}") from None


def _zensical(project: Project, folder: Path, generated: Any, strict: bool, file_urls: bool) -> list[Path]:
    """Build with Zensical from the same mkdocs.yml, with the navigation written in and the site aside.

    Zensical runs no MkDocs plugins, so the navigation the plugin would set is written
    into a configuration that inherits mkdocs.yml. It runs in its own process, from
    the project folder, where paths in mkdocs.yml (snippets) are meant to resolve.
    """
    import yaml

    if importlib.util.find_spec("zensical") is None:
        raise ExplainerError("the zensical engine is not installed (pip install zensical)")
    derived: dict[str, Any] = {"INHERIT": project.config.name, "site_dir": folder.name, "plugins": ["search"]}
    if file_urls:
        derived["use_directory_urls"] = False
    if not re.search(r"^nav:", project.config.read_text(encoding="utf-8"), re.M):  # a nav of its own wins
        derived["nav"] = [item.to_mkdocs() for item in generated.nav]
    derived["theme"] = {"custom_dir": str(THEME)}
    if generated.sectioned:  # lists are appended to the inherited ones
        derived["theme"]["features"] = ["navigation.prune"]
    handle, name = tempfile.mkstemp(prefix=".zensical-", suffix=".yml", dir=project.root)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yaml.safe_dump(derived, out, allow_unicode=True, sort_keys=False)
        command = [sys.executable, "-m", "zensical", "build", "--clean", "--config-file", path.name]
        done = subprocess.run(
            [*command, *(["--strict"] if strict else [])], cwd=project.root, capture_output=True, text=True, check=False
        )
    finally:
        path.unlink(missing_ok=True)
    if done.returncode != 0:
        raise ExplainerError(f"site build failed (zensical): {(done.stderr or done.stdout).strip()[-2000:]}")
    spec = importlib.util.find_spec("zensical")
    return [THEME, *([Path(spec.origin).parent / "templates"] if spec and spec.origin else [])]
