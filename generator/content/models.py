"""The content model: every kind of file an editor writes about the story, declared once.

Each field carries a description; the same text reaches the JSON Schema that
editors' tools use for completion and hover help. Unknown keys are refused.
An entity's id is its file name, so it can never disagree with it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from generator.content.fields import (
    Bool,
    Cite,
    Date,
    FuzzyDate,
    Id,
    Ignore,
    Int,
    IsoCode,
    Latitude,
    Longitude,
    Markdown,
    Model,
    Number,
    Status,
    Text,
    Url,
    cites,
    ignores,
    ref,
    refs,
)


class Perspective(Model):
    """A party's view: of a brief's subject, or one side of a disputed claim."""

    who: Text = Field(description="Whose view this is, such as 'The Azerbaijani government'.")
    actor: Id | None = ref("actor", "Actor id of whoever holds the view, if any.", default=None)
    view: Markdown = Field(description="The view, attributed and in neutral wording.")
    sources: tuple[Cite, ...] = cites("where they state this view")
    ignore: tuple[Ignore, ...] = ignores()


class Estimate(Model):
    """One estimate behind a claim: who produced it, and what it is."""

    by: Text = Field(description="Who produced the estimate, such as 'SIPRI' or 'Brenda Shaffer, quoted by Bloomberg'.")
    value: Text = Field(description="The estimate as they give it, with its year, such as 'about 40% (2014)'.")
    sources: tuple[Cite, ...] = cites("that report this estimate")


class Claim(Model):
    """A sourced statement with a visible degree of certainty."""

    text: Markdown = Field(description="The claim, in one or two sentences of Markdown.")
    sources: tuple[Cite, ...] = cites("that support the claim")
    status: Status = Field(description="How certain the claim is: confirmed, reported, disputed or estimate.")
    as_of: FuzzyDate | None = Field(
        default=None, description="When the claim was last known true: required for a claim about a current state."
    )
    sides: tuple[Perspective, ...] = Field(
        default=(), description="For a disputed claim: each side's view, with its sources."
    )
    estimates: tuple[Estimate, ...] = Field(
        default=(), description="For an estimate: each estimate, who produced it, and its sources."
    )
    ignore: tuple[Ignore, ...] = ignores()


class Figure(Model):
    """A key number, or a range, with its date and source."""

    label: Text = Field(description="What the number measures.")
    qualifier: Literal["about", "more than", "at least", "less than", "up to"] | None = Field(
        default=None, description="Shown before the value when the source gives a bound or an approximation."
    )
    value: Number = Field(description="The number, or the lower bound of a range.")
    upper: Number | None = Field(default=None, description="Upper bound when the figure is a range.")
    unit: str = Field(default="", description="Unit shown after the number, such as % or $bn.")
    as_of: FuzzyDate = Field(description="When the figure was published or measured.")
    period: str = Field(
        default="", description="The years the data describe, such as 2016–2020, when they differ from `as_of`."
    )
    sources: tuple[Cite, ...] = cites("for the figure")
    status: Status = Field(description="How certain the figure is.")
    by: str = Field(default="", description="Who produced the figure; required for an estimate.")
    note: Markdown | None = Field(default=None, description="Caveats a reader should know.")
    chart: Id | None = Field(
        default=None,
        description="Id of one of the brief's `charts`: figures naming the same chart are drawn together.",
    )
    chart_label: str = Field(
        default="", description="The figure's name in its chart, such as who made the estimate (default: its label)."
    )
    series: str = Field(default="", description="Within a chart, figures sharing a series name are drawn as one line.")
    ignore: tuple[Ignore, ...] = ignores()


class Chart(Model):
    """A chart drawn from some of a brief's figures, described as a chart in data journalism is."""

    id: Id = Field(description="Slug that figures name in their `chart` field.")
    title: Text = Field(description="Title above the chart: what it is about, in a few words.")
    subtitle: Text = Field(description="What is measured, and in what unit, such as 'Share of Israel's crude oil, %'.")
    note: Text = Field(
        description="The years the data describe and anything else a reader needs to read the chart right."
    )


