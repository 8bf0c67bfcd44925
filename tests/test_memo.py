"""Values kept per object: only while a preview keeps them, and never after the object is gone."""

from __future__ import annotations

import gc

from generator import memo


class Model:
    pass


def test_values_are_kept_inside_keeping_and_computed_afresh_outside() -> None:
    calls: list[Model] = []
    length = memo.by_identity(lambda model: calls.append(model) or len(calls))
    model = Model()

    assert (length(model), length(model)) == (1, 2), "a one-off build keeps nothing"
    with memo.keeping():
        assert (length(model), length(model)) == (3, 3)
    assert length(model) == 3, "what a preview kept stays while the object lives"


def test_a_value_goes_with_its_object() -> None:
    kept = memo.by_identity(lambda model: [model.__class__.__name__])
    with memo.keeping():
        first = Model()
        value = kept(first)
        del first
        gc.collect()
        assert kept(Model()) == value and kept(Model()) is not value
