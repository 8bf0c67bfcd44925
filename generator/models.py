"""The content model: every kind of file an editor writes, declared once.

Each field carries a description; the same text reaches the JSON Schema that
editors' tools use for completion and hover help. Unknown keys are refused.
An entity's id is its file name, so it can never disagree with it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int = 0
    day: int = 0

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    @property
    def display(self) -> str:
        """Reader-facing form: "8 August 2025", "August 2025" or "2025"."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return str(self.year)


def _parse_partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else None
    match = _PARTIAL_DATE.match(text or "")
    if not match:
        raise PydanticCustomError(
            "invalid_date", "expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got '{value}'", {"value": value}
        )
    year, month, day = (int(part) if part else 0 for part in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise PydanticCustomError("invalid_date", "{value} is not a real date", {"value": text}) from None
    return PartialDate(year, month, day)


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    partial = _parse_partial_date(value)
    if not partial.day:
        raise PydanticCustomError("invalid_date", "expected a full date as YYYY-MM-DD, got '{value}'", {"value": value})
    return dt.date(partial.year, partial.month, partial.day)


_NOT_IN_URLS = re.compile(r'[\s\x00-\x1f\x7f<>"{}|\\^`]')  # never valid in an address (RFC 3986)


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or _NOT_IN_URLS.search(value):
        raise PydanticCustomError("invalid_url", "'{value}' is not an http(s) address", {"value": value})
    return value


MAX_ID_LENGTH = 100
_DEVICE_NAMES = re.compile(r"^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$")


def is_slug(value: str) -> bool:
    """Lowercase words joined by hyphens, short enough and ordinary enough to be a file name on any system."""
    return len(value) <= MAX_ID_LENGTH and bool(_SLUG.match(value)) and not _DEVICE_NAMES.match(value)


def _check_slug(value: str) -> str:
    if not is_slug(value):
        raise PydanticCustomError("invalid_id", "'{value}' is not a valid id", {"value": value})
    return value


def _no_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_text", "text must not be empty", {})
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_date), WithJsonSchema({"type": "string", "format": "date"})]
FuzzyDate = Annotated[
    PartialDate,
    BeforeValidator(_parse_partial_date),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "YYYY-MM-DD, YYYY-MM or YYYY",
        }
    ),
]
Url = Annotated[str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "pattern": "^https?://"})]
Id = Annotated[str, AfterValidator(_check_slug), WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN})]
Text = Annotated[str, AfterValidator(_no_blank)]
Markdown = Annotated[str, AfterValidator(_no_blank), Field(description="Markdown text.")]
Status = Literal["confirmed", "reported", "disputed", "estimate"]
STATUSES: tuple[str, ...] = ("confirmed", "reported", "disputed", "estimate")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, str_strip_whitespace=False)


def ref(kind: str, description: str, **kwargs: Any) -> Any:
    """A field holding ids of ``kind``; the corpus resolves every field declared this way."""
    return Field(description=description, json_schema_extra={"x-ref": kind}, **kwargs)


def _refs(kind: str, what: str) -> Any:
    return ref(kind, f"Ids of {what}.", default=())


class Citation(_Model):
    """A source cited for a claim, with where in it the claim is supported."""

    source: Id = ref("source", "Id of the source.")
    locator: str = Field(default="", description="Where in the source: a page, section or paragraph, such as 'p. 12'.")
    excerpt: str = Field(
        default="", max_length=300, description="A few words from the source that support the claim (quoted)."
    )

    @property
    def id(self) -> str:
        return self.source


def _to_citation(value: Any) -> Any:
    return {"source": value} if isinstance(value, str) else value


class _IdOrCitation:
    """JSON Schema of a citation: an id, or the mapping (what the validator accepts)."""

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": SLUG_PATTERN, "description": "Id of a source."},
                handler(core_schema),
            ]
        }


Cite = Annotated[Citation, BeforeValidator(_to_citation), _IdOrCitation]


def _cites(what: str, **kwargs: Any) -> Any:
    return Field(
        description=f"The sources {what}: ids, or `{{source: id, locator: ..., excerpt: ...}}` to say where.",
        **({"default": ()} | kwargs),
    )


class Side(_Model):
    """One side of a disputed claim: who holds the view, and where they say so."""

    who: Text = Field(description="Who holds this view, such as 'The Armenian government'.")
    view: Markdown = Field(description="Their view, attributed and in neutral wording.")
    sources: tuple[Cite, ...] = _cites("where this side states its view")


class Estimate(_Model):
    """One estimate behind a claim or figure: who produced it, and what it is."""

    by: Text = Field(description="Who produced the estimate, such as 'SIPRI' or 'Brenda Shaffer, quoted by Bloomberg'.")
    value: Text = Field(description="The estimate as they give it, with its year, such as 'about 40% (2014)'.")
    sources: tuple[Cite, ...] = _cites("that report this estimate")


