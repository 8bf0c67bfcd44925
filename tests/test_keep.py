"""What stages may keep between runs: nothing in a one-off build; in the preview, only while the models live."""

from __future__ import annotations

import gc

from generator.keep import nothing
from generator.preview.keep import Kept


class Model:
    pass


def test_a_one_off_build_keeps_nothing() -> None:
    calls: list[int] = []
    model = Model()

    made = [nothing("part", (model,), lambda: calls.append(1) or len(calls)) for _ in range(2)]

    assert made == [1, 2]


def test_the_preview_keeps_a_value_while_every_model_it_was_made_from_is_the_same() -> None:
    keep, calls = Kept(), []
    owner, other = Model(), Model()

    def make() -> int:
        calls.append(1)
        return len(calls)

    assert keep("part", (owner, other), make) == 1
    assert keep("part", (owner, other), make) == 1, "same objects: kept"
    assert keep("part", (owner, Model()), make) == 2, "another model in its place: made again"
    assert keep("other part", (owner,), make) == 3, "each name is its own value"


def test_a_kept_value_goes_with_the_model_it_belongs_to() -> None:
    keep = Kept()
    first = Model()
    keep("part", (first,), lambda: ["made"])
    assert len(keep) == 1

    del first
    gc.collect()

    assert len(keep) == 0
    assert keep("part", (Model(),), lambda: ["again"]) == ["again"]
