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
import typing
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from pydantic import BaseModel

from generator import memory
from generator.content.corpus import Corpus, Entry
from generator.content.explainer import Certainty, SourceType
from generator.content.fields import STATUSES, PartialDate
from generator.content.models import Claim, Event, Figure, Source
from generator.errors import Finding, Loc

Rated = Claim | Figure | Event  # what carries a certainty label
RATED: tuple[tuple[type[BaseModel], str], ...] = ((Claim, "claim"), (Figure, "figure"), (Event, "event"))
RATED_TYPES = (Claim, Figure, Event)


class Rules:
    """The explainer's certainty rules, and the sources they are held against, made ready to ask many times."""

    def __init__(self, certainty: Certainty, sources: Mapping[str, Source], today: dt.date | None = None) -> None:
        self.certainty = certainty
        self.sources = sources
        self.now = PartialDate(today.year, today.month, today.day) if today else None
        """The day future events are told from (none: no event is in the future)."""
        self.need = certainty.independent_sources_to_confirm
        types = {t.id: t for t in certainty.source_types}
        self.counts = {i: _owner(s) for i, s in sources.items() if not s.copy_of and _is(types, s, "independent")}
        """For each source that counts towards "confirmed", its owner (the publisher unless it says otherwise)."""
        self.capped = frozenset(i for i, s in sources.items() if _is(types, s, "caps_at_reported"))
        phrases = sorted({tuple(_WORD.findall(w.casefold())) for w in certainty.current_state_words} - {()})
        self.words = {first: [p for p in phrases if p[0] == first] for first in dict.fromkeys(p[0] for p in phrases)}
        """Current-state words and phrases (as word tuples), by their first word."""
        self.version = hash(
            (certainty, today, *((i, s.type, s.owner, s.publisher, s.copy_of, s.date) for i, s in sources.items()))
        )
        """Changes when what an entry's findings depend on, besides the entry, changes (the preview keeps them)."""

    @classmethod
    def of(cls, corpus: Corpus, today: dt.date | None = None) -> Rules:
        certainty = corpus.explainer.model.certainty if corpus.explainer else Certainty()
        return cls(certainty, {sid: entry.model for sid, entry in corpus.get("source").items()}, today)

    def independent(self, ids: Iterable[str]) -> list[str]:
        """The sources that count towards "confirmed": of an independent type, no copy, one per owner."""
        counted: dict[str, str] = {}
        for source_id in ids:
            owner = self.counts.get(source_id)
            if owner is not None:
                counted.setdefault(owner, source_id)
        return list(counted.values())

    def not_counted(self, ids: Iterable[str]) -> list[str]:
        """Why each source cited that does not count towards "confirmed" does not."""
        cited = list(dict.fromkeys(i for i in ids if i in self.sources))
        by_owner = {self.counts[i]: i for i in reversed(self.independent(cited))}
        reasons = []
        for source_id in cited:
            source = self.sources[source_id]
            if source.copy_of:
                reasons.append(f"'{source_id}' is a copy of '{source.copy_of}'")
            elif source_id not in self.counts:
                reasons.append(f"'{source_id}' is {source.type}")
            elif by_owner[self.counts[source_id]] != source_id:
                reasons.append(f"'{source_id}' has the same owner as '{by_owner[self.counts[source_id]]}'")
        return reasons

    def current_state(self, text: str) -> str | None:
        """The first current-state word or phrase in ``text``, as whole words in any case."""
        words = _WORD.findall(text.casefold())
        for index, word in enumerate(words):
            for phrase in self.words.get(word, ()):
                if tuple(words[index : index + len(phrase)]) == phrase:
                    return " ".join(phrase)
        return None


_WORD = re.compile(r"\w+")


def _owner(source: Source) -> str:
    return " ".join((source.owner or source.publisher).split()).casefold()


def _is(types: Mapping[str, SourceType], source: Source, quality: str) -> bool:
    kind = types.get(source.type)
    return kind is not None and bool(getattr(kind, quality))


def check(corpus: Corpus, today: dt.date) -> list[Finding]:
    """Every breach of the certainty rules, as warnings; each entry's are kept with it while the rules hold."""
    rules = Rules.of(corpus, today)
    findings: list[Finding] = []
    with memory.paused():  # what is kept lives as long as its entry, and holds no cycle
        for entry in corpus.all():
            kept: dict[str, Any] = entry.derived("certainty", dict)
            if kept.get("version") != rules.version:
                kept.update(version=rules.version, found=list(_findings(rules, entry)))
            findings += kept["found"]
    return findings


def _findings(rules: Rules, entry: Entry[Any]) -> Iterator[Finding]:
    for loc, item in rated(entry):
        for where, code, message, hint in (*_status(rules, item), *_shape(item), *_dates(rules, item)):
            yield entry.finding((*loc, *where), code, message, hint, severity="warning")
    for where, code, message, hint in _copies(rules, entry.id, entry.model) if entry.kind == "source" else ():
        yield entry.finding(where, code, message, hint, severity="warning")


Problem = tuple[Loc, str, str, str]  # where inside the item, the code, the message and the hint


def rated(entry: Entry[Any]) -> list[tuple[Loc, Rated]]:
    """Every claim, figure and event in an entry, with where it is (kept with the entry)."""
    return entry.derived("rated", lambda: list(_rated_in(entry.model)))


