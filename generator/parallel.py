"""Both cores: work split among processes forked from this one, results consumed in order.

Forked children share the parent's memory (the graph, the templates, the file
list) without pickling it; only their results travel back, in batches through a
pipe. A child blocks while its pipe is full, so results computed ahead and not
yet consumed stay few. Below ``PARALLEL_FROM`` items, or where ``fork`` is not
the way processes start (macOS, Windows), everything runs here, in order.
``aside`` gives one long piece of work to a child, so this process stays free
(the preview answers saves while a long page renders) and may end it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any, TypeVar

from generator import memory
from generator.errors import ExplainerError

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 2000
"""Below this many items, forking a second process costs more than it saves (measured by ``make bench``)."""

_BATCH = 32


def ordered_map(work: Callable[[T], R], items: Sequence[T], jobs: int = 1) -> Generator[R, None, None]:
    """``work(item)`` for each item, yielded in order; with ``jobs`` above one, children work ahead.

    Child ``c`` computes items ``c, c + jobs, c + 2 * jobs, ...``; this process computes
    its own share only when the consumer reaches it. Closing the iterator ends the children.
    """
    if jobs <= 1 or len(items) < PARALLEL_FROM or sys.platform != "linux":
        yield from map(work, items)
        return
    context = multiprocessing.get_context("fork")
    children: list[tuple[Any, Any]] = []
    with memory.frozen(), _ending(children):
        for share in range(1, jobs):
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_work_share, args=(work, items[share::jobs], send), daemon=True)
            child.start()
            send.close()
            children.append((child, receive))
        pending: list[deque[R]] = [deque() for _ in children]
        for index, item in enumerate(items):
            share = index % jobs
            if share == 0:
                yield work(item)
                continue
            queue = pending[share - 1]
            if not queue:
                queue.extend(_receive(children[share - 1][1]))
            yield queue.popleft()


@contextlib.contextmanager
def _ending(children: list[tuple[Any, Any]]) -> Iterator[None]:
    """End every child when the consumer stops (done, failed, or the iterator closed)."""
    try:
        yield
    finally:
        for child, receive in children:
            receive.close()
            if child.is_alive():
                child.kill()
            child.join()


def _work_share(work: Callable[[T], R], share: Sequence[T], send: Any) -> None:
    try:
        batch: list[R] = []
        for item in share:
            batch.append(work(item))
            if len(batch) == _BATCH:
                send.send(batch)
                batch = []
        send.send(batch)
    except BaseException as exc:
        with contextlib.suppress(BaseException):
            send.send(exc)
    finally:
        send.close()


def _receive(receive: Any) -> list[Any]:
    try:
        batch = receive.recv()
    except EOFError:
        raise ExplainerError("a worker process ended before sending its results") from None
    if isinstance(batch, BaseException):
        raise batch
    return list(batch)


def aside(work: Callable[[], R], stop: Callable[[], bool], poll: float = 0.05) -> R | None:
    """``work()`` done by a forked child while this process stays free to answer; None, with the child ended,
    when ``stop()`` says so first. Where ``fork`` is not the way processes start, the work is done here."""
    if sys.platform != "linux":
        return work()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    with memory.frozen():
        child = context.Process(target=_work_aside, args=(work, send), daemon=True)
        child.start()
    send.close()
    try:
        while not receive.poll(poll):
            if stop():
                return None
            if not child.is_alive() and not receive.poll(0):
                raise ExplainerError("a worker process ended before sending its result")
        result = receive.recv()
        if isinstance(result, BaseException):
            raise result
        return result  # type: ignore[no-any-return]
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()


def _work_aside(work: Callable[[], R], send: Any) -> None:
    try:
        send.send(work())
    except BaseException as exc:
        with contextlib.suppress(BaseException):
            send.send(exc)
    finally:
        send.close()