class Change(Model):
    date: Date = Field(description="When the change was made.")
    note: Markdown = Field(description="What changed: an update or a correction.")


class Section(Model):
    """A part of a brief's body under its own heading."""

    heading: Text = Field(description="Section heading.")
    body: Markdown = Field(description="Section text in Markdown paragraphs (no headings).")
    sources: tuple[Cite, ...] = cites("for facts in the section text")
    ignore: tuple[Ignore, ...] = ignores()


class Brief(Model):
    """One brief: a self-contained page on one theme of the explainer."""

    kind: Id = ref("kind", "Brief kind, one of the ids declared in the explainer's `kinds`.")
    title: Text = Field(description="Title of the brief.")
    summary: Markdown = Field(description="What a reader should take away in 30 seconds.")
    weight: Int = Field(default=0, description="Order within its kind; lower comes first.")
    key_points: tuple[Claim, ...] = Field(min_length=1, description="Key points, each with its sources.")
    sections: tuple[Section, ...] = Field(default=(), description="Body sections.")
    figures: tuple[Figure, ...] = Field(default=(), description="Key figures.")
    charts: tuple[Chart, ...] = Field(
        default=(),
        description="Charts of the figures. Three or more figures make a chart; fewer are shown as a small table.",
    )
    perspectives: tuple[Perspective, ...] = Field(default=(), description="Views of the parties, side by side.")
    actors: tuple[Id, ...] = refs("actor", "actors involved")
    events: tuple[Id, ...] = refs("event", "timeline events the brief mentions")
    related: tuple[Id, ...] = refs("brief", "related briefs")
    tags: tuple[Id, ...] = refs("tag", "topics declared in the explainer's `tags`, each shared with other briefs")
    published: Date = Field(description="Date of first publication.")
    updated: Date | None = Field(default=None, description="Date of the last substantive update.")
    reviewed: Date = Field(description="Date an editor last checked the whole brief.")
    draft: Bool = Field(default=False, description="Drafts are validated but not published.")
    changes: tuple[Change, ...] = Field(default=(), description="Log of substantive updates and corrections.")
    ignore: tuple[Ignore, ...] = ignores()


class Link(Model):
    title: Text = Field(description="Link text.")
    url: Url = Field(description="http(s) address.")


class Tie(Model):
    actor: Id = ref("actor", "Id of the other actor.")
    kind: Id = ref("kind", "Brief kind the tie belongs to, such as energy.")
    label: Text = Field(description="Short verb phrase, such as 'sells crude oil to'.")
    sources: tuple[Cite, ...] = cites("for the tie")


class Actor(Model):
    """A country, person, organisation or institution."""

    name: Text = Field(description="Name as readers know it.")
    type: Literal["country", "person", "organisation", "institution"] = Field(description="What kind of actor.")
    summary: Markdown = Field(description="Short neutral profile.")
    role: Markdown = Field(description="Its role in this story.")
    iso: IsoCode | None = Field(default=None, description="Countries: ISO 3166-1 numeric code, three digits.")
    country: Id | None = ref("actor", "Actor id of the country a person or body belongs to.", default=None)
    aliases: tuple[Text, ...] = Field(default=(), description="Other names used in the text.")
    links: tuple[Link, ...] = Field(default=(), description="Further reading.")
    ties: tuple[Tie, ...] = Field(default=(), description="Relationships drawn in the actors diagram.")
    ignore: tuple[Ignore, ...] = ignores()


class Event(Model):
    """A dated event on the timeline."""

    date: FuzzyDate = Field(description="YYYY-MM-DD, or YYYY-MM / YYYY when only that is known.")
    end: FuzzyDate | None = Field(default=None, description="Last day of an event lasting several days.")
    title: Text = Field(description="What happened, in a few words.")
    description: Markdown = Field(description="One or two sentences of context.")
    actors: tuple[Id, ...] = refs("actor", "actors involved")
    sources: tuple[Cite, ...] = cites("for the event", min_length=1)
    status: Status = Field(default="confirmed", description="How certain the event is.")
    planned: Bool = Field(default=False, description="The event was scheduled but had not happened when last checked.")
    ignore: tuple[Ignore, ...] = ignores()


