"""Plain YAML scalars typed by the YAML 1.2 core schema: ``yes`` and ``2026-01-01`` stay text.

PyYAML types scalars by YAML 1.1, where ``no`` is false and dates become dates;
the models expect 1.2 rules, and dates as text they parse themselves.
"""

from __future__ import annotations

import re
from typing import Any

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"
)


def typed(event: Any) -> Any:
    """Type a scalar by YAML 1.2 core rules; quoted and block scalars are always text."""
    value: str = event.value
    tag = event.tag
    if tag is None and not event.implicit[0]:
        return value
    if tag in ("!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        return value
    if tag in (None, "tag:yaml.org,2002:null") and _NULL.match(value):
        return None
    if tag in (None, "tag:yaml.org,2002:bool") and value in _BOOL:
        return _BOOL[value]
    if tag in (None, "tag:yaml.org,2002:int") and _INT.match(value):
        try:
            return int(value, 0) if value.lstrip("+-")[:2] in ("0x", "0o") else int(value)
        except ValueError:  # more digits than Python converts: too large a number, as the model says
            return float(value)
    if tag in (None, "tag:yaml.org,2002:float") and _FLOAT.match(value):
        special = value.lower().lstrip("+")
        if special in (".inf", "-.inf", ".nan"):  # Python spells these inf, -inf and nan
            return float(special.replace(".", ""))
        return float(value)
    return value
