"""Live preview: MkDocs' development server, with the generator run before each rebuild.

The MkDocs hook regenerates pages and watches content/; an invalid save is
reported and the last good pages keep being served.
"""

from __future__ import annotations

import os

from generator.build import Project


def serve(project: Project, dev_addr: str) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(project.config), dev_addr=dev_addr, livereload=True)
