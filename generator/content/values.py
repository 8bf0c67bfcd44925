"""What one value may be: an address, an id, a text of bounded length, a sane number.

Each check raises the pydantic error that ``validate`` turns into an editor's message; the types in
``fields`` put them together. Bounded texts keep a build linear: Python-Markdown's work on one
paragraph grows faster than its length.
"""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import urlsplit

from pydantic_core import PydanticCustomError

from generator.content.patterns import SLUG_BODY

_SLUG = re.compile(SLUG_BODY)

_NOT_IN_URLS = re.compile(r'[\s\x00-\x1f\x7f<>"{}|\\^`]')  # never valid in an address (RFC 3986)


def check_url(value: str) -> str:
    try:
        parts = urlsplit(value)
    except ValueError:  # a malformed host in brackets
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.netloc or _NOT_IN_URLS.search(value):
        raise PydanticCustomError("invalid_url", "'{value}' is not an http(s) address", {"value": value})
    return value


MAX_ID_LENGTH = 100
_DEVICE_NAMES = re.compile(r"con|prn|aux|nul|com[0-9]|lpt[0-9]")


def is_slug(value: str) -> bool:
    """Lowercase words joined by hyphens, short enough and ordinary enough to be a file name on any system."""
    return len(value) <= MAX_ID_LENGTH and bool(_SLUG.fullmatch(value)) and not _DEVICE_NAMES.fullmatch(value)


def check_slug(value: str) -> str:
    if not is_slug(value):
        raise PydanticCustomError("invalid_id", "'{value}' is not a valid id", {"value": value})
    return value


def no_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_text", "text must not be empty", {})
    return value


MAX_PARAGRAPH = 5_000
"""The longest paragraph of Markdown, in characters. Python-Markdown's work on one paragraph grows faster
than its length (a paragraph of 100,000 ``<`` took it 8 s); bounded paragraphs keep a build linear."""
MAX_LINE = 2_000
"""The longest one-line text (a title, a name, a label), in characters."""
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*+\n")


def short_paragraphs(value: str) -> str:
    longest = max(map(len, _PARAGRAPH_BREAK.split(value)))
    if longest > MAX_PARAGRAPH:
        message = "a paragraph of {length} characters is longer than the limit of {limit}"
        raise PydanticCustomError("long_text", message, {"length": f"{longest:,}", "limit": f"{MAX_PARAGRAPH:,}"})
    return value


def short_line(value: str) -> str:
    if len(value) > MAX_LINE:
        message = "a text of {length} characters is longer than the limit of {limit}"
        raise PydanticCustomError("long_text", message, {"length": f"{len(value):,}", "limit": f"{MAX_LINE:,}"})
    return value


MAX_NUMBER = 1e15
"""The largest size of a number in content: a count, an amount or a share, in the unit the figure names."""


def finite(value: Any) -> Any:
    """A number the site can show and draw: finite (no NaN, no infinity) and at most ``MAX_NUMBER`` in size."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            sane = math.isfinite(float(value)) and abs(value) <= MAX_NUMBER
        except OverflowError:  # an integer too large for a float
            sane = False
        if not sane:
            shown = str(value) if isinstance(value, float) or value.bit_length() < 64 else "a number that large"
            raise PydanticCustomError(
                "invalid_number", "{value} is not a finite number of at most 10^15", {"value": shown}
            )
    return value


def no_text_or_bool(value: Any) -> Any:
    """Numbers are written as numbers: "10" in quotes is text, and ``true`` is not 1."""
    if isinstance(value, (str, bool)):
        raise PydanticCustomError("number_type", "input should be a number, not {what}", {"what": _what(value)})
    return value


def _what(value: Any) -> str:
    return "true or false" if isinstance(value, bool) else "text"
