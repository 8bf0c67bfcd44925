"""The explainer file: the question, the answer, how briefs are organised, and the desk's rules."""

from __future__ import annotations

from pydantic import Field

from generator.content.fields import (
    Bool,
    Date,
    Id,
    Ignore,
    Int,
    Markdown,
    Model,
    Text,
    Url,
    ignores,
    refs,
)
from generator.content.models import Claim


class Kind(Model):
    """A kind of brief the explainer uses, such as security or energy."""

    id: Id = Field(description="Slug that briefs name in their `kind` field.")
    title: Text = Field(description="Heading for this kind on the site.")
    description: Text = Field(description="One sentence saying what briefs of this kind cover.")


class Author(Model):
    name: Text = Field(description="Author or desk name.")
    url: Url | None = Field(default=None, description="Profile or contact page.")


class Tag(Model):
    """A topic that groups briefs across kinds, such as Iran or arms sales."""

    id: Id = Field(description="Slug that briefs name in their `tags` field.")
    title: Text = Field(description="The topic as readers see it, such as 'Iran'.")
    description: str = Field(default="", description="One sentence saying what briefs with this tag have in common.")


class SourceType(Model):
    """A class of source, by who publishes it, and what it can confirm."""

    id: Id = Field(description="Slug that sources name in their `type` field.")
    title: Text = Field(description="Name shown to readers, such as 'Official document'.")
    description: Text = Field(description="Which sources belong here.")
    independent: Bool = Field(
        default=True, description="Whether a source of this type counts as an independent source for `confirmed`."
    )
    caps_at_reported: Bool = Field(
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


class Definitions(Model):
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


class Certainty(Model):
    """The desk's rules for certainty labels, checked by `explainer validate`."""

    independent_sources_to_confirm: Int = Field(
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


class Explainer(Model):
    """The explainer as a whole: the question, the answer and how the briefs are organised."""

    title: Text = Field(description="Title of the explainer and the site.")
    question: Text = Field(description="The question the explainer answers.")
    answer: Markdown = Field(description="The short answer, in two to four sentences.")
    description: Text = Field(description="One sentence for search engines and social cards.")
    takeaways: tuple[Claim, ...] = Field(min_length=1, description="Key takeaways, each sourced.")
    kinds: tuple[Kind, ...] = Field(min_length=1, description="Brief kinds in reading order.")
    start_here: tuple[Id, ...] = refs("brief", "briefs forming a suggested reading path")
    about: Markdown | None = Field(default=None, description="The 'How this explainer is made' page.")
    authors: tuple[Author, ...] = Field(min_length=1, description="Who writes and maintains the explainer.")
    license: Text = Field(description="License of the content, such as CC BY 4.0.")
    published: Date = Field(description="Date of first publication.")
    updated: Date | None = Field(default=None, description="Date of the last substantive update.")
    review_after_days: Int = Field(default=180, ge=1, description="A brief not reviewed for longer is flagged.")
    tags: tuple[Tag, ...] = Field(
        default=(), description="Topics that group briefs across kinds: a tag is shown once it groups two briefs."
    )
    repository: Url | None = Field(
        default=None,
        description="Address of the repository that holds the content, such as https://github.com/desk/explainer: "
        "readers are sent there to report errors.",
    )
    certainty: Certainty = Field(default_factory=Certainty, description="The rules for certainty labels.")
    ignore: tuple[Ignore, ...] = ignores()
