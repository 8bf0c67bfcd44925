"""Regenerate only what a change touches, so the preview stays instant as the explainer grows.

A ``Session`` lives as long as the preview and remembers, between runs:

- each content file's stat and its parsed, validated result, a pure function of
  its bytes: a file whose stat is unchanged is not read again;
- the resolved graph, patched in place when only published briefs changed
  (``corpus.patch``), and built again otherwise;
- what each entity references, and so who references it;
- which pages the last good run wrote.

A page about one entity (a brief, an actor) reads that entity, the entities it
references and the entities that reference it; when one of those changes, the
page is rendered again (a brief's charts only when the brief itself changes).
Every other page (home, indexes, feeds, exports) is rendered again when an
entity of a kind it reads changes (``render.reads``). The writer leaves files whose
bytes did not change alone, so their modification times stay put. The result is
byte for byte what a full ``build.generate`` writes; the tests hold it to that.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import build, lint, memo
from generator.build import Generated, Loaded, Project, Stages, untimed
from generator.corpus import Corpus, Entry, Graph, patch, resolve
from generator.errors import ContentError, Diagnostic
from generator.loader import SourceFile
from generator.nav import FULL_NAV_UP_TO, build_nav, is_sectioned, kind_path, section_paths
from generator.render import brief_view, in_lists, reads, subject
from generator.writer import WriteReport

Key = tuple[str, str]
"""An entity: (kind, id)."""

Stat = tuple[int, int, int, int]
"""What tells a file changed without reading it: (mtime_ns, size, inode, ctime_ns)."""

_RACY_NS = 2_000_000_000
"""A file modified this recently may change again within the clock's resolution: read it again next time."""


@dataclass
class _Good:
    """The last run that produced pages."""

    entries: dict[Key, Any]  # key → model
    refs: dict[Key, frozenset[Key]]
    referrers: dict[Key, set[Key]]
    paths: set[str]
    full_nav_up_to: int


