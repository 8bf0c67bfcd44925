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
from collections.abc import Iterable, Mapping, Sequence
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
    referrers: dict[Key, set[Key]]
    """Who references each entity."""


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
        self._fresh: list[Loaded] | None = None

    def run(
        self, stages: Stages = untimed, *, settings: Settings | None = None, saved: Iterable[str] | None = None
    ) -> Generated:
        """The pipeline once more: only what changed since the last run is read, rendered and written.

        ``saved``: the files a watcher saw change; only those are looked at again (every file is, without it,
        or when a file came or went)."""
        with self._lock:
            self.settings = settings or self.settings
            tree, self._stats = _restat(self._tree, self._stats, saved) or _scan(self.project.content)
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
        loaded = pipeline.read_all([f for f, _p in fresh], stages, jobs=self.settings.jobs)
        read = dict(zip((p for _f, p in fresh), loaded, strict=True))
        self._fresh = list(read.values())
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
        good = self._good
        models, targets = self._entities(corpus)
        changed = None if good is None else _changed(good.models, models, self._fresh)
        last, self._graph = self._graph, None  # a patch that fails half-way leaves no graph to trust
        graph = last if last is not None and changed is not None and patch(last, corpus, changed) else resolve(corpus)
        self._graph = graph
        before, before_targets = (good.models, good.targets) if good else ({}, {})
        referrers = _referrers(good.referrers if good else {}, targets, before_targets, changed)
        self._change = Change(models, targets, changed, before, before_targets, referrers)
        return graph

    def _entities(self, corpus: Corpus) -> tuple[dict[Key, Any], dict[Key, frozenset[Key]]]:
        """Every entity's model and references: the last run's, with the files read again this time."""
        good, fresh = self._good, self._fresh
        count = sum(map(len, corpus.entries.values())) + (corpus.explainer is not None)
        if good is None or fresh is None or any(item.entry is None for item in fresh) or count != len(good.models):
            entries = list(corpus.all())
        else:  # the same files as last time, some read again: only theirs are new
            entries = [item.entry for item in fresh if item.entry is not None]
            if any(good.models.get((e.kind, e.id)) is None for e in entries):
                entries = list(corpus.all())
        whole = len(entries) == count
        models = {} if whole or good is None else dict(good.models)
        targets = {} if whole or good is None else dict(good.targets)
        for e in entries:
            models[e.kind, e.id] = e.model
            targets[e.kind, e.id] = e.derived("target-keys", functools.partial(_keys, e.targets))
        return models, targets

    def choose(self, graph: Graph, pages: Mapping[str, Page]) -> set[str] | None:
        good, change = self._good, self._change
        if good is None or change is None or change.changed is None or good.paths - pages.keys():
            return None  # the first run, or a page went away: write everything, which prunes
        return stale_pages(pages, good.paths, change)

    def finish(self, graph: Graph, pages: Mapping[str, Page]) -> None:
        change = self._change
        assert change is not None
        self._good = _Good(change.models, change.targets, frozenset(pages), dict(change.referrers))


def _keys(targets: Mapping[str, tuple[str, ...]]) -> frozenset[Key]:
    return frozenset((kind, ref) for kind, ids in targets.items() for ref in ids)


def _changed(before: dict[Key, Any], after: dict[Key, Any], fresh: list[Loaded] | None) -> set[Key]:
    """The entities added, removed or edited between two runs ({key: model} each); only those read again
    (``fresh``) can have been edited."""
    changed = set(before.keys() ^ after.keys())
    keys = after.keys() if fresh is None else [(i.entry.kind, i.entry.id) for i in fresh if i.entry is not None]
    changed.update(key for key in keys if key in before and before[key] is not after[key] and before[key] != after[key])
    return changed


def _referrers(
    known: dict[Key, set[Key]],
    targets: dict[Key, frozenset[Key]],
    before: dict[Key, frozenset[Key]],
    changed: set[Key] | None,
) -> dict[Key, set[Key]]:
    """Who references each entity, brought up to date for what changed (made anew on a first run)."""
    if changed is None or not known:
        found: dict[Key, set[Key]] = {}
        for source, named in targets.items():
            for target in named:
                found.setdefault(target, set()).add(source)
        return found
    known = dict(known)  # the last good run's stays as it was, should this run fail
    for source in changed:
        was, now = before.get(source, frozenset()), targets.get(source, frozenset())
        for target in was ^ now:
            known[target] = (known.get(target, set()) - {source}) | ({source} if target in now else set())
    return known


def _restat(
    tree: frozenset[tuple[str, str]] | None, stats: dict[str, Stat], saved: Iterable[str] | None
) -> tuple[frozenset[tuple[str, str]], dict[str, Stat]] | None:
    """The last scan with the ``saved`` files' stat taken again; None when a file came or went (or none is known)."""
    if tree is None or saved is None:
        return None
    stats = dict(stats)
    for path in saved:
        try:
            st = os.stat(path)
        except OSError:
            return None if path in stats else (tree, stats)
        if path not in stats:
            return None
        stats[path] = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
    return tree, stats


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
