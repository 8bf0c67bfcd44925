"""Long work given to a child process: its result comes back, its error is raised here, and a stop ends it."""

from __future__ import annotations

import os
import time

import pytest

from generator import parallel


def test_the_childs_result_comes_back_and_the_work_is_done_in_another_process() -> None:
    assert parallel.aside(lambda: ("done", os.getpid()), lambda: False) == (
        "done",
        pytest.approx(os.getpid(), abs=10**9),
    )
    assert parallel.aside(os.getpid, lambda: False) != os.getpid()


def test_a_stop_ends_the_child_at_once_and_gives_nothing() -> None:
    start = time.monotonic()

    assert parallel.aside(lambda: time.sleep(60), lambda: time.monotonic() - start > 0.2) is None
    assert time.monotonic() - start < 10


def test_an_error_in_the_child_is_raised_here() -> None:
    def fail() -> None:
        raise ValueError("no such page")

    with pytest.raises(ValueError, match="no such page"):
        parallel.aside(fail, lambda: False)