@dataclass
class Session:
    """Generation for one project, remembering enough between runs to redo only what changed."""

    project: Project
    full_nav_up_to: int = FULL_NAV_UP_TO
    _tree: frozenset[tuple[str, str]] | None = None
    _discovered: tuple[list[SourceFile], list[Diagnostic]] = field(default_factory=lambda: ([], []))
    _files: dict[str, tuple[Stat, Loaded]] = field(default_factory=dict)
    _good: _Good | None = None
    _last: tuple[tuple[Any, ...], Generated] | None = None
    _graph: tuple[dict[Key, Any], Graph] | None = None  # the last graph, and the models it was made from
    _corpus: Corpus | None = None
    _mentions: lint.Mentions = field(default_factory=lint.Mentions)
    _frozen: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def generate(self, *, strict: bool = False, today: dt.date | None = None, stages: Stages = untimed) -> Generated:
        """Like ``build.generate``, rendering and writing only the pages the changes since the last run touch."""
        with self._lock, memo.keeping():
            return self._generate(strict, today or dt.date.today(), stages)

    def _generate(self, strict: bool, today: dt.date, stages: Stages) -> Generated:
        with stages("discover"):
            files, problems, stats = self._discover()
        if self._last is not None and self._last[0] == (stats, strict, today, self.full_nav_up_to):
            last = self._last[1]  # no file changed since the last good run
            return Generated(last.graph, last.nav, WriteReport(), last.diagnostics, last.sectioned)
        loaded = self._load(files, stats, stages)
        if not self._frozen:
            # What the first run loaded lives as long as the preview, and holds no reference cycle: set it
            # aside from the cycle collector, whose full passes would otherwise walk every model after any
            # edit (0.7 s at 10,000 briefs). Frozen objects are still freed when no longer referenced;
            # garbage is collected first, so none is frozen with them.
            gc.collect()
            gc.freeze()
            self._frozen = True
        with stages("validate"):
            corpus, problems = build.assemble(loaded, problems)
            self._carry_references(corpus)
        entries = {(e.kind, e.id): e.model for e in _entries(loaded)}
        checked = build.verify(
            corpus, problems, today, stages, mentions=self._mentions, resolve=lambda c: self._resolve(c, entries)
        )
        if checked.failed(strict) or checked.graph is None:
            raise ContentError(checked.diagnostics)
        graph = checked.graph
        with stages("render"):
            good = self._good
            changed = None if good is None else _changed(good.entries, entries)
            refs = _refs(corpus, good, changed)
            paths = set(build.render_paths(graph, self.full_nav_up_to))
            wanted = self._stale(graph, paths, entries, changed, refs, good)
            # Rendered as the writer asks, so a large file is written while the next pages are made.
            pages = build.Pages(graph, self.full_nav_up_to, stages, only=wanted)
        with stages("write"):
            report = build.write(self.project, pages, only=None if wanted is None else set(pages))
        self._good = _Good(entries, refs, _referrers(refs, good, changed), paths, self.full_nav_up_to)
        nav = build_nav(graph, self.full_nav_up_to)
        generated = Generated(graph, nav, report, checked.diagnostics, is_sectioned(graph, self.full_nav_up_to))
        settled = len(self._files) == len(files)  # else a file changed too recently to trust its stat
        self._last = ((stats, strict, today, self.full_nav_up_to), generated) if settled else None
        return generated

    # -- reading --------------------------------------------------------------------------------

    def _discover(self) -> tuple[list[SourceFile], list[Diagnostic], dict[str, Stat]]:
        """The content files, found again only when a name in the content folder changed."""
        tree, stats = _scan(self.project.content)
        if tree != self._tree:
            self._discovered = build.discover(self.project.content)
            self._tree = tree
        files, problems = self._discovered
        return files, list(problems), stats

    def _load(self, files: list[SourceFile], stats: dict[str, Stat], stages: Stages) -> list[Loaded]:
        """Each file's parsed and validated result: read again only when its stat changed."""
        cached, paths = self._files, [str(file.path) for file in files]
        fresh = [(f, p) for f, p in zip(files, paths, strict=True) if p not in cached or cached[p][0] != stats.get(p)]
        read = dict(zip((p for _f, p in fresh), build.read_all([f for f, _p in fresh], stages), strict=True))
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

    def _carry_references(self, corpus: Corpus) -> None:
        """Give ``corpus`` the last run's index of references when the same entities reference the same
        ids (the usual edit), instead of a pass over every entry (0.03 s at 10,000 briefs)."""
        last, self._corpus = self._corpus, corpus
        if last is None or "referenced" not in vars(last) or last.entries.keys() != corpus.entries.keys():
            return
        pairs = [(last.explainer, corpus.explainer)]
        for kind, table in corpus.entries.items():
            before = last.entries[kind]
            if before.keys() != table.keys():
                return
            pairs += [
                (before[entity_id], entry) for entity_id, entry in table.items() if before[entity_id] is not entry
            ]
        if all(old is new or (old and new and old.targets == new.targets) for old, new in pairs):
            corpus.referenced = last.referenced

    def _resolve(self, corpus: Corpus, entries: dict[Key, Any]) -> Graph:
        """The last graph patched to match ``entries``, or a new one when a patch cannot do it.

        The graph is changed in place: a ``Generated`` from an earlier run shows the latest content.
        """
        last, self._graph = self._graph, None  # a patch that fails half-way leaves no graph to trust
        if last is not None:
            models, graph = last
            if patch(graph, corpus, _changed(models, entries)):
                self._graph = (entries, graph)
                return graph
        graph = resolve(corpus)
        self._graph = (entries, graph)
        return graph

    # -- what to render -----------------------------------------------------------------------------

    def _stale(
        self,
        graph: Graph,
        paths: set[str],
        entries: dict[Key, Any],
        changed: set[Key] | None,
        refs: dict[Key, frozenset[Key]],
        good: _Good | None,
    ) -> set[str] | None:
        """The pages to render again, or None for all of them (and a full write, which prunes removed pages)."""
        if good is None or changed is None or good.full_nav_up_to != self.full_nav_up_to or good.paths - paths:
            return None
        if ("explainer", "explainer") in changed:
            return None
        touched = set(changed)
        for key in changed:
            touched |= good.refs.get(key, frozenset()) | refs.get(key, frozenset()) | good.referrers.get(key, set())
        kinds = {kind for kind, _id in changed}
        briefs = [(good.entries.get(key), entries.get(key)) for key in changed if key[0] == "brief"]
        sections = set(section_paths(graph, self.full_nav_up_to))
        # A section page lists the briefs of one kind: those a changed brief belonged to or now belongs to.
        shown_in = {kind_path(model.kind) for pair in briefs for model in pair if model is not None}

        def shows_a_change(view: Callable[[Any], Any] | None) -> bool:
            """Whether what a page reads of each brief (all of it, for None) changed for some brief."""
            if view is None:
                return bool(briefs)
            return any(old is None or new is None or view(old) != view(new) for old, new in briefs)

        def stale(path: str) -> bool:
            if path not in good.paths:
                return True
            about = subject(path)
            if about is not None:
                key, neighbours = about
                return key in (touched if neighbours else changed)
            if path in sections:
                return path in shown_in and shows_a_change(in_lists)
            read = reads(path)
            if read is None:
                return bool(kinds)
            return bool((kinds - {"brief"}) & read) or ("brief" in read and shows_a_change(brief_view(path)))

        return {path for path in paths if stale(path)}


