"""The live preview's strategy: run the one pipeline again after each save, redoing only what changed.

A ``Session`` is the ``pipeline.Strategy`` of a preview. It remembers, between runs:

- each content file's stat and its read, validated result (a pure function of its
  bytes): a file whose stat is unchanged is not read again;
- the graph, patched in place when existing entities were edited (``patch``);
- the parts of long pages made from unchanged models (``keep.Kept``);
- the pages of the last good run, and who referenced whom then.

It renders again only the pages that read what changed, as ``pages.registry``
declares: a page about an entity when it or a neighbour changed, a page about the
whole explainer when an entity of a kind it reads changed (in what its view shows).
The writer leaves files whose bytes did not change alone. The result is byte for
byte what a full ``pipeline.generate`` writes; the tests hold it to that.
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import memory, pipeline
from generator.content import files
from generator.content.corpus import Corpus, Loaded
from generator.content.graph import Graph, Key, resolve
from generator.errors import Diagnostic
from generator.keep import Keep
from generator.output.writer import WriteReport
from generator.pages.registry import Page
from generator.pipeline import Generated
from generator.preview.keep import Kept
from generator.preview.patch import patch
from generator.preview.stale import Change, stale_pages
from generator.project import Project, Settings
from generator.stages import Stages, untimed

Stat = tuple[int, int, int, int]
"""What tells a file changed without reading it: (mtime_ns, size, inode, ctime_ns)."""

_RACY_NS = 2_000_000_000
"""A file modified this recently may change again within the clock's resolution: read it again next time."""


@dataclass
class _Good:
    """The last run that wrote pages: its models and references by entity, and its pages."""

    models: dict[Key, Any]
    targets: dict[Key, frozenset[Key]]
    paths: frozenset[str]


class Session:
    """Generation for one project, remembering enough between runs to redo only what changed."""

    def __init__(self, project: Project, settings: Settings = Settings()) -> None:
        self.project = project
        self.settings = settings
        self.keep: Keep = Kept()
        self._tree: frozenset[tuple[str, str]] | None = None
        self._discovered: tuple[list[files.SourceFile], list[Diagnostic]] = ([], [])
        self._stats: dict[str, Stat] = {}
        self._files: dict[str, tuple[Stat, Loaded]] = {}
        self._graph: Graph | None = None
        self._good: _Good | None = None
        self._change: Change | None = None
        self._last: tuple[tuple[Any, ...], Generated] | None = None
        self._settled = False
        self._lock = threading.Lock()

    def run(self, stages: Stages = untimed, *, settings: Settings | None = None) -> Generated:
        """The pipeline once more: only what changed since the last run is read, rendered and written."""
        with self._lock:
            self.settings = settings or self.settings
            tree, self._stats = _scan(self.project.content)
            state = (self._stats, self.settings, self.settings.day())
            if self._last is not None and self._last[0] == state:
                last = self._last[1]  # no file changed since the last good run: nothing to do
                return Generated(
                    last.graph, last.nav, WriteReport(), last.diagnostics, last.sectioned, last.abbreviations
                )
            if tree != self._tree:
                self._discovered, self._tree = files.discover(self.project.content), tree
            generated = pipeline.generate(self.project, self.settings, self, stages)
            if not self._settled:
                memory.settle()
                self._settled = True
            recent = time.time_ns() - _RACY_NS
            trusted = all(stat[0] < recent for stat in self._stats.values())
            self._last = (state, generated) if trusted else None
            return generated

    @property
    def paths(self) -> frozenset[str]:
        """The files under docs/ the last good run made."""
        return self._good.paths if self._good is not None else frozenset()

    # -- the strategy ------------------------------------------------------------------------------

    def discover(self, content: Path) -> tuple[list[files.SourceFile], list[Diagnostic]]:
        found, problems = self._discovered
        return list(found), list(problems)

    def read(self, found: Sequence[files.SourceFile], stages: Stages) -> list[Loaded]:
        """Each file's read result: read again only when its stat changed (or it changed too recently to trust)."""
        cached, stats = self._files, self._stats
        paths = [str(file.path) for file in found]
        fresh = [(f, p) for f, p in zip(found, paths, strict=True) if p not in cached or cached[p][0] != stats.get(p)]
        read = dict(zip((p for _f, p in fresh), pipeline.read_all([f for f, _p in fresh], stages), strict=True))
        recent = time.time_ns() - _RACY_NS
        self._files = {}
        loaded = []
        for path in paths:
            if path in read:
                item, stat = read[path], stats.get(path)
                if stat is not None and stat[0] < recent:
                    self._files[path] = (stat, item)
            else:
                self._files[path] = kept = cached[path]  # the same pair: nothing new for the collector to walk
                item = kept[1]
            loaded.append(item)
        return loaded

    def resolve(self, corpus: Corpus) -> Graph:
        """The last graph patched, or a new one; what changed since the last good run is noted for ``choose``."""
        models = {(entry.kind, entry.id): entry.model for entry in corpus.all()}
        targets = {(e.kind, e.id): e.derived("target-keys", functools.partial(_keys, e.targets)) for e in corpus.all()}
        good = self._good
        changed = None if good is None else _changed(good.models, models)
        last, self._graph = self._graph, None  # a patch that fails half-way leaves no graph to trust
        graph = last if last is not None and changed is not None and patch(last, corpus, changed) else resolve(corpus)
        self._graph = graph
        self._change = Change(models, targets, changed, good.models if good else {}, good.targets if good else {})
        return graph

    def choose(self, graph: Graph, pages: Mapping[str, Page]) -> set[str] | None:
        good, change = self._good, self._change
        if good is None or change is None or change.changed is None or good.paths - pages.keys():
            return None  # the first run, or a page went away: write everything, which prunes
        return stale_pages(pages, good.paths, change)

    def finish(self, graph: Graph, pages: Mapping[str, Page]) -> None:
        assert self._change is not None
        self._good = _Good(self._change.models, self._change.targets, frozenset(pages))


def _keys(targets: Mapping[str, tuple[str, ...]]) -> frozenset[Key]:
    return frozenset((kind, ref) for kind, ids in targets.items() for ref in ids)


def _changed(before: dict[Key, Any], after: dict[Key, Any]) -> set[Key]:
    """The entities added, removed or edited between two runs ({key: model} each)."""
    changed = set(before.keys() ^ after.keys())
    changed.update(key for key, model in after.items() if before.get(key, model) is not model and before[key] != model)
    return changed


def _scan(content: Path) -> tuple[frozenset[tuple[str, str]], dict[str, Stat]]:
    """Every name under ``content`` (with its type, and a link's target) and each file's stat; no file is read."""
    names: list[tuple[str, str]] = []
    stats: dict[str, Stat] = {}
    pending = [str(content)]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            names.append((folder, "unreadable"))
            continue
        for entry in entries:
            if entry.is_symlink():
                names.append((entry.path, "link:" + os.readlink(entry.path)))
            if entry.is_dir(follow_symlinks=False):
                names.append((entry.path, "dir"))
                pending.append(entry.path)
                continue
            names.append((entry.path, "file"))
            try:
                st = entry.stat()
            except OSError:
                continue
            stats[entry.path] = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
    return frozenset(names), stats
