"""Problems no single file shows: a missing explainer, ids declared twice, references that lead nowhere.

Pure: findings name a file and a place in its document; the loader's side
places them on a line. Every field declared with ``fields.ref`` is checked, and
every link to other content in Markdown text, so a new reference field needs no
code here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from generator.content.corpus import Corpus, Entry, Partial
from generator.content.types import DECLARED, declared_ids
from generator.content.validate import closest, did_you_mean
from generator.content.walk import all_references
from generator.errors import Finding, Loc


def check(corpus: Corpus, reserved: Mapping[str, frozenset[str]] | None = None) -> list[Finding]:
    """Every cross-file problem; ``reserved`` names ids of each kind that the site's own pages use."""
    explainer = corpus.explainer
    # Without a valid explainer, what it declares is unknown: references to declarations are not checked.
    declared: dict[str, dict[str, int]] = (
        declared_ids(explainer.model) if explainer else {d.name: _ANY for d in DECLARED}
    )
    problems = list(_declared_twice(explainer)) if explainer else []
    problems += _reserved(corpus, reserved or {})
    drafts = {bid for bid, entry in corpus.get("brief").items() if entry.model.draft}
    if _all_resolve(corpus.referenced, corpus, declared, drafts):
        return problems  # the common case: one set comparison per kind
    for entry in corpus.checked():
        if _all_resolve(entry.targets, corpus, declared, drafts):
            continue  # the common case: set operations only, no location looked up
        problems += _unresolved(entry, corpus, declared, drafts)
    return problems


class _Anything(dict[str, int]):
    """Declarations not known (the explainer is invalid): every id counts as declared."""

    def __contains__(self, key: object) -> bool:
        return True


_ANY = _Anything()


def _declared_twice(explainer: Entry[Any]) -> Iterator[Finding]:
    for declared in DECLARED:
        seen: set[str] = set()
        for index, item in enumerate(declared.items(explainer.model)):
            if item.id in seen:
                loc: Loc = (*declared.field.split("."), index, "id")
                message = f"{declared.name.replace('_', ' ')} '{item.id}' is declared twice"
                yield explainer.finding(loc, "duplicate-id", message, "keep one of the two")
            seen.add(item.id)


def _reserved(corpus: Corpus, reserved: Mapping[str, frozenset[str]]) -> Iterator[Finding]:
    for kind, ids in reserved.items():
        for entity_id in sorted(ids & corpus.get(kind).keys()):
            entry = corpus.get(kind)[entity_id]
            message = f"'{entity_id}' cannot be the id of {_a(kind)}: the site uses that name for one of its own pages"
            yield entry.finding((), "reserved-id", message, "rename the file")


def _all_resolve(
    targets: Mapping[str, Any], corpus: Corpus, declared: dict[str, dict[str, int]], drafts: set[str]
) -> bool:
    """Whether every id in ``targets`` (by kind) names an existing entity or declaration, and no draft brief."""
    for target, ids in targets.items():
        table = declared.get(target) or corpus.get(target)
        if not all(map(table.__contains__, ids)) or (target == "brief" and not drafts.isdisjoint(ids)):
            return False
    return True


def _unresolved(
    entry: Entry[Any] | Partial, corpus: Corpus, declared: dict[str, dict[str, int]], drafts: set[str]
) -> Iterator[Finding]:
    found = entry.references() if isinstance(entry, Partial) else all_references(entry.model)
    for loc, target, ref_id in found:
        table: Mapping[str, Any] = declared[target] if target in declared else corpus.get(target)
        if (target, ref_id) in corpus.broken:
            continue
        if ref_id in table:
            published = entry.kind != "brief" or isinstance(entry, Partial) or not entry.model.draft
            if target == "brief" and ref_id in drafts and published:
                message = f"brief '{ref_id}' is a draft and will not be published"
                yield entry.finding(
                    loc, "draft-reference", message, "publish it (draft: false) or remove the reference"
                )
            continue
        known = list(table)
        if target in declared:
            where = next(d.field for d in DECLARED if d.name == target)
            name = target.replace("_", " ")
            hint = did_you_mean(ref_id, known) + f" ({name}s are declared in the explainer's `{where}`)"
            yield entry.finding(loc, f"unknown-{name.replace(' ', '-')}", f"{name} '{ref_id}' is not declared", hint)
            continue
        other = [kind for kind, ids in corpus.entries.items() if ref_id in ids]
        if other:
            message = f"'{ref_id}' is {_a(other[0])}, not {_a(target)}"
            yield entry.finding(
                loc, "wrong-reference-type", message, f"name {_a(target)} here" + _closest(ref_id, known)
            )
        else:
            close = closest(ref_id, known)
            hint = f"did you mean '{close}'?" if close else f"create it with `explainer new {target} {ref_id}`"
            yield entry.finding(loc, "unknown-reference", f"no {target} has the id '{ref_id}'", hint)


def _closest(ref_id: str, known: list[str]) -> str:
    close = closest(ref_id, known)
    return f": did you mean '{close}'?" if close else ""


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