class Claim(_Model):
    """A sourced statement with a visible degree of certainty."""

    text: Markdown = Field(description="The claim, in one or two sentences of Markdown.")
    sources: tuple[Cite, ...] = _cites("that support the claim")
    status: Status = Field(description="How certain the claim is: confirmed, reported, disputed or estimate.")
    as_of: FuzzyDate | None = Field(
        default=None, description="When the claim was last known true: required for a claim about a current state."
    )
    sides: tuple[Side, ...] = Field(default=(), description="For a disputed claim: each side, with its sources.")
    estimates: tuple[Estimate, ...] = Field(
        default=(), description="For an estimate: each estimate, who produced it, and its sources."
    )


class Kind(_Model):
    """A kind of brief the explainer uses, such as security or energy."""

    id: Id = Field(description="Slug that briefs name in their `kind` field.")
    title: Text = Field(description="Heading for this kind on the site.")
    description: Text = Field(description="One sentence saying what briefs of this kind cover.")


class Author(_Model):
    name: Text = Field(description="Author or desk name.")
    url: Url | None = Field(default=None, description="Profile or contact page.")


class Route(_Model):
    """A line on the map, such as a pipeline or a shipping lane."""

    name: Text = Field(description="Label of the route.")
    kind: Literal["pipeline", "shipping", "road", "other"] = Field(description="How the route is drawn.")
    points: tuple[tuple[float, float], ...] = Field(min_length=2, description="Waypoints as [longitude, latitude].")
    sources: tuple[Cite, ...] = _cites("for the route")


class Place(_Model):
    name: Text = Field(description="Label of the place.")
    point: tuple[float, float] = Field(description="Location as [longitude, latitude].")


class Map(_Model):
    """A regional map drawn at build time from Natural Earth country shapes."""

    title: Text = Field(description="Caption of the map.")
    description: Text = Field(description="Text alternative: what the map shows, for readers who cannot see it.")
    bbox: tuple[float, float, float, float] = Field(description="Area shown: [lon_min, lat_min, lon_max, lat_max].")
    routes: tuple[Route, ...] = Field(default=(), description="Routes drawn as lines.")
    places: tuple[Place, ...] = Field(default=(), description="Places marked with a dot and a label.")


class SourceType(_Model):
    """A class of source, by who publishes it, and what it can confirm."""

    id: Id = Field(description="Slug that sources name in their `type` field.")
    title: Text = Field(description="Name shown to readers, such as 'Official document'.")
    description: Text = Field(description="Which sources belong here.")
    independent: bool = Field(
        default=True, description="Whether a source of this type counts as an independent source for `confirmed`."
    )
    caps_at_reported: bool = Field(
        default=False, description="Whether a claim resting only on sources of this type is at most `reported`."
    )


def _source_type(id: str, title: str, description: str, independent: bool = True, capped: bool = False) -> SourceType:
    return SourceType(id=id, title=title, description=description, independent=independent, caps_at_reported=capped)


DEFAULT_SOURCE_TYPES = (
    _source_type("official", "Official document", "Laws, government, parliamentary and court records, audit reports."),
    _source_type("research", "Research institute", "Research institutes and academic work."),
    _source_type("independent-media", "Independent news media", "News organisations not controlled by a government."),
    _source_type(
        "state-media",
        "State or state-aligned media",
        "Outlets a government owns or steers.",
        independent=False,
        capped=True,
    ),
    _source_type("advocacy", "Advocacy group", "Groups campaigning for one side.", independent=False, capped=True),
    _source_type(
        "commentary", "Commentary", "Opinion and analysis pieces arguing a case.", independent=False, capped=True
    ),
    _source_type("encyclopedia", "Encyclopedia", "Reference works that summarise other sources.", independent=False),
)


class Definitions(_Model):
    """What each certainty label means, in the words readers see on the About page."""

    confirmed: Markdown = Field(default="Two or more independent sources agree.", description="What 'confirmed' means.")
    reported: Markdown = Field(
        default="It rests on a single source, or on several outlets repeating one original report.",
        description="What 'reported' means.",
    )
    disputed: Markdown = Field(
        default="Sources disagree, or the meaning of an event is contested. We show each side.",
        description="What 'disputed' means.",
    )
    estimate: Markdown = Field(
        default="The number is a calculation or a range, not a count. We say who produced each figure.",
        description="What 'estimate' means.",
    )


