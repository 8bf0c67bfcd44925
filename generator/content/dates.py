"""What an editor probably meant by a date the models refuse: ``27/11/2026`` is 2026-11-27."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_NUMERIC = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")
_NAMED = re.compile(r"(?:(\d{1,2})(?:st|[nr]d|th)?\s+)?([A-Za-z]+)\.?,?\s+(?:(\d{1,2})(?:st|[nr]d|th)?,?\s+)?(\d{4})")


def date_hint(value: Any, *, full: bool) -> str:
    """The hint for a refused date: how dates are written here, with the likely intended date if one is clear."""
    rule = (
        "write the full date as YYYY-MM-DD"
        if full
        else "write dates as YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known"
    )
    text = str(value).strip() if isinstance(value, (str, int)) else ""
    guess = _guess(text) if len(text) <= 40 else None
    if guess and (not full or guess.count("-") == 2):
        return f"did you mean {guess}? ({rule})"
    return rule


def _guess(text: str) -> str | None:
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        return _numeric(*numeric.groups())
    named = _NAMED.fullmatch(text)
    if named:
        day_before, month_name, day_after, year = named.groups()
        month = _MONTHS.get(month_name.lower())
        day = day_before or day_after
        if month is None:
            return None
        return _checked(int(year), month, int(day)) if day else f"{year}-{month:02d}"
    return None


def _numeric(first: str, second: str, third: str) -> str | None:
    if len(first) == 4:  # 2026/11/27
        return _checked(int(first), int(second), int(third))
    if len(third) != 4:
        return None
    day, month = int(first), int(second)
    if month > 12 >= day:  # 11/27/2026, the American order
        day, month = month, day
    elif day <= 12 and day != month:
        return None  # 05/11/2026: the fifth of November or the eleventh of May, no way to tell
    return _checked(int(third), month, day)


def _checked(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
