"""The desk's certainty rules, held against the sources: what each label promises, checked.

Pure: ``check`` reads a corpus whose references resolve and returns findings (warnings,
which ``--strict`` makes errors); ``summary`` counts what ``explainer validate`` reports.
The rules are the explainer's ``certainty`` data (how many independent sources confirm,
which source types count as independent and which cap a claim at "reported", which
words describe a current state), the same data the About page is rendered from, so the
page and the checks cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.content.corpus import Corpus, Entry
from generator.content.explainer import Certainty, SourceType
from generator.content.fields import STATUSES, PartialDate
from generator.content.models import Claim, Event, Figure, Source
from generator.errors import Finding, Loc

Rated = Claim | Figure | Event
"""What carries a certainty label."""
RATED: tuple[tuple[type[BaseModel], str], ...] = ((Claim, "claim"), (Figure, "figure"), (Event, "event"))


@dataclass(frozen=True)
class Rules:
    """The explainer's certainty rules, and the sources they are held against."""

    certainty: Certainty
    sources: Mapping[str, Source]

    @classmethod
    def of(cls, corpus: Corpus) -> Rules:
        certainty = corpus.explainer.model.certainty if corpus.explainer else Certainty()
        return cls(certainty, {sid: entry.model for sid, entry in corpus.get("source").items()})

    @functools.cached_property
    def types(self) -> dict[str, SourceType]:
        return {t.id: t for t in self.certainty.source_types}

    @functools.cached_property
    def current_state(self) -> re.Pattern[str]:
        words = "|".join(re.escape(w.strip()) for w in self.certainty.current_state_words)
        return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)

    def owner(self, source_id: str) -> str:
        source = self.sources[source_id]
        return " ".join((source.owner or source.publisher).split()).casefold()

    def capped(self, source_id: str) -> bool:
        kind = self.types.get(self.sources[source_id].type)
        return kind is not None and kind.caps_at_reported

    def independent(self, ids: Iterable[str]) -> tuple[list[str], list[str]]:
        """The sources that count towards "confirmed" (one per owner), and why each other one does not."""
        counted: dict[str, str] = {}
        reasons = []
        for source_id in dict.fromkeys(i for i in ids if i in self.sources):
            source = self.sources[source_id]
            kind = self.types.get(source.type)
            if source.copy_of:
                reasons.append(f"'{source_id}' is a copy of '{source.copy_of}'")
            elif kind is None or not kind.independent:
                reasons.append(f"'{source_id}' is {source.type}")
            elif self.owner(source_id) in counted:
                reasons.append(f"'{source_id}' has the same owner as '{counted[self.owner(source_id)]}'")
            else:
                counted[self.owner(source_id)] = source_id
        return list(counted.values()), reasons


def check(corpus: Corpus, today: dt.date) -> list[Finding]:
    """Every breach of the certainty rules, as warnings."""
    rules = Rules.of(corpus)
    now = PartialDate(today.year, today.month, today.day)
    findings: list[Finding] = []
    for entry in corpus.all():
        for loc, item in rated(entry):
            for problem in (*_status(rules, item), *_shape(item), *_dates(rules, item, now)):
                findings.append(_warning(entry, loc, *problem))
    for source_id, entry in corpus.get("source").items():
        for problem in _copies(rules, source_id, entry.model):
            findings.append(_warning(entry, (), *problem))
    return findings


Problem = tuple[Loc, str, str, str]
"""Where inside the item, the code, the message and the hint."""


def _warning(entry: Entry[Any], loc: Loc, where: Loc, code: str, message: str, hint: str) -> Finding:
    return entry.finding((*loc, *where), code, message, hint, severity="warning")


def rated(entry: Entry[Any]) -> list[tuple[Loc, Rated]]:
    """Every claim, figure and event in an entry, with where it is (kept with the entry)."""
    return entry.derived("rated", lambda: list(_rated_in(entry.model)))


def _rated_in(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Rated]]:
    if isinstance(model, (Claim, Figure, Event)):
        yield loc, model
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _rated_in(value, (*loc, name))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _rated_in(item, (*loc, name, index))


