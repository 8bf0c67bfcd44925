"""Work shared among processes: the same results, in the same order, as one process would give."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import REPO, generate
from test_e2e import tree_digest

from generator import parallel
from generator.errors import ExplainerError
from generator.project import Project

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _always_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)


def _square_where(item: int) -> tuple[int, int]:
    if item % 7 == 0:
        time.sleep(0.002)  # uneven work, as pages are
    return item * item, os.getpid()


@pytest.mark.parametrize("jobs", [2, 3])
def test_every_result_comes_once_in_order_and_children_do_part_of_the_work(jobs: int) -> None:
    results = list(parallel.ordered_map(_square_where, range(600), jobs))

    assert [square for square, _pid in results] == [item * item for item in range(600)]
    assert {pid for _square, pid in results} - {os.getpid()}, "no item was done by a child"
    assert not multiprocessing.active_children()


def test_while_the_consumer_is_busy_elsewhere_the_children_take_the_share() -> None:
    done_here = 0
    for _square, pid in parallel.ordered_map(_square_where, range(300), 2):
        done_here += pid == os.getpid()
        time.sleep(0.003)  # writing, or making a long file only this process makes

    assert done_here < 100  # halves would leave 150 here; the child's start-up takes a few


def test_an_error_is_raised_when_the_consumer_reaches_its_item() -> None:
    def fail_at_250(item: int) -> int:
        if item == 250:
            raise ValueError(f"no page {item}")
        return item

    seen: list[int] = []
    with pytest.raises(ValueError, match="no page 250"):
        for value in parallel.ordered_map(fail_at_250, range(600), 2):
            seen.append(value)

    assert seen == list(range(250))
    assert not multiprocessing.active_children()


def test_a_child_that_dies_is_an_error_not_a_wait() -> None:
    parent = os.getpid()

    def die_in_a_child(item: int) -> int:
        if os.getpid() != parent:
            os._exit(3)
        time.sleep(0.001)
        return item

    start = time.monotonic()
    with pytest.raises(ExplainerError, match="worker process ended"):
        list(parallel.ordered_map(die_in_a_child, range(600), 2))

    assert time.monotonic() - start < 30


def test_stopping_early_ends_the_children() -> None:
    shared = parallel.ordered_map(_square_where, range(5000), 2)
    assert next(shared)[0] == 0
    shared.close()

    assert not multiprocessing.active_children()


@pytest.mark.slow
def test_the_default_explainer_generated_by_two_processes_is_byte_identical(tmp_path: Path) -> None:
    """After a run in this process (as the preview makes), so the charts' engine has started here first."""
    pages = {}
    for jobs in (1, 2):
        root = tmp_path / str(jobs)
        shutil.copytree(REPO / "content", root / "content")
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        generate(Project.at(root), today=TODAY, jobs=jobs)
        pages[jobs] = tree_digest(root / "docs")

    assert len(pages[1]) > 50
    assert pages[2] == pages[1]


def _native_in_the_parent(item: int) -> tuple[int, int]:
    parallel.native("a library with threads")
    return item, os.getpid()


def test_work_on_a_native_library_the_parent_started_comes_back_to_the_parent() -> None:
    parallel.native("a library with threads")  # started here: its threads would not be in a forked child

    results = list(parallel.ordered_map(_native_in_the_parent, range(300), 2))

    assert results == [(item, os.getpid()) for item in range(300)]
    assert parallel.aside(lambda: _native_in_the_parent(7), lambda: False) == (7, os.getpid())