class Source(Model):
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
    date: FuzzyDate = Field(description="Publication date: YYYY-MM-DD, or YYYY-MM / YYYY when only that is known.")
    url: Url | None = Field(default=None, description="http(s) address.")
    archived: Url | None = Field(default=None, description="Address of an archived copy, such as on web.archive.org.")
    copy_of: Id | None = ref(
        "source", "Id of the source this one copies or reposts: a copy never counts as independent.", default=None
    )
    accessed: Date | None = Field(default=None, description="When the address was last checked.")
    note: str = Field(default="", description="What a reader should know about the source, such as its leaning.")
    ignore: tuple[Ignore, ...] = ignores()


Point = tuple[Longitude, Latitude]


class Route(Model):
    """A line on a map, such as a pipeline or a shipping lane: drawn through its points, so schematic."""

    name: Text = Field(description="Name of the route, shown in the legend.")
    kind: Literal["pipeline", "shipping", "road", "rail", "other"] = Field(description="How the route is drawn.")
    planned: Bool = Field(default=False, description="Not built yet: drawn dashed and called planned in the legend.")
    points: tuple[Point, ...] = Field(min_length=2, description="Waypoints as [longitude, latitude].")
    sources: tuple[Cite, ...] = cites("for the route")


class Place(Model):
    """A place marked with a dot and its name."""

    name: Text = Field(description="Name of the place.")
    point: Point = Field(description="Location as [longitude, latitude].")
    sources: tuple[Cite, ...] = cites("for the place's location")


class Label(Model):
    """A name written across an area of a map: a sea, or a region that is not a country."""

    name: Text = Field(description="The name as written on the map.")
    kind: Literal["sea", "region"] = Field(description="Seas are written in blue, regions in dark grey.")
    point: Point = Field(description="Where the name is centred, as [longitude, latitude].")
    sources: tuple[Cite, ...] = cites("for where the region lies")


class Map(Model):
    """A map drawn at build time from Natural Earth country shapes: the countries a story is about, and its
    routes and places."""

    title: Text = Field(description="Title above the map.")
    subtitle: Text = Field(description="What the map shows, in one sentence.")
    description: Text = Field(description="Text alternative: what the map shows, for readers who cannot see it.")
    bbox: tuple[Longitude, Latitude, Longitude, Latitude] = Field(
        description="Area shown: [lon_min, lat_min, lon_max, lat_max], west to east and south to north."
    )
    countries: tuple[Id, ...] = refs("actor", "the countries the map is about, tinted and named (each with `iso`)")
    labels: tuple[Label, ...] = Field(default=(), description="Seas and regions named on the map.")
    routes: tuple[Route, ...] = Field(default=(), description="Routes drawn as lines.")
    places: tuple[Place, ...] = Field(default=(), description="Places marked with a dot and a label.")
    note: str = Field(default="", description="What a reader should know, beyond the note that routes are schematic.")
    sources: tuple[Cite, ...] = cites("for what the map shows, besides its routes, places and labels")
    briefs: tuple[Id, ...] = refs("brief", "briefs that show this map")
    weight: Int = Field(default=0, description="Order on the maps page, lower first; the first is on the home page.")

    @field_validator("bbox")
    @classmethod
    def _has_area(cls, bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box the map can be drawn in: west before east and south before north, so it has an area."""
        lon_min, lat_min, lon_max, lat_max = bbox
        if not (lon_min < lon_max and lat_min < lat_max):
            message = "[{box}] has no area: write [west, south, east, north], west < east and south < north"
            raise PydanticCustomError("invalid_area", message, {"box": ", ".join(f"{v:g}" for v in bbox)})
        return bbox


class Term(Model):
    """A glossary entry, also shown as a tooltip where the term appears."""

    term: Text = Field(description="The term as written in the text.")
    aliases: tuple[Text, ...] = Field(default=(), description="Other spellings that get the same tooltip.")
    definition: Markdown = Field(description="Plain-language definition.")
    sources: tuple[Cite, ...] = cites("for the definition")
    ignore: tuple[Ignore, ...] = ignores()
