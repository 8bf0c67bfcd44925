"""What a file that failed validation still says: the parts of it that are valid on their own.

A brief with a misspelt key is not a model, yet its references, its text and its
claims can still be checked, so that one run reports every problem rather than
one round at a time. Each field, and each item of a list, is validated on its
own against its declaration; what validates is kept as the walkers of valid
models see it: leaves (location, field name, kind referenced, value) and whole
sub-models. What fails is walked into, down to the values that are wrong.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from generator.errors import Loc

Leaf = tuple[Loc, str, str | None, Any]
"""A value that is not a model: where it is, its field's name, the kind it references (if any), the value."""


@dataclass(frozen=True)
class Salvaged:
    """The valid parts of an invalid document."""

    leaves: tuple[Leaf, ...]
    """Valid values outside any valid sub-model."""
    models: tuple[tuple[Loc, BaseModel], ...]
    """The largest sub-models that validated, each with its location."""


def salvage(model: type[BaseModel], data: Any) -> Salvaged:
    """The parts of ``data`` that validate against their own declarations in ``model``."""
    leaves: list[Leaf] = []
    models: list[tuple[Loc, BaseModel]] = []
    for item in _walk(model, data, ()):
        if isinstance(item[1], BaseModel):
            models.append(item)
        else:
            leaves.append(item)
    return Salvaged(tuple(leaves), tuple(models))


def _walk(model: type[BaseModel], data: Any, loc: Loc) -> Iterator[Leaf | tuple[Loc, BaseModel]]:
    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        if name in data:
            yield from _field(model, name, info, data[name], (*loc, name))


def _field(model: type[BaseModel], name: str, info: FieldInfo, raw: Any, loc: Loc) -> Iterator[Any]:
    target = _target(info)
    ok, value = _check(_adapter(model, name), raw)
    if ok:
        yield from _kept(name, target, value, loc)
        return
    item_type = _item_type(info.annotation)
    if item_type is not None:
        if isinstance(raw, list):
            for index, item in enumerate(raw):
                ok, value = _check(_item_adapter(item_type), item)
                if ok:
                    yield from _kept(name, target, value, (*loc, index))
                elif (inner := model_in(item_type)) is not None:
                    yield from _walk(inner, item, (*loc, index))
    elif (inner := model_in(info.annotation)) is not None:
        yield from _walk(inner, raw, loc)


def _kept(name: str, target: str | None, value: Any, loc: Loc) -> Iterator[Any]:
    if isinstance(value, BaseModel):
        yield loc, value
    elif isinstance(value, tuple) and not _is_pair(value):
        for index, item in enumerate(value):
            yield from _kept(name, target, item, (*loc, index))
    else:
        yield loc, name, target, value


def _is_pair(value: tuple[Any, ...]) -> bool:
    """Coordinates and boxes are tuples of numbers: one value, not a list."""
    return bool(value) and all(isinstance(v, (int, float)) for v in value)


def _check(adapter: TypeAdapter[Any], raw: Any) -> tuple[bool, Any]:
    try:
        return True, adapter.validate_python(raw)
    except ValidationError:
        return False, None


def _target(info: FieldInfo) -> str | None:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    target = extra.get("x-ref")
    return target if isinstance(target, str) else None


@functools.cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    annotation: Any = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(annotation)


@functools.cache
def _item_adapter(item_type: Any) -> TypeAdapter[Any]:
    return TypeAdapter(item_type)


def _item_type(annotation: Any) -> Any:
    """``X`` for a list field ``tuple[X, ...]`` (optional or not), else None."""
    if typing.get_origin(annotation) is tuple:
        args = typing.get_args(annotation)
        return args[0] if len(args) == 2 and args[1] is Ellipsis else None
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is tuple:
            return _item_type(arg)
    return None


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class an annotation holds (through ``Annotated`` and optionals), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = model_in(arg)
        if found is not None:
            return found
    return None
