"""Warnings that keep the content honest as it grows; ``--strict`` makes them errors.

Pure: each rule reads the corpus and returns findings. What a rule derives from
one entry alone is kept with the entry (``Entry.derived``), so the preview, which
keeps unchanged entries, does that work once per version of a file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from generator.content import ignores, links, placeholders
from generator.content.corpus import Corpus, Entry, Partial
from generator.content.grouping import grouping
from generator.content.types import BY_KIND, TYPES
from generator.content.walk import is_claim, texts
from generator.errors import Finding, Loc

_YEAR = re.compile(r"(?<![\d.,/-])(1[89]\d\d|20\d\d)(?![\d%])")
_RANGE = re.compile(
    r"(?<!\d)(?:1[89]|20)\d\d(?:\s*[–—-]\s*|\s+(?:to|until|through)\s+)(?:(?:1[89]|20)\d\d|\d\d)(?![\d%])"
    r"|\bbetween\s+(?:1[89]|20)\d\d\s+and\s+(?:1[89]|20)\d\d(?![\d%])",
    re.IGNORECASE,
)
"""A span of years (2016–2020, between 2016 and 2020, from 2016 to 2020): a period, not an event."""
_WORD = re.compile(r"\w+")


def scan(corpus: Corpus) -> None:
    """Derive what each rule reads of each entry alone, from one walk of the entry's values for all of them.

    An optimisation only: each rule derives the same on its own when asked first, and keeps it with the
    entry (``Entry.derived``), so an entry the preview kept is not walked at all.
    """
    glossary = _Glossary(corpus)
    for entry in corpus.all():
        scanned: dict[str, int] = entry.derived("scanned", dict)
        if scanned.get("glossary") == glossary.version:
            continue  # kept by the preview, with this glossary: everything below is kept with it
        scanned["glossary"] = glossary.version
        with entry.held():
            _ = entry.targets
            _unsafe(entry)
            _unsourced_in(entry)
            ignores.of(entry)
            placeholders.of(entry)
            if BY_KIND[entry.kind].prose:
                _mentioned(entry, glossary)
            if entry.kind == "brief":
                _years_in(entry)


def unsafe_links(corpus: Corpus) -> list[Finding]:
    """Errors for Markdown links that use a scheme other than the web's or content's (``javascript:``)."""
    found: list[tuple[Entry[Any] | Partial, list[tuple[Loc, str]]]]
    found = [(e, _unsafe(e)) for e in corpus.all()]
    found += [(p, [(loc, s) for loc, value in p.texts() for s in links.unsafe_schemes(value)]) for p in corpus.partial]
    problems = []
    for entry, unsafe in found:
        for loc, scheme in unsafe:
            message = f"link with scheme '{scheme}:' in '{'.'.join(map(str, loc))}'"
            hint = "links start with https://, http:// or mailto:, or name content, such as brief:energy-ties"
            problems.append(entry.finding(loc, "invalid-url", message, hint))
    return problems


def _unsafe(entry: Entry[Any]) -> list[tuple[Loc, str]]:
    return entry.derived("unsafe-links", lambda: _unsafe_in(entry))


def _unsafe_in(entry: Entry[Any]) -> list[tuple[Loc, str]]:
    if not any(links.unsafe_schemes(text) for text in entry.values().texts):
        return []  # the common case: no location built
    return [(loc, scheme) for loc, value in texts(entry.model) for scheme in links.unsafe_schemes(value)]


def lint(corpus: Corpus, today: dt.date) -> list[Finding]:
    """All warnings: for valid entries, and for the valid parts of files that failed validation."""
    explainer = corpus.explainer
    return [
        *_unsourced(corpus),
        *_unused(corpus),
        *_unused_terms(corpus),
        *_undated_years(corpus),
        *placeholders.find(corpus),
        *(_stale(corpus, today, explainer.model.review_after_days) if explainer else ()),
        *grouping(corpus),
    ]


def _warning(entry: Entry[Any] | Partial, loc: Loc, code: str, message: str, hint: str) -> Finding:
    return entry.finding(loc, code, message, hint, severity="warning")


def _unsourced(corpus: Corpus) -> Iterator[Finding]:
    """Claims and figures (anything with a certainty status) that cite no source."""
    found: list[tuple[Entry[Any] | Partial, list[tuple[Loc, str]]]]
    found = [(e, _unsourced_in(e)) for e in corpus.all()]
    found += [(p, [w for loc, m in p.salvaged.models for w in _without_sources(m, loc)]) for p in corpus.partial]
    for entry, unsourced in found:
        for loc, what in unsourced:
            hint = "add `sources: [source-id]` naming where it comes from"
            yield _warning(entry, loc, "unsourced", f"this {what} cites no source", hint)


def _unsourced_in(entry: Entry[Any]) -> list[tuple[Loc, str]]:
    return entry.derived("unsourced", lambda: list(_without_sources(entry.model)) if entry.values().unsourced else [])


def _without_sources(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    fields = type(model).model_fields
    if is_claim(type(model)) and not model.sources:  # type: ignore[attr-defined]
        yield loc, "figure" if "value" in fields else "claim"
    for name in fields:
        value = getattr(model, name)
        items = value if isinstance(value, tuple) else (value,)
        for index, item in enumerate(items):
            if isinstance(item, BaseModel):
                yield from _without_sources(item, (*loc, name, index) if isinstance(value, tuple) else (*loc, name))


def _unused(corpus: Corpus) -> Iterator[Finding]:
    for content in TYPES:
        if not content.referenced:
            continue
        named = corpus.referenced.get(content.kind, set())
        for entry_id, entry in corpus.get(content.kind).items():
            if entry_id not in named:
                message = f"{content.kind} '{entry_id}' is never referenced"
                hint = f"cite it from a brief or event, or delete {entry.file.display}"
                yield _warning(entry, (), f"unused-{content.kind}", message, hint)


class _Glossary:
    """The glossary's names as word tuples, by first word, and a version that changes with them."""

    def __init__(self, corpus: Corpus) -> None:
        self.terms = list(corpus.get("term").values())
        self.spellings = {
            entry.id: [_words(name) for name in (entry.model.term, *entry.model.aliases)] for entry in self.terms
        }
        names = {name for names in self.spellings.values() for name in names if name}
        self.starts: dict[str, list[tuple[str, ...]]] = {}
        for name in sorted(names):
            self.starts.setdefault(name[0], []).append(name)
        self.version = hash(frozenset(names))


