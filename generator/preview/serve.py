"""``explainer serve``: MkDocs' development server, with the pipeline run through a preview session.

After each save the session regenerates only what changed (and keeps the last
good pages while the content has errors); MkDocs rebuilds the site and the
browser reloads. The server, its file watching and live reload are MkDocs' own;
this module only hands the session to the ``explainer`` plugin it loads.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any
from urllib.parse import urlsplit

from generator.errors import UsageError
from generator.preview.session import Session
from generator.project import Project, Settings


def serve(project: Project, settings: Settings, dev_addr: str) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer, _serve_url

    session = Session(project, settings)
    site_dir = tempfile.mkdtemp(prefix="explainer-serve-")

    def configure() -> Any:
        config = load_config(str(project.config), site_dir=site_dir, dev_addr=dev_addr)
        plugin = config.plugins.get("explainer")
        if plugin is None:
            raise UsageError(f"{project.config} does not list the `explainer` plugin under `plugins:`")
        plugin.session = session
        return config

    config = configure()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    def builder(config: Any = None) -> None:
        config = config or configure()
        config.site_url = serve_url
        build(config, serve_url=serve_url)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)
    try:
        builder(config)
        server.watch(config.docs_dir)
        server.watch(str(project.config))
        server.watch(str(project.content))
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
