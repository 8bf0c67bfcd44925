"""Regular expressions that JSON Schema, Python and JavaScript read alike: the editors' tools and the command
line check dates, addresses, ids and text by the same patterns."""

from __future__ import annotations

SLUG_BODY = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def whole(body: str) -> str:
    """A JSON Schema pattern matching all of a value: ``$(?!\\n)`` ends it in Python's ``re`` (where ``$`` also
    matches before a final line break) as in JavaScript's, so editors and the command line agree."""
    return f"^(?:{body})$(?!\\n)"


# Dates as patterns, each month with its own days and 29 February in leap years only.
_YEAR = "[0-9]{4}"
_MONTH = "(?:0[1-9]|1[0-2])"
_MONTH_DAY = (
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_DAY = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29"
_FULL_DATE = f"{_YEAR}-{_MONTH_DAY}|{_LEAP_DAY}"
DATE_PATTERN = whole(f"(?!0000)(?:{_FULL_DATE})")
PARTIAL_DATE_PATTERN = whole(f"(?!0000)(?:{_YEAR}(?:-{_MONTH})?|{_FULL_DATE})")
_URL_CHAR = r'[^\s\x00-\x1f\x7f<>"{}|\\^`]'
URL_PATTERN = whole(f"[Hh][Tt][Tt][Pp][Ss]?://(?![/?#]){_URL_CHAR}+")
ID_PATTERN = whole(f"(?!(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$){SLUG_BODY}")
TEXT_SCHEMA = {"type": "string", "minLength": 1, "pattern": r"\S"}