def kind_of(item: Rated) -> str:
    return next(name for cls, name in RATED if isinstance(item, cls))


def _status_loc(item: Rated) -> Loc:
    """The status if the file says it, else the sources (an event is confirmed unless it says otherwise)."""
    return ("status",) if "status" in item.model_fields_set else ("sources",)


def _status(rules: Rules, item: Rated) -> Iterator[Problem]:
    """R1 and R2: a confirmed item rests on enough independent sources, and not only on capped ones."""
    if item.status != "confirmed":
        return
    ids = [cite.source for cite in item.sources]
    counted, reasons = rules.independent(ids)
    need, what = rules.certainty.independent_sources_to_confirm, kind_of(item)
    if len(counted) >= need:
        return
    known = [i for i in ids if i in rules.sources]
    if known and all(map(rules.capped, known)):
        kinds = ", ".join(sorted({rules.sources[i].type for i in known}))
        message = f"confirmed {what} rests only on sources that make it at most reported ({kinds})"
        yield (
            _status_loc(item),
            "capped-at-reported",
            message,
            "mark it `status: reported`, or cite independent sources",
        )
        return
    message = f"confirmed {what} has {len(counted)} independent source{'s' * (len(counted) != 1)}, {need} needed"
    hint = "cite another independent source (another owner, not a copy), or mark it `status: reported`"
    yield _status_loc(item), "too-few-independent", message, "; ".join([*reasons, hint])


def _shape(item: Rated) -> Iterator[Problem]:
    """R3 and R4: a disputed claim shows its sides, an estimate its range and who produced it."""
    if isinstance(item, Claim) and item.status == "disputed":
        if len(item.sides) < 2:
            message = f"disputed claim shows {len(item.sides)} side{'s' * (len(item.sides) != 1)}, 2 needed"
            hint = "list `sides:`, each with `who`, `view` and `sources`"
            yield ("sides",) if item.sides else ("status",), "disputed-sides", message, hint
        for index, side in enumerate(item.sides):
            if not side.sources:
                yield ("sides", index), "unsourced", "this side of the dispute cites no source", _SOURCES_HINT
    if isinstance(item, Claim) and item.status == "estimate":
        if not item.estimates:
            hint = "list `estimates:`, each with `by`, `value` and `sources`"
            yield ("status",), "no-producer", "estimate does not say who produced it", hint
        for index, estimate in enumerate(item.estimates):
            if not estimate.sources:
                yield ("estimates", index), "unsourced", "this estimate cites no source", _SOURCES_HINT
    if isinstance(item, Figure) and item.status in ("estimate", "disputed") and not item.by:
        message = f"{item.status} figure does not say who produced it"
        yield ("status",), "no-producer", message, "add `by:` naming who produced the figure, such as `by: SIPRI`"
    if isinstance(item, Figure) and item.status == "estimate" and item.upper is None and item.qualifier is None:
        hint = "give the range's top with `upper:`, or a `qualifier:` such as about or up to"
        yield ("value",), "no-range", "estimate gives a single number, with no range or qualifier", hint


_SOURCES_HINT = "add `sources: [source-id]` naming where it is stated"


def _dates(rules: Rules, item: Rated, now: PartialDate) -> Iterator[Problem]:
    """R5 and R6: sources do not predate what they report; a current state is dated; the future is planned."""
    if isinstance(item, Event) and not item.planned:
        yield from _predates(rules, item, item.date, "the event it reports")
        if before(now, item.date):
            message = f"event dated {item.date} is in the future but not marked planned"
            yield ("date",), "future-event", message, "add `planned: true` if it is scheduled, or correct the date"
    if isinstance(item, Figure):
        yield from _predates(rules, item, item.as_of, "the figure it gives")
    if isinstance(item, Claim) and item.as_of is None:
        found = rules.current_state.search(item.text)
        if found:
            message = f"claim describes a current state ('{found.group()}') but has no `as_of`"
            hint = 'add `as_of: "YYYY-MM"`, when a source last confirmed it (readers see "as of January 2026")'
            yield ("text",), "undated-state", message, hint


