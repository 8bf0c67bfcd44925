"""Content files → validated entries, gathered by kind and id: what every later check reads.

Reading one file is a pure function of its bytes (``read``), so the preview may
keep the result of an unchanged file. Everything later works on entries, never
on files: an entry holds its model and where it came from, not its text.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator.content import links, validate
from generator.content.document import Document
from generator.content.files import SourceFile, load
from generator.content.salvage import Leaf, Salvaged, salvage
from generator.content.types import BY_KIND
from generator.content.values import is_slug
from generator.content.walk import Values, by_target, is_text, leaves, values
from generator.errors import Diagnostic, Finding, Loc

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
_NOT_HELD = object()


@dataclass(frozen=True)
class Entry(Generic[M]):
    """A validated content file: its kind and id (the file name), where it came from, and its model.

    An entry lives as long as its file's bytes do (the preview keeps it between
    runs), so what is derived from the model alone is computed once, on first use.
    """

    kind: str
    id: str
    file: SourceFile
    model: M

    @property
    def targets(self) -> dict[str, tuple[str, ...]]:
        """The ids this entry references, by kind of target, each once (``walk.by_target``);
        ``walk.all_references`` walks the model again for locations, for diagnostics."""
        return self.derived("targets", lambda: self.values().targets())

    def values(self) -> Values:
        """The model's strings from one quick walk (``walk.values``): inside ``held``, walked at most once."""
        held = self.__dict__.get("_values", _NOT_HELD)
        if held is _NOT_HELD:
            return values(self.model)
        if held is None:
            held = self.__dict__["_values"] = values(self.model)
        return held  # type: ignore[no-any-return]

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Within, the checks that read this entry share one walk of its values, let go after."""
        self.__dict__["_values"] = None
        try:
            yield
        finally:
            del self.__dict__["_values"]

    def derived(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``, computed once for this entry: for what comes from its model alone (or from its
        model and a version named in ``name``). The preview keeps unchanged entries, and with them this."""
        kept = self.__dict__.setdefault("_derived", {})
        if name not in kept:
            kept[name] = compute()
        return kept[name]  # type: ignore[no-any-return]

    def finding(self, loc: Loc, code: str, message: str, hint: str = "", **kwargs: Any) -> Finding:
        """A problem at ``loc`` in this entry's file."""
        return Finding(self.file.path, self.file.display, loc, code, message, hint, **kwargs)


@dataclass(frozen=True)
class Loaded:
    """One content file, read and validated: its entry when valid, and the problems found in it alone."""

    file: SourceFile
    entry: Entry[Any] | None
    problems: tuple[Diagnostic, ...]
    salvaged: Salvaged | None = None
    """For a file that failed validation: its parts that are valid on their own, still checked."""


def read(file: SourceFile) -> Loaded:
    """Parse and validate one file: a pure function of its bytes, so callers may keep the result."""
    return validated(file, *parse(file))