def _entries(loaded: Iterable[Loaded]) -> Iterable[Any]:
    return (item.entry for item in loaded if item.entry is not None)


def _changed(before: dict[Key, Any], after: dict[Key, Any]) -> set[Key]:
    """The entities added, removed or edited between two runs ({key: model} each)."""
    changed = set(before.keys() ^ after.keys())
    changed.update(key for key, model in after.items() if before.get(key, model) is not model and before[key] != model)
    return changed


def _refs(corpus: Corpus, good: _Good | None, changed: set[Key] | None) -> dict[Key, frozenset[Key]]:
    """What each entity references (from what each entry keeps), computed again only for those that changed."""
    if good is None or changed is None:
        return {(entry.kind, entry.id): _targets(entry) for entry in corpus.all()}
    out = dict(good.refs)
    for kind, entity_id in changed:
        entry = corpus.entry(kind, entity_id)
        if entry is None:
            out.pop((kind, entity_id), None)
        else:
            out[kind, entity_id] = _targets(entry)
    return out


def _targets(entry: Entry[Any]) -> frozenset[Key]:
    return frozenset((kind, ref) for kind, ids in entry.targets.items() if kind != "kind" for ref in ids)


def _referrers(refs: dict[Key, frozenset[Key]], good: _Good | None, changed: set[Key] | None) -> dict[Key, set[Key]]:
    """Who references each entity: the inverse of ``refs``, patched where references changed."""
    if good is None or changed is None:
        inverse: dict[Key, set[Key]] = {}
        for source, targets in refs.items():
            for target in targets:
                inverse.setdefault(target, set()).add(source)
        return inverse
    inverse = good.referrers
    for key in changed:
        before, after = good.refs.get(key, frozenset()), refs.get(key, frozenset())
        for target in before - after:
            inverse.get(target, set()).discard(key)
        for target in after - before:
            inverse.setdefault(target, set()).add(key)
    return inverse


def _scan(content: Path) -> tuple[frozenset[tuple[str, str]], dict[str, Stat]]:
    """Every name under ``content`` (with its type, and a link's target) and each file's stat; no file is read."""
    names: list[tuple[str, str]] = []
    stats: dict[str, Stat] = {}
    pending = [str(content)]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
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