def _predates(rules: Rules, item: Rated, when: PartialDate, what: str) -> Iterator[Problem]:
    for index, cite in enumerate(item.sources):
        source = rules.sources.get(cite.source)
        if source is not None and before(source.date, when):
            message = f"source '{cite.source}' is dated {source.date.display}, before {what} ({when.display})"
            hint = "cite a source published on or after it"
            if isinstance(item, Event):
                hint += ", or mark the event `planned: true` if it had not happened"
            yield ("sources", index), "source-predates", message, hint


def _copies(rules: Rules, source_id: str, source: Source) -> Iterator[Problem]:
    """A copy names its original, which is no copy itself: so copies of one report are one report."""
    original = rules.sources.get(source.copy_of) if source.copy_of else None
    if source.copy_of == source_id:
        yield ("copy_of",), "copy-of-copy", "a source cannot be a copy of itself", "name the source it copies"
    elif original is not None and original.copy_of:
        message = f"'{source.copy_of}' is itself a copy of '{original.copy_of}'"
        yield ("copy_of",), "copy-of-copy", message, f"name the original: `copy_of: {original.copy_of}`"


def before(a: PartialDate, b: PartialDate) -> bool:
    """Whether ``a`` is certainly before ``b``, compared at the precision both share: 2016-04 is before 2020,
    but 2020 is not before 2020-09, nor 2020-09 before 2020-09-27."""
    precision = min(_precision(a), _precision(b))
    return _parts(a)[:precision] < _parts(b)[:precision]


def _precision(date: PartialDate) -> int:
    return 3 if date.day else 2 if date.month else 1


def _parts(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month, date.day)


def evidence_window(sources: Iterable[Source]) -> PartialDate | None:
    """How recent the evidence is: the month (or year) of the newest source, if any."""
    latest = max((source.date for source in sources), default=None)
    return PartialDate(latest.year, latest.month) if latest else None


@dataclass(frozen=True)
class Summary:
    """What ``explainer validate`` reports: labels by kind of item, confirmed items short of sources, sources."""

    need: int
    statuses: dict[str, dict[str, int]]
    short: int
    """Confirmed items with fewer independent sources than the rules need."""
    types: dict[str, int]
    copies: int

    def lines(self) -> list[str]:
        sources = sum(self.types.values())
        out = ["certainty:"]
        for kind, counts in self.statuses.items():
            shown = ", ".join(f"{n} {status}" for status, n in counts.items())
            out.append(f"  {kind}s: {sum(counts.values())} ({shown})")
        out.append(f"  confirmed with fewer than {self.need} independent sources: {self.short}")
        kinds = ", ".join(f"{n} {kind}" for kind, n in self.types.items() if n)
        out.append(f"  sources: {sources} ({kinds})")
        out.append(f"  copies of other sources: {self.copies}")
        return out

    def data(self) -> dict[str, Any]:
        return {
            "independent_sources_to_confirm": self.need,
            "statuses": self.statuses,
            "confirmed_with_too_few_sources": self.short,
            "sources_by_type": self.types,
            "copies": self.copies,
        }


def summary(corpus: Corpus) -> Summary:
    """Count the labels, the confirmed items short of independent sources, and the sources by type."""
    rules = Rules.of(corpus)
    need = rules.certainty.independent_sources_to_confirm
    statuses = {name: dict.fromkeys(STATUSES, 0) for _cls, name in RATED}
    short = 0
    for entry in corpus.all():
        for _loc, item in rated(entry):
            statuses[kind_of(item)][item.status] += 1
            if item.status == "confirmed":
                short += len(rules.independent(c.source for c in item.sources)[0]) < need
    types = Counter(source.type for source in rules.sources.values())
    by_type = {t.id: types.pop(t.id, 0) for t in rules.certainty.source_types} | dict(sorted(types.items()))
    copies = sum(1 for source in rules.sources.values() if source.copy_of)
    return Summary(need, statuses, short, by_type, copies)