CURRENT_STATE_WORDS = (
    "is now",
    "are now",
    "remains",
    "remain",
    "still",
    "currently",
    "so far",
    "yet to",
    "has not",
    "have not",
    "is unsigned",
    "is pending",
    "is proposed",
    "is expected",
)


class Certainty(_Model):
    """The desk's rules for certainty labels, checked by `explainer validate`."""

    independent_sources_to_confirm: int = Field(
        default=2, ge=2, description="Independent sources (distinct owners, no copies) a confirmed claim needs."
    )
    source_types: tuple[SourceType, ...] = Field(
        default=DEFAULT_SOURCE_TYPES, min_length=1, description="Classes of source and what each can confirm."
    )
    definitions: Definitions = Field(default_factory=Definitions, description="What each label means.")
    current_state_words: tuple[Text, ...] = Field(
        default=CURRENT_STATE_WORDS,
        description="Words that describe a current state: a claim using one needs `as_of`.",
    )


class Explainer(_Model):
    """The explainer as a whole: the question, the answer and how the briefs are organised."""

    title: Text = Field(description="Title of the explainer and the site.")
    question: Text = Field(description="The question the explainer answers.")
    answer: Markdown = Field(description="The short answer, in two to four sentences.")
    description: Text = Field(description="One sentence for search engines and social cards.")
    takeaways: tuple[Claim, ...] = Field(min_length=1, description="Key takeaways, each sourced.")
    kinds: tuple[Kind, ...] = Field(min_length=1, description="Brief kinds in reading order.")
    start_here: tuple[Id, ...] = _refs("brief", "briefs forming a suggested reading path")
    about: Markdown | None = Field(default=None, description="The 'How this explainer is made' page.")
    authors: tuple[Author, ...] = Field(min_length=1, description="Who writes and maintains the explainer.")
    license: Text = Field(description="License of the content, such as CC BY 4.0.")
    published: Date = Field(description="Date of first publication.")
    updated: Date | None = Field(default=None, description="Date of the last substantive update.")
    review_after_days: int = Field(default=180, ge=1, description="A brief not reviewed for longer is flagged.")
    map: Map | None = Field(default=None, description="Optional regional map for the home page.")
    certainty: Certainty = Field(default_factory=Certainty, description="The rules for certainty labels.")


class Section(_Model):
    heading: Text = Field(description="Section heading.")
    body: Markdown = Field(description="Section text in Markdown paragraphs (no headings).")
    sources: tuple[Cite, ...] = _cites("for facts in the section text")


class Figure(_Model):
    """A key number, or a range, with its date and source."""

    label: Text = Field(description="What the number measures.")
    qualifier: Literal["about", "more than", "at least", "less than", "up to"] | None = Field(
        default=None, description="Shown before the value when the source gives a bound or an approximation."
    )
    value: float = Field(description="The number, or the lower bound of a range.")
    upper: float | None = Field(default=None, description="Upper bound when the figure is a range.")
    unit: str = Field(default="", description="Unit shown after the number, such as % or $bn.")
    as_of: FuzzyDate = Field(description="When the figure was published or measured.")
    period: str = Field(default="", description="The data window the figure covers, such as 2016–2020.")
    sources: tuple[Cite, ...] = _cites("for the figure")
    status: Status = Field(description="How certain the figure is.")
    by: str = Field(default="", description="Who produced the figure; required for an estimate.")
    note: Markdown | None = Field(default=None, description="Caveats a reader should know.")
    chart: str = Field(default="", description="Figures sharing a chart title in one brief are drawn as one chart.")
    series: str = Field(default="", description="Within a chart, figures sharing a series name are drawn as one line.")


class Perspective(_Model):
    who: Text = Field(description="Whose view this is, such as 'The Azerbaijani government'.")
    actor: Id | None = ref("actor", "Actor id of whoever holds the view, if any.", default=None)
    view: Markdown = Field(description="The view, attributed and in neutral wording.")
    sources: tuple[Cite, ...] = _cites("for the view")


class Change(_Model):
    date: Date = Field(description="When the change was made.")
    note: Markdown = Field(description="What changed: an update or a correction.")


