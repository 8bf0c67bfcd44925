"""Documents → typed models, with each schema problem placed at its line and column."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.content.dates import date_hint
from generator.content.document import Document
from generator.content.salvage import model_in
from generator.errors import Diagnostic

_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "literal_error": "invalid-value",
    "invalid_date": "invalid-date",
    "invalid_url": "invalid-url",
    "invalid_id": "invalid-id",
    "too_short": "too-few-items",
    "empty_text": "empty-text",
    "string_pattern_mismatch": "invalid-value",
    "greater_than_equal": "invalid-value",
    "less_than_equal": "invalid-value",
    "finite_number": "invalid-number",
    "invalid_number": "invalid-number",
    "invalid_area": "invalid-value",
    "long_text": "text-too-long",
    "invalid_full_date": "invalid-date",
}
_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing",
}


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice closest to ``word``, if one is close enough to be a likely misspelling."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """A hint naming the closest of a short, fixed list of choices (fields, values), or listing them all."""
    close = closest(word, choices)
    if close:
        return f"did you mean '{close}'?"
    return "expected one of: " + ", ".join(sorted(choices))


def to_model(doc: Document, model: type[BaseModel]) -> tuple[BaseModel | None, list[Diagnostic]]:
    """Validate one document against its model; every error found is returned, none raised."""
    try:
        valid = model.model_validate(doc.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # A list whose items failed also reports itself as too short; the item errors say more.
        failed = {tuple(e["loc"][:-1]) for e in errors if len(e["loc"]) > 1}
        kept = [e for e in errors if not (e["type"] == "too_short" and tuple(e["loc"]) in _prefixes(failed))]
        kept = [e for e in kept if not _misspelled(e, errors)]
        return None, [_diagnostic(doc, model, error) for error in kept]
    _share(valid)
    return valid, []


_FIELDS_SETS: dict[frozenset[str], frozenset[str]] = {}
_SHORT = 64
"""Text up to this length (ids, tags, dates, short labels) is interned: it repeats across files."""


def _share(model: BaseModel) -> None:
    """Let equal parts of validated models be one object: field-name sets and short text.

    Pydantic gives each instance a set of the fields its input named, and each file's parse its own
    strings; the models are frozen, so equal ones can be shared. At 10,000 briefs the sets held 45 MB
    and repeated ids and tags 13 MB.
    """
    names = frozenset(model.__pydantic_fields_set__)
    object.__setattr__(model, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(names, names))
    values = model.__dict__
    for name, value in values.items():
        cls = type(value)
        if cls is str:
            if len(value) <= _SHORT:
                values[name] = sys.intern(value)
        elif cls is tuple:
            if value and type(value[0]) is str:
                values[name] = tuple(sys.intern(item) if len(item) <= _SHORT else item for item in value)
            else:
                for item in value:
                    if isinstance(item, BaseModel):
                        _share(item)
        elif isinstance(value, BaseModel):
            _share(value)


def _misspelled(error: Any, errors: list[Any]) -> bool:
    """A missing field explained by a misspelled key beside it is one mistake: report the key only."""
    if error["type"] != "missing":
        return False
    parent, name = tuple(error["loc"][:-1]), str(error["loc"][-1])
    unknown = [str(e["loc"][-1]) for e in errors if e["type"] == "extra_forbidden" and tuple(e["loc"][:-1]) == parent]
    return bool(difflib.get_close_matches(name, unknown, n=1, cutoff=0.6))


def _prefixes(locs: set[tuple[Any, ...]]) -> set[tuple[Any, ...]]:
    return {loc[:n] for loc in locs for n in range(len(loc) + 1)}


def _diagnostic(doc: Document, model: type[BaseModel], error: Any) -> Diagnostic:
    loc = _data_loc(doc.data, error["loc"])
    kind: str = error["type"]
    code = _CODES.get(kind, "wrong-type")
    field = ".".join(str(p) for p in loc) or "file"
    if kind == "missing":
        return _missing(doc, model, loc, field)
    line, col = doc.position(loc, key=kind == "extra_forbidden")
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        message, hint = (
            f"unknown field '{field}'",
            did_you_mean(str(loc[-1]), list(parent.model_fields) if parent else []),
        )
    elif error["input"] is None and loc:
        info = _field_info(model, loc)
        code, message = "empty-value", f"'{field}' is empty"
        hint = f"write its value after `{loc[-1]}:`" + (f" ({info.description})" if info and info.description else "")
    elif kind == "literal_error":
        expected = [str(v) for v in _literal_choices(error)]
        message, hint = f"'{error['input']}' is not allowed for '{field}'", did_you_mean(str(error["input"]), expected)
    elif code == "wrong-type":
        message, hint = _wrong_type(error, field, loc)
    elif code == "too-few-items":
        count = error.get("ctx", {}).get("min_length", 1)
        message, hint = f"'{field}' needs at least {count} item{'s' * (count != 1)}", "add an item"
    else:
        message, hint = f"'{field}': {error['msg']}", _HINTS.get(code, "")
        if code == "invalid-date":
            hint = date_hint(error["input"], full=kind == "invalid_full_date")
        elif code == "text-too-long":
            hint = "split it: a blank line starts a new paragraph" if "paragraph" in message else "shorten it"
    return Diagnostic(doc.path, line, col, code, message, hint)


_HINTS = {
    "invalid-url": "addresses start with https:// or http://",
    "invalid-id": "ids are lowercase words joined by hyphens, such as `energy-ties`",
    "invalid-number": "write a finite number; give large amounts in a larger unit, such as 1.2 with unit $bn",
    "too-few-items": "add at least one item",
}


def _missing(doc: Document, model: type[BaseModel], loc: tuple[str | int, ...], field: str) -> Diagnostic:
    line, col = doc.position(loc[:-1])
    info = _field_info(model, loc)
    hint = f"add `{loc[-1]}:`" + (f" ({info.description})" if info and info.description else "")
    return Diagnostic(doc.path, line, col, "missing-field", f"missing required field '{field}'", hint)


def _wrong_type(error: Any, field: str, loc: tuple[str | int, ...]) -> tuple[str, str]:
    value, kind = error["input"], error["type"]
    got = _TYPE_NAMES.get(type(value), type(value).__name__)
    message = f"'{field}' has the wrong type ({got}): {error['msg'].lower()}"
    if isinstance(value, (int, float)) and "string" in kind:
        return message, "put the value in quotes to make it text"
    if isinstance(value, str) and kind in ("tuple_type", "list_type"):
        return message, f"write a list: `{loc[-1] if loc else field}: [{value}]`"
    if isinstance(value, str) and kind == "number_type":
        return message, "write the number without quotes"
    if isinstance(value, str) and kind == "bool_type":
        return message, "write true or false, without quotes"
    return message, ""


def _field_info(model: type[BaseModel], loc: tuple[str | int, ...]) -> Any:
    parent = _model_at(model, loc[:-1])
    return parent.model_fields.get(str(loc[-1])) if parent else None


def _data_loc(data: Any, loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """The error's location in the document: parts naming a key or index there are kept, union tags dropped."""
    kept: list[str | int] = []
    for part in loc:
        child = _child(data, part)
        if child is _MISSING and _is_union_tag(part):
            continue
        kept.append(part)
        data = None if child is _MISSING else child
    return tuple(kept)


_MISSING = object()


def _child(data: Any, part: Any) -> Any:
    if isinstance(data, dict) and part in data:
        return data[part]
    if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
        return data[part]
    return _MISSING


def _is_union_tag(part: Any) -> bool:
    # Pydantic names union members in locations ("function-after[...]", "tuple[...]"); they mean nothing to editors.
    return isinstance(part, str) and ("[" in part or part in ("int", "float", "str", "bool", "none"))


def _literal_choices(error: Any) -> list[Any]:
    expected = error.get("ctx", {}).get("expected", "")
    return [part.strip(" '") for part in expected.replace(" or ", ",").split(",") if part.strip(" '")]


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that holds the field at ``loc``, walking through lists and optionals."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        current = model_in(fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None
