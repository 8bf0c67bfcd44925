"""Warnings that keep the content honest as it grows; ``--strict`` makes them errors."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator import memo
from generator.corpus import Corpus, Entry, texts
from generator.errors import Diagnostic
from generator.text import unsafe_link_schemes

_YEAR = re.compile(r"(?<![\d.,/-])(1[89]\d\d|20\d\d)(?![\d%])")


def unsafe_links(corpus: Corpus) -> list[Diagnostic]:
    """Errors for Markdown links that use a scheme other than http(s) or mailto (``javascript:``, ``data:``)."""
    problems = []
    for entry in corpus.all():
        for loc, scheme in _unsafe_schemes(entry):
            line, col = entry.doc.position(loc)
            problems.append(
                Diagnostic(
                    entry.doc.path,
                    line,
                    col,
                    "invalid-url",
                    f"link with scheme '{scheme}:' in '{'.'.join(map(str, loc))}'",
                    "links must start with https://, http:// or mailto:",
                )
            )
    return problems


def _unsafe_schemes(entry: Entry[Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Each unsafe link scheme in an entry's texts, with where it is; kept with its model while a preview runs."""
    return memo.kept(
        entry.model,
        "unsafe-schemes",
        lambda: [(loc, scheme) for loc, value in texts(entry.model) for scheme in unsafe_link_schemes(value)],
    )


def lint(corpus: Corpus, today: dt.date, mentions: Mentions | None = None) -> list[Diagnostic]:
    """All warnings for a corpus whose references resolve; ``mentions`` carries glossary finds between runs."""
    assert corpus.explainer is not None
    return [
        *_unsourced(corpus),
        *_unused(corpus),
        *_unused_terms(corpus, mentions),
        *_undated_years(corpus),
        *_stale(corpus, today, corpus.explainer.model.review_after_days),
    ]


def _warning(entry: Entry[Any], loc: tuple[str | int, ...], code: str, message: str, hint: str) -> Diagnostic:
    line, col = entry.doc.position(loc)
    return Diagnostic(entry.doc.path, line, col, code, message, hint, severity="warning")


def _unsourced(corpus: Corpus) -> Iterator[Diagnostic]:
    assert corpus.explainer is not None
    groups: list[tuple[Entry[Any], tuple[str, ...]]] = [(corpus.explainer, ("takeaways",))]
    groups += [(entry, ("key_points", "figures")) for entry in corpus.get("brief").values()]
    for entry, parts in groups:
        for part, index in _without_sources(entry, parts):
            what = "figure" if part == "figures" else "claim"
            yield _warning(
                entry,
                (part, index),
                "unsourced",
                f"this {what} cites no source",
                "add `sources: [source-id]` naming where it comes from",
            )


def _without_sources(entry: Entry[Any], parts: tuple[str, ...]) -> list[tuple[str, int]]:
    """Where the items of ``parts`` that cite no source are; kept with the model while a preview runs."""
    model = entry.model

    def find() -> list[tuple[str, int]]:
        return [(part, i) for part in parts for i, item in enumerate(getattr(model, part)) if not item.sources]

    return memo.kept(model, "unsourced", find)


def _unused(corpus: Corpus) -> Iterator[Diagnostic]:
    for kind in ("source", "actor"):
        named = corpus.referenced.get(kind, set())
        for entry_id, entry in corpus.get(kind).items():
            if entry_id not in named:
                yield _warning(
                    entry,
                    (),
                    f"unused-{kind}",
                    f"{kind} '{entry_id}' is never referenced",
                    f"cite it from a brief or event, or delete {entry.doc.path}",
                )


@dataclass
class Mentions:
    """Where each glossary name was last found, so the preview looks again only for names whose place changed.

    A name stays found while the entry it was found in is the same entry (its
    file unchanged); otherwise, and for names never found, the texts are searched.
    """

    found_in: dict[str, Entry[Any]] = field(default_factory=dict)


_CHUNK = 256
"""Entries whose texts are searched together: few searches, and no copy of the whole explainer's text."""