def _unused_terms(corpus: Corpus) -> Iterator[Finding]:
    """Glossary terms whose name and aliases appear in no prose: one pass over each text, by words."""
    glossary = _Glossary(corpus)
    found: set[tuple[str, ...]] = set()
    for entry in _prose(corpus):
        found |= _mentioned(entry, glossary)
    for entry in glossary.terms:
        if not any(name in found for name in glossary.spellings[entry.id]):
            message = f"glossary term '{entry.model.term}' appears in no text"
            hint = "use it in a brief, add the spelling used as an alias, or delete the term"
            yield _warning(entry, (), "unused-term", message, hint)


def _prose(corpus: Corpus) -> Iterator[Entry[Any]]:
    return (entry for entry in corpus.all() if BY_KIND[entry.kind].prose)


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


def _mentioned(entry: Entry[Any], glossary: _Glossary) -> frozenset[tuple[str, ...]]:
    """The glossary names ``entry`` mentions, kept with it for this version of the glossary."""
    kept: dict[str, Any] = entry.derived("mentions", dict)
    if kept.get("version") != glossary.version:
        kept.update(version=glossary.version, found=_mentions(entry.values().texts, glossary.starts))
    return kept["found"]  # type: ignore[no-any-return]


def _mentions(found_texts: Iterable[str], starts: dict[str, list[tuple[str, ...]]]) -> frozenset[tuple[str, ...]]:
    """The names (as word tuples) that the texts mention as whole words, ignoring case."""
    found = set()
    for value in found_texts:
        words = _words(value)
        for index, word in enumerate(words):
            for name in starts.get(word, ()):
                if words[index : index + len(name)] == name:
                    found.add(name)
    return frozenset(found)


def _undated_years(corpus: Corpus) -> Iterator[Finding]:
    """Years a brief names that no timeline event is in: up to the evidence window (the newest source's
    year), since a later year is a forecast, and outside spans of years, which name periods."""
    events = corpus.get("event").values()
    years = {e.model.date.year for e in events} | {e.model.end.year for e in events if e.model.end}
    for event in (p for p in corpus.partial if p.kind == "event"):
        dates = {loc: value for loc, _name, _target, value in event.leaves() if loc in (("date",), ("end",))}
        if ("date",) not in dates:
            return  # an event whose date is unreadable could be in any year: its own error comes first
        years |= {date.year for date in dates.values()}
    window = max((s.model.date.year for s in corpus.get("source").values()), default=9999)
    briefs: list[tuple[Entry[Any] | Partial, list[tuple[int, Loc]]]]
    briefs = [(e, _years_in(e)) for e in corpus.get("brief").values()]
    briefs += [(p, list(_first_mentions(p.texts()))) for p in corpus.partial if p.kind == "brief"]
    for entry, named in briefs:
        for year, loc in named:
            if year not in years and year <= window:
                message = f"{year} is named but no timeline event is in {year}"
                hint = (
                    "add the event to content/events/ and list it in the brief's `events`; if the year names no "
                    "event, add `ignore: [{code: undated-year, reason: ...}]` to this item"
                )
                yield _warning(entry, loc, "undated-year", message, hint)


def _years_in(entry: Entry[Any]) -> list[tuple[int, Loc]]:
    return entry.derived("years", lambda: _years_located(entry))


def _years_located(entry: Entry[Any]) -> list[tuple[int, Loc]]:
    if not any(_YEAR.search(text) for text in entry.values().texts):
        return []  # no year named: no location built
    return [(year, loc) for year, loc in _first_mentions(texts(entry.model))]


def _first_mentions(found_texts: Iterable[tuple[Loc, str]]) -> dict[tuple[int, Loc], Loc]:
    """Each year named, once per text that names it (``ignores`` keeps the first mention not silenced)."""
    found: dict[tuple[int, Loc], Loc] = {}
    for loc, value in found_texts:
        if loc and (loc[0] in ("changes", "charts") or loc[-1] == "period"):
            continue  # a change log's dates, a chart's note and a figure's data window are not events
        if not _YEAR.search(value):
            continue  # most texts name no year
        for match in _YEAR.finditer(_RANGE.sub(_blank, value)):
            found.setdefault((int(match.group(1)), loc), loc)
    return found


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def review_overdue(reviewed: dt.date, today: dt.date, days: int) -> bool:
    """Whether a brief reviewed on ``reviewed`` is past its review by ``today``: lint warns, and its page says so."""
    return (today - reviewed).days > days


def _stale(corpus: Corpus, today: dt.date, days: int) -> Iterable[Finding]:
    for entry in corpus.get("brief").values():
        age = (today - entry.model.reviewed).days
        if review_overdue(entry.model.reviewed, today, days):
            message = f"brief last reviewed {age} days ago"
            hint = f"re-check it and set `reviewed:` to today's date (limit: {days} days)"
            yield _warning(entry, ("reviewed",), "stale-review", message, hint)