def parse(file: SourceFile) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one file; a file whose name is no valid id is reported and not read."""
    if file.kind != "explainer" and not is_slug(file.id):
        message = f"file name '{file.path.name}' is not a valid id"
        hint = "name files with lowercase words joined by hyphens, such as `energy-ties.yml`"
        return None, [Diagnostic(file.display, 1, 1, "invalid-id", message, hint)]
    return load(file)


def validated(file: SourceFile, doc: Document | None, problems: Iterable[Diagnostic]) -> Loaded:
    """Validate a parsed file against the model of its kind; the document is not kept."""
    model_type = BY_KIND[file.kind].model
    model, found = validate.to_model(doc, model_type) if doc else (None, [])
    entry = Entry(file.kind, file.id, file, model) if model is not None else None
    salvaged = salvage(model_type, doc.data) if doc is not None and model is None else None
    return Loaded(file, entry, (*problems, *found), salvaged)


@dataclass(frozen=True)
class Partial:
    """A file that failed validation, seen through the parts of it that validated on their own: their
    references and text are checked too, so one run finds every problem."""

    kind: str
    id: str
    file: SourceFile
    salvaged: Salvaged

    def leaves(self) -> Iterator[Leaf]:
        yield from self.salvaged.leaves
        for loc, model in self.salvaged.models:
            yield from leaves(model, loc)

    def references(self) -> Iterator[tuple[Loc, str, str]]:
        """Every reference in the valid parts: (location, target kind, id), links in text included."""
        for loc, _name, target, value in self.leaves():
            if target and isinstance(value, str):
                yield loc, target, value
        for loc, value in self.texts():
            for kind, ref_id in links.internal(value):
                yield loc, kind, ref_id

    def strings(self) -> Iterator[tuple[Loc, str]]:
        """Every text value in the valid parts that is not a reference, as ``strings`` gives it for a model."""
        return (
            (loc, value) for loc, _name, target, value in self.leaves() if target is None and isinstance(value, str)
        )

    def texts(self) -> Iterator[tuple[Loc, str]]:
        """Every free-text value in the valid parts, as ``texts`` gives it for a model."""
        return ((loc, value) for loc, name, target, value in self.leaves() if is_text(name, target, value))

    @functools.cached_property
    def targets(self) -> dict[str, tuple[str, ...]]:
        return by_target((target, ref_id) for _loc, target, ref_id in self.references())

    def finding(self, loc: Loc, code: str, message: str, hint: str = "", **kwargs: Any) -> Finding:
        return Finding(self.file.path, self.file.display, loc, code, message, hint, **kwargs)


@dataclass
class Corpus:
    """Every validated entry, by kind and id, before references are resolved."""

    explainer: Entry[Any] | None = None
    entries: dict[str, dict[str, Entry[Any]]] = field(default_factory=dict)
    broken: set[tuple[str, str]] = field(default_factory=set)
    """(kind, id) of files that exist but failed to validate: references to them are not reported again."""
    partial: list[Partial] = field(default_factory=list)
    """Files that failed to validate, through their valid parts: checked, never published."""

    def add(self, entry: Entry[Any]) -> Finding | None:
        """Add an entry; a second entry with the same kind and id is a problem, not an overwrite."""
        if entry.kind == "explainer":
            self.explainer = entry
            return None
        table = self.entries.setdefault(entry.kind, {})
        first = table.get(entry.id)
        if first is not None:
            message = f"{entry.kind} id '{entry.id}' is already used"
            hint = f"{first.file.display} has the same id; rename one of the two files"
            return entry.finding((), "duplicate-id", message, hint)
        table[entry.id] = entry
        return None

    def missing(self) -> Diagnostic | None:
        """The problem when there is no explainer file at all (a broken one is reported where it is)."""
        if self.explainer is not None or ("explainer", "explainer") in self.broken:
            return None
        hint = "create it with `explainer new explainer explainer`"
        return Diagnostic("content/explainer.yml", 1, 1, "missing-explainer", "the explainer file is missing", hint)

    def get(self, kind: str) -> dict[str, Entry[Any]]:
        return self.entries.get(kind, {})

    def entry(self, kind: str, entity_id: str) -> Entry[Any] | None:
        """The entry of this kind and id (the explainer's kind and id are both "explainer"), if there is one."""
        return self.explainer if kind == "explainer" else self.get(kind).get(entity_id)

    def all(self) -> Iterator[Entry[Any]]:
        """The explainer, then every other entry."""
        if self.explainer is not None:
            yield self.explainer
        for table in self.entries.values():
            yield from table.values()

    def checked(self) -> list[Entry[Any] | Partial]:
        """Every entry, then every file that failed validation, by its valid parts: what references come from."""
        return [*self.all(), *self.partial]

    @functools.cached_property
    def referenced(self) -> dict[str, set[str]]:
        """Every id some entry references, by target kind (an entity's references to itself left out): one
        pass that tells checks whether every reference resolves and lint what nothing uses. Ask once all is added."""
        found: dict[str, set[str]] = {}
        for entry in self.checked():
            for target, ids in entry.targets.items():
                named = found.setdefault(target, set())
                if target == entry.kind and entry.id in ids:
                    named.update(ref for ref in ids if ref != entry.id)
                else:
                    named.update(ids)
        return found


def assemble(
    loaded: Iterable[Loaded], problems: Iterable[Diagnostic] = ()
) -> tuple[Corpus, list[Diagnostic], list[Finding]]:
    """Gather loaded files into a corpus; files that failed are remembered so references to them stay quiet."""
    corpus = Corpus()
    diagnostics = list(problems)
    findings = []
    for item in loaded:
        diagnostics.extend(item.problems)
        if item.entry is not None:
            duplicate = corpus.add(item.entry)
            if duplicate:
                findings.append(duplicate)
        elif item.file.kind == "explainer" or is_slug(item.file.id):
            corpus.broken.add((item.file.kind, item.file.id))
            if item.salvaged is not None:
                corpus.partial.append(Partial(item.file.kind, item.file.id, item.file, item.salvaged))
    return corpus, diagnostics, findings
