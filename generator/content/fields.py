"""The building blocks of content models: dates, addresses, ids, text, references and citations.

Each type validates what editors write and says, in its JSON Schema, what it accepts,
so the editor's tools and the command line agree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import annotated_types
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.content.patterns import (
    DATE_PATTERN,
    ID_PATTERN,
    PARTIAL_DATE_PATTERN,
    SLUG_BODY,
    TEXT_SCHEMA,
    URL_PATTERN,
    whole,
)
from generator.content.values import (
    MAX_ID_LENGTH,
    check_slug,
    check_url,
    finite,
    no_blank,
    no_text_or_bool,
    short_line,
    short_paragraphs,
)

SLUG_PATTERN = rf"^{SLUG_BODY}$"
_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


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

    def before(self, other: PartialDate) -> bool:
        """Whether this date is certainly before ``other``, compared at the precision both share: 2016-04 is
        before 2020, but 2020 is not before 2020-09, nor 2020-09 before 2020-09-27."""
        precision = min(self._precision, other._precision)
        return (self.year, self.month, self.day)[:precision] < (other.year, other.month, other.day)[:precision]

    @property
    def _precision(self) -> int:
        return 3 if self.day else 2 if self.month else 1

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
    match = _PARTIAL_DATE.fullmatch(text or "")
    if not match:
        raise PydanticCustomError(
            "invalid_date", "'{value}' is not a date written YYYY-MM-DD, YYYY-MM or YYYY", {"value": value}
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
    try:
        partial = _parse_partial_date(value)
    except PydanticCustomError as exc:
        real = "real date" in exc.message_template
        template = exc.message_template if real else "'{value}' is not a date written YYYY-MM-DD"
        raise PydanticCustomError("invalid_full_date", template, exc.context) from None
    if not partial.day:
        message = "'{value}' has no day: this field needs the full date, YYYY-MM-DD"
        raise PydanticCustomError("invalid_full_date", message, {"value": value})
    return dt.date(partial.year, partial.month, partial.day)


Date = Annotated[dt.date, BeforeValidator(_parse_date), WithJsonSchema({"type": "string", "pattern": DATE_PATTERN})]
FuzzyDate = Annotated[
    PartialDate,
    BeforeValidator(_parse_partial_date),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": PARTIAL_DATE_PATTERN,
            "minimum": 1000,
            "maximum": 9999,
            "description": "YYYY-MM-DD, YYYY-MM or YYYY",
        }
    ),
]
Url = Annotated[str, AfterValidator(check_url), WithJsonSchema({"type": "string", "pattern": URL_PATTERN})]
Id = Annotated[
    str,
    AfterValidator(check_slug),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH}),
]
Text = Annotated[str, AfterValidator(no_blank), AfterValidator(short_line), WithJsonSchema(TEXT_SCHEMA)]
Markdown = Annotated[
    str,
    AfterValidator(no_blank),
    AfterValidator(short_paragraphs),
    WithJsonSchema({**TEXT_SCHEMA, "contentMediaType": "text/markdown"}),
    Field(description="Markdown text."),
]
"""Text with emphasis, lists and links; ``contentMediaType`` marks it for the editors' schemas, which add the
rules for links."""
Int = Annotated[int, BeforeValidator(no_text_or_bool)]
"""A whole number: 10, never "10" or true (a YAML ``1.0`` is 1, as JSON Schema counts it)."""
Number = Annotated[float, BeforeValidator(finite), BeforeValidator(no_text_or_bool)]
"""A number: finite, at most 10^15 in size, never "10" in quotes or true."""
Longitude = Annotated[
    float, annotated_types.Interval(ge=-180, le=180), BeforeValidator(finite), BeforeValidator(no_text_or_bool)
]
Latitude = Annotated[
    float, annotated_types.Interval(ge=-90, le=90), BeforeValidator(finite), BeforeValidator(no_text_or_bool)
]
Bool = Annotated[bool, Strict()]
_ISO = re.compile("[0-9]{3}")


def _check_iso(value: str) -> str:
    if not _ISO.fullmatch(value):
        raise PydanticCustomError("string_pattern_mismatch", "'{value}' is not three digits", {"value": value})
    return value


IsoCode = Annotated[str, AfterValidator(_check_iso), WithJsonSchema({"type": "string", "pattern": whole("[0-9]{3}")})]
"""true or false, as written: YAML 1.2 reads ``yes`` as text, and so does this."""
Status = Literal["confirmed", "reported", "disputed", "estimate"]
STATUSES: tuple[str, ...] = ("confirmed", "reported", "disputed", "estimate")


class Model(BaseModel):
    """Every content model: unknown keys are refused, and a validated model never changes."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=False, str_strip_whitespace=False, allow_inf_nan=False
    )


def ref(kind: str, description: str, **kwargs: Any) -> Any:
    """A field holding ids of ``kind``: every field declared this way is checked and resolved."""
    return Field(description=description, json_schema_extra={"x-ref": kind}, **kwargs)


def refs(kind: str, what: str) -> Any:
    """A list of ids of ``kind``, empty by default."""
    return ref(kind, f"Ids of {what}.", default=())


class Citation(Model):
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
                {"type": "string", "pattern": ID_PATTERN, "description": "Id of a source.", "x-ref": "source"},
                handler(core_schema),
            ]
        }


Cite = Annotated[Citation, BeforeValidator(_to_citation), _IdOrCitation]


def cites(what: str, **kwargs: Any) -> Any:
    """A list of citations (the field the corpus follows through ``Citation.source``)."""
    return Field(
        description=f"The sources {what}: ids, or `{{source: id, locator: ..., excerpt: ...}}` to say where.",
        **({"default": ()} | kwargs),
    )


WarningCode = Literal[
    "unsourced",
    "unused-source",
    "unused-actor",
    "unused-term",
    "undated-year",
    "stale-review",
    "placeholder",
    "undated-state",
    "source-predates",
]
"""The warnings an editor may silence on one item, with a reason (``ignore:``): those a correct text can raise.
The other certainty rules (independent sources, capped sources, sides, producers) are the desk's standard."""


class Ignore(Model):
    """One warning silenced on one item, and why."""

    code: WarningCode = Field(description="The warning to silence on this item, such as undated-year.")
    reason: Text = Field(description="Why the warning does not apply here, for the next editor to read.")


def ignores() -> Any:
    """The ``ignore`` field of an item: warnings silenced there, and only there."""
    return Field(
        default=(),
        description="Warnings silenced on this item (not on the items inside it), each with its reason: "
        "`{code: undated-year, reason: ...}`.",
    )
