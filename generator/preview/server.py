"""MkDocs' development server with the preview's own watching, rebuilding and error overlay.

MkDocs' ``LiveReloadServer`` serves the site folder, injects its live-reload
script and answers the browsers' polls. This subclass changes three things:
files are watched by the system's notifications (inotify on Linux) instead of
polling every file twice a second (at 1,000 briefs, 50,000 files: a core kept
busy and half a second lost per save); browsers reload only when a rebuild
changed the site; and while the content has errors every page carries the
overlay that lists them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer, _timestamp

from generator.preview import overlay

SETTLE_SECONDS = 0.05
"""A save is often several file events (a temporary file, a rename): wait this long after the last one."""


class Server(LiveReloadServer):
    """Serves ``root`` at ``mount_path``; after files change, calls ``rebuild(paths)``, which says whether the
    site changed, then ``finish(stop)`` (whether it changed more) while the site is served, until it says no
    more or a file changes."""

    def __init__(
        self,
        rebuild: Callable[[set[str]], bool],
        finish: Callable[[Callable[[], bool]], bool],
        shown: Callable[[], str],
        *,
        host: str,
        port: int,
        root: str,
        mount_path: str,
        ignore: Callable[[str], bool],
    ) -> None:
        super().__init__(builder=lambda: None, host=host, port=port, root=root, mount_path=mount_path)
        self.observer = watchdog.observers.Observer()  # type: ignore[assignment]  # the system's, not polling
        self.build_delay = SETTLE_SECONDS
        self.error_handler = self._error_page
        self._rebuild = rebuild
        self._finish = finish
        self._shown = shown
        self._ignore = ignore
        self._changed: set[str] = set()

    def bind(self) -> None:
        """Take the address now, so a busy port is known before the first build."""
        self.server_bind()
        self.server_activate()

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Rebuild when a file under ``path`` (or ``path`` itself) changes, unless ``ignore`` says it is the
        preview's own."""
        path = os.path.abspath(path)
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        only = None if os.path.isdir(path) else path

        def changed(event: Any) -> None:
            if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                return
            for where in {event.src_path, getattr(event, "dest_path", "") or event.src_path}:
                where = os.fsdecode(where)
                if (only is None or where == only) and not self._ignore(where):
                    with self._rebuild_cond:
                        self._changed.add(where)
                        self._want_rebuild = True
                        self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = changed  # type: ignore[method-assign]
        self._watched_paths[path] = 1
        self._watch_refs[path] = self.observer.schedule(handler, folder, recursive=recursive and only is None)

    def serve(self, *, open_in_browser: bool = False) -> None:
        self.observer.start()
        self.serve_thread.start()
        self._build_loop()

    def _build_loop(self) -> None:
        while True:
            with self._rebuild_cond:
                while not self._rebuild_cond.wait_for(lambda: self._want_rebuild or self._shutdown, timeout=0.25):
                    pass
                if self._shutdown:
                    break
                while self._rebuild_cond.wait(timeout=self.build_delay):
                    pass  # more changes: wait until they stop
                changed, self._changed, self._want_rebuild = self._changed, set(), False
            with self._epoch_cond:
                self._wanted_epoch = _timestamp()  # requests wait: the site is being rebuilt
            reload = True
            try:
                reload = self._rebuild(changed)
            finally:
                with self._epoch_cond:
                    if reload:
                        self._visible_epoch = self._wanted_epoch
                    else:
                        self._wanted_epoch = self._visible_epoch
                    self._epoch_cond.notify_all()
            self._finish_while_served()

    def _finish_while_served(self) -> None:
        """Long pages the rebuild left, rendered while the rest of the site is served; a save stops it."""
        while not (self._want_rebuild or self._shutdown):
            changed = self._finish(lambda: self._want_rebuild or self._shutdown)
            if changed:
                with self._epoch_cond:
                    self._visible_epoch = self._wanted_epoch = _timestamp()
                    self._epoch_cond.notify_all()
            else:
                return

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        return overlay.into(super()._inject_js_into_html(content, epoch), self._shown())  # type: ignore[no-untyped-call]

    def _error_page(self, code: int) -> bytes | None:
        """The site's own 404 page, as ``mkdocs serve`` shows it; before there is a site, the problems alone."""
        try:
            with open(os.path.join(self.root, f"{code}.html"), "rb") as page:
                return overlay.into(page.read(), self._shown())
        except OSError:
            shown = self._shown()
            return overlay.into(b"<!doctype html><html><body></body></html>", shown) if shown else None
