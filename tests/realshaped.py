"""A benchmark corpus made of the project's own content: copies of the real briefs and all they reference.

The synthetic corpus (``bench.synthetic_corpus``) has short briefs, no charts and
few shared references; real content has 15 KB briefs with charts, estimates and
perspectives, citing twenty sources each. This corpus is the real content copied:
copy ``c`` of every file gets its id suffixed (``-c3``), and every reference in it
(fields and ``[text](kind:id)`` links) is renamed the same way, so actors, events,
sources and glossary terms grow in proportion to the briefs and each copy cites
only itself. The last copy takes only the briefs it needs and what they reference,
so every entity is used. The explainer file is shared: it names copy 0.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
_LINK = re.compile(r"\]\(\s*<?([a-z]+):([a-z0-9]+(?:-[a-z0-9]+)*)")


@dataclass(frozen=True)
class Original:
    """One content file of the project: where it goes, its text cut where ids are, and what it references."""

    kind: str
    id: str
    folder: str
    pieces: tuple[str, ...]
    """The text between renamed ids: ``pieces[0] + id0 + pieces[1] + id1 + ...``."""
    ids: tuple[tuple[str, str], ...]
    """The (kind, id) named between each pair of pieces."""
    targets: frozenset[tuple[str, str]]

    def text(self, rename: dict[tuple[str, str], str]) -> str:
        out = [self.pieces[0]]
        for key, piece in zip(self.ids, self.pieces[1:], strict=True):
            out += [rename[key], piece]
        return "".join(out)


def suffix(copy: int) -> str:
    return f"-c{copy}" if copy else ""


@functools.cache
def originals(content: Path = REPO / "content") -> tuple[Original, ...]:
    """The project's content files (not the explainer), each cut where it names another entity."""
    from generator import pipeline
    from generator.project import Project

    checked = pipeline.check(Project.at(content.parent))
    if checked.errors:
        raise RuntimeError(f"the project's content has errors: {checked.errors[0].format_text()}")
    known = {(entry.kind, entry.id) for entry in checked.corpus.all()}
    out = []
    for entry in checked.corpus.all():
        if entry.kind == "explainer":
            continue
        targets = frozenset((kind, ref) for kind, ids in entry.targets.items() for ref in ids) & known
        text = entry.file.path.read_text(encoding="utf-8")
        cuts = sorted(_cuts(text, targets, known))
        pieces, ids, at = [], [], 0
        for start, end, key in cuts:
            pieces.append(text[at:start])
            ids.append(key)
            at = end
        pieces.append(text[at:])
        folder = entry.file.path.parent.name
        out.append(Original(entry.kind, entry.id, folder, tuple(pieces), tuple(ids), targets))
    return tuple(sorted(out, key=lambda o: (o.kind, o.id)))


def _cuts(
    text: str, targets: frozenset[tuple[str, str]], known: set[tuple[str, str]]
) -> Iterator[tuple[int, int, tuple[str, str]]]:
    """Where ``text`` names an id it references: plain or quoted scalars equal to one, and content links."""
    by_id: dict[str, tuple[str, str]] = {ref: (kind, ref) for kind, ref in targets}
    seen: set[int] = set()
    for node in _scalars(yaml.compose(text, Loader=yaml.CSafeLoader)):
        key = by_id.get(node.value)
        if key is None:
            continue
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in ("'", '"'):
            start, end = start + 1, end - 1
        if text[start:end] == node.value and start not in seen:
            seen.add(start)
            yield start, end, key
    for match in _LINK.finditer(text):
        key = (match.group(1), match.group(2))
        if key in known and match.start(2) not in seen:
            seen.add(match.start(2))
            yield match.start(2), match.end(2), key


_SHARED = frozenset({"kind", "tags", "type"})
"""Fields naming what the explainer file declares (brief kinds, tags, source types): the same in every copy,
even where one is spelt like an entity's id (the tag ``turkiye`` and the actor ``turkiye``)."""


def _scalars(node: yaml.Node | None) -> Iterator[yaml.ScalarNode]:
    """Every scalar that is a value (mapping keys are field names, never ids), outside the shared fields."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if not (isinstance(key, yaml.ScalarNode) and key.value in _SHARED):
                yield from _scalars(value)


def real_corpus(briefs: int, content: Path = REPO / "content") -> dict[str, str]:
    """``{path under the project: text}``: the project's explainer and ``briefs`` briefs' worth of its content.

    ``briefs`` is rounded up to the number of real briefs (a copy needs them all to
    resolve its links between briefs)."""
    files = originals(content)
    real = [o for o in files if o.kind == "brief"]
    copies = -(-max(briefs, len(real)) // len(real))
    last = max(briefs, len(real)) - len(real) * (copies - 1)
    out = {"content/explainer.yml": (content / "explainer.yml").read_text(encoding="utf-8")}
    for copy in range(copies):
        chosen = files if copy < copies - 1 or last == len(real) else _closure(files, real[:last])
        inside = {(o.kind, o.id) for o in chosen}
        rename = {key: key[1] + suffix(copy if key in inside else copy - 1) for o in chosen for key in o.targets}
        for original in chosen:
            name = original.id + suffix(copy)
            out[f"content/{original.folder}/{name}.yml"] = original.text(rename)
    return out


def _closure(files: tuple[Original, ...], briefs: list[Original]) -> list[Original]:
    """``briefs`` and everything they reference, directly or not; briefs outside are named in the copy before."""
    by_key = {(o.kind, o.id): o for o in files}
    chosen = {(o.kind, o.id) for o in briefs}
    pending = list(chosen)
    while pending:
        for key in by_key[pending.pop()].targets:
            if key not in chosen and key[0] != "brief":
                chosen.add(key)
                pending.append(key)
    return [o for o in files if (o.kind, o.id) in chosen]


def counts(files: dict[str, str]) -> dict[str, int]:
    """Files per content folder."""
    out: dict[str, int] = {}
    for path in files:
        folder = path.split("/")[1] if path.count("/") > 1 else "explainer"
        out[folder] = out.get(folder, 0) + 1
    return out