def _rated_in(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Rated]]:
    if isinstance(model, RATED_TYPES):
        yield loc, model
        return
    for name in _holders(type(model)):
        value = getattr(model, name)
        for index, item in enumerate(value) if isinstance(value, tuple) else ((None, value),):
            if isinstance(item, BaseModel):
                yield from _rated_in(item, (*loc, name) if index is None else (*loc, name, index))


@functools.cache
def _holders(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that may hold a claim, figure or event: the only ones walked."""
    return tuple(name for name, info in cls.model_fields.items() if any(map(_may_hold, _classes(info.annotation))))


def _may_hold(cls: type) -> bool:
    return issubclass(cls, BaseModel) and (issubclass(cls, RATED_TYPES) or bool(_holders(cls)))


def _classes(annotation: Any) -> Iterator[type]:
    """The classes named in a type annotation (``tuple[Claim, ...]``, ``Map | None``)."""
    if isinstance(annotation, type):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _classes(arg)


def kind_of(item: Rated) -> str:
    return next(name for cls, name in RATED if isinstance(item, cls))


def _status_loc(item: Rated) -> Loc:
    """The status if the file says it, else the sources (an event is confirmed unless it says otherwise)."""
    return ("status",) if "status" in item.model_fields_set else ("sources",)


def _status(rules: Rules, item: Rated) -> Iterator[Problem]:
    """A confirmed item rests on enough independent sources, and not only on capped ones."""
    if item.status != "confirmed":
        return
    ids = [cite.source for cite in item.sources]
    counted, what = rules.independent(ids), kind_of(item)
    if len(counted) >= rules.need:
        return
    known = [i for i in ids if i in rules.sources]
    if known and rules.capped.issuperset(known):
        kinds = ", ".join(sorted({rules.sources[i].type for i in known}))
        message = f"confirmed {what} rests only on sources that make it at most reported ({kinds})"
        hint = "mark it `status: reported`, or cite independent sources"
        yield _status_loc(item), "capped-at-reported", message, hint
        return
    message = f"confirmed {what} has {len(counted)} independent source{'s' * (len(counted) != 1)}, {rules.need} needed"
    hint = "cite another independent source (another owner, not a copy), or mark it `status: reported`"
    yield _status_loc(item), "too-few-independent", message, "; ".join([*rules.not_counted(ids), hint])


def _shape(item: Rated) -> Iterator[Problem]:
    """A disputed claim shows its sides, an estimate its range and who produced it."""
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


def _dates(rules: Rules, item: Rated) -> Iterator[Problem]:
    """Sources do not predate what they report; a current state is dated; the future is planned."""
    if isinstance(item, Event) and not item.planned:
        yield from _predates(rules, item, item.date, "the event it reports")
        if rules.now is not None and rules.now.before(item.date):
            message = f"event dated {item.date} is in the future but not marked planned"
            yield ("date",), "future-event", message, "add `planned: true` if it is scheduled, or correct the date"
    if isinstance(item, Figure):
        yield from _predates(rules, item, item.as_of, "the figure it gives")
    if isinstance(item, Claim) and item.as_of is None:
        found = rules.current_state(item.text)
        if found:
            message = f"claim describes a current state ('{found}') but has no `as_of`"
            hint = 'add `as_of: "YYYY-MM"`, when a source last confirmed it (readers see "as of January 2026")'
            yield ("text",), "undated-state", message, hint


def _predates(rules: Rules, item: Rated, when: PartialDate, what: str) -> Iterator[Problem]:
    for index, cite in enumerate(item.sources):
        source = rules.sources.get(cite.source)
        if source is not None and source.date.before(when):
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


@dataclass(frozen=True)
class Summary:
    """What ``explainer validate`` reports: labels by kind of item, confirmed items short of sources, sources."""

    independent_sources_to_confirm: int
    statuses: dict[str, dict[str, int]]
    confirmed_with_too_few_sources: int
    sources_by_type: dict[str, int]
    copies: int

    def lines(self) -> list[str]:
        out = ["certainty:"]
        for kind, counts in self.statuses.items():
            shown = ", ".join(f"{n} {status}" for status, n in counts.items())
            out.append(f"  {kind}s: {sum(counts.values())} ({shown})")
        need, short = self.independent_sources_to_confirm, self.confirmed_with_too_few_sources
        out.append(f"  confirmed with fewer than {need} independent sources: {short}")
        kinds = ", ".join(f"{n} {kind}" for kind, n in self.sources_by_type.items() if n)
        out.append(f"  sources: {sum(self.sources_by_type.values())} ({kinds})")
        out.append(f"  copies of other sources: {self.copies}")
        return out

    def data(self) -> dict[str, Any]:
        return asdict(self)


def summary(corpus: Corpus) -> Summary:
    """Count the labels, the confirmed items short of independent sources, and the sources by type."""
    rules = Rules.of(corpus)
    statuses = {name: dict.fromkeys(STATUSES, 0) for _cls, name in RATED}
    short = 0
    for entry in corpus.all():
        for _loc, item in rated(entry):
            statuses[kind_of(item)][item.status] += 1
            if item.status == "confirmed":
                short += len(rules.independent(c.source for c in item.sources)) < rules.need
    types = Counter(source.type for source in rules.sources.values())
    by_type = {t.id: types.pop(t.id, 0) for t in rules.certainty.source_types} | dict(sorted(types.items()))
    copies = sum(1 for source in rules.sources.values() if source.copy_of)
    return Summary(rules.need, statuses, short, by_type, copies)
