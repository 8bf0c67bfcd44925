"""Warnings that keep the content honest as it grows; ``--strict`` makes them errors."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from generator.corpus import Corpus, Entry, texts
from generator.errors import Diagnostic
from generator.text import unsafe_link_schemes

_YEAR = re.compile(r"(?<![\d.,/-])(1[89]\d\d|20\d\d)(?![\d%])")


def unsafe_links(corpus: Corpus) -> list[Diagnostic]:
    """Errors for Markdown links that use a scheme other than http(s) or mailto (``javascript:``, ``data:``)."""
    problems = []
    for entry in _all(corpus):
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
    """Each unsafe link scheme in an entry's texts, with where it is; kept with the entry."""
    return entry.kept(
        "unsafe-schemes",
        lambda: [(loc, scheme) for loc, value in texts(entry.model) for scheme in unsafe_link_schemes(value)],
    )


def lint(corpus: Corpus, today: dt.date) -> list[Diagnostic]:
    """All warnings for a corpus whose references resolve."""
    assert corpus.explainer is not None
    return [
        *_unsourced(corpus),
        *_unused(corpus),
        *_unused_terms(corpus),
        *_undated_years(corpus),
        *_stale(corpus, today, corpus.explainer.model.review_after_days),
    ]


def _all(corpus: Corpus) -> Iterator[Entry[Any]]:
    if corpus.explainer is not None:
        yield corpus.explainer
    for table in corpus.entries.values():
        yield from table.values()


def _warning(entry: Entry[Any], loc: tuple[str | int, ...], code: str, message: str, hint: str) -> Diagnostic:
    line, col = entry.doc.position(loc)
    return Diagnostic(entry.doc.path, line, col, code, message, hint, severity="warning")


def _unsourced(corpus: Corpus) -> Iterator[Diagnostic]:
    assert corpus.explainer is not None
    groups: list[tuple[Entry[Any], str]] = [(corpus.explainer, "takeaways")]
    groups += [(entry, field) for entry in corpus.get("brief").values() for field in ("key_points", "figures")]
    for entry, field in groups:
        for index, item in enumerate(getattr(entry.model, field)):
            if not item.sources:
                what = "figure" if field == "figures" else "claim"
                yield _warning(
                    entry,
                    (field, index),
                    "unsourced",
                    f"this {what} cites no source",
                    "add `sources: [source-id]` naming where it comes from",
                )


def _unused(corpus: Corpus) -> Iterator[Diagnostic]:
    used: dict[str, set[str]] = {"source": set(), "actor": set()}
    for entry in _all(corpus):
        for _loc, target, ref_id in entry.refs:
            if target in used and not (target == "actor" and entry.kind == "actor" and ref_id == entry.id):
                used[target].add(ref_id)
    for kind, ids in used.items():
        for entry_id, entry in corpus.get(kind).items():
            if entry_id not in ids:
                yield _warning(
                    entry,
                    (),
                    f"unused-{kind}",
                    f"{kind} '{entry_id}' is never referenced",
                    f"cite it from a brief or event, or delete {entry.doc.path}",
                )


def _unused_terms(corpus: Corpus) -> Iterator[Diagnostic]:
    written = "\n".join(
        value
        for entry in _all(corpus)
        if entry.kind in ("explainer", "brief", "event", "actor")
        for _loc, value in texts(entry.model)
    )
    lowered = written.lower() if written.isascii() else None
    for entry in corpus.get("term").values():
        names = (entry.model.term, *entry.model.aliases)
        if not any(_mentions(written, lowered, name) for name in names):
            yield _warning(
                entry,
                (),
                "unused-term",
                f"glossary term '{entry.model.term}' appears in no text",
                "use it in a brief, add the spelling used as an alias, or delete the term",
            )


def _mentions(text: str, lowered: str | None, name: str) -> bool:
    """Whether ``name`` appears as a whole word, ignoring case.

    ``lowered`` is ``text.lower()`` when the text is ASCII: a substring search there
    finds the first candidate fast, and the regex starts from it instead of from the top.
    """
    start = 0
    if lowered is not None and name.isascii():
        start = lowered.find(name.lower())
        if start < 0:
            return False
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I).search(text, start) is not None


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
    """Each year a brief's text names, where it is first named, in order; kept with the entry."""
    return entry.kept("years", lambda: list(_first_mentions(entry.model).items()))


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
