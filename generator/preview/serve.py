"""``explainer serve``: the live preview, from the first build to Ctrl+C.

It takes the address first (a busy port is one line and a hint, before any
work), builds the site once, says where it is served and what is watched, then
rebuilds after each save: the generation session rewrites only the pages the
edit affects, and the site build renders only those (``live``). What it has to
say goes through ``say``: the command line is the only place that prints.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from generator.errors import ExplainerError, UsageError
from generator.preview import overlay, store
from generator.preview.live import Preview, Rebuilt
from generator.preview.server import Server
from generator.project import Project, Settings

Say = Callable[[str], None]


def serve(project: Project, settings: Settings, dev_addr: str, say: Say, *, verbose: bool = False) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    host, port = _address(dev_addr)
    handler = _forward_warnings(say)
    try:
        with store.folder(project.root) as (site_dir, kept), _ended_by_sigterm():
            preview = Preview(project, settings, str(site_dir), "", dev_addr)
            if kept:
                preview.site.resume(store.load(project.root))
            try:
                _serve(preview, host, port, say, verbose)
            finally:
                if kept and preview.last.built is not None:
                    say("keeping the site for the next start ...")
                    store.save(project.root, preview.site.state())
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def _serve(preview: Preview, host: str, port: int, say: Say, verbose: bool) -> None:
    from mkdocs.livereload import _serve_url

    project = preview.project
    mount_path = urlsplit(preview.configure(served=False).site_url or "/").path
    preview.serve_url = _serve_url(host, port, mount_path)
    server = Server(
        lambda paths: _rebuild(preview, paths, say, verbose),
        lambda stop: _finish(preview, stop, say, verbose),
        lambda: overlay.panel(preview.last.problems, [preview.last.failure] if preview.last.failure else []),
        host=host,
        port=port,
        root=preview.site_dir,
        mount_path=mount_path,
        ignore=_ignored(project, preview, preview.site_dir),
    )
    _bind(server, host, port)
    say(f"building the site of {project.root.resolve()} ...")
    _tell(preview.rebuild(), say, verbose, first=True)
    for path in _watched(project):
        server.watch(str(path))
    say(f"serving {preview.serve_url}")
    say(f"watching {', '.join(_shown(project, p) for p in _watched(project))}; press Ctrl+C to stop")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


@contextlib.contextmanager
def _ended_by_sigterm() -> Iterator[None]:
    """``kill`` ends the preview as Ctrl+C does, so what it keeps is written."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _address(dev_addr: str) -> tuple[str, int]:
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--dev-addr {dev_addr!r} is not HOST:PORT, such as 127.0.0.1:8000")
    return host.strip("[]"), int(port)


def _bind(server: Server, host: str, port: int) -> None:
    try:
        server.bind()
    except OSError as exc:
        server.server_close()
        if exc.errno == errno.EADDRINUSE:
            raise ExplainerError(
                f"cannot serve on {host}:{port}: the port is in use (another `explainer serve`?)\n"
                f"  hint: stop the other server, or choose another port: --dev-addr {host}:{port + 1}"
            ) from None
        raise ExplainerError(
            f"cannot serve on {host}:{port}: {exc.strerror or exc}\n  hint: serve on 127.0.0.1 with a free port"
        ) from None


def _watched(project: Project) -> Iterator[Path]:
    yield project.content
    if project.docs.is_dir():
        yield project.docs
    yield project.config


def _shown(project: Project, path: Path) -> str:
    try:
        name = str(path.relative_to(project.root))
    except ValueError:
        name = str(path)
    return name + "/" if path.is_dir() else name


def _ignored(project: Project, preview: Preview, site_dir: str) -> Callable[[str], bool]:
    """Changes that are not an editor's: hidden files (editors' and the writer's temporary files), and the
    pages the generator writes itself (the site build notices those when it runs)."""
    docs = str(project.docs.resolve()) + os.sep

    def ignored(path: str) -> bool:
        if os.path.basename(path).startswith(".") or path.startswith(site_dir):
            return True
        real = os.path.realpath(path)
        return real.startswith(docs) and real[len(docs) :].replace(os.sep, "/") in preview.owned()

    return ignored


def _rebuild(preview: Preview, paths: set[str], say: Say, verbose: bool) -> bool:
    rebuilt = preview.rebuild(paths)
    _tell(rebuilt, say, verbose, changed=frozenset(paths))
    return rebuilt.changed


def _finish(preview: Preview, stop: Callable[[], bool], say: Say, verbose: bool) -> bool:
    """Whether the long pages were rendered (and there is more to do)."""
    if not preview.pending():
        return False
    finished = preview.finish(stop)
    if finished.failure:
        say(f"error: {finished.failure}")
        return True
    built = finished.built
    assert built is not None
    if built.rendered:
        say(f"long pages rendered in {finished.seconds:.1f} s: {', '.join(built.rendered)}")
        if verbose:
            for uri in built.written:
                say(f"  page: {uri}")
    return bool(built.written)


def _tell(
    rebuilt: Rebuilt, say: Say, verbose: bool, *, first: bool = False, changed: frozenset[str] = frozenset()
) -> None:
    if rebuilt.problems:
        for problem in sorted(rebuilt.problems):
            say(problem.format_text())
        say("the content has errors: the browser shows them over the last good pages until they are fixed")
        return
    if rebuilt.failure:
        say(f"error: {rebuilt.failure}")
        return
    built, generated = rebuilt.built, rebuilt.generated
    assert built is not None and generated is not None
    if first:
        say(f"built {built.pages} pages in {rebuilt.seconds:.1f} s ({len(built.rendered)} rendered, the rest kept)")
        return
    if rebuilt.recovered:
        say("the errors are fixed")
    if not built.written and not built.removed:
        return
    report = generated.report
    say(
        f"rebuilt in {rebuilt.seconds:.2f} s: {len(report.written)} generated files rewritten, "
        f"{len(built.rendered)} pages rendered, {len(built.written)} written"
        + (f"; {len(built.later)} long pages follow ({', '.join(built.later)})" if built.later else "")
    )
    if verbose:
        for path in sorted(changed):
            say(f"  saved: {path}")
        for path in report.written:
            say(f"  generated: docs/{path}")
        for path in report.removed:
            say(f"  removed: docs/{path}")
        for uri in built.written:
            say(f"  page: {uri}")


class _Forward(logging.Handler):
    def __init__(self, say: Say) -> None:
        super().__init__(logging.WARNING)
        self._say = say

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.livereload"):  # requests for missing files: the browser shows those
            self._say(f"{record.levelname.lower()}: {record.getMessage()}")


def _forward_warnings(say: Say) -> logging.Handler:
    """MkDocs' warnings (a broken link, a missing file) are said as the preview's own lines."""
    handler = _Forward(say)
    logging.getLogger("mkdocs").addHandler(handler)
    return handler