class Brief(_Model):
    """One brief: a self-contained page on one theme of the explainer."""

    kind: Id = ref("kind", "Brief kind, one of the ids declared in the explainer's `kinds`.")
    title: Text = Field(description="Title of the brief.")
    summary: Markdown = Field(description="What a reader should take away in 30 seconds.")
    weight: int = Field(default=0, description="Order within its kind; lower comes first.")
    key_points: tuple[Claim, ...] = Field(min_length=1, description="Key points, each with its sources.")
    sections: tuple[Section, ...] = Field(default=(), description="Body sections.")
    figures: tuple[Figure, ...] = Field(default=(), description="Key figures.")
    perspectives: tuple[Perspective, ...] = Field(default=(), description="Views of the parties, side by side.")
    actors: tuple[Id, ...] = _refs("actor", "actors involved")
    events: tuple[Id, ...] = _refs("event", "timeline events the brief mentions")
    related: tuple[Id, ...] = _refs("brief", "related briefs")
    tags: tuple[Id, ...] = Field(default=(), description="Topic tags, lowercase slugs.")
    published: Date = Field(description="Date of first publication.")
    updated: Date | None = Field(default=None, description="Date of the last substantive update.")
    reviewed: Date = Field(description="Date an editor last checked the whole brief.")
    draft: bool = Field(default=False, description="Drafts are validated but not published.")
    changes: tuple[Change, ...] = Field(default=(), description="Log of substantive updates and corrections.")


class Link(_Model):
    title: Text = Field(description="Link text.")
    url: Url = Field(description="http(s) address.")


class Tie(_Model):
    actor: Id = ref("actor", "Id of the other actor.")
    kind: Id = ref("kind", "Brief kind the tie belongs to, such as energy.")
    label: Text = Field(description="Short verb phrase, such as 'sells crude oil to'.")
    sources: tuple[Cite, ...] = _cites("for the tie")


class Actor(_Model):
    """A country, person, organisation or institution."""

    name: Text = Field(description="Name as readers know it.")
    type: Literal["country", "person", "organisation", "institution"] = Field(description="What kind of actor.")
    summary: Markdown = Field(description="Short neutral profile.")
    role: Markdown = Field(description="Its role in this story.")
    iso: str | None = Field(default=None, pattern=r"^\d{3}$", description="Countries: ISO 3166-1 numeric code.")
    country: Id | None = ref("actor", "Actor id of the country a person or body belongs to.", default=None)
    aliases: tuple[Text, ...] = Field(default=(), description="Other names used in the text.")
    links: tuple[Link, ...] = Field(default=(), description="Further reading.")
    ties: tuple[Tie, ...] = Field(default=(), description="Relationships drawn in the actors diagram.")


class Event(_Model):
    """A dated event on the timeline."""

    date: FuzzyDate = Field(description="YYYY-MM-DD, or YYYY-MM / YYYY when only that is known.")
    end: FuzzyDate | None = Field(default=None, description="Last day of an event lasting several days.")
    title: Text = Field(description="What happened, in a few words.")
    description: Markdown = Field(description="One or two sentences of context.")
    actors: tuple[Id, ...] = _refs("actor", "actors involved")
    sources: tuple[Cite, ...] = _cites("for the event", min_length=1)
    status: Status = Field(default="confirmed", description="How certain the event is.")
    planned: bool = Field(default=False, description="The event was scheduled but had not happened when last checked.")


class Source(_Model):
    """A publication the content cites."""

    title: Text = Field(description="Title of the publication.")
    publisher: Text = Field(description="Publisher or outlet.")
    type: Id = ref("source_type", "What kind of source: one of the ids in the explainer's `certainty.source_types`.")
    owner: str = Field(
        default="",
        description="Who owns or controls the publisher, where that differs from its name: sources with one owner "
        "count as one for confirmation.",
    )
    author: str = Field(default="", description="Author(s).")
    date: FuzzyDate | None = Field(
        default=None, description="Publication date: YYYY-MM-DD, or YYYY-MM / YYYY when only that is known."
    )
    url: Url | None = Field(default=None, description="http(s) address.")
    archived: Url | None = Field(default=None, description="Address of an archived copy, such as on web.archive.org.")
    copy_of: Id | None = ref(
        "source", "Id of the source this one copies or reposts: a copy never counts as independent.", default=None
    )
    accessed: Date | None = Field(default=None, description="When the address was last checked.")
    note: str = Field(default="", description="What a reader should know about the source, such as its leaning.")


class Term(_Model):
    """A glossary entry, also shown as a tooltip where the term appears."""

    term: Text = Field(description="The term as written in the text.")
    aliases: tuple[Text, ...] = Field(default=(), description="Other spellings that get the same tooltip.")
    definition: Markdown = Field(description="Plain-language definition.")
    sources: tuple[Cite, ...] = _cites("for the definition")


# Where each kind of file lives under content/, and its model.
EXPLAINER_FILE = "explainer.yml"
COLLECTIONS: dict[str, tuple[str, type[_Model]]] = {
    "briefs": ("brief", Brief),
    "actors": ("actor", Actor),
    "events": ("event", Event),
    "sources": ("source", Source),
    "glossary": ("term", Term),
}
MODELS: dict[str, type[_Model]] = {"explainer": Explainer, **{kind: model for kind, model in COLLECTIONS.values()}}