def _unused_terms(corpus: Corpus, mentions: Mentions | None = None) -> Iterator[Diagnostic]:
    terms = corpus.get("term").values()
    names = {name for entry in terms for name in (entry.model.term, *entry.model.aliases)}
    kept = mentions.found_in if mentions is not None else {}
    found = {name: entry for name, entry in kept.items() if name in names and _holds(corpus, entry)}
    stale = {(e.kind, e.id): e for name, e in kept.items() if name in names and name not in found}
    edited = [now for _key, entry in sorted(stale.items()) if (now := _current(corpus, entry)) is not None]
    found.update(_find(corpus, names - found.keys(), edited))  # an edited entry most likely still names them
    found.update(_find(corpus, names - found.keys()))
    if mentions is not None:
        mentions.found_in = found
    for entry in terms:
        if not any(name in found for name in (entry.model.term, *entry.model.aliases)):
            yield _warning(
                entry,
                (),
                "unused-term",
                f"glossary term '{entry.model.term}' appears in no text",
                "use it in a brief, add the spelling used as an alias, or delete the term",
            )


def _holds(corpus: Corpus, entry: Entry[Any]) -> bool:
    """Whether ``entry`` (this very one, not a newer version of its file) is in the corpus."""
    return _current(corpus, entry) is entry


def _current(corpus: Corpus, entry: Entry[Any]) -> Entry[Any] | None:
    """The corpus's version of ``entry``'s file, if it has one."""
    return corpus.entry(entry.kind, entry.id)


def _find(corpus: Corpus, names: set[str], among: list[Entry[Any]] | None = None) -> dict[str, Entry[Any]]:
    """For each of ``names`` that the explainer, a brief, an event or an actor (``among`` them, if given)
    mentions: the first to mention it."""
    entries = corpus.all() if among is None else iter(among)
    writing = [entry for entry in entries if entry.kind in ("explainer", "brief", "event", "actor")]
    found: dict[str, Entry[Any]] = {}
    if not names:
        return found
    for first in range(0, len(writing), _CHUNK):
        if len(found) == len(names):
            break
        chunk = writing[first : first + _CHUNK]
        parts = ["\n".join(value for _loc, value in texts(entry.model)) for entry in chunk]
        written = "\n".join(parts)
        lowered = written.lower() if written.isascii() else None
        ends = list(itertools.accumulate(len(part) + 1 for part in parts))
        for name in sorted(names - found.keys()):
            at = _mention(written, lowered, name)
            if at >= 0:
                found[name] = chunk[bisect.bisect_right(ends, at)]
    return found


def _mention(text: str, lowered: str | None, name: str) -> int:
    """Where ``name`` first appears in ``text`` as a whole word, ignoring case; -1 if it does not.

    ``lowered`` is ``text.lower()`` when the text is ASCII: a substring search there
    finds the first candidate fast, and the regex starts from it instead of from the top.
    """
    start = 0
    if lowered is not None and name.isascii():
        start = lowered.find(name.lower())
        if start < 0:
            return -1
    match = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I).search(text, start)
    return match.start() if match else -1


def _undated_years(corpus: Corpus) -> Iterator[Diagnostic]:
    years = {entry.model.date.year for entry in corpus.get("event").values()}
    years |= {entry.model.end.year for entry in corpus.get("event").values() if entry.model.end}
    for entry in corpus.get("brief").values():
        for year, loc in _named_years(entry):
            if year not in years:
                yield _warning(
                    entry,
                    loc,
                    "undated-year",
                    f"{year} is named but no timeline event is in {year}",
                    "add the event to content/events/ and list it in the brief's `events`",
                )


def _named_years(entry: Entry[Any]) -> list[tuple[int, tuple[str | int, ...]]]:
    """Each year a brief's text names, where it is first named, in order; kept with its model while a preview runs."""
    return memo.kept(entry.model, "years", lambda: list(_first_mentions(entry.model).items()))


def _first_mentions(brief: Any) -> dict[int, tuple[str | int, ...]]:
    found: dict[int, tuple[str | int, ...]] = {}
    for loc, value in texts(brief):
        if loc and (loc[0] == "changes" or loc[-1] == "period"):
            continue  # a change log's dates and a figure's data window are not events
        for match in _YEAR.finditer(value):
            found.setdefault(int(match.group(1)), loc)
    return found


def _stale(corpus: Corpus, today: dt.date, days: int) -> Iterator[Diagnostic]:
    for entry in corpus.get("brief").values():
        age = (today - entry.model.reviewed).days
        if age > days:
            yield _warning(
                entry,
                ("reviewed",),
                "stale-review",
                f"brief last reviewed {age} days ago",
                f"re-check it and set `reviewed:` to today's date (limit: {days} days)",
            )
