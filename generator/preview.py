"""Live preview: MkDocs' development server, with the generator run before each rebuild.

The MkDocs hook regenerates pages and watches content/; an invalid save is
reported and the last good pages keep being served. Regeneration is
incremental (``generator.incremental``): a save re-renders only the pages that
read what changed, and leaves the other files untouched. With ``dirty``, MkDocs
then rebuilds only the pages whose Markdown changed, which keeps the loop fast
for thousands of briefs; the price is MkDocs' own: the search index and the
navigation of pages not rebuilt may lag behind until the next full build.
"""

from __future__ import annotations

import os

from generator.build import Project


def serve(project: Project, dev_addr: str, *, dirty: bool = False) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(
        config_file=str(project.config), dev_addr=dev_addr, livereload=True, build_type="dirty" if dirty else None
    )
