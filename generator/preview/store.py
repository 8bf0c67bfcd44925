"""The preview's site kept on disk between runs of ``explainer serve``, so the next start renders only what changed.

At 1,000 real-shaped briefs the site has 8,000 pages, and MkDocs takes minutes
to render them all; a preview started again the next morning finds most of them
unchanged. The served folder lives in ``.cache/explainer/serve/site/`` and what
the site build kept of each page (``site.Site``) beside it, pickled. A pickle
runs code when read, so the file is signed with a key kept outside the project
(in the user's cache folder): a state file that came with a project, or was
changed, is not read, and the site is built afresh. So is one written by another
version of MkDocs, its theme or the generator. One preview at a time keeps a
project's folder; a second one serves from a temporary folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

FOLDER = Path(".cache") / "explainer" / "serve"
_PACKAGES = ("explainer-generator", "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions")


@contextlib.contextmanager
def folder(root: Path) -> Iterator[tuple[Path, bool]]:
    """The folder to serve from, and whether it is the project's own (kept between runs) or a temporary one."""
    base = root / FOLDER
    try:
        base.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(base / "lock"))
        lock.acquire(timeout=0)
    except (OSError, Timeout):
        with tempfile.TemporaryDirectory(prefix="explainer-serve-") as temporary:
            yield Path(temporary), False
        return
    try:
        (base / "site").mkdir(exist_ok=True)
        yield base / "site", True
    finally:
        lock.release()


def load(root: Path) -> Any:
    """What the last preview of this project kept, or None when there is nothing trustworthy to read."""
    path = root / FOLDER / "state.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    signature, _, body = data.partition(b"\n")
    if not hmac.compare_digest(signature, _sign(body)):
        return None
    try:
        version, state = pickle.loads(body)  # signed above with the user's own key
    except Exception:  # a file from an older generator whose classes moved
        return None
    return state if version == _version() else None


def save(root: Path, state: Any) -> None:
    """Keep ``state`` for the next preview of this project; a folder that cannot be written only costs time."""
    path = root / FOLDER / "state.pickle"
    body = pickle.dumps((_version(), state), protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".state.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(_sign(body) + b"\n" + body)
        os.replace(tmp, path)


def _version() -> tuple[str, ...]:
    found = []
    for name in _PACKAGES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return tuple(found)


def _sign(body: bytes) -> bytes:
    return hmac.new(_key(), body, hashlib.sha256).hexdigest().encode()


def _key() -> bytes:
    """The user's own signing key, made on first use, outside any project."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "explainer"
    path = cache / "preview.key"
    try:
        return path.read_bytes()
    except OSError:
        pass
    with contextlib.suppress(OSError):
        cache.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    try:
        return path.read_bytes()  # ours, or the one another preview made at the same moment
    except OSError:
        return secrets.token_bytes(32)  # nowhere to keep a key: nothing kept will be read
