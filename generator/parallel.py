"""Both cores: work shared among processes forked from this one, results consumed in order.

Forked children share the parent's memory (the graph, the templates, the file
list) without pickling it; only their results travel back, one by one through a
pipe that a thread here drains as they come. Items are claimed from one shared
counter: the children whenever they are free, the consumer when it reaches an item
nobody has claimed or waits for one a child is still making. So each process does
the share it has time for: when this one is busy elsewhere (writing, or making a
long file the children cannot), the children take more. Children stop claiming
while ``AHEAD`` bytes of their results wait here unconsumed; this process, while
``OWN_AHEAD`` of its own do. Below ``PARALLEL_FROM`` items, or where ``fork`` is
not the way processes start (macOS, Windows), everything runs here, in order.
``aside`` gives one long piece of work to a child, so this process stays free
(the preview answers saves while a long page renders) and may end it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import sys
import threading
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from generator import memory
from generator.errors import ExplainerError

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 2000
"""Below this many items, forking a second process costs more than it saves (measured by ``make bench``)."""

AHEAD = 64 << 20
"""Bytes of results the children may hold here, computed but not yet consumed, before they wait."""

OWN_AHEAD = 1024
"""Results this process may make ahead of the one it waits for, before it waits instead."""

_DONE, _FAILED, _PARENT_ONLY = 0, 1, 2


class ParentOnly(Exception):
    """Work a forked child cannot do: a native library's threads, started before the fork, are not in it."""


_STARTED: dict[str, int] = {}


def native(library: str) -> None:
    """Call before each use of a native library that runs threads of its own (vl-convert does): a process
    forked after they started has none of them, and would wait forever on their locks. There it raises
    ``ParentOnly``, and the item goes back to the process that started them (``ordered_map``, ``aside``)."""
    if _STARTED.setdefault(library, os.getpid()) != os.getpid():
        raise ParentOnly(library)


def ordered_map(work: Callable[[T], R], items: Sequence[T], jobs: int = 1) -> Generator[R, None, None]:
    """``work(item)`` for each item, yielded in order; with ``jobs`` above one, children work ahead.

    Each item is done once, by whoever claims it first: a child claims the next
    unclaimed item whenever it is free; this process, reaching an item, does it
    itself if nobody has claimed it, and while a child still makes it, does the
    next unclaimed one rather than wait. Closing the iterator ends the children.
    """
    if jobs <= 1 or len(items) < PARALLEL_FROM or sys.platform != "linux":
        yield from map(work, items)
        return
    context = multiprocessing.get_context("fork")
    shared = _Shared(work, items, context.Value("q", 0), context.RawValue("q", 0))
    with memory.frozen(), _ending(shared):
        for _ in range(1, jobs):
            receive, send = context.Pipe(duplex=False)
            child = context.Process(
                target=_claim_ahead, args=(work, items, shared.claims, shared.held, send), daemon=True
            )
            child.start()
            send.close()
            shared.listen(child, receive)
        for index in range(len(items)):
            yield shared.take(index)


@dataclass
class _Shared:
    """The items, the counter that hands them out, and the results come back by index: the children's,
    filled by one draining thread per child, and those this process made ahead while it waited."""

    work: Callable[[Any], Any]
    items: Sequence[Any]
    claims: Any  # the next item nobody has claimed
    held: Any  # bytes received from the children and not yet consumed (written here only)
    results: dict[int, tuple[int, Any, int]] = field(default_factory=dict)
    ready: threading.Condition = field(default_factory=threading.Condition)
    children: list[tuple[Any, Any, threading.Thread]] = field(default_factory=list)
    open: int = 0
    own: int = 0  # results this process made ahead, held in ``results`` with a size of -1

    def listen(self, child: Any, receive: Any) -> None:
        thread = threading.Thread(target=self._drain, args=(receive,), daemon=True)
        self.children.append((child, receive, thread))
        with self.ready:
            self.open += 1
        thread.start()

    def take(self, index: int) -> Any:
        """Item ``index``'s result; while a child still works on it, this process does the next unclaimed
        item rather than wait (so it does its share even when the children are always a step ahead)."""
        while True:
            with self.ready:
                if index in self.results:
                    state, value, size = self.results.pop(index)
                    self.held.value -= max(size, 0)
                    self.own -= size < 0
                    break
            ahead = _claim(self.claims, len(self.items)) if self.own < OWN_AHEAD else None
            if ahead is None:
                with self.ready:
                    while index not in self.results and self.open:
                        self.ready.wait()
                    if index not in self.results:
                        raise ExplainerError("a worker process ended before sending its results")
                continue
            made = self._make(ahead)
            with self.ready:
                self.results[ahead] = (*made, -1)
                self.own += 1
        if state == _PARENT_ONLY:
            state, value = self._make(index)
        if state == _FAILED:
            raise value
        return value

    def _make(self, index: int) -> tuple[int, Any]:
        try:
            return _DONE, self.work(self.items[index])
        except Exception as exc:
            return _FAILED, exc

    def _drain(self, receive: Any) -> None:
        try:
            while True:
                message = receive.recv_bytes()
                index, state, value = pickle.loads(message)
                with self.ready:
                    self.results[index] = (state, value, len(message))
                    self.held.value += len(message)
                    self.ready.notify_all()
        except (EOFError, OSError):
            pass  # the child is done, or was ended
        finally:
            with self.ready:
                self.open -= 1
                self.ready.notify_all()


@contextlib.contextmanager
def _ending(shared: _Shared) -> Generator[None, None, None]:
    """End every child when the consumer stops (done, failed, or the iterator closed)."""
    try:
        yield
    finally:
        for child, _receive, _thread in shared.children:
            if child.is_alive():
                child.kill()
            child.join()
        for _child, receive, thread in shared.children:
            thread.join()
            receive.close()


def _claim(claims: Any, total: int) -> int | None:
    """The next item nobody has claimed, now claimed by the caller; None when every item is."""
    with claims.get_lock():
        index: int = claims.value
        if index >= total:
            return None
        claims.value = index + 1
        return index


def _claim_ahead(work: Callable[[T], R], items: Sequence[T], claims: Any, held: Any, send: Any) -> None:
    try:
        while True:
            while held.value > AHEAD:
                time.sleep(0.005)
            index = _claim(claims, len(items))
            if index is None:
                return
            message: tuple[int, int, object]
            try:
                message = (index, _DONE, work(items[index]))
            except ParentOnly:
                message = (index, _PARENT_ONLY, None)
            except BaseException as exc:
                send.send_bytes(pickle.dumps((index, _FAILED, exc)))
                return
            send.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:
        return  # the parent has gone or closed the pipe: nothing to tell
    finally:
        send.close()


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
        if isinstance(result, ParentOnly):
            return work()  # it needs what only this process has started: done here, while the caller waits
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
